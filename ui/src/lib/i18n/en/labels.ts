// The English names of the core's states and choices. The Dutch ones come from the core
// (nl/labels.ts); these have the same keys, checked by the compiler.
import type { Catalogue } from "../nl";

export const labels: Catalogue["labels"] = {
  status: {
    draft: "Draft",
    submitted: "Submitted",
    inReview: "In review",
    decided: "Decided",
    signed: "Signed",
  },
  verdict: {
    complies: "Complies",
    compliesWithConditions: "Complies with conditions",
    doesNotComply: "Does not comply",
    notApplicable: "Not applicable",
  },
  outcome: {
    positive: "Positive",
    positiveWithConditions: "Positive with conditions",
    postponed: "Postponed",
    negative: "Negative",
  },
  role: { chair: "Chair", secretary: "Secretary", member: "Member" },
  conditionKind: {
    suspensive: "suspensive (before the start)",
    accompanying: "accompanying (during the pilot)",
  },
  appliesWhen: {
    always: "Always",
    personal_data: "With personal data",
    generative_ai: "With generative AI",
    high_risk: "With high risk",
    fria_required: "With a required fundamental rights impact assessment",
  },
  riskClass: {
    notApplicable: "AI Act does not apply",
    prohibited: "Prohibited",
    highRisk: "High risk",
    transparency: "Transparency obligation (limited risk)",
    minimal: "Minimal risk",
  },
  aiRole: { deployer: "Deployer", provider: "Provider", providerAndDeployer: "Provider and deployer" },
  answer: { yes: "Yes", no: "No", unknown: "I don't know" },
  registerInstrument: {
    a: "Entry in the Algorithm Register (category A)",
    b: "Entry in the Algorithm Register (category B)",
    c: "Entry in the Algorithm Register (category C)",
  },
  instrumentByKind: {
    dpia: "DPIA (GDPR art. 35)",
    dpiaReasoning: "Record why no DPIA is needed (GDPR art. 35 and art. 5(2))",
    fria: "Fundamental rights impact assessment / IAMA (AI Act art. 27)",
    iamaRecommended: "IAMA recommended as good practice (not required by art. 27)",
    transparencyNotice: "Notice to the people concerned (AI Act art. 50)",
  },
  conditionStatus: {
    open: "Open",
    inProgress: "In progress",
    met: "Met",
    notMet: "Not met",
    lapsed: "Lapsed",
  },
  lifeStage: {
    inPilot: "In pilot",
    inUse: "In use",
    extended: "Extended",
    stopped: "Stopped",
    phasedOut: "Phased out",
  },
  reassessmentReason: { scheduled: "Scheduled (evaluation date)", change: "Because of a change" },
  questionDifference: {
    same: "Unchanged",
    added: "New question",
    removed: "Removed question",
    revised: "Question revised",
  },
};
