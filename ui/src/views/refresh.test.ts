// Live refresh on the screens: a change seen in the audit trail (another window or machine)
// makes them read their data again, and nothing typed is lost by it.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import Overview from "./Overview.svelte";
import PilotPage from "./PilotPage.svelte";
import MeetingsPage from "./MeetingsPage.svelte";
import CommitteePage from "./CommitteePage.svelte";
import { forgetHead, watchChanges } from "../lib/changes.svelte";
import { connection } from "../lib/connection.svelte";
import { dropDraft } from "../decision/draft";
import { openConclusion } from "../testing/fixtures";

const ID = "00000000-0000-4000-8000-000000000001";

/** The head of the audit trail the mocked shell reports; a test moves it to say "changed". */
let head = "h0";
let stop: () => void = () => {};

/** Answers audit_head with the current head, everything else with `rest`. */
function shell(rest: (cmd: string, args: Record<string, unknown>) => unknown) {
  mockIPC((cmd, args) => {
    if (cmd === "audit_head") return { entries: 1, head };
    return rest(cmd, (args ?? {}) as Record<string, unknown>);
  });
}

/** Waits in real time (only the polling's interval is fake) until `check` passes. */
async function until<T>(check: () => T, ms = 2000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/** Another window or machine wrote: the next look (3 seconds on) sees a new head. */
async function changedElsewhere() {
  head = `${head}+`;
  await vi.advanceTimersByTimeAsync(3000);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
  forgetHead();
  head = "h0";
  connection.down = false;
});

afterEach(() => {
  stop();
  stop = () => {};
  cleanup();
  clearMocks();
  vi.useRealTimers();
  connection.down = false;
});

const summary = (n: number, status = "inReview") => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  title: `Pilot ${n}`,
  department: "Publiekszaken",
  status,
  updatedAt: "2026-11-28T10:00:00Z",
  round: 1,
});

describe("the overview", () => {
  it("reads the list again when the head moved, and not while it stays", async () => {
    let pilots = [summary(1)];
    let listed = 0;
    shell((cmd) => {
      if (cmd === "list_pilots") {
        listed += 1;
        return pilots;
      }
      throw new Error(`not needed here: ${cmd}`);
    });
    render(Overview);
    await screen.findByText("Pilot 1");
    stop = watchChanges();
    await vi.advanceTimersByTimeAsync(3000);
    await vi.advanceTimersByTimeAsync(3000);
    await new Promise((r) => setTimeout(r, 30));
    expect(listed).toBe(1);

    pilots = [summary(1), summary(2)];
    await changedElsewhere();
    await screen.findByText("Pilot 2");
    expect(listed).toBe(2);
  });

  it("keeps the search typed and searches again with it", async () => {
    const searched: unknown[] = [];
    let found = [summary(3)];
    shell((cmd, args) => {
      if (cmd === "list_pilots") return [summary(1), summary(3)];
      if (cmd === "search_pilots") {
        searched.push(args.query);
        return found;
      }
      throw new Error(`not needed here: ${cmd}`);
    });
    render(Overview);
    const search = (await screen.findByLabelText(/Zoek/)) as HTMLInputElement;
    search.focus();
    await fireEvent.input(search, { target: { value: "Pilot 3" } });
    await until(() => expect(searched).toEqual(["Pilot 3"]));
    stop = watchChanges();
    found = [summary(3, "decided")];
    await changedElsewhere();
    await until(() => expect(searched).toEqual(["Pilot 3", "Pilot 3"]));
    await until(() => expect(document.querySelector("[data-status=decided]")).not.toBeNull());
    expect(search.value).toBe("Pilot 3");
  });
});

const question = (id: string) => ({
  id,
  text: { nl: `Vraag ${id}?`, en: "" },
  help: { nl: "", en: "" },
  evidence: { nl: "", en: "" },
  legal_basis: [],
  applies_when: "always",
  knock_out: false,
});

type Answer = { verdict: string | null; notes: string };

