import { Temporal } from './temporal.js';

/**
 * A zone's UTC offsets over a stretch of time, from Temporal's own transition data,
 * so hot loops can map wall clock ↔ instant with arithmetic. `segments[i]` is in
 * force from `from` until the next segment's `from`.
 */
export interface OffsetTable {
  segments: Array<{ from: number; offset: number }>;
}

const DAY_MS = 86_400_000;

/** The offsets of `timeZone` in force during `[from, to]` (widened by two days each side). */
export function offsetTable(timeZone: string, from: number, to: number): OffsetTable {
  let z = Temporal.Instant.fromEpochMilliseconds(from - 2 * DAY_MS).toZonedDateTimeISO(timeZone);
  const segments = [{ from: -Infinity, offset: z.offsetNanoseconds / 1e6 }];
  for (;;) {
    const next = z.getTimeZoneTransition('next');
    if (!next || next.epochMilliseconds > to + 2 * DAY_MS) break;
    segments.push({ from: next.epochMilliseconds, offset: next.offsetNanoseconds / 1e6 });
    z = next;
  }
  return { segments };
}

/**
 * The instant of a wall-clock time (given as epoch ms of the same fields in UTC),
 * with Temporal's `'compatible'` disambiguation: in a repeated hour the earlier
 * instant; in a skipped hour the time moves forward by the length of the gap.
 */
export function wallToInstant({ segments }: OffsetTable, wall: number): number {
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const nextFrom = segments[i + 1]?.from ?? Infinity;
    const t = wall - seg.offset;
    if (t >= seg.from && t < nextFrom) return t;
    // Past this segment's end and before the next one's start: the wall time was skipped.
    const after = segments[i + 1];
    if (after && t >= nextFrom && wall - after.offset < nextFrom) return t;
  }
  return wall - segments.at(-1)!.offset;
}

/** The offset in force at `instant`. */
export function offsetAt({ segments }: OffsetTable, instant: number): number {
  let offset = segments[0]!.offset;
  for (const seg of segments) {
    if (seg.from > instant) break;
    offset = seg.offset;
  }
  return offset;
}
