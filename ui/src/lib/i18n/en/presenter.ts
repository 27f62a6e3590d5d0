import type { Catalogue } from "../nl";

export const presenter: Catalogue["presenter"] = {
  back: "← Back to the meeting",
  position: (n: number, total: number, area: string) => `Question ${n} of ${total} · ${area}`,
  progress: "Progress per area",
  notStarted: "The discussion has not started yet. Press Enter to start.",
  start: "Start the discussion",
  keys: {
    move: "previous / next",
    verdict: "verdict",
    notes: "notes",
    back: "back",
  },
  loading: "Loading…",
};
