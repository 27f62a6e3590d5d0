// The app bar, the main menu and the language switch.
export const app = {
  brand: "AI-toets",
  subtitle: "Toetsing van AI-pilots door de ethische commissie",
  mainMenu: "Hoofdmenu",
  /** The banner while the shared database server does not answer. */
  unreachable:
    "De databaseserver is niet bereikbaar. Er is niets half opgeslagen; wat u typte blijft staan. AI-toets probeert het opnieuw.",
  nav: {
    pilots: "Pilots",
    meetings: "Vergaderingen",
    committee: "Commissie",
    framework: "Toetsingskader",
    dashboard: "Dashboard",
    archive: "Archief",
    settings: "Instellingen",
  },
  language: {
    label: "Taal",
    /** The switch names the other language, in that language. */
    switchTo: "English",
    switchHint: "Toon alle schermen in het Engels",
    failed: "De taal kon niet worden bewaard: ",
  },
};
