/**
 * Microsoft Graph v1.0 calendar endpoints over msw, in Graph's wire format, backed by
 * a {@link MockCalendarStore}: `@odata.context`, `value` arrays and `@odata.nextLink`
 * paging; date-times as wall clocks without an offset ("2026-03-10T14:00:00.0000000")
 * in the zone `Prefer: outlook.timezone` names (Windows or IANA, echoed in
 * `Preference-Applied`); getSchedule's per-schedule answers and limits; the error
 * envelope `{ "error": { "code", "message", "innerError" } }`.
 *
 * Sources: the Graph v1.0 reference (calendar, event, calendar: getSchedule, event:
 * cancel / decline) and "Get free/busy schedule" (limits: 20 schedules, under 62
 * days). Where Graph's behaviour is not documented, the choice is marked here:
 * - a create repeating a live event's `transactionId` answers 201 with that event;
 * - more than 20 schedules is refused with `ErrorMailboxDataArrayTooBig` (the live
 *   service has been seen to allow 100; the mock enforces the documented 20);
 * - an unknown schedule address answers `error.responseCode` `ErrorMailRecipientNotFound`;
 * - getSchedule answers in the `Prefer` zone, else in `startTime.timeZone`, labelled
 *   with its Windows name (UTC when the zone is not in the small table below);
 * - all-day events are the stored midnights, converted like any other time;
 * - personal accounts (outlook.com, hotmail.*, live.*, msn.com by default) allow
 *   `skypeForConsumer` online meetings, work accounts `teamsForBusiness`; a create
 *   asking for a provider the calendar does not allow gets no online meeting.
 */
import { expandRecurrence, windowsZoneToIana } from '@meeting-scheduler/core';
import { HttpResponse, http, type HttpHandler } from 'msw';
import { Temporal } from 'temporal-polyfill';
import { nextEtag, type MockAccount, type MockCalendar, type MockCalendarStore, type MockEvent, type MockShowAs } from './calendar-store.js';
import { MockFaults } from './faults.js';
import { applyFaults, bearer } from './respond.js';

