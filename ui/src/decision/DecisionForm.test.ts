import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import DecisionForm from "./DecisionForm.svelte";
import type { DecisionInput, PilotView } from "../lib/bindings";
import { dropDraft } from "./draft";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";

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
  dropDraft("p1");
  showLanguage("nl");
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

describe("the decision form's dates", () => {
  it("are typed as dd-mm-jjjj and sent as the core keeps them, a condition's deadline too", async () => {
    const sent: DecisionInput[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== "decide") return null;
      sent.push((args as { decision: DecisionInput }).decision);
      return { ...view, pilot: { ...view.pilot, status: "decided" }, signers: [], missingRoles: [] };
    });
    const { container } = render(DecisionForm, { view, onsaved: () => {} });
    const evaluation = container.querySelector<HTMLInputElement>("#decision-evaluation")!;
    expect(evaluation.type).toBe("text");
    expect(evaluation.placeholder).toBe("dd-mm-jjjj");
    await fireEvent.input(evaluation, { target: { value: "1-6-2027" } });
    await fireEvent.blur(evaluation);
    expect(evaluation.value).toBe("01-06-2027");
    await fireEvent.click(container.querySelector("[data-action=add-condition]")!);
    const deadline = container.querySelector<HTMLInputElement>("[data-condition-deadline='0']")!;
    expect(deadline.type).toBe("text");
    await fireEvent.input(deadline, { target: { value: "15-01-2027" } });
    await fireEvent.click(container.querySelector("[data-action=decide]")!);
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.evaluationDate).toBe("2027-06-01");
    expect(sent[0]!.conditions[0]!.deadline).toBe("2027-01-15");
  });
});

describe("the decision form in English", () => {
  const recording = { memberId: "m2", name: "Joost Elberts", keyId: "k2", at: "2026-11-20T10:00:00Z", signature: "" };
  const meeting = {
    id: "meeting-1",
    revision: 1,
    date: "2026-11-20",
    place: "Council chamber",
    members: [
      { name: "Marieke de Vries", role: "chair", present: true },
      { name: "Joost Elberts", role: "secretary", present: true },
      { name: "Fatima el Amrani", role: "member", present: true },
      { name: "Sam Jansen", role: "member", present: false },
    ],
    quorum: { type: "majority" },
    agenda: ["p1"],
    conflicts: [{ member: "Fatima el Amrani", pilotId: "p1", reason: "Works on it", recordedBy: recording }],
    votes: [{ member: "Marieke de Vries", pilotId: "p1", choice: "for", recordedBy: recording }],
    minorityOpinions: [],
  };
  const english = {
    ...view,
    pilot: { id: "p1", status: "inReview", decision: null },
    draft: {
      ...view.draft,
      positiveAllowed: false,
      decidingUnknowns: [{ nl: "Vraag", en: "Question about the class" }],
      conditions: [{ text: "Test first", kind: "suspensive", owner: "Lead", deadline: "2027-01-15" }],
      areas: [
        {
          areaId: "a",
          applicable: 2,
          answered: 1,
          knockOut: false,
          complies: 1,
          compliesWithConditions: 0,
          doesNotComply: 0,
          notApplicable: 0,
          open: 1,
        },
      ],
    },
    actions: { decide: true, reopen: false, vote: true },
    unanswered: ["a.2"],
    framework: { areas: [{ id: "a", title: { nl: "Thema", en: "Area" }, questions: [] }] },
    meeting: { meeting, eligible: ["Marieke de Vries", "Joost Elberts"], quorumMet: true },
  } as unknown as PilotView;

  it("shows no Dutch: notices, the summary, the conditions, the dates and the votes", async () => {
    mockIPC((cmd) => {
      if (cmd === "minutes_status") return { meetingId: null, secretary: null };
      throw new Error(`unexpected ${cmd}`);
    });
    showLanguage("en");
    const { container } = render(DecisionForm, { view: english, onsaved: () => {} });
    await waitFor(() => expect(container.querySelector("[data-minutes]")).toBeTruthy());
    await fireEvent.click(container.querySelector("[data-action=add-report-date]")!);
    expect(container.textContent).toContain("Record decision");
    expect(container.textContent).toContain("Vote in the meeting of 20 November 2026");
    expect(dutchOnScreen(container)).toEqual([]);
  });

  it("and its reopened decision's line and the message after recording are English too", async () => {
    const decided = {
      ...english,
      pilot: {
        id: "p1",
        status: "decided",
        decision: {
          outcome: "negative",
          reasons: "Not yet",
          conditions: [],
          evaluationDate: "2027-06-01",
          reportDates: ["2027-03-01"],
          decidedAt: "2026-11-20T10:00:00Z",
          meeting: null,
          requiredSigners: ["chair"],
        },
      },
      draft: { ...english.draft, decidingUnknowns: [], negativeOnly: true },
      actions: { decide: true, reopen: true, vote: false },
      unanswered: [],
      meeting: null,
    } as unknown as PilotView;
    const messages: string[] = [];
    mockIPC((cmd) => {
      if (cmd === "decide") return { ...decided, signers: [], missingRoles: ["chair"] };
      throw new Error(`unexpected ${cmd}`);
    });
    showLanguage("en");
    const { container } = render(DecisionForm, { view: decided, onsaved: (_v, m) => messages.push(m ?? "") });
    expect(container.textContent).toContain("Recorded: 20 November 2026 · evaluation 1 June 2027");
    expect(dutchOnScreen(container)).toEqual([]);
    await fireEvent.click(container.querySelector("[data-action=decide]")!);
    await waitFor(() => expect(messages).toHaveLength(1));
    expect(messages[0]).toBe(
      "The decision has been recorded. Nobody can sign it yet (needed: chair). First record the members on the Committee screen.",
    );
  });
});
