/** Registers every element's tag: `import '@meeting-scheduler/elements/define'`. */
import type { MeetingCard } from './card/meeting-card.js';
import { registerElements } from './internal/register.js';
import type { MeetingProvider } from './provider/meeting-provider.js';
import type { MeetingScheduler } from './scheduler/meeting-scheduler.js';
import type { MeetingSettings } from './settings/meeting-settings.js';

registerElements();

// Here rather than in register.ts so that define.d.ts carries it: importing this entry is
// what types `document.querySelector('meeting-scheduler')` and `createElement('meeting-card')`.
declare global {
  interface HTMLElementTagNameMap {
    'meeting-provider': MeetingProvider;
    'meeting-scheduler': MeetingScheduler;
    'meeting-card': MeetingCard;
    'meeting-settings': MeetingSettings;
  }
}
