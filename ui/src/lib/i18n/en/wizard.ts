import type { Catalogue } from "../nl";

export const wizard: Catalogue["wizard"] = {};
