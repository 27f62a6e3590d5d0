import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import FrameworkPage from "./FrameworkPage.svelte";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";

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

describe("the framework screen in English", () => {
  it("shows the framework's own texts and its words in English", async () => {
    const both = (nl: string, en: string) => ({ nl, en });
    const areas = [
      {
        id: "doel",
        title: both("Doel en nut", "Purpose and benefit"),
        questions: [
          {
            ...question("doel.nut", ""),
            text: both("Dient de AI inwoners?", "Does the AI serve residents?"),
            help: both("Leg uit voor wie het is.", "Explain who it is for."),
          },
        ],
      },
    ];
    const framework = (v: string, changes: unknown = null) => ({
      ...version(v, areas, changes),
      framework: {
        ...version(v, areas).framework,
        title: both("Lokaal toetsingskader AI", "Local AI review framework"),
        change_summary: both("Een vraag is herzien.", "One question was revised."),
      },
      loadedFrom: v === "2" ? "/tmp/kader-2.json" : null,
    });
    const changes = {
      fromVersion: "1",
      toVersion: "2",
      addedAreas: [],
      removedAreas: [],
      addedQuestions: [],
      removedQuestions: [],
      changedQuestions: [{ questionId: "doel.nut", parts: ["text", "help", "knock_out"] }],
    };
    mockIPC((cmd) => {
      if (cmd === "framework_versions") return [framework("1"), framework("2", changes)];
      if (cmd === "duty_dates_versions" || cmd === "duty_dates") return [];
      return null;
    });
    showLanguage("en");
    try {
      const { container } = render(FrameworkPage);
      await waitFor(() => expect(container.querySelector("[data-version='2']")).not.toBeNull());
      const latest = container.querySelector("[data-version='2']")!;
      expect(latest.querySelector("h2")?.textContent).toBe("Local AI review framework, version 2");
      expect(latest.querySelector("[data-change=changed]")?.textContent).toContain(
        "Changed: Does the AI serve residents? (question, explanation, knock-out)",
      );
      expect(latest.querySelector("[data-questions] h3")?.textContent).toBe("Purpose and benefit");
      expect(latest.querySelector("[data-question='doel.nut']")?.textContent).toContain("Explain who it is for.");
      expect(dutchOnScreen(container)).toEqual([]);
      expect(container.textContent).not.toMatch(/Dient de AI|Doel en nut|Lokaal toetsingskader/);
    } finally {
      showLanguage("nl");
    }
  });
});
