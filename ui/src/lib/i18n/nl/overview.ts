// The overview of pilots: the list, search, the check on open and the import buttons.
export const overview = {
  checkFailed: "De controle kon niet worden uitgevoerd: ",
  title: "Pilots",
  importRegister: "Start uit Algoritmeregister…",
  importProposal: "Voorstel importeren…",
  imported: "Het voorstel is geïmporteerd.",
  startedFromRegister: "Het voorstel is gestart vanuit het Algoritmeregister. Vul aan wat nog ontbreekt.",
  fillReport: "Rapportage invullen…",
  newProposal: "Nieuw voorstel",
  checkFailedDetail: "Het is dus niet zeker dat alles in de database nog klopt.",
  broken: "Let op: niet alles in de database klopt nog.",
  brokenAt: (line: number) => `Het logboek is na regel ${line} beschadigd of aangepast.`,
  /** Before a finding the core names in Dutch only (shown marked lang="nl"). */
  changedOutside: "Buiten AI-toets om gewijzigd: ",
  invalidSignature: (what: string) => `Handtekening klopt niet meer: ${what}`,
  rosterProblem: "Ledenlijst: ",
  schemaProblem: "Database: ",
  unconfirmed: (n: number) =>
    `${n === 1 ? "1 wijziging is" : `${n} wijzigingen zijn`} nog niet bevestigd door een handtekening of door de voorzitter en secretaris.`,
  loading: "Even laden…",
  /** Followed by the name of the button (newProposal) and a full stop. */
  empty: "Er zijn nog geen pilots. Begin met",
  searchLabel: "Zoek een pilot op naam",
  noResults: (query: string) => `Geen pilot gevonden met ‘${query}’ in de naam.`,
  columns: {
    pilot: "Pilot",
    department: "Afdeling",
    status: "Status",
    updated: "Laatst gewijzigd",
  },
  round: (round: number) => `herbeoordeling, ronde ${round}`,
  more: (shown: number, total: number) => `${shown} van ${total} pilots, de laatst gewijzigde eerst.`,
  showMore: "Toon er meer",
  orSearch: "of zoek op naam.",
};
