import type { Catalogue } from "../nl";

export const reassessment: Catalogue["reassessment"] = {};
