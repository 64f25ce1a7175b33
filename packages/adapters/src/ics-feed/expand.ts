/**
 * A parsed feed + a range → busy intervals. Recurrences are expanded on the wall clock
 * of the event's zone (ical.js iterates floating times; Temporal places each one), so a
 * weekly 09:00 meeting stays at 09:00 across DST. EXDATEs and overridden instances
 * (RECURRENCE-ID) are matched on instants, or on dates for all-day values.
 *
 * The work is bounded: a rule without COUNT is fast-forwarded to just before the range
 * (whole periods from DTSTART, so its pattern is kept); a rule with COUNT is walked from
 * DTSTART. Each rule may try at most `maxRuleStepsPerEvent` candidate dates on the way
 * (an impossible rule such as `FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30` would otherwise never
 * end) and each event yields at most `maxOccurrencesPerEvent` instances in the range;
 * one call shares a budget of both across the feed. A rule cut short is reported.
 * Not supported: RANGE=THISANDFUTURE (read as a change to one instance), EXRULE.
 */
import type { BusyInterval } from '@meeting-scheduler/core';
import ICAL from 'ical.js';
import { startMs } from './read-event.js';
import { DEFAULT_EXPAND_LIMITS, type ExpandLimits } from './public.js';
import type { DateValue, EventLength, FeedEvent, FeedProblem, FeedRule, ParsedFeed, Wall } from './types.js';
import { addDays, dateKey, utcMsToWall, wallToUtcMs } from './zones.js';

