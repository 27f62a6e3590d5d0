// The transfer package being made: written and checked in Rust while the window goes on
// (lib/progress), so leaving the Archief screen and coming back shows how far it is.
import type { PeriodRequest, TransferResult } from "../lib/bindings";
import { commands } from "../lib/ipc";
import { withProgress } from "../lib/progress.svelte";

const transfer = withProgress<TransferResult>();

/** busy, progress, result (the package written and its check), failure. */
export const transferring = transfer.state;

/** Asks Rust for the new folder (its dialog), then to write and check the package there. */
export function exportTransfer(request: PeriodRequest, official: string): Promise<void> {
  return transfer.start((onProgress) => commands.exportTransferPackage(request, official, onProgress));
}
