import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import ProposalForm from "./ProposalForm.svelte";
import type { PilotView } from "../lib/bindings";
import { showLanguage } from "../lib/i18n";
import { dutchOnScreen } from "../lib/i18n/probe";

const openConclusion = {
  wizardVersion: "test",
  complete: false,
  asked: ["a", "b"],
  open: ["a", "b"],
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

/** The form's own look-ups (wizard, intake fields), answered empty; other commands go to `rest`. */
function withWizard(rest: (cmd: string, args: unknown) => unknown) {
  return (cmd: string, args: unknown) => {
    if (cmd === "ai_act_wizard") return { version: "test", questions: [] };
    if (cmd === "intake_form") return [];
    if (cmd === "conclude_ai_act") return { ...openConclusion, asked: [], open: [] };
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

const text = (nl: string, en: string) => ({ nl, en });
const intake = [
  {
    key: "verantwoordelijk",
    title: "Wie is verantwoordelijk",
    titleEn: "Who is responsible",
    fields: [
      {
        key: "owner",
        section: "verantwoordelijk",
        label: text("Eigenaar", "Owner"),
        help: text("Wie is eindverantwoordelijk voor de pilot?", "Who is ultimately responsible for the pilot?"),
        kind: "line",
        required: true,
        max: 200,
        options: [],
      },
      {
        key: "startDate",
        section: "verantwoordelijk",
        label: text("Startdatum", "Start date"),
        help: text("Wanneer begint de pilot met echte gevolgen?", "When does the pilot start with real effects?"),
        kind: "date",
        required: true,
        max: 10,
        options: [],
      },
      {
        key: "dpiaStatus",
        section: "verantwoordelijk",
        label: text("Stand van de DPIA", "DPIA status"),
        help: text("Is er een DPIA gedaan?", "Has a DPIA been carried out?"),
        kind: "choice",
        required: false,
        max: 100,
        options: [text("Nog niet begonnen", "Not started"), text("Afgerond", "Completed")],
      },
    ],
  },
];
describe("submitting the proposal form", () => {
  it("names every field the core names at the first submit of an empty form, and saves nothing", async () => {
    const calls: string[] = [];
    const allMissing = {
      kind: "invalid",
      message: "4 velden zijn nog niet goed ingevuld.",
      messageEn: "4 fields are not filled in correctly.",
      fields: [
        { field: "title", message: "Vul de naam van de pilot in.", messageEn: "Fill in the pilot's name." },
        { field: "projectLead", message: "Vul de projectleider in.", messageEn: "Fill in the project lead." },
        { field: "owner", message: "Vul in: Eigenaar.", messageEn: "Fill in: Owner." },
        { field: "aiAct", message: "Maak de beslishulp AI-verordening af: nog 2 vragen open.", messageEn: "x" },
      ],
    };
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "ai_act_wizard") return { version: "test", questions: [] };
      if (cmd === "intake_form") return intake;
      if (cmd === "conclude_ai_act") return openConclusion;
      if (cmd === "check_proposal") throw allMissing;
      throw new Error(`unexpected ${cmd}`);
    });
    render(ProposalForm, { onsaved: () => {} });
    await vi.waitFor(() => expect(document.querySelector("[data-intake=owner]")).not.toBeNull());
    await fireEvent.click(document.querySelector("[data-action=submit-proposal]")!);
    await screen.findByText("4 velden zijn nog niet goed ingevuld.");
    const error = (id: string) => document.querySelector(`[data-field-error="${id}"]`)?.textContent;
    expect(error("proposal-title")).toBe("Vul de naam van de pilot in.");
    expect(error("proposal-projectLead")).toBe("Vul de projectleider in.");
    expect(error("intake-owner")).toBe("Vul in: Eigenaar.");
    expect(document.querySelector("[data-field-error=aiAct]")?.textContent).toBe(
      "Maak de beslishulp AI-verordening af: nog 2 vragen open.",
    );
    // Nothing saved without a name, nothing submitted; the keyboard is on the first field named.
    expect(calls.filter((c) => /pilot|proposal/.test(c))).toEqual(["check_proposal"]);
    await vi.waitFor(() => expect(document.activeElement?.id).toBe("proposal-title"));
  });

  it("keeps a named proposal as a draft when the submit is refused, and changes that draft next", async () => {
    const calls: string[] = [];
    mockIPC((cmd, args) => {
      calls.push(cmd);
      if (cmd === "ai_act_wizard") return { version: "test", questions: [] };
      if (cmd === "intake_form") return intake;
      if (cmd === "conclude_ai_act") return openConclusion;
      if (cmd === "create_pilot" || cmd === "update_proposal")
        return { pilot: { id: "p1", status: "draft", proposal: (args as { proposal: unknown }).proposal } };
      if (cmd === "check_proposal")
        throw {
          kind: "invalid",
          message: "2 velden zijn nog niet goed ingevuld.",
          messageEn: "2 fields are not filled in correctly.",
          fields: [
            { field: "projectLead", message: "Vul de projectleider in.", messageEn: "Fill in the project lead." },
            { field: "owner", message: "Vul in: Eigenaar.", messageEn: "Fill in: Owner." },
          ],
        };
      throw new Error(`unexpected ${cmd}`);
    });
    const saved: string[] = [];
    render(ProposalForm, { onsaved: (v: { pilot: { id: string } }) => saved.push(v.pilot.id) });
    await fireEvent.input(screen.getByLabelText(/Naam van de pilot/), { target: { value: "Chatbot" } });
    await fireEvent.click(document.querySelector("[data-action=submit-proposal]")!);
    await screen.findByText("2 velden zijn nog niet goed ingevuld.");
    expect(document.querySelector("[data-saved-not-submitted]")).not.toBeNull();
    expect(saved).toEqual([]);
    await fireEvent.click(document.querySelector("[data-action=save-draft]")!);
    await vi.waitFor(() => expect(saved).toEqual(["p1"]));
    expect(calls.filter((c) => /pilot|proposal/.test(c))).toEqual([
      "check_proposal",
      "create_pilot",
      "update_proposal",
    ]);
  });

  it("takes a date typed as dd-mm-jjjj and sends it as the core keeps it", async () => {
    const sent: { details: Record<string, string> }[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "ai_act_wizard") return { version: "test", questions: [] };
      if (cmd === "intake_form") return intake;
      if (cmd === "conclude_ai_act") return openConclusion;
      if (cmd === "create_pilot") {
        const proposal = (args as { proposal: { details: Record<string, string> } }).proposal;
        sent.push(proposal);
        return { pilot: { id: "p1", status: "draft", proposal } };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(ProposalForm, { onsaved: () => {} });
    const date = await vi.waitFor(() => {
      const el = document.querySelector<HTMLInputElement>("[data-intake=startDate]");
      if (!el) throw new Error("no date field yet");
      return el;
    });
    expect(date.placeholder).toBe("dd-mm-jjjj");
    await fireEvent.input(screen.getByLabelText(/Naam van de pilot/), { target: { value: "Chatbot" } });
    await fireEvent.input(date, { target: { value: "04-01-2027" } });
    await fireEvent.click(document.querySelector("[data-action=save-draft]")!);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.details.startDate).toBe("2027-01-04");
  });
});

