import { tick } from "svelte";
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import Overview from "./Overview.svelte";
import { showLanguage } from "../lib/i18n";
import { go, nav } from "../lib/nav.svelte";
import { dutchOnScreen } from "../lib/i18n/probe";

const pilot = (n: number) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  title: `Pilot ${n} <b>vet</b>`,
  department: "Publiekszaken",
  status: "inReview",
  updatedAt: "2026-11-28T10:00:00Z",
});

const allDone = {
  municipality: "Gemeente Overbetuwe",
  suggestedMunicipality: "Gemeente Overbetuwe",
  committeeFounded: true,
  framework: { nl: "Lokaal toetsingskader AI 2026.3", en: "Local AI review framework 2026.3" },
  hasPilots: true,
  done: true,
};

const noneDue = {
  overdueConditions: 0,
  conditionsDueSoon: 0,
  awaitingConfirmation: 0,
  evaluationsDue: 0,
  reportsDue: 0,
  reportsToNote: 0,
  changesReported: 0,
  pastPlannedEnd: 0,
  pilots: [],
  pilotsByKind: {},
};

const intact = {
  intact: true,
  entries: 1,
  brokenAt: null,
  changedOutside: [],
  invalidSignatures: [],
  rosterProblems: [],
  schemaProblems: [],
  unconfirmed: 0,
};

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("the overview", () => {
  it("lists first, checks integrity after, and shows a long list a page at a time", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "list_pilots") return Array.from({ length: 150 }, (_, i) => pilot(i));
      if (cmd === "integrity") return intact;
      if (cmd === "due") return noneDue;
      if (cmd === "first_steps") return allDone;
      throw new Error(`unexpected ${cmd}`);
    });
    render(Overview);
    await screen.findByText("Pilot 0 <b>vet</b>");
    expect(document.querySelectorAll("[data-pilot]").length).toBe(100);
    expect(document.querySelector("b")).toBeNull();
    await waitFor(() =>
      expect(calls.filter((c) => c !== "first_steps" && c !== "backup_status")).toEqual([
        "list_pilots",
        "integrity",
        "due",
      ]),
    );
    await fireEvent.click(screen.getByRole("button", { name: "Toon er meer" }));
    expect(document.querySelectorAll("[data-pilot]").length).toBe(150);
  });

  it("reminds calmly of a signed decision in no backup, makes one from there, and leads to the settings", async () => {
    let needed = true;
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "list_pilots") return [pilot(1)];
      if (cmd === "integrity") return intact;
      if (cmd === "due") return noneDue;
      if (cmd === "first_steps") return allDone;
      if (cmd === "backup_status")
        return { last: null, needed, signedSince: "2026-11-29T16:40:00Z", database: "/data/ai-toets.sqlite3" };
      if (cmd === "make_backup") {
        needed = false;
        return {
          kind: "made",
          at: "2026-11-30T10:15:00Z",
          file: "/media/usb/ai-toets-back-up-2026-11-30.sqlite3",
          bytes: 12288,
          checkpoint: { entries: 12, head: "ab".repeat(32) },
        };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(Overview);
    const reminder = await waitFor(() => {
      const el = document.querySelector("[data-backup-reminder]");
      if (!el) throw new Error("no reminder yet");
      return el;
    });
    // Calm: a status, not an alert.
    expect(reminder.getAttribute("role")).toBe("status");
    expect(reminder.textContent).toContain(
      "Er is geen back-up van het laatste ondertekende besluit. Maak een back-up.",
    );
    await fireEvent.click(screen.getByRole("button", { name: "Back-up maken" }));
    await waitFor(() => expect(document.querySelector("[data-backup-reminder]")).toBeNull());
    expect(document.querySelector("[data-backup-made]")?.textContent).toContain(
      "/media/usb/ai-toets-back-up-2026-11-30.sqlite3",
    );
    expect(calls.filter((c) => c === "make_backup")).toHaveLength(1);
  });

  it("leads from the reminder to the settings screen", async () => {
    mockIPC((cmd) => {
      if (cmd === "list_pilots") return [pilot(1)];
      if (cmd === "backup_status")
        return { last: null, needed: true, signedSince: null, database: "/d/a.sqlite3", server: false };
      throw new Error(`unexpected ${cmd}`);
    });
    render(Overview);
    await fireEvent.click(await screen.findByRole("button", { name: "Naar Instellingen" }));
    expect(nav.screen.name).toBe("settings");
    go({ name: "overview" });
  });

  it("shows no reminder when the data is on a shared server: its administrator makes the backups", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "list_pilots") return [pilot(1)];
      if (cmd === "backup_status")
        return { last: null, needed: true, signedSince: null, database: "postgres://s@db/aitoets", server: true };
      throw new Error(`unexpected ${cmd}`);
    });
    render(Overview);
    await screen.findByText("Pilot 1 <b>vet</b>");
    await waitFor(() => expect(calls).toContain("backup_status"));
    // The answer is in and drawn (a reminder would be there by now).
    await new Promise((r) => setTimeout(r, 50));
    await tick();
    expect(document.querySelector("[data-backup-reminder]")).toBeNull();
    expect(screen.queryByRole("button", { name: "Back-up maken" })).toBeNull();
  });

  it("shows no reminder when every signed decision is in a backup", async () => {
    mockIPC((cmd) => {
      if (cmd === "list_pilots") return [pilot(1)];
      if (cmd === "backup_status")
        return { last: null, needed: false, signedSince: null, database: "/d/a.sqlite3", server: false };
      throw new Error(`unexpected ${cmd}`);
    });
    render(Overview);
    await screen.findByText("Pilot 1 <b>vet</b>");
    await tick();
    expect(document.querySelector("[data-backup-reminder]")).toBeNull();
  });

  it("searches by name through the core and says when nothing matches", async () => {
    const searched: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "list_pilots") return [pilot(1), pilot(2)];
      if (cmd === "integrity") return intact;
      if (cmd === "due") return noneDue;
      if (cmd === "first_steps") return allDone;
      if (cmd === "search_pilots") {
        searched.push((args as { query: string }).query);
        return [];
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(Overview);
    const field = await screen.findByLabelText("Zoek een pilot op naam");
    await fireEvent.input(field, { target: { value: "  ëlberts " } });
    await screen.findByText("Geen pilot gevonden met ‘ëlberts’ in de naam.");
    expect(searched).toEqual(["ëlberts"]);
  });

  it("says so when the check on open fails, instead of treating the database as intact", async () => {
    mockIPC((cmd) => {
      if (cmd === "list_pilots") return [pilot(1)];
      if (cmd === "integrity")
        throw { kind: "internal", message: "De database is op slot.", messageEn: "Locked.", fields: [] };
      throw new Error(`unexpected ${cmd}`);
    });
    render(Overview);
    const alert = await waitFor(() => {
      const el = document.querySelector("[data-integrity-failed]");
      if (!el) throw new Error("no warning yet");
      return el;
    });
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.getAttribute("data-notice")).toBe("error");
    expect(alert.textContent).toContain("De controle kon niet worden uitgevoerd: De database is op slot.");
    expect(alert.textContent).toContain("Het is dus niet zeker dat alles in de database nog klopt.");
    expect(alert.querySelector("[lang=en]")?.textContent).toBe("The check on open failed: Locked.");
    // Nothing that reads as a finished check: no findings, no count of unconfirmed changes.
    expect(document.querySelector("[data-integrity]")).toBeNull();
    expect(document.querySelector("[data-unconfirmed]")).toBeNull();
    expect(document.querySelectorAll("[role=alert]").length).toBe(1);
    expect(screen.getByText("Pilot 1 <b>vet</b>")).toBeTruthy();
  });

  it("shows the newest search's list when an earlier, slower search answers after it", async () => {
    let answerSlow: (list: unknown) => void = () => {};
    const searched: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "list_pilots") return [pilot(1), pilot(2)];
      if (cmd === "integrity") return intact;
      if (cmd === "due") return noneDue;
      if (cmd === "first_steps") return allDone;
      if (cmd === "search_pilots") {
        const query = (args as { query: string }).query;
        searched.push(query);
        // The first search is slow: its answer comes when the test says so.
        if (query === "pilot") return new Promise((resolve) => (answerSlow = resolve));
        return [pilot(2)];
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(Overview);
    const titles = () => [...document.querySelectorAll("[data-pilot]")].map((e) => e.textContent?.trim());
    const field = await screen.findByLabelText("Zoek een pilot op naam");
    await fireEvent.input(field, { target: { value: "pilot" } });
    await waitFor(() => expect(searched).toEqual(["pilot"]));
    await fireEvent.input(field, { target: { value: "pilot 2" } });
    await waitFor(() => expect(titles()).toEqual(["Pilot 2 <b>vet</b>"]));

    answerSlow([pilot(1), pilot(2), pilot(3)]);
    await new Promise((r) => setTimeout(r, 50));
    await tick();
    expect(searched).toEqual(["pilot", "pilot 2"]);
    expect(titles()).toEqual(["Pilot 2 <b>vet</b>"]);
  });

  it("lists roster and schema problems with the other findings", async () => {
    mockIPC((cmd) => {
      if (cmd === "list_pilots") return [pilot(1)];
      if (cmd === "integrity")
        return {
          ...intact,
          rosterProblems: ["Regel 3 van de ledenlijst is niet ondertekend."],
          schemaProblems: ["Tabel x ontbreekt."],
        };
      throw new Error(`unexpected ${cmd}`);
    });
    render(Overview);
    // The core's Dutch-only sentence is marked as Dutch inside the line.
    const roster = await screen.findByText("Regel 3 van de ledenlijst is niet ondertekend.");
    expect(roster.getAttribute("lang")).toBe("nl");
    expect(roster.parentElement?.textContent).toBe("Ledenlijst: Regel 3 van de ledenlijst is niet ondertekend.");
    expect(screen.getByText("Tabel x ontbreekt.").parentElement?.textContent).toBe("Database: Tabel x ontbreekt.");
  });

  it("says calmly how many changes are not yet confirmed, and nothing when all are", async () => {
    mockIPC((cmd) => {
      if (cmd === "list_pilots") return [pilot(1)];
      if (cmd === "integrity") return { ...intact, unconfirmed: 7 };
      throw new Error(`unexpected ${cmd}`);
    });
    render(Overview);
    const line = await waitFor(() => {
      const el = document.querySelector("[data-unconfirmed]");
      if (!el) throw new Error("no line yet");
      return el;
    });
    expect(line.textContent?.replace(/\s+/g, " ").trim()).toBe(
      "7 wijzigingen zijn nog niet bevestigd door een handtekening of door de voorzitter en secretaris.",
    );
    expect(line.getAttribute("role")).toBeNull();
    expect(document.querySelector("[data-integrity]")).toBeNull();
    expect(document.querySelector("[role=alert]")).toBeNull();
  });

  it("shows no unconfirmed line when everything is confirmed", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "list_pilots") return [pilot(1)];
      if (cmd === "integrity") return intact;
      if (cmd === "due") return noneDue;
      if (cmd === "first_steps") return allDone;
      throw new Error(`unexpected ${cmd}`);
    });
    render(Overview);
    await waitFor(() => expect(calls).toContain("integrity"));
    await screen.findByText("Pilot 1 <b>vet</b>");
    expect(document.querySelector("[data-unconfirmed]")).toBeNull();
  });

  it("says what is due and narrows the list to those pilots on request", async () => {
    mockIPC((cmd) => {
      if (cmd === "list_pilots") return [pilot(1), pilot(2), pilot(3)];
      if (cmd === "integrity") return intact;
      if (cmd === "due")
        return {
          ...noneDue,
          overdueConditions: 1,
          evaluationsDue: 2,
          pilots: [pilot(2).id, pilot(3).id],
          pilotsByKind: { overdue: [pilot(3).id], evaluation: [pilot(2).id, pilot(3).id] },
        };
      throw new Error(`unexpected ${cmd}`);
    });
    render(Overview);
    await waitFor(() => expect(document.querySelector("[data-due]")).not.toBeNull());
    expect(document.querySelector("[data-due-count=overdue]")?.textContent).toContain("1 voorwaarde te laat");
    expect(document.querySelector("[data-due-count=evaluation]")?.textContent).toContain("2 herbeoordelingen");
    expect(document.querySelector("[data-due-count=soon]")).toBeNull();
    expect(document.querySelectorAll("[data-pilot]").length).toBe(3);
    await fireEvent.click(document.querySelector("[data-action=filter-due]")!);
    expect(document.querySelectorAll("[data-pilot]").length).toBe(2);
    await fireEvent.click(document.querySelector("[data-action=filter-due]")!);
    expect(document.querySelectorAll("[data-pilot]").length).toBe(3);
    // Each count links to its own pilots.
    await fireEvent.click(document.querySelector("[data-action=filter-due-overdue]")!);
    expect([...document.querySelectorAll("[data-pilot]")].map((e) => e.getAttribute("data-pilot"))).toEqual([
      pilot(3).id,
    ]);
    await fireEvent.click(document.querySelector("[data-action=filter-due-overdue]")!);
    expect(document.querySelectorAll("[data-pilot]").length).toBe(3);
  });
});

