// A command that works a while in Rust and tells the window how far it is on a Channel (the
// yearly report, the transfer package). Its state lives outside the component that starts it:
// the work goes on in Rust while the window goes on, so whoever leaves the screen and comes
// back still sees how far it is (and cannot start the same work twice by accident).
import { Channel } from "@tauri-apps/api/core";
import type { AppError, Progress } from "./bindings";
import { call, errorOf, type CommandError } from "./ipc";

type Reply<T> = Promise<{ status: "ok"; data: T } | { status: "error"; error: AppError }>;

export type Running<T> = {
  busy: boolean;
  /** The last step Rust reported; null until the dialog is answered. */
  progress: Progress | null;
  /** The answer of the last run; null before the first and when its dialog was cancelled. */
  result: T | null;
  failure: CommandError | null;
};

/**
 * One kind of long command:
 *
 * ```ts
 * const report = withProgress<string>();
 * report.start((onProgress) => commands.exportYearlyReport(request, file, onProgress));
 * // report.state.busy, .progress, .result, .failure
 * ```
 */
export function withProgress<T>(): {
  state: Running<T>;
  start: (command: (onProgress: Channel<Progress>) => Reply<T | null>) => Promise<void>;
} {
  const state = $state<Running<T>>({ busy: false, progress: null, result: null, failure: null });
  // Which run a progress message belongs to: one that arrives after its run ended is dropped.
  let run = 0;

  async function start(command: (onProgress: Channel<Progress>) => Reply<T | null>): Promise<void> {
    if (state.busy) return;
    const mine = ++run;
    state.busy = true;
    state.progress = null;
    state.result = null;
    state.failure = null;
    const onProgress = new Channel<Progress>((p) => {
      if (mine === run && state.busy) state.progress = p;
    });
    try {
      state.result = await call(command(onProgress));
    } catch (e) {
      state.failure = errorOf(e);
    } finally {
      state.busy = false;
      state.progress = null;
    }
  }

  return { state, start };
}
