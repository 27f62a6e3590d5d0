// A wide table on a narrow window (400 % zoom) scrolls inside its own box, never the whole
// page: WCAG 1.4.10 lets a data table keep its two dimensions, but the rest of the screen
// reflows. While the box scrolls it is a Tab stop, so the keyboard can scroll it too.

/** The name a scrolling box is announced by: its table's caption, or the heading before it. */
function nameOf(node: HTMLElement): string {
  const caption = node.querySelector("caption")?.textContent?.trim();
  if (caption) return caption;
  for (let at: Element | null = node; at && at !== document.body; at = at.parentElement) {
    for (let before = at.previousElementSibling; before; before = before.previousElementSibling) {
      const heading = before.matches("h1, h2, h3, h4") ? before : before.querySelector("h1, h2, h3, h4");
      if (heading?.textContent?.trim()) return heading.textContent.trim();
    }
  }
  return "";
}

/** Svelte action for the box around a table: `<div class="table-scroll" use:scrollRegion>`. */
export function scrollRegion(node: HTMLElement) {
  const update = () => {
    if (node.scrollWidth > node.clientWidth + 1) {
      // A Tab stop is a named region, so a screen reader says what scrolls.
      node.tabIndex = 0;
      node.setAttribute("role", "region");
      const name = nameOf(node);
      if (name) node.setAttribute("aria-label", name);
    } else {
      for (const attribute of ["tabindex", "role", "aria-label"]) node.removeAttribute(attribute);
    }
  };
  update();
  if (typeof ResizeObserver === "undefined") return {};
  const observer = new ResizeObserver(update);
  observer.observe(node);
  const table = node.firstElementChild;
  if (table) observer.observe(table);
  return { destroy: () => observer.disconnect() };
}
