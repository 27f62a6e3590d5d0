import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import DueSummary from "./DueSummary.svelte";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";

const due = {
  overdueConditions: 1,
  conditionsDueSoon: 2,
  awaitingConfirmation: 1,
  evaluationsDue: 2,
  reportsDue: 1,
  reportsToNote: 2,
  changesReported: 1,
  pastPlannedEnd: 2,
  pilots: ["p1", "p2"],
  pilotsByKind: { overdue: ["p1"], soon: ["p1", "p2"] },
};

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("what needs doing", () => {
  it("counts in words, one or many, and filters the pilots behind a count", async () => {
    mockIPC((cmd) => (cmd === "due" ? due : null));
    const filtered: (string[] | null)[] = [];
    const { container } = render(DueSummary, { onfilter: (p: string[] | null) => filtered.push(p) });
    await waitFor(() => expect(container.querySelector("[data-due]")).not.toBeNull());
    expect(container.querySelector("[data-due-count=overdue]")?.textContent).toContain("1 voorwaarde te laat");
    expect(container.querySelector("[data-due-count=soon]")?.textContent).toContain("2 voorwaarden binnen twee weken");
    await fireEvent.click(container.querySelector("[data-action=filter-due-overdue]")!);
    expect(filtered).toEqual([["p1"]]);
    expect(container.querySelector("[data-action=filter-due-overdue]")?.textContent).toBe("toon alle pilots");
  });

  it("says it all in English when English is chosen", async () => {
    mockIPC((cmd) => (cmd === "due" ? due : null));
    showLanguage("en");
    try {
      const { container } = render(DueSummary, { onfilter: () => {} });
      await waitFor(() => expect(container.querySelector("[data-due]")).not.toBeNull());
      expect(container.querySelector("[data-due-count=overdue]")?.textContent).toContain("1 condition overdue");
      expect(container.querySelector("[data-action=filter-due]")?.textContent?.trim()).toBe("Show only these pilots");
      expect(dutchOnScreen(container)).toEqual([]);
      await fireEvent.click(container.querySelector("[data-action=filter-due]")!);
      expect(dutchOnScreen(container)).toEqual([]);
    } finally {
      showLanguage("nl");
    }
  });
});
