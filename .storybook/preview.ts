import { html } from 'lit';
import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { setupWorker } from 'msw/browser';
import { mswLoader } from 'msw-storybook-addon/csf3';
import manifest from '@meeting-scheduler/elements/custom-elements.json';
import '@meeting-scheduler/elements/define';
import { extractArgTypes, extractComponentDescription } from '../stories/support/cem.ts';
import { storyNetwork } from '../stories/support/world.ts';
import './preview.css';

setCustomElementsManifest(manifest);

/**
 * msw in a service worker next to iframe.html (relative, so a Storybook published
 * under a sub-path works too), answering the calendar APIs for every story's world.
 * Requests nobody mocks (Storybook's own files and fonts) go to the network unremarked.
 */
async function startWorker() {
  const worker = setupWorker(...storyNetwork());
  await worker.start({ serviceWorker: { url: './mockServiceWorker.js' }, quiet: true, onUnhandledFrame: 'bypass' });
  return worker;
}

const preview: Preview = {
  tags: ['autodocs'],
  globalTypes: {
    theme: {
      description: 'Colour theme, set only through --meeting-* custom properties',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  decorators: [(story, context) => (context.globals['theme'] === 'dark' ? html`<div class="theme-dark">${story()}</div>` : story())],
  loaders: [mswLoader(startWorker)],
  beforeEach() {
    // The elements remember calendar entries they wrote per user in localStorage;
    // every story starts with calendars of its own, so it starts with none remembered.
    for (const key of Object.keys(localStorage)) if (key.startsWith('meeting-scheduler:')) localStorage.removeItem(key);
  },
  parameters: {
    layout: 'padded',
    controls: { expanded: true, sort: 'none' },
    docs: { extractArgTypes, extractComponentDescription, toc: false },
    a11y: { test: 'error' },
    backgrounds: { disable: true },
  },
};

export default preview;
