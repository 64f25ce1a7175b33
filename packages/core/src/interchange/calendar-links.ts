/**
 * "Add to calendar" links for a confirmed meeting: Google Calendar, Outlook.com,
 * Microsoft 365, and an `.ics` file as a `data:` URL (Apple Calendar and the rest).
 */
import { SchedulerError } from '../errors.js';
import { toRange } from '../internal/instant.js';
import type { Meeting } from '../meeting/types.js';
import type { Instant, Participant } from '../time/types.js';
import { cleanText, safeJoinUrl } from '../internal/text.js';
import { formatICSDateTime, isoSeconds, toICS } from './ics.js';

/** Options of {@link addToCalendarLinks}. */
export interface CalendarLinksOptions {
  /** The thread's participants: the organizer's name and e-mail go into the `.ics`. */
  participants?: Participant[];
  /** The `.ics` DTSTAMP for a meeting without history (a guest's view): see `toICS`. */
  dtstamp?: Instant;
}

/** The links {@link addToCalendarLinks} returns. */
export interface CalendarLinks {
  google: string;
  outlook: string;
  office365: string;
  /** `data:text/calendar;charset=utf-8,…`: a METHOD:PUBLISH calendar with the meeting. */
  ics: string;
}

const GOOGLE = 'https://calendar.google.com/calendar/render';
const OUTLOOK = 'https://outlook.live.com/calendar/0/action/compose';
const OFFICE365 = 'https://outlook.office.com/calendar/0/action/compose';

/**
 * Links that open a new event for the confirmed meeting in Google Calendar,
 * Outlook.com and Microsoft 365, plus the `.ics` file as a `data:` URL.
 *
 * Title, message and join URL only ever appear `encodeURIComponent`-encoded (with
 * `!'()*` encoded too), so `&`, `#`, quotes or a `javascript:` string in them cannot
 * change a link. The join URL is used only when it is an `https:` URL; it becomes the
 * location and the last line of the details.
 *
 * @throws {SchedulerError} `invalid-input` unless the meeting is confirmed.
 *
 * @example
 * ```ts
 * const links = addToCalendarLinks(meeting, { participants: thread.participants });
 * links.google; // https://calendar.google.com/calendar/render?action=TEMPLATE&text=…&dates=20260310T130000Z/20260310T133000Z…
 * ```
 */
export function addToCalendarLinks(meeting: Meeting, opts?: CalendarLinksOptions): CalendarLinks {
  if (meeting === null || typeof meeting !== 'object' || meeting.status !== 'confirmed' || !meeting.confirmed) {
    throw new SchedulerError('invalid-input', 'Only a confirmed meeting can be added to a calendar.', {
      field: 'meeting.status',
      value: meeting?.status,
    });
  }
  const range = toRange(meeting.confirmed, 'meeting.confirmed');
  const joinUrl = safeJoinUrl(meeting.joinUrl);
  const title = cleanText(meeting.title ?? '');
  const subject = /\S/u.test(title) ? title : 'Meeting';
  const details = [cleanText(meeting.message ?? ''), joinUrl ?? ''].filter((part) => part !== '').join('\n');

  // `dates` is built here from digits, `T`, `Z` and `/`: written raw, as Google documents it.
  const dates = `${formatICSDateTime(range.start)}/${formatICSDateTime(range.end)}`;
  const google = `action=TEMPLATE&${query([['text', subject]])}&dates=${dates}${prefixed(
    query([
      ['details', details],
      ['location', joinUrl ?? ''],
    ]),
  )}`;
  const outlookQuery = query([
    ['subject', subject],
    ['startdt', isoSeconds(range.start)],
    ['enddt', isoSeconds(range.end)],
    ['body', details],
    ['location', joinUrl ?? ''],
    ['path', '/calendar/action/compose'],
    ['rru', 'addevent'],
  ]);
  const ics = toICS(meeting, {
    method: 'PUBLISH',
    ...(opts?.participants !== undefined ? { participants: opts.participants } : {}),
    ...(opts?.dtstamp !== undefined ? { dtstamp: opts.dtstamp } : {}),
  });
  return {
    google: `${GOOGLE}?${google}`,
    outlook: `${OUTLOOK}?${outlookQuery}`,
    office365: `${OFFICE365}?${outlookQuery}`,
    ics: `data:text/calendar;charset=utf-8,${encode(ics)}`,
  };
}

/** `key=value&…` with every value encoded; empty values are left out. */
function query(pairs: Array<[key: string, value: string]>): string {
  return pairs
    .filter(([, value]) => value !== '')
    .map(([key, value]) => `${key}=${encode(value)}`)
    .join('&');
}

function prefixed(part: string): string {
  return part === '' ? '' : `&${part}`;
}

/** `encodeURIComponent`, also encoding `!'()*` (safe in any attribute or URL part). */
function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/gu,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
