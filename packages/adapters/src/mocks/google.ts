/**
 * msw handlers for the parts of Google Calendar API v3 the adapter uses, answering from a
 * `MockCalendarStore` in Google's own wire format: calendarList with paging, freeBusy
 * (recurring events expanded in their zone, transparent events left out, busy periods
 * merged per calendar, per-calendar `errors`), events insert/get/patch/delete with ETags,
 * `If-Match`, 409 on a duplicate id, 410 on a second delete, and a Meet link when a
 * `conferenceData.createRequest` is sent with `conferenceDataVersion=1`. Errors use
 * Google's envelope. Every handler applies the `MockFaults` first.
 *
 * Where Google leaves a limit undocumented the mock is stricter than Google, so that an
 * adapter that passes here passes there: freeBusy spans over 60 days are refused with 400
 * `timeRangeTooLong` (Google refuses past roughly 90), and calendars past the 50th of one
 * freeBusy request get the documented per-calendar error `tooManyCalendarsRequested`.
 */
import { expandRecurrence, mergeBusy, type Interval } from '@meeting-scheduler/core';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { Temporal } from 'temporal-polyfill';
import { nextEtag, type MockAccount, type MockCalendar, type MockCalendarStore, type MockEvent } from './calendar-store.js';
import type { MockFaults } from './faults.js';
import { applyFaults, bearer } from './respond.js';

export interface GoogleMockOptions {
  /** Default `https://www.googleapis.com/calendar/v3`. */
  baseUrl?: string;
  /** Most calendarList entries per page whatever `maxResults` asks (Google's own cap is 250). */
  pageSize?: number;
}

/** The freeBusy limits the mock enforces. */
export const GOOGLE_MOCK_FREE_BUSY_MAX_CALENDARS = 50;
export const GOOGLE_MOCK_FREE_BUSY_MAX_DAYS = 60;

const DAY_MS = 86_400_000;

const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const USAGE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded', 'dailyLimitExceeded']);
const CALENDAR_REASONS = new Set(['timeRangeEmpty', 'timeRangeTooLong', 'requiredAccessLevel', 'forbiddenForNonOrganizer']);

/**
 * Google's error envelope: `{ error: { code, message, errors: [{ domain, reason, message }], status } }`.
 *
 * @example
 * ```ts
 * googleErrorEnvelope(404, 'notFound', 'Not Found');
 * ```
 */
export function googleErrorEnvelope(status: number, reason: string, message: string): { error: Record<string, unknown> } {
  const domain = USAGE_REASONS.has(reason) ? 'usageLimits' : CALENDAR_REASONS.has(reason) ? 'calendar' : 'global';
  const error: Record<string, unknown> = { code: status, message, errors: [{ domain, reason, message }] };
  const name = STATUS_NAMES[status];
  if (name !== undefined) error['status'] = name;
  return { error };
}

function fail(status: number, reason: string, message: string, headers: Record<string, string> = {}): Response {
  return HttpResponse.json(googleErrorEnvelope(status, reason, message), { status, headers });
}

const iso = (ms: number): string => Temporal.Instant.fromEpochMilliseconds(ms).toString();

function parseInstant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return Temporal.Instant.from(value).epochMilliseconds;
  } catch {
    return undefined;
  }
}

function randomFrom(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

const meetCode = () => `${randomFrom('abcdefghijklmnopqrstuvwxyz', 3)}-${randomFrom('abcdefghijklmnopqrstuvwxyz', 4)}-${randomFrom('abcdefghijklmnopqrstuvwxyz', 3)}`;

async function readJson(request: Request): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; response: Response }> {
  try {
    const body: unknown = await request.json();
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) return { ok: true, body: body as Record<string, unknown> };
  } catch {
    // answered below, as Google does
  }
  return { ok: false, response: fail(400, 'parseError', 'Parse Error') };
}

// ---------------------------------------------------------------------------
// Event resources

