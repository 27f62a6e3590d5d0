import { tick } from "svelte";
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import AiActWizard from "./AiActWizard.svelte";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";
import type { Conclusion, WizardAnswer } from "../lib/bindings";

const question = (id: string) => ({
  id,
  text: { nl: `Vraag ${id}?`, en: `Question ${id}?` },
  help: { nl: "", en: "" },
  article: "art. 3",
});
const conclusion = (cls: string) => ({
  wizardVersion: "test",
  complete: false,
  asked: ["a", "b"],
  open: ["b"],
  setAside: [],
  decidingUnknowns: [] as string[],
  datesVersion: "test",
  class: cls,
  transparency: false,
  role: null,
  duties: [],
  instruments: [],
  reasons: [],
});

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("the AI Act wizard", () => {
  it("keeps the conclusion for the latest answers when an earlier one comes back later", async () => {
    const asked: unknown[] = [];
    let answerSlow: (c: unknown) => void = () => {};
    mockIPC((cmd, args) => {
      if (cmd === "ai_act_wizard") return { version: "test", questions: [question("a"), question("b")] };
      if (cmd === "conclude_ai_act") {
        const answers = (args as { answers: Record<string, string> }).answers;
        asked.push(answers);
        if (Object.keys(answers).length === 0) return conclusion("minimal");
        // The conclusion after the first answer is slow; the one after the second is not.
        if (Object.keys(answers).length === 1) return new Promise((resolve) => (answerSlow = resolve));
        return conclusion("transparency");
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(AiActWizard, { answers: {} });
    const shown = () => document.querySelector("[data-conclusion]")?.getAttribute("data-conclusion");
    await waitFor(() => expect(shown()).toBe("minimal"));

    await fireEvent.click(document.querySelector("[data-wizard-question=a] input[data-answer=yes]")!);
    await waitFor(() => expect(asked).toHaveLength(2));
    await fireEvent.click(document.querySelector("[data-wizard-question=b] input[data-answer=no]")!);
    await waitFor(() => expect(shown()).toBe("transparency"));

    answerSlow(conclusion("highRisk"));
    await new Promise((r) => setTimeout(r, 50));
    await tick();
    expect(asked).toEqual([{}, { a: "yes" }, { a: "yes", b: "no" }]);
    expect(shown()).toBe("transparency");
  });

  it("names the answers it set aside because their question is no longer asked", async () => {
    mockIPC((cmd) => {
      if (cmd === "ai_act_wizard")
        return { version: "test", questions: [question("a"), question("b"), question("deepfake")] };
      if (cmd === "conclude_ai_act") return { ...conclusion("minimal"), setAside: ["deepfake"] };
      throw new Error(`unexpected ${cmd}`);
    });
    render(AiActWizard, { answers: { a: "no", deepfake: "yes" } });
    await waitFor(() => expect(document.querySelector("[data-wizard-set-aside]")).not.toBeNull());
    const text = document.querySelector("[data-wizard-set-aside]")!.textContent!.replace(/\s+/g, " ");
    expect(text).toContain("Niet meegeteld: een antwoord");
    expect(text).toContain("Vraag deepfake?");
    // Not shown among the questions to answer.
    expect(document.querySelector("[data-wizard-question=deepfake]")).toBeNull();
  });

  it("names every 'weet ik niet' that decides the class, and drops answers to retired questions", async () => {
    const asked: Record<string, string>[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "ai_act_wizard") return { version: "test", questions: [question("a"), question("b")] };
      if (cmd === "conclude_ai_act") {
        asked.push((args as { answers: Record<string, string> }).answers);
        return { ...conclusion("prohibited"), decidingUnknowns: ["a"] };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const answers: Record<string, WizardAnswer> = { a: "unknown", dpia_criteria: "yes" };
    render(AiActWizard, { answers });
    await waitFor(() => expect(document.querySelector("[data-wizard-deciding]")).not.toBeNull());
    const text = document.querySelector("[data-wizard-deciding]")!.textContent!.replace(/\s+/g, " ");
    expect(text).toContain("Vraag a?");
    expect(text).toContain("alleen aanhouden of negatief");
    // The retired question's answer is gone from what is concluded (and saved).
    await waitFor(() => expect(asked.at(-1)).toEqual({ a: "unknown" }));
  });

  it("shows the pilot's own conclusion once submitted, without asking for another or dropping answers", async () => {
    const asked: string[] = [];
    mockIPC((cmd) => {
      asked.push(cmd);
      if (cmd === "ai_act_wizard") return { version: "test", questions: [question("a"), question("b")] };
      throw new Error(`unexpected ${cmd}`);
    });
    const answers: Record<string, WizardAnswer> = { a: "yes", dpia_criteria: "yes" };
    render(AiActWizard, {
      answers,
      disabled: true,
      fixed: { ...conclusion("highRisk"), complete: true } as Conclusion,
    });
    await waitFor(() => expect(document.querySelector("[data-risk-class]")).not.toBeNull());
    expect(document.querySelector("[data-conclusion]")?.getAttribute("data-conclusion")).toBe("highRisk");
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toEqual(["ai_act_wizard"]);
    expect(answers).toEqual({ a: "yes", dpia_criteria: "yes" });
  });

  it("shows no outcome before the first answer, then the class", async () => {
    mockIPC((cmd, args) => {
      if (cmd === "ai_act_wizard") return { version: "test", questions: [question("a"), question("b")] };
      if (cmd === "conclude_ai_act") {
        const answers = (args as { answers: Record<string, string> }).answers;
        if (Object.keys(answers).length === 0) return { ...conclusion("notApplicable"), open: ["a", "b"] };
        return conclusion("highRisk");
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(AiActWizard, { answers: {} });
    await waitFor(() => expect(document.querySelector("[data-wizard-no-answers]")).not.toBeNull());
    expect(document.querySelector("[data-risk-class]")).toBeNull();
    expect(document.querySelector("[data-conclusion]")?.textContent).toContain("Nog geen uitkomst");
    await fireEvent.click(document.querySelector("[data-wizard-question=a] input[data-answer=yes]")!);
    await waitFor(() => expect(document.querySelector("[data-risk-class]")?.textContent).toBe("Hoog risico"));
    expect(document.querySelector("[data-wizard-no-answers]")).toBeNull();
  });
});

describe("the AI Act wizard in English", () => {
  it("asks and concludes without a Dutch word of its own", async () => {
    mockIPC((cmd) => {
      if (cmd === "ai_act_wizard") return { version: "test", questions: [question("a"), question("b")] };
      if (cmd === "conclude_ai_act")
        return {
          ...conclusion("highRisk"),
          setAside: ["b"],
          decidingUnknowns: ["a"],
          transparency: true,
          role: "deployer",
          instruments: [{ kind: "dpia" }, { kind: "register", category: "a" }],
          duties: [
            {
              text: { nl: "Menselijk toezicht", en: "Human oversight" },
              article: "art. 26",
              appliesFrom: "2026-08-02",
              dateSource: "art. 113",
              dateSourceInForce: false,
            },
          ],
          reasons: [
            { questionId: "a", answer: "unknown", text: { nl: "Het is hoog risico.", en: "It is high risk." } },
          ],
        };
      throw new Error(`unexpected ${cmd}`);
    });
    showLanguage("en");
    try {
      const { container } = render(AiActWizard, { answers: { a: "unknown", b: "yes" } });
      await waitFor(() => expect(document.querySelector("[data-reasons]")).not.toBeNull());
      expect(container.textContent).toContain("Question a?");
      expect(container.textContent).toContain("'I don't know' decides the risk class.");
      expect(container.textContent).toContain("1 question still open.");
      expect(container.textContent).toContain("applies from 2 August 2026");
      expect(dutchOnScreen(container)).toEqual([]);
    } finally {
      showLanguage("nl");
    }
  });
});
