import { describe, expect, it } from "vitest";
import { showBidiControls, watchBidiControls } from "./bidi";

describe("bidirectional controls", () => {
  it("are written out, and right-to-left letters are left alone", () => {
    expect(showBidiControls("rapport\u202Efdp.exe")).toBe("rapport[U+202E]fdp.exe");
    expect(showBidiControls("\u2066a\u2069\u200F\u061C")).toBe("[U+2066]a[U+2069][U+200F][U+061C]");
    expect(showBidiControls("שלום en gewoon")).toBe("שלום en gewoon");
  });

  it("are shown visibly wherever a screen puts them, also later and in changed text", async () => {
    document.body.innerHTML = `<div id="root"><p>al\u202Eer</p></div>`;
    const root = document.getElementById("root")!;
    const observer = watchBidiControls(root);
    expect(root.textContent).toBe("al[U+202E]er");
    const added = document.createElement("span");
    added.textContent = "nieuw\u202Dstuk";
    root.appendChild(added);
    const text = root.querySelector("p")!.firstChild as Text;
    text.data = "veranderd\u2067";
    await new Promise((r) => setTimeout(r, 0));
    expect(added.textContent).toBe("nieuw[U+202D]stuk");
    expect(text.data).toBe("veranderd[U+2067]");
    observer.disconnect();
  });
});
