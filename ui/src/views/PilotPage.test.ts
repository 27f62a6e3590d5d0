import { tick } from "svelte";
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import PilotPage from "./PilotPage.svelte";

const ID = "00000000-0000-4000-8000-000000000001";
const question = (id: string) => ({
  id,
  text: { nl: `Vraag ${id}?`, en: "" },
  help: { nl: "", en: "" },
  evidence: { nl: "", en: "" },
  legal_basis: [],
  applies_when: "always",
  knock_out: false,
});

/** The pilot at `revision`, with a verdict on each of `answered`. */
function view(revision: number, answered: string[]) {
  return {
    pilot: {
      id: ID,
      revision,
      status: "inReview",
      framework: { id: "test", version: "1" },
      proposal: { title: "Pilot", projectLead: "", department: "", description: "", purpose: "", dataUsed: "" },
      answers: Object.fromEntries(answered.map((q) => [q, { verdict: "complies", notes: "" }])),
      decision: null,
      signatures: [],
      createdAt: "2026-11-01T10:00:00Z",
      updatedAt: "2026-11-01T10:00:00Z",
    },
    framework: {
      id: "test",
      version: "1",
      effective_from: "2026-01-01",
      title: { nl: "Kader", en: "" },
      change_summary: { nl: "", en: "" },
      areas: [{ id: "a", title: { nl: "Thema", en: "" }, questions: [question("a.1"), question("a.2")] }],
    },
    unanswered: ["a.1", "a.2"].filter((q) => !answered.includes(q)),
    knockOuts: [],
    aiAct: {
      wizardVersion: "t",
      complete: false,
      asked: [],
      open: [],
      setAside: [],
      decidingUnknowns: [],
      datesVersion: "t",
      class: "minimal",
      transparency: false,
      role: null,
      duties: [],
      instruments: [],
      reasons: [],
    },
    notApplicable: {},
    missingRoles: [],
    draft: {
      positiveAllowed: true,
      negativeOnly: false,
      decidingUnknowns: [],
      conditions: [],
      // The core's count per area, which the review panel shows.
      areas: [
        {
          areaId: "a",
          applicable: 2,
          answered: answered.length,
          knockOut: false,
          complies: answered.length,
          compliesWithConditions: 0,
          doesNotComply: 0,
          notApplicable: 0,
          open: 2 - answered.length,
        },
      ],
    },
    meeting: null,
    changedOutside: false,
    contentHash: "00",
    signatureChecks: [],
    actions: {
      editProposal: false,
      submit: false,
      startReview: false,
      answer: true,
      decide: true,
      reopen: false,
      sign: false,
      exportPdf: false,
      putOnAgenda: true,
      exportRegister: false,
      vote: true,
    },
    signers: [],
  };
}

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("the pilot page", () => {
  it("keeps the newest revision when two question cards' saves answer out of order", async () => {
    let answerSlow: (v: unknown) => void = () => {};
    const saved: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "get_pilot") return view(5, []);
      if (cmd === "set_answer") {
        const q = (args as { questionId: string }).questionId;
        saved.push(q);
        // The first save is slow and answers with the revision it made (6); the second save,
        // made after it, answers first with revision 7, which holds both verdicts.
        if (q === "a.1") return new Promise((resolve) => (answerSlow = resolve));
        return view(7, ["a.1", "a.2"]);
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(PilotPage, { id: ID, tab: "review" });
    const progress = () => document.querySelector("[data-area=a] .progress")?.textContent?.trim();
    await waitFor(() => expect(progress()).toBe("0/2"));

    await fireEvent.click(document.querySelector("[data-question='a.1'] input[data-verdict=complies]")!);
    await fireEvent.click(document.querySelector("[data-question='a.2'] input[data-verdict=complies]")!);
    await waitFor(() => expect(progress()).toBe("2/2 ✓"));

    answerSlow(view(6, ["a.1"]));
    await new Promise((r) => setTimeout(r, 50));
    await tick();
    expect(saved).toEqual(["a.1", "a.2"]);
    expect(progress()).toBe("2/2 ✓");
  });
});
