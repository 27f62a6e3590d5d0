import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { Proposal, RegisterChoice, RegisterFile } from "../lib/bindings";
import RegisterImport from "./RegisterImport.svelte";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";

const proposal = (title: string): Proposal => ({
  title,
  projectLead: "",
  department: "",
  description: "",
  purpose: "",
  dataUsed: "",
  details: {},
  aiAct: {},
  questionAnswers: {},
});

const choice = (index: number, name: string, notes: RegisterChoice["import"]["notes"] = []): RegisterChoice => ({
  index,
  name,
  description: `Omschrijving ${index}`,
  import: { proposal: proposal(name), notes },
});

const file: RegisterFile = {
  entries: [
    choice(0, "Eerste registratie"),
    choice(1, "Tweede <b>registratie</b>", [
      { kind: "notImported", fields: ["status"], label: "Status", text: "In gebruik", into: null },
      {
        kind: "shortened",
        fields: ["methods_and_models"],
        label: "Technische werking",
        text: "Een <script>alert(1)</script> lange tekst",
        into: "Hoe werkt het?",
      },
    ]),
    choice(2, "Derde registratie"),
  ],
};

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("starting from a register file", () => {
  it("lets the project lead pick an entry, shows its report as text, and saves only on start", async () => {
    const created: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "create_pilot") {
        created.push((args as { proposal: Proposal }).proposal);
        return { pilot: { id: "p1" } };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const saved: unknown[] = [];
    render(RegisterImport, { file, oncancel: () => {}, onsaved: (v: unknown) => saved.push(v) });
    const radios = screen.getAllByRole("radio");
    expect(radios).toHaveLength(3);
    const start = screen.getByRole("button", { name: "Voorstel starten" }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    expect(document.querySelector("[data-import-report]")).toBeNull();

    await fireEvent.click(radios[1]!);
    const report = document.querySelector("[data-import-report]");
    expect(report?.textContent).toContain("Niet overgenomen:");
    expect(report?.textContent).toContain("Status: In gebruik");
    expect(report?.textContent).toContain("Een <script>alert(1)</script> lange tekst");
    expect(document.querySelector("script, b")).toBeNull();
    expect(created).toEqual([]);

    await fireEvent.click(start);
    await new Promise((r) => setTimeout(r, 0));
    expect(created).toEqual([proposal("Tweede <b>registratie</b>")]);
    expect(saved).toHaveLength(1);
  });

  it("needs no choice for a single entry and says when nothing was left out", () => {
    render(RegisterImport, { file: { entries: [choice(0, "Enige")] }, oncancel: () => {}, onsaved: () => {} });
    expect(screen.queryAllByRole("radio")).toHaveLength(0);
    expect(screen.getByText("Alles uit deze registratie staat in het voorstel.")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Voorstel starten" }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe("starting from a register file, in English", () => {
  it("shows no Dutch of its own, and no second English line", async () => {
    mockIPC(() => {
      throw new Error("nothing is saved in this test");
    });
    const english: RegisterFile = {
      entries: [
        { ...choice(0, "First entry"), description: "A chatbot" },
        {
          ...choice(1, "Second entry", [
            { kind: "notImported", fields: ["status"], label: "Status", text: "In use", into: null },
            { kind: "shortened", fields: ["goal"], label: "Goal", text: "A long text", into: "Purpose" },
          ]),
          description: "A chatbot",
        },
      ],
    };
    showLanguage("en");
    try {
      const { container } = render(RegisterImport, { file: english, oncancel: () => {}, onsaved: () => {} });
      await fireEvent.click(screen.getAllByRole("radio")[1]!);
      expect(screen.getByRole("button", { name: "Start the proposal" })).toBeTruthy();
      expect(container.querySelector("[lang=en]")).toBeNull();
      expect(dutchOnScreen(container)).toEqual([]);
    } finally {
      showLanguage("nl");
    }
  });
});
