/**
 * `@meeting-scheduler/adapters/ics-feed`: read-only busy time from any calendar that
 * publishes an ICS feed (Apple iCloud, Google, Outlook/Exchange, Fastmail…).
 * @packageDocumentation
 */
export { icsFeedCalendar } from './ics-feed-calendar.js';
export type { IcsFeedCalendarAdapter, IcsFeedOptions } from './ics-feed-calendar.js';
export { DEFAULT_EXPAND_LIMITS } from './public.js';
export type { ExpandLimits, FeedProblem } from './public.js';
