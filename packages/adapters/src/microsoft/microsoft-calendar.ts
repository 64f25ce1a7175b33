/**
 * `microsoftCalendar`: a Microsoft 365 or Outlook.com account (any domain, work or
 * personal) as a {@link CalendarAdapter}, over Microsoft Graph v1.0.
 */
import type { AbortSignalLike, BusyInterval, CalendarAdapter, CalendarInfo, Interval, Meeting, RequestOptions } from '@meeting-scheduler/core';
import { SchedulerError } from '@meeting-scheduler/core';
import { mapLimit } from '../internal/concurrency.js';
import { createHttpClient, type HttpInternals, type ProviderOptions } from '../internal/http.js';
import { readCalendarView, readSchedules, scheduleError, type ScheduleError } from './busy.js';
import {
  cancelGraphEvent,
  checkId,
  chooseOnlineMeetingProvider,
  createGraphEvent,
  updateGraphEvent,
  type GraphAttendee,
  type OnlineMeetingSupport,
} from './events.js';
import { classifyGraphError, malformed } from './graph-errors.js';
import { GRAPH_ROOT, collectPages } from './graph-paging.js';
import { DAY_MS, parseRange, splitRange } from './graph-time.js';

export type MicrosoftCalendarOptions = ProviderOptions & {
  /** Add an online meeting (Teams for work accounts) to created events. Default `true`. */
  onlineMeeting?: boolean;
};

/** `createEvent` options: the core ones plus whom to invite (the host knows their addresses). */
export interface MicrosoftCreateEventOptions extends RequestOptions {
  calendarId: string;
  /** Sent as Graph's `transactionId`: a retried create returns the event already made. */
  idempotencyKey: string;
  /** Invited as required attendees; Graph e-mails them the invitation. */
  attendees?: GraphAttendee[];
}

export interface MicrosoftCalendarAdapter extends CalendarAdapter {
  readonly provider: 'microsoft';
  createEvent(m: Meeting, o: MicrosoftCreateEventOptions): Promise<{ eventId: string; joinUrl?: string }>;
  updateEvent(eventId: string, m: Meeting, o: RequestOptions & { calendarId: string }): Promise<void>;
  cancelEvent(eventId: string, m: Meeting, o: RequestOptions & { calendarId: string; reason?: string }): Promise<void>;
}

/** getSchedule takes at most 20 addresses per request… */
const SCHEDULES_PER_REQUEST = 20;
/** …over a window shorter than 62 days. */
const SCHEDULE_WINDOW_MS = 61 * DAY_MS;
/** calendarView refuses ranges over 1825 days (observed, undocumented); stay well inside. */
const VIEW_WINDOW_MS = 1800 * DAY_MS;
/** Outlook serves at most 4 concurrent requests per app and mailbox (`MailboxConcurrency`). */
const CONCURRENCY = 4;
const CALENDAR_SELECT = 'id,name,isDefaultCalendar,canEdit,hexColor,allowedOnlineMeetingProviders,defaultOnlineMeetingProvider,owner';
const HEX_COLOR_RE = /^#[0-9a-f]{6}$/i;

const signalOf = (o: RequestOptions | undefined) => o?.signal;


function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

function onlineMeetingSupport(calendar: Record<string, unknown>): OnlineMeetingSupport {
  const support: OnlineMeetingSupport = {};
  const allowed = strings(calendar['allowedOnlineMeetingProviders']);
  const defaultProvider = calendar['defaultOnlineMeetingProvider'];
  if (allowed !== undefined) support.allowed = allowed;
  if (typeof defaultProvider === 'string') support.defaultProvider = defaultProvider;
  return support;
}

function calendarInfo(raw: unknown): CalendarInfo {
  if (raw === null || typeof raw !== 'object') throw malformed('a calendar is not an object');
  const calendar = raw as Record<string, unknown>;
  const { id, name, hexColor } = calendar;
  if (typeof id !== 'string' || id === '') throw malformed('a calendar has no id');
  const info: CalendarInfo = {
    id,
    name: typeof name === 'string' && name !== '' ? name : id,
    primary: calendar['isDefaultCalendar'] === true,
    writable: calendar['canEdit'] === true,
  };
  if (typeof hexColor === 'string' && HEX_COLOR_RE.test(hexColor)) info.color = hexColor;
  return info;
}

