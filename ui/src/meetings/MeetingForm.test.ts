import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import MeetingForm from "./MeetingForm.svelte";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";

afterEach(() => {
  cleanup();
  clearMocks();
  showLanguage("nl");
});

describe("a new meeting", () => {
  it("starts with the committee's roster, each member in their role", async () => {
    const member = (name: string, role: string) => ({ id: name, name, role, keys: [] });
    mockIPC((cmd) => {
      if (cmd === "agenda_candidates") return [];
      if (cmd === "list_members")
        return [
          member("Joost Ëlberts", "secretary"),
          member("Marieke de Vries", "chair"),
          member("Fatima el Amrani", "member"),
        ];
      throw new Error(`unexpected ${cmd}`);
    });
    render(MeetingForm, { onsaved: () => {} });
    await waitFor(() => expect(document.querySelectorAll("[data-member-name]").length).toBe(3));
    const names = [...document.querySelectorAll<HTMLInputElement>("[data-member-name]")].map((e) => e.value);
    const roles = [...document.querySelectorAll<HTMLSelectElement>("[data-member-role]")].map((e) => e.value);
    expect(names).toEqual(["Joost Ëlberts", "Marieke de Vries", "Fatima el Amrani"]);
    expect(roles).toEqual(["secretary", "chair", "member"]);
  });
});

describe("the agenda", () => {
  const pilot = (n: number, title: string, status: string) => ({
    id: `00000000-0000-4000-8000-00000000000${n}`,
    title,
    department: "",
    status,
    updatedAt: "2026-11-01T10:00:00Z",
  });

  it("offers exactly the pilots the core names as candidates, whatever their status", async () => {
    const asked: unknown[] = [];
    // The core's answer, not a status filter: a decided pilot already on this meeting's agenda
    // is offered because the core names it.
    const candidates = [pilot(1, "Chatbot afval", "submitted"), pilot(2, "Vertaalhulp", "decided")];
    mockIPC((cmd, args) => {
      if (cmd === "agenda_candidates") {
        asked.push(args);
        return candidates;
      }
      if (cmd === "list_members") return [];
      throw new Error(`unexpected ${cmd}`);
    });
    const meeting = {
      id: "00000000-0000-4000-9000-000000000001",
      date: "2026-11-20",
      place: "Raadzaal",
      members: [{ name: "Marieke de Vries", role: "chair", present: true }],
      quorum: { type: "majority" },
      agenda: [candidates[1]!.id],
      conflicts: [],
      votes: [],
      minorityOpinions: [],
    };
    render(MeetingForm, { view: { meeting, agenda: [] } as never, onsaved: () => {} });
    await waitFor(() => expect(document.querySelectorAll("[data-agenda-pilot]").length).toBe(2));
    const offered = [...document.querySelectorAll<HTMLInputElement>("[data-agenda-pilot]")];
    expect(offered.map((e) => e.dataset.agendaPilot)).toEqual(candidates.map((p) => p.id));
    expect(offered.map((e) => e.checked)).toEqual([false, true]);
    expect(asked).toEqual([{ meeting: meeting.id }]);
    expect(document.querySelector("[role=alert]")).toBeNull();
  });

  it("asks for a new meeting's candidates without a meeting id", async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "agenda_candidates") {
        asked.push(args);
        return [];
      }
      if (cmd === "list_members") return [];
      throw new Error(`unexpected ${cmd}`);
    });
    render(MeetingForm, { onsaved: () => {} });
    await waitFor(() => expect(asked).toEqual([{ meeting: null }]));
    expect(document.querySelector("[data-agenda-pilot]")).toBeNull();
  });
});

describe("the meeting's date", () => {
  it("is typed as dd-mm-jjjj and sent as the core keeps it", async () => {
    const sent: { date: string }[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "agenda_candidates" || cmd === "list_members") return [];
      if (cmd === "create_meeting") {
        sent.push((args as { meeting: { date: string } }).meeting);
        throw { kind: "invalid", message: "Vul de plaats in.", messageEn: "Fill in the place.", fields: [] };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const { container } = render(MeetingForm, { onsaved: () => {} });
    const date = container.querySelector<HTMLInputElement>("#meeting-date")!;
    expect(date.type).toBe("text");
    expect(date.value).toMatch(/^\d{2}-\d{2}-\d{4}$/);
    await fireEvent.input(date, { target: { value: "3-12-2026" } });
    await fireEvent.click(container.querySelector("[data-action=save-meeting]")!);
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.date).toBe("2026-12-03");
  });
});

describe("the meeting form in English", () => {
  it("shows no Dutch", async () => {
    mockIPC((cmd) => {
      if (cmd === "agenda_candidates")
        return [
          { id: "p1", title: "Waste chatbot", department: "", status: "submitted", updatedAt: "2026-11-01T10:00:00Z" },
          { id: "p2", title: "Translation aid", department: "", status: "inReview", updatedAt: "2026-11-01T10:00:00Z" },
        ];
      if (cmd === "list_members") return [];
      throw new Error(`unexpected ${cmd}`);
    });
    showLanguage("en");
    const { container } = render(MeetingForm, { onsaved: () => {} });
    await waitFor(() => expect(container.querySelectorAll("[data-agenda-pilot]").length).toBe(2));
    for (const box of container.querySelectorAll<HTMLInputElement>("[data-agenda-pilot]")) await fireEvent.click(box);
    expect(container.textContent).toContain("Create meeting");
    expect(dutchOnScreen(container)).toEqual([]);
  });
});
