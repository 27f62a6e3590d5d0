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
    onServer: "The data is on a shared server; the server's administrator makes the backups.",
  },
  database: {
    title: "Database",
    why: "When the committee works on several computers at once, the data can be on a shared server (PostgreSQL). Everyone then sees the same data.",
    nowFile: "The data is on this computer, in the file:",
    nowServer: "The data is on a shared server:",
    fromEnvironment:
      "This place is set with AI_TOETS_DATABASE on this computer. That is why you cannot change it here. Ask your administrator.",
    choice: "Where should the data be?",
    onComputer: "On this computer",
    onServer: "On a shared server (PostgreSQL)",
    address: "Server address",
    addressHelp:
      "For example postgres://name@server.example.org/aitoets. The password is not in the address but in your pgpass file (see the manual). The server's administrator sets up the database for AI-toets.",
    connect: "Connect",
    connecting: "Connecting…",
    connected: (shown: string) => `AI-toets now works with the data on the server ${shown}.`,
    move: "Move my data to this server",
    moveTitle: "Move the data to the server?",
    moveCopies: (address: string) =>
      `AI-toets copies all data into the empty database at ${address} and then checks everything.`,
    moveKeepsFile: "The file on this computer stays as it was.",
    moveKeepsServer: "The data on the current server stays as it was.",
    moveThen: "From then on AI-toets works with the data on the server.",
    moveAlone: "Let nobody else work in AI-toets while the move takes place.",
    moveConfirm: "Yes, move",
    cancel: "Cancel",
    moving: "Moving and checking…",
    moved: (entries: number, shown: string) =>
      `The data was moved: ${entries} audit trail entries, and all data was checked. AI-toets now works with the data at ${shown}.`,
    backTitle: "Back to this computer",
    backText: (file: string) =>
      `AI-toets then works with the file ${file} again. What was done on the server is not in that file: it stays on the server.`,
    back: "Back to this computer",
    backDone: (file: string) => `AI-toets now works with the file on this computer: ${file}.`,
    alreadyFile: "The data is on this computer already.",
    loadFailed: "It is not known where the data is: ",
    connectFailed: "Connecting: ",
    moveFailed: "Moving: ",
    backFailed: "Back to this computer: ",
  },
};
