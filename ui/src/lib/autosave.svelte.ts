// Saves on every change, one save at a time, with a short pause for typing. A laptop that
// dies mid-meeting loses at most the last keystrokes of the pause. A save that failed is tried
// again: when the database server was unreachable, each time it answers again (the text stays
// in the field meanwhile); after any other failure once, at the next look at the database,
// and then at the next change.
import { t } from "./i18n";
import { connection, nextAnswer } from "./connection.svelte";

export type SaveState = "idle" | "pending" | "saving" | "saved" | "error" | "waiting";

export class Autosave {
  state = $state<SaveState>("idle");
  private timer: ReturnType<typeof setTimeout> | undefined;
  private chain: Promise<void> = Promise.resolve();
  /** Goes up with every save asked for: a retry of an older one is dropped. */
  private asked = 0;
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

  /** Nothing left to save (the fields took what is stored): no pending save, no retry. */
  reset() {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.asked += 1;
    this.state = "idle";
  }

  /** A change that is complete (a click, leaving a field): save now. */
  now(): Promise<void> {
    return this.run(false);
  }

  private run(retry: boolean): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const mine = ++this.asked;
    this.chain = this.chain.then(async () => {
      this.state = "saving";
      if (await this.save()) {
        this.state = "saved";
        return;
      }
      const unreachable = connection.down;
      this.state = unreachable ? "waiting" : "error";
      // The server is back (or, after another failure, the database answered once more): save
      // what is in the fields then, unless a newer save was asked for meanwhile.
      if (unreachable || !retry)
        void nextAnswer().then(() => {
          if (mine === this.asked && (this.state === "waiting" || this.state === "error")) void this.run(!unreachable);
        });
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
  get waiting() {
    return t().components.saveState.waiting;
  },
};
