import type { Catalogue } from "../nl";

export const presenter: Catalogue["presenter"] = {};