/** The pilot at `revision` with these answers, in `status` with the core's actions for it. */
function pilot(revision: number, answers: Record<string, Answer>, over: { status?: string; title?: string } = {}) {
  const status = over.status ?? "inReview";
  const draft = status === "draft";
  const answered = Object.values(answers).filter((a) => a.verdict).length;
  return {
    pilot: {
      id: ID,
      revision,
      status,
      framework: { id: "test", version: "1" },
      proposal: {
        title: over.title ?? "Chatbot afvalwijzer",
        projectLead: "R. de Vries",
        department: "Publiekszaken",
        description: "",
        purpose: "",
        dataUsed: "",
      },
      answers,
      decision: null,
      signatures: [],
      createdAt: "2026-11-01T10:00:00Z",
      updatedAt: "2026-11-01T10:00:00Z",
    },
    framework: {
      id: "test",
      version: "1",
      effective_from: "2026-01-01",
      title: { nl: "Kader", en: "" },
      change_summary: { nl: "", en: "" },
      areas: [{ id: "a", title: { nl: "Thema", en: "" }, questions: [question("a.1"), question("a.2")] }],
    },
    unanswered: ["a.1", "a.2"].filter((q) => !answers[q]?.verdict),
    knockOuts: [],
    aiAct: openConclusion,
    notApplicable: {},
    missingRoles: [],
    draft: {
      positiveAllowed: true,
      negativeOnly: false,
      decidingUnknowns: [],
      conditions: [],
      areas: [
        {
          areaId: "a",
          applicable: 2,
          answered,
          knockOut: false,
          complies: answered,
          compliesWithConditions: 0,
          doesNotComply: 0,
          notApplicable: 0,
          open: 2 - answered,
        },
      ],
    },
    meeting: null,
    changedOutside: false,
    contentHash: "00",
    signatureChecks: [],
    attachments: [],
    mayAttachToProposal: false,
    actions: {
      editProposal: draft,
      submit: draft,
      startReview: status === "submitted",
      answer: status === "inReview",
      decide: status === "inReview",
      reopen: false,
      sign: false,
      exportPdf: false,
      putOnAgenda: false,
      exportRegister: false,
      vote: false,
    },
    signers: [],
  };
}

/** The proposal form's own look-ups (the wizard, the intake fields), answered empty. */
function lookUps(cmd: string): unknown {
  if (cmd === "ai_act_wizard") return { version: "test", questions: [] };
  if (cmd === "intake_form") return [];
  if (cmd === "conclude_ai_act") return openConclusion;
  return undefined;
}

const notesOf = (q: string) => document.querySelector<HTMLTextAreaElement>(`textarea[data-notes='${q}']`)!;
const verdictOf = (q: string) =>
  document.querySelector<HTMLInputElement>(`[data-question='${q}'] input[data-verdict]:checked`)?.value ?? null;

