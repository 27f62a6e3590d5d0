import type { Catalogue } from "../nl";

export const framework: Catalogue["framework"] = {
  title: "Review framework",
  load: "Load revised framework…",
  intro: "Every assessment keeps the version it started with. A new version only applies to new assessments.",
  loaded: (version: string, current: boolean) =>
    `Version ${version} has been loaded${current ? " and now applies to new assessments" : ""}. Assessments under way keep their own version.`,
  versionTitle: (title: string, version: string) => `${title}, version ${version}`,
  current: "Applies now",
  loadedFrom: (path: string) => `Loaded from ${path}`,
  builtIn: "Built in",
  effectiveFrom: (date: string) => `Applies from ${date}`,
  areas: (n: number) => (n === 1 ? "1 theme" : `${n} themes`),
  questions: (n: number) => (n === 1 ? "1 review question" : `${n} review questions`),
  changesSince: (version: string) => `What has changed since version ${version}?`,
  addedArea: (title: string) => `New theme: ${title}`,
  removedArea: (title: string) => `Theme dropped: ${title}`,
  addedQuestion: (text: string) => `New question: ${text}`,
  removedQuestion: (text: string) => `Question dropped: ${text}`,
  changedQuestion: (text: string, parts: string) => `Changed: ${text} (${parts})`,
  parts: {
    text: "question",
    help: "explanation",
    evidence: "evidence asked for",
    legal_basis: "legal basis",
    applies_when: "when it applies",
    knock_out: "knock-out",
  },
  showQuestions: (version: string) => `Show the review questions of version ${version}`,
  knockOut: "knock-out",
};
