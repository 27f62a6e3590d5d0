// Toetsingskader: every version of the framework and what changed (views/FrameworkPage.svelte).
// The framework's own texts (areas, questions) come from the core in both languages.
export const framework = {
  title: "Toetsingskader",
  load: "Herzien kader laden…",
  intro: "Elke beoordeling houdt de versie waarmee ze begon. Een nieuwe versie geldt alleen voor nieuwe beoordelingen.",
  /** After loading a revision; `current` when it applies to new assessments from now on. */
  loaded: (version: string, current: boolean) =>
    `Versie ${version} is geladen${current ? " en geldt nu voor nieuwe beoordelingen" : ""}. Lopende beoordelingen houden hun eigen versie.`,
  versionTitle: (title: string, version: string) => `${title}, versie ${version}`,
  current: "Geldt nu",
  loadedFrom: (path: string) => `Geladen uit ${path}`,
  builtIn: "Meegeleverd",
  effectiveFrom: (date: string) => `Geldt vanaf ${date}`,
  areas: (n: number) => (n === 1 ? "1 thema" : `${n} thema's`),
  questions: (n: number) => (n === 1 ? "1 toetsvraag" : `${n} toetsvragen`),
  changesSince: (version: string) => `Wat is er veranderd sinds versie ${version}?`,
  addedArea: (title: string) => `Nieuw thema: ${title}`,
  removedArea: (title: string) => `Thema vervallen: ${title}`,
  addedQuestion: (text: string) => `Nieuwe vraag: ${text}`,
  removedQuestion: (text: string) => `Vraag vervallen: ${text}`,
  changedQuestion: (text: string, parts: string) => `Gewijzigd: ${text} (${parts})`,
  /** The parts of a question a revision can change. */
  parts: {
    text: "vraag",
    help: "toelichting",
    evidence: "gevraagd bewijs",
    legal_basis: "grondslag",
    applies_when: "wanneer van toepassing",
    knock_out: "knock-out",
  },
  showQuestions: (version: string) => `Toon de toetsvragen van versie ${version}`,
  knockOut: "knock-out",
};
