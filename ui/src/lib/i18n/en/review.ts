import type { Catalogue } from "../nl";

export const review: Catalogue["review"] = {};