describe("the review on the pilot page", () => {
  it("keeps the notes being typed when someone else answers the same question, and shows a question left alone as stored", async () => {
    let stored = pilot(5, {});
    const saves: { questionId: unknown; answer: unknown }[] = [];
    shell((cmd, args) => {
      if (cmd === "get_pilot") return stored;
      if (cmd === "set_answer") {
        saves.push({ questionId: args.questionId, answer: args.answer });
        const answer = args.answer as Answer;
        stored = pilot(stored.pilot.revision + 1, { ...stored.pilot.answers, [args.questionId as string]: answer });
        return stored;
      }
      throw new Error(`not needed here: ${cmd}`);
    });
    render(PilotPage, { id: ID, tab: "review" });
    await until(() => expect(notesOf("a.1")).toBeTruthy());
    stop = watchChanges();

    // Typing in a.1; the autosave's pause has not passed yet.
    notesOf("a.1").focus();
    await fireEvent.input(notesOf("a.1"), { target: { value: "Wij missen de DPIA" } });
    // Meanwhile another member answered both questions on another machine.
    stored = pilot(6, {
      "a.1": { verdict: "doesNotComply", notes: "Van een ander lid" },
      "a.2": { verdict: "complies", notes: "Op orde" },
    });
    await changedElsewhere();
    await until(() => expect(document.querySelector("[data-area=a] .progress")?.textContent).toContain("2/2"));
    // The card left alone shows what is stored now; the one being typed in keeps its text.
    await until(() => expect(notesOf("a.2").value).toBe("Op orde"));
    expect(verdictOf("a.2")).toBe("complies");
    expect(notesOf("a.1").value).toBe("Wij missen de DPIA");
    expect(document.activeElement).toBe(notesOf("a.1"));

    // The typed notes are saved as typed (the pause passes in real time).
    await until(() => expect(saves).toHaveLength(1));
    expect(saves[0]).toEqual({
      questionId: "a.1",
      answer: { verdict: null, notes: "Wij missen de DPIA", conditions: [] },
    });
    // That save moves the head too: the page reads again, and the text is still there.
    await changedElsewhere();
    await new Promise((r) => setTimeout(r, 30));
    expect(notesOf("a.1").value).toBe("Wij missen de DPIA");
  });

  it("keeps typed notes that failed to save, also without focus, until they are saved", async () => {
    let stored = pilot(5, {});
    let refuse = true;
    shell((cmd, args) => {
      if (cmd === "get_pilot") return stored;
      if (cmd === "set_answer") {
        if (refuse)
          throw {
            kind: "locked",
            message: "De review is gesloten.",
            messageEn: "The review is closed.",
            fields: [],
          };
        stored = pilot(stored.pilot.revision + 1, { "a.1": args.answer as Answer });
        return stored;
      }
      throw new Error(`not needed here: ${cmd}`);
    });
    render(PilotPage, { id: ID, tab: "review" });
    await until(() => expect(notesOf("a.1")).toBeTruthy());
    stop = watchChanges();
    await fireEvent.input(notesOf("a.1"), { target: { value: "Nog te bespreken" } });
    await fireEvent.blur(notesOf("a.1"));
    await until(() => expect(document.querySelector("[data-question='a.1'] [data-save-state=error]")).not.toBeNull());
    stored = pilot(6, { "a.1": { verdict: "complies", notes: "" } });
    refuse = false;
    await changedElsewhere();
    // The retry at that look saves what is in the field: the typed text, not the other one.
    await until(() => expect(document.querySelector("[data-question='a.1'] [data-save-state=saved]")).not.toBeNull());
    expect(notesOf("a.1").value).toBe("Nog te bespreken");
    expect(stored.pilot.answers["a.1"]).toEqual({ verdict: null, notes: "Nog te bespreken", conditions: [] });
  });

  it("waits for an unreachable server with the text in the field, without an alert, and saves it when the server is back", async () => {
    let stored = pilot(5, {});
    let down = false;
    const saved: unknown[] = [];
    const unreachable = {
      kind: "unreachable",
      message: "De databaseserver antwoordt niet.",
      messageEn: "The database server does not answer.",
      fields: [],
    };
    mockIPC((cmd, args) => {
      if (cmd === "audit_head") {
        if (down) throw unreachable;
        return { entries: 1, head };
      }
      if (cmd === "get_pilot") return stored;
      if (cmd === "set_answer") {
        if (down) throw unreachable;
        const a = (args as { answer: Answer }).answer;
        saved.push(a);
        stored = pilot(stored.pilot.revision + 1, { "a.1": a });
        return stored;
      }
      throw new Error(`not needed here: ${cmd}`);
    });
    render(PilotPage, { id: ID, tab: "review" });
    await until(() => expect(notesOf("a.1")).toBeTruthy());
    stop = watchChanges();
    down = true;
    notesOf("a.1").focus();
    await fireEvent.input(notesOf("a.1"), { target: { value: "Bespreken met de FG" } });
    const state = () => document.querySelector("[data-question='a.1'] [data-save-state]");
    await until(() => expect(state()?.getAttribute("data-save-state")).toBe("waiting"));
    expect(state()?.textContent?.trim()).toBe("Nog niet opgeslagen: wacht op de server");
    expect(document.querySelector("[data-question='a.1'] [role=alert]")).toBeNull();
    expect(connection.down).toBe(true);
    await vi.advanceTimersByTimeAsync(3000);
    expect(notesOf("a.1").value).toBe("Bespreken met de FG");
    expect(saved).toEqual([]);

    down = false;
    await vi.advanceTimersByTimeAsync(3000);
    await until(() => expect(state()?.getAttribute("data-save-state")).toBe("saved"));
    expect(saved).toEqual([{ verdict: null, notes: "Bespreken met de FG", conditions: [] }]);
    expect(notesOf("a.1").value).toBe("Bespreken met de FG");
  });
});

