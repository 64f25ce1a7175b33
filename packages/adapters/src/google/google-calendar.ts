/**
 * Google Calendar API v3 as a `CalendarAdapter`: the account's calendar list, busy time
 * through freeBusy, and confirmed meetings written as events with a Google Meet link.
 * The host owns OAuth and passes `getAccessToken()`.
 */
import type { AbortSignalLike } from '@meeting-scheduler/core';
import {
  SchedulerError,
  safeJoinUrl,
  type BusyInterval,
  type CalendarAdapter,
  type CalendarInfo,
  type Interval,
  type Meeting,
  type RequestOptions,
} from '@meeting-scheduler/core';
import { createHttpClient, type HttpClient, type HttpInternals, type ProviderOptions } from '../internal/http.js';
import { classifyGoogleError, refineGoogleError } from './errors.js';
import { googleEventId } from './event-id.js';
import { queryFreeBusy } from './free-busy.js';

/** Where the Calendar API v3 lives. */
export const GOOGLE_CALENDAR_BASE_URL = 'https://www.googleapis.com/calendar/v3';

export type GoogleCalendarOptions = ProviderOptions & {
  /** Who Google e-mails about created, moved and cancelled events: the host's choice (default `'none'`). */
  sendUpdates?: 'all' | 'externalOnly' | 'none';
  /** Ask Google for a Meet link on created events (default `true`). */
  conference?: boolean;
};

/** Guests to invite on the Google event (their addresses; the thread's people are the host's to map). */
export interface GoogleAttendee {
  email: string;
  displayName?: string;
}

export interface GoogleCreateEventOptions extends RequestOptions {
  calendarId: string;
  idempotencyKey: string;
  attendees?: GoogleAttendee[];
}

/** A `CalendarAdapter` for one Google account. */
export interface GoogleCalendarAdapter extends CalendarAdapter {
  readonly provider: 'google';
  listCalendars(o?: RequestOptions): Promise<CalendarInfo[]>;
  getBusy(range: Interval, calendarIds: string[], o?: RequestOptions): Promise<BusyInterval[]>;
  createEvent(m: Meeting, o: GoogleCreateEventOptions): Promise<{ eventId: string; joinUrl?: string }>;
  updateEvent(eventId: string, m: Meeting, o: RequestOptions & { calendarId: string }): Promise<void>;
  cancelEvent(eventId: string, m: Meeting, o: RequestOptions & { calendarId: string; reason?: string }): Promise<void>;
}

/** The fields of a Google event resource this adapter reads. Untrusted data. */
interface GoogleEventWire {
  id?: unknown;
  etag?: unknown;
  status?: unknown;
  hangoutLink?: unknown;
  conferenceData?: { entryPoints?: unknown };
}

const SEND_UPDATES = new Set(['all', 'externalOnly', 'none']);

const segment = (value: string) => encodeURIComponent(value);

function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw new SchedulerError('invalid-input', `google: ${field} is required`, { field });
  return value;
}

function confirmedTime(m: Meeting): Interval {
  if (m?.confirmed === undefined) {
    throw new SchedulerError('invalid-input', 'google: only a confirmed meeting can be written to a calendar', {
      field: 'meeting.confirmed',
      meetingId: m?.id,
    });
  }
  return m.confirmed;
}

/** The meeting's time and text as Google event fields. */
function eventFields(m: Meeting): Record<string, unknown> {
  const at = confirmedTime(m);
  const fields: Record<string, unknown> = {
    summary: m.title ?? 'Meeting',
    start: { dateTime: at.start, timeZone: 'UTC' },
    end: { dateTime: at.end, timeZone: 'UTC' },
  };
  if (m.message !== undefined) fields['description'] = m.message;
  return fields;
}

/** The event's https join link: `hangoutLink`, else the `video` entry point. */
function joinUrlOf(event: GoogleEventWire | undefined): string | undefined {
  const direct = safeJoinUrl(event?.hangoutLink);
  if (direct !== undefined) return direct;
  const entryPoints = event?.conferenceData?.entryPoints;
  if (!Array.isArray(entryPoints)) return undefined;
  for (const p of entryPoints as unknown[]) {
    const point = p as { entryPointType?: unknown; uri?: unknown } | null;
    if (point?.entryPointType === 'video') {
      const url = safeJoinUrl(point.uri);
      if (url !== undefined) return url;
    }
  }
  return undefined;
}

function created(event: GoogleEventWire | undefined, fallbackId: string): { eventId: string; joinUrl?: string } {
  const eventId = typeof event?.id === 'string' && event.id !== '' ? event.id : fallbackId;
  const joinUrl = joinUrlOf(event);
  return joinUrl === undefined ? { eventId } : { eventId, joinUrl };
}

