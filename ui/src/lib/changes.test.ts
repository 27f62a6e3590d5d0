import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, render } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { changes, forgetHead, sameData, watchChanges } from "./changes.svelte";
import { connection } from "./connection.svelte";
import { Autosave } from "./autosave.svelte";
import { call, commands } from "./ipc";
import { go } from "./nav.svelte";
import { showLanguage } from "./i18n";
import App from "../App.svelte";

const unreachable = {
  kind: "unreachable",
  message: "De databaseserver db.overbetuwe.nl antwoordt niet.",
  messageEn: "The database server db.overbetuwe.nl does not answer.",
  fields: [],
};

/** Which window state the page is in; jsdom says "visible" unless told. */
function showWindow(state: "visible" | "hidden") {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
  document.dispatchEvent(new Event("visibilitychange"));
}

let stop: () => void = () => {};

/** Waits (in real time: only the polling's interval is fake) until `check` passes. */
async function until(check: () => void, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

beforeEach(() => {
  // Only the polling's interval is fake: the replies (promises) and the rest run as they do.
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
  forgetHead();
  connection.down = false;
});

afterEach(() => {
  stop();
  stop = () => {};
  cleanup();
  clearMocks();
  vi.useRealTimers();
  showWindow("visible");
  connection.down = false;
  showLanguage("nl");
});

describe("the look at the audit trail", () => {
  it("asks for the head at once and every 3 seconds, and counts a change only when the head moved", async () => {
    let head = "aa";
    const asked: string[] = [];
    mockIPC((cmd) => {
      asked.push(cmd);
      if (cmd === "audit_head") return { entries: 10, head };
      throw new Error(`unexpected ${cmd}`);
    });
    const before = changes.seen;
    stop = watchChanges();
    await until(() => expect(asked).toHaveLength(1));
    // The first head is where it starts: no change yet.
    expect(changes.seen).toBe(before);
    await vi.advanceTimersByTimeAsync(2999);
    expect(asked).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => expect(asked).toHaveLength(2));
    expect(changes.seen).toBe(before);

    head = "bb";
    await vi.advanceTimersByTimeAsync(3000);
    await until(() => expect(changes.seen).toBe(before + 1));
    await vi.advanceTimersByTimeAsync(3000);
    await until(() => expect(asked).toHaveLength(4));
    expect(changes.seen).toBe(before + 1);
    expect(asked.every((c) => c === "audit_head")).toBe(true);
  });

  it("does not ask while the window is hidden, and asks at once when it is shown again", async () => {
    let head = "aa";
    let asked = 0;
    mockIPC((cmd) => {
      if (cmd !== "audit_head") throw new Error(`unexpected ${cmd}`);
      asked += 1;
      return { entries: 1, head };
    });
    const before = changes.seen;
    stop = watchChanges();
    await until(() => expect(asked).toBe(1));
    showWindow("hidden");
    head = "bb";
    await vi.advanceTimersByTimeAsync(30_000);
    expect(asked).toBe(1);
    showWindow("visible");
    await until(() => expect(asked).toBe(2));
    await until(() => expect(changes.seen).toBe(before + 1));
  });

  it("stays quiet on a failed look, and marks an unreachable server until a look succeeds", async () => {
    let reply: "fails" | "unreachable" | "ok" = "fails";
    mockIPC((cmd) => {
      if (cmd !== "audit_head") throw new Error(`unexpected ${cmd}`);
      if (reply === "fails") throw { kind: "storage", message: "Op slot.", messageEn: "Locked.", fields: [] };
      if (reply === "unreachable") throw unreachable;
      return { entries: 1, head: "aa" };
    });
    stop = watchChanges();
    await new Promise((r) => setTimeout(r, 30));
    expect(connection.down).toBe(false);
    reply = "unreachable";
    await vi.advanceTimersByTimeAsync(3000);
    await until(() => expect(connection.down).toBe(true));
    reply = "ok";
    const before = changes.seen;
    await vi.advanceTimersByTimeAsync(3000);
    await until(() => expect(connection.down).toBe(false));
    // Back: what failed to load meanwhile is read again.
    expect(changes.seen).toBe(before + 1);
  });

  it("marks the server unreachable when any command finds it so", async () => {
    mockIPC(() => {
      throw unreachable;
    });
    await expect(call(commands.listPilots())).rejects.toThrow(unreachable.message);
    expect(connection.down).toBe(true);
  });
});

