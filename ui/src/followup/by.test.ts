import { describe, expect, it } from "vitest";
import { recordedBy } from "./by";
import { showLanguage } from "../lib/i18n";

const recording = { name: "Joost Ëlberts", keyId: "k", memberId: "m", at: "2026-11-30T10:00:00Z", signature: "s" };

describe("who recorded a follow-up event", () => {
  it("says the committee's confirmation in the chosen language, a report as stored", () => {
    const confirmed = {
      by: "Joost Ëlberts (secretaris) namens de commissie",
      kind: { type: "conditionConfirmed", condition: 0, status: "met", note: "", meetingId: "x", recording },
    } as const;
    expect(recordedBy(confirmed)).toBe("Joost Ëlberts (secretaris) namens de commissie");
    showLanguage("en");
    try {
      expect(recordedBy(confirmed)).toBe("Joost Ëlberts (secretary) on behalf of the committee");
      const reported = {
        by: "Anouk van den Brïnk",
        kind: { type: "conditionReported", condition: 0, status: "open", note: "", evidence: "" },
      } as const;
      expect(recordedBy(reported)).toBe("Anouk van den Brïnk");
    } finally {
      showLanguage("nl");
    }
  });
});
