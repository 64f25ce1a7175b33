/**
 * iCalendar (RFC 5545) text for one meeting, as an iTIP (RFC 5546) message.
 * Written by hand so core depends on no calendar library; ical.js checks it in tests.
 */
import { SchedulerError } from '../errors.js';
import { toEpochMs, toRange } from '../internal/instant.js';
import { cleanText, isDropped, percentEncode, safeJoinUrl } from '../internal/text.js';
import type {
  AcceptedEvent,
  CounteredEvent,
  DeclinedEvent,
  Meeting,
  MeetingEvent,
  ParticipationStatus,
} from '../meeting/types.js';
import type { Instant, Interval, Participant } from '../time/types.js';

/** The iTIP methods {@link toICS} writes. */
export type ICSMethod = 'REQUEST' | 'CANCEL' | 'REPLY' | 'COUNTER' | 'PUBLISH';

/** Options of {@link toICS}. */
export interface ICSOptions {
  /** What the message does: invite/update, cancel, answer, suggest another time, or just publish it. */
  method: ICSMethod;
  /** The calendar's PRODID; default `-//meeting-scheduler//core//EN`. */
  prodId?: string;
  /** E-mail address per participant id; wins over `participants[].email`. */
  attendeeEmails?: Record<string, string>;
  /** The thread's participants: their names become `CN`, their e-mails the fallback address. */
  participants?: Participant[];
  /**
   * DTSTAMP for a meeting that carries no history (a guest's view of it has none);
   * otherwise DTSTAMP is always the time of the meeting's last event.
   */
  dtstamp?: Instant;
}

const METHODS: readonly ICSMethod[] = ['REQUEST', 'CANCEL', 'REPLY', 'COUNTER', 'PUBLISH'];
const DEFAULT_PROD_ID = '-//meeting-scheduler//core//EN';
const CRLF = '\r\n';
/** Octets per physical line, CRLF excluded (RFC 5545 §3.1). */
const LINE_OCTETS = 75;

const PARTSTAT: Readonly<Record<ParticipationStatus, string>> = {
  'needs-action': 'NEEDS-ACTION',
  accepted: 'ACCEPTED',
  declined: 'DECLINED',
};

/**
 * iCalendar text for `meeting`: one VCALENDAR with one VEVENT, CRLF line endings,
 * lines folded at 75 octets without splitting a character. Pure and deterministic:
 * DTSTAMP is the time of the meeting's last event, never the clock.
 *
 * - The time is `meeting.confirmed`, else the only option. With several options and
 *   none confirmed it throws `invalid-input` ("pick a time first"), except: COUNTER
 *   uses the first option of the last counter; CANCEL uses the first current option
 *   (a cancel needs some DTSTART); a REPLY that declines uses the first option too.
 * - SEQUENCE counts the `rescheduled` and `countered` events, plus one when the
 *   meeting is cancelled or the method is CANCEL. REPLY and COUNTER echo the sequence
 *   of the request they answer (the bumps before the answering event), as RFC 5546 asks.
 * - STATUS is CONFIRMED, TENTATIVE while proposed, CANCELLED when cancelled or declined,
 *   and always CANCELLED for METHOD:CANCEL.
 * - ORGANIZER and ATTENDEE appear only for people whose e-mail is known
 *   (a valid `attendeeEmails[id]`, else `participants[].email`); anyone else is left out.
 *   REPLY carries only the replying attendee (author of the last accept/decline),
 *   COUNTER only the last counterer, PUBLISH no ATTENDEE at all (RFC 5546 §3.2.1).
 * - The join URL (only an `https:` URL is used) is URL, LOCATION and the last line of
 *   DESCRIPTION. A decline/cancel reason or a counter's message is the COMMENT.
 * - Untrusted text is escaped (TEXT) or stripped of quotes (parameters); control
 *   characters other than TAB and unpaired surrogates are removed, so no input can
 *   start a content line of its own.
 *
 * @throws {SchedulerError} `invalid-input` for an unknown method, a bad instant, no time
 *   to write, or a REPLY/COUNTER with no accept, decline or counter in the history.
 *
 * @example
 * ```ts
 * const ics = toICS(meeting, {
 *   method: 'REQUEST',
 *   participants: thread.participants,
 *   attendeeEmails: { priya: 'priya@example.com' },
 * });
 * // BEGIN:VCALENDAR\r\n…METHOD:REQUEST\r\n…DTSTART:20260310T130000Z\r\n…
 * ```
 */
