/**
 * @meeting-scheduler/elements — the element classes, their events and context.
 * Import `@meeting-scheduler/elements/define` to register the tags.
 * @packageDocumentation
 */
export { MeetingProvider } from './provider/meeting-provider.js';
export { MeetingScheduler } from './scheduler/meeting-scheduler.js';
export { MeetingCard } from './card/meeting-card.js';
export { MeetingSettings } from './settings/meeting-settings.js';
export { meetingContext, defaultEnvironment } from './context.js';
export type { MeetingEnvironment, SettingsStore, UserSettings } from './context.js';
export * from './events.js';
export { ThreadController } from './controllers/thread-controller.js';
export { translator, directionOf } from './i18n/translate.js';
export type { MessageTable, Translate } from './i18n/translate.js';
