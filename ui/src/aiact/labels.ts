// Words for the AI Act wizard's conclusions, in the chosen language (lib/labels.ts: Dutch from
// the core's labels.generated.ts, so the screen and the PDF name each class, role and
// instrument alike; English from the catalogue).
import type { Instrument } from "../lib/bindings";
import { instrumentLabelByKind, registerInstrumentLabel } from "../lib/labels";

export { aiRoleLabel as roleLabelAi, answerLabel, riskClassLabel } from "../lib/labels";

export function instrumentLabel(i: Instrument): string {
  return i.kind === "register" ? registerInstrumentLabel[i.category] : (instrumentLabelByKind[i.kind] ?? i.kind);
}
