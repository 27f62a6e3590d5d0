import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import DashboardPage from "./DashboardPage.svelte";
import App from "../App.svelte";
import { go } from "../lib/nav.svelte";
import type { Dashboard } from "../lib/bindings";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";

const dashboard = (over: Partial<Dashboard> = {}): Dashboard => ({
  title: "Jaarrapportage AI-toetsing 2026",
  period: { year: 2026, kind: "year", from: "2026-01-01", to: "2026-12-31" },
  end: "2026-11-28",
  keyFigures: [
    { key: "received", label: "Voorstellen ontvangen", now: 1234, before: 980 },
    { key: "decided", label: "Besluiten (ondertekend)", now: 12, before: 0 },
    { key: "medianDays", label: "Mediaan dagen van indienen tot besluit", now: null, before: 41 },
  ],
  quarters: [
    { quarter: 1, positive: 2, withConditions: 3, postponed: 0, negative: 1 },
    { quarter: 2, positive: 0, withConditions: 1, postponed: 1, negative: 0 },
    { quarter: 3, positive: 1, withConditions: 0, postponed: 0, negative: 0 },
    { quarter: 4, positive: 0, withConditions: 0, postponed: 0, negative: 0 },
  ],
  riskClasses: [
    { key: "class.highRisk", label: "Hoog risico", now: 4, before: 2 },
    { key: "class.minimal", label: "Minimaal risico", now: 5, before: null },
  ],
  registerCategories: [{ key: "category.b", label: "B: impactvol algoritme", now: 3, before: 1 }],
  heatMap: [
    {
      areaId: "privacy",
      area: "Privacy <i>en</i> gegevens",
      complies: 6,
      withConditions: 2,
      doesNotComply: 2,
      notApplicable: 0,
    },
    { areaId: "bias", area: "Discriminatie", complies: 0, withConditions: 0, doesNotComply: 0, notApplicable: 0 },
  ],
  conditions: [{ key: "conditions.total", label: "Voorwaarden bij lopende besluiten", now: 7, before: 3 }],
  monitoring: [{ key: "reports.done", label: "Monitoringsrapportages ontvangen", now: 2, before: null }],
  transparency: [{ key: "publishedShare", label: "Aandeel gepubliceerd (%)", now: null, before: 50 }],
  ...over,
});

afterEach(() => {
  cleanup();
  clearMocks();
  go({ name: "overview" });
});

const text = (selector: string) => document.querySelector(selector)?.textContent?.replace(/\s+/g, " ").trim();

