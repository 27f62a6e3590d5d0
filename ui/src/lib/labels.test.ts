import { describe, expect, it } from "vitest";
import { dateDigits, dateText, dateTimeText, outcomeLabel, statusLabel, verdictLabel } from "./labels";

describe("Dutch labels and dates", () => {
  it("writes dates the way Dutch readers expect", () => {
    expect(dateText("2027-06-01")).toBe("1 juni 2027");
    expect(dateText("2026-11-28")).toBe("28 november 2026");
    expect(dateText(null)).toBe("—");
  });

  it("writes a moment as the PDF does: in UTC, with the zone named", () => {
    expect(dateTimeText("2026-11-28T23:30:00Z")).toBe("28 november 2026, 23:30 UTC");
    expect(dateTimeText("2026-11-29T00:30:00+01:00")).toBe("28 november 2026, 23:30 UTC");
    expect(dateText("2026-11-29T00:30:00+01:00")).toBe("28 november 2026");
  });

  it("writes a short date as dd-mm-jjjj, a moment by its UTC date", () => {
    expect(dateDigits("2027-06-01")).toBe("01-06-2027");
    expect(dateDigits("2026-11-29T00:30:00+01:00")).toBe("28-11-2026");
    expect(dateDigits("2026-03-05T10:00:00Z")).toBe("05-03-2026");
    expect(dateDigits(null)).toBe("—");
  });

  it("names every state and choice in Dutch", () => {
    expect(statusLabel.inReview).toBe("In behandeling");
    expect(verdictLabel.compliesWithConditions).toBe("Voldoet onder voorwaarden");
    expect(outcomeLabel.positiveWithConditions).toBe("Positief onder voorwaarden");
  });
});
