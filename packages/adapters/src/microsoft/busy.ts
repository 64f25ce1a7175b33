/**
 * Busy time from Graph, two ways:
 *
 * - the signed-in user's own calendars (any calendar id) through
 *   `GET /me/calendars/{id}/calendarView`, which works for work and personal accounts
 *   alike and tells events apart by calendar;
 * - other people's and rooms' schedules (SMTP addresses) through
 *   `POST /me/calendar/getSchedule`, which is how Graph shares a colleague's free/busy
 *   (work accounts only: Graph does not support it for personal accounts).
 *
 * Both answer with date-times in the zone `Prefer: outlook.timezone` asked for (UTC)
 * or, when that was not honoured, in whatever zone each value names.
 */
import type { AbortSignalLike } from '@meeting-scheduler/core';
import { SchedulerError, type BusyInterval, type SchedulerErrorCode } from '@meeting-scheduler/core';
import type { HttpClient } from '../internal/http.js';
import { malformed } from './graph-errors.js';
import { collectPages } from './graph-paging.js';
import { MINUTE_MS, fromGraphDateTime, toGraphDateTime, toInstant } from './graph-time.js';

/** Ask Graph for every date-time in UTC. */
export const PREFER_UTC: Readonly<Record<string, string>> = { prefer: 'outlook.timezone="UTC"' };

/** Events per calendarView page (Graph's default is 10). */
const VIEW_PAGE_SIZE = 100;
const VIEW_SELECT = 'subject,start,end,showAs,isAllDay,isCancelled';

type Window = { start: number; end: number };
type Status = NonNullable<BusyInterval['status']>;

/** One schedule Graph could not read (an unknown address, no permission…). */
export interface ScheduleError {
  /** The address as the caller passed it. */
  calendarId: string;
  /** Graph's `responseCode`, e.g. `ErrorMailRecipientNotFound`. */
  code: string;
  /** Graph's message: untrusted text, for logs. */
  message: string;
}

/**
 * Graph's `showAs` (events) or `status` (schedule items) as a busy status. Matched
 * without regard to case (Graph's own examples write both "busy" and "Busy").
 * `workingElsewhere` counts as busy: the person marked the time, and Graph's own
 * merged availability view is too coarse to say whether they take meetings then, so
 * the scheduler never proposes it. `unknown` and anything new count as busy too.
 */
function busyStatusOf(value: unknown): Status {
  switch (typeof value === 'string' ? value.toLowerCase() : '') {
    case 'free':
      return 'free';
    case 'tentative':
      return 'tentative';
    case 'oof':
      return 'oof';
    default:
      return 'busy';
  }
}

function objectOr(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw malformed(`${what} is not an object`);
  return value as Record<string, unknown>;
}

/** A busy interval from an event or schedule item; none for a zero-length one. */
function intervalOf(item: Record<string, unknown>, status: unknown, calendarId: string, what: string): BusyInterval[] {
  const start = fromGraphDateTime(item['start'], `${what}.start`);
  const end = fromGraphDateTime(item['end'], `${what}.end`);
  if (!(start < end)) return [];
  const busy: BusyInterval = { start: toInstant(start), end: toInstant(end), status: busyStatusOf(status), calendarId };
  const subject = item['subject'];
  if (typeof subject === 'string' && subject.trim() !== '') busy.label = subject;
  return [busy];
}

/** The error with the calendar it concerns added to its details. */
function aboutCalendar(error: unknown, calendarId: string): unknown {
  if (!(error instanceof SchedulerError)) return error;
  const details = error.details !== null && typeof error.details === 'object' ? error.details : { cause: error.details };
  return new SchedulerError(error.code, error.message, { ...details, calendarId });
}

/** Busy time of one of the user's calendars in `window` (cancelled events skipped). */
export async function readCalendarView(client: HttpClient, calendarId: string, window: Window, signal?: AbortSignalLike): Promise<BusyInterval[]> {
  let items: unknown[];
  try {
    items = await collectPages(client, {
      method: 'GET',
      path: `/me/calendars/${encodeURIComponent(calendarId)}/calendarView`,
      query: { startDateTime: toInstant(window.start), endDateTime: toInstant(window.end), $select: VIEW_SELECT, $top: VIEW_PAGE_SIZE },
      headers: { ...PREFER_UTC },
      signal,
    });
  } catch (error) {
    throw aboutCalendar(error, calendarId);
  }
  return items.flatMap((raw) => {
    const event = objectOr(raw, 'a calendarView event');
    if (event['isCancelled'] === true) return [];
    const busy = intervalOf(event, event['showAs'], calendarId, 'event');
    if (event['isAllDay'] === true) for (const b of busy) b.allDay = true;
    return busy;
  });
}

