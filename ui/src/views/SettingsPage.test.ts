import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import SettingsPage from "./SettingsPage.svelte";
import App from "../App.svelte";
import { go, nav } from "../lib/nav.svelte";
import type { BackupRecord, BackupStatus, Restored } from "../lib/bindings";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";

const database = "/home/secretaris/.local/share/nl.overbetuwe.ai-toets/ai-toets.sqlite3";

const record = (over: Partial<BackupRecord> = {}): BackupRecord => ({
  kind: "made",
  at: "2026-11-30T10:15:00Z",
  file: "/media/usb/ai-toets-back-up-2026-11-30.sqlite3",
  bytes: 28_299_264,
  checkpoint: { entries: 2004, head: "ab".repeat(32) },
  ...over,
});

const status = (over: Partial<BackupStatus> = {}): BackupStatus => ({
  last: null,
  needed: false,
  signedSince: null,
  database,
  server: false,
  ...over,
});

const refusal = {
  kind: "badFile",
  message:
    "oud.sqlite3 is niet teruggezet: de controle vond problemen in deze back-up. Uw huidige gegevens zijn niet veranderd. Gevonden: buiten AI-toets gewijzigd: Chatbot afvalwijzer.",
  messageEn:
    "oud.sqlite3 was not restored: the check found problems in this backup. Your current data is unchanged. Found: changed outside AI-toets: Chatbot afvalwijzer.",
  fields: [],
};

const text = (selector: string) => document.querySelector(selector)?.textContent?.replace(/\s+/g, " ").trim() ?? "";

afterEach(() => {
  cleanup();
  clearMocks();
  showLanguage("nl");
});

