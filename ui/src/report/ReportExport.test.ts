import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { Channel } from "@tauri-apps/api/core";
import ReportExport from "./ReportExport.svelte";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";
import type { PeriodRequest, Progress, ReportFile } from "../lib/bindings";

type ExportArgs = { request: PeriodRequest; file: ReportFile; onProgress: Channel<Progress> };

/** What Rust does to send on a channel: the message with its place in the order. */
function send(channel: Channel<Progress>, index: number, message: Progress) {
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback: (id: number, data: unknown) => void } })
    .__TAURI_INTERNALS__;
  internals.runCallback(channel.id, { index, message });
}

const button = (file: ReportFile) => document.querySelector<HTMLButtonElement>(`[data-action=export-report-${file}]`)!;
const text = (selector: string) => document.querySelector(selector)?.textContent?.replace(/\s+/g, " ").trim();

afterEach(() => {
  cleanup();
  clearMocks();
  vi.useRealTimers();
});

describe("saving the yearly report", () => {
  it("offers this year and the five before, last year first in the first quarter", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(2027, 1, 10, 12, 0));
    mockIPC(() => null);
    render(ReportExport);
    const year = document.querySelector<HTMLSelectElement>("[data-report-year]")!;
    expect([...year.options].map((o) => o.value)).toEqual(["2027", "2026", "2025", "2024", "2023", "2022"]);
    expect(year.value).toBe("2026");
    expect(document.querySelector<HTMLInputElement>("[data-report-kind=year]")!.checked).toBe(true);
    cleanup();
    vi.setSystemTime(new Date(2027, 3, 1, 12, 0));
    render(ReportExport);
    expect(document.querySelector<HTMLSelectElement>("[data-report-year]")!.value).toBe("2027");
  });

  it("sends the chosen period and file, shows each step as Rust reports it, and where the file went", async () => {
    const asked: Omit<ExportArgs, "onProgress">[] = [];
    let channel: Channel<Progress> | null = null;
    let finish: (path: string | null) => void = () => {};
    mockIPC((cmd, args) => {
      if (cmd === "export_yearly_report") {
        const a = args as ExportArgs;
        asked.push({ request: a.request, file: a.file });
        channel = a.onProgress;
        return new Promise((resolve) => (finish = resolve));
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(ReportExport);
    const year = document.querySelector<HTMLSelectElement>("[data-report-year]")!;
    const chosen = year.options[2]!.value;
    await fireEvent.change(year, { target: { value: chosen } });
    await fireEvent.click(document.querySelector("[data-report-kind=secondHalf]")!);
    await fireEvent.click(button("ods"));
    await waitFor(() =>
      expect(asked).toEqual([{ request: { year: Number(chosen), kind: "secondHalf" }, file: "ods" }]),
    );
    expect(channel).not.toBeNull();

    // While the save dialog is open: no bar yet, and no second export.
    expect(document.querySelector("[data-testid=report-progress]")).toBeNull();
    expect(button("pdf").disabled && button("ods").disabled && button("csv").disabled).toBe(true);

    send(channel!, 0, { step: "pilots", done: 300, total: 1000 });
    const bar = await waitFor(() => {
      const el = document.querySelector<HTMLProgressElement>("[data-testid=report-progress]");
      if (!el) throw new Error("no progress yet");
      return el;
    });
    expect(bar.max).toBe(1000);
    expect(bar.value).toBe(300);
    expect(text("#report-progress-text")).toBe("Pilots lezen: 300 van 1.000");

    send(channel!, 1, { step: "pilots", done: 1000, total: 1000 });
    send(channel!, 2, { step: "figures", done: 1000, total: 1000 });
    await waitFor(() => expect(text("#report-progress-text")).toBe("Cijfers berekenen"));
    send(channel!, 3, { step: "writing", done: 0, total: 1 });
    await waitFor(() => expect(text("#report-progress-text")).toBe("Bestand schrijven"));
    expect(document.querySelector<HTMLProgressElement>("[data-testid=report-progress]")!.max).toBe(1);
    expect(button("csv").disabled).toBe(true);

    finish("/home/joost/jaarrapportage-ai-toetsing-2025-tweede-helft.ods");
    await waitFor(() => expect(document.querySelector("[data-testid=report-done]")).not.toBeNull());
    expect(text("[data-testid=report-done]")).toBe(
      "De jaarrapportage is opgeslagen: /home/joost/jaarrapportage-ai-toetsing-2025-tweede-helft.ods",
    );
    expect(document.querySelector("[data-testid=report-progress]")).toBeNull();
    expect(button("pdf").disabled).toBe(false);
  });

  it("says nothing when the save dialog is cancelled", async () => {
    const files: ReportFile[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "export_yearly_report") {
        files.push((args as ExportArgs).file);
        return null;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(ReportExport);
    await fireEvent.click(button("pdf"));
    await waitFor(() => expect(files).toEqual(["pdf"]));
    await waitFor(() => expect(button("pdf").disabled).toBe(false));
    expect(document.querySelector("[data-testid=report-done]")).toBeNull();
    expect(document.querySelector("[data-notice]")).toBeNull();
  });

  it("shows the core's message when the report cannot be made", async () => {
    mockIPC((cmd) => {
      if (cmd === "export_yearly_report")
        throw {
          kind: "notAllowed",
          message: "Het rapport zou groter worden dan 20 MB. Er is niets geschreven.",
          messageEn: "The report would exceed 20 MB. Nothing was written.",
          fields: [],
        };
      throw new Error(`unexpected ${cmd}`);
    });
    render(ReportExport);
    await fireEvent.click(button("csv"));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Het rapport zou groter worden dan 20 MB. Er is niets geschreven.");
    expect(document.querySelector("[data-testid=report-done]")).toBeNull();
    expect(button("csv").disabled).toBe(false);
  });

  it("speaks English when English is chosen: the choices, the steps with English digit groups, the result", async () => {
    let channel: Channel<Progress> | null = null;
    let finish: (path: string | null) => void = () => {};
    mockIPC((cmd, args) => {
      if (cmd === "export_yearly_report") {
        channel = (args as ExportArgs).onProgress;
        return new Promise((resolve) => (finish = resolve));
      }
      throw new Error(`unexpected ${cmd}`);
    });
    showLanguage("en");
    try {
      const { container } = render(ReportExport);
      expect(button("ods").textContent).toBe("Save as spreadsheet (ODS)…");
      expect(dutchOnScreen(container)).toEqual([]);
      await fireEvent.click(button("pdf"));
      expect(text("[data-report-busy]")).toContain("Choose in the window where the file should go.");
      send(channel!, 0, { step: "pilots", done: 300, total: 1000 });
      await waitFor(() => expect(text("#report-progress-text")).toBe("Reading pilots: 300 of 1,000"));
      expect(dutchOnScreen(container)).toEqual([]);
      finish("/home/jo/report.pdf");
      await waitFor(() =>
        expect(text("[data-testid=report-done]")).toBe("The yearly report has been saved: /home/jo/report.pdf"),
      );
      expect(dutchOnScreen(container)).toEqual([]);
    } finally {
      showLanguage("nl");
    }
  });
});
