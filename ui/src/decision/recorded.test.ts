import { describe, expect, it } from "vitest";
import type { PilotView } from "../lib/bindings";
import { recordedMessage } from "./recorded";

const decided = (signers: PilotView["signers"], missingRoles: PilotView["missingRoles"]) =>
  ({ signers, missingRoles }) as unknown as PilotView;

describe("the message after recording a decision", () => {
  it("names who can sign now, as the core says", () => {
    const view = decided(
      [
        { memberId: "m1", name: "Marieke de Vries", role: "chair", fingerprint: "ab" },
        { memberId: "m2", name: "Joost Ëlberts", role: "secretary", fingerprint: "cd" },
      ],
      ["chair", "secretary"],
    );
    expect(recordedMessage(view)).toBe(
      "Het besluit is vastgelegd. Nu kunnen ondertekenen: Marieke de Vries (voorzitter), Joost Ëlberts (secretaris).",
    );
  });

  it("says nobody can sign yet when the committee has no members, with the roles the policy needs", () => {
    const message = recordedMessage(decided([], ["chair", "secretary", "member"]));
    expect(message).toContain("Nog niemand kan het ondertekenen (nodig: voorzitter, secretaris, lid)");
    expect(message).not.toContain("kunnen nu ondertekenen");
  });
});
