import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import MeetingPage from "./MeetingPage.svelte";
import MeetingsPage from "./MeetingsPage.svelte";
import NewMeeting from "./NewMeeting.svelte";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";

const MEETING = "00000000-0000-4000-9000-000000000001";
const PILOT = "00000000-0000-4000-8000-000000000001";
const recording = { memberId: "m2", name: "Joost Elberts", keyId: "k2", at: "2026-11-20T10:00:00Z", signature: "" };
const meeting = {
  id: MEETING,
  revision: 2,
  date: "2026-11-20",
  place: "Council chamber",
  members: [
    { name: "Marieke de Vries", role: "chair", present: true },
    { name: "Joost Elberts", role: "secretary", present: true },
    { name: "Fatima el Amrani", role: "member", present: true },
    { name: "Sam Jansen", role: "member", present: false },
  ],
  quorum: { type: "atLeast", count: 2 },
  agenda: [PILOT],
  conflicts: [{ member: "Fatima el Amrani", pilotId: PILOT, reason: "Works on it", recordedBy: recording }],
  votes: [],
  minorityOpinions: [],
};
const meetingView = {
  meeting,
  agenda: [
    {
      pilot: {
        id: PILOT,
        title: "Waste chatbot",
        department: "",
        status: "inReview",
        updatedAt: "2026-11-01T10:00:00Z",
      },
      eligible: ["Marieke de Vries", "Joost Elberts"],
      quorumMet: true,
    },
  ],
  followUp: [
    {
      pilotId: PILOT,
      pilotTitle: "Waste chatbot",
      event: {
        id: "e1",
        pilotId: PILOT,
        decisionHash: "00",
        at: "2026-11-20T10:00:00Z",
        by: "Joost Elberts",
        kind: { type: "conditionConfirmed", condition: 0, status: "met", note: "", meetingId: MEETING, recording },
      },
    },
  ],
};

function commands(cmd: string) {
  if (cmd === "get_meeting") return meetingView;
  if (cmd === "minutes_status") return { meetingId: MEETING, secretary: "Joost Elberts" };
  if (cmd === "list_members") return [];
  if (cmd === "list_meetings") return [meeting, { ...meeting, id: "m2", agenda: [] }];
  if (cmd === "agenda_candidates") return [];
  if (cmd === "roster_status") return { founded: true, legacy: false, officers: [], approvals: 2, events: 1 };
  throw new Error(`unexpected ${cmd}`);
}

afterEach(() => {
  cleanup();
  clearMocks();
  showLanguage("nl");
});

describe("a meeting's page", () => {
  it("shows the meeting in Dutch as before", async () => {
    mockIPC((cmd) => commands(cmd));
    const { container } = render(MeetingPage, { id: MEETING });
    await waitFor(() => expect(container.querySelector("[data-agenda-item]")).toBeTruthy());
    expect(container.querySelector("h1")?.textContent).toBe("Vergadering 20 november 2026");
    expect(container.textContent).toContain("Council chamber · quorum: minstens 2 leden · aanwezig: Marieke de Vries");
    expect(container.textContent).toContain("Mogen meebeslissen: Marieke de Vries, Joost Elberts");
  });

  it("shows no Dutch in English: the agenda, conflicts, follow-up, minutes, the log and the form", async () => {
    mockIPC((cmd) => commands(cmd));
    showLanguage("en");
    const { container } = render(MeetingPage, { id: MEETING });
    await waitFor(() => expect(container.querySelector("[data-agenda-item]")).toBeTruthy());
    await waitFor(() => expect(container.querySelector("[data-minutes=open]")).toBeTruthy());
    await waitFor(() => expect(container.querySelector("[data-confirm-log] form")).toBeTruthy());
    expect(container.querySelector("h1")?.textContent).toBe("Meeting 20 November 2026");
    expect(container.textContent).toContain("condition 1 confirmed");
    expect(dutchOnScreen(container)).toEqual([]);
    // The form to change attendance, members and agenda.
    await fireEvent.click(container.querySelector("details.edit summary")!);
    await waitFor(() => expect(container.querySelector("#meeting-date")).toBeTruthy());
    expect(dutchOnScreen(container)).toEqual([]);
  });
});

describe("the list of meetings and a new meeting", () => {
  it("show no Dutch in English", async () => {
    mockIPC((cmd) => commands(cmd));
    showLanguage("en");
    const list = render(MeetingsPage);
    await waitFor(() => expect(list.container.querySelectorAll("[data-meeting]").length).toBe(2));
    expect(list.container.textContent).toContain("3 of 4");
    expect(dutchOnScreen(list.container)).toEqual([]);
    list.unmount();
    const fresh = render(NewMeeting);
    await waitFor(() => expect(fresh.container.querySelector("#meeting-date")).toBeTruthy());
    expect(dutchOnScreen(fresh.container)).toEqual([]);
  });
});
