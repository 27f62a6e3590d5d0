// Words many screens share. An area's own words live in its own section.
import { monthsNl } from "../../labels.generated";
export const common = {
  /** From the core, as the PDF writes them. */
  months: [...monthsNl],
  none: "—",
  utc: "UTC",
  save: "Opslaan",
  cancel: "Annuleren",
  close: "Sluiten",
  back: "Terug",
  loading: "Laden…",
  saved: "Opgeslagen",
  required: "verplicht",
  /** Before a list of field errors. */
  fixFields: (n: number) => (n === 1 ? "Eén veld is nog niet goed:" : `${n} velden zijn nog niet goed:`),
  /** A date field's hint and its error. */
  dateHint: "dd-mm-jjjj",
  dateInvalid: "Vul een datum in als dd-mm-jjjj, bijvoorbeeld 31-12-2026.",
  /** A bidirectional control character, shown visibly instead of being obeyed. */
  bidiShown: (code: string) => `verborgen richtingsteken ${code}`,
};
