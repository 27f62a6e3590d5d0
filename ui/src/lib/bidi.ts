// Bidirectional control characters in text people typed are shown, not obeyed: a title
// "rapport<U+202E>fdp.exe" would otherwise read as "rapportexe.pdf". The core writes them out
// the same way in the PDF (assessments/src/base/text.rs, show_bidi_controls).

const CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** `text` with each bidirectional control written out as [U+202E]. */
export function showBidiControls(text: string): string {
  return text.replace(CONTROLS, (c) => `[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}]`);
}

function fix(node: Node) {
  if (node.nodeType === Node.TEXT_NODE) {
    const data = (node as Text).data;
    CONTROLS.lastIndex = 0;
    if (CONTROLS.test(data)) (node as Text).data = showBidiControls(data);
    return;
  }
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) fix(t);
}

/** Keeps every text shown under `root` free of bidirectional controls, whichever screen
 * draws it and whenever: one watcher instead of a rule every screen must remember. Form
 * fields keep what is typed (their value is not a text node). */
export function watchBidiControls(root: HTMLElement): MutationObserver {
  fix(root);
  const observer = new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "characterData") fix(change.target);
      for (const added of change.addedNodes) fix(added);
    }
  });
  observer.observe(root, { subtree: true, childList: true, characterData: true });
  return observer;
}
