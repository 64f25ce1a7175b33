/**
 * `dist/standalone.js`: every tag for a plain `<script type="module">`, all dependencies
 * inside. Browsers that ship Temporal use their own; elsewhere the polyfill chunk is
 * fetched first, so a modern browser downloads no polyfill bytes. Languages other than
 * English and `<meeting-settings>` ("Manage calendars") are chunks beside it, fetched on
 * first need (`<meeting-settings>` at the latest once the page is idle).
 */
import { MeetingCard } from './card/meeting-card.js';
import { defineElement, defineLazily } from './internal/define-element.js';
import { MeetingProvider } from './provider/meeting-provider.js';
import { MeetingScheduler } from './scheduler/meeting-scheduler.js';

function register(): void {
  defineElement('meeting-provider', MeetingProvider);
  defineElement('meeting-scheduler', MeetingScheduler);
  defineElement('meeting-card', MeetingCard);
  defineLazily('meeting-settings', async () => (await import('./settings/meeting-settings.js')).MeetingSettings);
}

// No top-level await (it would keep the bundler from folding code shared with the lazy
// chunks into this file): where Temporal is missing, the tags are defined once the
// polyfill is in, and elements already in the page upgrade then.
if ('Temporal' in globalThis) register();
else void import('temporal-polyfill/global').then(register);

// Everything `index.ts` exports except the `MeetingSettings` class (in its chunk; once
// defined it is `customElements.get('meeting-settings')`).
export { MeetingProvider, MeetingScheduler, MeetingCard };
export { meetingContext, defaultEnvironment } from './context.js';
export type { MeetingEnvironment, SettingsStore, UserSettings } from './context.js';
export * from './events.js';
export { ThreadController } from './controllers/thread-controller.js';
export { translator, directionOf } from './i18n/translate.js';
export type { MessageTable, Translate } from './i18n/translate.js';
