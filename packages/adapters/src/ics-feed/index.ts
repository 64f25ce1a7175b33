/**
 * `@meeting-scheduler/adapters/ics-feed`: read-only busy time from any calendar that
 * publishes an ICS feed (Apple iCloud, Google, Outlook/Exchange, Fastmail…).
 * @packageDocumentation
 */
export { icsFeedCalendar } from './ics-feed-calendar.js';
export type { IcsFeedCalendarAdapter, IcsFeedOptions } from './ics-feed-calendar.js';
export { DEFAULT_EXPAND_LIMITS } from './expand.js';
export type { ExpandLimits } from './expand.js';
export type { FeedProblem } from './types.js';