const titleField = () => screen.getByLabelText(/Naam van de pilot/) as HTMLInputElement;
const purposeField = () => document.querySelector<HTMLTextAreaElement>("#proposal-purpose")!;

describe("the proposal form on the pilot page", () => {
  function draftShell(current: () => ReturnType<typeof pilot>) {
    shell((cmd) => {
      const found = lookUps(cmd);
      if (found !== undefined) return found;
      if (cmd === "get_pilot") return current();
      throw new Error(`not needed here: ${cmd}`);
    });
  }

  it("keeps what is typed, focused or not, when the proposal changed elsewhere", async () => {
    let stored = pilot(3, {}, { status: "draft" });
    draftShell(() => stored);
    render(PilotPage, { id: ID, tab: "proposal" });
    await until(() => expect(titleField().value).toBe("Chatbot afvalwijzer"));
    stop = watchChanges();

    titleField().focus();
    await fireEvent.input(titleField(), { target: { value: "Chatbot afvalwijzer 2.0" } });
    stored = pilot(4, {}, { status: "draft", title: "Afvalchatbot (door een collega)" });
    await changedElsewhere();
    await until(() =>
      expect(document.querySelector("[data-pilot-title]")?.textContent).toBe("Afvalchatbot (door een collega)"),
    );
    expect(titleField().value).toBe("Chatbot afvalwijzer 2.0");

    // Focus elsewhere, not saved yet: still kept.
    titleField().blur();
    stored = pilot(5, {}, { status: "draft", title: "Nog een andere naam" });
    await changedElsewhere();
    await until(() => expect(document.querySelector("[data-pilot-title]")?.textContent).toBe("Nog een andere naam"));
    expect(titleField().value).toBe("Chatbot afvalwijzer 2.0");
  });

  it("shows a change made elsewhere when nothing is typed here", async () => {
    let stored = pilot(3, {}, { status: "draft" });
    draftShell(() => stored);
    render(PilotPage, { id: ID, tab: "proposal" });
    await until(() => expect(titleField().value).toBe("Chatbot afvalwijzer"));
    stop = watchChanges();
    stored = pilot(4, {}, { status: "draft", title: "Afvalchatbot" });
    stored.pilot.proposal.purpose = "Vragen over afval sneller beantwoorden.";
    await changedElsewhere();
    await until(() => expect(titleField().value).toBe("Afvalchatbot"));
    expect(purposeField().value).toBe("Vragen over afval sneller beantwoorden.");
  });

  it("keeps the typed text on screen when the proposal was handed in elsewhere meanwhile", async () => {
    let stored = pilot(3, {}, { status: "draft" });
    draftShell(() => stored);
    render(PilotPage, { id: ID, tab: "proposal" });
    await until(() => expect(titleField().value).toBe("Chatbot afvalwijzer"));
    stop = watchChanges();
    await fireEvent.input(purposeField(), { target: { value: "Inwoners sneller helpen." } });
    purposeField().blur();
    stored = pilot(4, {}, { status: "submitted" });
    await changedElsewhere();
    await until(() => expect(document.querySelector("[data-next-step-status]")?.textContent).toContain("Ingediend"));
    // The form is not opened afresh: the text typed is still there (read-only now).
    expect(purposeField().value).toBe("Inwoners sneller helpen.");
    expect(purposeField().readOnly).toBe(true);
  });
});

describe("the decision form on the pilot page", () => {
  afterEach(() => dropDraft(ID));

  it("keeps the reasons typed when a decision was recorded elsewhere meanwhile", async () => {
    const both = { "a.1": { verdict: "complies", notes: "" }, "a.2": { verdict: "complies", notes: "" } };
    let stored: ReturnType<typeof pilot> = pilot(7, both);
    shell((cmd) => {
      if (cmd === "get_pilot") return stored;
      throw new Error(`not needed here: ${cmd}`);
    });
    render(PilotPage, { id: ID, tab: "decision" });
    const reasons = () => document.querySelector<HTMLTextAreaElement>("#decision-reasons")!;
    await until(() => expect(reasons()).not.toBeNull());
    stop = watchChanges();
    await fireEvent.input(reasons(), { target: { value: "De risico’s zijn beheersbaar." } });
    reasons().blur();

    const decided = pilot(8, both, { status: "decided" });
    (decided.pilot as Record<string, unknown>).decision = {
      outcome: "negative",
      reasons: "Vastgelegd op een andere computer.",
      conditions: [],
      evaluationDate: null,
      reportDates: [],
      decidedAt: "2026-12-01T10:00:00Z",
      meeting: null,
    };
    stored = decided;
    await changedElsewhere();
    await until(() => expect(document.querySelector("[data-next-step-status]")?.textContent).toContain("Besloten"));
    expect(reasons().value).toBe("De risico’s zijn beheersbaar.");
  });
});

