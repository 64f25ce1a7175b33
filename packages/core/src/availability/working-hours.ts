import { SchedulerError } from '../errors.js';
import { assertTimeZone, fromEpochMs, MINUTE_MS } from '../internal/instant.js';
import { offsetAt, offsetTable, wallToInstant } from '../internal/zone-offsets.js';
import type { Span } from './merge-busy.js';
import { mergeSpans } from './merge-busy.js';
import type { WallTime, WorkingHours } from './types.js';

const WALL_TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function minutesOf(t: WallTime, field: string): number {
  const m = typeof t === 'string' ? WALL_TIME_RE.exec(t) : null;
  if (!m) throw new SchedulerError('invalid-input', `${field} must be a time "HH:MM" (00:00–24:00)`, { field, value: t });
  return t === '24:00' ? 24 * 60 : Number(m[1]) * 60 + Number(m[2]);
}

type DayRanges = Array<[startMin: number, endMin: number]>;

function checkRanges(ranges: unknown, field: string): DayRanges {
  if (!Array.isArray(ranges)) throw new SchedulerError('invalid-input', `${field} must be a list of ranges`, { field });
  return ranges.map((r: { start: WallTime; end: WallTime }, i) => {
    const start = minutesOf(r?.start, `${field}[${i}].start`);
    const end = minutesOf(r?.end, `${field}[${i}].end`);
    if (start >= end) throw new SchedulerError('invalid-input', `${field}[${i}] must end after it starts`, { field: `${field}[${i}]`, value: r });
    return [start, end];
  });
}

/**
 * The working time in `[from, to)` as sorted, coalesced epoch-ms spans. Each local
 * date uses its override when there is one, else its weekday's ranges.
 */
export function workingSpans(hours: WorkingHours, from: number, to: number, field = 'workingHours'): Span[] {
  assertTimeZone(hours?.timeZone, `${field}.timeZone`);
  const { timeZone } = hours;
  if (hours.weekly === null || typeof hours.weekly !== 'object') {
    throw new SchedulerError('invalid-input', `${field}.weekly must map weekdays to ranges`, { field });
  }
  const weekly = new Map<number, DayRanges>();
  for (const [day, ranges] of Object.entries(hours.weekly)) {
    if (!/^[1-7]$/.test(day)) {
      throw new SchedulerError('invalid-input', `${field}.weekly keys are ISO weekdays 1–7`, { field: `${field}.weekly.${day}`, value: day });
    }
    weekly.set(Number(day), checkRanges(ranges, `${field}.weekly.${day}`));
  }
  const overrides = new Map<string, DayRanges>();
  (hours.overrides ?? []).forEach((o, i) => {
    if (typeof o?.date !== 'string' || !DATE_RE.test(o.date)) {
      const at = `${field}.overrides[${i}].date`;
      throw new SchedulerError('invalid-input', `${at} must be "YYYY-MM-DD"`, { field: at, value: o?.date });
    }
    overrides.set(o.date, checkRanges(o.ranges, `${field}.overrides[${i}].ranges`));
  });

  // Local calendar days covering the range, walked with epoch-day arithmetic; the
  // zone's offsets (from Temporal) turn each wall-clock bound into an instant.
  const table = offsetTable(timeZone, from, to);
  const firstDay = Math.floor((from + offsetAt(table, from)) / DAY_MS) - 1;
  const lastDay = Math.floor((to + offsetAt(table, to)) / DAY_MS) + 1;
  const spans: Span[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const isoWeekday = ((((day + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday
    const ranges = (overrides.size > 0 ? overrides.get(fromEpochMs(day * DAY_MS).slice(0, 10)) : undefined) ?? weekly.get(isoWeekday) ?? [];
    for (const [startMin, endMin] of ranges) {
      const s = Math.max(wallToInstant(table, day * DAY_MS + startMin * MINUTE_MS), from);
      const e = Math.min(wallToInstant(table, day * DAY_MS + endMin * MINUTE_MS), to);
      if (s < e) spans.push([s, e]);
    }
  }
  return mergeSpans(spans);
}
