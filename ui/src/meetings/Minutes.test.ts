import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import Minutes from "./Minutes.svelte";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";

const MEETING = "00000000-0000-4000-8000-000000000001";
const closed = { meetingId: null, secretary: null };

afterEach(() => {
  cleanup();
  clearMocks();
  showLanguage("nl");
});

describe("the minutes of a meeting", () => {
  it("are opened with the secretary's passphrase, show the wrong one at the field, and close", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "minutes_status") return closed;
      if (cmd === "open_minutes") {
        sent.push(args);
        const { passphrase } = args as { passphrase: string };
        if (passphrase !== "goed")
          throw {
            kind: "invalid",
            message: "De wachtzin klopt niet.",
            messageEn: "Wrong.",
            fields: [{ field: "passphrase", message: "De wachtzin van Joost Ëlberts klopt niet." }],
          };
        return { meetingId: MEETING, secretary: "Joost Ëlberts" };
      }
      if (cmd === "close_minutes") return closed;
      throw new Error(`unexpected ${cmd}`);
    });
    render(Minutes, { meetingId: MEETING });
    await screen.findByText(/De secretaris opent de notulen met zijn of haar wachtzin/);
    const field = screen.getByLabelText(/Wachtzin van de secretaris/) as HTMLInputElement;
    const button = () => document.querySelector<HTMLButtonElement>("[data-action=open-minutes]")!;
    expect(button().disabled).toBe(true);

    await fireEvent.input(field, { target: { value: "fout" } });
    await fireEvent.click(button());
    await screen.findByText("De wachtzin van Joost Ëlberts klopt niet.");
    expect(document.querySelector("[data-minutes]")?.getAttribute("data-minutes")).toBe("closed");

    await fireEvent.input(field, { target: { value: "goed" } });
    await fireEvent.keyDown(field, { key: "Enter" });
    await screen.findByText("Notulen geopend door Joost Ëlberts");
    expect(sent).toEqual([
      { meetingId: MEETING, passphrase: "fout" },
      { meetingId: MEETING, passphrase: "goed" },
    ]);

    await fireEvent.click(screen.getByRole("button", { name: "Notulen sluiten" }));
    await waitFor(() => expect(document.querySelector("[data-minutes]")?.getAttribute("data-minutes")).toBe("closed"));
  });

  it("counts as closed here when another meeting's minutes are open", async () => {
    mockIPC((cmd) => {
      if (cmd === "minutes_status")
        return { meetingId: "00000000-0000-4000-8000-000000000002", secretary: "Joost Ëlberts" };
      throw new Error(`unexpected ${cmd}`);
    });
    render(Minutes, { meetingId: MEETING });
    await screen.findByText(/Nu zijn de notulen van een andere vergadering geopend door Joost Ëlberts/);
    expect(document.querySelector("[data-minutes]")?.getAttribute("data-minutes")).toBe("closed");
  });
});

describe("the minutes in English", () => {
  it("show no Dutch, closed (open elsewhere) and open", async () => {
    let status: { meetingId: string | null; secretary: string | null } = {
      meetingId: "00000000-0000-4000-8000-000000000002",
      secretary: "Joost Elberts",
    };
    mockIPC((cmd) => {
      if (cmd === "minutes_status") return status;
      throw new Error(`unexpected ${cmd}`);
    });
    showLanguage("en");
    const closedHere = render(Minutes, { meetingId: MEETING });
    await screen.findByText(/The minutes of another meeting are now open/);
    expect(screen.getByLabelText(/Secretary's passphrase/)).toBeTruthy();
    expect(dutchOnScreen(closedHere.container)).toEqual([]);
    closedHere.unmount();

    status = { meetingId: MEETING, secretary: "Joost Elberts" };
    const open = render(Minutes, { meetingId: MEETING });
    await screen.findByText("Minutes opened by Joost Elberts");
    expect(dutchOnScreen(open.container)).toEqual([]);
  });
});
