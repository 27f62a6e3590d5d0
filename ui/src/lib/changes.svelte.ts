// Live refresh. Several windows, on several machines, can work on the same data (a shared
// server, issue 17). Every write by any of them adds one entry to the audit trail, so a new
// head means "something changed". While the window is visible this asks for the head every
// few seconds (started once, from App.svelte); when it moved, `changes.seen` goes up and the
// screens that show stored data read it again (onChange). A write by this window moves the
// head too: that reload is harmless, because forms keep what is typed in them (holdEdits).
import { onDestroy, untrack } from "svelte";
import { call, commands } from "./ipc";
import { answered, connection } from "./connection.svelte";

/** Goes up once per change seen (and after a switch to other data). */
export const changes = $state<{ seen: number }>({ seen: 0 });

/** The head at the last successful look; null before the first. */
let lastHead: string | null = null;
let looking = false;

/** The screens should read the stored data again (after a switch to another database). */
export function refreshAll(): void {
  changes.seen += 1;
}

/** Reads the audit trail's head once; a different one than last time is a change. Quiet on
 * errors: an unreachable server is marked by `call` (the banner), anything else waits for the
 * next look. */
export async function look(): Promise<void> {
  if (looking) return;
  looking = true;
  try {
    const checkpoint = await call(commands.auditHead());
    const wasDown = connection.down;
    answered();
    const head = `${checkpoint?.entries}:${checkpoint?.head}`;
    // Back after the server was unreachable: what failed to load meanwhile is read again.
    if ((lastHead !== null && head !== lastHead) || wasDown) refreshAll();
    lastHead = head;
  } catch {
    // Nothing to show: the next look tries again.
  } finally {
    looking = false;
  }
}

/** Looks now and then every `every` ms while the window is visible, and at once when it is
 * shown again; returns the stop. */
export function watchChanges(every = 3000): () => void {
  const visible = () => typeof document === "undefined" || document.visibilityState === "visible";
  const tick = () => {
    if (visible()) void look();
  };
  tick();
  const timer = setInterval(tick, every);
  document.addEventListener("visibilitychange", tick);
  return () => {
    clearInterval(timer);
    document.removeEventListener("visibilitychange", tick);
  };
}

/** For tests: forget the head seen, as at start. */
export function forgetHead(): void {
  lastHead = null;
  looking = false;
}

/**
 * In a component that shows stored data: runs `reload` after every change seen (not at
 * once: the component reads its data itself when it opens).
 */
export function onChange(reload: () => void): void {
  let seen = untrack(() => changes.seen);
  $effect(() => {
    const now = changes.seen;
    if (now === seen) return;
    seen = now;
    untrack(reload);
  });
}

// Forms that hold what a person typed and has not saved yet. A screen asks before it opens a
// part afresh for data changed elsewhere (which would start its form from the stored data).
// (Not reactive: it is asked, never watched.)
let holders: (() => boolean)[] = [];

/** In a form component: `unsaved` says whether it holds typed work not saved yet. */
export function holdEdits(unsaved: () => boolean): void {
  holders.push(unsaved);
  onDestroy(() => (holders = holders.filter((h) => h !== unsaved)));
}

/** Whether a text field (input, textarea, select) inside `root` (the whole page when absent)
 * has the focus: someone is typing there. */
export function typingIn(root?: Element | null): boolean {
  if (typeof document === "undefined") return false;
  const el = document.activeElement;
  if (!el || (root && !root.contains(el))) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  return el instanceof HTMLInputElement && !["button", "submit", "reset", "checkbox", "radio"].includes(el.type);
}

/** Whether any form holds unsaved typed work, or a text field has the focus. */
export function editsHeld(): boolean {
  return typingIn() || holders.some((unsaved) => unsaved());
}

/** The same data, whatever the order of an object's keys and leaving out absent values: for
 * "is the form still as it was stored". */
export function sameData(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)))
      : v,
  );
}
