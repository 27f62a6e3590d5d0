import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { PilotView, Question } from "../lib/bindings";
import QuestionCard from "./QuestionCard.svelte";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";

const question = {
  id: "privacy.dpia",
  text: { nl: "Is er een DPIA?", en: "Is there a DPIA?" },
  help: { nl: "Kijk naar de risico's.", en: "Look at the risks." },
  evidence: { nl: "De DPIA.", en: "The DPIA." },
  legal_basis: [{ law: "AVG", article: "art. 35" }],
  applies_when: "always",
  knock_out: true,
} as unknown as Question;

function view(extra: Partial<Record<string, unknown>> = {}) {
  return {
    pilot: {
      id: "p1",
      revision: 1,
      answers: {},
      proposal: { questionAnswers: { "privacy.dpia": { answer: "Yes, attached.", evidence: "dpia.pdf" } } },
    },
    notApplicable: {},
    knockOuts: ["privacy.dpia"],
    actions: { answer: true },
    ...extra,
  } as unknown as PilotView;
}

afterEach(() => {
  cleanup();
  clearMocks();
  showLanguage("nl");
});

describe("a review question", () => {
  it("saves a condition's deadline once it is a whole date, or when the field is left", async () => {
    const deadlines: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== "set_answer") throw new Error(`unexpected ${cmd}`);
      const answer = (args as { answer: { conditions: { deadline: string | null }[] } }).answer;
      deadlines.push(answer.conditions[0]?.deadline);
      return view();
    });
    const { container } = render(QuestionCard, { view: view(), question, onsaved: () => {} });
    await fireEvent.click(container.querySelector("[data-action=add-condition]")!);
    await waitFor(() => expect(deadlines).toEqual([null]));
    const deadline = container.querySelector<HTMLInputElement>("[data-condition-deadline='0']")!;
    // Half typed: not sent while typing (the core would refuse it)…
    await fireEvent.input(deadline, { target: { value: "15-01" } });
    await new Promise((r) => setTimeout(r, 500));
    expect(deadlines).toEqual([null]);
    // …a whole date is.
    await fireEvent.input(deadline, { target: { value: "15-01-2027" } });
    await waitFor(() => expect(deadlines).toEqual([null, "2027-01-15"]));
    // Left half typed: sent as typed, so the core names what is wrong.
    await fireEvent.input(deadline, { target: { value: "15-13" } });
    await fireEvent.focusOut(deadline);
    await waitFor(() => expect(deadlines).toEqual([null, "2027-01-15", "15-13"]));
  });

  it("shows no Dutch in English, also not applicable", async () => {
    mockIPC(() => {
      throw new Error("no command expected");
    });
    showLanguage("en");
    const { container, unmount } = render(QuestionCard, { view: view(), question, onsaved: () => {} });
    await fireEvent.click(container.querySelector("[data-action=add-condition]")!);
    expect(container.textContent).toContain("Is there a DPIA?");
    expect(container.textContent).toContain("Legal basis: AVG art. 35");
    expect(dutchOnScreen(container)).toEqual([]);
    unmount();

    const na = view({ notApplicable: { "privacy.dpia": { nl: "Geen persoonsgegevens.", en: "No personal data." } } });
    const other = render(QuestionCard, { view: na, question, onsaved: () => {} });
    expect(other.container.querySelector("[data-not-applicable]")?.textContent).toBe(
      "Not applicable. No personal data.",
    );
    expect(dutchOnScreen(other.container)).toEqual([]);
  });

  it("never overwrites an answer someone else saved meanwhile: both stay, the person chooses", async () => {
    const theirs = { verdict: "doesNotComply", notes: "De DPIA ontbreekt nog.", conditions: [] };
    const saves: { answer: unknown; basedOn: unknown }[] = [];
    let stored: unknown = null;
    mockIPC((cmd, args) => {
      if (cmd === "get_pilot") return view({ pilot: { ...view().pilot, answers: { "privacy.dpia": theirs } } });
      if (cmd !== "set_answer") throw new Error(`unexpected ${cmd}`);
      const { answer, basedOn } = args as { answer: unknown; basedOn: unknown };
      saves.push({ answer, basedOn });
      // The core: refused when the stored answer is not the one this edit started from.
      if (JSON.stringify(basedOn) !== JSON.stringify(stored ?? { verdict: null, notes: "", conditions: [] }))
        throw { kind: "conflict", message: "Iemand anders…", messageEn: "Someone else…", fields: [] };
      stored = answer;
      return view();
    });
    stored = theirs; // Another member saved before this card's first save.
    const { container } = render(QuestionCard, { view: view(), question, onsaved: () => {} });
    const notes = container.querySelector<HTMLTextAreaElement>("[data-notes='privacy.dpia']")!;
    await fireEvent.input(notes, { target: { value: "Mijn toelichting." } });
    await fireEvent.click(container.querySelector("[data-verdict=complies]")!);
    await waitFor(() => expect(container.querySelector("[data-conflict]")).not.toBeNull());
    expect(container.querySelector("[data-theirs]")?.textContent).toContain("De DPIA ontbreekt nog.");
    expect(notes.value).toBe("Mijn toelichting.");
    expect(stored).toBe(theirs);
    // Typing more saves nothing while the choice is open.
    await fireEvent.input(notes, { target: { value: "Mijn toelichting, langer." } });
    await new Promise((r) => setTimeout(r, 500));
    expect(saves).toHaveLength(1);
    // Keeping mine saves it, now based on their answer.
    await fireEvent.click(container.querySelector("[data-keep-mine]")!);
    await waitFor(() => expect(saves).toHaveLength(2));
    expect(saves[1]).toEqual({
      answer: { verdict: "complies", notes: "Mijn toelichting, langer.", conditions: [] },
      basedOn: theirs,
    });
    await waitFor(() => expect(container.querySelector("[data-conflict]")).toBeNull());
  });

  it("takes their answer when the person chooses it, and saves nothing", async () => {
    const theirs = { verdict: "doesNotComply", notes: "De DPIA ontbreekt nog.", conditions: [] };
    let saves = 0;
    mockIPC((cmd) => {
      if (cmd === "get_pilot") return view({ pilot: { ...view().pilot, answers: { "privacy.dpia": theirs } } });
      if (cmd !== "set_answer") throw new Error(`unexpected ${cmd}`);
      saves += 1;
      throw { kind: "conflict", message: "Iemand anders…", messageEn: "Someone else…", fields: [] };
    });
    const { container } = render(QuestionCard, { view: view(), question, onsaved: () => {} });
    await fireEvent.click(container.querySelector("[data-verdict=complies]")!);
    await waitFor(() => expect(container.querySelector("[data-take-theirs]")).not.toBeNull());
    await fireEvent.click(container.querySelector("[data-take-theirs]")!);
    expect(container.querySelector<HTMLTextAreaElement>("[data-notes='privacy.dpia']")!.value).toBe(
      "De DPIA ontbreekt nog.",
    );
    expect(container.querySelector<HTMLInputElement>("[data-verdict=doesNotComply]")!.checked).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(saves).toBe(1);
    expect(container.querySelector("[data-conflict]")).toBeNull();
  });
});
