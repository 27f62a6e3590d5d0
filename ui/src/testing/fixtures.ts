// Shared by the screens' tests: the core's answers the tests build on, in one place.
import type { Conclusion } from "../lib/bindings";

/** The AI Act wizard's conclusion before any answer: nothing asked, class minimal. */
export const openConclusion: Conclusion = {
  wizardVersion: "t",
  complete: false,
  asked: [],
  open: [],
  setAside: [],
  decidingUnknowns: [],
  datesVersion: "t",
  class: "minimal",
  transparency: false,
  role: null,
  duties: [],
  instruments: [],
  reasons: [],
};
