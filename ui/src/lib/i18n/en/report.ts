import type { Catalogue } from "../nl";

export const report: Catalogue["report"] = {
  adoptedUnreadable: "The adopted reports could not be read: ",
};
