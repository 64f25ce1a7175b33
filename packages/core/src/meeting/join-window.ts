import { fromEpochMs, MINUTE_MS, toEpochMs, toRange } from '../internal/instant.js';
import type { Instant } from '../time/types.js';
import type { Meeting } from './types.js';

/** Minutes before the start that Join opens, by default. */
export const DEFAULT_JOIN_EARLY_MINUTES = 5;

export interface JoinWindow {
  state: 'not-scheduled' | 'too-early' | 'open' | 'ended' | 'cancelled';
  /** When Join opens (`too-early` and `open`). */
  opensAt?: Instant;
  /** When Join closes: the meeting's end (`too-early` and `open`). */
  closesAt?: Instant;
}

/**
 * Whether Join is possible at `now`: from `earlyMinutes` before the confirmed start
 * until its end (half-open: at the end it has ended).
 *
 * @example
 * ```ts
 * joinWindow(meeting, '2026-03-10T12:50:00Z') // → { state: 'too-early', opensAt: '2026-03-10T12:55:00Z', … }
 * ```
 */
export function joinWindow(meeting: Meeting, now: Instant, opts: { earlyMinutes?: number } = {}): JoinWindow {
  const t = toEpochMs(now, 'now');
  if (meeting.status === 'cancelled') return { state: 'cancelled' };
  if (meeting.status !== 'confirmed' || !meeting.confirmed) return { state: 'not-scheduled' };
  const { start, end } = toRange(meeting.confirmed, 'confirmed');
  const early = Math.max(0, opts.earlyMinutes ?? DEFAULT_JOIN_EARLY_MINUTES) * MINUTE_MS;
  const opensAt = fromEpochMs(start - early);
  const closesAt = fromEpochMs(end);
  if (t < start - early) return { state: 'too-early', opensAt, closesAt };
  if (t < end) return { state: 'open', opensAt, closesAt };
  return { state: 'ended' };
}
