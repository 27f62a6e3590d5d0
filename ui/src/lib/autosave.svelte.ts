// Saves on every change, one save at a time, with a short pause for typing. A laptop that
// dies mid-meeting loses at most the last keystrokes of the pause.
import { t } from "./i18n";

export type SaveState = "idle" | "pending" | "saving" | "saved" | "error";

export class Autosave {
  state = $state<SaveState>("idle");
  private timer: ReturnType<typeof setTimeout> | undefined;
  private chain: Promise<void> = Promise.resolve();
  private readonly save: () => Promise<boolean>;
  private readonly delay: number;

  /** `save` returns whether it succeeded; it reports its own error. */
  constructor(save: () => Promise<boolean>, delay = 350) {
    this.save = save;
    this.delay = delay;
  }

  /** A change that may be followed by more (typing): save after a short pause. */
  soon() {
    this.state = "pending";
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.now(), this.delay);
  }

  /** A change that is complete (a click, leaving a field): save now. */
  now(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.chain = this.chain.then(async () => {
      this.state = "saving";
      this.state = (await this.save()) ? "saved" : "error";
    });
    return this.chain;
  }
}

/** The state in words, in the language chosen when it is read (so a switch repaints it). */
export const saveStateLabel: Readonly<Record<SaveState, string>> = {
  get idle() {
    return "";
  },
  get pending() {
    return t().components.saveState.pending;
  },
  get saving() {
    return t().components.saveState.saving;
  },
  get saved() {
    return t().components.saveState.saved;
  },
  get error() {
    return t().components.saveState.error;
  },
};
