import { tick } from "svelte";
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import PilotPage from "./PilotPage.svelte";
import { nav } from "../lib/nav.svelte";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";
import { openConclusion } from "../testing/fixtures";

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
    aiAct: openConclusion,
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

/** The pilot at `revision` in `status`, with the core's actions for that status. */
function at(revision: number, status: string, answered: string[], actions: Record<string, boolean> = {}) {
  const v = view(revision, answered);
  v.pilot.status = status;
  v.actions = { ...v.actions, answer: false, decide: false, vote: false, putOnAgenda: false, ...actions };
  return v;
}

afterEach(() => {
  cleanup();
  clearMocks();
  showLanguage("nl");
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

describe("the bar with the next step", () => {
  const bar = () => document.querySelector<HTMLElement>("[data-next-step-bar]");

  it("sits under the title, outside the header (so it stays in view), and starts the review", async () => {
    const started: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "get_pilot") return at(3, "submitted", [], { startReview: true });
      if (cmd === "start_review") {
        started.push((args as { id: string }).id);
        return at(4, "inReview", [], { answer: true, decide: true, vote: true });
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(PilotPage, { id: ID, tab: "review" });
    await waitFor(() => expect(bar()).toBeTruthy());
    const title = document.querySelector("[data-pilot-title]")!;
    const tabs = document.querySelector("nav.tabs")!;
    // After the title, before the tabs and the long panel, and not inside the header: a sticky
    // element sticks only within its parent.
    expect(title.compareDocumentPosition(bar()!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(bar()!.compareDocumentPosition(tabs) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(bar()!.closest("header")).toBeNull();
    expect(bar()!.textContent).toContain("Status: Ingediend");
    // A step done is said by a tick and in words, not by its colour alone.
    expect(document.querySelector("[data-step=draft]")!.textContent).toContain("✓\u00a0klaar: Concept");
    expect(document.querySelector("[data-step=submitted]")!.textContent).not.toContain("✓");
    const button = bar()!.querySelector<HTMLButtonElement>("button[data-next-step=start-review]")!;
    expect(button.textContent).toBe("In behandeling nemen");
    // Its own data attribute: the proposal's button keeps data-action=start-review alone.
    expect(bar()!.querySelector("[data-action]")).toBeNull();

    await fireEvent.click(button);
    await waitFor(() => expect(started).toEqual([ID]));
    await waitFor(() => expect(bar()!.textContent).toContain("Status: In behandeling"));
    expect(bar()!.textContent).toContain("Nog 2 toetsvragen zonder oordeel.");
    expect(document.querySelector("[data-notice=ok]")?.textContent).toContain(
      "De commissie heeft het voorstel in behandeling genomen.",
    );
  });

  it("leads to the decision once every question has a verdict, and to signing once decided", async () => {
    let current = at(5, "inReview", ["a.1", "a.2"], { answer: true, decide: true });
    mockIPC((cmd) => {
      if (cmd === "get_pilot") return current;
      throw new Error(`unexpected ${cmd}`);
    });
    const { unmount } = render(PilotPage, { id: ID, tab: "review" });
    await waitFor(() => expect(bar()?.querySelector("[data-next-step=decide]")?.textContent).toBe("Naar het besluit"));
    await fireEvent.click(bar()!.querySelector("[data-next-step=decide]")!);
    expect(nav.screen).toEqual({ name: "pilot", id: ID, tab: "decision" });
    unmount();

    current = at(6, "decided", ["a.1", "a.2"], { decide: true, reopen: true, sign: true, exportPdf: true });
    (current as { missingRoles: string[] }).missingRoles = ["chair", "secretary"];
    render(PilotPage, { id: ID, tab: "decision" });
    await waitFor(() => expect(bar()?.querySelector("[data-next-step=sign]")).toBeTruthy());
    expect(bar()!.textContent).toContain("Nog te ondertekenen door: voorzitter, secretaris.");
    await fireEvent.click(bar()!.querySelector("[data-next-step=sign]")!);
    expect(nav.screen).toEqual({ name: "pilot", id: ID, tab: "signing" });
  });

  it("speaks English when English is chosen, like the rest of the page", async () => {
    mockIPC((cmd) => {
      if (cmd === "get_pilot") return view(5, ["a.1"]);
      throw new Error(`unexpected ${cmd}`);
    });
    showLanguage("en");
    const { container } = render(PilotPage, { id: ID, tab: "review" });
    await waitFor(() => expect(bar()).toBeTruthy());
    await waitFor(() => expect(container.querySelector("[data-question='a.1']")).not.toBeNull());
    expect(bar()!.textContent).toContain("1 review question still without a verdict.");
    expect(dutchOnScreen(container)).toEqual([]);
  });
});

describe("the decision tab", () => {
  it("keeps everything typed after a refusal, also when another tab was opened in between", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "get_pilot") return view(5, ["a.1", "a.2"]);
      if (cmd === "decide") {
        sent.push((args as { decision: unknown }).decision);
        throw {
          kind: "invalid",
          message: "1 veld is nog niet goed ingevuld.",
          messageEn: "1 field is not filled in correctly.",
          fields: [{ field: "evaluationDate", message: "Vul de evaluatiedatum in.", messageEn: "Fill in the date." }],
        };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const { container, rerender } = render(PilotPage, { id: ID, tab: "decision" });
    const $ = <E extends Element>(selector: string) => container.querySelector<E>(selector);
    await waitFor(() => expect($("#decision-reasons")).not.toBeNull());
    await fireEvent.click($("input[data-outcome=positiveWithConditions]")!);
    await fireEvent.input($("#decision-reasons")!, { target: { value: "De risico’s zijn beheersbaar." } });
    await fireEvent.click($("[data-action=add-condition]")!);
    await fireEvent.input($("[data-condition-text='0']")!, { target: { value: "DPIA laten toetsen" } });
    await fireEvent.input($("[data-condition-owner='0']")!, { target: { value: "Privacy officer" } });

    const typed = () => ({
      outcome: $<HTMLInputElement>("input[data-outcome]:checked")?.value,
      reasons: $<HTMLTextAreaElement>("#decision-reasons")!.value,
      condition: $<HTMLInputElement>("[data-condition-text='0']")?.value,
      owner: $<HTMLInputElement>("[data-condition-owner='0']")?.value,
    });
    const expected = {
      outcome: "positiveWithConditions",
      reasons: "De risico’s zijn beheersbaar.",
      condition: "DPIA laten toetsen",
      owner: "Privacy officer",
    };

    await fireEvent.click($("[data-action=decide]")!);
    await waitFor(() =>
      expect($("[data-field-error=decision-evaluation]")?.textContent).toBe("Vul de evaluatiedatum in."),
    );
    expect(sent).toHaveLength(1);
    expect(typed()).toEqual(expected);

    // To the review and back (to look something up after the refusal): the form opens anew.
    await rerender({ tab: "review" });
    await waitFor(() => expect($("#decision-reasons")).toBeNull());
    await rerender({ tab: "decision" });
    await waitFor(() => expect($("#decision-reasons")).not.toBeNull());
    expect(typed()).toEqual(expected);
  });
});
