// Which screen is open. Kept outside components so any view can navigate.
export type Tab = "proposal" | "review" | "decision" | "signing" | "export" | "followup" | "comparison";

export type Screen =
  | { name: "overview" }
  | { name: "framework" }
  | { name: "committee" }
  | { name: "dashboard" }
  | { name: "archive" }
  | { name: "settings" }
  | { name: "meetings" }
  | { name: "newMeeting" }
  | { name: "meeting"; id: string; flash?: string }
  | { name: "present"; pilotId: string; meetingId: string }
  | { name: "new" }
  | { name: "reportFile" }
  | { name: "pilot"; id: string; tab: Tab; flash?: string };

export const nav = $state<{ screen: Screen }>({ screen: { name: "overview" } });

export function go(screen: Screen) {
  nav.screen = screen;
}
