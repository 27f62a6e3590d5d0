import type { Catalogue } from "../nl";

export const committee: Catalogue["committee"] = {};
