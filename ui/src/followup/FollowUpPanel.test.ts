import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import FollowUpPanel from "./FollowUpPanel.svelte";
import type { FollowUp, PilotView } from "../lib/bindings";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";

const followUp = (over: Partial<FollowUp> = {}): FollowUp => ({
  pilotId: "p1",
  conditions: [
    {
      index: 0,
      text: "DPIA <b>afronden</b>",
      owner: "Privacy officer",
      deadline: "2027-01-15",
      status: "inProgress",
      awaiting: null,
      overdue: true,
      dueSoon: false,
    },
  ],
  stage: "inPilot",
  nextStages: ["inUse", "extended", "stopped"],
  endingStages: ["stopped"],
  evaluationDue: false,
  endingSteps: [{ nl: "Archiveer het besluit.", en: "Archive the decision." }],
  laterRound: null,
  reports: [],
  reportDue: false,
  nextReport: null,
  changesReported: [],
  plannedEnd: null,
  pastPlannedEnd: false,
  published: null,
  questionnaire: {
    version: "2026.1",
    questions: [
      {
        id: "incidents",
        text: { nl: "Waren er incidenten?", en: "Incidents?" },
        help: { nl: "", en: "" },
        kind: "yesNo",
        namesAChange: false,
      },
    ],
  },
  events: [],
  ...over,
});
const view = (f: FollowUp | null) => ({ pilot: { id: "p1" }, followUp: f, attachments: [] }) as unknown as PilotView;

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("the follow-up panel", () => {
  it("shows a condition's status in words, overdue, and the text as text", async () => {
    mockIPC((cmd) => {
      if (cmd === "minutes_status") return { meetingId: null, secretary: null };
      throw new Error(`unexpected ${cmd}`);
    });
    render(FollowUpPanel, { view: view(followUp()) });
    const li = document.querySelector("[data-condition='0']")!;
    expect(li.textContent).toContain("DPIA <b>afronden</b>");
    expect(li.querySelector("b")).toBeNull();
    expect(li.querySelector("[data-condition-status]")?.textContent).toBe("In uitvoering");
    expect(li.querySelector("[data-overdue]")?.textContent).toBe("Te laat");
  });

  it("offers the committee's confirmation only while a meeting's minutes are open", async () => {
    const confirmed: unknown[] = [];
    let open = false;
    mockIPC((cmd, args) => {
      if (cmd === "minutes_status")
        return open ? { meetingId: "m1", secretary: "Joost" } : { meetingId: null, secretary: null };
      if (cmd === "confirm_condition") {
        confirmed.push(args);
        return followUp({
          conditions: [{ ...followUp().conditions[0]!, status: "met", awaiting: null, overdue: false }],
        });
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const awaiting = followUp({ conditions: [{ ...followUp().conditions[0]!, awaiting: "met" }] });
    render(FollowUpPanel, { view: view(awaiting) });
    await waitFor(() => expect(document.querySelector("[data-awaiting=met]")).not.toBeNull());
    expect(document.querySelector("[data-action=confirm-condition]")).toBeNull();
    cleanup();
    open = true;
    render(FollowUpPanel, { view: view(awaiting) });
    await waitFor(() => expect(document.querySelector("[data-action=confirm-condition]")).not.toBeNull());
    await fireEvent.click(document.querySelector("[data-action=confirm-condition]")!);
    await waitFor(() => expect(document.querySelector("[data-condition-status]")?.textContent).toBe("Voldaan"));
    expect(confirmed).toEqual([{ meetingId: "m1", pilotId: "p1", condition: 0, status: "met", note: "" }]);
    // The committee may find otherwise than reported, with its reasons.
    cleanup();
    render(FollowUpPanel, { view: view(awaiting) });
    await waitFor(() => expect(document.querySelector("[data-confirm-status='0']")).not.toBeNull());
    await fireEvent.change(document.querySelector("[data-confirm-status='0']")!, { target: { value: "notMet" } });
    await fireEvent.input(document.querySelector("#confirm-note-0")!, { target: { value: "FG nog niet akkoord." } });
    await fireEvent.click(document.querySelector("[data-action=confirm-condition]")!);
    await waitFor(() => expect(confirmed).toHaveLength(2));
    expect(confirmed[1]).toEqual({
      meetingId: "m1",
      pilotId: "p1",
      condition: 0,
      status: "notMet",
      note: "FG nog niet akkoord.",
    });
  });

  it("lists what ending the pilot asks when the next stage ends it", async () => {
    mockIPC((cmd) => {
      if (cmd === "minutes_status") return { meetingId: null, secretary: null };
      throw new Error(`unexpected ${cmd}`);
    });
    render(FollowUpPanel, { view: view(followUp()) });
    expect(document.querySelector("[data-ending-steps]")).toBeNull();
    const select = document.querySelector("[data-stage-next]") as HTMLSelectElement;
    await fireEvent.change(select, { target: { value: "stopped" } });
    expect(document.querySelector("[data-ending-steps]")?.textContent).toContain("Archiveer het besluit.");
  });
  it("records a publication in the Algoritmeregister and then shows it, its address as text", async () => {
    const recorded: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "minutes_status") return { meetingId: null, secretary: null };
      if (cmd === "record_publication") {
        recorded.push(args);
        const { publication } = args as { publication: { date: string; url: string; by: string } };
        return followUp({ published: publication });
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(FollowUpPanel, { view: view(followUp()) });
    expect(document.querySelector("[data-not-published]")).not.toBeNull();
    const form = document.querySelector("[data-publication-form]")!;
    // Typed as dd-mm-jjjj, whatever the system's locale; the core gets YYYY-MM-DD.
    await fireEvent.input(form.querySelector("#publication-date")!, { target: { value: "03-03-2027" } });
    await fireEvent.input(form.querySelector("#publication-url")!, {
      target: { value: "https://algoritmes.overheid.nl/nl/algoritme/chatbot-afval/123" },
    });
    await fireEvent.input(form.querySelector("#publication-by")!, { target: { value: "Joost" } });
    await fireEvent.click(form.querySelector("[data-action=record-publication]")!);
    await waitFor(() => expect(document.querySelector("[data-published]")).not.toBeNull());
    expect(recorded).toEqual([
      {
        pilotId: "p1",
        publication: {
          date: "2027-03-03",
          url: "https://algoritmes.overheid.nl/nl/algoritme/chatbot-afval/123",
          by: "Joost",
        },
      },
    ]);
    const shown = document.querySelector("[data-publication]")!;
    expect(shown.querySelector("[data-published]")?.textContent).toContain("Gepubliceerd op 3 maart 2027");
    expect(shown.querySelector("[data-publication-url]")?.textContent).toBe(
      "https://algoritmes.overheid.nl/nl/algoritme/chatbot-afval/123",
    );
    // Not a link: the app opens no websites.
    expect(shown.querySelector("a")).toBeNull();
    expect(document.querySelector("[data-notice=ok]")?.textContent).toContain(
      "De publicatie in het Algoritmeregister is vastgelegd.",
    );
    // A changed entry can be recorded again, behind its own button.
    expect(document.querySelector("[data-publication-form]")).toBeNull();
    await fireEvent.click(document.querySelector("[data-action=change-publication]")!);
    expect(document.querySelector("[data-publication-form]")).not.toBeNull();
  });

  it("shows the core's refusal beside the field it names", async () => {
    mockIPC((cmd) => {
      if (cmd === "minutes_status") return { meetingId: null, secretary: null };
      if (cmd === "record_publication")
        throw {
          kind: "invalid",
          message: "Niet alles is goed ingevuld.",
          messageEn: "Not everything is filled in correctly.",
          fields: [
            {
              field: "url",
              message: "Geef het adres van de registratie, beginnend met https://.",
              messageEn: "Give the entry's address, starting with https://.",
            },
          ],
        };
      throw new Error(`unexpected ${cmd}`);
    });
    render(FollowUpPanel, { view: view(followUp()) });
    await fireEvent.input(document.querySelector("#publication-url")!, { target: { value: "http://x" } });
    await fireEvent.click(document.querySelector("[data-action=record-publication]")!);
    await waitFor(() =>
      expect(document.querySelector("[data-field-error=publication-url]")?.textContent).toBe(
        "Geef het adres van de registratie, beginnend met https://.",
      ),
    );
    expect(document.querySelector("[data-field-error=publication-date]")).toBeNull();
    expect(document.querySelector("[data-published]")).toBeNull();
  });

  it("offers no publication form once the pilot has ended or its decision is superseded", async () => {
    mockIPC((cmd) => {
      if (cmd === "minutes_status") return { meetingId: null, secretary: null };
      throw new Error(`unexpected ${cmd}`);
    });
    const published = { date: "2027-03-03", url: "https://algoritmes.overheid.nl/x", by: "Joost" };
    render(FollowUpPanel, { view: view(followUp({ stage: "stopped", nextStages: [], published })) });
    expect(document.querySelector("[data-published]")?.textContent).toContain("3 maart 2027");
    expect(document.querySelector("[data-publication-form]")).toBeNull();
    expect(document.querySelector("[data-action=change-publication]")).toBeNull();
    cleanup();
    render(FollowUpPanel, { view: view(followUp({ laterRound: { supersedes: true } as FollowUp["laterRound"] })) });
    expect(document.querySelector("[data-not-published]")).not.toBeNull();
    expect(document.querySelector("[data-publication-form]")).toBeNull();
  });
});

describe("the follow-up panel in English", () => {
  it("shows no Dutch word of the catalogue, and the core's texts in English", async () => {
    const yes = { yes: true, text: "" };
    const recording = {} as never;
    const f = followUp({
      conditions: [
        { ...followUp().conditions[0]!, text: "Finish the DPIA", owner: "", awaiting: "met" },
        { ...followUp().conditions[0]!, index: 1, text: "Train staff", overdue: false, dueSoon: true },
      ],
      evaluationDue: true,
      reportDue: true,
      nextReport: "2027-06-01",
      pastPlannedEnd: true,
      plannedEnd: "2027-05-01",
      changesReported: ["incidents"],
      published: { date: "2027-03-03", url: "https://algoritmes.overheid.nl/x", by: "Joost" },
      reports: [
        {
          id: "r1",
          at: "2027-04-01T10:00:00Z",
          by: "Anna",
          questionnaire: "2026.1",
          answers: { incidents: yes },
          changes: ["incidents"],
          noted: null,
        },
        {
          id: "r2",
          at: "2027-02-01T10:00:00Z",
          by: "Anna",
          questionnaire: "2026.1",
          answers: {},
          changes: [],
          noted: "Fine.",
        },
      ],
      questionnaire: {
        version: "2026.1",
        questions: [
          {
            id: "incidents",
            text: { nl: "Waren er incidenten?", en: "Were there incidents?" },
            help: { nl: "Noem ze.", en: "Name them." },
            kind: "yesNo",
            namesAChange: true,
          },
          {
            id: "end",
            text: { nl: "Wanneer stopt de pilot?", en: "When does the pilot end?" },
            help: { nl: "", en: "" },
            kind: "date",
            namesAChange: false,
          },
          {
            id: "notes",
            text: { nl: "Opmerkingen", en: "Remarks" },
            help: { nl: "", en: "" },
            kind: "text",
            namesAChange: false,
          },
        ],
      },
      events: [
        {
          id: "e1",
          pilotId: "p1",
          decisionHash: "h",
          at: "2027-01-10T10:00:00Z",
          by: "Anna",
          kind: { type: "conditionReported", condition: 0, status: "met", note: "Done.", evidence: "DPIA v2" },
        },
        {
          id: "e2",
          pilotId: "p1",
          decisionHash: "h",
          at: "2027-01-12T10:00:00Z",
          by: "Joost",
          kind: {
            type: "conditionConfirmed",
            condition: 0,
            status: "inProgress",
            note: "",
            meetingId: "m0",
            recording,
          },
        },
        {
          id: "e3",
          pilotId: "p1",
          decisionHash: "h",
          at: "2027-01-01T10:00:00Z",
          by: "Joost",
          kind: { type: "life", stage: "inPilot", date: "2027-01-01", reason: "Start." },
        },
        {
          id: "e4",
          pilotId: "p1",
          decisionHash: "h",
          at: "2027-02-01T10:00:00Z",
          by: "Joost",
          kind: { type: "published", date: "2027-02-01", url: "https://algoritmes.overheid.nl/old" },
        },
        {
          id: "e5",
          pilotId: "p1",
          decisionHash: "h",
          at: "2027-03-03T10:00:00Z",
          by: "Joost",
          kind: { type: "published", date: "2027-03-03", url: "https://algoritmes.overheid.nl/x" },
        },
      ],
    });
    mockIPC((cmd) => {
      if (cmd === "minutes_status") return { meetingId: "m1", secretary: "Joost" };
      throw new Error(`unexpected ${cmd}`);
    });
    showLanguage("en");
    try {
      const { container } = render(FollowUpPanel, { view: view(f) });
      await waitFor(() => expect(container.querySelector("[data-confirm='0']")).not.toBeNull());
      // Every fold open, the stage form on an ending stage, the publication form shown.
      for (const d of container.querySelectorAll("details")) d.open = true;
      await fireEvent.change(container.querySelector("[data-stage-next]")!, { target: { value: "stopped" } });
      await fireEvent.click(container.querySelector("[data-action=change-publication]")!);
      expect(container.querySelector("[data-ending-steps]")?.textContent).toContain("Archive the decision.");
      expect(container.querySelector("[data-report='r1'] dt")?.textContent).toBe("Were there incidents?");
      expect(container.querySelector("[data-changes-reported]")?.textContent).toContain("were there incidents?");
      expect(container.querySelector("[data-published]")?.textContent).toContain("Published on 3 March 2027");
      expect(container.querySelector("#report-end")?.getAttribute("placeholder")).toBe("dd-mm-yyyy");
      expect(dutchOnScreen(container)).toEqual([]);
      cleanup();
      // Before a decision: the panel says so, in English.
      const empty = render(FollowUpPanel, { view: view(null) });
      expect(dutchOnScreen(empty.container)).toEqual([]);
    } finally {
      showLanguage("nl");
    }
  });
});
