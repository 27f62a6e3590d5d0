import type { Catalogue } from "../nl";

export const meetings: Catalogue["meetings"] = {};