describe("the proposal form in English", () => {
  it("shows no Dutch of its own: labels, intake, the answers per question and the refusal", async () => {
    mockIPC((cmd) => {
      if (cmd === "ai_act_wizard") return { version: "test", questions: [] };
      if (cmd === "intake_form") return intake;
      if (cmd === "conclude_ai_act") return openConclusion;
      if (cmd === "check_proposal")
        throw {
          kind: "invalid",
          message: "3 velden zijn nog niet goed ingevuld.",
          messageEn: "3 fields are not filled in correctly.",
          fields: [
            { field: "title", message: "Vul de naam van de pilot in.", messageEn: "Fill in the pilot's name." },
            { field: "owner", message: "Vul in: Eigenaar.", messageEn: "Fill in: Owner." },
            {
              field: "aiAct",
              message: "Maak de beslishulp AI-verordening af: nog 2 vragen open.",
              messageEn: "Finish the AI Act wizard: 2 questions open.",
            },
          ],
        };
      throw new Error(`unexpected ${cmd}`);
    });
    const view = {
      pilot: {
        id: "p1",
        status: "draft",
        proposal: {
          title: "",
          projectLead: "",
          department: "",
          description: "",
          purpose: "",
          dataUsed: "",
          details: {},
          aiAct: {},
          questionAnswers: {},
        },
      },
      actions: { editProposal: true, submit: true, startReview: false },
      notApplicable: {},
      aiAct: null,
      framework: {
        areas: [
          {
            id: "doel",
            title: text("Doel en noodzaak", "Purpose and necessity"),
            questions: [
              {
                id: "doel.probleem",
                text: text("Welk probleem lost de pilot op?", "Which problem does the pilot solve?"),
                evidence: text("Een probleemanalyse", "A problem analysis"),
              },
            ],
          },
        ],
      },
    };
    showLanguage("en");
    try {
      const { container } = render(ProposalForm, { view: view as never, onsaved: () => {} });
      await vi.waitFor(() => expect(document.querySelector("[data-intake=owner]")).not.toBeNull());
      expect(screen.getByText("Who is responsible")).toBeTruthy();
      expect(screen.getByLabelText(/Owner/)).toBeTruthy();
      expect(screen.getByRole("option", { name: "Not started" })).toBeTruthy();
      expect((document.querySelector("[data-intake=startDate]") as HTMLInputElement).placeholder).toBe("dd-mm-yyyy");
      expect(screen.getByText(/Purpose and necessity/)).toBeTruthy();
      expect(dutchOnScreen(container)).toEqual([]);

      await fireEvent.click(document.querySelector("[data-action=submit-proposal]")!);
      await screen.findByText("3 fields are not filled in correctly.");
      expect(document.querySelector('[data-field-error="intake-owner"]')?.textContent).toBe("Fill in: Owner.");
      expect(document.querySelector("[data-field-error=aiAct]")?.textContent).toBe(
        "Finish the AI Act wizard: 2 questions open.",
      );
      expect(dutchOnScreen(container)).toEqual([]);
    } finally {
      showLanguage("nl");
    }
  });
});

