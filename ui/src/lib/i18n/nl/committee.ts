// Commissie: the members who sign, their keys, the approvals a roster change needs and the
// signing policy (views/CommitteePage.svelte, committee/*).
export const committee = {
  title: "Commissie",
  lead: "Wie tekent een besluit, met welke sleutel, en welke handtekeningen zijn nodig.",
  loading: "Even laden…",
  passMismatch: "De twee wachtzinnen zijn niet gelijk.",
  /** After founding: the names of the first chair and secretary, joined with `and`. */
  founded: (names: string) => `De commissie is vastgesteld met ${names}.`,
  and: "en",
  added: (name: string, fingerprint: string) =>
    `${name} staat op de ledenlijst. Vingerafdruk van de sleutel: ${fingerprint}.`,
  policySaved: "Opgeslagen. Dit geldt voor nieuwe besluiten; genomen besluiten houden hun eigen regel.",
  adopted: "De ledenlijst is overgenomen in het ondertekende logboek.",
  exported: (path: string) => `De ledenlijst is opgeslagen: ${path}`,
  adopt: {
    title: "Ledenlijst overnemen",
    text: "Deze ledenlijst is van vóór het ondertekende logboek. Laat de voorzitter en de secretaris de lijst overnemen. Daarna wordt elke wijziging door hen ondertekend.",
    button: "Overnemen",
  },
  members: {
    title: "Leden",
    none: "Er staan nog geen leden op de lijst.",
    name: "Naam",
    role: "Rol",
    fingerprint: "Vingerafdruk sleutel",
    actions: "Acties",
  },
  add: {
    title: "Lid toevoegen",
    name: "Naam",
    role: "Rol",
    pass: "Wachtzin van het nieuwe lid",
    passHelp:
      "Minstens 12 tekens, bijvoorbeeld vier losse woorden. Alleen dit lid kent de wachtzin: AI-toets bewaart hem niet. Vergeten? Dan maken de voorzitter en de secretaris een nieuwe sleutel met ‘Wachtzin kwijt’.",
    repeat: "Wachtzin nog een keer",
    button: "Lid toevoegen",
  },
  policy: {
    title: "Vereiste handtekeningen",
    help: "Een besluit is pas definitief als deze leden hebben getekend. Daarna kan niemand het meer wijzigen.",
    chair: "De voorzitter",
    secretary: "De secretaris",
    others: "Aantal andere leden",
  },
  publish: {
    title: "Ledenlijst publiceren",
    /** Followed by the command that checks the signatures. */
    help: "Publiceer de ledenlijst naast de besluitenlijst. Dan kan een archivaris de handtekeningen controleren met",
    button: "Ledenlijst exporteren",
  },
  approvals: {
    legend: "Goedkeuring",
    help: "Elke wijziging van de ledenlijst wordt ondertekend door de voorzitter en de secretaris. Gaat de wijziging over een van hen, dan keurt een ander lid goed.",
    passOf: (name: string, role: string) => `Wachtzin van ${name} (${role})`,
    other: "Ander lid dat goedkeurt",
    choose: "Kies een lid",
    otherPassOf: (name: string) => `Wachtzin van ${name}`,
    thisMember: "dit lid",
  },
  found: {
    title: "Commissie vaststellen",
    intro:
      "Er staan nog geen leden op de lijst. Begin met de voorzitter en de secretaris. Samen keuren zij daarna elke wijziging van de ledenlijst goed.",
    passHelp:
      "Minstens 12 tekens, bijvoorbeeld vier losse woorden. Alleen deze persoon kent de wachtzin: AI-toets bewaart hem niet.",
    chair: "Voorzitter",
    chairName: "Naam van de voorzitter",
    chairPass: "Wachtzin van de voorzitter",
    chairRepeat: "Wachtzin van de voorzitter nog een keer",
    secretary: "Secretaris",
    secretaryName: "Naam van de secretaris",
    secretaryPass: "Wachtzin van de secretaris",
    secretaryRepeat: "Wachtzin van de secretaris nog een keer",
    button: "Commissie vaststellen",
  },
  member: {
    newMismatch: "De twee nieuwe wachtzinnen zijn niet gelijk.",
    rotated: (name: string, fingerprint: string) =>
      `${name} heeft een nieuwe sleutel (${fingerprint}). Eerdere handtekeningen blijven geldig.`,
    replaced: (name: string, fingerprint: string) =>
      `${name} heeft een nieuwe sleutel (${fingerprint}), goedgekeurd door de voorzitter en de secretaris.`,
    badDateTime: "Vul een geldige datum en tijd in.",
    declared: (name: string, since: string) =>
      `De sleutel van ${name} is gecompromitteerd verklaard. Handtekeningen met deze sleutel vanaf ${since} tellen niet meer.`,
    roleChanged: (name: string, role: string) => `${name} is nu ${role}.`,
    ended: (name: string) => `Het lidmaatschap van ${name} is beëindigd. Eerdere handtekeningen blijven geldig.`,
    noKey: "Geen geldige sleutel",
    allKeys: (n: number) => `Alle sleutels (${n})`,
    validFrom: (from: string) => `geldig vanaf ${from}`,
    validUntil: (until: string) => `tot ${until}`,
    compromisedSince: (since: string) => `gecompromitteerd sinds ${since}`,
    revoked: "ingetrokken",
    rotate: "Nieuwe sleutel",
    lostPass: "Wachtzin kwijt",
    compromised: "Sleutel gecompromitteerd",
    changeRole: "Rol wijzigen",
    end: "Lidmaatschap beëindigen",
    rotateHelp: (name: string) => `${name} maakt zelf een nieuwe sleutel met de huidige wachtzin.`,
    currentPass: "Huidige wachtzin",
    newPass: "Nieuwe wachtzin",
    passHelp: "Minstens 12 tekens, bijvoorbeeld vier losse woorden.",
    newRepeat: "Nieuwe wachtzin nog een keer",
    makeKey: "Nieuwe sleutel maken",
    replaceHelp: (name: string) =>
      `${name} is de wachtzin kwijt. Zij of hij kiest een nieuwe wachtzin; de voorzitter en de secretaris keuren de nieuwe sleutel goed. De oude sleutel tekent daarna niet meer.`,
    newPassOf: (name: string) => `Nieuwe wachtzin van ${name}`,
    /** Around the key's fingerprint: "… van Marieke (AAAA BBBB) kunnen gebruiken? …". */
    compromisedAsk: (name: string) => `Heeft iemand anders de sleutel van ${name}`,
    compromisedAskAfter:
      " kunnen gebruiken? Vanaf het moment hieronder tellen handtekeningen met deze sleutel niet meer.",
    since: "Gecompromitteerd sinds",
    declare: "Sleutel gecompromitteerd verklaren",
    newRoleOf: (name: string) => `Nieuwe rol van ${name}`,
    endHelp: (name: string) => `${name} tekent daarna niet meer. Handtekeningen van vóór het einde blijven geldig.`,
  },
};