export interface MicrosoftMockOptions {
  /** Default `https://graph.microsoft.com/v1.0`. */
  baseUrl?: string;
  /** Largest page of a collection; Graph's default (without `$top`) is 10. Set it low to prove paging. */
  pageSize?: number;
  /** Whether an account is a personal Microsoft account. Default: an outlook.com, hotmail.*, live.* or msn.com address. */
  isPersonal?: (account: MockAccount) => boolean;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const MAX_SCHEDULES = 20;
const MAX_SCHEDULE_DAYS = 62;

/** IANA → Windows names for the zones the mock labels; anything else is answered in UTC. */
const WINDOWS_NAMES: Readonly<Record<string, string>> = {
  UTC: 'UTC',
  'Etc/UTC': 'UTC',
  'America/Los_Angeles': 'Pacific Standard Time',
  'America/Denver': 'Mountain Standard Time',
  'America/Chicago': 'Central Standard Time',
  'America/New_York': 'Eastern Standard Time',
  'America/Sao_Paulo': 'E. South America Standard Time',
  'Europe/London': 'GMT Standard Time',
  'Europe/Berlin': 'W. Europe Standard Time',
  'Europe/Paris': 'Romance Standard Time',
  'Asia/Kolkata': 'India Standard Time',
  'Asia/Kathmandu': 'Nepal Standard Time',
  'Asia/Singapore': 'Singapore Standard Time',
  'Asia/Tokyo': 'Tokyo Standard Time',
  'Australia/Sydney': 'AUS Eastern Standard Time',
};

const FAULT_CODES: Readonly<Record<number, [string, string]>> = {
  401: ['InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.'],
  429: ['TooManyRequests', 'Please retry again later.'],
  500: ['InternalServerError', 'An internal server error occurred. The operation failed.'],
  502: ['BadGateway', 'The server received an invalid response from an upstream server.'],
  503: ['ServiceUnavailable', 'The service is temporarily unavailable. Please retry later.'],
  504: ['GatewayTimeout', 'The operation timed out.'],
};

/** Graph's error envelope. */
function graphErrorBody(code: string, message: string): { error: { code: string; message: string; innerError: Record<string, string> } } {
  const id = crypto.randomUUID();
  return { error: { code, message, innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': id, 'client-request-id': id } } };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  HttpResponse.json(body as Record<string, unknown>, { status, headers: { 'request-id': crypto.randomUUID(), ...headers } });

const fail = (status: number, code: string, message: string) => json(graphErrorBody(code, message), status);

const notFound = () => fail(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');

// ---------------------------------------------------------------------------
// Time zones and date-times

interface Zone {
  iana: string;
  /** The name the answer carries in `timeZone`. */
  label: string;
}

const UTC_ZONE: Zone = { iana: 'UTC', label: 'UTC' };

/** A zone from a Windows or IANA name, labelled as asked; undefined when unknown. */
function zoneNamed(name: string): Zone | undefined {
  try {
    return { iana: windowsZoneToIana(name), label: name.trim() };
  } catch {
    return undefined;
  }
}

/**
 * The same zone labelled with its Windows name, as Exchange reports it; UTC when the
 * table does not know the zone. Windows names never contain "/", IANA ids (but "UTC") do.
 */
function windowsLabelled(zone: Zone): Zone {
  if (!zone.label.includes('/')) return zone;
  const windows = WINDOWS_NAMES[zone.iana];
  return windows === undefined ? UTC_ZONE : { iana: zone.iana, label: windows };
}

/** The zone of `Prefer: outlook.timezone="…"`, if the request names a known one. */
function preferredZone(request: Request): Zone | undefined {
  const name = /outlook\.timezone\s*=\s*"([^"]*)"/i.exec(request.headers.get('prefer') ?? '')?.[1];
  return name === undefined ? undefined : zoneNamed(name);
}

function preferenceApplied(zone: Zone | undefined): Record<string, string> {
  return zone === undefined ? {} : { 'preference-applied': `outlook.timezone="${zone.label}"` };
}

/** Graph's `dateTimeTimeZone`: the wall clock in `zone`, 7 fractional digits, no offset. */
function dateTimeTimeZone(ms: number, zone: Zone): { dateTime: string; timeZone: string } {
  const wall = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone.iana).toPlainDateTime();
  return { dateTime: wall.toString({ fractionalSecondDigits: 7 }), timeZone: zone.label };
}

/** Epoch ms of a request's `dateTimeTimeZone` (an offset in `dateTime` wins); undefined when unreadable. */
function readDateTimeTimeZone(value: unknown): number | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { dateTime, timeZone } = value as { dateTime?: unknown; timeZone?: unknown };
  if (typeof dateTime !== 'string') return undefined;
  try {
    if (/(?:Z|[+-]\d{2}:?\d{2})$/i.test(dateTime)) return Temporal.Instant.from(dateTime).epochMilliseconds;
    const zone = zoneNamed(typeof timeZone === 'string' ? timeZone : 'UTC');
    if (zone === undefined) return undefined;
    return Temporal.PlainDateTime.from(dateTime).toZonedDateTime(zone.iana, { disambiguation: 'compatible' }).epochMilliseconds;
  } catch {
    return undefined;
  }
}

/** A query-string date-time: with an offset, or UTC without one. */
function readQueryDateTime(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  try {
    return /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value)
      ? Temporal.Instant.from(value).epochMilliseconds
      : Temporal.PlainDateTime.from(value).toZonedDateTime('UTC').epochMilliseconds;
  } catch {
    return undefined;
  }
}