function toCalendarInfo(item: unknown): CalendarInfo | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const c = item as Record<string, unknown>;
  if (typeof c['id'] !== 'string' || c['id'] === '') return undefined;
  const name = [c['summaryOverride'], c['summary']].find((v): v is string => typeof v === 'string' && v !== '') ?? c['id'];
  const info: CalendarInfo = {
    id: c['id'],
    name,
    primary: c['primary'] === true,
    writable: c['accessRole'] === 'owner' || c['accessRole'] === 'writer',
  };
  if (typeof c['timeZone'] === 'string') info.timeZone = c['timeZone'];
  if (typeof c['backgroundColor'] === 'string') info.color = c['backgroundColor'];
  return info;
}

/** Runs `fn`, turning Google's calendar- or event-level 403s into `permission-denied`. */
async function refined<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw refineGoogleError(error);
  }
}

function operations(client: HttpClient, sendUpdates: string, conference: boolean) {
  const eventPath = (calendarId: string, eventId?: string) =>
    `/calendars/${segment(requireString(calendarId, 'calendarId'))}/events${eventId === undefined ? '' : `/${segment(requireString(eventId, 'eventId'))}`}`;

  async function getEvent(calendarId: string, eventId: string, signal: AbortSignalLike | undefined): Promise<GoogleEventWire> {
    const { body } = await client.request<GoogleEventWire>({ method: 'GET', path: eventPath(calendarId, eventId), signal });
    if (body === null || typeof body !== 'object') {
      throw new SchedulerError('provider-unavailable', 'google: the event answer is not an object', { provider: 'google', body });
    }
    return body;
  }

  async function listCalendars(o?: RequestOptions): Promise<CalendarInfo[]> {
    const signal = o?.signal;
    const calendars: CalendarInfo[] = [];
    const seenTokens = new Set<string>();
    let pageToken: string | undefined;
    do {
      const { body } = await client.request<{ items?: unknown; nextPageToken?: unknown }>({
        method: 'GET',
        path: '/users/me/calendarList',
        query: { maxResults: 250, pageToken },
        signal,
      });
      const items = body?.items ?? [];
      if (!Array.isArray(items)) throw new SchedulerError('provider-unavailable', 'google: calendarList items is not a list', { provider: 'google', body });
      for (const item of items as unknown[]) {
        const info = toCalendarInfo(item);
        if (info !== undefined) calendars.push(info);
      }
      const next = body?.nextPageToken;
      pageToken = typeof next === 'string' && next !== '' ? next : undefined;
      if (pageToken !== undefined) {
        if (seenTokens.has(pageToken)) {
          throw new SchedulerError('provider-unavailable', 'google: calendarList paging repeats itself', { provider: 'google', pageToken });
        }
        seenTokens.add(pageToken);
      }
    } while (pageToken !== undefined);
    return calendars;
  }

  async function createEvent(m: Meeting, o: GoogleCreateEventOptions): Promise<{ eventId: string; joinUrl?: string }> {
    const signal = o?.signal;
    const calendarId = requireString(o?.calendarId, 'calendarId');
    const id = googleEventId(requireString(o?.idempotencyKey, 'idempotencyKey'));
    const body: Record<string, unknown> = { id, ...eventFields(m) };
    if (o.attendees !== undefined) {
      body['attendees'] = o.attendees.map((a) => {
        const attendee: GoogleAttendee = { email: requireString(a?.email, 'attendees[].email') };
        if (typeof a.displayName === 'string') attendee.displayName = a.displayName;
        return attendee;
      });
    }
    const existing = safeJoinUrl(m.joinUrl);
    const meetCode = existing === undefined ? undefined : /^https:\/\/meet\.google\.com\/([a-z]{3}-[a-z]{4}-[a-z]{3})$/.exec(existing)?.[1];
    if (existing !== undefined && meetCode !== undefined) {
      // The meeting already has a Meet call (made on the other side's calendar): attach that one,
      // so everyone's entry opens the same call, instead of asking Google for a second room.
      body['conferenceData'] = {
        conferenceId: meetCode,
        conferenceSolution: { key: { type: 'hangoutsMeet' } },
        entryPoints: [{ entryPointType: 'video', uri: existing, label: existing.slice('https://'.length) }],
      };
    } else if (existing !== undefined) {
      // Another provider's call (Teams, the host's own): where Google shows a place, and in the text.
      body['location'] = existing;
      body['description'] = m.message === undefined ? existing : `${m.message}\n\n${existing}`;
    } else if (conference) {
      body['conferenceData'] = { createRequest: { requestId: id, conferenceSolutionKey: { type: 'hangoutsMeet' } } };
    }
    const inserted = await client.request<GoogleEventWire>({
      method: 'POST',
      path: eventPath(calendarId),
      query: { conferenceDataVersion: 1, sendUpdates },
      body,
      signal,
      accept: [409],
    });
    // 409: an event with this id exists — this key's insert already happened (a retry). Read it back.
    if (inserted.status === 409) return created(await getEvent(calendarId, id, signal), id);
    return created(inserted.body ?? undefined, id);
  }

  async function updateEvent(eventId: string, m: Meeting, o: RequestOptions & { calendarId: string }): Promise<void> {
    const signal = o?.signal;
    const calendarId = requireString(o?.calendarId, 'calendarId');
    const fields = eventFields(m);
    for (let attempt = 1; ; attempt++) {
      const current = await getEvent(calendarId, eventId, signal);
      if (current.status === 'cancelled') {
        throw new SchedulerError('not-found', 'google: the event was deleted', { provider: 'google', calendarId, eventId });
      }
      const etag = typeof current.etag === 'string' ? current.etag : undefined;
      const patched = await client.request({
        method: 'PATCH',
        path: eventPath(calendarId, eventId),
        query: { sendUpdates },
        headers: etag === undefined ? {} : { 'if-match': etag },
        body: fields,
        signal,
        accept: [412],
      });
      if (patched.status !== 412) return;
      if (attempt >= 2) {
        throw new SchedulerError('conflict', 'google: the event kept changing while it was being updated', {
          provider: 'google',
          calendarId,
          eventId,
          status: 412,
          body: patched.body,
        });
      }
    }
  }

  async function cancelEvent(eventId: string, _m: Meeting, o: RequestOptions & { calendarId: string; reason?: string }): Promise<void> {
    // Google's delete carries no message; with sendUpdates the attendees get Google's own cancellation.
    await client.request({
      method: 'DELETE',
      path: eventPath(o?.calendarId, eventId),
      query: { sendUpdates },
      signal: o?.signal,
      accept: [404, 410],
    });
  }

  return { listCalendars, createEvent, updateEvent, cancelEvent };
}

