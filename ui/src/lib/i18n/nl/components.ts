// The building blocks' own words: the progress bar and the autosave state.
export const components = {
  progressMeanwhile: "U kunt intussen verder werken in AI-toets.",
  /** The autosave's state beside a field ("idle" shows nothing). */
  saveState: {
    pending: "Wijziging…",
    saving: "Opslaan…",
    saved: "Opgeslagen",
    error: "Niet opgeslagen",
    /** The server did not answer: saved as soon as it does. */
    waiting: "Nog niet opgeslagen: wacht op de server",
  },
};
