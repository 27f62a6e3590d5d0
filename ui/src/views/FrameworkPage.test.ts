import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import FrameworkPage from "./FrameworkPage.svelte";

const text = (nl: string) => ({ nl, en: nl });
const question = (id: string, q: string) => ({
  id,
  text: text(q),
  help: text(`Toelichting bij ${q}`),
  evidence: text(""),
  legal_basis: [],
  applies_when: {},
  knock_out: id === "doel.nut",
});
const version = (v: string, areas: unknown[], changes: unknown = null) => ({
  framework: {
    id: "overbetuwe",
    version: v,
    effective_from: "2026-01-01",
    title: text("Lokaal toetsingskader AI"),
    change_summary: text(""),
    areas,
  },
  loadedFrom: null,
  current: v === "2",
  changes,
});

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("the framework screen", () => {
  it("names areas and questions by their titles, not their ids, and shows the questions to read", async () => {
    const first = version("1", [
      { id: "doel", title: text("Doel en nut"), questions: [question("doel.nut", "Dient de AI inwoners?")] },
      { id: "oud", title: text("Oud thema"), questions: [question("oud.vraag", "Een oude vraag?")] },
    ]);
    const second = version(
      "2",
      [
        { id: "doel", title: text("Doel en nut"), questions: [question("doel.nut", "Dient de AI inwoners?")] },
        {
          id: "nieuw",
          title: text("Nieuw: menselijke controle"),
          questions: [question("nieuw.mens", "Kijkt een mens mee?")],
        },
      ],
      {
        fromVersion: "1",
        toVersion: "2",
        addedAreas: ["nieuw"],
        removedAreas: ["oud"],
        addedQuestions: ["nieuw.mens"],
        removedQuestions: ["oud.vraag"],
        changedQuestions: [],
      },
    );
    mockIPC((cmd) => {
      if (cmd === "framework_versions") return [first, second];
      if (cmd === "duty_dates_versions" || cmd === "duty_dates") return [];
      return null;
    });
    const { container } = render(FrameworkPage);
    await waitFor(() => expect(container.querySelector("[data-version='2']")).not.toBeNull());
    const latest = container.querySelector("[data-version='2']")!;
    expect(latest.querySelector("[data-change=added-area]")?.textContent).toContain("Nieuw: menselijke controle");
    expect(latest.querySelector("[data-change=removed-area]")?.textContent).toContain("Oud thema");
    expect(latest.querySelector("[data-change=removed]")?.textContent).toContain("Een oude vraag?");
    expect(latest.textContent).not.toMatch(/thema: (nieuw|oud)\b/);
    const questions = latest.querySelector("[data-questions]")!;
    expect(questions.querySelector("[data-question='doel.nut']")?.textContent).toContain("Dient de AI inwoners?");
    expect(questions.querySelector("[data-question='doel.nut']")?.textContent).toContain("knock-out");
  });
});
