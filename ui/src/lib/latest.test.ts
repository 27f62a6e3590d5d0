import { describe, expect, it } from "vitest";
import { latest, notOlder, stale } from "./latest";

/** A promise settled by hand, to decide which reply comes back first. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("latest", () => {
  it("lets a newer call win over a slower earlier one", async () => {
    const run = latest();
    const slow = deferred<string>();
    const fast = deferred<string>();
    const first = run(slow.promise);
    const second = run(fast.promise);
    fast.resolve("new");
    expect(await second).toBe("new");
    slow.resolve("old");
    expect(await first).toBe(stale);
  });

  it("passes the newest call's reply and error through unchanged", async () => {
    const run = latest();
    expect(await run(Promise.resolve(1))).toBe(1);
    await expect(run(Promise.reject(new Error("kapot")))).rejects.toThrow("kapot");
  });

  it("drops the error of a call that a newer one overtook", async () => {
    const run = latest();
    const slow = deferred<string>();
    const first = run(slow.promise);
    const second = run(Promise.resolve("new"));
    slow.reject(new Error("te laat"));
    expect(await first).toBe(stale);
    expect(await second).toBe("new");
  });

  it("keeps runners apart", async () => {
    const a = latest();
    const b = latest();
    const slow = deferred<number>();
    const fromA = a(slow.promise);
    expect(await b(Promise.resolve(2))).toBe(2);
    slow.resolve(1);
    expect(await fromA).toBe(1);
  });
});

describe("notOlder", () => {
  it("refuses an older revision of the same record, and nothing else", () => {
    const at = (revision: number, id = "p") => ({ id, revision });
    expect(notOlder(null, at(1))).toBe(true);
    expect(notOlder(at(3), at(4))).toBe(true);
    expect(notOlder(at(3), at(3))).toBe(true);
    expect(notOlder(at(3), at(2))).toBe(false);
    expect(notOlder(at(3), at(1, "q"))).toBe(true);
  });
});
