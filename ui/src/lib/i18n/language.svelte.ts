// The screens' language: Dutch unless the person chose English, remembered on this machine
// (the core keeps it in voorkeuren.json beside the database). Every text on screen reads
// `language.current` through t(), so choosing repaints every screen at once.
import type { Language } from "../bindings";

export const language = $state<{ current: Language }>({ current: "nl" });

/** Sets the language on screen and on the page (screen readers, hyphenation). */
export function showLanguage(chosen: Language): void {
  language.current = chosen;
  if (typeof document !== "undefined") document.documentElement.lang = chosen;
}
