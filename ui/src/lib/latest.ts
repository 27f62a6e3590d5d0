// Newer replies win. Calls that repeat (the search box, the AI Act wizard while answering, a
// re-read after a vote) can come back out of order; without this, a slow earlier reply would
// overwrite the newer one on the screen.

/** What a superseded call resolves to instead of its reply. */
export const stale: unique symbol = Symbol("stale");
export type Stale = typeof stale;

/**
 * A runner for one kind of repeated call:
 *
 * ```ts
 * const search = latest();
 * const reply = await search(call(commands.searchPilots(q)));
 * if (reply === stale) return; // a newer search has started: its reply counts, not this one
 * ```
 *
 * The reply (or the error) of the newest call passes through unchanged. A call that was
 * overtaken by a newer one resolves to `stale`, also when it failed: the newer call's outcome
 * replaces it. Use it for reads; a write whose error the user must see should not be dropped.
 */
export function latest(): <T>(reply: Promise<T>) => Promise<T | Stale> {
  let newest = 0;
  return <T>(reply: Promise<T>): Promise<T | Stale> => {
    const ticket = ++newest;
    return reply.then(
      (value) => (ticket === newest ? value : stale),
      (error: unknown) => {
        if (ticket === newest) throw error;
        return stale;
      },
    );
  };
}

/**
 * For a record the core versions (a pilot, a meeting: `revision` goes up with every save):
 * whether `next` may replace `current` on the screen. An older revision of the same record,
 * from a reply that arrived late, may not.
 */
export function notOlder<R extends { id: string; revision: number }>(current: R | null | undefined, next: R): boolean {
  return !current || current.id !== next.id || next.revision >= current.revision;
}
