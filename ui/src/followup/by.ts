// Who recorded a follow-up event, in the chosen language. The core stores the committee's
// confirmations as "<name> (secretaris) namens de commissie" (in the audit trail too); the
// screen says it from the secretary's signed recording instead.
import type { FollowUpKind } from "../lib/bindings";
import { t } from "../lib/i18n";

export function recordedBy(event: { by: string; kind: FollowUpKind }): string {
  const kind = event.kind;
  if ((kind.type === "conditionConfirmed" || kind.type === "reportNoted") && kind.recording?.name)
    return t().followup.onBehalf(kind.recording.name);
  return event.by;
}
