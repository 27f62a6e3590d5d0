import { describe, expect, it } from "vitest";
import { draftOf, dropDraft, keepDraft, type DecisionFields } from "./draft";

const opened: DecisionFields = {
  outcome: null,
  reasons: "",
  conditions: [{ text: "DPIA", kind: "suspensive", owner: "FG", deadline: null }],
  evaluationDate: "",
  reportDates: [],
};

describe("what was typed in the decision form", () => {
  it("is kept per pilot, only the fields changed, for the decision it started from, until dropped", () => {
    keepDraft("p", null, opened, opened, {});
    expect(draftOf("p", null)).toEqual({});
    keepDraft("p", null, opened, { ...opened, outcome: "postponed", reasons: "Eerst de DPIA." }, {});
    const kept = draftOf("p", null);
    // The conditions were not touched: they open as the walk-through proposes them then.
    expect(kept).toEqual({ outcome: "postponed", reasons: "Eerst de DPIA." });
    // Changed back to what the form opened with: still the typed field, with its value now.
    keepDraft("p", null, { ...opened, ...kept }, { ...opened, outcome: "postponed", reasons: "" }, kept);
    expect(draftOf("p", null)).toEqual({ outcome: "postponed", reasons: "" });
    expect(draftOf("other", null)).toEqual({});
    // A decision recorded since: the stored decision counts, not older typing.
    expect(draftOf("p", "2026-11-20T10:00:00Z")).toEqual({});
    dropDraft("p");
    expect(draftOf("p", null)).toEqual({});
  });

  it("is a copy: changing it does not change what is kept", () => {
    const conditions = [{ text: "Toets", kind: "suspensive" as const, owner: "", deadline: null }];
    keepDraft("q", null, opened, { ...opened, conditions }, {});
    draftOf("q", null).conditions![0]!.text = "changed";
    conditions[0]!.text = "changed too";
    expect(draftOf("q", null).conditions![0]!.text).toBe("Toets");
    dropDraft("q");
  });
});
