import type { Catalogue } from "../nl";

export const archive: Catalogue["archive"] = {
  decisionsUnreadable: "The decisions could not be read: ",
  notMade: "The package was not made: ",
};
