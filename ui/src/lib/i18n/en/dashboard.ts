import type { Catalogue } from "../nl";

export const dashboard: Catalogue["dashboard"] = {};
