import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import AttachmentList from "./AttachmentList.svelte";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";
import type { Attachment } from "../lib/bindings";

const file = (name: string, place: Attachment["place"]): Attachment => ({
  id: `id-${name}`,
  pilotId: "p1",
  place,
  name,
  mediaType: "application/pdf",
  size: 2048,
  sha256: "a".repeat(64),
  addedAt: "2026-11-28T10:00:00Z",
  addedBy: "Sanne <i>Bakker</i>",
});

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("the attachment list", () => {
  it("lists only the files of its place, names as text, with their hash", () => {
    const attachments = [
      file("<b>dpia</b>.pdf", { type: "proposal" }),
      file("bewijs.pdf", { type: "condition", condition: 0 }),
    ];
    const { container } = render(AttachmentList, { pilotId: "p1", place: { type: "proposal" }, attachments });
    const items = container.querySelectorAll("[data-attachment]");
    expect(items.length).toBe(1);
    expect(items[0]!.textContent).toContain("<b>dpia</b>.pdf");
    expect(items[0]!.textContent).toContain("SHA-256 " + "a".repeat(64));
    expect(container.querySelector("b i, li b, i")).toBeNull();
    expect(container.querySelector("[data-action=attach]")).toBeNull();
  });

  it("shows the core's refusal and adds what the core kept", async () => {
    let answer: unknown = {
      kind: "badFile",
      message: "setup.exe: dit soort bestand kan niet als bijlage.",
      messageEn: "setup.exe: this kind of file cannot be attached.",
      fields: [],
    };
    const added: Attachment[] = [];
    mockIPC((cmd) => {
      if (cmd !== "attach_file") return null;
      if (answer && typeof answer === "object" && "kind" in answer) throw answer;
      return answer;
    });
    const { container } = render(AttachmentList, {
      pilotId: "p1",
      place: { type: "proposal" },
      attachments: [],
      canAdd: true,
      by: "Sanne",
      onadded: (a: Attachment) => added.push(a),
    });
    await fireEvent.click(container.querySelector("[data-action=attach]")!);
    await waitFor(() => expect(container.textContent).toContain("dit soort bestand kan niet als bijlage"));
    answer = file("dpia.pdf", { type: "proposal" });
    await fireEvent.click(container.querySelector("[data-action=attach]")!);
    await waitFor(() => expect(added.map((a) => a.name)).toEqual(["dpia.pdf"]));
  });
});

describe("the attachment list in English", () => {
  it("shows no Dutch of its own, with files and without", () => {
    showLanguage("en");
    try {
      const files = render(AttachmentList, {
        pilotId: "p1",
        place: { type: "proposal" },
        attachments: [file("dpia.pdf", { type: "proposal" })],
        canAdd: true,
      });
      expect(files.container.textContent).toContain("added by");
      expect(dutchOnScreen(files.container)).toEqual([]);
      const none = render(AttachmentList, {
        pilotId: "p1",
        place: { type: "condition", condition: 0 },
        attachments: [],
      });
      expect(none.container.textContent).toContain("No attachments.");
      expect(dutchOnScreen(none.container)).toEqual([]);
    } finally {
      showLanguage("nl");
    }
  });
});