/** Core's canonical instant: `2026-03-10T14:00:00Z` (milliseconds only when present). */
function iso(ms: number): string {
  const s = new Date(ms).toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, -5)}Z` : s;
}

// ---------------------------------------------------------------------------
// Store views

interface Occurrence {
  event: MockEvent;
  id: string;
  start: number;
  end: number;
  occurrence: boolean;
}

function calendarOf(account: MockAccount, calendarId: string): MockCalendar | undefined {
  return account.calendars.find((c) => c.id === calendarId);
}

const primaryOf = (account: MockAccount) => account.calendars.find((c) => c.primary) ?? account.calendars[0];

/** The instances of an event overlapping `[from, to)`: itself, or its recurrence expanded in its zone. */
async function instances(account: MockAccount, event: MockEvent, from: number, to: number): Promise<Occurrence[]> {
  const start = Date.parse(event.start);
  const end = Date.parse(event.end);
  if (event.recurrence === undefined) {
    return start < to && end > from ? [{ event, id: event.id, start, end, occurrence: false }] : [];
  }
  const timeZone = event.recurrenceTimeZone ?? calendarOf(account, event.calendarId)?.timeZone ?? 'UTC';
  const local = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(timeZone).toPlainDateTime().toString({ smallestUnit: 'second' });
  const starts = await expandRecurrence(event.recurrence, { local, timeZone }, { start: iso(from - (end - start)), end: iso(to) });
  return starts
    .map((s) => Date.parse(s))
    .map((s) => ({ event, id: `${event.id}_${iso(s).replace(/[-:.]/g, '')}`, start: s, end: s + (end - start), occurrence: true }))
    .filter((o) => o.end > from && o.start < to);
}

async function instancesIn(account: MockAccount, events: MockEvent[], from: number, to: number): Promise<Occurrence[]> {
  const all = (await Promise.all(events.map((e) => instances(account, e, from, to)))).flat();
  return all.sort((a, b) => a.start - b.start || a.end - b.end);
}

const RESPONSES: Readonly<Record<string, string>> = { needsAction: 'none', accepted: 'accepted', declined: 'declined', tentative: 'tentativelyAccepted' };

function organizerOf(account: MockAccount, event: MockEvent): string {
  const organizer = event.extra?.['organizer'];
  return typeof organizer === 'string' ? organizer : account.email;
}

/** Graph's event resource for an event (or one of its occurrences). */
function eventJson(account: MockAccount, event: MockEvent, zone: Zone, occ?: Occurrence): Record<string, unknown> {
  const organizer = organizerOf(account, event);
  const provider = event.extra?.['onlineMeetingProvider'];
  const joinUrl = event.joinUrl;
  return {
    '@odata.etag': `W/${event.etag}`,
    id: occ?.id ?? event.id,
    changeKey: event.etag.replace(/"/g, ''),
    transactionId: event.transactionId ?? null,
    subject: event.summary,
    bodyPreview: (event.description ?? '').slice(0, 255),
    body: { contentType: event.extra?.['bodyContentType'] === 'html' ? 'html' : 'text', content: event.description ?? '' },
    start: dateTimeTimeZone(occ?.start ?? Date.parse(event.start), zone),
    end: dateTimeTimeZone(occ?.end ?? Date.parse(event.end), zone),
    isAllDay: event.allDay === true,
    isCancelled: event.extra?.['isCancelled'] === true,
    isOrganizer: organizer.toLowerCase() === account.email.toLowerCase(),
    showAs: event.showAs ?? 'busy',
    type: occ?.occurrence ? 'occurrence' : event.recurrence === undefined ? 'singleInstance' : 'seriesMaster',
    seriesMasterId: occ?.occurrence ? event.id : null,
    organizer: { emailAddress: { name: organizer, address: organizer } },
    attendees: (event.attendees ?? []).map((a) => ({
      type: 'required',
      status: { response: RESPONSES[a.response ?? 'needsAction'] ?? 'none', time: '0001-01-01T00:00:00Z' },
      emailAddress: { name: a.name ?? a.email, address: a.email },
    })),
    isOnlineMeeting: joinUrl !== undefined,
    onlineMeetingProvider: typeof provider === 'string' && joinUrl !== undefined ? provider : 'unknown',
    onlineMeeting: joinUrl === undefined ? null : { joinUrl },
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(occ?.id ?? event.id)}&exvsurl=1&path=/calendar/item`,
  };
}

function defaultIsPersonal(account: MockAccount): boolean {
  return /@(?:outlook\.[a-z.]+|hotmail\.[a-z.]+|live\.[a-z.]+|msn\.com)$/i.test(account.email);
}

