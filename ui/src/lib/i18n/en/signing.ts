import type { Catalogue } from "../nl";

export const signing: Catalogue["signing"] = {};
