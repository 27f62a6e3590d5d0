// For the end-to-end suite's language test: which Dutch words of the catalogue are on the
// screen while English is chosen. Installed on window as __aiToetsDutchOnScreen; it reads,
// never changes anything.
import { en } from "./en";
import { nl } from "./nl";

const MARK = "\u0001";

/** Every Dutch text of the catalogue that English says differently, as fragments a screen
 * can show (a function's text is cut at its parameters). */
export function dutchOnly(): string[] {
  const found = new Set<string>();
  const walk = (dutch: unknown, english: unknown) => {
    if (typeof dutch === "string") {
      if (dutch !== english) found.add(dutch);
    } else if (typeof dutch === "function") {
      const args = Array.from({ length: dutch.length }, () => MARK);
      const d = String((dutch as (...a: unknown[]) => unknown)(...args));
      const e = typeof english === "function" ? String((english as (...a: unknown[]) => unknown)(...args)) : "";
      const englishParts = new Set(e.split(MARK).map((p) => p.trim()));
      for (const part of d.split(MARK)) if (!englishParts.has(part.trim())) found.add(part.trim());
    } else if (dutch && typeof dutch === "object") {
      const other = (english ?? {}) as Record<string, unknown>;
      for (const [key, value] of Object.entries(dutch)) walk(value, other[key]);
    }
  };
  walk(nl, en);
  // Short fragments ("Lid", "(", "ja") would be found inside English words; a language test
  // that cries wolf is switched off, so only fragments of two words or one long word count.
  return [...found].filter((text) => /\p{L}/u.test(text) && (/\s/.test(text.trim()) || text.trim().length >= 8));
}

/** Dutch words that English never uses: a Dutch sentence on screen has one of them. */
const DUTCH_WORDS = [
  "het",
  "een",
  "niet",
  "wordt",
  "worden",
  "zijn",
  "voor",
  "geen",
  "naar",
  "deze",
  "ook",
  "nog",
  "moet",
  "heeft",
  "hebben",
  "welke",
  "wanneer",
  "alle",
  "uit",
  "bij",
  "kunt",
  "kan",
  "wij",
  "jullie",
];

/** The texts a person (or a screen reader) meets on the page: each text node and the
 * attributes read aloud, leaving out what is hidden and what is marked lang="nl" (the
 * language switch's own name, say). */
function textsOn(root: HTMLElement): string[] {
  const texts: string[] = [];
  const shown = (el: Element | null) => {
    let languageSeen = false;
    for (let e = el; e; e = e.parentElement) {
      // The nearest lang decides: a part marked Dutch inside an English page is left out.
      if (!languageSeen && e.hasAttribute("lang")) {
        if (e.getAttribute("lang") === "nl") return false;
        languageSeen = true;
      }
      if (e.hasAttribute("hidden")) return false;
      if (e instanceof HTMLElement && getComputedStyle(e).display === "none") return false;
    }
    return true;
  };
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim();
    if (text && shown(node.parentElement)) texts.push(text);
  }
  for (const el of root.querySelectorAll("[placeholder], [aria-label], [title], [alt]")) {
    if (!shown(el)) continue;
    for (const name of ["placeholder", "aria-label", "title", "alt"]) {
      const value = el.getAttribute(name)?.trim();
      if (value) texts.push(value);
    }
  }
  return texts;
}

/** Dutch names that English text cites as they are: registers, laws, documents and bodies
 * known by their Dutch name ("entered in the Algoritmeregister"). */
const PROPER_NAMES = [
  "Algoritmeregister",
  "Algoritmekader",
  "Handreiking",
  "Archiefwet",
  "Archiefregeling",
  "Nationaal Archief",
  "Autoriteit Persoonsgegevens",
];
const NAMES = new RegExp(PROPER_NAMES.map((n) => `(^|[^\\p{L}])${n}(?=$|[^\\p{L}])`).join("|"), "gu");

/** What of the page's text is Dutch: catalogue texts and Dutch function words, each with the
 * text it was found in. */
export function dutchOnScreen(root: HTMLElement = document.body): string[] {
  const texts = textsOn(root).map((text) => text.replace(NAMES, (name) => name.replace(/\p{L}/gu, "·")));
  const hits = new Set<string>();
  const patterns = dutchOnly().map((dutch) => {
    const escaped = dutch.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return { dutch: dutch.trim(), re: new RegExp(`(^|[^\\p{L}])${escaped}($|[^\\p{L}])`, "u") };
  });
  const words = DUTCH_WORDS.map((word) => ({ word, re: new RegExp(`(^|[^\\p{L}])${word}($|[^\\p{L}])`, "iu") }));
  for (const text of texts) {
    for (const { dutch, re } of patterns) if (re.test(text)) hits.add(`${dutch} — in: ${text.slice(0, 80)}`);
    for (const { word, re } of words) if (re.test(text)) hits.add(`«${word}» — in: ${text.slice(0, 80)}`);
  }
  return [...hits];
}