describe("the dashboard", () => {
  it("says it is loading, then shows the key figures, '—' for nothing to measure, and the charts' numbers", async () => {
    let answer: (d: Dashboard) => void = () => {};
    mockIPC((cmd) => {
      if (cmd === "dashboard") return new Promise((resolve) => (answer = resolve));
      if (cmd === "adopted_reports" || cmd === "list_members") return [];
      throw new Error(`unexpected ${cmd}`);
    });
    render(DashboardPage);
    expect(screen.getByText("Bezig met laden…")).toBeTruthy();
    answer(dashboard());
    await screen.findByText("Jaarrapportage AI-toetsing 2026");
    expect(screen.queryByText("Bezig met laden…")).toBeNull();
    expect(text("[data-dashboard-end]")).toBe("Stand op 28 november 2026");

    // Key figures: the big number in Dutch digit groups, last year's small.
    expect(document.querySelectorAll("li.card[data-figure]").length).toBe(3);
    expect(text("li[data-figure=received] .now")).toBe("1.234");
    expect(text("li[data-figure=received] .before")).toBe("vorig jaar: 980");
    expect(text("li[data-figure=decided] .before")).toBe("vorig jaar: 0");
    expect(text("li[data-figure=medianDays] .now")).toBe("—");
    expect(text("li[data-figure=medianDays] .before")).toBe("vorig jaar: 41");

    // Decisions per quarter: every number is in the table that is also the legend.
    expect(text("[data-outcome=withConditions] [data-quarter='1']")).toBe("3");
    expect(text("[data-outcome=negative] [data-quarter='1']")).toBe("1");
    expect(text("[data-outcome=total] [data-quarter='1']")).toBe("6");
    expect(text("[data-outcome=total] [data-quarter='4']")).toBe("0");
    // The bars are drawn only for what is there; their hover text names the outcome.
    const segments = document.querySelectorAll("[data-chart=quarters] svg rect");
    expect(segments.length).toBe(6);
    expect(document.querySelector("[data-chart=quarters] svg")?.getAttribute("viewBox")).toBeTruthy();
    expect([...segments].map((r) => r.querySelector("title")?.textContent)).toContain("Kwartaal 1, negatief: 1");

    // Risk classes: both years as numbers beside the bars.
    expect(text("li[data-figure='class.highRisk'] .now")).toBe("4");
    expect(text("li[data-figure='class.highRisk'] .before")).toBe("(vorig jaar 2)");
    expect(text("li[data-figure='class.minimal'] .before")).toBe("(vorig jaar —)");

    // The heat map prints its count in every cell, shaded by the share of its row; the area's
    // name is text.
    const privacy = document.querySelector("tr[data-area=privacy]")!;
    expect(privacy.querySelector("th")?.textContent).toBe("Privacy <i>en</i> gegevens");
    expect(privacy.querySelector("i")).toBeNull();
    expect(text("tr[data-area=privacy] [data-verdict=doesNotComply]")).toBe("2");
    expect(text("tr[data-area=privacy] [data-verdict=complies]")).toBe("6");
    expect(privacy.querySelector("[data-verdict=complies]")?.className).toContain("shade-3");
    expect(privacy.querySelector("[data-verdict=notApplicable]")?.className).toContain("shade-0");
    expect(text("tr[data-area=bias] [data-verdict=complies]")).toBe("0");

    // The small tables: label, this year, last year.
    expect(text("tr[data-figure='conditions.total'] .now")).toBe("7");
    expect(text("tr[data-figure='conditions.total'] .before")).toBe("3");
    expect(text("tr[data-figure='reports.done'] .before")).toBe("—");
    expect(text("tr[data-figure=publishedShare] .now")).toBe("—");
    expect(screen.getByRole("heading", { name: "Jaarrapportage voor de raad" })).toBeTruthy();
  });

  it("shows the core's message when the figures cannot be read", async () => {
    mockIPC((cmd) => {
      if (cmd === "dashboard")
        throw { kind: "storage", message: "De database is op slot.", messageEn: "Locked.", fields: [] };
      if (cmd === "adopted_reports" || cmd === "list_members") return [];
      throw new Error(`unexpected ${cmd}`);
    });
    render(DashboardPage);
    const alert = await waitFor(() => {
      const el = document.querySelector("[data-dashboard-failed]");
      if (!el) throw new Error("no error yet");
      return el;
    });
    expect(alert.textContent).toContain("De database is op slot.");
    expect(screen.queryByText("Bezig met laden…")).toBeNull();
  });

  it("adopts the report of the period chosen for saving it, below the export", async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "dashboard") return dashboard();
      if (cmd === "adopted_reports" || cmd === "list_members") return [];
      if (cmd === "adopt_report") {
        asked.push(args);
        throw { kind: "notAllowed", message: "Niet nu.", messageEn: "Not now.", fields: [] };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(DashboardPage);
    await screen.findByRole("heading", { name: "Vastgestelde jaarrapportages" });
    // Below the export.
    const exportSection = document.querySelector("[data-report-export]")!;
    const adoptSection = document.querySelector("[data-adopted-reports]")!;
    expect(exportSection.compareDocumentPosition(adoptSection) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    const year = document.querySelector<HTMLSelectElement>("[data-report-year]")!;
    const chosen = year.options[1]!.value;
    await fireEvent.change(year, { target: { value: chosen } });
    await fireEvent.click(document.querySelector("[data-report-kind=firstHalf]")!);
    await waitFor(() => expect(text("[data-adopt-period]")).toContain(`de eerste helft van ${chosen}`));
    await fireEvent.input(document.querySelector("#adopt-by")!, { target: { value: "Joost Ëlberts" } });
    await fireEvent.click(document.querySelector("[data-action=adopt-report]")!);
    await waitFor(() =>
      expect(asked).toEqual([{ request: { year: Number(chosen), kind: "firstHalf" }, by: "Joost Ëlberts" }]),
    );
    expect((await screen.findByText(/Niet nu\./)).closest("[data-adopt-failed]")).toBeTruthy();
  });

  it("is in the main menu and reads the figures again each time it is opened", async () => {
    let received = 10;
    mockIPC((cmd) => {
      if (cmd === "dashboard") {
        received += 1;
        return dashboard({
          keyFigures: [{ key: "received", label: "Voorstellen ontvangen", now: received, before: 3 }],
        });
      }
      if (cmd === "list_pilots" || cmd === "adopted_reports" || cmd === "list_members") return [];
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
    await fireEvent.click(document.querySelector("[data-nav=dashboard]")!);
    await waitFor(() => expect(text("li[data-figure=received] .now")).toBe("11"));
    expect(document.querySelector("[data-nav=dashboard]")?.classList.contains("current")).toBe(true);
    await fireEvent.click(document.querySelector("[data-nav=overview]")!);
    await waitFor(() => expect(document.querySelector("[data-figure]")).toBeNull());
    await fireEvent.click(document.querySelector("[data-nav=dashboard]")!);
    await waitFor(() => expect(text("li[data-figure=received] .now")).toBe("12"));
    // Opening it from itself reads it again too.
    await fireEvent.click(document.querySelector("[data-nav=dashboard]")!);
    await waitFor(() => expect(text("li[data-figure=received] .now")).toBe("13"));
  });

  it("speaks English when English is chosen: the core's figures named by their key, no Dutch left", async () => {
    mockIPC((cmd) => {
      if (cmd === "dashboard")
        // The areas' names come from the core in Dutch only; the screen takes the English
        // ones from the framework.
        return dashboard({
          heatMap: [
            {
              areaId: "privacy",
              area: "Privacy en gegevensbescherming",
              complies: 6,
              withConditions: 2,
              doesNotComply: 2,
              notApplicable: 0,
            },
          ],
        });
      if (cmd === "framework_versions")
        return [
          {
            framework: {
              areas: [
                { id: "privacy", title: { nl: "Privacy en gegevensbescherming", en: "Privacy and data protection" } },
              ],
            },
          },
        ];
      if (cmd === "adopted_reports" || cmd === "list_members") return [];
      throw new Error(`unexpected ${cmd}`);
    });
    showLanguage("en");
    try {
      const { container } = render(DashboardPage);
      await screen.findByText("Yearly report on AI reviews 2026");
      expect(text("[data-dashboard-end]")).toBe("As of 28 November 2026");
      expect(text("li[data-figure=received] .label")).toBe("Proposals received");
      expect(text("li[data-figure=received] .now")).toBe("1,234");
      expect(text("li[data-figure=received] .before")).toBe("last year: 980");
      expect(text("li[data-figure='class.highRisk'] .before")).toBe("(last year 2)");
      expect(text("[data-outcome=total] th")).toBe("Total");
      const segments = document.querySelectorAll("[data-chart=quarters] svg rect title");
      expect([...segments].map((s) => s.textContent)).toContain("Quarter 1, negative: 1");
      await waitFor(() => expect(document.querySelector("[data-no-adopted]")).not.toBeNull());
      await waitFor(() => expect(text("tr[data-area=privacy] th")).toBe("Privacy and data protection"));
      expect(dutchOnScreen(container)).toEqual([]);
    } finally {
      showLanguage("nl");
    }
  });
});