describe("the proposal form, edited on two machines", () => {
  it("never overwrites a proposal someone else saved meanwhile: it shows theirs, keeps the form, and saves only the choice", async () => {
    const proposal = {
      title: "Chatbot",
      projectLead: "Anouk",
      department: "Publiekszaken",
      description: "",
      purpose: "",
      dataUsed: "",
      aiAct: {},
      details: {},
      questionAnswers: {},
    };
    const theirs = { ...proposal, department: "Dienstverlening" };
    const view = (p: unknown) =>
      ({
        pilot: { id: "p1", status: "draft", proposal: p },
        actions: { editProposal: true, submit: true },
        framework: { areas: [] },
        notApplicable: {},
      }) as unknown as PilotView;
    const updates: { proposal: { department: string }; basedOn: { department: string } }[] = [];
    mockIPC(
      withWizard((cmd, args) => {
        if (cmd === "get_pilot") return view(theirs);
        if (cmd !== "update_proposal") throw new Error(`unexpected ${cmd}`);
        const a = args as (typeof updates)[number];
        updates.push(a);
        if (a.basedOn.department !== theirs.department)
          throw { kind: "conflict", message: "Iemand anders…", messageEn: "Someone else…", fields: [] };
        return view(a.proposal);
      }),
    );
    const saved: unknown[] = [];
    render(ProposalForm, { view: view(proposal), onsaved: (v: unknown) => saved.push(v) });
    await fireEvent.input(screen.getByLabelText(/Afdeling/), { target: { value: "Burgerzaken" } });
    await fireEvent.click(document.querySelector("[data-action=save-draft]")!);
    await vi.waitFor(() => expect(document.querySelector("[data-conflict=proposal]")).not.toBeNull());
    expect(document.querySelector("[data-theirs]")?.textContent).toContain("Dienstverlening");
    expect(screen.getByLabelText<HTMLInputElement>(/Afdeling/).value).toBe("Burgerzaken");
    expect(saved).toEqual([]);
    await fireEvent.click(document.querySelector("[data-keep-mine]")!);
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect(updates.map((u) => [u.proposal.department, u.basedOn.department])).toEqual([
      ["Burgerzaken", "Publiekszaken"],
      ["Burgerzaken", "Dienstverlening"],
    ]);
  });
});
