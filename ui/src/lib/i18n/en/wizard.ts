import type { Catalogue } from "../nl";

export const wizard: Catalogue["wizard"] = {
  outcome: "Outcome",
  provisional: "Provisional outcome",
  open: (n: number) => (n === 1 ? "1 question still open." : `${n} questions still open.`),
  setAside: (n: number, list: string) =>
    `Not counted: ${n === 1 ? "one answer" : `${n} answers`} to questions that a later answer no longer asks (${list}).`,
  deciding: (answer: string) => `'${answer}' decides the risk class.`,
  decidingText:
    "The wizard takes the careful side here. Find out: until then the committee can only postpone or decide negatively.",
  noOutcome: "No outcome yet",
  noOutcomeHint: "Answer the first question; the outcome appears here.",
  withTransparency: "with transparency duty",
  role: "Role of the municipality:",
  needed: "Needed",
  duties: "Duties",
  why: "Why",
  dutyWhen: (article: string, date: string, source: string) => `${article}; applies from ${date}; source: ${source}`,
  notInForce: "not yet in force",
  yourAnswer: (question: string, answer: string) => `— your answer to “${question}”: ${answer}`,
  dates: {
    title: "Dates of the AI Act",
    load: "Load a new version of the dates…",
    help: "When each duty applies, with its legal source. The wizard uses the newest version; a decision keeps the version it was taken with.",
    loaded: (version: string) =>
      `Version ${version} of the dates has been loaded and applies now. Decisions already taken keep their own version.`,
    version: (version: string) => `Version ${version}`,
    loadedFrom: (file: string) => `loaded from ${file}`,
    shipped: "shipped with the app",
    earlier: (list: string) => `earlier versions: ${list}`,
    columns: { duty: "Duty", from: "Applies from", source: "Source" },
    rows: {
      in_force: "The AI Act enters into force",
      ai_literacy: "AI literacy (art. 4)",
      prohibited_practices: "Prohibited practices (art. 5)",
      general_purpose_ai: "General-purpose AI models (art. 51-56)",
      transparency: "Transparency (art. 50)",
      high_risk_annex_iii: "High risk, annex III (art. 26, 27)",
      high_risk_annex_i: "High risk, annex I",
      public_legacy: "Public authority with a system already in use before (art. 111(2))",
      gdpr: "GDPR (the DPIA)",
    },
  },
};
