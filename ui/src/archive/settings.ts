// The archive settings as the form holds them, and back: the retention term is typed as text
// and only counts when the decisions are to be destroyed; the core checks the rest.
import type { Appraisal, ArchiveSettings, Progress } from "../lib/bindings";
import { count } from "../report/figures";

export type SettingsForm = Omit<ArchiveSettings, "retentionYears"> & { retention: string };

export const appraisals: { value: Appraisal; label: string }[] = [
  { value: "keep", label: "Blijvend bewaren (B)" },
  { value: "destroy", label: "Vernietigen na bewaartermijn (V)" },
];

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
export function sizeNl(bytes: number | null): string {
  if (bytes === null) return "—";
  const one = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 });
  if (bytes >= 1_000_000) return `${one.format(bytes / 1_000_000)} MB`;
  if (bytes >= 1_000) return `${one.format(bytes / 1_000)} kB`;
  return `${count(bytes)} bytes`;
}

/** The step in words, for a screen reader; with its count, under the bar. */
export function transferStep(p: Progress): { name: string; line: string } {
  const of = `${count(p.done)} van ${count(p.total)}`;
  if (p.step === "decisions")
    return { name: "Besluiten in het pakket zetten", line: `Besluiten in het pakket zetten: ${of}` };
  if (p.step === "writing")
    return { name: "Metagegevens en manifest schrijven", line: "Metagegevens en manifest schrijven" };
  if (p.step === "checking") return { name: "Pakket controleren", line: `Pakket controleren: ${of}` };
  return { name: "Bezig", line: "Bezig" };
}

/** "1 ondertekend besluit", "3 ondertekende besluiten". */
export function decisionsCount(n: number): string {
  return n === 1 ? "1 ondertekend besluit" : `${count(n)} ondertekende besluiten`;
}
