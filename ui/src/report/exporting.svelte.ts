// The yearly report being saved. Kept outside the component: the report is made in Rust while
// the window goes on, so whoever leaves the dashboard and comes back still sees how far it is
// (and cannot start the same export twice by accident).
import { Channel } from "@tauri-apps/api/core";
import type { PeriodRequest, Progress, ReportFile } from "../lib/bindings";
import { call, commands, errorOf, type CommandError } from "../lib/ipc";

export const exporting = $state<{
  busy: boolean;
  /** The last step Rust reported, null until the save dialog is answered. */
  progress: Progress | null;
  /** Where the last report was saved. */
  savedTo: string;
  failure: CommandError | null;
}>({ busy: false, progress: null, savedTo: "", failure: null });

// Which export a progress message belongs to: one that arrives after its export ended is dropped.
let run = 0;

/** Asks Rust to save the report (Rust opens the save dialog); a cancelled dialog leaves nothing. */
export async function exportReport(request: PeriodRequest, file: ReportFile): Promise<void> {
  if (exporting.busy) return;
  const mine = ++run;
  exporting.busy = true;
  exporting.progress = null;
  exporting.savedTo = "";
  exporting.failure = null;
  const onProgress = new Channel<Progress>((p) => {
    if (mine === run && exporting.busy) exporting.progress = p;
  });
  try {
    exporting.savedTo = (await call(commands.exportYearlyReport(request, file, onProgress))) ?? "";
  } catch (e) {
    exporting.failure = errorOf(e);
  } finally {
    exporting.busy = false;
    exporting.progress = null;
  }
}
