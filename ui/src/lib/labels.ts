// Dutch words for the core's states and choices come from the core itself
// (labels.generated.ts, written from assessments/src/labels.rs), so the screen and the PDF
// name every value alike. Dates are written here the way the PDF writes them.
import type { Outcome, Role, Status, Verdict } from "./bindings";
import { monthsNl, outcomeLabel, roleLabel, statusLabel, verdictLabel } from "./labels.generated";

export {
  appliesWhenLabel,
  conditionKindLabel,
  outcomeLabel,
  roleLabel,
  statusLabel,
  verdictLabel,
} from "./labels.generated";

export const statusOrder = Object.keys(statusLabel) as Status[];
export const verdicts = Object.keys(verdictLabel) as Verdict[];
export const outcomes = Object.keys(outcomeLabel) as Outcome[];

/** Roles as a sentence names them: "voorzitter, secretaris". */
export function rolesText(roles: Role[]): string {
  return roles.map((r) => roleLabel[r].toLowerCase()).join(", ");
}

const months = monthsNl;

/** "28 november 2026" from a YYYY-MM-DD date, or from an RFC 3339 time (its UTC date, as the
 * PDF prints it). */
export function dateNl(value: string | null | undefined): string {
  if (!value) return "—";
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) {
    const [, y, m, d] = dateOnly;
    return `${Number(d)} ${months[Number(m) - 1]} ${y}`;
  }
  const t = new Date(value);
  if (Number.isNaN(t.getTime())) return value;
  return `${t.getUTCDate()} ${months[t.getUTCMonth()]} ${t.getUTCFullYear()}`;
}

/** "28-11-2026" (dd-mm-jjjj) from a YYYY-MM-DD date or an RFC 3339 time (its UTC date, as
 * dateNl), for lists where a short date reads better. */
export function dateDigits(value: string | null | undefined): string {
  if (!value) return "—";
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) {
    const [, y, m, d] = dateOnly;
    return `${d}-${m}-${y}`;
  }
  const t = new Date(value);
  if (Number.isNaN(t.getTime())) return value;
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(t.getUTCDate())}-${two(t.getUTCMonth() + 1)}-${t.getUTCFullYear()}`;
}

/** "28 november 2026, 14:05 UTC": the moment as stored and as the PDF prints it, with its
 * zone, so the screen and the archived record never disagree. */
export function dateTimeNl(value: string): string {
  const t = new Date(value);
  if (Number.isNaN(t.getTime())) return value;
  const hh = String(t.getUTCHours()).padStart(2, "0");
  const mm = String(t.getUTCMinutes()).padStart(2, "0");
  return `${dateNl(value)}, ${hh}:${mm} UTC`;
}
