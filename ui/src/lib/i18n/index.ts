// The one way the screens get their words: t() is the catalogue of the chosen language
// (nl/ and en/, the same keys, checked by the compiler and by i18n.test.ts). A text that
// comes from the core in both languages (the framework, the wizard, the intake form, an
// error) is picked with pick() or errorText().
import type { Language } from "../bindings";
import { language } from "./language.svelte";
import { nl, type Catalogue } from "./nl";
import { en } from "./en";

export { language, showLanguage } from "./language.svelte";
export type { Catalogue } from "./nl";

export const catalogues: Record<Language, Catalogue> = { nl, en };

/** The words of the chosen language. */
export function t(): Catalogue {
  return catalogues[language.current];
}

/** The chosen language's half of a text the core gives in both. */
export function pick(text: { nl: string; en: string }): string {
  return language.current === "en" ? text.en : text.nl;
}

/** An error's sentence in the chosen language (the core sends both; a plain Error has one). */
export function errorText(error: { message: string; messageEn?: string | null }): string {
  return language.current === "en" && error.messageEn ? error.messageEn : error.message;
}

/** True when English is chosen: for the few places that pick between two core fields. */
export function inEnglish(): boolean {
  return language.current === "en";
}
