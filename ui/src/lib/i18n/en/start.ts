import type { Catalogue } from "../nl";

export const start: Catalogue["start"] = {
  title: "First steps",
  done: "Done",
  todo: "To do",
  municipality: "Name of the municipality",
  municipalityIs: "Name of the municipality:",
  committeeDone: "The committee has been founded; the chair and the secretary have a key.",
  committeeTodo: "Found the committee: the chair and the secretary each choose a passphrase for their key.",
  committeeWhy: "Without a committee, no one can sign a decision.",
  goCommittee: "To the committee",
  framework: (name: string) => `Framework in use: ${name}.`,
  noFramework: "none",
  view: "View",
  proposal:
    "A first proposal: make a new proposal, or import a proposal file or an entry from the Algorithm Register (buttons above).",
};
