/**
 * Finding controls by role and accessible name across shadow roots, for play
 * functions (Testing Library's queries stop at shadow boundaries).
 */
/** `waitFor` options for play functions: calendars answer through a service worker, and CI machines are slow. */
export const PATIENT = { timeout: 10_000, interval: 50 };

const SELECTORS: Record<string, string> = {
  button: 'button, [role=button]',
  radio: 'input[type=radio], [role=radio]',
  textbox: 'textarea, input[type=text], input[type=url], input:not([type])',
  gridcell: '[role=gridcell]',
  alert: '[role=alert]',
};

/** Every element matching `selector` under `root`, shadow roots included, in document order. */
function deepQueryAll(root: Element | ShadowRoot | Document, selector: string): HTMLElement[] {
  const found: HTMLElement[] = [];
  const visit = (node: Element | ShadowRoot | Document) => {
    for (const el of node.querySelectorAll<HTMLElement>('*')) {
      if (el.matches(selector)) found.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  if (root instanceof Element && root.shadowRoot) visit(root.shadowRoot);
  visit(root);
  return found;
}

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** aria-labelledby, aria-label, a label, or the text: enough of the accessible name for these elements. */
function accessibleName(el: Element): string {
  const root = el.getRootNode() as Document | ShadowRoot;
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) return squash(labelledBy.split(/\s+/).map((id) => root.getElementById(id)?.textContent).join(' '));
  const label = el.getAttribute('aria-label');
  if (label) return squash(label);
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    const labels = el.labels ? [...el.labels].map((l) => l.textContent).join(' ') : '';
    if (labels.trim()) return squash(labels);
  }
  return squash(el.textContent);
}

/** All elements with `role` under `root` whose accessible name matches `name`. */
export function allByRole(root: Element | ShadowRoot, role: keyof typeof SELECTORS, name?: string | RegExp): HTMLElement[] {
  const selector = SELECTORS[role]!;
  return deepQueryAll(root, selector).filter((el) => {
    if (name === undefined) return true;
    const n = accessibleName(el);
    return typeof name === 'string' ? n === name : name.test(n);
  });
}

/** The first element with `role` and `name`; throws (so `waitFor` retries) while there is none. */
export function byRole(root: Element | ShadowRoot, role: keyof typeof SELECTORS, name?: string | RegExp): HTMLElement {
  const el = allByRole(root, role, name)[0];
  if (!el) throw new Error(`no ${role}${name === undefined ? '' : ` named ${String(name)}`}`);
  return el;
}

/** The visible text under `root`, shadow roots included. */
export function deepText(root: Element | ShadowRoot): string {
  let text = '';
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) text += `${node.textContent ?? ''} `;
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot);
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return squash(text);
}

/** Types into a text field the way a person does: value, then input and change events. */
export function type(field: HTMLElement, text: string): void {
  const input = field as HTMLInputElement | HTMLTextAreaElement;
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: text, inputType: 'insertText' }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
