import type { Catalogue } from "../nl";

export const components: Catalogue["components"] = {};
