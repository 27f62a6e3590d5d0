import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { AdoptedView, MemberView, Role, Signature, SignatureCheck } from "../lib/bindings";
import AdoptedReports from "./AdoptedReports.svelte";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";

const ID = "00000000-0000-4000-8000-0000000000a1";
const key = (n: number) => ({
  id: `00000000-0000-4000-9000-00000000000${n}`,
  fingerprint: `AAAA BBBB ${n}`,
  validFrom: "2025-11-01T10:00:00Z",
  validUntil: null,
  revoked: false,
  current: true,
});
const member = (n: number, name: string, role: Role): MemberView => ({
  id: `00000000-0000-4000-7000-00000000000${n}`,
  name,
  role,
  keys: [key(n)],
});
const chair = member(1, "Marieke de Vries", "chair");
const secretary = member(2, "Joost Ëlberts", "secretary");
const plain = member(3, "Fatima el Amrani", "member");
const roster = [chair, secretary, plain];

const signature = (m: MemberView, n: number): Signature => ({
  id: `00000000-0000-4000-6000-00000000000${n}`,
  memberId: m.id,
  signerName: m.name,
  role: m.role,
  signedAt: "2026-02-04T14:05:00Z",
  contentHash: "cd".repeat(32),
  proof: {
    type: "ed25519",
    keyId: m.keys[0]!.id,
    publicKey: "00",
    fingerprint: m.keys[0]!.fingerprint,
    signature: "00",
  },
});
const checked = (s: Signature, valid = true, problem: string | null = null): SignatureCheck => ({
  signatureId: s.id,
  signerName: s.signerName,
  role: s.role,
  fingerprint: s.proof.fingerprint,
  valid,
  problem,
  problemEn: problem,
});

/** An adopted report of the second half of 2025 with `signatures`, still missing `missing`. */
function adopted(over: Partial<AdoptedView> = {}): AdoptedView {
  // The core names who may sign: members in a role still missing.
  const missing = over.missingRoles ?? ["chair", "secretary"];
  const signers = roster
    .filter((m) => missing.includes(m.role))
    .map((m) => ({ memberId: m.id, name: m.name, role: m.role, fingerprint: m.keys[0]!.fingerprint }));
  return {
    signers,
    id: ID,
    title: "Jaarrapportage AI-toetsing 2025, tweede helft",
    period: { year: 2025, kind: "secondHalf", from: "2025-07-01", to: "2025-12-31" },
    contentHash: "cd".repeat(32),
    adoptedAt: "2026-02-03T09:30:00Z",
    adoptedBy: "Joost Ëlberts",
    signatures: [],
    checks: [],
    missingRoles: ["chair", "secretary"],
    ...over,
  };
}

const text = (selector: string) => document.querySelector(selector)?.textContent?.replace(/\s+/g, " ").trim();
const item = (selector = "") => text(`[data-adopted="${ID}"] ${selector}`);
const passphrase = () => document.querySelector<HTMLInputElement>(`#report-passphrase-${ID}`)!;
const signerOptions = () =>
  [...document.querySelectorAll<HTMLOptionElement>(`[data-adopted="${ID}"] [data-report-signer] option`)].map(
    (o) => o.value,
  );
