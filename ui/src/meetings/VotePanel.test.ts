import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import VotePanel from "./VotePanel.svelte";

const MEETING = "00000000-0000-4000-9000-000000000001";
const PILOT = "00000000-0000-4000-8000-000000000001";
const meeting = {
  id: MEETING,
  revision: 1,
  date: "2026-11-20",
  place: "Raadszaal",
  members: [
    { name: "Marieke de Vries", role: "chair", present: true },
    { name: "Joost Elberts", role: "secretary", present: true },
  ],
  quorum: { type: "majority" },
  agenda: [PILOT],
  conflicts: [],
  votes: [],
  minorityOpinions: [],
};
const view = {
  pilot: { id: PILOT, decision: null },
  meeting: { meeting, eligible: ["Marieke de Vries", "Joost Elberts"], quorumMet: true },
  actions: { vote: true },
};

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("votes in a meeting", () => {
  it("records a vote chosen with the arrow keys once the focus leaves the choices, not at every step", async () => {
    const cast: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "minutes_status") return { meetingId: MEETING, secretary: "Joost Elberts" };
      if (cmd === "cast_vote") {
        const a = args as { member: string; choice: string };
        cast.push(`${a.member}: ${a.choice}`);
        return {};
      }
      if (cmd === "get_pilot") return view;
      throw new Error(`unexpected ${cmd}`);
    });
    const { container } = render(VotePanel, { view: view as never, onsaved: () => {} });
    const radio = (member: string, choice: string) =>
      container.querySelector<HTMLInputElement>(`input[name="vote-${member}"][data-vote=${choice}]`)!;
    await waitFor(() => expect(radio("Marieke de Vries", "for").disabled).toBe(false));

    // Arrow keys: for → against → abstain, each a change; nothing is recorded yet.
    const steps: [string, string][] = [
      ["for", "against"],
      ["against", "abstain"],
    ];
    for (const [from, to] of steps) {
      await fireEvent.keyDown(radio("Marieke de Vries", from), { key: "ArrowDown" });
      radio("Marieke de Vries", to).checked = true;
      await fireEvent.change(radio("Marieke de Vries", to));
    }
    expect(cast).toEqual([]);
    // Leaving the choices records the one chosen, once.
    await fireEvent.focusOut(radio("Marieke de Vries", "abstain"), { relatedTarget: document.body });
    await waitFor(() => expect(cast).toEqual(["Marieke de Vries: abstain"]));

    // A click (or Space) records at once.
    await fireEvent.click(radio("Joost Elberts", "against"));
    await waitFor(() => expect(cast).toEqual(["Marieke de Vries: abstain", "Joost Elberts: against"]));
  });
});
