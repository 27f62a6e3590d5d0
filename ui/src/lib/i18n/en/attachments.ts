import type { Catalogue } from "../nl";

export const attachments: Catalogue["attachments"] = {
  added: (who: string, date: string) => `added by ${who} on ${date}`,
  saveCopy: "Save a copy",
  savedAs: (path: string) => `Saved as ${path}.`,
  none: "No attachments.",
  addedBy: "Added by",
  add: "Add an attachment…",
  allowed: "PDF, ODT, ODS, DOCX, XLSX, PNG, JPG, TXT, CSV or MD; at most 5 MB.",
};
