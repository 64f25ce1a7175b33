import { fromEpochMs, toRange } from '../internal/instant.js';
import type { Interval } from '../time/types.js';
import { blocks } from './busy-policy.js';
import type { BusyInterval, BusyPolicy } from './types.js';

/** Half-open epoch-ms intervals. */
export type Span = [start: number, end: number];

/**
 * The union of `spans`, sorted and coalesced: overlapping or touching spans become one.
 * A sweep over the starts and the ends sorted on their own (numeric typed-array sorts,
 * no comparator): the union is open while more spans have started than ended.
 */
export function mergeSpans(spans: Span[]): Span[] {
  const n = spans.length;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    starts[k] = spans[k]![0];
    ends[k] = spans[k]![1];
  }
  starts.sort();
  ends.sort();
  const out: Span[] = [];
  let open = 0;
  let depth = 0;
  for (let i = 0, j = 0; j < n; ) {
    // A start at the same moment as an end comes first, so touching spans join.
    if (i < n && starts[i]! <= ends[j]!) {
      if (depth++ === 0) open = starts[i]!;
      i++;
    } else {
      if (--depth === 0) out.push([open, ends[j]!]);
      j++;
    }
  }
  return out;
}

/**
 * The union of lists that are each sorted by start, coalesced: a k-way merge that
 * costs linear time where sorting the concatenation would not.
 */
export function unionOfSorted(lists: Span[][]): Span[] {
  const heads = lists.map(() => 0);
  const out: Span[] = [];
  for (;;) {
    let pick = -1;
    let best = Infinity;
    for (let i = 0; i < lists.length; i++) {
      const span = lists[i]![heads[i]!];
      if (span && span[0] < best) {
        best = span[0];
        pick = i;
      }
    }
    if (pick < 0) return out;
    const [s, e] = lists[pick]![heads[pick]!++]!;
    const last = out.at(-1);
    if (last && s <= last[1]) {
      if (e > last[1]) last[1] = e;
    } else {
      out.push([s, e]);
    }
  }
}

/** The spans of the entries that block under `policy`, validated. */
export function blockingSpans(busy: BusyInterval[], policy?: BusyPolicy, field = 'busy'): Span[] {
  const spans: Span[] = [];
  busy.forEach((b, i) => {
    const { start, end } = toRange(b, field, i);
    if (blocks(b, policy)) spans.push([start, end]);
  });
  return spans;
}

/**
 * The union of the time that blocks, sorted and coalesced (touching intervals join:
 * `[9:00, 10:00)` and `[10:00, 11:00)` become `[9:00, 11:00)`).
 *
 * @example
 * ```ts
 * mergeBusy([
 *   { start: '2026-03-10T10:00:00Z', end: '2026-03-10T11:00:00Z' },
 *   { start: '2026-03-10T09:00:00Z', end: '2026-03-10T10:00:00Z' },
 *   { start: '2026-03-10T12:00:00Z', end: '2026-03-10T13:00:00Z', status: 'free' },
 * ])
 * // → [{ start: '2026-03-10T09:00:00Z', end: '2026-03-10T11:00:00Z' }]
 * ```
 */
export function mergeBusy(busy: BusyInterval[], policy?: BusyPolicy): Interval[] {
  return mergeSpans(blockingSpans(busy, policy)).map(([s, e]) => ({ start: fromEpochMs(s), end: fromEpochMs(e) }));
}
