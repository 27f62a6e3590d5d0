import type { Catalogue } from "../nl";

export const proposal: Catalogue["proposal"] = {
  allPilots: "← All pilots",
  newTitle: "New proposal",
  fields: {
    title: { label: "Name of the pilot", help: "A short name, for example: Chatbot for questions about waste." },
    projectLead: { label: "Project lead", help: "Who is the committee's point of contact?" },
    department: { label: "Department", help: "Which department or team does the pilot belong to?" },
    description: {
      label: "Description",
      help: "What does the AI do, and for whom? Write it so that a resident understands it.",
    },
    purpose: { label: "Purpose", help: "Which problem does the pilot solve, and how do you see that it works?" },
    dataUsed: {
      label: "Data",
      help: "Which data does the pilot use? Name personal data too, such as names or chat messages.",
    },
  },
  savedNotSubmitted: "The draft has been saved, but not yet submitted. Add what is missing, then submit it.",
  submitted: "The proposal has been submitted to the committee.",
  draftSaved: "The draft has been saved.",
  reviewStarted: "The committee has taken the proposal into review.",
  exported: (path: string) => `The proposal has been saved: ${path}. Send this file to the committee's secretary.`,
  locked: "This proposal has been submitted. It can no longer be changed.",
  choose: "Choose…",
  wizardTitle: "AI Act wizard",
  wizardHelp:
    "Answer the questions as well as you can. The outcome changes with every answer, and you see why. With these answers AI-toets also chooses which assessment questions apply to the pilot.",
  answersTitle: "Answers per assessment question",
  answersHelp:
    "Optional, but useful: the committee sees your answer and the evidence next to each question. Questions that do not apply according to your answers above are left out (save first after a change).",
  answered: (done: number, total: number) => `(${done}/${total} answered)`,
  evidenceAsked: (evidence: string) => `Evidence asked for: ${evidence}`,
  evidenceFor: (question: string) => `Evidence for: ${question}`,
  evidencePlaceholder: "Evidence (for example the name of an attachment)",
  saveDraft: "Save as draft",
  changedElsewhere:
    "Someone else saved this proposal meanwhile. What you typed is still in the form and has not been saved. Choose which version stays.",
  theirVersion: "Their version says:",
  theirOtherAnswers: "The difference is in the decision aid, the further details or the answers per review question.",
  keepMine: "Save my version",
  takeTheirs: "Take their version",
  submit: "Submit to the committee",
  export: "Export proposal…",
  startReview: "Take into review",
  register: {
    title: "Start from the Algorithm Register",
    entries: (n: number) => `This file holds ${n} entries. Choose the entry to start the proposal with.`,
    readFirst:
      "Read this before you start the proposal. What is listed below is not (or not wholly) in the proposal. Copy what you need.",
    shortened: "Shortened:",
    shortenedText: (label: string, into: string) =>
      `${label} does not wholly fit in ‘${into}’ and was shortened at a word boundary. The whole text:`,
    notImported: "Not taken over:",
    nothingLeftOut: "Everything in this entry is in the proposal.",
    busy: "Working…",
    start: "Start the proposal",
  },
};
