import { describe, expect, it } from "vitest";
import { scrollRegion } from "./scrollRegion";

describe("a table's scroll box", () => {
  it("is a named Tab stop only while it scrolls", () => {
    document.body.innerHTML = `<section><h2>Leden</h2><div id="box"><table><tr><td>x</td></tr></table></div></section>`;
    const box = document.getElementById("box")!;
    let wide = false;
    Object.defineProperty(box, "scrollWidth", { get: () => (wide ? 600 : 200) });
    Object.defineProperty(box, "clientWidth", { get: () => 200 });
    scrollRegion(box);
    expect(box.hasAttribute("tabindex")).toBe(false);
    wide = true;
    scrollRegion(box);
    expect(box.tabIndex).toBe(0);
    expect(box.getAttribute("role")).toBe("region");
    expect(box.getAttribute("aria-label")).toBe("Leden");
  });
});
