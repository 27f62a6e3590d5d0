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
});
