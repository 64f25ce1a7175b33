import { SchedulerError } from '../errors.js';
import type { Instant, Interval, TimeZoneId } from '../time/types.js';
import { Temporal } from './temporal.js';

/** A strict ISO-8601 instant: date, time, and `Z` or a numeric offset. */
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/i;

export const MINUTE_MS = 60_000;

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const DIGIT_POSITIONS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);

/**
 * The canonical form `YYYY-MM-DDTHH:MM:SSZ` (how core writes instants) parsed by
 * hand: busy lists are long and this is the hot path. NaN when not in that form.
 */
function parseCanonical(s: string): number {
  if (s.length !== 20 || s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':' || s[19] !== 'Z') return NaN;
  for (let k = 0; k < DIGIT_POSITIONS.length; k++) {
    const c = s.charCodeAt(DIGIT_POSITIONS[k]!);
    if (c < 48 || c > 57) return NaN;
  }
  return fieldsToMs(two(s, 0) * 100 + two(s, 2), two(s, 5), two(s, 8), two(s, 11), two(s, 14), two(s, 17));
}

/** Epoch ms of UTC date-time fields; NaN when a field is out of range (no rolling over like `Date`). */
function fieldsToMs(y: number, mo: number, d: number, h: number, mi: number, sec: number): number {
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (mo < 1 || mo > 12 || d < 1 || d > (mo === 2 && !leap ? 28 : DAYS_IN_MONTH[mo - 1]!) || h > 23 || mi > 59 || sec > 59) return NaN;
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + sec * 1000;
}

/** Any strict ISO-8601 instant (fractions to the millisecond, numeric offsets); NaN otherwise. */
function parseGeneral(s: string): number {
  const m = INSTANT_RE.exec(s);
  if (!m) return NaN;
  const [, y, mo, d, h, mi, sec = '0', frac = '', sign, oh = '0', om = '0'] = m;
  const local = fieldsToMs(+y!, +mo!, +d!, +h!, +mi!, +sec);
  if (+oh > 23 || +om > 59) return NaN;
  const offset = (sign === '-' ? -1 : 1) * (+oh * 60 + +om) * 60_000;
  return local + Math.floor(Number(`0.${frac || '0'}`) * 1000) - offset;
}

/** Epoch ms of an ISO-8601 instant string; NaN for anything else. */
function parseInstant(value: unknown): number {
  if (typeof value !== 'string') return NaN;
  const ms = parseCanonical(value);
  return Number.isNaN(ms) ? parseGeneral(value) : ms;
}

/** Epoch milliseconds of an instant; `invalid-input` naming `field` when it is not one. */
export function toEpochMs(value: unknown, field = 'instant'): number {
  const ms = parseInstant(value);
  if (!Number.isNaN(ms)) return ms;
  throw new SchedulerError('invalid-input', `${field} must be an ISO-8601 instant such as "2026-03-08T14:30:00Z"`, {
    field,
    value,
  });
}

/** The canonical UTC form: `2026-03-08T14:30:00Z` (milliseconds only when present). */
export function fromEpochMs(ms: number): Instant {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/**
 * A checked interval in epoch ms; `invalid-input` unless `start < end`. With
 * `index`, errors name `field[index]` (built only on error: busy lists are long).
 */
export function toRange(interval: Interval | undefined, field = 'interval', index?: number): { start: number; end: number } {
  if (interval !== null && typeof interval === 'object') {
    const start = parseInstant(interval.start);
    const end = parseInstant(interval.end);
    if (start < end) return { start, end }; // false for NaN too
  }
  return rangeError(interval, index === undefined ? field : `${field}[${index}]`);
}

function rangeError(interval: Interval | undefined, name: string): never {
  if (interval === null || typeof interval !== 'object') {
    throw new SchedulerError('invalid-input', `${name} must be an object with start and end`, { field: name });
  }
  toEpochMs(interval.start, `${name}.start`);
  toEpochMs(interval.end, `${name}.end`);
  throw new SchedulerError('invalid-input', `${name} must end after it starts`, { field: name, interval });
}

const zoneCache = new Map<string, boolean>();

/** Throws `invalid-input` unless `timeZone` is a time zone the runtime knows. */
export function assertTimeZone(timeZone: unknown, field = 'timeZone'): asserts timeZone is TimeZoneId {
  if (typeof timeZone === 'string') {
    let known = zoneCache.get(timeZone);
    if (known === undefined) {
      try {
        Temporal.Now.zonedDateTimeISO(timeZone);
        known = true;
      } catch {
        known = false;
      }
      zoneCache.set(timeZone, known);
    }
    if (known) return;
  }
  throw new SchedulerError('invalid-input', `${field} must be an IANA time zone such as "Europe/Berlin"`, {
    field,
    value: timeZone,
  });
}

/** The wall-clock moment of `ms` in `timeZone`. */
export function zoned(ms: number, timeZone: TimeZoneId) {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
}
