import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import DecisionForm from "./DecisionForm.svelte";
import type { DecisionInput, PilotView } from "../lib/bindings";

const view = {
  pilot: { id: "p1", status: "inReview", decision: null },
  draft: {
    positiveAllowed: true,
    negativeOnly: false,
    decidingUnknowns: [],
    wizardIncomplete: false,
    conditions: [],
    areas: [],
  },
  actions: { decide: true, reopen: false, vote: false },
  unanswered: [],
  framework: { areas: [] },
  meeting: null,
} as unknown as PilotView;

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("the decision form", () => {
  it("sends the report dates entered, without the empty ones, and shows a refusal at them", async () => {
    const sent: DecisionInput[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== "decide") return null;
      sent.push((args as { decision: DecisionInput }).decision);
      throw {
        kind: "invalid",
        message: "1 veld is nog niet goed ingevuld.",
        messageEn: "1 field is not filled in correctly.",
        fields: [
          {
            field: "reportDates",
            message: "Een rapportagedatum moet in de toekomst liggen.",
            messageEn: "A report date must be in the future.",
          },
        ],
      };
    });
    const { container, getByLabelText } = render(DecisionForm, { view, onsaved: () => {} });
    await fireEvent.click(container.querySelector("[data-action=add-report-date]")!);
    await fireEvent.click(container.querySelector("[data-action=add-report-date]")!);
    await fireEvent.input(getByLabelText("Rapportage 1"), { target: { value: "2027-03-01" } });
    const submit = [...container.querySelectorAll("button")].find((b) => b.textContent?.includes("Besluit vastleggen"));
    await fireEvent.click(submit!);
    await waitFor(() => expect(sent.length).toBe(1));
    expect(sent[0]!.reportDates).toEqual(["2027-03-01"]);
    await waitFor(() => expect(container.textContent).toContain("Een rapportagedatum moet in de toekomst liggen."));
  });

  it("marks the evaluation date required, except for a negative decision (as the core checks it)", async () => {
    mockIPC(() => null);
    const { container } = render(DecisionForm, { view, onsaved: () => {} });
    const label = () => container.querySelector("label[for=decision-evaluation]")!;
    const input = () => container.querySelector("#decision-evaluation")!;
    expect(label().textContent).toContain("*");
    expect(input().getAttribute("aria-required")).toBe("true");
    const negative = container.querySelector<HTMLInputElement>("input[type=radio][value=negative]");
    await fireEvent.click(negative!);
    await waitFor(() => expect(label().textContent).not.toContain("*"));
    expect(input().getAttribute("aria-required")).toBe("false");
  });
});
