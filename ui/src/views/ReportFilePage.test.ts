import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import ReportFilePage from "./ReportFilePage.svelte";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";
import type { MonitoringForm, MonitoringReportFile } from "../lib/bindings";

const form: MonitoringForm = {
  file: {
    format: "ai-toets/monitoring-report",
    version: 1,
    exportedAt: "2026-11-28T10:15:00Z",
    pilotId: "p1",
    decisionHash: "a".repeat(64),
    pilotTitle: "Chatbot <b>afval</b>",
    report: { questionnaire: "2026.1", answers: {}, by: "" },
  },
  questionnaire: {
    version: "2026.1",
    questions: [
      {
        id: "incidents",
        text: { nl: "Waren er incidenten of fouten?", en: "Incidents?" },
        help: { nl: "", en: "" },
        kind: "yesNo",
        namesAChange: false,
      },
    ],
  },
};

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("filling in a report file", () => {
  it("opens the form, shows its pilot as text, and saves the answers given", async () => {
    let saved: MonitoringReportFile | null = null;
    mockIPC((cmd, args) => {
      if (cmd === "open_monitoring_form") return form;
      if (cmd === "save_monitoring_form") {
        saved = (args as { file: MonitoringReportFile }).file;
        return "/home/anouk/monitoringsrapportage-chatbot.json";
      }
      return null;
    });
    const { container, getByLabelText } = render(ReportFilePage);
    await fireEvent.click(container.querySelector("[data-action=open-report-file]")!);
    await waitFor(() => expect(container.querySelector("[data-report-file-title]")).not.toBeNull());
    expect(container.querySelector("[data-report-file-title]")!.textContent).toBe("Chatbot <b>afval</b>");
    expect(container.querySelector("h2 b")).toBeNull();
    await fireEvent.click(container.querySelector("[data-answer-no=incidents]")!);
    await fireEvent.input(getByLabelText(/Ingediend door/), { target: { value: "Anouk" } });
    await fireEvent.click(container.querySelector("[data-action=save-report-file]")!);
    await waitFor(() => expect(container.textContent).toContain("Stuur dit bestand naar de secretaris"));
    expect(saved!.report.by).toBe("Anouk");
    expect(saved!.report.answers["incidents"]).toEqual({ yes: false, text: "" });
  });

  it("speaks English when English is chosen, also for a form of another questionnaire version", async () => {
    mockIPC((cmd) => {
      if (cmd === "open_monitoring_form")
        return {
          ...form,
          file: { ...form.file, pilotTitle: "Waste chatbot", report: { ...form.file.report, questionnaire: "2025.1" } },
        };
      if (cmd === "save_monitoring_form") return "/home/anouk/report.json";
      return null;
    });
    showLanguage("en");
    try {
      const { container } = render(ReportFilePage);
      expect(dutchOnScreen(container)).toEqual([]);
      await fireEvent.click(container.querySelector("[data-action=open-report-file]")!);
      await waitFor(() => expect(container.querySelector("[data-report-file-title]")).not.toBeNull());
      expect(container.textContent).toContain("Questionnaire 2026.1.");
      expect(container.textContent).toContain("belongs to a different version of the questionnaire");
      await fireEvent.click(container.querySelector("[data-action=save-report-file]")!);
      await waitFor(() => expect(container.textContent).toContain("Saved as /home/anouk/report.json."));
      expect(dutchOnScreen(container)).toEqual([]);
    } finally {
      showLanguage("nl");
    }
  });
});
