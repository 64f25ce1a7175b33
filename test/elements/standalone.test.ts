import { expect } from '@open-wc/testing';

/**
 * The built `dist/standalone.js` (npm test builds before running the browser tests):
 * one module that registers every tag, using the browser's own Temporal. German,
 * Arabic and `<meeting-settings>` are chunks beside it, fetched on first need.
 */
const standalone = '/packages/elements/dist/standalone.js';
const fetchedSince = (before: number) =>
  performance
    .getEntriesByType('resource')
    .slice(before)
    .map((e) => e.name);

describe('standalone.js', () => {
  it('registers every tag in a page that loads only that file, without fetching the Temporal polyfill', async () => {
    const before = performance.getEntriesByType('resource').length;
    await import(/* @vite-ignore */ `${standalone}`);
    for (const tag of ['meeting-provider', 'meeting-scheduler', 'meeting-card']) {
      expect(customElements.get(tag), tag).to.not.equal(undefined);
    }
    // <meeting-settings> comes from its chunk the first time it is in the page
    const settings = document.createElement('meeting-settings');
    document.body.append(settings);
    await customElements.whenDefined('meeting-settings');
    expect(customElements.get('meeting-settings')).to.not.equal(undefined);
    expect(settings.shadowRoot, 'upgraded').to.not.equal(null);
    settings.remove();
    const fetched = fetchedSince(before);
    expect(typeof (globalThis as { Temporal?: unknown }).Temporal).to.equal('object');
    expect(fetched.filter((url) => url.includes('standalone-global'))).to.deep.equal([]);
    expect(fetched.filter((url) => url.includes('/dist/') && !url.includes('standalone-meeting-settings-') && !url.endsWith('/standalone.js'))).to.deep.equal([]);
  });

  it('renders the scheduler trigger with its accessible name', async () => {
    await import(/* @vite-ignore */ `${standalone}`);
    const el = document.createElement('meeting-scheduler');
    el.setAttribute('thread-id', 't1');
    document.body.append(el);
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const button = el.shadowRoot!.querySelector('button');
    expect(button?.getAttribute('aria-label') ?? button?.textContent?.trim()).to.equal('Schedule a meeting');
    el.remove();
  });

  it('fetches German on first use and renders in it straight away', async () => {
    await import(/* @vite-ignore */ `${standalone}`);
    const before = performance.getEntriesByType('resource').length;
    const provider = document.createElement('meeting-provider');
    provider.setAttribute('locale', 'de-DE');
    const el = document.createElement('meeting-scheduler');
    el.setAttribute('thread-id', 't1');
    provider.append(el);
    document.body.append(provider);
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const button = el.shadowRoot!.querySelector('button');
    expect(button?.getAttribute('aria-label') ?? button?.textContent?.trim()).to.equal('Besprechung planen');
    expect(fetchedSince(before).filter((url) => url.includes('standalone-de-'))).to.have.length(1);
    provider.remove();
  });
});
