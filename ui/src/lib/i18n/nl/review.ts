// Beoordeling: the framework area by area, one card per review question.
export const review = {
  notStarted: "De beoordeling begint als de commissie het ingediende voorstel in behandeling neemt.",
  frameworkVersion: (title: string, version: string, from: string) =>
    `Toetsingskader: ${title}, versie ${version} (geldt vanaf ${from})`,
  areas: "Thema's",
  knockOut: "Knock-out",
  knockOutTitle: "Voldoet niet = geen positief besluit mogelijk",
  basis: (basis: string) => `Grondslag: ${basis}`,
  notApplicable: "Niet van toepassing.",
  evidenceAsked: "Gevraagd bewijs:",
  leadAnswer: "Antwoord projectleider:",
  leadEvidence: "Aangeleverd bewijs:",
  leadSilent: "De projectleider heeft deze vraag niet apart beantwoord.",
  knockedOut: "Knock-out: deze vraag voldoet niet. Een positief besluit is niet mogelijk.",
  verdict: "Oordeel",
  notes: "Toelichting",
  proposedConditions: (n: number) => `Voorgestelde voorwaarden (${n})`,
  changedElsewhere:
    "Iemand anders heeft het oordeel bij deze vraag intussen opgeslagen. Uw versie staat hierboven nog en is niet opgeslagen. Kies welke blijft.",
  theirVersion: "Hun versie:",
  noVerdict: "nog geen oordeel",
  keepMine: "Mijn versie opslaan",
  takeTheirs: "Hun versie overnemen",
};