describe("the meetings list", () => {
  it("shows a meeting planned elsewhere", async () => {
    const meeting = (id: string, date: string) => ({
      id,
      revision: 1,
      date,
      place: "Raadzaal",
      members: [],
      quorum: { type: "majority" },
      agenda: [],
      conflicts: [],
    });
    let meetings = [meeting("m1", "2026-12-01")];
    shell((cmd) => {
      if (cmd === "list_meetings") return meetings;
      throw new Error(`not needed here: ${cmd}`);
    });
    render(MeetingsPage);
    await until(() => expect(document.querySelectorAll("[data-meeting]")).toHaveLength(1));
    stop = watchChanges();
    meetings = [meeting("m2", "2026-12-15"), ...meetings];
    await changedElsewhere();
    await until(() => expect(document.querySelectorAll("[data-meeting]")).toHaveLength(2));
  });
});

describe("the committee page", () => {
  it("shows a new member added elsewhere and keeps the new member and policy being typed here", async () => {
    const member = (id: string, name: string, role: string) => ({
      id,
      name,
      role,
      keys: [{ id: `k-${id}`, fingerprint: `fp-${id}`, current: true, createdAt: "2026-11-01T10:00:00Z" }],
      active: true,
    });
    let members = [member("1", "A. Jansen", "chair"), member("2", "B. Bakker", "secretary")];
    let policy = { requiredRoles: ["chair", "secretary"] };
    shell((cmd) => {
      if (cmd === "roster_status")
        return { founded: true, legacy: false, officers: ["chair", "secretary"], approvals: 2, events: 2 };
      if (cmd === "list_members") return members;
      if (cmd === "signing_policy") return policy;
      throw new Error(`not needed here: ${cmd}`);
    });
    render(CommitteePage);
    const name = (await screen.findByLabelText(/Naam/, { selector: "#member-name" })) as HTMLInputElement;
    stop = watchChanges();
    await fireEvent.input(name, { target: { value: "C. de Wit" } });
    const others = document.querySelector<HTMLInputElement>("#policy-members")!;
    await fireEvent.input(others, { target: { value: "2" } });

    members = [...members, member("3", "D. Smit", "member")];
    policy = { requiredRoles: ["chair", "secretary", "member"] };
    await changedElsewhere();
    await screen.findByText("D. Smit");
    expect(name.value).toBe("C. de Wit");
    // The policy form was changed here: it keeps the 2 typed, not the 1 stored elsewhere.
    expect(others.value).toBe("2");
    expect(document.querySelector<HTMLInputElement>("#policy-chair")!.checked).toBe(true);
  });

  it("shows a policy changed elsewhere when its form was left alone", async () => {
    let policy = { requiredRoles: ["chair", "secretary"] };
    shell((cmd) => {
      if (cmd === "roster_status")
        return { founded: true, legacy: false, officers: ["chair", "secretary"], approvals: 2, events: 2 };
      if (cmd === "list_members") return [];
      if (cmd === "signing_policy") return policy;
      throw new Error(`not needed here: ${cmd}`);
    });
    render(CommitteePage);
    await until(() => expect(document.querySelector<HTMLInputElement>("#policy-members")).not.toBeNull());
    stop = watchChanges();
    policy = { requiredRoles: ["chair", "member", "member"] };
    await changedElsewhere();
    await until(() => expect(document.querySelector<HTMLInputElement>("#policy-members")!.value).toBe("2"));
    expect(document.querySelector<HTMLInputElement>("#policy-secretary")!.checked).toBe(false);
  });
});
