import type { Catalogue } from "../nl";

export const start: Catalogue["start"] = {};
