// A wide table on a narrow window (400 % zoom) scrolls inside its own box, never the whole
// page: WCAG 1.4.10 lets a data table keep its two dimensions, but the rest of the screen
// reflows. While the box scrolls it is a Tab stop, so the keyboard can scroll it too.

/** Svelte action for the box around a table: `<div class="table-scroll" use:scrollRegion>`. */
export function scrollRegion(node: HTMLElement) {
  const update = () => {
    if (node.scrollWidth > node.clientWidth + 1) node.tabIndex = 0;
    else node.removeAttribute("tabindex");
  };
  update();
  if (typeof ResizeObserver === "undefined") return {};
  const observer = new ResizeObserver(update);
  observer.observe(node);
  const table = node.firstElementChild;
  if (table) observer.observe(table);
  return { destroy: () => observer.disconnect() };
}
