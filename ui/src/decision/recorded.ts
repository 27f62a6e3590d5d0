import type { PilotView } from "../lib/bindings";
import { t } from "../lib/i18n";
import { roleLabel, rolesText } from "../lib/labels";

/**
 * What the secretary reads after recording a decision: who can sign now, from the core's
 * answer (`signers`: a role still needed, present, in office with a valid key), or that nobody
 * can yet and which roles are needed — never a fixed "chair and secretary". In the language
 * chosen when it is called.
 */
export function recordedMessage(view: PilotView): string {
  const c = t().decision;
  if (view.signers.length > 0) {
    const who = view.signers.map((s) => `${s.name} (${roleLabel[s.role].toLowerCase()})`).join(", ");
    return c.recordedCanSign(who);
  }
  const needed = rolesText(view.missingRoles);
  return needed ? c.recordedNobodyCanSign(needed) : c.recorded;
}
