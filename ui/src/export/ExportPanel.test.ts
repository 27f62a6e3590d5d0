import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { PilotView } from "../lib/bindings";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";
import ExportPanel from "./ExportPanel.svelte";

const view = (status: string, exportPdf: boolean, exportRegister: boolean) =>
  ({ pilot: { id: "p1", status }, actions: { exportPdf, exportRegister } }) as unknown as PilotView;

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("the export panel", () => {
  it("says there is nothing to export before the decision", () => {
    render(ExportPanel, { view: view("inReview", false, false) });
    expect(screen.getByText("Er is nog geen besluit. Exporteren kan na het besluit.")).toBeTruthy();
    expect(document.querySelector("[data-action=export-pdf]")).toBeNull();
  });

  it("saves the PDF and the register entry where the core says", async () => {
    mockIPC((cmd) => {
      if (cmd === "export_pdf") return "/tmp/besluit.pdf";
      if (cmd === "export_register_entry") return "/tmp/registratie.json";
      throw new Error(`unexpected ${cmd}`);
    });
    render(ExportPanel, { view: view("signed", true, true) });
    await fireEvent.click(document.querySelector("[data-action=export-pdf]")!);
    await screen.findByText("De PDF is opgeslagen: /tmp/besluit.pdf");
    await fireEvent.click(document.querySelector("[data-action=export-register]")!);
    await screen.findByText("De registratie is opgeslagen: /tmp/registratie.json");
  });
});

describe("the export panel in English", () => {
  it("shows no Dutch of its own, before the decision and after", async () => {
    mockIPC((cmd) => {
      if (cmd === "export_pdf") return "/tmp/decision.pdf";
      throw new Error(`unexpected ${cmd}`);
    });
    showLanguage("en");
    try {
      const before = render(ExportPanel, { view: view("inReview", false, false) });
      expect(dutchOnScreen(before.container)).toEqual([]);
      const after = render(ExportPanel, { view: view("decided", true, true) });
      await fireEvent.click(after.container.querySelector("[data-action=export-pdf]")!);
      await waitFor(() => expect(after.container.textContent).toContain("The PDF has been saved: /tmp/decision.pdf"));
      expect(after.container.textContent).toContain("not everyone has signed");
      expect(dutchOnScreen(after.container)).toEqual([]);
    } finally {
      showLanguage("nl");
    }
  });
});
