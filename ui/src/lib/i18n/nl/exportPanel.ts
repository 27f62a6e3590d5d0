// Exporting a decided pilot: the archival PDF and the draft register entry.
export const exportPanel = {
  pdfSaved: (path: string) => `De PDF is opgeslagen: ${path}`,
  noDecision: "Er is nog geen besluit. Exporteren kan na het besluit.",
  notSigned: "Let op: het besluit is nog niet door iedereen ondertekend. De PDF vermeldt dat.",
  about:
    "De PDF is een archiefbestand (PDF/A-3). Het bevat het voorstel, de uitkomst van de AI-verordening, de oordelen per toetsvraag, het besluit met voorwaarden, de vergadering en de handtekeningen met de inhoudshash.",
  /** Around the program's name (ai-toets-verify), shown as code. */
  verifyBefore:
    "Het ondertekende besluit zit ook als bestand in de PDF. Een archivaris kan de PDF daardoor later zelf controleren met het programma",
  verifyAfter: ", zonder AI-toets en zonder internet.",
  busy: "Bezig…",
  savePdf: "PDF opslaan…",
  registerTitle: "Algoritmeregister",
  registerAbout:
    "Een conceptregistratie volgens de publicatiestandaard (versie 1.0.0), om aan te vullen en te publiceren. De contactgegevens komen uit ‘Contact voor inwoners’ in het voorstel; de status is ‘In gebruik’ als de pilot echte gevolgen heeft, anders ‘In ontwikkeling’.",
  registerSaved: (path: string) => `De registratie is opgeslagen: ${path}`,
  saveRegister: "Registratie opslaan…",
};
