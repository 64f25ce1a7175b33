import { assertTimeZone, toRange, zoned } from '../internal/instant.js';
import type { Interval, TimeZoneId } from './types.js';

/**
 * Slots grouped by their start's calendar date in `timeZone`, days and slots in time order.
 *
 * @example
 * ```ts
 * groupSlotsByDay(slots, 'Asia/Kolkata')
 * // → [{ date: '2026-03-10', slots: [...] }, { date: '2026-03-11', slots: [...] }]
 * ```
 */
export function groupSlotsByDay(slots: Interval[], timeZone: TimeZoneId): Array<{ date: string; slots: Interval[] }> {
  assertTimeZone(timeZone);
  const keyed = slots
    .map((slot, i) => ({ slot, start: toRange(slot, 'slots', i).start }))
    .sort((a, b) => a.start - b.start);
  const days: Array<{ date: string; slots: Interval[] }> = [];
  for (const { slot, start } of keyed) {
    const date = zoned(start, timeZone).toPlainDate().toString();
    const last = days.at(-1);
    if (last?.date === date) last.slots.push(slot);
    else days.push({ date, slots: [slot] });
  }
  return days;
}
