// The project lead's proposal: the new-proposal page, the form, and starting from a register
// file.
export const proposal = {
  allPilots: "← Alle pilots",
  newTitle: "Nieuw voorstel",
  fields: {
    title: { label: "Naam van de pilot", help: "Een korte naam, bijvoorbeeld: Chatbot voor vragen over afval." },
    projectLead: { label: "Projectleider", help: "Wie is het aanspreekpunt voor de commissie?" },
    department: { label: "Afdeling", help: "Bij welke afdeling of welk team hoort de pilot?" },
    description: {
      label: "Omschrijving",
      help: "Wat doet de AI, en voor wie? Schrijf het zo dat een inwoner het begrijpt.",
    },
    purpose: { label: "Doel", help: "Welk probleem lost de pilot op, en hoe ziet u dat het werkt?" },
    dataUsed: {
      label: "Gegevens",
      help: "Welke gegevens gebruikt de pilot? Noem ook persoonsgegevens, zoals namen of chatberichten.",
    },
  },
  savedNotSubmitted: "Het concept is opgeslagen, maar nog niet ingediend. Vul aan wat ontbreekt en dien het dan in.",
  submitted: "Het voorstel is ingediend bij de commissie.",
  draftSaved: "Het concept is opgeslagen.",
  reviewStarted: "De commissie heeft het voorstel in behandeling genomen.",
  exported: (path: string) =>
    `Het voorstel is opgeslagen: ${path}. Stuur dit bestand naar de secretaris van de commissie.`,
  locked: "Dit voorstel is ingediend. Het kan niet meer worden aangepast.",
  choose: "Kies…",
  wizardTitle: "Beslishulp AI-verordening",
  wizardHelp:
    "Beantwoord de vragen zo goed als u kunt. De uitkomst verandert mee met elk antwoord, en u ziet waarom. Met deze antwoorden kiest AI-toets ook welke toetsvragen voor de pilot gelden.",
  answersTitle: "Antwoorden per toetsvraag",
  answersHelp:
    "Niet verplicht, wel handig: de commissie ziet uw antwoord en het bewijs naast elke vraag. Vragen die volgens uw antwoorden hierboven niet gelden, staan er niet bij (sla eerst op na een wijziging).",
  answered: (done: number, total: number) => `(${done}/${total} beantwoord)`,
  evidenceAsked: (evidence: string) => `Gevraagd bewijs: ${evidence}`,
  evidenceFor: (question: string) => `Bewijs bij: ${question}`,
  evidencePlaceholder: "Bewijs (bijvoorbeeld de naam van een bijlage)",
  saveDraft: "Opslaan als concept",
  changedElsewhere:
    "Iemand anders heeft dit voorstel intussen opgeslagen. Wat u typte staat nog in het formulier en is niet opgeslagen. Kies welke versie blijft.",
  theirVersion: "In hun versie staat:",
  theirOtherAnswers: "Het verschil zit in de beslishulp, de aanvullende gegevens of de antwoorden per toetsvraag.",
  keepMine: "Mijn versie opslaan",
  takeTheirs: "Hun versie overnemen",
  submit: "Indienen bij de commissie",
  export: "Voorstel exporteren…",
  startReview: "In behandeling nemen",
  register: {
    title: "Start uit het Algoritmeregister",
    entries: (n: number) => `Dit bestand bevat ${n} registraties. Kies de registratie waarmee u het voorstel begint.`,
    readFirst:
      "Lees dit voordat u het voorstel start. Wat hieronder staat, komt niet (of niet helemaal) in het voorstel. Neem over wat u nodig heeft.",
    shortened: "Ingekort:",
    shortenedText: (label: string, into: string) =>
      `${label} past niet helemaal in ‘${into}’ en is ingekort bij een woordgrens. De hele tekst:`,
    notImported: "Niet overgenomen:",
    nothingLeftOut: "Alles uit deze registratie staat in het voorstel.",
    busy: "Bezig…",
    start: "Voorstel starten",
  },
};