/**
 * A calendar adapter for one Google account (Gmail or Google Workspace, custom domains
 * included), over the Calendar API v3.
 *
 * - `listCalendars`: the account's calendar list, every page.
 * - `getBusy`: freeBusy, split into requests of at most 50 calendars and 60 days, a few in
 *   flight at once, merged. A calendar Google cannot read rejects the call (its `details`
 *   say which, and carry the busy time of the others): it is never taken as free.
 * - `createEvent`: inserts the confirmed meeting with an event id derived from the
 *   idempotency key ({@link googleEventId}), so a retried insert finds the first one
 *   (Google's 409) instead of making a second; asks for a Meet link and returns it.
 * - `updateEvent`: moves the event, guarded by its ETag (`If-Match`); re-reads and retries
 *   once when someone else changed it meanwhile, then rejects with `conflict`.
 * - `cancelEvent`: deletes the event; an event already gone counts as cancelled.
 *
 * Needs the `https://www.googleapis.com/auth/calendar.readonly` scope for reading and
 * `…/auth/calendar.events` for writing (or `…/auth/calendar`).
 *
 * @param opts - The host's token source and HTTP options, plus `sendUpdates` (default
 *   `'none'`) and `conference` (default `true`: ask for a Meet link).
 * @param internals - Test seam: `sleep`, `random` and `now` for the retry timing.
 *
 * @example
 * ```ts
 * const google = googleCalendar({ getAccessToken: () => auth.token('google'), sendUpdates: 'all' });
 * const calendars = await google.listCalendars();
 * const busy = await google.getBusy(week, calendars.map((c) => c.id));
 * const { eventId, joinUrl } = await google.createEvent(meeting, {
 *   calendarId: 'primary',
 *   idempotencyKey: acceptedEvent.id,
 *   attendees: [{ email: 'priya@studio.example' }],
 * });
 * ```
 */
export function googleCalendar(opts: GoogleCalendarOptions, internals?: HttpInternals): GoogleCalendarAdapter {
  const sendUpdates = opts?.sendUpdates ?? 'none';
  if (!SEND_UPDATES.has(sendUpdates)) {
    throw new SchedulerError('invalid-input', 'google: sendUpdates must be "all", "externalOnly" or "none"', { field: 'sendUpdates', value: sendUpdates });
  }
  const client = createHttpClient('google', GOOGLE_CALENDAR_BASE_URL, opts, classifyGoogleError, internals);
  const ops = operations(client, sendUpdates, opts.conference ?? true);
  return {
    provider: 'google',
    listCalendars: (o) => refined(() => ops.listCalendars(o)),
    getBusy: (range, calendarIds, o) => refined(() => queryFreeBusy(client, range, calendarIds, o?.signal)),
    createEvent: (m, o) => refined(() => ops.createEvent(m, o)),
    updateEvent: (eventId, m, o) => refined(() => ops.updateEvent(eventId, m, o)),
    cancelEvent: (eventId, m, o) => refined(() => ops.cancelEvent(eventId, m, o)),
  };
}