/** A half-open range in epoch ms. */
interface MsRange {
  startMs: number;
  endMs: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const FAST_FORWARD_SLACK_MS = 3 * HOUR_MS;
const FIXED_PERIOD_MS: Readonly<Record<string, number>> = {
  SECONDLY: 1000,
  MINUTELY: 60_000,
  HOURLY: HOUR_MS,
  DAILY: DAY_MS,
  WEEKLY: 7 * DAY_MS,
};

/** Thrown inside ical.js's iterator when a rule has used up its steps. */
class StepsExhausted extends Error {}

interface Budget {
  occurrences: number;
  steps: number;
}

const defaultLength = (start: DateValue): EventLength =>
  start.date ? { kind: 'nominal', days: 1, ms: 0 } : { kind: 'exact', ms: 0 };

function endMsOf(start: DateValue, fromMs: number, length: EventLength): number {
  return length.kind === 'exact' ? fromMs + length.ms : start.zone.toEpochMs(addDays(start.wall, length.days)) + length.ms;
}

/** At least as long as any instance can last (a nominal day may have 25 hours). */
function longestMs(length: EventLength): number {
  return length.kind === 'exact' ? length.ms : length.days * (DAY_MS + HOUR_MS) + length.ms;
}

const wallOf = (t: ICAL.Time): Wall => ({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second });

function icalTime(w: Wall, isDate: boolean): ICAL.Time {
  return new ICAL.Time({ ...w, second: Math.min(w.second, 59), isDate }, ICAL.Timezone.localTimezone);
}

/** The same wall time `months` later, or undefined when that month has no such day. */
function addMonths(w: Wall, months: number): Wall | undefined {
  const index = w.year * 12 + (w.month - 1) + months;
  const shifted = { ...w, year: Math.floor(index / 12), month: (index % 12) + 1 };
  const back = utcMsToWall(wallToUtcMs(shifted));
  return back.day === w.day && back.month === shifted.month ? shifted : undefined;
}

/**
 * A later DTSTART for a rule without COUNT: DTSTART moved on by whole periods of the
 * rule, to no later than `earliestWallMs`, so the instances at and after it are the
 * rule's own. A MONTHLY or YEARLY start on a day some months lack (the 31st, 29 Feb)
 * moves to the nearest earlier period that has it.
 */
function fastForward(rule: FeedRule, start: Wall, earliestWallMs: number): Wall {
  const from = wallToUtcMs(start);
  if (rule.counted || earliestWallMs <= from) return start;
  const interval = Math.max(1, rule.recur.interval || 1);
  const fixed = FIXED_PERIOD_MS[rule.recur.freq];
  if (fixed !== undefined) {
    const step = fixed * interval;
    return utcMsToWall(from + Math.floor((earliestWallMs - from) / step) * step);
  }
  const target = utcMsToWall(earliestWallMs);
  const monthsPerPeriod = rule.recur.freq === 'YEARLY' ? 12 * interval : interval;
  const months = (target.year - start.year) * 12 + (target.month - start.month);
  for (let k = Math.floor(months / monthsPerPeriod) - 1, tries = 0; k > 0 && tries < 12; k--, tries++) {
    const shifted = addMonths(start, k * monthsPerPeriod);
    if (shifted !== undefined) return shifted;
  }
  return start;
}

/** Whether an instance is excluded: its start is an EXDATE or an overridden RECURRENCE-ID. */
function exclusions(master: DateValue, values: DateValue[]): (instance: DateValue, ms: number) => boolean {
  const instants = new Set<number>();
  const dates = new Set<string>();
  for (const v of values) {
    if (v.date || master.date) dates.add(dateKey(v.wall));
    else instants.add(startMs(v));
  }
  return (instance, ms) => instants.has(ms) || (dates.size > 0 && dates.has(dateKey(instance.wall)));
}

/** The last instant a rule's UNTIL allows an instance to start at. */
function untilMs(rule: FeedRule, start: DateValue): number {
  const until = rule.until;
  if (until === undefined) return Infinity;
  if (until.date) return start.zone.toEpochMs(addDays(until.wall, 1)) - 1;
  return startMs(until);
}

interface Visit {
  (start: DateValue, length?: EventLength): void;
}

/** Calls `visit` for each instance start of a rule, in order, up to the range's end. */
function expandRule(event: FeedEvent, start: DateValue, rule: FeedRule, range: MsRange, limits: ExpandLimits, budget: Budget, visit: Visit, problems: FeedProblem[]): void {
  const length = event.length ?? defaultLength(start);
  // The zone's offset near the range start gives the range's wall time there; the
  // slack covers DST changes between the new DTSTART and the range.
  const rangeWall = utcMsToWall(range.startMs);
  const offsetMs = wallToUtcMs(rangeWall) - start.zone.toEpochMs(rangeWall);
  const anchor = fastForward(rule, start.wall, range.startMs + offsetMs - longestMs(length) - FAST_FORWARD_SLACK_MS);
  const iterator = rule.recur.iterator(icalTime(anchor, start.date));
  const maxSteps = Math.min(limits.maxRuleStepsPerEvent, budget.steps);
  let steps = 0;
  const check = iterator.check_contracting_rules.bind(iterator);
  // ical.js loops inside next() until a candidate passes the rule; this bounds that loop.
  iterator.check_contracting_rules = () => {
    if (++steps > maxSteps) throw new StepsExhausted();
    return check();
  };
  const last = untilMs(rule, start);
  let produced = 0;
  const truncated = (why: string) =>
    problems.push({ kind: 'recurrence-truncated', uid: event.uid, message: `the recurrence was cut short: ${why}` });
  try {
    for (;;) {
      const next = iterator.next();
      if (next === null) break;
      const instance: DateValue = { date: start.date, wall: wallOf(next), zone: start.zone };
      const ms = startMs(instance);
      if (ms > last || ms >= range.endMs) break;
      if (ms + longestMs(length) <= range.startMs) continue; // before the range: only steps count
      if (++produced > limits.maxOccurrencesPerEvent) {
        truncated(`it has more than ${limits.maxOccurrencesPerEvent} instances in the range`);
        break;
      }
      if (budget.occurrences <= 0) {
        truncated(`the feed has more than ${limits.maxOccurrencesPerCall} instances in the range`);
        break;
      }
      budget.occurrences--;
      visit(instance);
    }
  } catch (error) {
    if (!(error instanceof StepsExhausted)) throw error;
    truncated(
      maxSteps < limits.maxRuleStepsPerEvent
        ? `the feed's rules tried more than ${limits.maxRuleStepsPerCall} candidate dates`
        : `it gave up after ${maxSteps} candidate dates`,
    );
  } finally {
    budget.steps -= Math.min(steps, maxSteps);
  }
}

function isoOf(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * The busy intervals of a parsed feed that overlap `range`, sorted by start. Cancelled
 * events are left out, zero-length ones too (they block nothing); transparent ones are
 * kept with status `'free'`.
 *
 * @example
 * ```ts
 * const busy = busyInRange(parseFeed(text), { startMs: Date.parse('2026-03-09T00:00:00Z'), endMs: Date.parse('2026-03-16T00:00:00Z') }, url);
 * // [{ start: '2026-03-09T13:00:00Z', end: '2026-03-09T14:00:00Z', status: 'busy', calendarId: url, label: 'Weekly sync' }, …]
 * ```
 */
export function busyInRange(
  feed: ParsedFeed,
  range: MsRange,
  calendarId: string,
  limits: ExpandLimits = DEFAULT_EXPAND_LIMITS,
  problems: FeedProblem[] = [],
): BusyInterval[] {
  const out: Array<BusyInterval & { ms: number; endMs: number }> = [];
  const budget: Budget = { occurrences: limits.maxOccurrencesPerCall, steps: limits.maxRuleStepsPerCall };

  const emit = (event: FeedEvent, start: DateValue, length: EventLength) => {
    if (event.status === 'cancelled') return;
    const ms = startMs(start);
    const endMs = endMsOf(start, ms, length);
    if (endMs <= ms || ms >= range.endMs || endMs <= range.startMs) return;
    const busy: BusyInterval & { ms: number; endMs: number } = { ms, endMs, start: isoOf(ms), end: isoOf(endMs), status: event.status, calendarId };
    if (start.date) busy.allDay = true;
    if (event.label !== undefined) busy.label = event.label;
    out.push(busy);
  };

  const masters = new Map<string, FeedEvent>();
  const overrides = new Map<string, FeedEvent[]>();
  for (const e of feed.events) {
    if (e.recurrenceId === undefined) {
      if (!masters.has(e.uid)) masters.set(e.uid, e);
    } else {
      const list = overrides.get(e.uid);
      if (list === undefined) overrides.set(e.uid, [e]);
      else list.push(e);
    }
  }

  for (const event of feed.events) {
    const start = event.start;
    if (event.recurrenceId !== undefined || start === undefined || event.status === 'cancelled') continue;
    const length = event.length ?? defaultLength(start);
    const moved = (overrides.get(event.uid) ?? []).map((o) => o.recurrenceId!);
    const excluded = exclusions(start, [...event.exdates, ...moved]);
    const seen = new Set<string>();
    const visit: Visit = (instance, own) => {
      const ms = startMs(instance);
      const key = instance.date ? dateKey(instance.wall) : String(ms);
      if (seen.has(key) || excluded(instance, ms)) return;
      seen.add(key);
      emit(event, instance, own ?? length);
    };
    try {
      if (event.rules.length === 0) visit(start);
      for (const rule of event.rules) expandRule(event, start, rule, range, limits, budget, visit, problems);
      for (const rdate of event.rdates) visit(rdate.start, rdate.length);
    } catch (error) {
      problems.push({ kind: 'event-skipped', uid: event.uid, message: `the event could not be expanded: ${String(error)}` });
    }
  }

  for (const list of overrides.values()) {
    for (const o of list) {
      const master = masters.get(o.uid);
      const start = o.start ?? o.recurrenceId!;
      try {
        // An override without DTEND/DURATION keeps the series' length.
        emit(o, start, o.length ?? master?.length ?? defaultLength(start));
      } catch (error) {
        problems.push({ kind: 'event-skipped', uid: o.uid, message: `the changed instance could not be placed: ${String(error)}` });
      }
    }
  }

  return out
    .sort((a, b) => a.ms - b.ms || a.endMs - b.endMs)
    .map(({ ms: _ms, endMs: _endMs, ...busy }) => busy);
}
