import { expect } from '@open-wc/testing';

/**
 * The built `dist/standalone.js` (npm test builds before running the browser tests):
 * one module that registers every tag, using the browser's own Temporal.
 */
describe('standalone.js', () => {
  it('registers every tag in a page that loads only that file, without fetching the Temporal polyfill', async () => {
    const before = performance.getEntriesByType('resource').length;
    await import(/* @vite-ignore */ `${'/packages/elements/dist/standalone.js'}`);
    for (const tag of ['meeting-provider', 'meeting-scheduler', 'meeting-card', 'meeting-settings']) {
      expect(customElements.get(tag), tag).to.not.equal(undefined);
    }
    const fetched = performance.getEntriesByType('resource').slice(before).map((e) => e.name);
    expect(typeof (globalThis as { Temporal?: unknown }).Temporal).to.equal('object');
    expect(fetched.filter((url) => url.includes('standalone-global'))).to.deep.equal([]);
  });

  it('renders the scheduler trigger with its accessible name', async () => {
    await import(/* @vite-ignore */ `${'/packages/elements/dist/standalone.js'}`);
    const el = document.createElement('meeting-scheduler');
    el.setAttribute('thread-id', 't1');
    document.body.append(el);
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const button = el.shadowRoot!.querySelector('button');
    expect(button?.getAttribute('aria-label') ?? button?.textContent?.trim()).to.equal('Schedule a meeting');
    el.remove();
  });
});