/** `$select` applied the way Graph does: the named properties plus `id` and `@odata.etag`. */
function select(request: Request, item: Record<string, unknown>): Record<string, unknown> {
  const param = new URL(request.url).searchParams.get('$select');
  if (param === null || param.trim() === '') return item;
  const wanted = new Set(['id', '@odata.etag', ...param.split(',').map((p) => p.trim().toLowerCase())]);
  return Object.fromEntries(Object.entries(item).filter(([k]) => wanted.has(k.toLowerCase())));
}

/** A property of a JSON body, matched without case (Graph's own examples write `Schedules` and `schedules`). */
function prop(body: unknown, name: string): unknown {
  if (body === null || typeof body !== 'object') return undefined;
  const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : (body as Record<string, unknown>)[key];
}

async function readJson(request: Request): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const text = await request.text();
  if (text === '') return { ok: true, body: {} };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: fail(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.') };
  }
}

// ---------------------------------------------------------------------------
// Handlers

/**
 * msw handlers for Microsoft Graph's calendar endpoints: `/me/calendars` (and one
 * calendar), `calendarView`, `/me/calendar/getSchedule`, creating events (in a
 * calendar or the default one), `GET`/`PATCH`/`DELETE /me/events/{id}`, and the
 * `/cancel` and `/decline` actions. Every handler applies `faults` first; a request
 * without a token the store knows gets 401 `InvalidAuthenticationToken`.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * const store = new MockCalendarStore([{ email: 'bob@studio-kolkata.example', token: 'tok-bob',
 *   calendars: [{ id: 'AAMkAD-bob', name: 'Calendar', timeZone: 'Asia/Kolkata' }] }]);
 * const server = setupServer(...microsoftHandlers(store, new MockFaults(), { pageSize: 2 }));
 * server.listen({ onUnhandledFrame: 'error' });
 * ```
 */
