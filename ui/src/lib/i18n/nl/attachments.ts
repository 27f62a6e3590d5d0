// The files kept with a proposal, a condition or a monitoring report.
export const attachments = {
  added: (who: string, date: string) => `toegevoegd door ${who} op ${date}`,
  saveCopy: "Kopie opslaan",
  savedAs: (path: string) => `Opgeslagen als ${path}.`,
  none: "Geen bijlagen.",
  addedBy: "Toegevoegd door",
  add: "Bijlage toevoegen…",
  allowed: "PDF, ODT, ODS, DOCX, XLSX, PNG, JPG, TXT, CSV of MD; hoogstens 5 MB.",
};
