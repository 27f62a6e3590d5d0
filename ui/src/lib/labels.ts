// The names of the core's states and choices, in the chosen language: Dutch from the core
// itself (labels.generated.ts, written from assessments/src/labels.rs, so the screen and the
// PDF name every value alike), English from the catalogue (i18n/en/labels.ts). Dates are
// written here the way the PDF writes them: day, month name, year, whatever the system's
// locale.
import type { Outcome, Role, Status, Verdict } from "./bindings";
import { t, type Catalogue } from "./i18n";
import { nl } from "./i18n/nl";

type Sets = Catalogue["labels"];

/** One label set that answers in the language chosen when it is read (so a screen that reads
 * it repaints on a switch). Its keys are the Dutch set's, which the English one matches. */
function localized<K extends keyof Sets>(set: K): Sets[K] {
  const current = () => t().labels[set] as Record<string, string>;
  return new Proxy({} as Sets[K], {
    get: (_target, key) => (typeof key === "string" ? current()[key] : undefined),
    has: (_target, key) => key in nl.labels[set],
    ownKeys: () => Reflect.ownKeys(nl.labels[set]),
    getOwnPropertyDescriptor: (_target, key) =>
      typeof key === "string" && key in nl.labels[set]
        ? { enumerable: true, configurable: true, value: current()[key] }
        : undefined,
  });
}

export const statusLabel = localized("status");
export const verdictLabel = localized("verdict");
export const outcomeLabel = localized("outcome");
export const roleLabel = localized("role");
export const conditionKindLabel = localized("conditionKind");
export const appliesWhenLabel = localized("appliesWhen");
export const riskClassLabel = localized("riskClass");
export const aiRoleLabel = localized("aiRole");
export const answerLabel = localized("answer");
export const registerInstrumentLabel = localized("registerInstrument");
export const instrumentLabelByKind = localized("instrumentByKind");
export const conditionStatusLabel = localized("conditionStatus");
export const lifeStageLabel = localized("lifeStage");
export const reassessmentReasonLabel = localized("reassessmentReason");
export const questionDifferenceLabel = localized("questionDifference");

const monthName = (index: number) => t().common.months[index];

export const statusOrder = Object.keys(nl.labels.status) as Status[];
export const verdicts = Object.keys(nl.labels.verdict) as Verdict[];
export const outcomes = Object.keys(nl.labels.outcome) as Outcome[];

/** Roles as a sentence names them: "voorzitter, secretaris". */
export function rolesText(roles: Role[]): string {
  return roles.map((r) => roleLabel[r].toLowerCase()).join(", ");
}

/** "28 november 2026" (English: "28 November 2026") from a YYYY-MM-DD date, or from an RFC 3339 time (its UTC date, as the
 * PDF prints it). */
export function dateText(value: string | null | undefined): string {
  if (!value) return "—";
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) {
    const [, y, m, d] = dateOnly;
    return `${Number(d)} ${monthName(Number(m) - 1)} ${y}`;
  }
  const t = new Date(value);
  if (Number.isNaN(t.getTime())) return value;
  return `${t.getUTCDate()} ${monthName(t.getUTCMonth())} ${t.getUTCFullYear()}`;
}

/** "28-11-2026" (dd-mm-jjjj) from a YYYY-MM-DD date or an RFC 3339 time (its UTC date, as
 * dateText), for lists where a short date reads better. */
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
export function dateTimeText(value: string): string {
  const t = new Date(value);
  if (Number.isNaN(t.getTime())) return value;
  const hh = String(t.getUTCHours()).padStart(2, "0");
  const mm = String(t.getUTCMinutes()).padStart(2, "0");
  return `${dateText(value)}, ${hh}:${mm} UTC`;
}
