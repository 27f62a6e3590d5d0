import type { Catalogue } from "../nl";

export const exportPanel: Catalogue["exportPanel"] = {};
