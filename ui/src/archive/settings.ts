// The archive settings as the form holds them, and back: the retention term is typed as text
// and only counts when the decisions are to be destroyed; the core checks the rest.
import type { Appraisal, ArchiveSettings, Progress } from "../lib/bindings";
import { t } from "../lib/i18n";
import { count } from "../report/figures";

export type SettingsForm = Omit<ArchiveSettings, "retentionYears"> & { retention: string };

export const appraisals: Appraisal[] = ["keep", "destroy"];

/** "Blijvend bewaren (B)", "Vernietigen na bewaartermijn (V)". */
export function appraisalLabel(a: Appraisal): string {
  return t().archive.settings.appraisals[a];
}

export function formOf(s: ArchiveSettings): SettingsForm {
  const { retentionYears, ...rest } = s;
  return { ...rest, retention: retentionYears === null ? "" : String(retentionYears) };
}

/** What is sent to the core. A term that is not a whole number of years goes as none, so the
 * core names what it needs ("1 tot 200"). */
export function settingsOf(f: SettingsForm): ArchiveSettings {
  const { retention, ...rest } = f;
  const typed = retention.trim();
  const years = /^\d{1,5}$/.test(typed) && Number(typed) <= 65535 ? Number(typed) : null;
  return { ...rest, retentionYears: f.appraisal === "destroy" ? years : null };
}

export function sameSettings(a: ArchiveSettings, b: ArchiveSettings): boolean {
  const keys = Object.keys(a) as (keyof ArchiveSettings)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** "1,2 MB", "850 kB", "12 bytes": the size of the package's contents. */
export function sizeText(bytes: number | null): string {
  if (bytes === null) return t().common.none;
  if (bytes >= 1_000_000) return `${count(bytes / 1_000_000)} MB`;
  if (bytes >= 1_000) return `${count(bytes / 1_000)} kB`;
  return t().archive.bytes(count(bytes));
}

/** The step in words, for a screen reader; with its count, under the bar. */
export function transferStep(p: Progress): { name: string; line: string } {
  const words = t().archive;
  const counted = (name: string) => ({ name, line: words.stepCount(name, count(p.done), count(p.total)) });
  if (p.step === "decisions") return counted(words.steps.decisions);
  if (p.step === "writing") return { name: words.steps.writing, line: words.steps.writing };
  if (p.step === "checking") return counted(words.steps.checking);
  return { name: words.steps.busy, line: words.steps.busy };
}

/** "1 ondertekend besluit", "3 ondertekende besluiten". */
export function decisionsCount(n: number): string {
  return t().archive.signedDecisions(n, count(n));
}
