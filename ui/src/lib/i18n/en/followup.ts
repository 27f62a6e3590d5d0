import type { Catalogue } from "../nl";

export const followup: Catalogue["followup"] = {};
