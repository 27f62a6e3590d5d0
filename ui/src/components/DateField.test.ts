import { describe, expect, it } from "vitest";
import { fireEvent, render } from "@testing-library/svelte";
import { dateFromTyped, dateShown } from "./dates";
import DateField from "./DateField.svelte";

describe("dates typed as day-month-year", () => {
  it("reads the ways people write a date, and only real dates", () => {
    expect(dateFromTyped("29-11-2026")).toBe("2026-11-29");
    expect(dateFromTyped("1/2/2027")).toBe("2027-02-01");
    expect(dateFromTyped(" 29.11.2026 ")).toBe("2026-11-29");
    expect(dateFromTyped("2026-11-29")).toBe("2026-11-29");
    expect(dateFromTyped("31-02-2027")).toBeNull();
    expect(dateFromTyped("29-02-2028")).toBe("2028-02-29");
    expect(dateFromTyped("11/29/2026")).toBeNull();
    expect(dateFromTyped("morgen")).toBeNull();
    expect(dateShown("2026-11-29")).toBe("29-11-2026");
  });

  it("shows the stored date as dd-mm-jjjj and gives back what the core keeps", async () => {
    const { container } = render(DateField, { props: { id: "d", value: "2027-06-01" } });
    const input = container.querySelector("input")!;
    expect(input.value).toBe("01-06-2027");
    expect(input.type).toBe("text");
    await fireEvent.input(input, { target: { value: "2-7-2027" } });
    await fireEvent.blur(input);
    expect(input.value).toBe("02-07-2027");
    expect(container.querySelector("[data-date-error]")).toBeNull();
  });

  it("keeps what cannot be read, and says how to write a date", async () => {
    const { container } = render(DateField, { props: { id: "d", value: "" } });
    const input = container.querySelector("input")!;
    await fireEvent.input(input, { target: { value: "31-02-2027" } });
    await fireEvent.blur(input);
    expect(input.value).toBe("31-02-2027");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(container.querySelector("[data-date-error]")?.textContent).toContain("dd-mm-jjjj");
  });
});
