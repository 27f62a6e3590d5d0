import type { Catalogue } from "../nl";

export const overview: Catalogue["overview"] = {
  checkFailed: "The check on open failed: ",
  title: "Pilots",
  importRegister: "Start from the Algorithm Register…",
  importProposal: "Import a proposal…",
  imported: "The proposal has been imported.",
  startedFromRegister: "The proposal has been started from the Algorithm Register. Add what is still missing.",
  fillReport: "Fill in a report…",
  newProposal: "New proposal",
  checkFailedDetail: "So it is not certain that everything in the database is still right.",
  broken: "Warning: not everything in the database is right any more.",
  brokenAt: (line: number) => `The audit trail is damaged or altered after line ${line}.`,
  /** Before a finding the core names in Dutch only (shown marked lang="nl"). */
  changedOutside: "Changed outside AI-toets: ",
  invalidSignature: (what: string) => `Signature no longer valid: ${what}`,
  rosterProblem: "Roster: ",
  schemaProblem: "Database: ",
  unconfirmed: (n: number) =>
    `${n === 1 ? "1 change is" : `${n} changes are`} not yet confirmed by a signature or by the chair and secretary.`,
  loading: "Loading…",
  empty: "There are no pilots yet. Start with",
  searchLabel: "Search for a pilot by name",
  noResults: (query: string) => `No pilot found with ‘${query}’ in its name.`,
  columns: {
    pilot: "Pilot",
    department: "Department",
    status: "Status",
    updated: "Last changed",
  },
  round: (round: number) => `re-assessment, round ${round}`,
  more: (shown: number, total: number) => `${shown} of ${total} pilots, most recently changed first.`,
  showMore: "Show more",
  orSearch: "or search by name.",
};
