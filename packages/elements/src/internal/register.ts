import { MeetingCard } from '../card/meeting-card.js';
import { MeetingProvider } from '../provider/meeting-provider.js';
import { MeetingScheduler } from '../scheduler/meeting-scheduler.js';
import { MeetingSettings } from '../settings/meeting-settings.js';
import { defineElement } from './define-element.js';

/** Registers every tag (skipping any already defined, e.g. by a second bundle on the page). */
export function registerElements(): void {
  defineElement('meeting-provider', MeetingProvider);
  defineElement('meeting-scheduler', MeetingScheduler);
  defineElement('meeting-card', MeetingCard);
  defineElement('meeting-settings', MeetingSettings);
}
