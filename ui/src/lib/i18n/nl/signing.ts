// Ondertekenen: members sign the decision with their own key and passphrase.
export const signing = {
  locked: "Dit besluit is ondertekend en kan niet meer worden gewijzigd.",
  noDecision: "Er is nog geen besluit om te ondertekenen.",
  outcome: "Besluit:",
  toSignBy: (roles: string) => `Te ondertekenen door: ${roles}.`,
  hash: "Inhoudshash (SHA-256):",
  columns: {
    role: "Rol",
    name: "Naam",
    signedAt: "Getekend op",
    fingerprint: "Vingerafdruk sleutel",
    check: "Controle",
  },
  valid: "Klopt",
  invalid: "Klopt niet",
  notChecked: "Niet gecontroleerd.",
  rule: (date: string) =>
    `Tekenen kan alleen door leden van de vergadering van ${date}: aanwezig en zonder belangenverstrengeling.`,
  stillNeeded: (roles: string) => `Nog nodig: ${roles}.`,
  /** Why nobody is offered; `meeting`: the decision was taken in a meeting. */
  nobody: (meeting: boolean) =>
    "Niemand die nu mag tekenen: geen lid in een rol die nog nodig is, dat nog niet heeft getekend, " +
    (meeting ? "aanwezig was bij de vergadering zonder belangenverstrengeling en " : "") +
    "in functie is met een geldige sleutel. Controleer de ledenlijst onder Commissie.",
  toCommittee: "Naar de commissie",
  who: "Wie tekent?",
  fingerprint: "Vingerafdruk van uw sleutel:",
  passphrase: "Uw wachtzin",
  confirms:
    "Met ondertekenen bevestigt u dit besluit met de inhoudshash hierboven. Als alle handtekeningen er zijn, kan niemand het meer wijzigen.",
  sign: "Ondertekenen",
  signed: "De handtekening is vastgelegd.",
};
