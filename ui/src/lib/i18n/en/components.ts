import type { Catalogue } from "../nl";

export const components: Catalogue["components"] = {
  progressMeanwhile: "You can go on working in AI-toets meanwhile.",
  saveState: {
    pending: "Changing…",
    saving: "Saving…",
    saved: "Saved",
    error: "Not saved",
    waiting: "Not saved yet: waiting for the server",
  },
};
