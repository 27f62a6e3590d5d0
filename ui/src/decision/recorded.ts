import type { PilotView } from "../lib/bindings";
import { roleLabel, rolesText } from "../lib/labels";

/**
 * What the secretary reads after recording a decision: who can sign now, from the core's
 * answer (`signers`: a role still needed, present, in office with a valid key), or that nobody
 * can yet and which roles are needed — never a fixed "chair and secretary".
 */
export function recordedMessage(view: PilotView): string {
  if (view.signers.length > 0) {
    const who = view.signers.map((s) => `${s.name} (${roleLabel[s.role].toLowerCase()})`).join(", ");
    return `Het besluit is vastgelegd. Nu kunnen ondertekenen: ${who}.`;
  }
  const needed = rolesText(view.missingRoles);
  return needed
    ? `Het besluit is vastgelegd. Nog niemand kan het ondertekenen (nodig: ${needed}). Leg eerst de leden vast op het scherm Commissie.`
    : "Het besluit is vastgelegd.";
}
