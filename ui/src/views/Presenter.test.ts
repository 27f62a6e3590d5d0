import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import Presenter from "./Presenter.svelte";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";

const MEETING = "00000000-0000-4000-9000-000000000001";
const PILOT = "00000000-0000-4000-8000-000000000001";
const question = (id: string) => ({
  id,
  text: { nl: `Vraag ${id}?`, en: `Question ${id}?` },
  help: { nl: "Hulp", en: "Help" },
  evidence: { nl: "Bewijs", en: "Evidence" },
  legal_basis: [],
  applies_when: "always",
  knock_out: false,
});

function pilot(status: string, startReview: boolean) {
  return {
    pilot: {
      id: PILOT,
      revision: 1,
      status,
      proposal: { title: "Waste chatbot" },
      answers: {},
    },
    framework: {
      areas: [{ id: "a", title: { nl: "Thema", en: "Area" }, questions: [question("a.1"), question("a.2")] }],
    },
    unanswered: ["a.2"],
    knockOuts: [],
    notApplicable: {},
    draft: { areas: [{ areaId: "a", applicable: 2, answered: 1, knockOut: false }] },
    actions: { startReview, answer: !startReview },
  };
}

afterEach(() => {
  cleanup();
  clearMocks();
  showLanguage("nl");
});

describe("the presenter view", () => {
  for (const [status, startReview] of [
    ["submitted", true],
    ["inReview", false],
  ] as const) {
    it(`shows no Dutch in English (${status})`, async () => {
      mockIPC((cmd) => {
        if (cmd === "get_pilot") return pilot(status, startReview);
        if (cmd === "minutes_status") return { meetingId: null, secretary: null };
        throw new Error(`unexpected ${cmd}`);
      });
      showLanguage("en");
      const { container } = render(Presenter, { pilotId: PILOT, meetingId: MEETING });
      await waitFor(() => expect(container.querySelector("[data-position]")).toBeTruthy());
      await waitFor(() => expect(container.querySelector("[data-minutes]")).toBeTruthy());
      expect(container.querySelector("[data-position]")?.textContent).toBe("Question 2 of 2 · Area");
      expect(dutchOnScreen(container)).toEqual([]);
    });
  }
});
