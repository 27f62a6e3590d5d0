// Besluit: the decision form, its conditions and the message after recording it.
export const decision = {
  signedLocked: "Dit besluit is ondertekend en kan niet meer worden gewijzigd.",
  unanswered: (n: number) =>
    `Nog ${n === 1 ? "1 toetsvraag" : `${n} toetsvragen`} zonder oordeel. Aanhouden kan al (ontbrekende informatie is een reden om aan te houden); een ander besluit kan pas als alle vragen een oordeel hebben.`,
  decidingUnknowns: (questions: string) =>
    `In de beslishulp staat 'weet ik niet' bij een vraag die de risicoklasse bepaalt: ${questions}. Zoek het uit; tot dan kan de commissie alleen aanhouden of negatief besluiten.`,
  prohibited:
    "Volgens de beslishulp is dit een verboden AI-praktijk (AI-verordening art. 5). Alleen een negatief besluit is mogelijk.",
  knockOut: "Een knock-outvraag voldoet niet. Een positief besluit is daarom niet mogelijk.",
  summaryLabel: "Samenvatting van de bespreking",
  summaryTitle: "Samenvatting per thema",
  columns: {
    area: "Thema",
    complies: "Voldoet",
    withConditions: "Onder voorwaarden",
    doesNotComply: "Voldoet niet",
    notApplicable: "N.v.t.",
    open: "Open",
  },
  legend: "Besluit",
  reasons: "Motivering",
  reasonsHelp: "Waarom komt de commissie tot dit besluit?",
  conditions: "Voorwaarden",
  conditionsHelp: "Wat moet er gebeuren, door wie en wanneer? De voorwaarden uit de bespreking staan er al.",
  evaluation: "Evaluatiedatum",
  evaluationHelp: "Wanneer kijkt de commissie opnieuw naar deze pilot? Verplicht, behalve bij een negatief besluit.",
  evaluationHelpNegative: "Niet nodig bij een negatief besluit.",
  reports: "Monitoringsrapportages",
  reportsHelp: "Wanneer levert de projectleider een rapportage? Zonder datum: één, vóór de evaluatiedatum.",
  report: (n: number) => `Rapportage ${n}`,
  removeReport: (n: number, date: string) => `Rapportage ${n} (${date}) weghalen`,
  /** A report date not filled in yet, in removeReport. */
  empty: "leeg",
  remove: "Weghalen",
  addReport: "Rapportagedatum toevoegen",
  decide: "Besluit vastleggen",
  reopen: "Terug naar de beoordeling",
  reopened: "Het besluit is heropend. Pas de oordelen aan en leg het besluit opnieuw vast.",
  recordedOn: (date: string) => `Vastgelegd: ${date}`,
  evaluationOn: (date: string) => ` · evaluatie ${date}`,
  reportsOn: (dates: string) => ` · rapportages ${dates}`,
  /** After recording: who can sign now, or that nobody can yet. */
  recorded: "Het besluit is vastgelegd.",
  recordedCanSign: (who: string) => `Het besluit is vastgelegd. Nu kunnen ondertekenen: ${who}.`,
  recordedNobodyCanSign: (needed: string) =>
    `Het besluit is vastgelegd. Nog niemand kan het ondertekenen (nodig: ${needed}). Leg eerst de leden vast op het scherm Commissie.`,
  /** The conditions editor (also on a review question). */
  condition: (n: number) => `Voorwaarde ${n}`,
  kind: "Soort",
  suspensive: "Opschortend (vóór de start)",
  accompanying: "Begeleidend (tijdens de pilot)",
  owner: "Eigenaar",
  deadline: "Termijn",
  removeCondition: (n: number) => `Voorwaarde ${n} verwijderen`,
  removeConditionShort: "Verwijderen",
  addCondition: "Voorwaarde toevoegen",
};
