import { describe, expect, it } from "vitest";
import { render } from "@testing-library/svelte";
import { createRawSnippet } from "svelte";
import Field from "./Field.svelte";

const input = createRawSnippet(() => ({ render: () => `<input id="f" type="text" />` }));

describe("a form field", () => {
  it("tells its control the help, the error, that it is required and invalid", async () => {
    const { container, rerender } = render(Field, {
      props: { id: "f", label: "Naam", help: "Een korte naam.", required: true, children: input },
    });
    const control = container.querySelector("input")!;
    expect(control.getAttribute("aria-describedby")).toBe("f-help");
    expect(control.getAttribute("aria-required")).toBe("true");
    expect(control.hasAttribute("aria-invalid")).toBe(false);
    await rerender({
      id: "f",
      label: "Naam",
      help: "Een korte naam.",
      required: true,
      error: "Vul in.",
      children: input,
    });
    expect(control.getAttribute("aria-describedby")).toBe("f-help f-error");
    expect(control.getAttribute("aria-invalid")).toBe("true");
    await rerender({
      id: "f",
      label: "Naam",
      help: "Een korte naam.",
      required: true,
      error: undefined,
      children: input,
    });
    expect(control.getAttribute("aria-describedby")).toBe("f-help");
    expect(control.hasAttribute("aria-invalid")).toBe(false);
  });
});
