// Whether the database server answers. A command that fails with kind `unreachable` (the
// shared PostgreSQL server did not answer; nothing was half saved) marks it down, and the
// banner at the top of the app says so; the next time the audit trail's head is read
// (lib/changes.svelte.ts asks every few seconds) marks it up again. Kept apart from
// changes.svelte.ts so that lib/ipc.ts, which every command goes through, can mark it
// without an import cycle.

export const connection = $state<{ down: boolean }>({ down: false });

let waiting: (() => void)[] = [];

/** A command found the server unreachable. */
export function markUnreachable(): void {
  connection.down = true;
}

/** The database answered (the head was read): the banner goes, and what waited on it goes on. */
export function answered(): void {
  connection.down = false;
  const now = waiting;
  waiting = [];
  for (const go of now) go();
}

/** Resolves the next time the database answers (after a failed save: the moment to try again). */
export function nextAnswer(): Promise<void> {
  return new Promise((resolve) => waiting.push(resolve));
}
