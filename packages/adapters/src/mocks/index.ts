/**
 * msw handlers that speak Google Calendar v3's and Microsoft Graph's wire formats over
 * an in-memory calendar you seed, with fault switches — for the library's tests,
 * Storybook, the demo, and the host app's own tests.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { MockCalendarStore, MockFaults, googleHandlers, microsoftHandlers } from '@meeting-scheduler/adapters/mocks';
 *
 * const store = new MockCalendarStore([{ email: 'alice@acme.example', token: 't-alice' }]);
 * const faults = new MockFaults();
 * setupServer(...googleHandlers(store, faults), ...microsoftHandlers(store, faults)).listen();
 * faults.rateLimitNext(2, '1');
 * ```
 */
export { MockCalendarStore, nextEtag } from './calendar-store.js';
export type { MockAccount, MockAccountSeed, MockCalendar, MockEvent, MockShowAs } from './calendar-store.js';
export { MockFaults } from './faults.js';
export type { Fault } from './faults.js';
export { applyFaults, bearer } from './respond.js';
export type { ErrorEnvelope } from './respond.js';
export { googleHandlers, googleErrorEnvelope, GOOGLE_MOCK_FREE_BUSY_MAX_CALENDARS, GOOGLE_MOCK_FREE_BUSY_MAX_DAYS } from './google.js';
export type { GoogleMockOptions } from './google.js';
export { microsoftHandlers } from './microsoft.js';
export type { MicrosoftMockOptions } from './microsoft.js';
