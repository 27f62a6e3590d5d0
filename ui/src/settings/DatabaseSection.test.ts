import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import DatabaseSection from "./DatabaseSection.svelte";
import type { DatabaseView, Moved } from "../lib/bindings";
import { changes } from "../lib/changes.svelte";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";

const file = "/home/secretaris/.local/share/nl.overbetuwe.ai-toets/ai-toets.sqlite3";
const server = "postgres://secretaris@db.overbetuwe.nl/aitoets";

const onFile: DatabaseView = { shown: file, server: false, fromEnvironment: false, defaultFile: file };
const onServer: DatabaseView = { shown: server, server: true, fromEnvironment: false, defaultFile: file };

const text = (selector: string) => document.querySelector(selector)?.textContent?.replace(/\s+/g, " ").trim() ?? "";

/** Chooses the server and types its address. */
async function typeAddress(address: string) {
  await fireEvent.click(screen.getByLabelText("Op een gedeelde server (PostgreSQL)"));
  const field = (await screen.findByLabelText(/Adres van de server/)) as HTMLInputElement;
  await fireEvent.input(field, { target: { value: address } });
  return field;
}

afterEach(() => {
  cleanup();
  clearMocks();
  showLanguage("nl");
});

describe("Settings › Database", () => {
  it("shows the file on this computer, with the computer chosen and no address asked", async () => {
    mockIPC((cmd) => {
      if (cmd === "database") return onFile;
      throw new Error(`unexpected ${cmd}`);
    });
    render(DatabaseSection);
    await waitFor(() => expect(text("[data-database-now]")).toContain(file));
    expect(text("[data-database-now]")).toBe(`De gegevens staan op deze computer, in het bestand: ${file}`);
    expect((screen.getByLabelText("Op deze computer") as HTMLInputElement).checked).toBe(true);
    expect(document.querySelector("#database-address")).toBeNull();
    expect(document.querySelector("[data-database-fixed]")).toBeNull();
  });

  it("shows the shared server's address, and offers the way back to the file on this computer", async () => {
    const asked: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      if (cmd === "database") return onServer;
      if (cmd === "set_database") return onFile;
      throw new Error(`unexpected ${cmd}`);
    });
    render(DatabaseSection);
    await waitFor(() =>
      expect(text("[data-database-now]")).toBe(`De gegevens staan op een gedeelde server: ${server}`),
    );
    expect((screen.getByLabelText("Op een gedeelde server (PostgreSQL)") as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText(/Adres van de server/) as HTMLInputElement).value).toBe(server);

    await fireEvent.click(screen.getByLabelText("Op deze computer"));
    expect(text("[data-database-back]")).toContain(`AI-toets werkt dan weer met het bestand ${file}.`);
    expect(text("[data-database-back]")).toContain("Wat op de server is gedaan, staat niet in dat bestand");
    const seen = changes.seen;
    await fireEvent.click(screen.getByRole("button", { name: "Terug naar deze computer" }));
    await waitFor(() => expect(document.querySelector("[data-database-done]")).not.toBeNull());
    expect(text("[data-database-done]")).toBe(`AI-toets werkt nu met het bestand op deze computer: ${file}.`);
    expect(asked).toContainEqual(["set_database", { location: file }]);
    expect(text("[data-database-now]")).toBe(`De gegevens staan op deze computer, in het bestand: ${file}`);
    // Every screen reads the data afresh.
    expect(changes.seen).toBe(seen + 1);
  });

  it("connects to a server, and then says so and shows it as where the data is", async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "database") return onFile;
      if (cmd === "set_database") {
        asked.push(args);
        return onServer;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(DatabaseSection);
    await waitFor(() => expect(document.querySelector("[data-database-now=file]")).not.toBeNull());
    const field = await typeAddress(server);
    // The help says where the password goes.
    const help = document.getElementById(field.getAttribute("aria-describedby")!.split(" ")[0]!);
    expect(help?.textContent).toContain("postgres://naam@server.gemeente.nl/aitoets");
    expect(help?.textContent).toContain(
      "Het wachtwoord staat niet in het adres maar in uw pgpass-bestand (zie de handleiding).",
    );
    const seen = changes.seen;
    await fireEvent.click(screen.getByRole("button", { name: "Verbinden" }));
    await waitFor(() => expect(document.querySelector("[data-database-done]")).not.toBeNull());
    expect(asked).toEqual([{ location: server }]);
    expect(text("[data-database-done]")).toBe(`AI-toets werkt nu met de gegevens op de server ${server}.`);
    expect(text("[data-database-now]")).toBe(`De gegevens staan op een gedeelde server: ${server}`);
    expect(changes.seen).toBe(seen + 1);
  });

  it("shows a refused address at the field, in the chosen language, and switches nothing", async () => {
    mockIPC((cmd) => {
      if (cmd === "database") return onFile;
      if (cmd === "set_database")
        throw {
          kind: "invalid",
          message: "Eén veld is nog niet goed ingevuld.",
          messageEn: "One field is not filled in correctly.",
          fields: [
            {
              field: "database",
              message: "Zet het wachtwoord niet in het adres, maar in uw pgpass-bestand.",
              messageEn: "Do not put the password in the address, but in your pgpass file.",
            },
          ],
        };
      throw new Error(`unexpected ${cmd}`);
    });
    render(DatabaseSection);
    await waitFor(() => expect(document.querySelector("[data-database-now=file]")).not.toBeNull());
    const field = await typeAddress("postgres://secretaris:geheim@db.overbetuwe.nl/aitoets");
    const seen = changes.seen;
    await fireEvent.click(screen.getByRole("button", { name: "Verbinden" }));
    await waitFor(() => expect(document.querySelector("[data-field-error=database-address]")).not.toBeNull());
    expect(text("[data-field-error=database-address]")).toBe(
      "Zet het wachtwoord niet in het adres, maar in uw pgpass-bestand.",
    );
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(field.getAttribute("aria-describedby")).toContain("database-address-error");
    expect(text("[data-database-failed]")).toContain("Verbinden: Eén veld is nog niet goed ingevuld.");
    // What was typed stays, the data stays where it was.
    expect(field.value).toBe("postgres://secretaris:geheim@db.overbetuwe.nl/aitoets");
    expect(text("[data-database-now]")).toContain(file);
    expect(document.querySelector("[data-database-done]")).toBeNull();
    expect(changes.seen).toBe(seen);

    showLanguage("en");
    await waitFor(() =>
      expect(text("[data-field-error=database-address]")).toBe(
        "Do not put the password in the address, but in your pgpass file.",
      ),
    );
  });

  it("asks before it moves, says what happens, and then shows what was moved and checked", async () => {
    const moves: unknown[] = [];
    const moved: Moved = {
      report: {
        rows: [
          ["pilots", 12],
          ["audit_log", 2004],
        ],
        entries: 2004,
        head: "ab".repeat(32),
      },
      database: onServer,
    };
    mockIPC((cmd, args) => {
      if (cmd === "database") return onFile;
      if (cmd === "move_database") {
        moves.push(args);
        return moved;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(DatabaseSection);
    await waitFor(() => expect(document.querySelector("[data-database-now=file]")).not.toBeNull());
    await typeAddress(server);
    await fireEvent.click(screen.getByRole("button", { name: "Mijn gegevens naar deze server verhuizen" }));
    const confirm = text("[data-move-confirm]");
    expect(confirm).toContain(
      `AI-toets kopieert alle gegevens naar de lege database op ${server} en controleert daarna alles.`,
    );
    expect(confirm).toContain("Het bestand op deze computer blijft zoals het was.");
    expect(confirm).toContain("Daarna werkt AI-toets met de gegevens op de server.");
    expect(confirm).toContain("Laat niemand anders in AI-toets werken zolang het verhuizen duurt.");
    expect(moves).toEqual([]);
    await fireEvent.click(screen.getByRole("button", { name: "Annuleren" }));
    expect(document.querySelector("[data-move-confirm]")).toBeNull();
    expect(moves).toEqual([]);

    await fireEvent.click(screen.getByRole("button", { name: "Mijn gegevens naar deze server verhuizen" }));
    const seen = changes.seen;
    await fireEvent.click(screen.getByRole("button", { name: "Ja, verhuizen" }));
    await waitFor(() => expect(document.querySelector("[data-database-moved]")).not.toBeNull());
    expect(moves).toEqual([{ to: server }]);
    expect(text("[data-database-moved]")).toBe(
      `De gegevens zijn verhuisd: 2004 regels uit het logboek, en alle gegevens zijn gecontroleerd. AI-toets werkt nu met de gegevens op ${server}.`,
    );
    expect(text("[data-database-now]")).toBe(`De gegevens staan op een gedeelde server: ${server}`);
    expect(changes.seen).toBe(seen + 1);
  });

  it("shows the core's refusal of a move (the server database is not empty), and stays on the file", async () => {
    const refusal = {
      kind: "notAllowed",
      message: "De database op de server is niet leeg: er is niets verhuisd.",
      messageEn: "The database on the server is not empty: nothing was moved.",
      fields: [],
    };
    mockIPC((cmd) => {
      if (cmd === "database") return onFile;
      if (cmd === "move_database") throw refusal;
      throw new Error(`unexpected ${cmd}`);
    });
    render(DatabaseSection);
    await waitFor(() => expect(document.querySelector("[data-database-now=file]")).not.toBeNull());
    await typeAddress(server);
    await fireEvent.click(screen.getByRole("button", { name: "Mijn gegevens naar deze server verhuizen" }));
    await fireEvent.click(screen.getByRole("button", { name: "Ja, verhuizen" }));
    const alert = await waitFor(() => {
      const el = document.querySelector("[data-database-failed]");
      if (!el) throw new Error("no refusal yet");
      return el;
    });
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.textContent).toContain(`Verhuizen: ${refusal.message}`);
    expect(alert.querySelector("[lang=en]")?.textContent).toBe(`Moving: ${refusal.messageEn}`);
    expect(document.querySelector("[data-database-moved]")).toBeNull();
    expect(text("[data-database-now]")).toContain(file);
  });

  it("is read-only, and says why, when AI_TOETS_DATABASE chose the place", async () => {
    const asked: string[] = [];
    mockIPC((cmd) => {
      asked.push(cmd);
      if (cmd === "database") return { ...onServer, fromEnvironment: true };
      throw new Error(`unexpected ${cmd}`);
    });
    render(DatabaseSection);
    await waitFor(() => expect(document.querySelector("[data-database-fixed]")).not.toBeNull());
    expect(text("[data-database-fixed]")).toContain(
      "Deze plek is vastgelegd met de instelling AI_TOETS_DATABASE op deze computer.",
    );
    const choice = document.querySelector<HTMLFieldSetElement>("[data-database-choice]")!;
    expect(choice.disabled).toBe(true);
    for (const control of choice.querySelectorAll("input, button")) expect(control.matches(":disabled")).toBe(true);
    await fireEvent.click(screen.getByRole("button", { name: "Verbinden" }));
    expect(asked).toEqual(["database"]);
  });

  it("speaks English when English is chosen", async () => {
    showLanguage("en");
    mockIPC((cmd) => {
      if (cmd === "database") return { ...onServer, fromEnvironment: false };
      throw new Error(`unexpected ${cmd}`);
    });
    const { container } = render(DatabaseSection);
    await waitFor(() => expect(text("[data-database-now]")).toBe(`The data is on a shared server: ${server}`));
    expect(text("h2")).toBe("Database");
    expect(screen.getByLabelText(/Server address/)).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Move my data to this server" }));
    expect(text("[data-move-confirm]")).toContain("The data on the current server stays as it was.");
    expect(dutchOnScreen(container)).toEqual([]);
    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await fireEvent.click(screen.getByLabelText("On this computer"));
    expect(text("[data-database-back]")).toContain(`AI-toets then works with the file ${file} again.`);
    expect(dutchOnScreen(container)).toEqual([]);
  });
});