/** One busy list from many requests: sorted, each interval once (split windows overlap at events that span a cut). */
function mergeResults(busy: BusyInterval[]): BusyInterval[] {
  const seen = new Map<string, BusyInterval>();
  for (const b of busy) seen.set(JSON.stringify([b.calendarId, b.start, b.end, b.status, b.label, b.allDay]), b);
  return [...seen.values()].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || Date.parse(a.end) - Date.parse(b.end));
}

/**
 * A Microsoft 365 (work or school, on any domain) or Outlook.com (personal) calendar
 * account over Microsoft Graph v1.0 (`https://graph.microsoft.com/v1.0` unless
 * `baseUrl` says otherwise). The host owns OAuth and passes `getAccessToken`
 * (scopes `Calendars.ReadWrite`, and `Calendars.Read.Shared` for colleagues).
 *
 * - `listCalendars`: `GET /me/calendars`, every page.
 * - `getBusy(range, ids)`: a calendar id (from `listCalendars`) is read with
 *   `calendarView` — events, their `showAs`, all-day flags; cancelled ones skipped.
 *   Any other id containing `@` is an e-mail address (a colleague, a room) and is read
 *   with `getSchedule`, 20 addresses and under 62 days per request, split and merged.
 *   `showAs`: free → `free`, tentative → `tentative`, busy → `busy`, oof → `oof`,
 *   workingElsewhere and unknown → `busy`. An address Graph cannot read is an error,
 *   never free time: the rejection's `details` hold `calendarErrors` and the `busy`
 *   time read from the rest.
 * - `createEvent`: `POST /me/calendars/{id}/events` with `transactionId` = the
 *   idempotency key (Graph makes one event however often it is retried) and an online
 *   meeting: Teams where the calendar allows `teamsForBusiness`, else the calendar's
 *   default provider (personal accounts: the consumer service). `joinUrl` is returned
 *   only when it is an `https:` URL.
 * - `updateEvent`: `PATCH /me/events/{id}`. `cancelEvent`: `/cancel` with the reason;
 *   as an attendee (Graph lets only organizers cancel), `/decline` with the reason;
 *   an event already gone counts as cancelled.
 *
 * Every failure is a `SchedulerError`; throttling (429, `ApplicationThrottled`,
 * `MailboxConcurrency`) and 503 are retried honouring `Retry-After`.
 *
 * @param opts - Provider options; `onlineMeeting: false` writes events without a join link.
 * @param internals - Test seam: `sleep`, `random`, `now` for the retry loop.
 *
 * @example
 * ```ts
 * import { microsoftCalendar } from '@meeting-scheduler/adapters/microsoft';
 *
 * const outlook = microsoftCalendar({ getAccessToken: () => msal.acquireTokenSilent(req).then((r) => r.accessToken) });
 * const [main] = (await outlook.listCalendars()).filter((c) => c.primary);
 * const busy = await outlook.getBusy(
 *   { start: '2026-03-09T00:00:00Z', end: '2026-03-16T00:00:00Z' },
 *   [main.id, 'priya@studio-kolkata.example'],
 * );
 * const { eventId, joinUrl } = await outlook.createEvent(meeting, {
 *   calendarId: main.id, idempotencyKey: acceptedEvent.id,
 *   attendees: [{ email: 'priya@studio-kolkata.example', name: 'Priya' }],
 * });
 * ```
 */