export function toICS(meeting: Meeting, opts: ICSOptions): string {
  if (meeting === null || typeof meeting !== 'object') {
    throw new SchedulerError('invalid-input', 'meeting must be a meeting object', { field: 'meeting' });
  }
  const method = opts?.method;
  if (!METHODS.includes(method)) {
    throw new SchedulerError('invalid-input', `method must be one of ${METHODS.join(', ')}`, {
      field: 'method',
      value: method,
    });
  }
  const history = Array.isArray(meeting.history) ? meeting.history : [];
  const last = history.at(-1);
  if (last === undefined && opts.dtstamp === undefined) {
    throw new SchedulerError('invalid-input', 'meeting.history is empty: DTSTAMP comes from its last event (or opts.dtstamp)', {
      field: 'meeting.history',
    });
  }
  const dtstamp = formatICSDateTime(last ? toEpochMs(last.at, 'meeting.history.at') : toEpochMs(opts.dtstamp, 'dtstamp'));

  // Who answers, for REPLY and COUNTER: the author of the last matching event.
  let answer: { index: number; event: AcceptedEvent | DeclinedEvent | CounteredEvent } | undefined;
  if (method === 'REPLY' || method === 'COUNTER') {
    const wanted = method === 'REPLY' ? ['accepted', 'declined'] : ['countered'];
    const index = history.findLastIndex((e) => wanted.includes(e.type));
    const event = history[index] as AcceptedEvent | DeclinedEvent | CounteredEvent | undefined;
    if (event === undefined) {
      throw new SchedulerError(
        'invalid-input',
        method === 'REPLY'
          ? 'a REPLY needs an accept or decline in the meeting history'
          : 'a COUNTER needs a counter-proposal in the meeting history',
        { field: 'meeting.history' },
      );
    }
    answer = { index, event };
  }

  const time = pickTime(meeting, method, answer?.event);
  const range = toRange(time, 'meeting time');
  const cancelled = method === 'CANCEL' || meeting.status === 'cancelled';
  const bumps = countBumps(history.slice(0, answer?.index ?? history.length));
  const sequence = answer !== undefined ? bumps : bumps + (cancelled ? 1 : 0);
  const status = cancelled || meeting.status === 'declined'
    ? 'CANCELLED'
    : meeting.status === 'confirmed'
      ? 'CONFIRMED'
      : 'TENTATIVE';

  const joinUrl = safeJoinUrl(meeting.joinUrl);
  const summary = cleanText(meeting.title ?? '');
  const description = [cleanText(meeting.message ?? ''), joinUrl ?? '']
    .filter((part) => part !== '')
    .join('\n');
  const comment = cleanText(commentFor(meeting, answer?.event) ?? '');

  const people = directory(opts);
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(opts.prodId ?? DEFAULT_PROD_ID)}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    `UID:${escapeText(`${String(meeting.id)}@meeting-scheduler`)}`,
    `DTSTAMP:${dtstamp}`,
    `DTSTART:${formatICSDateTime(range.start)}`,
    `DTEND:${formatICSDateTime(range.end)}`,
    `SEQUENCE:${sequence}`,
    `STATUS:${status}`,
    `SUMMARY:${escapeText(/\S/u.test(summary) ? summary : 'Meeting')}`,
  ];
  if (description !== '') lines.push(`DESCRIPTION:${escapeText(description)}`);
  if (comment !== '') lines.push(`COMMENT:${escapeText(comment)}`);
  if (joinUrl !== undefined) lines.push(`LOCATION:${escapeText(joinUrl)}`, `URL:${joinUrl}`);

  const organizer = people.address(meeting.organizerId);
  if (organizer !== undefined) lines.push(`ORGANIZER${cnParam(people.name(meeting.organizerId))}:${organizer}`);

  for (const id of attendeesFor(meeting, method, answer?.event)) {
    const address = people.address(id);
    if (address === undefined) continue;
    const partstat = answer?.event.type === 'accepted' || answer?.event.type === 'declined'
      ? PARTSTAT[answer.event.type]
      : PARTSTAT[responseOf(meeting, id)];
    const rsvp = method === 'REQUEST' ? ';RSVP=TRUE' : '';
    lines.push(`ATTENDEE${cnParam(people.name(id))};ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat}${rsvp}:${address}`);
  }
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** The interval to write as DTSTART/DTEND, by the rules documented on {@link toICS}. */
function pickTime(
  meeting: Meeting,
  method: ICSMethod,
  answer: AcceptedEvent | DeclinedEvent | CounteredEvent | undefined,
): Interval {
  const options = Array.isArray(meeting.options) ? meeting.options : [];
  if (answer?.type === 'countered') {
    const first = answer.options[0] ?? options[0] ?? meeting.confirmed;
    if (first !== undefined) return first;
  }
  if (answer?.type === 'accepted') return answer.option;
  if (meeting.confirmed !== undefined) return meeting.confirmed;
  if (options.length === 1 && options[0] !== undefined) return options[0];
  if ((method === 'CANCEL' || answer?.type === 'declined') && options[0] !== undefined) return options[0];
  throw new SchedulerError('invalid-input', 'The meeting has no single time yet: pick a time first.', {
    field: 'meeting.options',
    options: options.length,
  });
}

