import type { Catalogue } from "../nl";

export const framework: Catalogue["framework"] = {};
