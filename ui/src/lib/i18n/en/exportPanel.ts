import type { Catalogue } from "../nl";

export const exportPanel: Catalogue["exportPanel"] = {
  pdfSaved: (path: string) => `The PDF has been saved: ${path}`,
  noDecision: "There is no decision yet. Exporting is possible after the decision.",
  notSigned: "Note: not everyone has signed the decision yet. The PDF says so.",
  about:
    "The PDF is an archival file (PDF/A-3). It holds the proposal, the AI Act outcome, the verdicts per assessment question, the decision with its conditions, the meeting and the signatures with the content hash.",
  verifyBefore:
    "The signed decision is also inside the PDF as a file. An archivist can therefore check the PDF later on their own with the program",
  verifyAfter: ", without AI-toets and without internet.",
  busy: "Working…",
  savePdf: "Save PDF…",
  registerTitle: "Algorithm Register",
  registerAbout:
    "A draft entry following the publication standard (version 1.0.0), to complete and publish. The contact details come from ‘Contact for residents’ in the proposal; the status is ‘in use’ when the pilot has real effects, otherwise ‘in development’.",
  registerSaved: (path: string) => `The entry has been saved: ${path}`,
  saveRegister: "Save the entry…",
};
