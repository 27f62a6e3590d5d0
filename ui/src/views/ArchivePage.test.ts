import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { Channel } from "@tauri-apps/api/core";
import ArchivePage from "./ArchivePage.svelte";
import App from "../App.svelte";
import { go } from "../lib/nav.svelte";
import { transferring } from "../archive/transferring.svelte";
import type {
  ArchiveSettings,
  PeriodRequest,
  Progress,
  TransferDecision,
  TransferPreview,
  TransferResult,
} from "../lib/bindings";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";

type ExportArgs = { request: PeriodRequest; official: string; onProgress: Channel<Progress> };

const settings = (over: Partial<ArchiveSettings> = {}): ArchiveSettings => ({
  creator: "",
  creatorId: "",
  selectionList: "Selectielijst gemeenten en intergemeentelijke organen 2020",
  categoryCode: "",
  categoryLabel: "",
  appraisal: "keep",
  retentionYears: null,
  access: "Openbaar",
  ...over,
});

const decisions: TransferDecision[] = [
  {
    id: "0b6a8a52-0000-4000-8000-000000000001",
    title: "Chatbot <b>voor</b> afval",
    outcome: "positiveWithConditions",
    round: 1,
    signedAt: "2026-03-05T10:00:00Z",
  },
  {
    id: "0b6a8a52-0000-4000-8000-000000000002",
    title: "Slimme planning wijkteams",
    outcome: "negative",
    round: 2,
    signedAt: "2026-11-28T23:30:00-01:00",
  },
];

function preview(request: PeriodRequest, over: Partial<TransferPreview> = {}): TransferPreview {
  return {
    period: { ...request, from: `${request.year}-01-01`, to: `${request.year}-12-31` },
    decisions,
    settings: settings(),
    municipality: "Gemeente Overbetuwe",
    ...over,
  };
}

const result = (over: Partial<TransferResult> = {}): TransferResult => ({
  summary: { path: "/home/ria/ai-toets-overdracht-2026", decisions: 2, files: 23, bytes: 1_234_567 },
  verified: true,
  problems: [],
  rosterFounding: "9f2c",
  ...over,
});

/** What Rust does to send on a channel: the message with its place in the order. */
function send(channel: Channel<Progress>, index: number, message: Progress) {
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback: (id: number, data: unknown) => void } })
    .__TAURI_INTERNALS__;
  internals.runCallback(channel.id, { index, message });
}

const text = (selector: string) => document.querySelector(selector)?.textContent?.replace(/\s+/g, " ").trim();
const input = (id: string) => document.querySelector<HTMLInputElement>(`#${id}`)!;
const exportButton = () => document.querySelector<HTMLButtonElement>("[data-action=export-transfer]")!;
const invalid = { kind: "invalid", message: "Eén veld is nog niet goed ingevuld.", messageEn: "One field." };

afterEach(() => {
  cleanup();
  clearMocks();
  go({ name: "overview" });
  transferring.result = null;
  transferring.failure = null;
});

