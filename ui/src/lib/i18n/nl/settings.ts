// Instellingen: what holds for this whole installation. One part per topic.
export const settings = {
  title: "Instellingen",
  backup: {
    title: "Back-up",
    why: "Alle gegevens van AI-toets staan in één bestand op deze laptop. Gaat de laptop kapot of verloren, dan zijn alle besluiten weg, tenzij er een back-up is.",
    whereTo: "Zet de back-up op een USB-stick of een netwerkschijf, niet alleen op deze laptop.",
    database: "De gegevens staan in:",
    none: "Er is nog geen back-up van deze gegevens gemaakt.",
    made: (when: string, entries: number) => `Laatste back-up: ${when}, met ${entries} regels uit het logboek.`,
    restored: (when: string, entries: number) =>
      `Teruggezet uit een back-up op ${when}, met ${entries} regels uit het logboek.`,
    file: "Bestand:",
    make: "Back-up maken",
    making: "Bezig met de back-up en de controle ervan…",
    madeNow: (file: string) => `De back-up is gemaakt en gecontroleerd: ${file}`,
    restore: "Back-up terugzetten",
    confirmTitle: "Back-up terugzetten?",
    confirmReplaces:
      "Terugzetten vervangt alle gegevens in AI-toets door die van de back-up. Wat na die back-up is gedaan, staat daarna niet meer in AI-toets.",
    confirmChecked: "AI-toets controleert de back-up eerst helemaal. Is er iets mis mee, dan verandert er niets.",
    confirmKept: (database: string) =>
      `Het huidige bestand blijft bewaard onder een nieuwe naam (met „vervangen” en het moment erin), in dezelfde map als ${database}.`,
    confirm: "Ja, back-up kiezen en terugzetten",
    cancel: "Annuleren",
    restoring: "Bezig met controleren en terugzetten…",
    restoredNow: (from: string, entries: number) =>
      `De back-up is teruggezet: ${from} (${entries} regels uit het logboek). Alle schermen tonen nu de gegevens van de back-up.`,
    keptAt: (path: string) => `Het vervangen bestand staat in ${path}.`,
    makeFailed: "Back-up maken: ",
    restoreFailed: "Terugzetten: ",
    statusFailed: "Het is niet bekend wanneer de laatste back-up was: ",
    reminder: "Er is geen back-up van het laatste ondertekende besluit. Maak een back-up.",
    lastSigned: (when: string) => `Laatst ondertekend: ${when}.`,
    toSettings: "Naar Instellingen",
  },
};
