import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import ComparisonPanel from "./ComparisonPanel.svelte";
import ReassessForm from "./ReassessForm.svelte";
import Rounds from "./Rounds.svelte";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";
import type { Comparison, PilotView } from "../lib/bindings";
import { nav } from "../lib/nav.svelte";

const view = { pilot: { id: "p2" } } as unknown as PilotView;

const comparison: Comparison = {
  earlier: {
    pilotId: "p1",
    round: 1,
    frameworkVersion: "2026.3",
    status: "signed",
    outcome: "positiveWithConditions",
    decidedOn: "2026-11-28",
  },
  now: { pilotId: "p2", round: 2, frameworkVersion: "2026.4", status: "inReview", outcome: null, decidedOn: null },
  reason: "change",
  earlierAsSigned: true,
  explanation: "Nieuw <i>model</i>",
  areas: [
    {
      areaId: "privacy",
      title: { nl: "Privacy", en: "Privacy" },
      questions: [
        {
          questionId: "privacy.camera",
          text: { nl: "Worden camera's gebruikt?", en: "Cameras?" },
          change: "added",
          then: null,
          now: { verdict: null, notes: "" },
          verdictChanged: false,
        },
        {
          questionId: "privacy.doel",
          text: { nl: "Doelbinding", en: "Purpose" },
          change: "same",
          then: { verdict: "complies", notes: "Was goed <b>geregeld</b>" },
          now: { verdict: "doesNotComply", notes: "Nu niet meer" },
          verdictChanged: true,
        },
      ],
    },
  ],
  earlierConditions: [
    {
      index: 0,
      text: "DPIA afronden",
      owner: "FG",
      deadline: "2027-01-15",
      status: "met",
      awaiting: null,
      overdue: false,
      dueSoon: false,
    },
  ],
};

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("the side-by-side view", () => {
  it("shows then and now in words, what the revision added, and text from records as text", async () => {
    mockIPC((cmd) => (cmd === "comparison" ? comparison : null));
    const { container, getByText } = render(ComparisonPanel, { view });
    await waitFor(() => expect(container.querySelector("[data-compared='privacy.camera']")).not.toBeNull());
    const added = container.querySelector("[data-compared='privacy.camera']")!;
    expect(added.textContent).toContain("Nieuwe vraag");
    expect(added.querySelector("[data-then]")!.textContent).toContain("Niet gevraagd in kader 2026.3");
    const moved = container.querySelector("[data-compared='privacy.doel']")!;
    expect(moved.textContent).toContain("Ander oordeel");
    expect(moved.querySelector("[data-then]")!.textContent).toContain("Voldoet");
    expect(moved.querySelector("[data-now]")!.textContent).toContain("Voldoet niet");
    expect(container.querySelector("b, i")).toBeNull();
    expect(getByText(/Was goed <b>geregeld<\/b>/)).toBeTruthy();
    expect(container.querySelector("[data-earlier-condition='0']")!.textContent).toContain("Voldaan");
  });
});

describe("starting a re-assessment", () => {
  it("shows a refusal at its field and opens the new round when it starts", async () => {
    let calls = 0;
    mockIPC((cmd, args) => {
      if (cmd !== "reassess") return null;
      calls += 1;
      const request = (args as { request: { explanation: string } }).request;
      if (!request.explanation) {
        throw {
          kind: "invalid",
          message: "Vul in wat er is veranderd.",
          messageEn: "Fill in what changed.",
          fields: [
            { field: "explanation", message: "Vul in wat er is veranderd.", messageEn: "Fill in what changed." },
          ],
        };
      }
      return { pilot: { id: "p3" } };
    });
    const { container, getByLabelText } = render(ReassessForm, { view });
    await fireEvent.click(container.querySelector("[data-reassess-reason='change']")!);
    await fireEvent.click(container.querySelector("[data-action='reassess']")!);
    await waitFor(() => expect(container.textContent).toContain("Vul in wat er is veranderd."));
    await fireEvent.input(getByLabelText(/Wat is er veranderd/), { target: { value: "Nieuw model" } });
    await fireEvent.click(container.querySelector("[data-action='reassess']")!);
    await waitFor(() => expect(nav.screen).toMatchObject({ name: "pilot", id: "p3", tab: "proposal" }));
    expect(calls).toBe(2);
  });
});

describe("re-assessment in English", () => {
  it("shows the comparison, the form and the rounds without a Dutch word of the catalogue", async () => {
    // Notes are typed by people: English ones here, so only the screen's own words are tested.
    const english: Comparison = {
      ...comparison,
      earlierAsSigned: false,
      explanation: "New model",
      areas: comparison.areas.map((a) => ({
        ...a,
        questions: a.questions.map((q) => ({
          ...q,
          then: q.then && { ...q.then, notes: "Was fine" },
          now: q.now && { ...q.now, notes: "No longer" },
        })),
      })),
      earlierConditions: comparison.earlierConditions.map((c) => ({
        ...c,
        text: "Finish the DPIA",
        awaiting: "notMet",
      })),
    };
    mockIPC((cmd) => (cmd === "comparison" ? english : null));
    showLanguage("en");
    try {
      const panel = render(ComparisonPanel, { view });
      await waitFor(() => expect(panel.container.querySelector("[data-compared='privacy.camera']")).not.toBeNull());
      const added = panel.container.querySelector("[data-compared='privacy.camera']")!;
      expect(added.querySelector("th")?.textContent).toContain("Cameras?");
      expect(added.querySelector("[data-then]")?.textContent).toContain("Not asked in framework 2026.3");
      expect(panel.container.textContent).toContain(
        "Round 1 (framework 2026.3, decision: positive with conditions on 28 November 2026) beside round 2 (framework 2026.4).",
      );
      expect(dutchOnScreen(panel.container)).toEqual([]);
      cleanup();

      const form = render(ReassessForm, { view });
      await fireEvent.click(form.container.querySelector("[data-reassess-reason='change']")!);
      expect(dutchOnScreen(form.container)).toEqual([]);
      cleanup();

      const reassesses = {
        earlier: "p1",
        earlierHash: "h",
        dossier: "p1",
        round: 2,
        reason: "change",
        explanation: "",
      };
      for (const laterRound of [
        { pilotId: "p3", signed: true, outcome: "positive", supersedes: true },
        { pilotId: "p3", signed: true, outcome: "negative", supersedes: false },
        { pilotId: "p3", signed: false, outcome: null, supersedes: false },
      ]) {
        const rounds = render(Rounds, {
          view: { pilot: { id: "p2", reassesses }, laterRound } as unknown as PilotView,
        });
        expect(rounds.container.querySelector("[data-round='2']")?.textContent).toContain("Re-assessment, round 2");
        expect(dutchOnScreen(rounds.container)).toEqual([]);
        cleanup();
      }
    } finally {
      showLanguage("nl");
    }
  });
});