export function microsoftCalendar(opts: MicrosoftCalendarOptions, internals?: HttpInternals): MicrosoftCalendarAdapter {
  const client = createHttpClient('microsoft', GRAPH_ROOT, opts, classifyGraphError, internals);
  const withOnlineMeeting = opts.onlineMeeting !== false;
  /** What each calendar allows for online meetings, learnt from listCalendars or a GET. */
  const support = new Map<string, OnlineMeetingSupport>();

  async function listCalendars(o?: RequestOptions): Promise<CalendarInfo[]> {
    const items = await collectPages(client, { method: 'GET', path: '/me/calendars', query: { $select: CALENDAR_SELECT }, signal: signalOf(o) });
    return items.map((raw) => {
      const info = calendarInfo(raw);
      support.set(info.id, onlineMeetingSupport(raw as Record<string, unknown>));
      return info;
    });
  }

  async function onlineMeetingProvider(calendarId: string, signal: AbortSignalLike | undefined): Promise<string | undefined> {
    let known = support.get(calendarId);
    if (known === undefined) {
      const { body } = await client.request<unknown>({
        method: 'GET',
        path: `/me/calendars/${encodeURIComponent(calendarId)}`,
        query: { $select: 'allowedOnlineMeetingProviders,defaultOnlineMeetingProvider' },
        signal,
      });
      if (body === null || typeof body !== 'object') throw malformed('the calendar is not an object', { calendarId });
      known = onlineMeetingSupport(body as Record<string, unknown>);
      support.set(calendarId, known);
    }
    return chooseOnlineMeetingProvider(known);
  }

  async function getBusy(range: Interval, calendarIds: string[], o?: RequestOptions): Promise<BusyInterval[]> {
    const window = parseRange(range);
    if (!Array.isArray(calendarIds)) {
      throw new SchedulerError('invalid-input', 'microsoft: calendarIds must be an array', { provider: 'microsoft', field: 'calendarIds' });
    }
    const ids = [...new Set(calendarIds.map((id, i) => checkId(id, `calendarIds[${i}]`)))];
    if (ids.length === 0) return [];
    const signal = signalOf(o);
    // Graph's own calendar ids never hold "@", but a proxy's or a mock's may: ask.
    const own = ids.some((id) => id.includes('@')) ? new Set((await listCalendars(o)).map((c) => c.id)) : new Set<string>();
    const views = ids.filter((id) => !id.includes('@') || own.has(id));
    const addresses = ids.filter((id) => !views.includes(id));

    const jobs: Array<() => Promise<{ busy: BusyInterval[]; errors: ScheduleError[] }>> = [];
    for (const id of views) {
      for (const w of splitRange(window.start, window.end, VIEW_WINDOW_MS)) {
        jobs.push(async () => ({ busy: await readCalendarView(client, id, w, signal), errors: [] }));
      }
    }
    for (let i = 0; i < addresses.length; i += SCHEDULES_PER_REQUEST) {
      const batch = addresses.slice(i, i + SCHEDULES_PER_REQUEST);
      for (const w of splitRange(window.start, window.end, SCHEDULE_WINDOW_MS)) jobs.push(() => readSchedules(client, batch, w, signal));
    }
    const results = await mapLimit(jobs, CONCURRENCY, (job) => job());
    const busy = mergeResults(results.flatMap((r) => r.busy));
    const errors = new Map<string, ScheduleError>();
    for (const e of results.flatMap((r) => r.errors)) if (!errors.has(e.calendarId)) errors.set(e.calendarId, e);
    if (errors.size > 0) throw scheduleError([...errors.values()], busy);
    return busy;
  }

  async function createEvent(meeting: Meeting, o: MicrosoftCreateEventOptions): Promise<{ eventId: string; joinUrl?: string }> {
    const calendarId = checkId(o?.calendarId, 'calendarId');
    const signal = signalOf(o);
    const provider = withOnlineMeeting ? await onlineMeetingProvider(calendarId, signal) : undefined;
    return createGraphEvent(client, meeting, { calendarId, idempotencyKey: o.idempotencyKey, attendees: o.attendees, provider, signal });
  }

  async function updateEvent(eventId: string, meeting: Meeting, o?: RequestOptions & { calendarId: string }): Promise<void> {
    await updateGraphEvent(client, eventId, meeting, signalOf(o));
  }

  async function cancelEvent(eventId: string, _meeting: Meeting, o?: RequestOptions & { calendarId: string; reason?: string }): Promise<void> {
    await cancelGraphEvent(client, eventId, o?.reason, signalOf(o));
  }

  return { provider: 'microsoft', listCalendars, getBusy, createEvent, updateEvent, cancelEvent };
}