describe("the overview in English", () => {
  it("shows no Dutch of its own: the list, the findings of the check, the unconfirmed changes", async () => {
    mockIPC((cmd) => {
      if (cmd === "list_pilots")
        return [
          { ...pilot(1), title: "Chatbot", department: "" },
          { ...pilot(2), title: "Route planner", round: 2 },
        ];
      if (cmd === "integrity")
        return { ...intact, intact: false, brokenAt: 12, changedOutside: ["Chatbot"], unconfirmed: 3 };
      if (cmd === "due") return noneDue;
      if (cmd === "first_steps") return allDone;
      throw new Error(`unexpected ${cmd}`);
    });
    showLanguage("en");
    try {
      const { container } = render(Overview);
      await waitFor(() => expect(document.querySelector("[data-unconfirmed]")).not.toBeNull());
      expect(container.textContent).toContain("The audit trail is damaged or altered after line 11.");
      expect(container.textContent).toContain("re-assessment, round 2");
      expect(container.querySelector("[lang=en]")).toBeNull();
      expect(dutchOnScreen(container)).toEqual([]);
    } finally {
      showLanguage("nl");
    }
  });

  it("says in English that there are no pilots yet", async () => {
    mockIPC((cmd) => {
      if (cmd === "list_pilots") return [];
      if (cmd === "integrity") return intact;
      if (cmd === "due") return noneDue;
      if (cmd === "first_steps") return allDone;
      throw new Error(`unexpected ${cmd}`);
    });
    showLanguage("en");
    try {
      const { container } = render(Overview);
      await screen.findByText(/There are no pilots yet/);
      expect(dutchOnScreen(container)).toEqual([]);
    } finally {
      showLanguage("nl");
    }
  });
});
