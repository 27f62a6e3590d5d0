// Presentatie: one review question at a time, in large type, for the projector.
export const presenter = {
  back: "← Terug naar de vergadering",
  position: (n: number, total: number, area: string) => `Vraag ${n} van ${total} · ${area}`,
  progress: "Voortgang per thema",
  notStarted: "De bespreking is nog niet begonnen. Druk op Enter om te beginnen.",
  start: "Bespreking starten",
  /** The line with the keys: after ← →, after 1–4, after N, after Esc. */
  keys: {
    move: "vorige / volgende",
    verdict: "oordeel",
    notes: "toelichting",
    back: "terug",
  },
  loading: "Even laden…",
};
