import type { Catalogue } from "../nl";

export const proposal: Catalogue["proposal"] = {};
