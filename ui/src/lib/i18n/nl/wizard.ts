// The AI Act wizard's conclusion and the panel with the AI Act's dates.
export const wizard = {
  outcome: "Uitkomst",
  provisional: "Voorlopige uitkomst",
  open: (n: number) => (n === 1 ? "Nog 1 vraag open." : `Nog ${n} vragen open.`),
  /** `list`: the questions whose answers were set aside, joined with "; ". */
  setAside: (n: number, list: string) =>
    `Niet meegeteld: ${n === 1 ? "een antwoord" : `${n} antwoorden`} op vragen die door een later antwoord niet meer gesteld worden (${list}).`,
  /** `answer`: the name of the answer "weet ik niet". */
  deciding: (answer: string) => `'${answer}' bepaalt de risicoklasse.`,
  decidingText:
    "De beslishulp rekent hier met de voorzichtige kant. Zoek het uit: tot dan kan de commissie alleen aanhouden of negatief besluiten.",
  noOutcome: "Nog geen uitkomst",
  noOutcomeHint: "Beantwoord de eerste vraag; de uitkomst verschijnt hier.",
  withTransparency: "met transparantieplicht",
  role: "Rol van de gemeente:",
  needed: "Nodig",
  duties: "Plichten",
  why: "Waarom",
  dutyWhen: (article: string, date: string, source: string) => `${article}; geldt vanaf ${date}; bron: ${source}`,
  notInForce: "nog niet van kracht",
  yourAnswer: (question: string, answer: string) => `— uw antwoord op “${question}”: ${answer}`,
  dates: {
    title: "Data van de AI-verordening",
    load: "Nieuwe versie van de data laden…",
    help: "Wanneer elke plicht geldt, met de wettelijke bron. De beslishulp gebruikt de nieuwste versie; een besluit houdt de versie waarmee het genomen is.",
    loaded: (version: string) =>
      `Versie ${version} van de data is geladen en geldt nu. Genomen besluiten houden hun eigen versie.`,
    version: (version: string) => `Versie ${version}`,
    loadedFrom: (file: string) => `geladen uit ${file}`,
    shipped: "meegeleverd",
    earlier: (list: string) => `eerdere versies: ${list}`,
    columns: { duty: "Plicht", from: "Geldt vanaf", source: "Bron" },
    rows: {
      in_force: "De AI-verordening treedt in werking",
      ai_literacy: "AI-geletterdheid (art. 4)",
      prohibited_practices: "Verboden praktijken (art. 5)",
      general_purpose_ai: "AI-modellen voor algemene doeleinden (art. 51-56)",
      transparency: "Transparantie (art. 50)",
      high_risk_annex_iii: "Hoog risico, bijlage III (art. 26, 27)",
      high_risk_annex_i: "Hoog risico, bijlage I",
      public_legacy: "Overheid met een systeem dat al eerder in gebruik was (art. 111 lid 2)",
      gdpr: "AVG (de DPIA)",
    },
  },
};
