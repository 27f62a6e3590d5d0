import { mount } from "svelte";
import App from "./App.svelte";
import { call, commands } from "./lib/ipc";
import { showLanguage } from "./lib/i18n";
import { watchBidiControls } from "./lib/bidi";
import { dutchOnScreen } from "./lib/i18n/probe";
import "./app.css";

const target = document.getElementById("app");
if (!target) throw new Error("#app missing from index.html");
const root: HTMLElement = target;

// For the end-to-end suite's language test (it only reads the page).
Object.assign(window, { __aiToetsDutchOnScreen: () => dutchOnScreen() });

// The chosen language first, so the first screen is drawn in it. Reading it cannot fail in
// the core (a damaged file gives Dutch); if the call itself fails the screens stay Dutch.
async function start() {
  try {
    showLanguage((await call(commands.preferences())).language ?? "nl");
  } catch {
    showLanguage("nl");
  }
  // Text people typed is shown as typed: bidirectional controls are written out, not obeyed.
  watchBidiControls(root);
  return mount(App, { target: root });
}

export default start();
