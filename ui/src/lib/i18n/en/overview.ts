import type { Catalogue } from "../nl";

export const overview: Catalogue["overview"] = {
  checkFailed: "The check on open failed: ",
};
