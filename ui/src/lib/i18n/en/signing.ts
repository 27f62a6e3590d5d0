import type { Catalogue } from "../nl";

export const signing: Catalogue["signing"] = {
  locked: "This decision has been signed and can no longer be changed.",
  noDecision: "There is no decision to sign yet.",
  outcome: "Decision:",
  toSignBy: (roles: string) => `To be signed by: ${roles}.`,
  hash: "Content hash (SHA-256):",
  columns: {
    role: "Role",
    name: "Name",
    signedAt: "Signed on",
    fingerprint: "Key fingerprint",
    check: "Check",
  },
  valid: "Valid",
  invalid: "Not valid",
  notChecked: "Not checked.",
  rule: (date: string) =>
    `Only members of the meeting of ${date} can sign: present and without a conflict of interest.`,
  stillNeeded: (roles: string) => `Still needed: ${roles}.`,
  nobody: (meeting: boolean) =>
    "Nobody may sign now: no member in a role still needed who has not signed yet, " +
    (meeting ? "was present at the meeting without a conflict of interest, " : "") +
    "and is in office with a valid key. Check the list of members under Committee.",
  toCommittee: "Go to the committee",
  who: "Who signs?",
  fingerprint: "Fingerprint of your key:",
  passphrase: "Your passphrase",
  confirms:
    "By signing you confirm this decision with the content hash above. Once all signatures are there, nobody can change it any more.",
  sign: "Sign",
  signed: "The signature has been recorded.",
};
