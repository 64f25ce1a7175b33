import { SchedulerError } from '../errors.js';
import { MINUTE_MS, toEpochMs, toRange } from '../internal/instant.js';
import { blockingSpans, mergeSpans, unionOfSorted, type Span } from './merge-busy.js';
import type { AvailabilityQuery } from './types.js';
import { workingSpans } from './working-hours.js';

/** A validated query in epoch ms: everything the slot search needs, nothing it must re-check. */
export interface PreparedQuery {
  start: number;
  end: number;
  duration: number;
  step: number;
  bufferBefore: number;
  bufferAfter: number;
  /** No slot starts before this (−∞ without `now`). */
  earliest: number;
  participants: Array<{
    id: string;
    /** Blocking busy time, merged. */
    busy: Span[];
    /** Working time inside the range, merged; `null` for "around the clock". */
    working: Span[] | null;
  }>;
}

function minutes(value: unknown, field: string, { min, fallback }: { min: number; fallback?: number }): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > 366 * 24 * 60) {
    throw new SchedulerError('invalid-input', `${field} must be a whole number of minutes ≥ ${min}`, { field, value });
  }
  return value;
}

/** Checks a query once and turns it into sorted epoch-ms spans. */
export function prepareQuery(q: AvailabilityQuery): PreparedQuery {
  if (q === null || typeof q !== 'object') throw new SchedulerError('invalid-input', 'The availability query must be an object');
  const { start, end } = toRange(q.range, 'range');
  const duration = minutes(q.durationMinutes, 'durationMinutes', { min: 1 }) * MINUTE_MS;
  const step = minutes(q.stepMinutes, 'stepMinutes', { min: 1, fallback: 15 }) * MINUTE_MS;
  const bufferBefore = minutes(q.bufferBeforeMinutes, 'bufferBeforeMinutes', { min: 0, fallback: 0 }) * MINUTE_MS;
  const bufferAfter = minutes(q.bufferAfterMinutes, 'bufferAfterMinutes', { min: 0, fallback: 0 }) * MINUTE_MS;
  const notice = minutes(q.minNoticeMinutes, 'minNoticeMinutes', { min: 0, fallback: 0 }) * MINUTE_MS;
  if (notice > 0 && q.now === undefined) {
    throw new SchedulerError('invalid-input', 'minNoticeMinutes needs now', { field: 'now' });
  }
  const earliest = q.now === undefined ? -Infinity : toEpochMs(q.now, 'now') + notice;
  if (!Array.isArray(q.participants)) throw new SchedulerError('invalid-input', 'participants must be a list', { field: 'participants' });
  const participants = q.participants.map((p, i) => {
    const field = `participants[${i}]`;
    if (typeof p?.id !== 'string' || !Array.isArray(p.busy)) {
      throw new SchedulerError('invalid-input', `${field} needs an id and a busy list`, { field });
    }
    return {
      id: p.id,
      busy: mergeSpans(blockingSpans(p.busy, q.busyPolicy, `${field}.busy`)),
      working: p.workingHours ? workingSpans(p.workingHours, start, end, `${field}.workingHours`) : null,
    };
  });
  return { start, end, duration, step, bufferBefore, bufferAfter, earliest, participants };
}

/**
 * Everything that rules out a slot START, as merged spans over the range: a start
 * `t` is free exactly when `[t, t + duration)` meets no blocked span.
 * Busy time grows by the buffers; time outside working hours and before `earliest`
 * is blocked outright.
 */
export function blockedSpans(p: PreparedQuery): Span[] {
  const lists: Span[][] = [];
  if (p.earliest > p.start) lists.push([[p.start, p.earliest]]);
  for (const person of p.participants) {
    lists.push(person.busy.map(([s, e]): Span => [s - p.bufferAfter, e + p.bufferBefore]));
    if (person.working) {
      const gaps: Span[] = [];
      let cursor = p.start;
      for (const [s, e] of person.working) {
        if (s > cursor) gaps.push([cursor, s]);
        cursor = Math.max(cursor, e);
      }
      if (cursor < p.end) gaps.push([cursor, p.end]);
      lists.push(gaps);
    }
  }
  return unionOfSorted(lists);
}
