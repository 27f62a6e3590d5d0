import type { Catalogue } from "../nl";

export const review: Catalogue["review"] = {
  notStarted: "The review begins when the committee takes the submitted proposal into review.",
  frameworkVersion: (title: string, version: string, from: string) =>
    `Review framework: ${title}, version ${version} (in force from ${from})`,
  areas: "Areas",
  knockOut: "Knock-out",
  knockOutTitle: "Does not comply = no positive decision possible",
  basis: (basis: string) => `Legal basis: ${basis}`,
  notApplicable: "Not applicable.",
  evidenceAsked: "Evidence asked:",
  leadAnswer: "Project lead's answer:",
  leadEvidence: "Evidence provided:",
  leadSilent: "The project lead did not answer this question separately.",
  knockedOut: "Knock-out: this question does not comply. A positive decision is not possible.",
  verdict: "Verdict",
  notes: "Notes",
  proposedConditions: (n: number) => `Proposed conditions (${n})`,
  changedElsewhere:
    "Someone else saved the verdict on this question meanwhile. Your version is still above and has not been saved. Choose which stays.",
  theirVersion: "Their version:",
  noVerdict: "no verdict yet",
  keepMine: "Save my version",
  takeTheirs: "Take their version",
};
