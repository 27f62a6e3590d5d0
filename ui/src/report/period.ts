// The period a yearly report covers, as the dashboard offers it: chosen once, used both to save
// the report and to adopt it.
import type { PeriodKind, PeriodRequest } from "../lib/bindings";
import { t } from "../lib/i18n";

/** This year and the five before it. */
export function yearsOffered(today = new Date()): number[] {
  const thisYear = today.getFullYear();
  return Array.from({ length: 6 }, (_, i) => thisYear - i);
}

/** In January to March the report is usually about the year that just ended. */
export function defaultYear(today = new Date()): number {
  return today.getMonth() < 3 ? today.getFullYear() - 1 : today.getFullYear();
}

export const periodKinds: PeriodKind[] = ["year", "firstHalf", "secondHalf"];

/** A kind of period in words: "Heel jaar", "Eerste helft (januari tot en met juni)". */
export function periodKindLabel(kind: PeriodKind): string {
  return t().report.periodKinds[kind];
}

/** "heel 2026", "de eerste helft van 2026": the period in a sentence. */
export function periodPhrase(p: PeriodRequest): string {
  return t().report.periodPhrase[p.kind](p.year);
}
