import { fromEpochMs } from '../internal/instant.js';
import type { Interval } from '../time/types.js';
import { blockedSpans, prepareQuery } from './query.js';
import type { AvailabilityQuery } from './types.js';

/**
 * Every slot of `durationMinutes` in `range` that is free for ALL participants:
 * inside everyone's working hours, clear of their busy time and buffers, and past
 * the minimum notice. Slots start on the step grid `range.start + k × step` and are
 * returned sorted.
 *
 * One sweep over the sorted, merged blocked intervals of everyone (O(n log n) in the
 * busy entries, plus the slots returned), not a check of each candidate.
 *
 * @example
 * ```ts
 * findSlots({
 *   range: { start: '2026-03-10T13:00:00Z', end: '2026-03-10T15:00:00Z' },
 *   durationMinutes: 30,
 *   participants: [
 *     { id: 'alice', busy: [{ start: '2026-03-10T13:00:00Z', end: '2026-03-10T14:00:00Z' }] },
 *     { id: 'priya', busy: [], workingHours: { timeZone: 'Asia/Kolkata', weekly: { 2: [{ start: '09:00', end: '20:00' }] } } },
 *   ],
 * })
 * // → 14:00–14:30Z (Priya's day ends at 20:00 IST = 14:30Z)
 * ```
 */
export function findSlots(q: AvailabilityQuery): Interval[] {
  const p = prepareQuery(q);
  const slots: Interval[] = [];
  let freeFrom = p.start;
  const emit = (freeTo: number) => {
    // Starts t with freeFrom ≤ t and t + duration ≤ freeTo, on the grid.
    const k = Math.ceil((freeFrom - p.start) / p.step);
    for (let t = p.start + k * p.step; t + p.duration <= freeTo; t += p.step) {
      slots.push({ start: fromEpochMs(t), end: fromEpochMs(t + p.duration) });
    }
  };
  for (const [s, e] of blockedSpans(p)) {
    if (e <= freeFrom) continue;
    if (s > freeFrom) emit(Math.min(s, p.end));
    freeFrom = Math.max(freeFrom, e);
    if (freeFrom >= p.end) return slots;
  }
  emit(p.end);
  return slots;
}
