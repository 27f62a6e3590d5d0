import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import DutyDates from "./DutyDates.svelte";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";
import type { DutyDatesVersion } from "../lib/bindings";

const date = (d: string, source: string, inForce = true) => ({ date: d, source, source_in_force: inForce });
const dates = (version: string, annexIii: ReturnType<typeof date>) => ({
  version,
  in_force: date("2024-08-01", "Verordening (EU) 2024/1689, art. 113"),
  ai_literacy: date("2025-02-02", "art. 113 sub a"),
  prohibited_practices: date("2025-02-02", "art. 113 sub a"),
  general_purpose_ai: date("2025-08-02", "art. 113 sub b"),
  transparency: date("2026-08-02", "art. 113"),
  high_risk_annex_iii: annexIii,
  high_risk_annex_i: date("2028-08-02", "Omnibus", false),
  public_legacy: date("2030-08-02", "art. 111 lid 2"),
  gdpr: date("2018-05-25", "AVG art. 99"),
});

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("the duty dates", () => {
  it("show each date with its source, mark a source not yet in force, and load a newer version", async () => {
    let versions: DutyDatesVersion[] = [
      {
        dates: dates("2026.2", date("2027-12-02", "Digital Omnibus <b>AI</b>", false)),
        loadedFrom: null,
        current: true,
      },
    ];
    mockIPC((cmd) => {
      if (cmd === "duty_dates_versions") return versions;
      if (cmd === "load_duty_dates") {
        const loaded: DutyDatesVersion = {
          dates: dates("2026.3", date("2027-12-02", "Verordening (EU) 2026/1234")),
          loadedFrom: "data.toml",
          current: true,
        };
        versions = [{ ...versions[0]!, current: false }, loaded];
        return loaded;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(DutyDates);
    await waitFor(() => expect(document.querySelector("[data-duty-date=high_risk_annex_iii]")).not.toBeNull());
    const row = () => document.querySelector("[data-duty-date=high_risk_annex_iii]")!;
    expect(row().textContent).toContain("2 december 2027");
    expect(row().textContent).toContain("nog niet van kracht");
    // A source is text, never markup.
    expect(row().textContent).toContain("Digital Omnibus <b>AI</b>");
    expect(row().querySelector("b")).toBeNull();

    await fireEvent.click(document.querySelector("[data-action=load-duty-dates]")!);
    await waitFor(() => expect(document.querySelector("[data-duty-dates-version='2026.3']")).not.toBeNull());
    expect(row().textContent).toContain("2026/1234");
    expect(row().textContent).not.toContain("nog niet van kracht");
    expect(document.querySelector("[data-notice=ok]")?.textContent).toContain("Versie 2026.3");
  });
});

describe("the duty dates in English", () => {
  it("show no Dutch of their own", async () => {
    mockIPC((cmd) => {
      if (cmd === "duty_dates_versions")
        return [
          { dates: dates("2026.2", date("2027-12-02", "Digital Omnibus", false)), loadedFrom: null, current: false },
          {
            dates: dates("2026.3", date("2027-12-02", "Regulation (EU) 2026/1234")),
            loadedFrom: "d.toml",
            current: true,
          },
        ];
      throw new Error(`unexpected ${cmd}`);
    });
    showLanguage("en");
    try {
      const { container } = render(DutyDates);
      await waitFor(() => expect(document.querySelector("[data-duty-date=high_risk_annex_i]")).not.toBeNull());
      expect(container.textContent).toContain("Version 2026.3 · loaded from d.toml");
      expect(container.textContent).toContain("not yet in force");
      expect(dutchOnScreen(container)).toEqual([]);
    } finally {
      showLanguage("nl");
    }
  });
});
