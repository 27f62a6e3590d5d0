// Numbers as the report writes them: digit groups of the chosen language ("1.234" in Dutch),
// and "—" where there is nothing to measure (a median of no decisions). The core names its
// figures in Dutch; English takes their names from the catalogue by the figure's key.
import type { Figure, Period, PeriodRequest } from "../lib/bindings";
import { inEnglish, t } from "../lib/i18n";

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? t().common.none : t().report.number(n);
}

/** The outcomes of a quarter's decisions, in the order they are stacked and listed. */
export const outcomeParts = ["positive", "withConditions", "postponed", "negative"] as const;

export type OutcomePart = (typeof outcomeParts)[number];

/** An outcome's name in the legend. */
export function outcomePartLabel(key: OutcomePart): string {
  return t().report.quarters.outcomes[key];
}

/** A figure's name: the core's (Dutch), or the catalogue's by its key in English. */
export function figureLabel(f: Figure): string {
  if (!inEnglish()) return f.label;
  return (t().report.figures as Record<string, string | undefined>)[f.key] ?? f.label;
}

/** A yearly report's title: the core's (Dutch), or one made from its period in English. */
export function reportTitle(title: string, period: Period | PeriodRequest): string {
  if (!inEnglish()) return title;
  return t().report.title(t().report.periodLabel[period.kind](period.year));
}
