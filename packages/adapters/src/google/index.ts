/**
 * Google Calendar API v3: `googleCalendar(opts)`, a `CalendarAdapter` for one Google
 * account (Gmail or Workspace), and the event-id scheme it writes with.
 * @packageDocumentation
 */
export { googleCalendar, GOOGLE_CALENDAR_BASE_URL } from './google-calendar.js';
export type { GoogleAttendee, GoogleCalendarAdapter, GoogleCalendarOptions, GoogleCreateEventOptions } from './google-calendar.js';
export { googleEventId, isGoogleEventId } from './event-id.js';
export type { CalendarError as GoogleCalendarError } from './free-busy.js';
export type { GoogleErrorBody, GoogleErrorItem } from './errors.js';
