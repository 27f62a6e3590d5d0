// The Dutch names of the core's states and choices come from the core itself
// (labels.generated.ts, written from assessments/src/labels.rs), so the screen and the PDF
// name every value alike.
import * as core from "../../labels.generated";

export const labels = {
  status: core.statusLabel,
  verdict: core.verdictLabel,
  outcome: core.outcomeLabel,
  role: core.roleLabel,
  conditionKind: core.conditionKindLabel,
  appliesWhen: core.appliesWhenLabel,
  riskClass: core.riskClassLabel,
  aiRole: core.aiRoleLabel,
  answer: core.answerLabel,
  registerInstrument: core.registerInstrumentLabel,
  instrumentByKind: core.instrumentLabelByKind,
  conditionStatus: core.conditionStatusLabel,
  lifeStage: core.lifeStageLabel,
  reassessmentReason: core.reassessmentReasonLabel,
  questionDifference: core.questionDifferenceLabel,
};
