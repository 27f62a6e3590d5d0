// After a screen change the keyboard moves to the new screen's heading, so a keyboard or
// screen-reader user starts where a sighted user looks (the button that was pressed is gone).
// A change of tab inside the same screen keeps the focus where it is.
import type { Screen } from "./nav.svelte";

/** What identifies a screen for focus: its name and the pilot or meeting it shows. */
export function screenKey(screen: Screen): string {
  return `${screen.name}:${"id" in screen ? screen.id : ""}${"pilotId" in screen ? screen.pilotId : ""}`;
}

/** Moves the focus to the first heading of `root` once the (lazily loaded) screen has drawn
 * it; gives up after `timeoutMs`. The heading gets tabindex=-1: focusable by script only. */
export function focusHeading(root: ParentNode = document, timeoutMs = 2000): Promise<boolean> {
  const started = Date.now();
  // What had the focus when the screen changed: if the person has put it somewhere else since
  // (a field of the new screen, already typing), the heading does not take it away.
  const before = document.activeElement;
  const movedOn = () => {
    const now = document.activeElement;
    return !!now && now !== before && now !== document.body && !(now instanceof HTMLHeadingElement);
  };
  return new Promise((resolve) => {
    const attempt = () => {
      // The page is gone (a window closing; a test's page torn down): nothing to focus.
      if (typeof document === "undefined") {
        resolve(false);
        return;
      }
      if (movedOn()) {
        resolve(false);
        return;
      }
      const heading = root.querySelector<HTMLElement>("main h1, [data-screen] h1, h1");
      if (heading) {
        if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
        // No scrolling: a click already on its way must land where the person aimed.
        heading.focus({ preventScroll: true });
        resolve(true);
      } else if (Date.now() - started > timeoutMs) {
        resolve(false);
      } else {
        setTimeout(attempt, 30);
      }
    };
    attempt();
  });
}
