import type { Catalogue } from "../nl";

export const decision: Catalogue["decision"] = {};