describe("the settings screen's backup", () => {
  it("reminds of a signed decision in no backup, makes one, and then says when and of how much", async () => {
    const calls: string[] = [];
    let current = status({ needed: true, signedSince: "2026-11-29T16:40:00Z" });
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "backup_status") return current;
      if (cmd === "make_backup") {
        current = status({ last: record() });
        return record();
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(SettingsPage);
    await waitFor(() => expect(document.querySelector("[data-backup-reminder]")).not.toBeNull());
    expect(text("[data-backup-reminder]")).toContain(
      "Er is geen back-up van het laatste ondertekende besluit. Maak een back-up.",
    );
    expect(text("[data-backup-reminder]")).toContain("Laatst ondertekend: 29 november 2026, 16:40 UTC.");
    expect(text("[data-backup-last]")).toBe("Er is nog geen back-up van deze gegevens gemaakt.");
    expect(text("[data-database]")).toBe(database);
    await fireEvent.click(screen.getByRole("button", { name: "Back-up maken" }));
    await waitFor(() => expect(document.querySelector("[data-backup-made]")).not.toBeNull());
    expect(text("[data-backup-made]")).toBe(
      "De back-up is gemaakt en gecontroleerd: /media/usb/ai-toets-back-up-2026-11-30.sqlite3",
    );
    await waitFor(() => expect(document.querySelector("[data-backup-reminder]")).toBeNull());
    expect(text("[data-backup-last]")).toBe(
      "Laatste back-up: 30 november 2026, 10:15 UTC, met 2004 regels uit het logboek.",
    );
    expect(calls.filter((c) => c !== "database")).toEqual(["backup_status", "make_backup", "backup_status"]);
  });

  it("shows nothing as made when the dialog was cancelled, and the core's refusal when the backup failed", async () => {
    let answer: "cancel" | "fail" = "cancel";
    mockIPC((cmd) => {
      if (cmd === "backup_status") return status();
      if (cmd === "make_backup") {
        if (answer === "cancel") return null;
        throw {
          kind: "badFile",
          message: "Dit is het bestand waarin AI-toets nu werkt: kies een ander bestand.",
          messageEn: "This is the file AI-toets is working in: choose another file.",
          fields: [],
        };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(SettingsPage);
    const make = await screen.findByRole("button", { name: "Back-up maken" });
    await fireEvent.click(make);
    await waitFor(() => expect((make as HTMLButtonElement).disabled).toBe(false));
    expect(document.querySelector("[data-backup-made]")).toBeNull();
    expect(document.querySelector("[data-backup-failed]")).toBeNull();
    answer = "fail";
    await fireEvent.click(make);
    await waitFor(() => expect(document.querySelector("[data-backup-failed]")).not.toBeNull());
    expect(text("[data-backup-failed]")).toContain(
      "Back-up maken: Dit is het bestand waarin AI-toets nu werkt: kies een ander bestand.",
    );
    expect(document.querySelector("[data-backup-made]")).toBeNull();
  });

  it("asks before it restores, says what is replaced and where the current file is kept, and can be cancelled", async () => {
    const calls: string[] = [];
    const restored: Restored = {
      from: "/media/usb/ai-toets-back-up-2026-11-30.sqlite3",
      kept: "/home/secretaris/.local/share/nl.overbetuwe.ai-toets/ai-toets.sqlite3.vervangen-2026-12-01T09-00-00Z",
      entries: 2004,
    };
    let current = status({ last: record() });
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "backup_status") return current;
      if (cmd === "restore_backup") {
        current = status({ last: record({ kind: "restored", at: "2026-12-01T09:00:00Z" }) });
        return restored;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(SettingsPage);
    await waitFor(() => expect(document.querySelector("[data-backup-last]")).not.toBeNull());
    await fireEvent.click(screen.getByRole("button", { name: "Back-up terugzetten" }));
    const confirm = text("[data-restore-confirm]");
    expect(confirm).toContain("Terugzetten vervangt alle gegevens in AI-toets door die van de back-up.");
    expect(confirm).toContain("AI-toets controleert de back-up eerst helemaal.");
    expect(confirm).toContain(`in dezelfde map als ${database}`);
    expect(calls).not.toContain("restore_backup");
    await fireEvent.click(screen.getByRole("button", { name: "Annuleren" }));
    expect(document.querySelector("[data-restore-confirm]")).toBeNull();
    expect(calls).not.toContain("restore_backup");

    await fireEvent.click(screen.getByRole("button", { name: "Back-up terugzetten" }));
    await fireEvent.click(screen.getByRole("button", { name: "Ja, back-up kiezen en terugzetten" }));
    await waitFor(() => expect(document.querySelector("[data-backup-restored]")).not.toBeNull());
    expect(text("[data-backup-restored]")).toContain(
      "De back-up is teruggezet: /media/usb/ai-toets-back-up-2026-11-30.sqlite3 (2004 regels uit het logboek).",
    );
    expect(text("[data-backup-restored]")).toContain(`Het vervangen bestand staat in ${restored.kept}.`);
    await waitFor(() =>
      expect(text("[data-backup-last]")).toBe(
        "Teruggezet uit een back-up op 1 december 2026, 09:00 UTC, met 2004 regels uit het logboek.",
      ),
    );
    expect(calls.filter((c) => c === "restore_backup")).toHaveLength(1);
  });

  it("shows the core's refusal of a damaged backup in Dutch with the English under it", async () => {
    mockIPC((cmd) => {
      if (cmd === "backup_status") return status({ last: record() });
      if (cmd === "restore_backup") throw refusal;
      throw new Error(`unexpected ${cmd}`);
    });
    render(SettingsPage);
    await fireEvent.click(await screen.findByRole("button", { name: "Back-up terugzetten" }));
    await fireEvent.click(screen.getByRole("button", { name: "Ja, back-up kiezen en terugzetten" }));
    const alert = await waitFor(() => {
      const el = document.querySelector("[data-backup-failed]");
      if (!el) throw new Error("no refusal yet");
      return el;
    });
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.textContent).toContain(`Terugzetten: ${refusal.message}`);
    expect(alert.querySelector("[lang=en]")?.textContent).toBe(`Restoring: ${refusal.messageEn}`);
    expect(document.querySelector("[data-backup-restored]")).toBeNull();
  });

  it("says so when the status cannot be read, instead of saying there is no backup", async () => {
    mockIPC((cmd) => {
      if (cmd === "backup_status")
        throw { kind: "storage", message: "De database is op slot.", messageEn: "Locked.", fields: [] };
      throw new Error(`unexpected ${cmd}`);
    });
    render(SettingsPage);
    await waitFor(() => expect(document.querySelector("[data-backup-status-failed]")).not.toBeNull());
    expect(text("[data-backup-status-failed]")).toContain(
      "Het is niet bekend wanneer de laatste back-up was: De database is op slot.",
    );
    expect(document.querySelector("[data-backup-last]")).toBeNull();
  });

  it("speaks English when English is chosen", async () => {
    showLanguage("en");
    mockIPC((cmd) => {
      if (cmd === "backup_status") return status({ needed: true, signedSince: "2026-11-29T16:40:00Z", last: null });
      throw new Error(`unexpected ${cmd}`);
    });
    const { container } = render(SettingsPage);
    await waitFor(() => expect(document.querySelector("[data-backup-reminder]")).not.toBeNull());
    expect(text("h1")).toBe("Settings");
    expect(text("[data-backup-last]")).toBe("No backup of this data has been made yet.");
    expect(text("[data-backup-reminder]")).toContain("There is no backup of the last signed decision. Make a backup.");
    await fireEvent.click(screen.getByRole("button", { name: "Restore a backup" }));
    expect(text("[data-restore-confirm]")).toContain("The current file is kept under a new name");
    expect(dutchOnScreen(container)).toEqual([]);
  });
});

describe("the backup when the data is on a shared server", () => {
  it("says the server's administrator makes the backups, and offers no backup, restore or reminder", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "backup_status")
        return status({ server: true, needed: true, database: "postgres://secretaris@db.overbetuwe.nl/aitoets" });
      if (cmd === "database")
        return {
          shown: "postgres://secretaris@db.overbetuwe.nl/aitoets",
          server: true,
          fromEnvironment: false,
          defaultFile: database,
        };
      throw new Error(`unexpected ${cmd}`);
    });
    render(SettingsPage);
    await waitFor(() => expect(document.querySelector("[data-backup-on-server]")).not.toBeNull());
    expect(text("[data-backup-on-server]")).toBe(
      "De gegevens staan op een gedeelde server; de beheerder van de server maakt de back-ups.",
    );
    const backup = document.querySelector("[data-settings-section=backup]")!;
    expect(backup.querySelector("[data-action=make-backup]")).toBeNull();
    expect(backup.querySelector("[data-action=restore-backup]")).toBeNull();
    expect(backup.querySelector("[data-backup-reminder]")).toBeNull();
    // Not the file's story ("in one file on this laptop") either.
    expect(backup.textContent).not.toContain("in één bestand");
    expect(calls).not.toContain("make_backup");
    // The page holds both parts, the database first.
    const sections = [...document.querySelectorAll("[data-settings-section]")].map((s) =>
      s.getAttribute("data-settings-section"),
    );
    expect(sections).toEqual(["database", "backup"]);
  });

  it("says it in English when English is chosen", async () => {
    showLanguage("en");
    mockIPC((cmd) => {
      if (cmd === "backup_status") return status({ server: true, database: "postgres://s@db.example.org/aitoets" });
      if (cmd === "database")
        return {
          shown: "postgres://s@db.example.org/aitoets",
          server: true,
          fromEnvironment: true,
          defaultFile: database,
        };
      throw new Error(`unexpected ${cmd}`);
    });
    const { container } = render(SettingsPage);
    await waitFor(() => expect(document.querySelector("[data-backup-on-server]")).not.toBeNull());
    await waitFor(() => expect(document.querySelector("[data-database-fixed]")).not.toBeNull());
    expect(text("[data-backup-on-server]")).toBe(
      "The data is on a shared server; the server's administrator makes the backups.",
    );
    expect(dutchOnScreen(container)).toEqual([]);
  });
});

describe("the app bar", () => {
  it("opens the settings screen from the main menu", async () => {
    mockIPC((cmd) => {
      if (cmd === "backup_status") return status();
      if (cmd === "list_pilots") return [];
      throw new Error(`not needed here: ${cmd}`);
    });
    go({ name: "overview" });
    render(App);
    await fireEvent.click(screen.getByRole("button", { name: "Instellingen" }));
    expect(nav.screen.name).toBe("settings");
    await waitFor(() => expect(text("main h1")).toBe("Instellingen"));
    expect(document.querySelector("[data-nav=settings]")?.getAttribute("aria-current")).toBe("page");
    go({ name: "overview" });
  });
});
