/**
 * `@meeting-scheduler/adapters/microsoft`: Microsoft 365 and Outlook.com calendars over Microsoft Graph.
 * @packageDocumentation
 */
export { microsoftCalendar } from './microsoft-calendar.js';
export type { MicrosoftCalendarAdapter, MicrosoftCalendarOptions, MicrosoftCreateEventOptions } from './microsoft-calendar.js';
export type { GraphAttendee } from './events.js';
export type { HttpInternals, ProviderOptions } from '../internal/http.js';
