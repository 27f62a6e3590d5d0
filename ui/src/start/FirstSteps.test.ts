import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import FirstSteps from "./FirstSteps.svelte";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";

const fresh = {
  municipality: null,
  suggestedMunicipality: "Gemeente Overbetuwe",
  committeeFounded: false,
  framework: { nl: "Lokaal toetsingskader AI 2026.3", en: "Local AI review framework 2026.3" },
  hasPilots: false,
  done: false,
};

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("the first steps", () => {
  it("guide a new installation, say no one can sign without a committee, and tick off the name", async () => {
    const saved: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "first_steps") return fresh;
      if (cmd === "set_municipality") {
        saved.push(args);
        return { ...fresh, municipality: (args as { name: string }).name };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(FirstSteps);
    await waitFor(() => expect(document.querySelector("[data-first-steps]")).not.toBeNull());
    const committee = document.querySelector("[data-first-step=committee]")!;
    expect(committee.textContent).toContain("Te doen");
    expect(committee.textContent).toContain("kan niemand een besluit ondertekenen");
    const input = document.querySelector("#municipality") as HTMLInputElement;
    expect(input.value).toBe("Gemeente Overbetuwe");
    await fireEvent.input(input, { target: { value: "Gemeente Lingewaard" } });
    await fireEvent.click(document.querySelector("[data-action=save-municipality]")!);
    await waitFor(() =>
      expect(document.querySelector("[data-first-step=municipality]")?.textContent).toContain("Klaar"),
    );
    expect(saved).toEqual([{ name: "Gemeente Lingewaard" }]);
  });

  it("stays out of the way once everything is done", async () => {
    mockIPC((cmd) => {
      if (cmd === "first_steps")
        return { ...fresh, municipality: "X", committeeFounded: true, hasPilots: true, done: true };
      throw new Error(`unexpected ${cmd}`);
    });
    render(FirstSteps);
    await new Promise((r) => setTimeout(r, 20));
    expect(document.querySelector("[data-first-steps]")).toBeNull();
  });
});

describe("the first steps in English", () => {
  it("show no Dutch of their own, steps to do and steps done", async () => {
    mockIPC((cmd) => {
      if (cmd === "first_steps")
        return {
          ...fresh,
          suggestedMunicipality: "Overbetuwe",
          framework: { nl: "Lokaal toetsingskader AI 2026.3", en: "Local AI framework 2026.3" },
          hasPilots: true,
        };
      throw new Error(`unexpected ${cmd}`);
    });
    showLanguage("en");
    try {
      const { container } = render(FirstSteps);
      await waitFor(() => expect(document.querySelector("[data-first-steps]")).not.toBeNull());
      expect(container.textContent).toContain("Without a committee, no one can sign a decision.");
      expect(dutchOnScreen(container)).toEqual([]);
    } finally {
      showLanguage("nl");
    }
  });
});