export function microsoftHandlers(store: MockCalendarStore, faults: MockFaults = new MockFaults(), opts: MicrosoftMockOptions = {}): HttpHandler[] {
  const base = (opts.baseUrl ?? 'https://graph.microsoft.com/v1.0').replace(/\/+$/, '');
  const maxPage = Math.max(1, opts.pageSize ?? Number.POSITIVE_INFINITY);
  const isPersonal = opts.isPersonal ?? defaultIsPersonal;
  const envelope = (status: number) => {
    const [code, message] = FAULT_CODES[status] ?? ['UnknownError', 'An unknown error occurred.'];
    return graphErrorBody(code, message);
  };
  const context = (account: MockAccount, rest: string) => `${base}/$metadata#users('${encodeURIComponent(account.email)}')${rest}`;

  /** Faults first, then the bearer token: the account, or the response to send. */
  async function open(request: Request): Promise<MockAccount | Response> {
    const fault = await applyFaults(faults, request, envelope);
    if (fault !== undefined) return fault;
    const token = bearer(request);
    const account = token === undefined ? undefined : store.accountForToken(token);
    if (account === undefined) {
      return fail(401, 'InvalidAuthenticationToken', token === undefined ? 'Access token is empty.' : 'IDX14100: JWT is not well formed, there are no dots (.).');
    }
    return account;
  }

  /** One page of a collection, with `@odata.nextLink` when more remain. */
  function page(request: Request, items: unknown[], odataContext: string, headers: Record<string, string> = {}): Response {
    const url = new URL(request.url);
    const top = Number(url.searchParams.get('$top') ?? 10);
    const skip = Math.max(0, Number(url.searchParams.get('$skip') ?? 0) || 0);
    const size = Math.min(Number.isInteger(top) && top > 0 ? top : 10, maxPage);
    const body: Record<string, unknown> = { '@odata.context': odataContext, value: items.slice(skip, skip + size) };
    if (skip + size < items.length) {
      url.searchParams.set('$skip', String(skip + size));
      body['@odata.nextLink'] = url.toString();
    }
    return json(body, 200, headers);
  }

  function calendarJson(account: MockAccount, calendar: MockCalendar): Record<string, unknown> {
    const providers = isPersonal(account) ? ['skypeForConsumer'] : ['teamsForBusiness'];
    return {
      id: calendar.id,
      name: calendar.name,
      color: 'auto',
      hexColor: calendar.color ?? '',
      isDefaultCalendar: calendar.primary === true,
      canShare: calendar.readOnly !== true,
      canViewPrivateItems: true,
      canEdit: calendar.readOnly !== true,
      isRemovable: calendar.primary !== true,
      isTallyingResponses: calendar.primary === true,
      allowedOnlineMeetingProviders: providers,
      defaultOnlineMeetingProvider: providers[0],
      owner: { name: account.name ?? account.email, address: account.email },
    };
  }

  const liveEvent = (account: MockAccount, id: string) => account.events.find((e) => e.id === id && !e.cancelled);

  function joinUrlFor(provider: string): string {
    const id = crypto.randomUUID().replace(/-/g, '');
    if (provider === 'skypeForConsumer') return `https://join.skype.com/${id.slice(0, 12)}`;
    if (provider === 'teamsForConsumer') return `https://teams.live.com/meet/${id.slice(0, 13)}`;
    return `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${id}%40thread.v2/0?context=%7b%22Tid%22%3a%22mock%22%7d`;
  }

  async function calendarView(request: Request, account: MockAccount, calendar: MockCalendar | undefined): Promise<Response> {
    if (calendar === undefined) return notFound();
    const url = new URL(request.url);
    const from = readQueryDateTime(url.searchParams.get('startDateTime'));
    const to = readQueryDateTime(url.searchParams.get('endDateTime'));
    if (from === undefined || to === undefined) {
      return fail(400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
    }
    if (to <= from) return fail(400, 'ErrorInvalidParameter', 'The value of the parameter EndDateTime must be later than StartDateTime.');
    const zone = preferredZone(request);
    const events = account.events.filter((e) => e.calendarId === calendar.id && !e.cancelled);
    const items = (await instancesIn(account, events, from, to)).map((o) => select(request, eventJson(account, o.event, zone ?? UTC_ZONE, o)));
    return page(request, items, context(account, `/calendars('${calendar.id}')/calendarView`), preferenceApplied(zone));
  }

  async function createEvent(request: Request, account: MockAccount, calendar: MockCalendar | undefined): Promise<Response> {
    if (calendar === undefined) return notFound();
    if (calendar.readOnly === true) return fail(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    const read = await readJson(request);
    if (!read.ok) return read.response;
    const body = read.body;
    const zone = preferredZone(request);
    const transactionId = prop(body, 'transactionId');
    if (typeof transactionId === 'string' && transactionId !== '') {
      const existing = account.events.find((e) => e.transactionId === transactionId && !e.cancelled);
      if (existing !== undefined) return json({ '@odata.context': context(account, `/calendars('${existing.calendarId}')/events/$entity`), ...eventJson(account, existing, zone ?? UTC_ZONE) }, 201, preferenceApplied(zone));
    }
    const start = readDateTimeTimeZone(prop(body, 'start'));
    const end = readDateTimeTimeZone(prop(body, 'end'));
    if (start === undefined || end === undefined) return fail(400, 'ErrorInvalidRequest', 'Your request can\'t be completed. The start and end of the event are required.');
    if (end < start) return fail(400, 'ErrorInvalidRequest', 'Your request can\'t be completed. The end of the event must not be before its start.');
    const subject = prop(body, 'subject');
    const content = prop(prop(body, 'body'), 'content');
    const showAs = prop(body, 'showAs');
    const attendees = prop(body, 'attendees');
    const seed: Parameters<MockCalendarStore['addEvent']>[1] = {
      calendarId: calendar.id,
      summary: typeof subject === 'string' ? subject : '',
      start: iso(start),
      end: iso(end),
      showAs: (['free', 'tentative', 'busy', 'oof', 'workingElsewhere'] as const).includes(showAs as MockShowAs) ? (showAs as MockShowAs) : 'busy',
      allDay: prop(body, 'isAllDay') === true,
      description: typeof content === 'string' ? content : '',
      attendees: (Array.isArray(attendees) ? attendees : []).flatMap((a) => {
        const address = prop(prop(a, 'emailAddress'), 'address');
        const name = prop(prop(a, 'emailAddress'), 'name');
        return typeof address === 'string' ? [typeof name === 'string' ? { email: address, name, response: 'needsAction' as const } : { email: address, response: 'needsAction' as const }] : [];
      }),
      extra: { organizer: account.email, bodyContentType: prop(prop(body, 'body'), 'contentType') === 'html' ? 'html' : 'text' },
    };
    if (typeof transactionId === 'string' && transactionId !== '') seed.transactionId = transactionId;
    if (prop(body, 'isOnlineMeeting') === true) {
      const asked = prop(body, 'onlineMeetingProvider');
      const support = calendarJson(account, calendar);
      const allowed = support['allowedOnlineMeetingProviders'] as string[];
      const provider = typeof asked === 'string' ? asked : (support['defaultOnlineMeetingProvider'] as string);
      if (allowed.includes(provider)) {
        seed.joinUrl = joinUrlFor(provider);
        seed.extra = { ...seed.extra, onlineMeetingProvider: provider };
      }
    }
    const event = store.addEvent(account, seed);
    return json({ '@odata.context': context(account, `/calendars('${calendar.id}')/events/$entity`), ...eventJson(account, event, zone ?? UTC_ZONE) }, 201, preferenceApplied(zone));
  }

  async function getSchedule(request: Request): Promise<Response> {
    const read = await readJson(request);
    if (!read.ok) return read.response;
    const schedules = prop(read.body, 'schedules');
    if (!Array.isArray(schedules) || schedules.length === 0 || !schedules.every((s) => typeof s === 'string')) {
      return fail(400, 'ErrorInvalidParameter', 'The parameter Schedules is required and must list SMTP addresses.');
    }
    if (schedules.length > MAX_SCHEDULES) {
      return fail(400, 'ErrorMailboxDataArrayTooBig', `There are too many target users in the EmailAddress array. The allowed size = ${MAX_SCHEDULES}; the actual size = ${schedules.length}.`);
    }
    const startTime = prop(read.body, 'startTime');
    const from = readDateTimeTimeZone(startTime);
    const to = readDateTimeTimeZone(prop(read.body, 'endTime'));
    if (from === undefined || to === undefined) return fail(400, 'ErrorInvalidTimeZone', 'The time zone or date-time of StartTime or EndTime is not valid.');
    if (to <= from) return fail(400, 'ErrorInvalidTimeInterval', 'The time duration specified for FreeBusyViewOptions.TimeWindow is invalid.');
    if (to - from >= MAX_SCHEDULE_DAYS * DAY_MS) {
      const days = Math.ceil((to - from) / DAY_MS);
      return fail(400, 'ErrorTimeIntervalTooBig', `The requested time duration specified for FreeBusyViewOptions.TimeWindow is too long. The time period must be less than ${MAX_SCHEDULE_DAYS} days; the actual period = ${days} days.`);
    }
    const intervalValue = prop(read.body, 'availabilityViewInterval') ?? 30;
    const interval = Number(intervalValue);
    if (!Number.isInteger(interval) || interval < 5 || interval > 1440 || interval * MINUTE_MS > to - from) {
      return fail(400, 'ErrorInvalidMergedFreeBusyInterval', 'The specified merged free/busy interval is not valid. Specify an interval that is less than the free/busy time window and between 5 and 1440 minutes.');
    }
    const preferred = preferredZone(request);
    const zone = windowsLabelled(preferred ?? zoneNamed(String(prop(startTime, 'timeZone') ?? 'UTC')) ?? UTC_ZONE);
    const value = await Promise.all(
      (schedules as string[]).map(async (address) => {
        const owner = store.account(address);
        if (owner === undefined) {
          return { scheduleId: address, availabilityView: '', scheduleItems: [], error: { message: `The requested user '${address}' is invalid.`, responseCode: 'ErrorMailRecipientNotFound' } };
        }
        const primary = primaryOf(owner);
        const events = owner.events.filter((e) => e.calendarId === primary?.id && !e.cancelled && e.extra?.['isCancelled'] !== true);
        const items = await instancesIn(owner, events, from, to);
        return {
          scheduleId: address,
          availabilityView: availabilityView(items, from, to, interval),
          scheduleItems: items.map((o) => ({
            isPrivate: false,
            status: o.event.showAs ?? 'busy',
            subject: o.event.summary,
            location: '',
            isMeeting: (o.event.attendees?.length ?? 0) > 0,
            isRecurring: o.event.recurrence !== undefined,
            isException: false,
            isReminderSet: false,
            start: dateTimeTimeZone(o.start, zone),
            end: dateTimeTimeZone(o.end, zone),
          })),
          workingHours: {
            daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
            startTime: '08:00:00.0000000',
            endTime: '17:00:00.0000000',
            timeZone: { name: windowsLabelled(zoneNamed(primary?.timeZone ?? 'UTC') ?? UTC_ZONE).label },
          },
        };
      }),
    );
    const applied = preferenceApplied(preferred === undefined ? undefined : zone);
    return json({ '@odata.context': `${base}/$metadata#Collection(microsoft.graph.scheduleInformation)`, value }, 200, applied);
  }

  async function patchEvent(request: Request, account: MockAccount, event: MockEvent): Promise<Response> {
    const read = await readJson(request);
    if (!read.ok) return read.response;
    const body = read.body;
    const next: Partial<MockEvent> = {};
    for (const [field, key] of [['start', 'start'], ['end', 'end']] as const) {
      const value = prop(body, field);
      if (value === undefined) continue;
      const ms = readDateTimeTimeZone(value);
      if (ms === undefined) return fail(400, 'ErrorInvalidRequest', `Your request can't be completed. ${field} is not a valid dateTimeTimeZone.`);
      next[key] = iso(ms);
    }
    if (Date.parse(next.end ?? event.end) < Date.parse(next.start ?? event.start)) {
      return fail(400, 'ErrorInvalidRequest', 'Your request can\'t be completed. The end of the event must not be before its start.');
    }
    const subject = prop(body, 'subject');
    const content = prop(prop(body, 'body'), 'content');
    const showAs = prop(body, 'showAs');
    if (typeof subject === 'string') next.summary = subject;
    if (typeof content === 'string') next.description = content;
    if (typeof showAs === 'string' && ['free', 'tentative', 'busy', 'oof', 'workingElsewhere'].includes(showAs)) next.showAs = showAs as MockShowAs;
    Object.assign(event, next, { etag: nextEtag() });
    const zone = preferredZone(request);
    return json({ '@odata.context': context(account, `/events/$entity`), ...eventJson(account, event, zone ?? UTC_ZONE) }, 200, preferenceApplied(zone));
  }

  /** Serves a route for a signed-in account. */
  const route =
    <P extends Record<string, string>>(serve: (request: Request, account: MockAccount, params: P) => Promise<Response> | Response) =>
    async ({ request, params }: { request: Request; params: Record<string, string | readonly string[] | undefined> }) => {
      const opened = await open(request);
      if (opened instanceof Response) return opened;
      const decoded = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? decodeURIComponent(v) : ''])) as P;
      return serve(request, opened, decoded);
    };

  const withEvent = (serve: (request: Request, account: MockAccount, event: MockEvent) => Promise<Response> | Response) =>
    route<{ eventId: string }>((request, account, { eventId }) => {
      const event = liveEvent(account, eventId);
      return event === undefined ? notFound() : serve(request, account, event);
    });

  return [
    http.get(`${base}/me/calendars`, route((request, account) =>
      page(request, account.calendars.map((c) => select(request, calendarJson(account, c))), context(account, '/calendars')),
    )),
    http.get(`${base}/me/calendar`, route((request, account) => {
      const calendar = primaryOf(account);
      return calendar === undefined ? notFound() : json({ '@odata.context': context(account, '/calendar/$entity'), ...select(request, calendarJson(account, calendar)) });
    })),
    http.get(`${base}/me/calendars/:calendarId`, route<{ calendarId: string }>((request, account, { calendarId }) => {
      const calendar = calendarOf(account, calendarId);
      return calendar === undefined ? notFound() : json({ '@odata.context': context(account, '/calendars/$entity'), ...select(request, calendarJson(account, calendar)) });
    })),
    http.get(`${base}/me/calendars/:calendarId/calendarView`, route<{ calendarId: string }>((request, account, { calendarId }) =>
      calendarView(request, account, calendarOf(account, calendarId)),
    )),
    http.get(`${base}/me/calendar/calendarView`, route((request, account) => calendarView(request, account, primaryOf(account)))),
    http.get(`${base}/me/calendarView`, route((request, account) => calendarView(request, account, primaryOf(account)))),
    http.post(`${base}/me/calendar/getSchedule`, route((request) => getSchedule(request))),
    http.post(`${base}/me/calendars/:calendarId/events`, route<{ calendarId: string }>((request, account, { calendarId }) =>
      createEvent(request, account, calendarOf(account, calendarId)),
    )),
    http.post(`${base}/me/events`, route((request, account) => createEvent(request, account, primaryOf(account)))),
    http.get(`${base}/me/events/:eventId`, withEvent((request, account, event) => {
      const zone = preferredZone(request);
      return json({ '@odata.context': context(account, '/events/$entity'), ...select(request, eventJson(account, event, zone ?? UTC_ZONE)) }, 200, preferenceApplied(zone));
    })),
    http.patch(`${base}/me/events/:eventId`, withEvent((request, account, event) => patchEvent(request, account, event))),
    http.delete(`${base}/me/events/:eventId`, withEvent((_request, _account, event) => {
      event.cancelled = true;
      return new HttpResponse(null, { status: 204 });
    })),
    http.post(`${base}/me/events/:eventId/cancel`, withEvent(async (request, account, event) => {
      const read = await readJson(request);
      if (!read.ok) return read.response;
      if (organizerOf(account, event).toLowerCase() !== account.email.toLowerCase()) {
        return fail(400, 'ErrorInvalidRequest', 'Your request can\'t be completed. You need to be an organizer to cancel a meeting.');
      }
      const comment = prop(read.body, 'comment');
      Object.assign(event, { cancelled: true, etag: nextEtag(), extra: { ...event.extra, cancelComment: typeof comment === 'string' ? comment : '' } });
      return new HttpResponse(null, { status: 202 });
    })),
    http.post(`${base}/me/events/:eventId/decline`, withEvent(async (request, account, event) => {
      const read = await readJson(request);
      if (!read.ok) return read.response;
      if (organizerOf(account, event).toLowerCase() === account.email.toLowerCase()) {
        return fail(400, 'ErrorInvalidRequest', 'Your request can\'t be completed. You can\'t respond to a meeting you organized.');
      }
      const comment = prop(read.body, 'comment');
      const sendResponse = prop(read.body, 'sendResponse');
      Object.assign(event, {
        cancelled: true,
        etag: nextEtag(),
        extra: { ...event.extra, declineComment: typeof comment === 'string' ? comment : '', sendResponse: sendResponse !== false },
      });
      return new HttpResponse(null, { status: 202 });
    })),
  ];
}

/** Graph's merged view: one digit per interval — 0 free, 1 tentative, 2 busy, 3 out of office, 4 working elsewhere. */
function availabilityView(items: Occurrence[], from: number, to: number, intervalMinutes: number): string {
  const rank: Record<string, [number, string]> = { free: [0, '0'], workingElsewhere: [1, '4'], tentative: [2, '1'], busy: [3, '2'], oof: [4, '3'] };
  let view = '';
  for (let t = from; t < to; t += intervalMinutes * MINUTE_MS) {
    const slotEnd = t + intervalMinutes * MINUTE_MS;
    let best: [number, string] = [0, '0'];
    for (const o of items) {
      if (o.start < slotEnd && o.end > t) {
        const r = rank[o.event.showAs ?? 'busy'] ?? [3, '2'];
        if (r[0] > best[0]) best = r;
      }
    }
    view += best[1];
  }
  return view;
}