describe("the Archief screen", () => {
  it("lists the signed decisions of the chosen period, as text, and says when there are none", async () => {
    const asked: PeriodRequest[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "transfer_preview") {
        const { request } = args as { request: PeriodRequest };
        asked.push(request);
        return preview(request, request.kind === "firstHalf" ? { decisions: [] } : {});
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(ArchivePage);
    expect(screen.getByText(/Maak een overdrachtspakket voor het e-Depot/).textContent).toContain("BagIt-map");
    await waitFor(() => expect(document.querySelectorAll("[data-transfer-decision]").length).toBe(2));
    expect(text("[data-testid=transfer-count]")).toMatch(/^In het pakket: 2 ondertekende besluiten uit heel \d{4}\.$/);
    const rows = [...document.querySelectorAll("[data-transfer-decision]")].map((r) =>
      [...r.querySelectorAll("td")].map((td) => td.textContent?.trim()),
    );
    expect(rows).toEqual([
      ["Chatbot <b>voor</b> afval", "Positief onder voorwaarden", "05-03-2026", "1"],
      ["Slimme planning wijkteams", "Negatief", "29-11-2026", "2"],
    ]);
    expect(document.querySelector("[data-transfer-decisions] b")).toBeNull();
    expect(exportButton().disabled).toBe(false);

    // The settings as stored: the municipality in place of an empty archiefvormer, the
    // category marked as required.
    expect(input("archive-creator").placeholder).toBe("Gemeente Overbetuwe");
    expect(input("archive-selection-list").value).toBe("Selectielijst gemeenten en intergemeentelijke organen 2020");
    expect(document.querySelector("label[for=archive-category-code] .req")).not.toBeNull();
    expect(document.querySelector("label[for=archive-category-label] .req")).not.toBeNull();
    expect(document.querySelector<HTMLInputElement>("[data-appraisal=keep]")!.checked).toBe(true);
    expect(document.querySelector("#archive-retention")).toBeNull();

    const year = document.querySelector<HTMLSelectElement>("[data-transfer-year]")!;
    const chosen = year.options[1]!.value;
    await fireEvent.change(year, { target: { value: chosen } });
    await fireEvent.click(document.querySelector("[data-transfer-kind=firstHalf]")!);
    await waitFor(() =>
      expect(text("[data-testid=transfer-empty]")).toBe(
        `Er zijn geen ondertekende besluiten in de eerste helft van ${chosen}. Kies een andere periode.`,
      ),
    );
    expect(asked.at(-1)).toEqual({ year: Number(chosen), kind: "firstHalf" });
    expect(document.querySelector("[data-transfer-decisions]")).toBeNull();
    expect(exportButton().disabled).toBe(true);
  });

  it("saves the settings as typed, with the term only when the decisions are destroyed", async () => {
    const saves: { settings: ArchiveSettings; by: string }[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "transfer_preview") return preview((args as { request: PeriodRequest }).request);
      if (cmd === "set_archive_settings") {
        const a = args as { settings: ArchiveSettings; by: string };
        saves.push(a);
        if (a.settings.retentionYears === null && a.settings.appraisal === "destroy")
          throw {
            ...invalid,
            fields: [
              { field: "retentionYears", message: "Geef de bewaartermijn in jaren (1 tot 200).", messageEn: "" },
            ],
          };
        return a.settings;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(ArchivePage);
    await waitFor(() => expect(input("archive-creator")).toBeTruthy());
    await fireEvent.input(input("archive-creator"), { target: { value: "Gemeente Overbetuwe, afdeling DIV" } });
    await fireEvent.input(input("archive-creator-id"), { target: { value: "gm1734" } });
    await fireEvent.input(input("archive-category-code"), { target: { value: "1.1" } });
    await fireEvent.input(input("archive-category-label"), { target: { value: "Test categorie" } });
    await fireEvent.click(document.querySelector("[data-appraisal=destroy]")!);
    await fireEvent.input(input("archive-retention"), { target: { value: "tien" } });
    await fireEvent.input(input("archive-access"), { target: { value: "Beperkt openbaar" } });
    await fireEvent.input(input("archive-by"), { target: { value: "Ria Archivaris" } });
    expect(text("[data-testid=settings-unsaved]")).toContain("nog niet bewaard");

    // A term that is no number goes as none: the core names what it needs, beside the field.
    await fireEvent.click(document.querySelector("[data-action=save-archive-settings]")!);
    await waitFor(() =>
      expect(text("[data-field-error=archive-retention]")).toBe("Geef de bewaartermijn in jaren (1 tot 200)."),
    );
    expect(text("[data-settings-failed]")).toContain("Eén veld is nog niet goed ingevuld.");
    expect(document.querySelector("[data-testid=settings-saved]")).toBeNull();

    await fireEvent.input(input("archive-retention"), { target: { value: " 10 " } });
    await fireEvent.click(document.querySelector("[data-action=save-archive-settings]")!);
    await screen.findByText("De archiefinstellingen zijn bewaard.");
    expect(saves.at(-1)).toEqual({
      settings: {
        creator: "Gemeente Overbetuwe, afdeling DIV",
        creatorId: "gm1734",
        selectionList: "Selectielijst gemeenten en intergemeentelijke organen 2020",
        categoryCode: "1.1",
        categoryLabel: "Test categorie",
        appraisal: "destroy",
        retentionYears: 10,
        access: "Beperkt openbaar",
      },
      by: "Ria Archivaris",
    });
    expect(document.querySelector("[data-field-error]")).toBeNull();
    expect(document.querySelector("[data-testid=settings-unsaved]")).toBeNull();

    // Kept for ever: no term is sent, whatever was typed.
    await fireEvent.click(document.querySelector("[data-appraisal=keep]")!);
    expect(document.querySelector("#archive-retention")).toBeNull();
    await fireEvent.click(document.querySelector("[data-action=save-archive-settings]")!);
    await waitFor(() => expect(saves.at(-1)?.settings).toMatchObject({ appraisal: "keep", retentionYears: null }));
  });

  it("makes the package: each step on the bar, then where it went, what it holds and that it holds", async () => {
    const asked: Omit<ExportArgs, "onProgress">[] = [];
    let channel: Channel<Progress> | null = null;
    let finish: (r: TransferResult | null) => void = () => {};
    mockIPC((cmd, args) => {
      if (cmd === "transfer_preview")
        return preview((args as { request: PeriodRequest }).request, {
          settings: settings({ categoryCode: "1.1", categoryLabel: "Test categorie" }),
        });
      if (cmd === "export_transfer_package") {
        const a = args as ExportArgs;
        asked.push({ request: a.request, official: a.official });
        channel = a.onProgress;
        return new Promise((resolve) => (finish = resolve));
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(ArchivePage);
    await waitFor(() => expect(document.querySelectorAll("[data-transfer-decision]").length).toBe(2));
    await fireEvent.click(document.querySelector("[data-transfer-kind=secondHalf]")!);
    await fireEvent.input(input("transfer-official"), { target: { value: "A. Archivaris" } });
    await fireEvent.click(exportButton());
    await waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]).toMatchObject({ official: "A. Archivaris", request: { kind: "secondHalf" } });
    expect(exportButton().disabled).toBe(true);
    expect(text("[data-transfer-busy]")).toContain("Kies in het venster de naam van de nieuwe map.");

    send(channel!, 0, { step: "decisions", done: 1, total: 2 });
    const bar = await waitFor(() => {
      const el = document.querySelector<HTMLProgressElement>("[data-testid=transfer-progress]");
      if (!el) throw new Error("no progress yet");
      return el;
    });
    expect([bar.value, bar.max]).toEqual([1, 2]);
    expect(text("#transfer-progress-text")).toBe("Besluiten in het pakket zetten: 1 van 2");
    send(channel!, 1, { step: "writing", done: 2, total: 2 });
    await waitFor(() => expect(text("#transfer-progress-text")).toBe("Metagegevens en manifest schrijven"));
    send(channel!, 2, { step: "checking", done: 2, total: 2 });
    await waitFor(() => expect(text("#transfer-progress-text")).toBe("Pakket controleren: 2 van 2"));

    finish(result());
    await waitFor(() => expect(document.querySelector("[data-testid=transfer-done]")).not.toBeNull());
    expect(document.querySelector("[data-testid=transfer-progress]")).toBeNull();
    const done = text("[data-testid=transfer-done]")!;
    expect(done).toContain("Het overdrachtspakket is gemaakt: /home/ria/ai-toets-overdracht-2026");
    expect(text("[data-transfer-summary]")).toBe("2 ondertekende besluiten, 23 bestanden, 1,2 MB.");
    expect(text("[data-testid=transfer-verified]")).toBe("Gecontroleerd: alles klopt");
    expect(done).toContain("Controleer het pakket zelf met: ai-toets-verify --bag <map>");
    expect(text("[data-transfer-founding]")).toBe("9f2c");
    expect(exportButton().disabled).toBe(false);

    // A package whose check finds something: the problems listed, as text, and no "klopt".
    await fireEvent.click(exportButton());
    await waitFor(() => expect(asked).toHaveLength(2));
    finish(
      result({ verified: false, problems: ["Het bestand <i>besluit.pdf</i> ontbreekt.", "Manifest klopt niet."] }),
    );
    await waitFor(() => expect(document.querySelectorAll("[data-testid=transfer-problems] li").length).toBe(2));
    expect(text("[data-testid=transfer-problems] li")).toBe("Het bestand <i>besluit.pdf</i> ontbreekt.");
    expect(document.querySelector("[data-testid=transfer-problems] i")).toBeNull();
    expect(document.querySelector("[data-testid=transfer-verified]")).toBeNull();
    expect(document.querySelector("[data-testid=transfer-done]")?.getAttribute("role")).toBe("alert");
  });

  it("shows why no package was made: the core's message, and the fields it names beside them", async () => {
    let answer: unknown = null;
    mockIPC((cmd, args) => {
      if (cmd === "transfer_preview") return preview((args as { request: PeriodRequest }).request);
      if (cmd === "export_transfer_package") throw answer;
      if (cmd === "set_archive_settings") return (args as { settings: ArchiveSettings }).settings;
      throw new Error(`unexpected ${cmd}`);
    });
    render(ArchivePage);
    await waitFor(() => expect(exportButton().disabled).toBe(false));

    answer = {
      kind: "invalid",
      message: "3 velden zijn nog niet goed ingevuld.",
      messageEn: "3 fields are not filled in correctly.",
      fields: [
        { field: "official", message: "Vul de naam van de verantwoordelijke ambtenaar in.", messageEn: "" },
        { field: "categoryCode", message: "Vul de categorie (code) in.", messageEn: "" },
        { field: "categoryLabel", message: "Vul de naam van de categorie in.", messageEn: "" },
      ],
    };
    await fireEvent.click(exportButton());
    const alert = await waitFor(() => {
      const el = document.querySelector("[data-transfer-failed]");
      if (!el) throw new Error("no error yet");
      return el;
    });
    expect(alert.textContent).toContain("Het pakket is niet gemaakt: 3 velden zijn nog niet goed ingevuld.");
    expect(alert.textContent).toContain("Vul de archiefinstellingen hierboven aan en bewaar ze.");
    expect(text("[data-field-error=transfer-official]")).toBe("Vul de naam van de verantwoordelijke ambtenaar in.");
    expect(text("[data-field-error=archive-category-code]")).toBe("Vul de categorie (code) in.");
    expect(text("[data-field-error=archive-category-label]")).toBe("Vul de naam van de categorie in.");
    expect(document.querySelector("[data-testid=transfer-done]")).toBeNull();

    // Once the settings are saved, what they lacked no longer shows.
    await fireEvent.input(input("archive-category-code"), { target: { value: "1.1" } });
    await fireEvent.input(input("archive-category-label"), { target: { value: "Test categorie" } });
    await fireEvent.input(input("archive-by"), { target: { value: "Ria Archivaris" } });
    await fireEvent.click(document.querySelector("[data-action=save-archive-settings]")!);
    await screen.findByText("De archiefinstellingen zijn bewaard.");
    expect(document.querySelector("[data-field-error=archive-category-code]")).toBeNull();

    answer = {
      kind: "notAllowed",
      message: "Het besluit over ‘Chatbot’ is buiten AI-toets om gewijzigd; er is geen pakket gemaakt.",
      messageEn: "A decision was changed outside AI-toets; no package was made.",
      fields: [],
    };
    await fireEvent.input(input("transfer-official"), { target: { value: "A. Archivaris" } });
    await fireEvent.click(exportButton());
    await waitFor(() => expect(text("[data-transfer-failed]")).toContain("buiten AI-toets om gewijzigd"));
    expect(text("[data-transfer-failed]")).not.toContain("archiefinstellingen");
    expect(document.querySelector("[data-field-error]")).toBeNull();
  });

  it("says so when the decisions cannot be read", async () => {
    mockIPC((cmd) => {
      if (cmd === "transfer_preview")
        throw { kind: "storage", message: "De database is op slot.", messageEn: "Locked.", fields: [] };
      throw new Error(`unexpected ${cmd}`);
    });
    render(ArchivePage);
    await waitFor(() =>
      expect(text("[data-transfer-load-failed]")).toContain(
        "De besluiten konden niet worden gelezen: De database is op slot.",
      ),
    );
    expect(screen.queryByText("Bezig met laden…")).toBeNull();
    expect(exportButton().disabled).toBe(true);
  });

  it("is in the main menu after Dashboard", async () => {
    mockIPC((cmd, args) => {
      if (cmd === "transfer_preview") return preview((args as { request: PeriodRequest }).request);
      if (cmd === "list_pilots") return [];
      if (cmd === "integrity")
        return {
          intact: true,
          entries: 0,
          brokenAt: null,
          changedOutside: [],
          invalidSignatures: [],
          rosterProblems: [],
          schemaProblems: [],
          unconfirmed: 0,
        };
      return null;
    });
    render(App);
    const menu = [...document.querySelectorAll("[data-nav]")].map((b) => b.getAttribute("data-nav"));
    expect(menu.indexOf("archive")).toBe(menu.indexOf("dashboard") + 1);
    await fireEvent.click(document.querySelector("[data-nav=archive]")!);
    await screen.findByRole("heading", { level: 1, name: "Archief" });
    expect(document.querySelector("[data-nav=archive]")?.classList.contains("current")).toBe(true);
    await waitFor(() => expect(document.querySelectorAll("[data-transfer-decision]").length).toBe(2));
  });

  it("speaks English when English is chosen: settings, steps and the package's summary", async () => {
    let channel: Channel<Progress> | null = null;
    let finish: (r: TransferResult | null) => void = () => {};
    mockIPC((cmd, args) => {
      if (cmd === "transfer_preview") {
        const { request } = args as { request: PeriodRequest };
        return preview(request, {
          decisions: request.kind === "firstHalf" ? [] : [{ ...decisions[1]!, title: "Smart planning" }],
          settings: settings({ selectionList: "Selection list 2020", access: "Public" }),
          municipality: "Municipality of Overbetuwe",
        });
      }
      if (cmd === "export_transfer_package") {
        channel = (args as ExportArgs).onProgress;
        return new Promise((resolve) => (finish = resolve));
      }
      throw new Error(`unexpected ${cmd}`);
    });
    showLanguage("en");
    try {
      const { container } = render(ArchivePage);
      await screen.findByRole("heading", { level: 1, name: "Archive" });
      await waitFor(() => expect(document.querySelectorAll("[data-transfer-decision]").length).toBe(1));
      expect(text("[data-testid=transfer-count]")).toMatch(/^In the package: 1 signed decision from \d{4}\.$/);
      await fireEvent.click(document.querySelector("[data-appraisal=destroy]")!);
      expect(document.querySelector("label[for=archive-retention]")?.textContent).toContain("Retention period");
      expect(text("[data-testid=settings-unsaved]")).toContain("not saved them yet");

      await fireEvent.click(exportButton());
      expect(text("[data-transfer-busy]")).toContain("Choose the name of the new folder in the window.");
      send(channel!, 0, { step: "decisions", done: 1, total: 1 });
      await waitFor(() => expect(text("#transfer-progress-text")).toBe("Putting decisions in the package: 1 of 1"));
      expect(dutchOnScreen(container)).toEqual([]);

      finish(result({ verified: false, problems: ["The file decision.pdf is missing."] }));
      await waitFor(() => expect(document.querySelector("[data-testid=transfer-done]")).not.toBeNull());
      expect(text("[data-transfer-summary]")).toBe("2 signed decisions, 23 files, 1.2 MB.");
      expect(text("[data-testid=transfer-done]")).toContain("ai-toets-verify --bag <folder>");
      expect(dutchOnScreen(container)).toEqual([]);

      await fireEvent.click(document.querySelector("[data-transfer-kind=firstHalf]")!);
      await waitFor(() =>
        expect(text("[data-testid=transfer-empty]")).toMatch(
          /^There are no signed decisions in the first half of \d{4}\./,
        ),
      );
      expect(dutchOnScreen(container)).toEqual([]);
    } finally {
      showLanguage("nl");
    }
  });
});