const shown = <T extends Element>(selector: string) =>
  waitFor(() => {
    const el = document.querySelector<T>(selector);
    if (!el) throw new Error(`${selector} not shown yet`);
    return el;
  });

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("adopted yearly reports", () => {
  it("adopts the report of the period chosen, by whom the field names, and lists it", async () => {
    const asked: unknown[] = [];
    let list: AdoptedView[] = [];
    let reads = 0;
    mockIPC((cmd, args) => {
      if (cmd === "adopted_reports") {
        reads += 1;
        return list;
      }
      if (cmd === "list_members") return roster;
      if (cmd === "adopt_report") {
        asked.push(args);
        const { by } = args as { by: string };
        if (!by.trim())
          throw {
            kind: "invalid",
            message: "Controleer de gemarkeerde velden.",
            messageEn: "Check the marked fields.",
            fields: [{ field: "by", message: "Vul in wie de rapportage vaststelt.", messageEn: "Fill in who." }],
          };
        list = [adopted({ adoptedBy: by })];
        return list[0];
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(AdoptedReports, { year: 2025, kind: "secondHalf" });
    await shown("[data-no-adopted]");
    expect(text("[data-adopt-period]")).toContain("de tweede helft van 2025");

    // Nobody named: the core's message stands next to the field.
    await fireEvent.click(document.querySelector("[data-action=adopt-report]")!);
    expect((await shown("[data-field-error=adopt-by]")).textContent).toBe("Vul in wie de rapportage vaststelt.");
    expect(document.querySelector("[data-adopted]")).toBeNull();

    await fireEvent.input(document.querySelector("#adopt-by")!, { target: { value: "Joost Ëlberts" } });
    await fireEvent.click(document.querySelector("[data-action=adopt-report]")!);
    await shown(`[data-adopted="${ID}"]`);
    expect(asked).toEqual([
      { request: { year: 2025, kind: "secondHalf" }, by: "" },
      { request: { year: 2025, kind: "secondHalf" }, by: "Joost Ëlberts" },
    ]);
    expect(document.querySelector("[data-field-error=adopt-by]")).toBeNull();
    expect(item("h3")).toBe("Jaarrapportage AI-toetsing 2025, tweede helft");
    expect(item("[data-adopted-by]")).toBe("Vastgesteld op 3 februari 2026 door Joost Ëlberts");
    expect(item("[data-missing-roles]")).toBe("Nog te ondertekenen door: voorzitter, secretaris");
    // Only the members the core names as signers are offered.
    await waitFor(() => expect(signerOptions()).toEqual([chair.id, secretary.id]));
    // The list is read on mount and again after the change.
    await waitFor(() => expect(reads).toBe(2));
  });

  it("signs with the chosen member's passphrase, clears it, and shows the signature as geldig", async () => {
    const sent: unknown[] = [];
    const s = signature(secretary, 1);
    const after = adopted({ signatures: [s], checks: [checked(s)], missingRoles: ["chair"] });
    let list = [adopted()];
    mockIPC((cmd, args) => {
      if (cmd === "adopted_reports") return list;
      if (cmd === "list_members") return roster;
      if (cmd === "sign_report") {
        sent.push(args);
        list = [after];
        return after;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(AdoptedReports, { year: 2025, kind: "year" });
    const select = await shown<HTMLSelectElement>("[data-report-signer]");
    await waitFor(() => expect(signerOptions()).toEqual([chair.id, secretary.id]));
    await fireEvent.change(select, { target: { value: secretary.id } });
    await fireEvent.input(passphrase(), { target: { value: "een goede wachtzin" } });
    await fireEvent.click(document.querySelector("[data-action=sign-report]")!);

    await waitFor(() => expect(sent).toEqual([{ id: ID, memberId: secretary.id, passphrase: "een goede wachtzin" }]));
    const row = await shown("[data-report-signature]");
    expect(row.getAttribute("data-valid")).toBe("true");
    expect(row.textContent).toContain("Secretaris");
    expect(row.textContent).toContain("Joost Ëlberts");
    expect(row.textContent).toContain("4 februari 2026, 14:05 UTC");
    expect(text("[data-report-signature] [data-check]")).toBe("geldig");
    expect(passphrase().value).toBe("");
    expect(item("[data-missing-roles]")).toBe("Nog te ondertekenen door: voorzitter");
    await waitFor(() => expect(signerOptions()).toEqual([chair.id]));
  });

  it("puts a wrong passphrase next to the passphrase field and clears it; other refusals as a message", async () => {
    let answer: unknown = null;
    mockIPC((cmd) => {
      if (cmd === "adopted_reports") return [adopted()];
      if (cmd === "list_members") return roster;
      if (cmd === "sign_report") throw answer;
      throw new Error(`unexpected ${cmd}`);
    });
    render(AdoptedReports, { year: 2025, kind: "year" });
    await shown("[data-report-signer]");
    await waitFor(() => expect(signerOptions()).toEqual([chair.id, secretary.id]));

    answer = {
      kind: "invalid",
      message: "Controleer de gemarkeerde velden.",
      messageEn: "Check the marked fields.",
      fields: [{ field: "passphrase", message: "Deze wachtzin klopt niet.", messageEn: "Wrong passphrase." }],
    };
    await fireEvent.input(passphrase(), { target: { value: "verkeerd" } });
    await fireEvent.click(document.querySelector("[data-action=sign-report]")!);
    const error = await shown(`[data-field-error="report-passphrase-${ID}"]`);
    expect(error.textContent).toBe("Deze wachtzin klopt niet.");
    expect(passphrase().value).toBe("");
    expect(document.querySelector("[data-sign-failed]")).toBeNull();
    expect(document.querySelector("[data-report-signature]")).toBeNull();

    answer = {
      kind: "notAllowed",
      message: "De voorzitter heeft al ondertekend; er is niets ondertekend.",
      messageEn: "The chair already signed; nothing was signed.",
      fields: [],
    };
    await fireEvent.input(passphrase(), { target: { value: "nog een keer" } });
    await fireEvent.click(document.querySelector("[data-action=sign-report]")!);
    expect((await shown("[data-sign-failed]")).textContent).toContain(
      "De voorzitter heeft al ondertekend; er is niets ondertekend.",
    );
    expect(document.querySelector(`[data-field-error="report-passphrase-${ID}"]`)).toBeNull();
    expect(passphrase().value).toBe("");
  });

  it("shows a signature whose check fails as ongeldig, with the core's reason", async () => {
    const ok = signature(chair, 1);
    const bad = signature(secretary, 2);
    const problem = "De sleutel hoorde op dat moment volgens het ledenlogboek niet bij dit lid.";
    mockIPC((cmd) => {
      if (cmd === "adopted_reports")
        return [
          adopted({ signatures: [ok, bad], checks: [checked(ok), checked(bad, false, problem)], missingRoles: [] }),
        ];
      if (cmd === "list_members") return roster;
      throw new Error(`unexpected ${cmd}`);
    });
    render(AdoptedReports, { year: 2025, kind: "year" });
    await waitFor(() => expect(document.querySelectorAll("[data-report-signature]").length).toBe(2));
    const rows = [...document.querySelectorAll("[data-report-signature]")];
    expect(rows.map((r) => r.getAttribute("data-valid"))).toEqual(["true", "false"]);
    expect(rows[1]!.querySelector("[data-check]")?.textContent?.replace(/\s+/g, " ").trim()).toBe(
      `ongeldig: ${problem}`,
    );
    // Nothing missing: no sign form.
    expect(item("[data-missing-roles]")).toBe("Alle nodige handtekeningen staan erop.");
    expect(document.querySelector("[data-action=sign-report]")).toBeNull();
  });

  it("saves the adopted report as PDF and says where; a cancelled dialog says nothing", async () => {
    const asked: unknown[] = [];
    let path: string | null = null;
    mockIPC((cmd, args) => {
      if (cmd === "adopted_reports") return [adopted()];
      if (cmd === "list_members") return roster;
      if (cmd === "export_adopted_report") {
        asked.push(args);
        return path;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(AdoptedReports, { year: 2025, kind: "year" });
    const button = await shown<HTMLButtonElement>(`[data-adopted="${ID}"] [data-action=export-adopted]`);
    expect(button.textContent).toBe("Opslaan als PDF");

    await fireEvent.click(button);
    await waitFor(() => expect(asked).toEqual([{ id: ID }]));
    await waitFor(() => expect(button.disabled).toBe(false));
    expect(document.querySelector("[data-testid=adopted-saved]")).toBeNull();

    path = "/home/joost/jaarrapportage-2025-tweede-helft-vastgesteld.pdf";
    await fireEvent.click(button);
    const notice = await shown("[data-testid=adopted-saved]");
    expect(notice.textContent?.trim()).toBe(
      "De vastgestelde jaarrapportage is opgeslagen: /home/joost/jaarrapportage-2025-tweede-helft-vastgesteld.pdf",
    );
    expect(asked).toEqual([{ id: ID }, { id: ID }]);
  });

  it("speaks English when English is chosen: the title from the period, the signatures, the core's reason in English", async () => {
    const ok = signature(chair, 1);
    const bad = signature(secretary, 2);
    const badCheck = {
      ...checked(bad, false, "De sleutel hoorde niet bij dit lid."),
      problemEn: "Not this member's key.",
    };
    let list = [adopted({ signatures: [ok, bad], checks: [checked(ok), badCheck], missingRoles: ["secretary"] })];
    mockIPC((cmd) => {
      if (cmd === "adopted_reports") return list;
      if (cmd === "list_members") return roster;
      if (cmd === "adopt_report") {
        list = [adopted({ id: "00000000-0000-4000-8000-0000000000a2" }), ...list];
        return list[0];
      }
      throw new Error(`unexpected ${cmd}`);
    });
    showLanguage("en");
    try {
      const { container } = render(AdoptedReports, { year: 2025, kind: "secondHalf" });
      await waitFor(() => expect(document.querySelectorAll("[data-report-signature]").length).toBe(2));
      expect(text("[data-adopt-period]")).toBe(
        "Period: the second half of 2025 (choose it above under Yearly report for the council).",
      );
      expect(item("h3")).toBe("Yearly report on AI reviews second half of 2025");
      expect(item("[data-adopted-by]")).toBe("Adopted on 3 February 2026 by Joost Ëlberts");
      expect(item("[data-missing-roles]")).toBe("Still to be signed by: secretary");
      const rows = [...document.querySelectorAll("[data-report-signature] [data-check]")];
      expect(rows.map((r) => r.textContent?.replace(/\s+/g, " ").trim())).toEqual([
        "valid",
        "invalid: Not this member's key.",
      ]);
      await fireEvent.input(document.querySelector("#adopt-by")!, { target: { value: "Joost Ëlberts" } });
      await fireEvent.click(document.querySelector("[data-action=adopt-report]")!);
      expect((await shown("[data-testid=adopted-done]")).textContent).toContain(
        "Yearly report on AI reviews second half of 2025 has been adopted.",
      );
      expect(dutchOnScreen(container)).toEqual([]);
    } finally {
      showLanguage("nl");
    }
  });
});
