import { tick } from "svelte";

/** After a refused save: move the keyboard (and the view) to the first field the core named. */
export async function focusFirstInvalid(): Promise<void> {
  await tick();
  document.querySelector<HTMLElement>(".field.invalid input, .field.invalid textarea, .field.invalid select")?.focus();
}
