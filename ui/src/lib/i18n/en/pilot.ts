import type { Catalogue } from "../nl";

export const pilot: Catalogue["pilot"] = {
  back: "← All pilots",
  changedOutside: "This pilot was changed outside AI-toets: what is shown here does not match the audit trail.",
  riskUnknown: "Risk class not known yet: the decision aid is not finished",
  progress: "Progress",
  stepDone: "done: ",
  tabsLabel: "Parts of this pilot",
  tabs: {
    proposal: "Proposal",
    review: "Review",
    decision: "Decision",
    signing: "Signing",
    export: "Export",
    followup: "Follow-up",
    comparison: "Comparison with the previous round",
  },
  proposalFiles: "Attachments to the proposal",
  proposalFilesHelp:
    "For example the DPIA, a bias report or the contract. The decision names them with their SHA-256 and the archive PDF contains them. They can be added until the decision.",
  loading: "Loading…",
  next: {
    label: "Next step",
    status: (status: string) => `Status: ${status}`,
    submitted: "The proposal has been submitted. The committee can take it into review.",
    startReview: "Take into review",
    reviewStarted: "The committee has taken the proposal into review.",
    draft: "The proposal has not been submitted to the committee yet.",
    toSubmit: "Go to submitting",
    open: (n: number) =>
      n === 1 ? "1 review question still without a verdict." : `${n} review questions still without a verdict.`,
    toOpen: "Go to the first open question",
    decide: "Every review question has a verdict. The committee can decide.",
    toDecision: "Go to the decision",
    toRecord: "Go to ‘Record decision’",
    sign: (roles: string) => `The decision has been recorded. Still to be signed by: ${roles}.`,
    toSign: "Go to signing",
    decided: "The decision has been recorded and is waiting to be signed.",
    signed: "The decision has been signed. Save it as a PDF for the archive.",
    toExport: "Go to export",
  },
};
