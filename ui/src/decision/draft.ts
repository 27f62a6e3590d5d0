// What was typed in the decision form and not recorded yet, per pilot. The form is made anew
// whenever it opens (another tab and back, the meeting screen and back, after fixing what a
// refusal named), so without this everything typed since the last recorded decision was gone.
// Only the fields that were changed are kept: the others open as the core has them then (a
// new decision's proposed conditions follow verdicts changed in between). Kept in memory until
// the decision is recorded or reopened; the stored decision it started from is kept with it,
// so a draft never hides a decision recorded since.
import type { Condition, Outcome } from "../lib/bindings";

export type DecisionFields = {
  outcome: Outcome | null;
  reasons: string;
  conditions: Condition[];
  evaluationDate: string;
  reportDates: string[];
};
export type DecisionDraft = Partial<DecisionFields>;

const drafts = new Map<string, { base: string | null; draft: DecisionDraft }>();

function copy(d: DecisionDraft): DecisionDraft {
  const c: DecisionDraft = { ...d };
  if (d.conditions) c.conditions = d.conditions.map((x) => ({ ...x }));
  if (d.reportDates) c.reportDates = [...d.reportDates];
  return c;
}

/** The fields typed for `pilotId`, if they started from the decision recorded at `base`
 * (null: no decision yet); empty when there are none. */
export function draftOf(pilotId: string, base: string | null): DecisionDraft {
  const kept = drafts.get(pilotId);
  return kept && kept.base === base ? copy(kept.draft) : {};
}

/** Keeps the fields of `now` that differ from `opened` (the form as it opened), and those
 * kept before. */
export function keepDraft(
  pilotId: string,
  base: string | null,
  opened: DecisionFields,
  now: DecisionFields,
  before: DecisionDraft,
): void {
  const draft: Record<string, unknown> = {};
  for (const key of Object.keys(now) as (keyof DecisionFields)[]) {
    if (key in before || JSON.stringify(now[key]) !== JSON.stringify(opened[key])) draft[key] = now[key];
  }
  if (Object.keys(draft).length) drafts.set(pilotId, { base, draft: copy(draft as DecisionDraft) });
}

export function dropDraft(pilotId: string): void {
  drafts.delete(pilotId);
}
