import { fromEpochMs, toRange } from '../internal/instant.js';
import type { Interval } from '../time/types.js';
import { blocks } from './busy-policy.js';
import { prepareQuery } from './query.js';
import type { AvailabilityQuery, SlotExplanation } from './types.js';

/**
 * Why `candidate` is not offered: one entry per reason per participant, empty
 * when it is free for everyone. Busy entries come with the calendar entry, so a
 * view can say "Busy: Design review".
 *
 * @example
 * ```ts
 * explainSlot({ start: '2026-03-10T13:00:00Z', end: '2026-03-10T13:30:00Z' }, query)
 * // → [{ participantId: 'alice', reason: 'busy', interval: { …, label: 'Design review' } }]
 * ```
 */
export function explainSlot(candidate: Interval, q: AvailabilityQuery): SlotExplanation[] {
  const c = toRange(candidate, 'candidate');
  const range = toRange(q?.range, 'range');
  // Working hours are computed over the range; widen it so a candidate outside is judged too.
  const p = prepareQuery({
    ...q,
    range: { start: fromEpochMs(Math.min(range.start, c.start)), end: fromEpochMs(Math.max(range.end, c.end)) },
  });
  const out: SlotExplanation[] = [];
  if (c.start < p.earliest) out.push({ participantId: '*', reason: 'min-notice' });
  const padded = { start: c.start - p.bufferBefore, end: c.end + p.bufferAfter };
  p.participants.forEach((person, i) => {
    if (person.working && !person.working.some(([s, e]) => s <= c.start && c.end <= e)) {
      out.push({ participantId: person.id, reason: 'outside-working-hours' });
    }
    const entries = q.participants[i]?.busy ?? [];
    const blocking = entries
      .map((b) => ({ b, r: toRange(b) }))
      .filter(({ b }) => blocks(b, q.busyPolicy))
      .sort((x, y) => x.r.start - y.r.start);
    for (const { b, r } of blocking) {
      if (r.start < c.end && c.start < r.end) out.push({ participantId: person.id, reason: 'busy', interval: b });
      else if (r.start < padded.end && padded.start < r.end) out.push({ participantId: person.id, reason: 'buffer', interval: b });
    }
  });
  return out;
}
