// The yearly report being saved: made in Rust while the window goes on (lib/progress).
import type { PeriodRequest, ReportFile } from "../lib/bindings";
import { commands } from "../lib/ipc";
import { withProgress } from "../lib/progress.svelte";

const report = withProgress<string>();

/** busy, progress, result (where the last report was saved), failure. */
export const exporting = report.state;

/** Asks Rust to save the report (Rust opens the save dialog); a cancelled dialog leaves nothing. */
export function exportReport(request: PeriodRequest, file: ReportFile): Promise<void> {
  return report.start((onProgress) => commands.exportYearlyReport(request, file, onProgress));
}
