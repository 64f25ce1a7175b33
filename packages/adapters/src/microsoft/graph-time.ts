/**
 * Graph's `dateTimeTimeZone` values and the ranges the adapter asks for.
 *
 * Graph writes a date-time as a wall-clock string WITHOUT an offset
 * (`"2026-03-10T14:00:00.0000000"`) next to the name of the zone it is in — a Windows
 * name ("Pacific Standard Time"), an IANA id, or "UTC". The adapter asks for UTC
 * (`Prefer: outlook.timezone="UTC"`) but reads whatever zone the answer names, since
 * a proxy or an older Exchange may not honour the preference.
 */
import { SchedulerError, windowsZoneToIana, type Instant, type Interval } from '@meeting-scheduler/core';
import { Temporal } from 'temporal-polyfill';

/** Graph's `dateTimeTimeZone`, as it appears in events and schedule items. */
export interface GraphDateTime {
  dateTime: string;
  timeZone: string;
}

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

/** A date-time that carries its own offset (`Z`, `+05:30`, `-0800`): an instant already. */
const WITH_OFFSET_RE = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
/** Wall clock with up to 9 fractional digits (Graph sends 7). */
const WALL_CLOCK_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;

/** The canonical UTC form core uses: `2026-03-08T14:30:00Z` (milliseconds only when present). */
export function toInstant(ms: number): Instant {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

function unreadable(field: string, value: unknown, cause?: unknown): SchedulerError {
  return new SchedulerError('provider-unavailable', `microsoft: ${field} is not a date-time Graph is documented to send`, {
    provider: 'microsoft',
    field,
    value,
    ...(cause === undefined ? {} : { cause: cause instanceof Error ? cause.message : String(cause) }),
  });
}

/**
 * Epoch milliseconds of a Graph `dateTimeTimeZone`. A wall clock is placed in its
 * zone (Windows or IANA name, through core's `windowsZoneToIana`) with Temporal's
 * `compatible` disambiguation: a time in a skipped hour moves forward, a repeated
 * hour means its first occurrence — what Outlook shows.
 *
 * @throws {SchedulerError} `provider-unavailable` for anything unreadable.
 */
export function fromGraphDateTime(value: unknown, field: string): number {
  if (value === null || typeof value !== 'object') throw unreadable(field, value);
  const { dateTime, timeZone } = value as { dateTime?: unknown; timeZone?: unknown };
  if (typeof dateTime !== 'string') throw unreadable(field, value);
  try {
    if (WITH_OFFSET_RE.test(dateTime)) return Temporal.Instant.from(dateTime).epochMilliseconds;
    if (!WALL_CLOCK_RE.test(dateTime)) throw unreadable(field, value);
    const zone = windowsZoneToIana(typeof timeZone === 'string' && timeZone.trim() !== '' ? timeZone : 'UTC');
    return Temporal.PlainDateTime.from(dateTime, { overflow: 'reject' })
      .toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
  } catch (error) {
    if (error instanceof SchedulerError && error.code === 'provider-unavailable') throw error;
    throw unreadable(field, value, error);
  }
}

/** A Graph `dateTimeTimeZone` in UTC, to the second: `{ dateTime: '2026-03-10T14:00:00', timeZone: 'UTC' }`. */
export function toGraphDateTime(ms: number): GraphDateTime {
  return { dateTime: new Date(ms).toISOString().slice(0, 19), timeZone: 'UTC' };
}

/** An instant string as epoch ms, or `invalid-input` naming the field. */
function parseInstant(value: unknown, field: string): number {
  if (typeof value === 'string') {
    try {
      return Temporal.Instant.from(value).epochMilliseconds;
    } catch {
      // reported below
    }
  }
  throw new SchedulerError('invalid-input', `microsoft: ${field} must be an ISO-8601 instant such as "2026-03-08T14:30:00Z"`, {
    provider: 'microsoft',
    field,
    value,
  });
}

/** A checked half-open range in epoch ms. */
export function parseRange(range: Interval, field = 'range'): { start: number; end: number } {
  const start = parseInstant(range?.start, `${field}.start`);
  const end = parseInstant(range?.end, `${field}.end`);
  if (!(start < end)) {
    throw new SchedulerError('invalid-input', `microsoft: ${field} must end after it starts`, { provider: 'microsoft', field, value: range });
  }
  return { start, end };
}

/**
 * `[start, end)` cut into the fewest equal pieces no longer than `maxMs`, on whole
 * minutes, so no piece is a sliver (Graph refuses free/busy windows under 5 minutes).
 */
export function splitRange(start: number, end: number, maxMs: number): Array<{ start: number; end: number }> {
  const pieces = Math.max(1, Math.ceil((end - start) / maxMs));
  const step = Math.ceil((end - start) / pieces / MINUTE_MS) * MINUTE_MS;
  const out: Array<{ start: number; end: number }> = [];
  for (let from = start; from < end; from += step) out.push({ start: from, end: Math.min(end, from + step) });
  return out;
}