/** Start or end of an event from Google's `{ dateTime, timeZone }` / `{ date }`, as epoch ms. */
function readWhen(value: unknown, fallbackZone: string): { ms: number; allDay: boolean; timeZone: string } | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { dateTime, date, timeZone } = value as { dateTime?: unknown; date?: unknown; timeZone?: unknown };
  const zone = typeof timeZone === 'string' ? timeZone : fallbackZone;
  try {
    if (typeof dateTime === 'string') {
      const ms = parseInstant(dateTime) ?? Temporal.PlainDateTime.from(dateTime).toZonedDateTime(zone).epochMilliseconds;
      return { ms, allDay: false, timeZone: zone };
    }
    if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
      return { ms: Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: zone }).epochMilliseconds, allDay: true, timeZone: zone };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

function writeWhen(ms: number, allDay: boolean, timeZone: string): Record<string, string> {
  const zoned = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
  return allDay ? { date: zoned.toPlainDate().toString() } : { dateTime: zoned.toString({ timeZoneName: 'never' }), timeZone };
}

const extraString = (e: MockEvent, key: string): string | undefined => {
  const v = e.extra?.[key];
  return typeof v === 'string' ? v : undefined;
};

/** A stored event as Google's event resource. */
function toEventResource(e: MockEvent, calendar: MockCalendar, account: MockAccount): Record<string, unknown> {
  const timeZone = extraString(e, 'timeZone') ?? e.recurrenceTimeZone ?? calendar.timeZone;
  const created = extraString(e, 'created') ?? '2026-01-01T00:00:00.000Z';
  const resource: Record<string, unknown> = {
    kind: 'calendar#event',
    etag: e.etag,
    id: e.id,
    status: e.cancelled ? 'cancelled' : 'confirmed',
    htmlLink: `https://www.google.com/calendar/event?eid=${btoa(`${e.id} ${calendar.id}`).replace(/=+$/, '')}`,
    created,
    updated: extraString(e, 'updated') ?? created,
    summary: e.summary,
    creator: { email: account.email, self: true },
    organizer: { email: calendar.id, displayName: calendar.name, self: true },
    start: writeWhen(Date.parse(e.start), e.allDay === true, timeZone),
    end: writeWhen(Date.parse(e.end), e.allDay === true, timeZone),
    iCalUID: `${e.id}@google.com`,
    sequence: typeof e.extra?.['sequence'] === 'number' ? e.extra['sequence'] : 0,
    reminders: { useDefault: true },
    eventType: 'default',
  };
  if (e.description !== undefined) resource['description'] = e.description;
  if (e.showAs === 'free') resource['transparency'] = 'transparent';
  if (e.recurrence !== undefined) resource['recurrence'] = [`RRULE:${e.recurrence.replace(/^RRULE:/i, '')}`];
  if (e.attendees !== undefined) {
    resource['attendees'] = e.attendees.map((a) => ({
      email: a.email,
      ...(a.name === undefined ? {} : { displayName: a.name }),
      responseStatus: a.response ?? 'needsAction',
    }));
  }
  if (e.joinUrl !== undefined) resource['hangoutLink'] = e.joinUrl;
  if (e.extra?.['conferenceData'] !== undefined) resource['conferenceData'] = e.extra['conferenceData'];
  return resource;
}

function conferenceFor(requestId: string): { joinUrl: string; conferenceData: Record<string, unknown> } {
  const code = meetCode();
  const joinUrl = `https://meet.google.com/${code}`;
  return {
    joinUrl,
    conferenceData: {
      createRequest: { requestId, conferenceSolutionKey: { type: 'hangoutsMeet' }, status: { statusCode: 'success' } },
      entryPoints: [{ entryPointType: 'video', uri: joinUrl, label: `meet.google.com/${code}` }],
      conferenceSolution: {
        key: { type: 'hangoutsMeet' },
        name: 'Google Meet',
        iconUri: 'https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png',
      },
      conferenceId: code,
    },
  };
}

type Patch = Partial<Pick<MockEvent, 'summary' | 'description' | 'start' | 'end' | 'allDay' | 'showAs' | 'attendees' | 'recurrence' | 'recurrenceTimeZone' | 'cancelled'>> & {
  timeZone?: string;
};

