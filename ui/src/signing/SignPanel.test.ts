import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { PilotView, Signer } from "../lib/bindings";
import SignPanel from "./SignPanel.svelte";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";

const ID = "00000000-0000-4000-8000-000000000001";
const key = (n: number) => ({
  id: `00000000-0000-4000-9000-00000000000${n}`,
  fingerprint: `AAAA BBBB ${n}`,
  validFrom: "2026-11-01T10:00:00Z",
  validUntil: null,
  revoked: false,
  current: true,
});
const chair = { id: "00000000-0000-4000-7000-000000000001", name: "Marieke de Vries", role: "chair", keys: [key(1)] };
const secretary = {
  id: "00000000-0000-4000-7000-000000000002",
  name: "Joost Ëlberts",
  role: "secretary",
  keys: [key(2)],
};
// On the roster with a valid key and a role still needed, but conflicted (or absent) at the
// meeting: the core leaves her out of `signers`.
const conflicted = {
  id: "00000000-0000-4000-7000-000000000003",
  name: "Fatima el Amrani",
  role: "member",
  keys: [key(3)],
};
const roster = [chair, secretary, conflicted];
const signer = (m: typeof chair): Signer => ({
  memberId: m.id,
  name: m.name,
  role: m.role as Signer["role"],
  fingerprint: m.keys[0]!.fingerprint,
});

/** A decided pilot, decided in a meeting, waiting for the signatures `missing`. */
function view(signers: Signer[], missing = ["chair", "secretary", "member"], sign = true) {
  return {
    pilot: {
      id: ID,
      revision: 3,
      status: "decided",
      decision: {
        outcome: "negative",
        reasons: "Nog niet scherp genoeg.",
        conditions: [],
        evaluationDate: null,
        decidedAt: "2026-11-20T10:00:00Z",
        meeting: { date: "2026-11-20" },
        requiredSigners: ["chair", "secretary", "member"],
      },
      signatures: [],
    },
    missingRoles: missing,
    contentHash: "ab".repeat(32),
    signatureChecks: [],
    actions: {
      editProposal: false,
      submit: false,
      startReview: false,
      answer: false,
      decide: true,
      reopen: true,
      sign,
      exportPdf: true,
      putOnAgenda: false,
      exportRegister: false,
      vote: false,
    },
    signers,
  } as unknown as PilotView;
}

afterEach(() => {
  cleanup();
  clearMocks();
  showLanguage("nl");
});

describe("the signing panel", () => {
  it("offers exactly the members the core names, not the whole roster", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "list_members") return roster;
      if (cmd === "sign_decision") {
        sent.push(args);
        return view([signer(secretary)], ["secretary", "member"]);
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(SignPanel, { view: view([signer(chair), signer(secretary)]), onsaved: () => {} });
    const options = () => [...document.querySelectorAll<HTMLOptionElement>("#signer option")];
    expect(options().map((o) => o.value)).toEqual([chair.id, secretary.id]);
    expect(options().map((o) => o.textContent)).toEqual([
      "Marieke de Vries (voorzitter)",
      "Joost Ëlberts (secretaris)",
    ]);
    expect(options().some((o) => o.textContent?.includes(conflicted.name))).toBe(false);
    expect(document.querySelector("[data-sign-rule]")).toBeTruthy();
    // The fingerprint of the chosen signer's current key, as the core names it.
    await waitFor(() => expect(document.querySelector("[data-signer-fingerprint]")?.textContent).toBe("AAAA BBBB 1"));

    await fireEvent.input(screen.getByLabelText(/Uw wachtzin/), { target: { value: "een goede wachtzin" } });
    await fireEvent.click(document.querySelector("[data-action=sign]")!);
    await waitFor(() => expect(sent).toEqual([{ id: ID, memberId: chair.id, passphrase: "een goede wachtzin" }]));
  });

  it("says plainly that nobody may sign now when the core names nobody", async () => {
    mockIPC((cmd) => {
      if (cmd === "list_members") return roster;
      throw new Error(`unexpected ${cmd}`);
    });
    render(SignPanel, { view: view([], ["member"]), onsaved: () => {} });
    const notice = await waitFor(() => {
      const n = document.querySelector("[data-no-signer]");
      expect(n).toBeTruthy();
      return n!;
    });
    expect(notice.textContent).toContain("Niemand die nu mag tekenen");
    expect(notice.textContent).toContain("zonder belangenverstrengeling");
    expect(document.querySelector("#signer")).toBeNull();
    expect(document.querySelector("[data-action=sign]")).toBeNull();
  });

  it("offers no signing when the core says signing is not possible now", () => {
    mockIPC((cmd) => {
      if (cmd === "list_members") return roster;
      throw new Error(`unexpected ${cmd}`);
    });
    render(SignPanel, { view: view([signer(chair)], ["chair"], false), onsaved: () => {} });
    expect(document.querySelector("#signer")).toBeNull();
    expect(document.querySelector("[data-no-signer]")).toBeNull();
  });
});

describe("the signing panel in English", () => {
  it("shows no Dutch: the decision, the signatures with their checks, the form and nobody to sign", async () => {
    mockIPC(() => {
      throw new Error("no command expected");
    });
    const signed = view([signer(secretary)], ["secretary", "member"]);
    const signature = {
      id: "s1",
      role: "chair",
      signerName: chair.name,
      signedAt: "2026-11-21T09:00:00Z",
      proof: { fingerprint: "AAAA BBBB 1" },
    };
    (signed.pilot as { signatures: unknown[] }).signatures = [signature, { ...signature, id: "s2", role: "member" }];
    (signed as { signatureChecks: unknown[] }).signatureChecks = [
      { signatureId: "s1", valid: true, problem: null, problemEn: null },
      { signatureId: "s2", valid: false, problem: "De handtekening klopt niet.", problemEn: "The signature is wrong." },
    ];
    showLanguage("en");
    const { container, unmount } = render(SignPanel, { view: signed, onsaved: () => {} });
    expect(container.textContent).toContain("Still needed: secretary, member.");
    expect(container.textContent).toContain("The signature is wrong.");
    expect(container.textContent).toContain("the meeting of 20 November 2026");
    expect(screen.getByLabelText(/Your passphrase/)).toBeTruthy();
    expect(dutchOnScreen(container)).toEqual([]);
    unmount();

    const nobody = render(SignPanel, { view: view([], ["member"]), onsaved: () => {} });
    expect(nobody.container.querySelector("[data-no-signer]")?.textContent).toContain("Nobody may sign now");
    expect(dutchOnScreen(nobody.container)).toEqual([]);
  });
});
