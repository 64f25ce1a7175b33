import { toRange } from '../internal/instant.js';
import type { Interval } from '../time/types.js';
import { blocks } from './busy-policy.js';
import type { BusyInterval, BusyPolicy } from './types.js';

/**
 * The entries that overlap `candidate` and block under `policy`, in start order.
 * Intervals are half-open: an entry ending when the candidate starts is no conflict.
 *
 * @example
 * ```ts
 * findConflicts({ start: '2026-03-10T13:00:00Z', end: '2026-03-10T13:30:00Z' }, busy)
 *   .map((b) => `Busy: ${b.label}`)
 * // → ['Busy: Design review']
 * ```
 */
export function findConflicts(candidate: Interval, busy: BusyInterval[], policy?: BusyPolicy): BusyInterval[] {
  const c = toRange(candidate, 'candidate');
  return busy
    .map((b, i) => ({ b, r: toRange(b, 'busy', i) }))
    .filter(({ b, r }) => r.start < c.end && c.start < r.end && blocks(b, policy))
    .sort((x, y) => x.r.start - y.r.start)
    .map(({ b }) => b);
}
