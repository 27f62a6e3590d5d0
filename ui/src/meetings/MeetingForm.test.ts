import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import MeetingForm from "./MeetingForm.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("a new meeting", () => {
  it("starts with the committee's roster, each member in their role", async () => {
    const member = (name: string, role: string) => ({ id: name, name, role, keys: [] });
    mockIPC((cmd) => {
      if (cmd === "list_pilots") return [];
      if (cmd === "list_members")
        return [
          member("Joost Ëlberts", "secretary"),
          member("Marieke de Vries", "chair"),
          member("Fatima el Amrani", "member"),
        ];
      throw new Error(`unexpected ${cmd}`);
    });
    render(MeetingForm, { onsaved: () => {} });
    await waitFor(() => expect(document.querySelectorAll("[data-member-name]").length).toBe(3));
    const names = [...document.querySelectorAll<HTMLInputElement>("[data-member-name]")].map((e) => e.value);
    const roles = [...document.querySelectorAll<HTMLSelectElement>("[data-member-role]")].map((e) => e.value);
    expect(names).toEqual(["Joost Ëlberts", "Marieke de Vries", "Fatima el Amrani"]);
    expect(roles).toEqual(["secretary", "chair", "member"]);
  });
});