/** How many `rescheduled` and `countered` events there are: each one is a new request. */
function countBumps(events: readonly MeetingEvent[]): number {
  let bumps = 0;
  for (const event of events) {
    if (event.type === 'rescheduled' || event.type === 'countered') bumps += 1;
  }
  return bumps;
}

/** The COMMENT: a decline's reason, a counter's message, a cancel's or decline's reason. */
function commentFor(
  meeting: Meeting,
  answer: AcceptedEvent | DeclinedEvent | CounteredEvent | undefined,
): string | undefined {
  if (answer?.type === 'declined') return answer.reason;
  if (answer?.type === 'countered') return answer.message;
  if (answer?.type === 'accepted') return undefined;
  // Before the cancel is folded in, `meeting.reason` may still be a reschedule's: leave it out.
  return meeting.status === 'cancelled' || meeting.status === 'declined' ? meeting.reason : undefined;
}

/** Whose ATTENDEE lines the message carries. */
function attendeesFor(
  meeting: Meeting,
  method: ICSMethod,
  answer: AcceptedEvent | DeclinedEvent | CounteredEvent | undefined,
): string[] {
  if (method === 'PUBLISH') return [];
  if (answer !== undefined) return [answer.by];
  return Array.isArray(meeting.attendeeIds) ? meeting.attendeeIds : [];
}

function responseOf(meeting: Meeting, id: string): ParticipationStatus {
  const responses = meeting.responses;
  if (responses !== null && typeof responses === 'object' && Object.hasOwn(responses, id)) {
    const value = responses[id];
    if (value !== undefined && Object.hasOwn(PARTSTAT, value)) return value;
  }
  return 'needs-action';
}

/** Names and `mailto:` addresses by participant id (own properties only: ids are untrusted). */
function directory(opts: ICSOptions) {
  const emails = opts.attendeeEmails;
  const participants = Array.isArray(opts.participants) ? opts.participants : [];
  const find = (id: string) => participants.find((p) => p !== null && typeof p === 'object' && p.id === id);
  return {
    name(id: string): string | undefined {
      const name = find(id)?.name;
      return typeof name === 'string' ? name : undefined;
    },
    address(id: string): string | undefined {
      const own = emails !== undefined && emails !== null && Object.hasOwn(emails, id) ? emails[id] : undefined;
      return mailto(own) ?? mailto(find(id)?.email);
    },
  };
}

/**
 * `mailto:` URI for an e-mail address, or undefined when it is not one: no `@` with
 * something on both sides, or whitespace, control characters or unpaired surrogates
 * inside. Characters a URI may not hold raw (quotes, `?`, `#`, `%`, non-ASCII…) are
 * percent-encoded; `+` and the other usual address characters stay as they are.
 */
function mailto(email: unknown): string | undefined {
  if (typeof email !== 'string') return undefined;
  const address = email.trim();
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1 || /\s/u.test(address)) return undefined;
  for (const ch of address) if (isDropped(ch.codePointAt(0) ?? 0)) return undefined;
  return `mailto:${address.replace(/[^A-Za-z0-9!$&'*+\-./=^_`{|}~@]/gu, percentEncode)}`;
}

/** `;CN=…` for a name, quoted when it holds `:`, `;` or `,`; empty when there is no name. */
function cnParam(name: string | undefined): string {
  if (name === undefined) return '';
  const value = cleanParamValue(name);
  if (value === '') return '';
  return /[:;,]/u.test(value) ? `;CN="${value}"` : `;CN=${value}`;
}

/**
 * A parameter value: DQUOTE removed, each newline (CRLF, CR or LF) and TAB turned into a
 * space, other control characters and unpaired surrogates removed (RFC 5545 QSAFE-CHAR), trimmed,
 * and `^` written `^^` (RFC 6868), so a name holding `^n` or `^'` is not read as a line break or a quote.
 */
