import type { Catalogue } from "../nl";

export const pilot: Catalogue["pilot"] = {};
