import type { Catalogue } from "../nl";

export const settings: Catalogue["settings"] = {
  title: "Settings",
  backup: {
    title: "Backup",
    why: "All of AI-toets's data is in one file on this laptop. If the laptop breaks or is lost, every decision is gone, unless there is a backup.",
    whereTo: "Put the backup on a USB stick or a network drive, not only on this laptop.",
    database: "The data is in:",
    none: "No backup of this data has been made yet.",
    made: (when: string, entries: number) => `Last backup: ${when}, with ${entries} audit trail entries.`,
    restored: (when: string, entries: number) =>
      `Restored from a backup on ${when}, with ${entries} audit trail entries.`,
    file: "File:",
    make: "Make a backup",
    making: "Making the backup and checking it…",
    madeNow: (file: string) => `The backup was made and checked: ${file}`,
    restore: "Restore a backup",
    confirmTitle: "Restore a backup?",
    confirmReplaces:
      "Restoring replaces all data in AI-toets with the backup's. Whatever was done after that backup is then no longer in AI-toets.",
    confirmChecked: "AI-toets checks the backup in full first. If anything is wrong with it, nothing changes.",
    confirmKept: (database: string) =>
      `The current file is kept under a new name (with “vervangen” and the moment in it), in the same folder as ${database}.`,
    confirm: "Yes, choose a backup and restore it",
    cancel: "Cancel",
    restoring: "Checking and restoring…",
    restoredNow: (from: string, entries: number) =>
      `The backup was restored: ${from} (${entries} audit trail entries). Every screen now shows the backup's data.`,
    keptAt: (path: string) => `The replaced file is at ${path}.`,
    makeFailed: "Making a backup: ",
    restoreFailed: "Restoring: ",
    statusFailed: "It is not known when the last backup was: ",
    reminder: "There is no backup of the last signed decision. Make a backup.",
    lastSigned: (when: string) => `Last signed: ${when}.`,
    toSettings: "Go to Settings",
  },
};
