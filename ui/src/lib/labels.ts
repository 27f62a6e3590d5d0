// Dutch words for the core's states and choices (glossary: English in code, Dutch in the UI).
import type { AppliesWhen, Outcome, Role, Status, Verdict } from "./bindings";

export const statusLabel: Record<Status, string> = {
  draft: "Concept",
  submitted: "Ingediend",
  inReview: "In behandeling",
  decided: "Besloten",
  signed: "Ondertekend",
};

export const statusOrder: Status[] = ["draft", "submitted", "inReview", "decided", "signed"];

export const verdictLabel: Record<Verdict, string> = {
  complies: "Voldoet",
  compliesWithConditions: "Voldoet onder voorwaarden",
  doesNotComply: "Voldoet niet",
  notApplicable: "Niet van toepassing",
};

export const verdicts: Verdict[] = ["complies", "compliesWithConditions", "doesNotComply", "notApplicable"];

export const outcomeLabel: Record<Outcome, string> = {
  positive: "Positief",
  positiveWithConditions: "Positief onder voorwaarden",
  postponed: "Aanhouden",
  negative: "Negatief",
};

export const outcomes: Outcome[] = ["positive", "positiveWithConditions", "postponed", "negative"];

export const appliesWhenLabel: Record<AppliesWhen, string> = {
  always: "Altijd",
  personal_data: "Bij persoonsgegevens",
  generative_ai: "Bij generatieve AI",
  high_risk: "Bij hoog risico",
};

export const roleLabel: Record<Role, string> = {
  chair: "Voorzitter",
  secretary: "Secretaris",
  member: "Lid",
};

const months = [
  "januari", "februari", "maart", "april", "mei", "juni",
  "juli", "augustus", "september", "oktober", "november", "december",
];

/** "28 november 2026" from an RFC 3339 time or a YYYY-MM-DD date; local time of this laptop. */
export function dateNl(value: string | null | undefined): string {
  if (!value) return "—";
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) {
    const [, y, m, d] = dateOnly;
    return `${Number(d)} ${months[Number(m) - 1]} ${y}`;
  }
  const t = new Date(value);
  if (Number.isNaN(t.getTime())) return value;
  return `${t.getDate()} ${months[t.getMonth()]} ${t.getFullYear()}`;
}

/** "28 november 2026, 14:05" in local time. */
export function dateTimeNl(value: string): string {
  const t = new Date(value);
  if (Number.isNaN(t.getTime())) return value;
  const hh = String(t.getHours()).padStart(2, "0");
  const mm = String(t.getMinutes()).padStart(2, "0");
  return `${dateNl(value)}, ${hh}:${mm}`;
}
