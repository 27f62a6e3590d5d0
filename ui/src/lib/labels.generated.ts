// Generated from the core's labels (assessments/src/labels.rs). Do not edit: run
// UPDATE_BINDINGS=1 cargo test -p ai-toets bindings.
import type { AiRole, AppliesWhen, ConditionKind, ConditionStatus, LifeStage, Outcome, QuestionDifference, ReassessmentReason, RegisterCategory, RiskClass, Role, Status, Verdict, WizardAnswer } from "./bindings";

export const statusLabel: Record<Status, string> = {
  "draft": "Concept",
  "submitted": "Ingediend",
  "inReview": "In behandeling",
  "decided": "Besloten",
  "signed": "Ondertekend",
};

export const verdictLabel: Record<Verdict, string> = {
  "complies": "Voldoet",
  "compliesWithConditions": "Voldoet onder voorwaarden",
  "doesNotComply": "Voldoet niet",
  "notApplicable": "Niet van toepassing",
};

export const outcomeLabel: Record<Outcome, string> = {
  "positive": "Positief",
  "positiveWithConditions": "Positief onder voorwaarden",
  "postponed": "Aanhouden",
  "negative": "Negatief",
};

export const roleLabel: Record<Role, string> = {
  "chair": "Voorzitter",
  "secretary": "Secretaris",
  "member": "Lid",
};

export const conditionKindLabel: Record<ConditionKind, string> = {
  "suspensive": "opschortend (vóór de start)",
  "accompanying": "begeleidend (tijdens de pilot)",
};

export const appliesWhenLabel: Record<AppliesWhen, string> = {
  "always": "Altijd",
  "personal_data": "Bij persoonsgegevens",
  "generative_ai": "Bij generatieve AI",
  "high_risk": "Bij hoog risico",
  "fria_required": "Bij verplichte grondrechteneffectbeoordeling",
};

export const riskClassLabel: Record<RiskClass, string> = {
  "notApplicable": "AI-verordening niet van toepassing",
  "prohibited": "Verboden",
  "highRisk": "Hoog risico",
  "transparency": "Transparantieverplichting (beperkt risico)",
  "minimal": "Minimaal risico",
};

export const aiRoleLabel: Record<AiRole, string> = {
  "deployer": "Gebruiksverantwoordelijke",
  "provider": "Aanbieder",
  "providerAndDeployer": "Aanbieder en gebruiksverantwoordelijke",
};

export const answerLabel: Record<WizardAnswer, string> = {
  "yes": "Ja",
  "no": "Nee",
  "unknown": "Weet ik niet",
};

export const registerInstrumentLabel: Record<RegisterCategory, string> = {
  "a": "Registratie in het Algoritmeregister (categorie A)",
  "b": "Registratie in het Algoritmeregister (categorie B)",
  "c": "Registratie in het Algoritmeregister (categorie C)",
};

export const instrumentLabelByKind: Record<string, string> = {
  "dpia": "DPIA (AVG art. 35)",
  "dpiaReasoning": "Vastleggen waarom geen DPIA nodig is (AVG art. 35 en art. 5 lid 2)",
  "fria": "Grondrechteneffectbeoordeling / IAMA (AI-verordening art. 27)",
  "iamaRecommended": "IAMA aanbevolen als goede praktijk (niet verplicht volgens art. 27)",
  "transparencyNotice": "Melding aan betrokkenen (AI-verordening art. 50)",
};

export const conditionStatusLabel: Record<ConditionStatus, string> = {
  "open": "Open",
  "inProgress": "In uitvoering",
  "met": "Voldaan",
  "notMet": "Niet voldaan",
  "lapsed": "Vervallen",
};

export const lifeStageLabel: Record<LifeStage, string> = {
  "inPilot": "In pilot",
  "inUse": "In gebruik",
  "extended": "Verlengd",
  "stopped": "Gestopt",
  "phasedOut": "Uitgefaseerd",
};

export const reassessmentReasonLabel: Record<ReassessmentReason, string> = {
  "scheduled": "Gepland (evaluatiedatum)",
  "change": "Door een wijziging",
};

export const questionDifferenceLabel: Record<QuestionDifference, string> = {
  "same": "Ongewijzigd",
  "added": "Nieuwe vraag",
  "removed": "Vervallen vraag",
  "revised": "Vraag herzien",
};

/** The months as dates are written in Dutch. */
export const monthsNl: readonly string[] = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
