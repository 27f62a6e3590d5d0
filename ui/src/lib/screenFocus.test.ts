import { describe, expect, it } from "vitest";
import { focusHeading, screenKey } from "./screenFocus";

describe("focus after a screen change", () => {
  it("tells screens apart by name and subject, not by tab", () => {
    expect(screenKey({ name: "pilot", id: "a", tab: "review" })).toBe(
      screenKey({ name: "pilot", id: "a", tab: "decision" }),
    );
    expect(screenKey({ name: "pilot", id: "a", tab: "review" })).not.toBe(
      screenKey({ name: "pilot", id: "b", tab: "review" }),
    );
    expect(screenKey({ name: "overview" })).not.toBe(screenKey({ name: "framework" }));
  });

  it("moves the keyboard to the heading once the screen has drawn it", async () => {
    document.body.innerHTML = `<main></main>`;
    const focusing = focusHeading(document, 1000);
    setTimeout(() => {
      document.querySelector("main")!.innerHTML = `<h1>Nieuw voorstel</h1>`;
    }, 60);
    expect(await focusing).toBe(true);
    expect(document.activeElement?.textContent).toBe("Nieuw voorstel");
    expect(document.activeElement?.getAttribute("tabindex")).toBe("-1");
  });

  it("leaves the focus where the person put it after the screen changed", async () => {
    document.body.innerHTML = `<main><input id="title" /></main>`;
    const focusing = focusHeading(document, 1000);
    document.getElementById("title")!.focus();
    setTimeout(() => document.querySelector("main")!.insertAdjacentHTML("afterbegin", "<h1>Nieuw voorstel</h1>"), 60);
    expect(await focusing).toBe(false);
    expect(document.activeElement?.id).toBe("title");
  });
});
