import type * as RRuleModule from 'rrule';
import type { Options as RRuleOptions } from 'rrule';
import { SchedulerError } from '../errors.js';
import { assertTimeZone, fromEpochMs, toRange } from '../internal/instant.js';
import { Temporal } from '../internal/temporal.js';
import type { Instant, Interval, TimeZoneId } from '../time/types.js';

/** Most occurrences one call returns; a range holding more is rejected as `invalid-input`. */
const MAX_OCCURRENCES = 10_000;

type RRuleClass = (typeof RRuleModule)['RRule'];
type PlainDateTime = ReturnType<typeof Temporal.PlainDateTime.from>;

let rrulePromise: Promise<RRuleClass> | undefined;

/**
 * rrule is loaded on first use only. Its package has no `exports` map: Node resolves the
 * CommonJS build (everything under `default`), bundlers the ES build (named exports).
 */
function loadRRule(): Promise<RRuleClass> {
  rrulePromise ??= import('rrule').then(
    (ns: typeof RRuleModule & { default?: typeof RRuleModule }) => (ns.default ?? ns).RRule,
    (error: unknown) => {
      rrulePromise = undefined;
      throw error;
    },
  );
  return rrulePromise;
}

const LOCAL_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$/;
const FREQUENCIES = new Set(['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);
const WEEKDAY = '(?:MO|TU|WE|TH|FR|SA|SU)';
const WEEKDAY_RE = new RegExp(`^${WEEKDAY}$`);
const BYDAY_RE = new RegExp(`^(?:([+-]?)(\\d{1,2}))?${WEEKDAY}$`);
const NUMBER_RE = /^([+-]?)(\d{1,3})$/;
const UNTIL_RE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/;

/** RFC 5545 §3.3.10 ranges of the numeric BYxxx parts; `signed` parts also count from the end. */
const NUMERIC_PARTS: Readonly<Record<string, { min: number; max: number; signed: boolean }>> = {
  BYSECOND: { min: 0, max: 60, signed: false },
  BYMINUTE: { min: 0, max: 59, signed: false },
  BYHOUR: { min: 0, max: 23, signed: false },
  BYMONTH: { min: 1, max: 12, signed: false },
  BYMONTHDAY: { min: 1, max: 31, signed: true },
  BYYEARDAY: { min: 1, max: 366, signed: true },
  BYWEEKNO: { min: 1, max: 53, signed: true },
  BYSETPOS: { min: 1, max: 366, signed: true },
};

/** Where the recurrence stops: an exact instant (`…Z`), or a wall-clock bound in the zone. */
type Until = { kind: 'instant'; ms: number } | { kind: 'wall'; last: PlainDateTime };

function invalidRule(rrule: unknown, reason: string): SchedulerError {
  return new SchedulerError('invalid-input', `rrule is not a valid RFC 5545 recurrence rule: ${reason}`, {
    field: 'rrule',
    value: rrule,
  });
}

/**
 * Checks the rule parts and splits off UNTIL, which rrule would read as a UTC date.
 * Returns the rule rrule may parse (upper-cased, without UNTIL) and the UNTIL bound.
 */
function parseRule(rrule: unknown): { rule: string; until: Until | undefined } {
  if (typeof rrule !== 'string') throw invalidRule(rrule, 'it must be a string');
  const body = rrule.trim().replace(/^RRULE:/i, '').toUpperCase();
  if (/[\r\n]/.test(body)) throw invalidRule(rrule, 'give the RRULE value only, without DTSTART or other lines');
  const seen = new Set<string>();
  const kept: string[] = [];
  let until: Until | undefined;
  for (const part of body.split(';')) {
    if (part === '') continue; // a stray `;`, e.g. a trailing one
    const eq = part.indexOf('=');
    const key = eq > 0 ? part.slice(0, eq) : part;
    const value = eq > 0 ? part.slice(eq + 1) : '';
    if (value === '') throw invalidRule(rrule, `"${part}" is not a NAME=VALUE rule part`);
    if (seen.has(key)) throw invalidRule(rrule, `${key} occurs more than once`);
    seen.add(key);
    const numeric = NUMERIC_PARTS[key];
    if (numeric) {
      for (const item of value.split(',')) {
        const m = NUMBER_RE.exec(item);
        const n = m ? Number(m[2]) : Number.NaN;
        if (!m || (m[1] && !numeric.signed) || !(n >= numeric.min && n <= numeric.max)) {
          throw invalidRule(rrule, `${key}=${value} is out of range`);
        }
      }
    } else if (key === 'FREQ') {
      if (!FREQUENCIES.has(value)) throw invalidRule(rrule, `FREQ=${value} is not a frequency`);
    } else if (key === 'COUNT' || key === 'INTERVAL') {
      if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw invalidRule(rrule, `${key} must be a positive integer`);
    } else if (key === 'BYDAY') {
      for (const item of value.split(',')) {
        const m = BYDAY_RE.exec(item);
        if (!m || (m[2] !== undefined && !(Number(m[2]) >= 1 && Number(m[2]) <= 53))) {
          throw invalidRule(rrule, `BYDAY=${value} is not a weekday list`);
        }
      }
    } else if (key === 'WKST') {
      if (!WEEKDAY_RE.test(value)) throw invalidRule(rrule, `WKST=${value} is not a weekday`);
    } else if (key === 'UNTIL') {
      until = parseUntil(rrule, value);
      continue;
    } else if (key === 'DTSTART' || key === 'TZID') {
      throw invalidRule(rrule, `pass the start as the dtstart argument, not as ${key} in the rule`);
    } else {
      throw invalidRule(rrule, `unknown rule part ${key}`);
    }
    kept.push(part);
  }
  if (!seen.has('FREQ')) throw invalidRule(rrule, 'FREQ is required');
  if (seen.has('COUNT') && seen.has('UNTIL')) throw invalidRule(rrule, 'COUNT and UNTIL cannot both be given');
  return { rule: kept.join(';'), until };
}

function parseUntil(rrule: string, value: string): Until {
  const m = UNTIL_RE.exec(value);
  let date: PlainDateTime | undefined;
  try {
    if (m) {
      date = new Temporal.PlainDateTime(
        Number(m[1]),
        Number(m[2]),
        Number(m[3]),
        Number(m[4] ?? 0),
        Number(m[5] ?? 0),
        Number(m[6] ?? 0),
      );
    }
  } catch {
    date = undefined;
  }
  if (!m || !date) throw invalidRule(rrule, `UNTIL=${value} is not a DATE or DATE-TIME`);
  // 19971224T000000Z: an exact instant.
  if (m[7]) return { kind: 'instant', ms: date.toZonedDateTime('UTC').epochMilliseconds };
  // 19971224T000000: a floating wall-clock time in the rule's zone.
  if (m[4] !== undefined) return { kind: 'wall', last: date };
  // 19971224: that whole local day.
  return { kind: 'wall', last: date.add({ days: 1 }).subtract({ nanoseconds: 1 }) };
}

function parseLocal(dtstart: unknown): { local: PlainDateTime; timeZone: TimeZoneId } {
  if (dtstart === null || typeof dtstart !== 'object') {
    throw new SchedulerError('invalid-input', 'dtstart must be an object with local and timeZone', {
      field: 'dtstart',
    });
  }
  const { local, timeZone } = dtstart as { local?: unknown; timeZone?: unknown };
  assertTimeZone(timeZone, 'dtstart.timeZone');
  if (typeof local === 'string' && LOCAL_RE.test(local)) {
    try {
      return { local: Temporal.PlainDateTime.from(local, { overflow: 'reject' }), timeZone };
    } catch {
      // falls through to the error below
    }
  }
  throw new SchedulerError('invalid-input', 'dtstart.local must be a wall-clock time such as "2026-03-08T09:00"', {
    field: 'dtstart.local',
    value: local,
  });
}

/** A "floating" Date for rrule: its UTC fields are the wall-clock fields. */
function toFloating(wall: PlainDateTime): Date {
  return new Date(wall.toZonedDateTime('UTC').epochMilliseconds);
}

/** The wall clock a floating Date stands for. */
function fromFloating(date: Date): PlainDateTime {
  return Temporal.Instant.fromEpochMilliseconds(date.getTime()).toZonedDateTimeISO('UTC').toPlainDateTime();
}

/** The instant a wall-clock time denotes in `timeZone`, RFC 5545 §3.3.5 style. */
function wallToEpochMs(wall: PlainDateTime, timeZone: TimeZoneId): number {
  return wall.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

function epochMsToWall(ms: number, timeZone: TimeZoneId): PlainDateTime {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).toPlainDateTime();
}

/**
 * The start instants of a recurring event that fall in `range`, expanded the way a
 * calendar shows them: on the wall clock of the event's time zone.
 *
 * The rule is expanded in floating wall-clock time from `dtstart.local`; each occurrence
 * is then placed in `dtstart.timeZone` (RFC 5545 §3.3.5): a 09:00 weekly meeting in
 * New York stays at 09:00 local when the clocks change; a time in a skipped hour moves
 * forward by the length of the gap (02:30 → 03:30); a time in a repeated hour is the
 * first of the two (01:30 EDT, not 01:30 EST). Occurrences that land on the same
 * instant this way are returned once.
 *
 * - `rrule` is the RRULE value (RFC 5545 §3.3.10), with or without the `RRULE:` prefix.
 *   It must not contain DTSTART, TZID, EXDATE or any other line: the start is `dtstart`.
 * - `UNTIL` with `Z` (`UNTIL=19971224T000000Z`, what RFC 5545 requires when DTSTART has a
 *   TZID) is an exact instant: an occurrence at that instant is included. `UNTIL` without
 *   `Z` is a wall-clock time in `dtstart.timeZone`; a date-only `UNTIL=19971224` includes
 *   that whole local day. `COUNT` counts from `dtstart`, whatever the range.
 * - A `dtstart` that does not match the rule is not itself an occurrence (rrule's rule,
 *   which RFC 5545's "Friday the 13th" example gets with an EXDATE).
 *
 * rrule is imported on the first call, so apps that never expand a rule never load it.
 *
 * Limits:
 * - A range holding more than 10,000 occurrences is rejected rather than truncated.
 * - The range bounds the result, not all of the work. rrule walks every period from
 *   `dtstart` (sub-daily rules without COUNT start near the range instead), so a
 *   minutely rule with COUNT begun years before the range is slow, and a rule that can
 *   never match (`BYMONTH=2;BYMONTHDAY=30`, `BYSETPOS=50`) walks on to year 9999 —
 *   about ten seconds of CPU. Run untrusted rules under a time budget (e.g. a worker).
 * - rrule 2.8 drifts on MINUTELY rules with BYHOUR (SECONDLY ones with BYHOUR or
 *   BYMINUTE) whose INTERVAL does not divide the hour (minute): after a skipped hour it
 *   resumes on the old minute-of-hour, not on the INTERVAL grid.
 *
 * @param rrule - An RRULE value such as `"FREQ=WEEKLY;BYDAY=MO"`.
 * @param dtstart - The first occurrence as local wall-clock time (`YYYY-MM-DDTHH:MM` or
 *   `YYYY-MM-DDTHH:MM:SS`) and the IANA zone the event lives in.
 * @param range - The half-open interval `[start, end)` of occurrence starts to return.
 * @returns The occurrence start instants in `range`, sorted, as canonical UTC strings.
 * @throws {SchedulerError} `invalid-input` when the rule, `dtstart` or `range` is not
 *   valid, or the range holds more than 10,000 occurrences.
 *
 * @example
 * ```ts
 * // A weekly 9 AM meeting in New York, across the March 2026 clock change.
 * await expandRecurrence(
 *   'RRULE:FREQ=WEEKLY;BYDAY=MO',
 *   { local: '2026-03-02T09:00', timeZone: 'America/New_York' },
 *   { start: '2026-03-01T00:00:00Z', end: '2026-03-15T00:00:00Z' },
 * );
 * // → ['2026-03-02T14:00:00Z', '2026-03-09T13:00:00Z']  (09:00 EST, then 09:00 EDT)
 * ```
 */
export async function expandRecurrence(
  rrule: string,
  dtstart: { local: string; timeZone: TimeZoneId },
  range: Interval,
): Promise<Instant[]> {
  const { rule, until } = parseRule(rrule);
  const { local, timeZone } = parseLocal(dtstart);
  const bounds = toRange(range, 'range');

  const RRule = await loadRRule();
  let options: Partial<RRuleOptions>;
  try {
    options = RRule.parseString(rule);
  } catch (error) {
    throw invalidRule(rrule, error instanceof Error ? error.message : String(error));
  }
  options.dtstart = toFloating(local);
  options.tzid = null;
  if (until?.kind === 'wall') options.until = toFloating(until.last);
  // A day of slack: in a repeated hour a later wall clock can be an earlier instant.
  // The exact bound is applied to the instants below.
  if (until?.kind === 'instant') options.until = toFloating(epochMsToWall(until.ms, timeZone).add({ days: 1 }));
  const lastMs = until?.kind === 'instant' ? until.ms : Number.POSITIVE_INFINITY;

  // Offsets differ from UTC by less than a day, so ±2 days of wall clock covers the range.
  const after = toFloating(epochMsToWall(bounds.start, timeZone).subtract({ days: 2 }));
  const before = toFloating(epochMsToWall(bounds.end, timeZone).add({ days: 2 }));

  // A sub-daily rule repeats every INTERVAL hours/minutes/seconds of floating time, so
  // without COUNT its walk can start at the last period boundary before the window:
  // a minutely rule begun decades ago costs no more than one begun yesterday. Not when
  // rrule's own walk drifts (MINUTELY with BYHOUR, SECONDLY with BYHOUR or BYMINUTE:
  // it skips whole hours or minutes), or the result would depend on the range.
  const unitMs =
    options.freq === RRule.HOURLY
      ? 3_600_000
      : options.freq === RRule.MINUTELY && options.byhour == null
        ? 60_000
        : options.freq === RRule.SECONDLY && options.byhour == null && options.byminute == null
          ? 1000
          : undefined;
  if (unitMs !== undefined && options.count == null) {
    const first = toFloating(local).getTime();
    const period = unitMs * (options.interval ?? 1);
    const skipped = Math.floor((after.getTime() - first) / period);
    if (skipped > 0) options.dtstart = new Date(first + skipped * period);
  }

  const found = new Set<number>();
  const collect = (date: Date): boolean => {
    const ms = wallToEpochMs(fromFloating(date), timeZone);
    if (ms >= bounds.start && ms < bounds.end && ms <= lastMs) found.add(ms);
    return found.size <= MAX_OCCURRENCES;
  };
  try {
    new RRule(options, true).between(after, before, true, collect);
  } catch (error) {
    throw invalidRule(rrule, error instanceof Error ? error.message : String(error));
  }
  if (found.size > MAX_OCCURRENCES) {
    throw new SchedulerError(
      'invalid-input',
      `range holds more than ${MAX_OCCURRENCES} occurrences of the rule; ask for a shorter range`,
      { field: 'range', rrule, range, limit: MAX_OCCURRENCES },
    );
  }
  return [...found].sort((a, b) => a - b).map(fromEpochMs);
}