/** The writable fields of an event body, checked; a `Response` when Google would refuse it. */
function readEventBody(body: Record<string, unknown>, calendar: MockCalendar, current?: MockEvent): Patch | Response {
  const patch: Patch = {};
  if (body['summary'] !== undefined) patch.summary = String(body['summary']);
  if (body['description'] !== undefined) patch.description = String(body['description']);
  for (const key of ['start', 'end'] as const) {
    if (body[key] === undefined) {
      if (current === undefined) return fail(400, 'required', key === 'start' ? 'Missing start time.' : 'Missing end time.');
      continue;
    }
    const when = readWhen(body[key], calendar.timeZone);
    if (when === undefined) return fail(400, 'invalid', `Invalid ${key} time.`);
    patch[key] = iso(when.ms);
    patch.allDay = when.allDay;
    patch.timeZone = when.timeZone;
  }
  const start = Date.parse(patch.start ?? current?.start ?? '');
  const end = Date.parse(patch.end ?? current?.end ?? '');
  if (!(start < end)) return fail(400, 'timeRangeEmpty', 'The specified time range is empty.');
  if (body['transparency'] !== undefined) patch.showAs = body['transparency'] === 'transparent' ? 'free' : 'busy';
  if (body['status'] !== undefined) patch.cancelled = body['status'] === 'cancelled';
  if (Array.isArray(body['recurrence'])) {
    const rule = (body['recurrence'] as unknown[]).find((r): r is string => typeof r === 'string' && /^RRULE:/i.test(r));
    if (rule !== undefined) {
      patch.recurrence = rule.slice('RRULE:'.length);
      patch.recurrenceTimeZone = patch.timeZone ?? calendar.timeZone;
    }
  }
  if (body['attendees'] !== undefined) {
    if (!Array.isArray(body['attendees'])) return fail(400, 'invalid', 'Invalid attendees.');
    const attendees: NonNullable<MockEvent['attendees']> = [];
    for (const a of body['attendees'] as unknown[]) {
      const { email, displayName } = (a ?? {}) as { email?: unknown; displayName?: unknown };
      if (typeof email !== 'string' || !email.includes('@')) return fail(400, 'invalid', 'Invalid attendee email.');
      attendees.push({ email, ...(typeof displayName === 'string' ? { name: displayName } : {}), response: 'needsAction' });
    }
    patch.attendees = attendees;
  }
  return patch;
}

// ---------------------------------------------------------------------------
// freeBusy

/** The busy periods of one calendar in `[from, to)`, merged, as Google's freeBusy gives them. */
async function busyOf(store: MockCalendarStore, account: MockAccount, calendar: MockCalendar, from: number, to: number): Promise<Interval[]> {
  const pieces: Interval[] = [];
  for (const e of store.eventsOf(account, calendar.id)) {
    if (e.showAs === 'free') continue; // transparent: "Does not block time on the calendar."
    const start = Date.parse(e.start);
    const duration = Date.parse(e.end) - start;
    let starts: number[] = [start];
    if (e.recurrence !== undefined) {
      const timeZone = e.recurrenceTimeZone ?? calendar.timeZone;
      const local = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(timeZone).toPlainDateTime().toString({ smallestUnit: 'second' });
      const found = await expandRecurrence(e.recurrence, { local, timeZone }, { start: iso(from - duration), end: iso(to) });
      starts = found.map((s) => Date.parse(s));
    }
    for (const s of starts) {
      const a = Math.max(s, from);
      const b = Math.min(s + duration, to);
      if (a < b) pieces.push({ start: iso(a), end: iso(b) });
    }
  }
  return mergeBusy(pieces);
}

// ---------------------------------------------------------------------------
// Handlers

/**
 * msw handlers for Google Calendar API v3 over `store`: calendarList, freeBusy, and events
 * insert, get, patch and delete. Unknown or missing bearer tokens get 401.
 *
 * @param store - The accounts, calendars and events; bearer tokens select the account.
 * @param faults - Optional fault switches (rate limits, 5xx, malformed bodies, dropped
 *   connections, expired tokens, slowness); every request also lands in `faults.log`.
 * @param opts - `baseUrl` (default Google's) and `pageSize`, a cap on calendarList pages.
 *
 * @example
 * ```ts
 * const store = new MockCalendarStore([{ email: 'alice@acme-studio.example', token: 't-alice' }]);
 * const server = setupServer(...googleHandlers(store));
 * server.listen({ onUnhandledFrame: 'error' });
 * const google = googleCalendar({ getAccessToken: async () => 't-alice' });
 * await google.listCalendars(); // [{ id: 'alice@acme-studio.example', primary: true, … }]
 * ```
 */
