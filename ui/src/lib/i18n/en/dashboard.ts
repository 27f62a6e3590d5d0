import type { Catalogue } from "../nl";

export const dashboard: Catalogue["dashboard"] = {
  title: "Dashboard",
  loading: "Loading…",
  standOn: (date: string) => `As of ${date}`,
  compared: "Beside each figure is the figure for the same period a year earlier.",
  keyFigures: "Key figures",
  quarters: "Decisions per quarter",
  classes: "Decisions per risk class (AI Act)",
  classesShort: "Decisions per risk class",
  categories: "Decisions per category in the Algorithm Register",
  categoriesShort: "Decisions per category",
  heat: "Verdicts per area of the review framework",
  heatEmpty: "There are no decisions with verdicts this year yet.",
  heatHelp:
    "The number is the number of verdicts. The darker the cell, the larger its share of the verdicts in that row.",
  followUp: "Follow-up and transparency",
  conditions: "Conditions",
  monitoring: "Monitoring and re-assessment",
  transparency: "Transparency (Algorithm Register)",
};