function cleanParamValue(value: string): string {
  return cleanText(value).replace(/[\n\t]/gu, ' ').replaceAll('"', '').trim().replaceAll('^', '^^');
}

/**
 * An RFC 5545 TEXT value: {@link cleanText}, then `\` → `\\`, `;` → `\;`, `,` → `\,`,
 * newline → `\n`. The result holds no CR or LF, so it cannot end its content line.
 *
 * @example
 * ```ts
 * escapeText('a;b,c\\d\ne'); // 'a\\;b\\,c\\\\d\\ne'
 * ```
 */
function escapeText(value: string): string {
  return cleanText(value).replace(/[\\;,\n]/gu, (ch) => (ch === '\n' ? '\\n' : `\\${ch}`));
}

/**
 * An instant as an RFC 5545 UTC DATE-TIME, `20260310T130000Z` (sub-second part dropped).
 *
 * @throws {SchedulerError} `invalid-input` for a year outside 0000–9999.
 * @example
 * ```ts
 * formatICSDateTime(Date.parse('2026-03-10T13:00:00Z')); // '20260310T130000Z'
 * ```
 */
export function formatICSDateTime(ms: number): string {
  const iso = isoSeconds(ms);
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/**
 * An instant as ISO-8601 UTC to the second, `2026-03-10T13:00:00Z`.
 *
 * @throws {SchedulerError} `invalid-input` for a year outside 0000–9999.
 * @example
 * ```ts
 * isoSeconds(Date.parse('2026-03-10T13:00:00.250Z')); // '2026-03-10T13:00:00Z'
 * ```
 */
export function isoSeconds(ms: number): Instant {
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString();
  if (!/^\d{4}-/u.test(iso)) {
    throw new SchedulerError('invalid-input', 'iCalendar dates must fall in the years 0000–9999', { value: iso });
  }
  return `${iso.slice(0, 19)}Z`;
}

function utf8Length(cp: number): number {
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return 4;
}

function byteLength(text: string): number {
  let n = 0;
  for (const ch of text) n += utf8Length(ch.codePointAt(0) ?? 0);
  return n;
}

let graphemes: Intl.Segmenter | null | undefined;

/** Grapheme clusters where the runtime can tell them, else code points. */
function units(text: string): Iterable<string> {
  if (graphemes === undefined) {
    graphemes = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('en', { granularity: 'grapheme' }) : null;
  }
  if (graphemes === null) return text;
  const segments = graphemes.segment(text);
  return {
    *[Symbol.iterator]() {
      for (const s of segments) yield s.segment;
    },
  };
}

/**
 * One content line folded as RFC 5545 §3.1 asks: physical lines of at most 75 octets
 * of UTF-8 (CRLF not counted), continuations starting with one space. It breaks
 * between grapheme clusters where it can and never inside a character; only a
 * cluster longer than a whole line is broken, between its code points.
 *
 * @example
 * ```ts
 * foldLine('DESCRIPTION:' + 'x'.repeat(100)).split('\r\n').map((l) => l.length); // [75, 38]
 * ```
 */
function foldLine(line: string): string {
  const physical: string[] = [];
  let current = '';
  let used = 0;
  let room = LINE_OCTETS;
  for (const unit of units(line)) {
    const size = unit.length === 1 ? utf8Length(unit.charCodeAt(0)) : byteLength(unit);
    if (used + size <= room) {
      current += unit;
      used += size;
    } else if (size <= LINE_OCTETS - 1) {
      physical.push(current);
      current = unit;
      used = size;
      room = LINE_OCTETS - 1;
    } else {
      for (const ch of unit) {
        const n = utf8Length(ch.codePointAt(0) ?? 0);
        if (used + n > room) {
          physical.push(current);
          current = '';
          used = 0;
          room = LINE_OCTETS - 1;
        }
        current += ch;
        used += n;
      }
    }
  }
  physical.push(current);
  return physical.join(`${CRLF} `);
}
