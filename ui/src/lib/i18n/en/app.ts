import type { Catalogue } from "../nl";

export const app: Catalogue["app"] = {
  brand: "AI-toets",
  subtitle: "Review of AI pilots by the ethics committee",
  mainMenu: "Main menu",
  unreachable:
    "The database server cannot be reached. Nothing was half saved; what you typed stays where it is. AI-toets keeps trying.",
  nav: {
    pilots: "Pilots",
    meetings: "Meetings",
    committee: "Committee",
    framework: "Review framework",
    dashboard: "Dashboard",
    archive: "Archive",
    settings: "Settings",
  },
  language: {
    label: "Language",
    switchTo: "Nederlands",
    switchHint: "Show every screen in Dutch",
    failed: "The language could not be saved: ",
  },
};
