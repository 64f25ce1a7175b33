/** Defines a custom element once; a second definition (two bundles on a page) is skipped. */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}

const lazy = new Map<string, () => void>();

/**
 * Defines `tag` from a chunk fetched on first need: when the tag appears in the document,
 * when an element renders it ({@link elementWanted}), or else once the page is idle (so a
 * tag inside some other shadow root is defined too). Used by `standalone.js`.
 */
export function defineLazily(tag: string, load: () => Promise<CustomElementConstructor>): void {
  if (customElements.get(tag) || lazy.has(tag)) return;
  let started = false;
  const observer = new MutationObserver((records) => {
    const found = records.some((r) =>
      [...r.addedNodes].some((n) => n instanceof Element && (n.localName === tag || n.querySelector(tag) !== null)),
    );
    if (found) start();
  });
  const start = (): void => {
    if (started) return;
    started = true;
    observer.disconnect();
    load().then(
      (ctor) => defineElement(tag, ctor),
      () => {
        started = false; // try again on the next need
      },
    );
  };
  lazy.set(tag, start);
  if (document.querySelector(tag)) return start();
  observer.observe(document, { childList: true, subtree: true });
  if ('requestIdleCallback' in globalThis) requestIdleCallback(start, { timeout: 10_000 });
  else setTimeout(start, 2000);
}

/** Asks for a lazily defined tag's chunk (no-op where the tag is defined eagerly). */
export function elementWanted(tag: string): void {
  lazy.get(tag)?.();
}
