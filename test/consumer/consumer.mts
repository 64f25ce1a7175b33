/**
 * A consumer project's view of the four packages, type-checked against their built
 * declarations by `npm run check:types-consumer` (scripts/check-consumer-types.mjs).
 * Not run: it only has to compile, with `bundler` and with `node16` resolution.
 */
import {
  DURATION_PRESETS,
  SchedulerError,
  allowedActions,
  findSlots,
  formatSlot,
  joinWindow,
  reduceMeeting,
  toICS,
  type AvailabilityQuery,
  type CalendarAdapter,
  type Interval,
  type Meeting,
  type MeetingEvent,
  type SchedulerErrorCode,
  type ThreadAdapter,
  type ThreadInfo,
} from '@meeting-scheduler/core';
import { localConnectionStore } from '@meeting-scheduler/adapters/connections';
import { joinUrlConferencing } from '@meeting-scheduler/adapters/conferencing';
import { googleCalendar, type GoogleCalendarAdapter } from '@meeting-scheduler/adapters/google';
import { httpThread } from '@meeting-scheduler/adapters/http';
import { icsFeedCalendar } from '@meeting-scheduler/adapters/ics-feed';
import { memoryThread, type MemoryThreadSeed } from '@meeting-scheduler/adapters/memory';
import { microsoftCalendar } from '@meeting-scheduler/adapters/microsoft';
import { MockCalendarStore, MockFaults, googleHandlers, microsoftHandlers } from '@meeting-scheduler/adapters/mocks';
import {
  MeetingCard,
  MeetingProvider,
  MeetingScheduler,
  MeetingSentEvent,
  meetingContext,
  type MeetingEnvironment,
  type UserSettings,
} from '@meeting-scheduler/elements';
import '@meeting-scheduler/elements/define';
import { createMeetingServer, pgliteStore, type MeetingServerOptions, type MeetingStore } from '@meeting-scheduler/server';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(): T => true as T;

// core: slots, the fold, actions, interchange
const query: AvailabilityQuery = {
  range: { start: '2026-03-09T00:00:00Z', end: '2026-03-14T00:00:00Z' },
  durationMinutes: DURATION_PRESETS[1] ?? 30,
  participants: [{ id: 'alice', busy: [{ start: '2026-03-09T14:00:00Z', end: '2026-03-09T15:00:00Z', status: 'tentative' }] }],
  busyPolicy: { tentative: 'free' },
};
const slots: Interval[] = findSlots(query);
expectType<Equal<Parameters<typeof findSlots>, [q: AvailabilityQuery]>>();
expectType<Equal<ReturnType<typeof findSlots>, Interval[]>>();
const label: { date: string; time: string; zone: string; dayOffset: number } = formatSlot(slots[0]!, { timeZone: 'Asia/Kolkata' });
const thread: ThreadInfo = {
  id: 't1',
  currentUserId: 'alice',
  participants: [
    { id: 'alice', name: 'Alice', timeZone: 'America/New_York' },
    { id: 'bob', name: 'Bob', timeZone: 'Asia/Kolkata', email: 'bob@example.com' },
  ],
};
const proposed: MeetingEvent = {
  type: 'proposed',
  id: 'e1',
  meetingId: 'm1',
  by: 'alice',
  at: '2026-03-08T12:00:00Z',
  threadId: 't1',
  invitees: ['bob'],
  options: slots.slice(0, 2),
  durationMinutes: 30,
};
const meeting: Meeting = reduceMeeting([proposed], thread);
const actions: Array<'accept' | 'counter' | 'decline' | 'reschedule' | 'cancel' | 'join' | 'share' | 'add-to-calendar'> =
  allowedActions(meeting, 'bob', thread);
const state: 'not-scheduled' | 'too-early' | 'open' | 'ended' | 'cancelled' = joinWindow(meeting, '2026-03-09T14:00:00Z').state;
const ics: string = toICS(meeting, { method: 'REQUEST' });
const error = new SchedulerError('conflict', 'taken');
const code: SchedulerErrorCode = error.code;
// @ts-expect-error an unknown error code does not type-check
const wrong: SchedulerErrorCode = 'oops';

// adapters: every subpath
const google: GoogleCalendarAdapter = googleCalendar({ getAccessToken: async () => 'token', sendUpdates: 'all' });
const calendars: CalendarAdapter[] = [
  google,
  microsoftCalendar({ getAccessToken: async () => 'token' }),
  icsFeedCalendar({ url: 'https://example.com/busy.ics' }),
];
const seed: MemoryThreadSeed = { currentUserId: 'alice', threads: [{ id: 't1', participants: thread.participants }] };
const threads: ThreadAdapter[] = [memoryThread(seed), httpThread({ baseUrl: 'https://chat.example.com/api' })];
const connections = localConnectionStore();
const conferencing = joinUrlConferencing({ allowHosts: ['meet.example.com'] });
const mockStore = new MockCalendarStore([{ email: 'alice@example.com', token: 't-alice' }]);
const handlers = [...googleHandlers(mockStore, new MockFaults()), ...microsoftHandlers(mockStore)];

// elements: tag map, typed events, the provider's environment
const scheduler: MeetingScheduler | null = document.querySelector('meeting-scheduler');
const card = document.createElement('meeting-card');
expectType<Equal<typeof card, MeetingCard>>();
scheduler?.addEventListener('meeting-sent', (e) => {
  expectType<Equal<typeof e, MeetingSentEvent>>();
  const sent: MeetingEvent = e.event;
  const threadId: string = e.threadId;
  void [sent, threadId];
});
scheduler?.addEventListener('meeting-send-request', (e) => {
  if (e.event.type === 'proposed' && e.event.options.length > 3) e.preventDefault();
});
card.addEventListener('meeting-action', (e) => void [e.action, e.meeting.status]);
const provider = document.querySelector('meeting-provider');
if (provider instanceof MeetingProvider) {
  provider.thread = threads[0];
  provider.calendarFor = (c) => (c.provider === 'google' ? google : undefined);
  provider.locale = 'de-DE';
}
const env: Pick<MeetingEnvironment, 'locale' | 'timeZone'> = { locale: 'en', timeZone: 'Europe/Berlin' };
const settings: UserSettings | undefined = undefined;
void meetingContext;

// server: options and stores
const options = (store: MeetingStore): MeetingServerOptions => ({
  store,
  guestSecret: 'x'.repeat(32),
  authenticate: (request) => request.headers.get('x-user'),
  notify: async (event, recipients, context) => void [event.type, recipients.length, context.meeting.status],
});
const app = createMeetingServer(options(await pgliteStore()));
const response: Response | Promise<Response> = app.fetch(new Request('http://localhost/threads/t1/events'));
app.closeStreams();

export { actions, calendars, code, connections, conferencing, env, handlers, ics, label, response, settings, state, wrong };
