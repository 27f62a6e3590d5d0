import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import ProposalForm from "./ProposalForm.svelte";

/** The form's own look-ups (wizard, intake fields), answered empty; other commands go to `rest`. */
function withWizard(rest: (cmd: string, args: unknown) => unknown) {
  return (cmd: string, args: unknown) => {
    if (cmd === "ai_act_wizard") return { version: "test", questions: [] };
    if (cmd === "intake_form") return [];
    if (cmd === "conclude_ai_act")
      return {
        wizardVersion: "test",
        complete: false,
        asked: [],
        open: [],
        setAside: [],
        decidingUnknowns: [],
        datesVersion: "t",
        class: "minimal",
        transparency: false,
        role: null,
        duties: [],
        instruments: [],
        reasons: [],
      };
    return rest(cmd, args);
  };
}

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("the proposal form", () => {
  it("shows the core's message next to the field it names, and saves nothing", async () => {
    const calls: string[] = [];
    mockIPC(
      withWizard((cmd) => {
        calls.push(cmd);
        throw {
          kind: "invalid",
          message: "Eén veld is nog niet goed ingevuld.",
          messageEn: "One field is not filled in correctly.",
          fields: [{ field: "title", message: "Vul de naam van de pilot in.", messageEn: "Fill in the pilot's name." }],
        };
      }),
    );
    let saved = false;
    render(ProposalForm, { onsaved: () => (saved = true) });
    await fireEvent.click(screen.getByRole("button", { name: "Opslaan als concept" }));
    const error = await screen.findByText("Vul de naam van de pilot in.");
    expect(error.closest(".field")?.querySelector("input")?.id).toBe("proposal-title");
    expect(screen.getByText("Eén veld is nog niet goed ingevuld.")).toBeTruthy();
    expect(calls).toEqual(["create_pilot"]);
    expect(saved).toBe(false);
  });

  it("sends what was typed, markup included, as plain text", async () => {
    const sent: unknown[] = [];
    mockIPC(
      withWizard((cmd, args) => {
        sent.push([cmd, args]);
        return { pilot: { id: "1", status: "draft", proposal: (args as { proposal: unknown }).proposal } };
      }),
    );
    let message = "";
    render(ProposalForm, { onsaved: (_v, m = "") => (message = m) });
    const title = screen.getByLabelText(/Naam van de pilot/) as HTMLInputElement;
    await fireEvent.input(title, { target: { value: "<img src=x onerror=alert(1)> één" } });
    await fireEvent.click(screen.getByRole("button", { name: "Opslaan als concept" }));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0])).toContain("<img src=x onerror=alert(1)> één");
    expect(document.querySelector("img")).toBeNull();
    await vi.waitFor(() => expect(message).toBe("Het concept is opgeslagen."));
  });
});
