// Herbeoordeling: starting one, the rounds of a pilot, and a round beside the one it reviews
// again (reassessment/*). The framework's question texts come from the core in both languages.
export const reassessment = {
  comparison: {
    noVerdict: "Nog geen oordeel",
    title: "Vergelijking met de vorige ronde",
    changedOutside:
      "De vorige ronde is buiten AI-toets om gewijzigd: ze is niet meer het besluit dat deze herbeoordeling noemt. Vertrouw de kolom van de vorige ronde niet.",
    /** The earlier round, with its decision when there is one. */
    round: (round: number, framework: string) => `Ronde ${round} (kader ${framework})`,
    roundDecided: (round: number, framework: string, outcome: string, date: string) =>
      `Ronde ${round} (kader ${framework}, besluit: ${outcome} op ${date})`,
    /** "<earlier round> naast ronde 2 (kader 2026.4)." */
    beside: (earlier: string, round: number, framework: string) =>
      `${earlier} naast ronde ${round} (kader ${framework}).`,
    reason: (reason: string) => `Reden: ${reason}`,
    earlierConditions: "Voorwaarden van het vorige besluit",
    notConfirmed: (status: string) => `(gemeld: ${status}, niet bevestigd)`,
    question: "Vraag",
    roundColumn: (round: number) => `Ronde ${round}`,
    otherVerdict: "Ander oordeel",
    notAsked: (framework: string) => `Niet gevraagd in kader ${framework}`,
    dropped: (framework: string) => `Vervallen in kader ${framework}`,
    loading: "Even laden…",
  },
  form: {
    started: "De herbeoordeling is gestart. Werk het voorstel bij en dien het opnieuw in.",
    title: "Opnieuw beoordelen",
    intro:
      "Een herbeoordeling is een nieuwe ronde voor deze pilot. De commissie loopt het toetsingskader opnieuw door, met de versie die nu geldt. Na ondertekening vervangt het nieuwe besluit dit besluit; dit besluit blijft bewaard zoals het is.",
    why: "Waarom nu?",
    whatChanged: "Wat is er veranderd?",
    lookAt: "Waar let de commissie op? (niet verplicht)",
    help: "Bijvoorbeeld: andere gegevens, een nieuw model, een ander werkproces, klachten of incidenten.",
    by: "Gestart door",
    button: "Herbeoordeling starten",
  },
  rounds: {
    round: (round: number) => `Herbeoordeling, ronde ${round}`,
    openEarlier: "Eerdere ronde openen",
    superseded: "Vervangen:",
    supersededText: "dit besluit is vervangen door een herbeoordeling. Het blijft bewaard zoals het is ondertekend.",
    reassessed: "Herbeoordeeld:",
    reassessedText: (outcome: string) =>
      `de herbeoordeling kwam niet tot een positief besluit (${outcome}); dit besluit blijft gelden. Leg het einde van de pilot hier vast als die stopt.`,
    noDecision: "geen besluit",
    running: "Wordt opnieuw beoordeeld:",
    runningText: "er loopt een herbeoordeling van dit besluit.",
    openLater: "Herbeoordeling openen",
  },
};