describe("the banner", () => {
  it("appears once, calmly, when the server is unreachable, and goes by itself when it answers again", async () => {
    let down = true;
    mockIPC((cmd) => {
      if (cmd === "audit_head") {
        if (down) throw unreachable;
        return { entries: 3, head: "cc" };
      }
      if (cmd === "list_pilots") {
        if (down) throw unreachable;
        return [];
      }
      throw new Error(`not needed here: ${cmd}`);
    });
    go({ name: "overview" });
    render(App);
    const banner = () => document.querySelector("[data-unreachable]");
    await until(() => expect(banner()).not.toBeNull());
    expect(banner()!.textContent).toBe(
      "De databaseserver is niet bereikbaar. Er is niets half opgeslagen; wat u typte blijft staan. AI-toets probeert het opnieuw.",
    );
    // A status, not an alert, and only one of it, whatever failed meanwhile.
    expect(banner()!.closest("[role=status]")).not.toBeNull();
    expect(banner()!.closest("[role=alert]")).toBeNull();
    expect(document.querySelectorAll("[data-unreachable]")).toHaveLength(1);

    down = false;
    await vi.advanceTimersByTimeAsync(3000);
    await until(() => expect(banner()).toBeNull());
    // The overview that could not load reads its list again once the server answers.
    await until(() => expect(document.querySelector(".empty")).not.toBeNull());
  });

  it("speaks English when English is chosen", async () => {
    showLanguage("en");
    mockIPC((cmd) => {
      if (cmd === "audit_head") throw unreachable;
      if (cmd === "list_pilots") return [];
      throw new Error(`not needed here: ${cmd}`);
    });
    go({ name: "overview" });
    render(App);
    await until(() => expect(document.querySelector("[data-unreachable]")).not.toBeNull());
    expect(document.querySelector("[data-unreachable]")!.textContent).toBe(
      "The database server cannot be reached. Nothing was half saved; what you typed stays where it is. AI-toets keeps trying.",
    );
  });
});

describe("the autosave after a failure", () => {
  it("waits for an unreachable server and saves what is in the field when it answers, once", async () => {
    let down = true;
    let head = "aa";
    const saved: string[] = [];
    mockIPC((cmd) => {
      if (cmd === "audit_head") {
        if (down) throw unreachable;
        return { entries: 1, head };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    let text = "eerste";
    const autosave = new Autosave(async () => {
      if (down) {
        await call(commands.auditHead()).catch(() => {});
        return false;
      }
      saved.push(text);
      return true;
    }, 10);
    stop = watchChanges();
    await autosave.now();
    expect(autosave.state).toBe("waiting");
    expect(saved).toEqual([]);
    // Typed on meanwhile: the retry saves what is in the field then.
    text = "eerste en tweede";
    down = false;
    head = "bb";
    await vi.advanceTimersByTimeAsync(3000);
    await until(() => expect(autosave.state).toBe("saved"));
    expect(saved).toEqual(["eerste en tweede"]);
    await vi.advanceTimersByTimeAsync(6000);
    expect(saved).toEqual(["eerste en tweede"]);
  });

  it("tries once more after another failure, at the next look, and then waits for the next change", async () => {
    mockIPC((cmd) => {
      if (cmd === "audit_head") return { entries: 1, head: "aa" };
      throw new Error(`unexpected ${cmd}`);
    });
    let tries = 0;
    const autosave = new Autosave(async () => {
      tries += 1;
      return false;
    }, 10);
    stop = watchChanges();
    await until(() => expect(connection.down).toBe(false));
    await autosave.now();
    expect(autosave.state).toBe("error");
    await vi.advanceTimersByTimeAsync(3000);
    await until(() => expect(tries).toBe(2));
    await vi.advanceTimersByTimeAsync(9000);
    expect(tries).toBe(2);
    expect(autosave.state).toBe("error");
  });
});

describe("sameData", () => {
  it("ignores the order of keys and absent values, and sees every other difference", () => {
    expect(sameData({ a: 1, b: { c: "x", d: undefined } }, { b: { c: "x" }, a: 1 })).toBe(true);
    expect(sameData({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameData({ a: "" }, { a: null })).toBe(false);
  });
});
