import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import CommitteePage from "./CommitteePage.svelte";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";

const key = (n: number) => ({
  id: `00000000-0000-4000-9000-00000000000${n}`,
  fingerprint: `AAAA BBBB ${n}`,
  validFrom: "2026-11-01T10:00:00Z",
  validUntil: null,
  revoked: false,
  current: true,
});
const chair = { id: "00000000-0000-4000-8000-000000000001", name: "Marieke", role: "chair", keys: [key(1)] };
const secretary = { id: "00000000-0000-4000-8000-000000000002", name: "Joost", role: "secretary", keys: [key(2)] };
const member = { id: "00000000-0000-4000-8000-000000000003", name: "Fatima", role: "member", keys: [key(3)] };

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("the committee screen", () => {
  it("asks a founding form while the roster is empty", async () => {
    mockIPC((cmd) => {
      if (cmd === "roster_status") return { founded: false, legacy: false, officers: [], approvals: 2, events: 0 };
      if (cmd === "list_members") return [];
      if (cmd === "signing_policy") return { requiredRoles: ["chair", "secretary"] };
      throw new Error(`unexpected ${cmd}`);
    });
    render(CommitteePage);
    await screen.findByRole("heading", { name: "Commissie vaststellen" });
    expect(screen.getByLabelText(/Naam van de voorzitter/)).toBeTruthy();
    expect(document.querySelector("[data-action=add-member]")).toBeNull();
  });

  it("sends the officers' passphrases with a change, and asks another member when it is about an officer", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      const a = args as Record<string, unknown>;
      if (cmd === "roster_status")
        return a.subject === chair.id
          ? { founded: true, legacy: false, officers: [secretary.id], approvals: 2, events: 3 }
          : { founded: true, legacy: false, officers: [chair.id, secretary.id], approvals: 2, events: 3 };
      if (cmd === "list_members") return [chair, secretary, member];
      if (cmd === "signing_policy") return { requiredRoles: ["chair", "secretary"] };
      if (cmd === "set_signing_policy") {
        sent.push(a.approvers);
        return a.policy;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(CommitteePage);
    const field = await screen.findByLabelText(/Wachtzin van Marieke \(voorzitter\)/, {
      selector: "[data-approvals=policy] input",
    });
    await fireEvent.input(field, { target: { value: "zeven blauwe olifanten" } });
    const other = document.querySelector<HTMLInputElement>("[data-approvals=policy] input[data-approver=Joost]")!;
    await fireEvent.input(other, { target: { value: "correct paard batterij" } });
    await fireEvent.click(screen.getByRole("button", { name: "Opslaan" }));
    await waitFor(() =>
      expect(sent).toEqual([
        [
          { memberId: chair.id, passphrase: "zeven blauwe olifanten" },
          { memberId: secretary.id, passphrase: "correct paard batterij" },
        ],
      ]),
    );

    // A change about the chair: the secretary and one other member approve.
    await fireEvent.click(document.querySelector("tr[data-member=Marieke] [data-action=change-role]")!);
    await screen.findByLabelText(/Ander lid dat goedkeurt/);
    expect(document.querySelector("[data-approvals=role] input[data-approver=Marieke]")).toBeNull();
    expect(document.querySelector("[data-approvals=role] input[data-approver=Joost]")).not.toBeNull();
  });
});

describe("the committee screen in English", () => {
  it("shows no Dutch word of the catalogue: founding, the roster, every member form", async () => {
    showLanguage("en");
    try {
      let founded = false;
      const old = { ...key(4), current: false, validUntil: "2026-11-10T10:00:00Z", revoked: true };
      const withKeys = { ...member, keys: [old, key(3)] };
      mockIPC((cmd, args) => {
        const a = args as Record<string, unknown>;
        if (cmd === "roster_status")
          return !founded
            ? { founded: false, legacy: false, officers: [], approvals: 2, events: 0 }
            : a.subject === chair.id
              ? { founded: true, legacy: false, officers: [secretary.id], approvals: 2, events: 3 }
              : { founded: true, legacy: false, officers: [chair.id, secretary.id], approvals: 2, events: 3 };
        if (cmd === "list_members") return founded ? [chair, secretary, withKeys] : [];
        if (cmd === "signing_policy") return { requiredRoles: ["chair", "secretary"] };
        if (cmd === "set_signing_policy") return a.policy;
        throw new Error(`unexpected ${cmd}`);
      });
      const first = render(CommitteePage);
      await screen.findByRole("heading", { name: "Found the committee" });
      // A mismatch of the passphrases is said in English too.
      await fireEvent.input(first.container.querySelector("#found-chair-pass")!, { target: { value: "a" } });
      await fireEvent.click(first.container.querySelector("[data-action=found-committee]")!);
      await screen.findAllByText("The two passphrases are not the same.");
      expect(dutchOnScreen(first.container)).toEqual([]);
      cleanup();

      founded = true;
      const { container } = render(CommitteePage);
      await screen.findByRole("heading", { name: "Add a member" });
      await waitFor(() =>
        expect(container.querySelector("[data-approvals=policy] input[data-approver]")).not.toBeNull(),
      );
      await fireEvent.click(screen.getByRole("button", { name: "Save" }));
      await screen.findByText(/^Saved\. This applies to new decisions/);
      expect(dutchOnScreen(container)).toEqual([]);

      // Each form a member's row opens, one at a time; a change about the chair asks another member.
      for (const [who, action] of [
        ["Fatima", "rotate"],
        ["Fatima", "replace-key"],
        ["Fatima", "compromised"],
        ["Marieke", "change-role"],
        ["Fatima", "end-membership"],
      ] as const) {
        await fireEvent.click(container.querySelector(`tr[data-member=${who}] [data-action=${action}]`)!);
        await waitFor(() => expect(container.querySelector(`[data-form=${action}]`)).not.toBeNull());
        if (action === "change-role") await screen.findByLabelText(/Other member who approves/);
        expect(dutchOnScreen(container), action).toEqual([]);
        await fireEvent.click(container.querySelector(`tr[data-member=${who}] [data-action=${action}]`)!);
      }
    } finally {
      showLanguage("nl");
    }
  });

  it("asks a roster from before the log to be taken over, in English", async () => {
    showLanguage("en");
    try {
      mockIPC((cmd) => {
        if (cmd === "roster_status")
          return { founded: false, legacy: true, officers: [chair.id, secretary.id], approvals: 2, events: 0 };
        if (cmd === "list_members") return [chair, secretary];
        if (cmd === "signing_policy") return { requiredRoles: ["chair", "secretary"] };
        throw new Error(`unexpected ${cmd}`);
      });
      const { container } = render(CommitteePage);
      await screen.findByRole("heading", { name: "Take over the list of members" });
      await waitFor(() =>
        expect(container.querySelector("[data-approvals=adopt] input[data-approver]")).not.toBeNull(),
      );
      expect(dutchOnScreen(container)).toEqual([]);
    } finally {
      showLanguage("nl");
    }
  });
});
