// Dutch words for the AI Act wizard's conclusions.
import type { AiRole, Instrument, RiskClass, WizardAnswer } from "../lib/bindings";

export const riskClassLabel: Record<RiskClass, string> = {
  notApplicable: "AI-verordening niet van toepassing",
  prohibited: "Verboden",
  highRisk: "Hoog risico",
  transparency: "Transparantieverplichting (beperkt risico)",
  minimal: "Minimaal risico",
};

export const roleLabelAi: Record<AiRole, string> = {
  deployer: "Gebruiksverantwoordelijke",
  provider: "Aanbieder",
  providerAndDeployer: "Aanbieder én gebruiksverantwoordelijke",
};

export const answerLabel: Record<WizardAnswer, string> = { yes: "Ja", no: "Nee", unknown: "Weet ik niet" };

export function instrumentLabel(i: Instrument): string {
  switch (i.kind) {
    case "dpia":
      return "DPIA (AVG art. 35)";
    case "fria":
      return "Grondrechteneffectbeoordeling / IAMA (AI-verordening art. 27)";
    case "transparencyNotice":
      return "Meldingen aan inwoners (AI-verordening art. 50)";
    case "register":
      return `Algoritmeregister, categorie ${i.category.toUpperCase()}`;
  }
}
