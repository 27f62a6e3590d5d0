import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import Overview from "./Overview.svelte";

const pilot = (n: number) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  title: `Pilot ${n} <b>vet</b>`,
  department: "Publiekszaken",
  status: "inReview",
  updatedAt: "2026-11-28T10:00:00Z",
});

const intact = { intact: true, entries: 1, brokenAt: null, changedOutside: [], invalidSignatures: [] };

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("the overview", () => {
  it("lists first, checks integrity after, and shows a long list a page at a time", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "list_pilots") return Array.from({ length: 150 }, (_, i) => pilot(i));
      if (cmd === "integrity") return intact;
      throw new Error(`unexpected ${cmd}`);
    });
    render(Overview);
    await screen.findByText("Pilot 0 <b>vet</b>");
    expect(document.querySelectorAll("[data-pilot]").length).toBe(100);
    expect(document.querySelector("b")).toBeNull();
    await waitFor(() => expect(calls).toEqual(["list_pilots", "integrity"]));
    await fireEvent.click(screen.getByRole("button", { name: "Toon er meer" }));
    expect(document.querySelectorAll("[data-pilot]").length).toBe(150);
  });

  it("searches by name through the core and says when nothing matches", async () => {
    const searched: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "list_pilots") return [pilot(1), pilot(2)];
      if (cmd === "integrity") return intact;
      if (cmd === "search_pilots") {
        searched.push((args as { query: string }).query);
        return [];
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(Overview);
    const field = await screen.findByLabelText("Zoek een pilot op naam");
    await fireEvent.input(field, { target: { value: "  ëlberts " } });
    await screen.findByText("Geen pilot gevonden met ‘ëlberts’ in de naam.");
    expect(searched).toEqual(["ëlberts"]);
  });
});
