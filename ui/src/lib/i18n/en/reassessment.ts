import type { Catalogue } from "../nl";

export const reassessment: Catalogue["reassessment"] = {
  comparison: {
    noVerdict: "No verdict yet",
    title: "Comparison with the previous round",
    changedOutside:
      "The previous round was changed outside AI-toets: it is no longer the decision this re-assessment names. Do not trust the previous round's column.",
    round: (round: number, framework: string) => `Round ${round} (framework ${framework})`,
    roundDecided: (round: number, framework: string, outcome: string, date: string) =>
      `Round ${round} (framework ${framework}, decision: ${outcome} on ${date})`,
    beside: (earlier: string, round: number, framework: string) =>
      `${earlier} beside round ${round} (framework ${framework}).`,
    reason: (reason: string) => `Reason: ${reason}`,
    earlierConditions: "Conditions of the previous decision",
    notConfirmed: (status: string) => `(reported: ${status}, not confirmed)`,
    question: "Question",
    roundColumn: (round: number) => `Round ${round}`,
    otherVerdict: "Different verdict",
    notAsked: (framework: string) => `Not asked in framework ${framework}`,
    dropped: (framework: string) => `Dropped in framework ${framework}`,
    loading: "Loading…",
  },
  form: {
    started: "The re-assessment has started. Update the proposal and submit it again.",
    title: "Assess again",
    intro:
      "A re-assessment is a new round for this pilot. The committee goes through the review framework again, with the version that applies now. Once signed, the new decision replaces this decision; this decision is kept as it is.",
    why: "Why now?",
    whatChanged: "What has changed?",
    lookAt: "What should the committee look at? (optional)",
    help: "For example: different data, a new model, a different work process, complaints or incidents.",
    by: "Started by",
    button: "Start re-assessment",
  },
  rounds: {
    round: (round: number) => `Re-assessment, round ${round}`,
    openEarlier: "Open earlier round",
    superseded: "Replaced:",
    supersededText: "this decision has been replaced by a re-assessment. It is kept as it was signed.",
    reassessed: "Re-assessed:",
    reassessedText: (outcome: string) =>
      `the re-assessment did not lead to a positive decision (${outcome}); this decision still applies. Record the end of the pilot here if it stops.`,
    noDecision: "no decision",
    running: "Being re-assessed:",
    runningText: "a re-assessment of this decision is under way.",
    openLater: "Open re-assessment",
  },
};
