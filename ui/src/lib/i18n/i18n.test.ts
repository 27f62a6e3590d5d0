import { describe, expect, it } from "vitest";
import { en } from "./en";
import { nl } from "./nl";
import { dutchOnly, dutchOnScreen } from "./probe";
import { showLanguage, t, pick, errorText } from ".";
import { dateText, statusLabel, statusOrder } from "../labels";

/** Every leaf of a catalogue: its path and what it holds. */
function leaves(value: unknown, path = ""): [string, unknown][] {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  return [[path, value]];
}

/** The {…} or ${…}-free skeleton of a function's text: which arguments it uses. */
function usesOf(f: unknown): number {
  return typeof f === "function" ? f.length : -1;
}

describe("the catalogues", () => {
  const dutch = new Map(leaves(nl));
  const english = new Map(leaves(en));

  it("have the same keys in both languages", () => {
    const missingInEnglish = [...dutch.keys()].filter((k) => !english.has(k));
    const missingInDutch = [...english.keys()].filter((k) => !dutch.has(k));
    expect(missingInEnglish).toEqual([]);
    expect(missingInDutch).toEqual([]);
  });

  it("have a text for every key, of the same kind and with the same parameters", () => {
    for (const [key, d] of dutch) {
      const e = english.get(key);
      expect(typeof e, key).toBe(typeof d);
      if (typeof d === "string") {
        expect(d.trim().length > 0 || key.endsWith("none"), `${key} is empty in Dutch`).toBe(true);
        expect((e as string).trim().length > 0 || key.endsWith("none"), `${key} is empty in English`).toBe(true);
      }
      if (Array.isArray(d)) expect((e as unknown[]).length, key).toBe(d.length);
      expect(usesOf(e), key).toBe(usesOf(d));
    }
  });

  it("say in English what they say in Dutch: no Dutch sentence left untranslated", () => {
    // A text that is the same in both languages is fine for names ("AI-toets", "Dashboard",
    // "DPIA"); a whole Dutch sentence copied into the English catalogue is not.
    const copied = [...dutch].filter(
      ([key, d]) => typeof d === "string" && d === english.get(key) && d.trim().split(/\s+/).length >= 3,
    );
    expect(copied.map(([k]) => k)).toEqual([]);
  });

  it("give every label set the same values in both languages", () => {
    for (const set of Object.keys(nl.labels) as (keyof typeof nl.labels)[]) {
      expect(Object.keys(en.labels[set]).sort(), set).toEqual(Object.keys(nl.labels[set]).sort());
    }
  });
});

describe("the chosen language", () => {
  it("changes every text read through t(), the labels and the dates", () => {
    showLanguage("en");
    expect(t().app.nav.meetings).toBe("Meetings");
    expect(statusLabel.inReview).toBe("In review");
    expect(statusOrder).toContain("inReview");
    expect(dateText("2026-11-28")).toBe("28 November 2026");
    expect(pick({ nl: "Ja", en: "Yes" })).toBe("Yes");
    expect(errorText({ message: "Fout", messageEn: "Error" })).toBe("Error");
    expect(document.documentElement.lang).toBe("en");
    showLanguage("nl");
    expect(t().app.nav.meetings).toBe("Vergaderingen");
    expect(statusLabel.inReview).toBe("In behandeling");
    expect(dateText("2026-11-28")).toBe("28 november 2026");
    expect(errorText({ message: "Fout", messageEn: "Error" })).toBe("Fout");
  });
});

describe("the language probe the end-to-end suite uses", () => {
  it("finds a Dutch catalogue text and a Dutch sentence, and not English or lang=nl parts", () => {
    expect(dutchOnly()).toContain(nl.app.subtitle);
    showLanguage("en");
    document.body.innerHTML = `<p>${en.app.subtitle}</p><button lang="nl">Nederlands</button>`;
    expect(dutchOnScreen()).toEqual([]);
    document.body.innerHTML = `<p>${en.app.subtitle}</p><p>${nl.app.subtitle}</p>`;
    expect(dutchOnScreen().join("\n")).toContain(nl.app.subtitle);
    document.body.innerHTML = `<input placeholder="Vul het veld in">`;
    expect(dutchOnScreen().join("\n")).toContain("«het»");
    document.body.innerHTML = `<p>It belongs in the Algoritmeregister (Handreiking Algoritmeregister).</p>`;
    expect(dutchOnScreen()).toEqual([]);
    document.body.innerHTML = `<p hidden>Dit is niet te zien</p><div lang="nl"><p>Dit is Nederlands</p></div>`;
    expect(dutchOnScreen()).toEqual([]);
    showLanguage("nl");
  });
});