/**
 * Free/busy of up to 20 addresses over a window shorter than 62 days (the caller
 * splits): their busy time, and one error per schedule Graph could not read.
 */
export async function readSchedules(
  client: HttpClient,
  addresses: string[],
  window: Window,
  signal?: AbortSignalLike,
): Promise<{ busy: BusyInterval[]; errors: ScheduleError[] }> {
  // Graph refuses windows under 5 minutes and view intervals outside 5…1440 or
  // longer than the window; a slightly wider window only adds true busy time.
  const end = Math.max(window.end, window.start + 5 * MINUTE_MS);
  const { body } = await client.request<unknown>({
    method: 'POST',
    path: '/me/calendar/getSchedule',
    headers: { ...PREFER_UTC },
    signal,
    body: {
      schedules: addresses,
      startTime: toGraphDateTime(window.start),
      endTime: toGraphDateTime(end),
      availabilityViewInterval: Math.min(30, Math.floor((end - window.start) / MINUTE_MS)),
    },
  });
  const value = (body as { value?: unknown } | null | undefined)?.value;
  if (!Array.isArray(value)) throw malformed('getSchedule answered without a "value" array');

  const asked = new Map(addresses.map((a) => [a.toLowerCase(), a]));
  const answered = new Set<string>();
  const busy: BusyInterval[] = [];
  const errors: ScheduleError[] = [];
  for (const raw of value) {
    const info = objectOr(raw, 'a scheduleInformation');
    const scheduleId = info['scheduleId'];
    if (typeof scheduleId !== 'string') throw malformed('a scheduleInformation has no scheduleId');
    const calendarId = asked.get(scheduleId.toLowerCase());
    if (calendarId === undefined) continue; // not ours to report
    answered.add(scheduleId.toLowerCase());
    if (info['error'] !== undefined && info['error'] !== null) {
      const error = objectOr(info['error'], 'a schedule error');
      const code = error['responseCode'];
      const message = error['message'];
      errors.push({ calendarId, code: typeof code === 'string' ? code : 'unknown', message: typeof message === 'string' ? message : '' });
      continue;
    }
    const items = info['scheduleItems'] ?? [];
    if (!Array.isArray(items)) throw malformed('scheduleItems is not an array', { calendarId });
    for (const item of items) {
      const scheduleItem = objectOr(item, 'a scheduleItem');
      busy.push(...intervalOf(scheduleItem, scheduleItem['status'], calendarId, 'scheduleItem'));
    }
  }
  for (const [lower, calendarId] of asked) {
    if (!answered.has(lower)) errors.push({ calendarId, code: 'NoScheduleReturned', message: 'getSchedule returned nothing for this address' });
  }
  return { busy, errors };
}

const NOT_FOUND_CODES = new Set(['errormailrecipientnotfound', 'errorinvaliduser', 'errorinvalidsmtpaddress', 'erroritemnotfound', 'errornonexistentmailbox']);
const DENIED_CODES = new Set(['errornofreebusyaccess', 'erroraccessdenied']);

/**
 * The rejection for schedules Graph could not read. A schedule in error is never
 * treated as free: `details.calendarErrors` names each one, `details.busy` holds the
 * busy time read from the others.
 */
export function scheduleError(errors: ScheduleError[], busy: BusyInterval[]): SchedulerError {
  const codes = errors.map((e) => e.code.toLowerCase());
  const code: SchedulerErrorCode = codes.every((c) => NOT_FOUND_CODES.has(c))
    ? 'not-found'
    : codes.every((c) => DENIED_CODES.has(c))
      ? 'permission-denied'
      : 'provider-unavailable';
  return new SchedulerError(code, `microsoft: no free/busy information for ${errors.map((e) => e.calendarId).join(', ')}`, {
    provider: 'microsoft',
    calendarErrors: errors,
    busy,
  });
}