export function googleHandlers(store: MockCalendarStore, faults?: MockFaults, opts: GoogleMockOptions = {}): HttpHandler[] {
  const base = (opts.baseUrl ?? 'https://www.googleapis.com/calendar/v3').replace(/\/+$/, '');

  /** Faults first, then the account behind the bearer token (or the 401 to answer). */
  async function begin(request: Request): Promise<{ account: MockAccount } | { response: Response }> {
    const faulted = faults === undefined ? undefined : await applyFaults(faults, request, googleErrorEnvelope);
    if (faulted !== undefined) return { response: faulted };
    const token = bearer(request);
    const account = token === undefined ? undefined : store.accountForToken(token);
    if (account !== undefined) return { account };
    const www = { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' };
    return { response: token === undefined ? fail(401, 'required', 'Login Required.', www) : fail(401, 'authError', 'Invalid Credentials', www) };
  }

  const calendarOf = (account: MockAccount, id: string): MockCalendar | undefined =>
    id === 'primary' ? (account.calendars.find((c) => c.primary) ?? account.calendars[0]) : account.calendars.find((c) => c.id === id);

  /** The `sendUpdates` query parameter, checked: undefined when absent, a Response when invalid. */
  function sendUpdatesOf(url: URL): string | undefined | Response {
    const value = url.searchParams.get('sendUpdates');
    if (value === null) return undefined;
    return ['all', 'externalOnly', 'none'].includes(value) ? value : fail(400, 'invalidParameter', `Invalid value for: sendUpdates: ${value}`);
  }

  const withEtag = (body: Record<string, unknown>, etag: string) => HttpResponse.json(body, { headers: { etag } });

  const calendarList = http.get(`${base}/users/me/calendarList`, async ({ request }) => {
    const started = await begin(request);
    if ('response' in started) return started.response;
    const url = new URL(request.url);
    const asked = url.searchParams.get('maxResults');
    const maxResults = asked === null ? 100 : Number(asked);
    if (!Number.isInteger(maxResults) || maxResults < 1) return fail(400, 'invalid', `Invalid value '${asked}'. Values must be within the range: [1, 250]`);
    const size = Math.min(maxResults, 250, opts.pageSize ?? 250);
    const token = url.searchParams.get('pageToken');
    const offset = token === null ? 0 : Number(/^cl-(\d+)$/.exec(token)?.[1] ?? Number.NaN);
    if (!Number.isInteger(offset) || offset > started.account.calendars.length) return fail(400, 'invalid', 'Invalid page token value.');
    const page = started.account.calendars.slice(offset, offset + size);
    const items = page.map((c, i) => ({
      kind: 'calendar#calendarListEntry',
      etag: `"${offset + i + 1}000"`,
      id: c.id,
      summary: c.name,
      timeZone: c.timeZone,
      colorId: '14',
      backgroundColor: c.color ?? '#9fe1e7',
      foregroundColor: '#000000',
      selected: true,
      accessRole: c.readOnly ? 'reader' : 'owner',
      defaultReminders: [],
      conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
      ...(c.primary ? { primary: true } : {}),
    }));
    const more = offset + size < started.account.calendars.length;
    return HttpResponse.json({
      kind: 'calendar#calendarList',
      etag: '"p33c9fjnpvbvs0g"',
      ...(more ? { nextPageToken: `cl-${offset + size}` } : { nextSyncToken: 'CPDAlvWDx70CEPDAlvWDx70CGAU=' }),
      items,
    });
  });

  const freeBusy = http.post(`${base}/freeBusy`, async ({ request }) => {
    const started = await begin(request);
    if ('response' in started) return started.response;
    const read = await readJson(request);
    if (!read.ok) return read.response;
    const { timeMin, timeMax, items } = read.body;
    if (timeMin === undefined) return fail(400, 'required', 'Missing timeMin parameter.');
    if (timeMax === undefined) return fail(400, 'required', 'Missing timeMax parameter.');
    const from = parseInstant(timeMin);
    const to = parseInstant(timeMax);
    if (from === undefined || to === undefined) return fail(400, 'invalid', 'Invalid value for timeMin or timeMax.');
    if (to <= from) return fail(400, 'timeRangeEmpty', 'The specified time range is empty.');
    if (to - from > GOOGLE_MOCK_FREE_BUSY_MAX_DAYS * DAY_MS) return fail(400, 'timeRangeTooLong', 'The requested time range is too long.');
    if (!Array.isArray(items)) return fail(400, 'required', 'Missing items.');
    const entries: Array<[string, Record<string, unknown>]> = [];
    for (const [index, item] of (items as unknown[]).entries()) {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') return fail(400, 'invalid', 'Invalid calendar id.');
      const calendar = calendarOf(started.account, id);
      if (index >= GOOGLE_MOCK_FREE_BUSY_MAX_CALENDARS) {
        entries.push([id, { errors: [{ domain: 'calendar', reason: 'tooManyCalendarsRequested' }], busy: [] }]);
      } else if (calendar === undefined) {
        entries.push([id, { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] }]);
      } else {
        try {
          entries.push([id, { busy: await busyOf(store, started.account, calendar, from, to) }]);
        } catch (error) {
          return fail(500, 'backendError', `Backend Error: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    // fromEntries defines own properties, so an id such as "__proto__" stays data.
    return HttpResponse.json({ kind: 'calendar#freeBusy', timeMin: iso(from), timeMax: iso(to), calendars: Object.fromEntries(entries) });
  });

  const insert = http.post<{ calendarId: string }>(`${base}/calendars/:calendarId/events`, async ({ request, params }) => {
    const started = await begin(request);
    if ('response' in started) return started.response;
    const { account } = started;
    const calendar = calendarOf(account, params.calendarId);
    if (calendar === undefined) return fail(404, 'notFound', 'Not Found');
    if (calendar.readOnly) return fail(403, 'requiredAccessLevel', 'You need to have writer access to this calendar.');
    const url = new URL(request.url);
    const version = url.searchParams.get('conferenceDataVersion') ?? '0';
    if (version !== '0' && version !== '1') return fail(400, 'invalid', `Invalid conference data version: ${version}`);
    const sendUpdates = sendUpdatesOf(url);
    if (sendUpdates instanceof Response) return sendUpdates;
    const read = await readJson(request);
    if (!read.ok) return read.response;
    const body = read.body;
    const id = body['id'] ?? randomFrom('0123456789abcdefghijklmnopqrstuv', 26);
    if (typeof id !== 'string' || !/^[0-9a-v]{5,1024}$/.test(id)) return fail(400, 'invalid', 'Invalid resource id value.');
    if (account.events.some((e) => e.calendarId === calendar.id && e.id === id)) return fail(409, 'duplicate', 'The requested identifier already exists.');
    const patch = readEventBody(body, calendar);
    if (patch instanceof Response) return patch;
    let conference: ReturnType<typeof conferenceFor> | undefined;
    // conferenceDataVersion=0 (the default) means the client does not speak conferenceData: Google ignores it.
    const conferenceData = version === '1' ? (body['conferenceData'] as { createRequest?: unknown; conferenceSolution?: unknown; entryPoints?: unknown } | undefined) : undefined;
    const createRequest = conferenceData?.createRequest;
    if (conferenceData !== undefined && createRequest === undefined) {
      // Existing conference details copied onto this event: Google wants a solution and at least one entry point.
      const solution = (conferenceData.conferenceSolution as { key?: { type?: unknown } } | undefined)?.key?.type;
      const points = Array.isArray(conferenceData.entryPoints) ? (conferenceData.entryPoints as Array<{ entryPointType?: unknown; uri?: unknown }>) : [];
      if (typeof solution !== 'string' || points.length === 0) return fail(400, 'invalid', 'Invalid conference data.');
      const video = points.find((p) => p?.entryPointType === 'video' && typeof p.uri === 'string');
      if (video !== undefined) conference = { joinUrl: video.uri as string, conferenceData: conferenceData as Record<string, unknown> };
    }
    if (createRequest !== undefined) {
      const { requestId, conferenceSolutionKey } = (createRequest ?? {}) as { requestId?: unknown; conferenceSolutionKey?: { type?: unknown } };
      if (typeof requestId !== 'string' || requestId === '') return fail(400, 'required', 'Missing conference request id.');
      if (conferenceSolutionKey?.type !== 'hangoutsMeet') return fail(400, 'invalid', 'Invalid conference type value.');
      conference = conferenceFor(requestId);
    }
    const now = new Date().toISOString();
    const { timeZone, ...fields } = patch;
    const event = store.addEvent(account, {
      ...fields,
      summary: fields.summary ?? '',
      start: fields.start!,
      end: fields.end!,
      id,
      calendarId: calendar.id,
      ...(conference === undefined ? {} : { joinUrl: conference.joinUrl }),
      extra: {
        created: now,
        updated: now,
        sequence: 0,
        ...(timeZone === undefined ? {} : { timeZone }),
        ...(sendUpdates === undefined ? {} : { sendUpdates }),
        ...(conference === undefined ? {} : { conferenceData: conference.conferenceData }),
      },
    });
    return withEtag(toEventResource(event, calendar, account), event.etag);
  });

  /** The calendar and event a request names, or Google's 404. */
  function findEvent(account: MockAccount, params: { calendarId: string; eventId: string }) {
    const calendar = calendarOf(account, params.calendarId);
    const event = calendar && account.events.find((e) => e.calendarId === calendar.id && e.id === params.eventId);
    return calendar && event ? { calendar, event } : undefined;
  }

  const eventPath = `${base}/calendars/:calendarId/events/:eventId`;

  const get = http.get<{ calendarId: string; eventId: string }>(eventPath, async ({ request, params }) => {
    const started = await begin(request);
    if ('response' in started) return started.response;
    const found = findEvent(started.account, params);
    if (found === undefined) return fail(404, 'notFound', 'Not Found');
    return withEtag(toEventResource(found.event, found.calendar, started.account), found.event.etag);
  });

  const patch = http.patch<{ calendarId: string; eventId: string }>(eventPath, async ({ request, params }) => {
    const started = await begin(request);
    if ('response' in started) return started.response;
    const found = findEvent(started.account, params);
    if (found === undefined) return fail(404, 'notFound', 'Not Found');
    const { calendar, event } = found;
    if (calendar.readOnly) return fail(403, 'requiredAccessLevel', 'You need to have writer access to this calendar.');
    const ifMatch = request.headers.get('if-match');
    if (ifMatch !== null && ifMatch !== '*' && ifMatch !== event.etag) return fail(412, 'conditionNotMet', 'Precondition Failed');
    const sendUpdates = sendUpdatesOf(new URL(request.url));
    if (sendUpdates instanceof Response) return sendUpdates;
    const read = await readJson(request);
    if (!read.ok) return read.response;
    const changes = readEventBody(read.body, calendar, event);
    if (changes instanceof Response) return changes;
    const { timeZone, ...fields } = changes;
    const moved = (fields.start !== undefined && fields.start !== event.start) || (fields.end !== undefined && fields.end !== event.end);
    Object.assign(event, fields);
    const sequence = typeof event.extra?.['sequence'] === 'number' ? event.extra['sequence'] : 0;
    event.extra = {
      ...event.extra,
      updated: new Date().toISOString(),
      sequence: moved ? sequence + 1 : sequence,
      ...(timeZone === undefined ? {} : { timeZone }),
      ...(sendUpdates === undefined ? {} : { sendUpdates }),
    };
    event.etag = nextEtag();
    return withEtag(toEventResource(event, calendar, started.account), event.etag);
  });

  const remove = http.delete<{ calendarId: string; eventId: string }>(eventPath, async ({ request, params }) => {
    const started = await begin(request);
    if ('response' in started) return started.response;
    const found = findEvent(started.account, params);
    if (found === undefined) return fail(404, 'notFound', 'Not Found');
    const { calendar, event } = found;
    if (calendar.readOnly) return fail(403, 'requiredAccessLevel', 'You need to have writer access to this calendar.');
    if (event.cancelled) return fail(410, 'deleted', 'Resource has been deleted');
    const sendUpdates = sendUpdatesOf(new URL(request.url));
    if (sendUpdates instanceof Response) return sendUpdates;
    event.cancelled = true;
    event.etag = nextEtag();
    event.extra = { ...event.extra, updated: new Date().toISOString(), ...(sendUpdates === undefined ? {} : { sendUpdates }) };
    return new HttpResponse(null, { status: 204 });
  });

  return [calendarList, freeBusy, insert, get, patch, remove];
}
