// Numbers as the report writes them: Dutch digit grouping ("1.234"), and "—" where there is
// nothing to measure (a median of no decisions).
const groups = new Intl.NumberFormat("nl-NL");

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? "—" : groups.format(n);
}

/** The outcomes of a quarter's decisions, in the order they are stacked and listed. */
export const outcomeParts = [
  { key: "positive", label: "Positief" },
  { key: "withConditions", label: "Onder voorwaarden" },
  { key: "postponed", label: "Aangehouden" },
  { key: "negative", label: "Negatief" },
] as const;
