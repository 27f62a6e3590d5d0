// The first steps on a new installation.
export const start = {
  title: "Eerste stappen",
  done: "Klaar",
  todo: "Te doen",
  municipality: "Naam van de gemeente",
  municipalityIs: "Naam van de gemeente:",
  committeeDone: "De commissie is opgericht; voorzitter en secretaris hebben een sleutel.",
  committeeTodo: "Richt de commissie op: de voorzitter en de secretaris kiezen elk een wachtzin voor hun sleutel.",
  committeeWhy: "Zonder commissie kan niemand een besluit ondertekenen.",
  goCommittee: "Naar de commissie",
  framework: (name: string) => `Toetsingskader in gebruik: ${name}.`,
  noFramework: "geen",
  view: "Bekijken",
  proposal:
    "Een eerste voorstel: maak een nieuw voorstel, of importeer een voorstelbestand of een registratie uit het Algoritmeregister (knoppen hierboven).",
};
