import type { Catalogue } from "../nl";

export const attachments: Catalogue["attachments"] = {};
