/** Defines a custom element once; a second definition (two bundles on a page) is skipped. */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
