/**
 * Storybook for the meeting elements: web-components-vite over the packages' sources
 * (see vite.config.ts here), msw answering the Google and Microsoft calendar APIs in a
 * service worker, autodocs from the Custom Elements Manifest (written by
 * `npm run analyze -w @meeting-scheduler/elements`; the root scripts run it first).
 */
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', 'msw-storybook-addon'],
  framework: {
    name: '@storybook/web-components-vite',
    options: { builder: { viteConfigPath: fileURLToPath(new URL('./vite.config.ts', import.meta.url)) } },
  },
  core: { disableTelemetry: true },
};

export default config;
