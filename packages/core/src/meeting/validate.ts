import { SchedulerError } from '../errors.js';
import { MINUTE_MS, toEpochMs, toRange } from '../internal/instant.js';
import { safeJoinUrl } from '../internal/text.js';
import type { Interval } from '../time/types.js';
import type { MeetingEvent } from './types.js';

const EVENT_TYPES = new Set(['proposed', 'accepted', 'countered', 'declined', 'rescheduled', 'cancelled', 'link-shared']);

const invalid = (message: string, field: string, value?: unknown) =>
  new SchedulerError('invalid-input', message, { field, value });

function requireString(e: Record<string, unknown>, field: string, optional = false): void {
  const v = e[field];
  if (v === undefined && optional) return;
  if (typeof v !== 'string' || (!optional && v.length === 0)) throw invalid(`${field} must be a${optional ? '' : ' non-empty'} string`, field, v);
}

/** Checks the shape of options and that each lasts `durationMinutes` and none overlap. */
export function checkOptions(options: unknown, durationMinutes: number, field = 'options'): Interval[] {
  if (!Array.isArray(options) || options.length === 0) throw invalid(`${field} must list at least one slot`, field);
  const ranges = options.map((o: Interval, i) => ({ o, r: toRange(o, field, i) }));
  for (const { r } of ranges) {
    if (r.end - r.start !== durationMinutes * MINUTE_MS) {
      throw invalid(`every option must last ${durationMinutes} minutes`, field, options);
    }
  }
  const sorted = ranges.slice().sort((a, b) => a.r.start - b.r.start);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.r.start < sorted[i - 1]!.r.end) throw invalid('options must not overlap', field, options);
  }
  return ranges.map(({ o }) => ({ start: o.start, end: o.end }));
}

/** Throws `invalid-input` unless `e` is a well-formed meeting event of a known type. */
export function checkEventShape(e: unknown): asserts e is MeetingEvent {
  if (e === null || typeof e !== 'object') throw invalid('A meeting event must be an object', 'event');
  const ev = e as Record<string, unknown>;
  if (typeof ev.type !== 'string' || !EVENT_TYPES.has(ev.type)) throw invalid('Unknown meeting event type', 'type', ev.type);
  requireString(ev, 'id');
  requireString(ev, 'meetingId');
  requireString(ev, 'by');
  toEpochMs(ev.at, 'at');
  if (ev.type === 'proposed') {
    requireString(ev, 'threadId');
    if (!Array.isArray(ev.invitees) || ev.invitees.length === 0 || ev.invitees.some((i) => typeof i !== 'string')) {
      throw invalid('invitees must list at least one participant id', 'invitees', ev.invitees);
    }
    const d = ev.durationMinutes;
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 1 || d > 24 * 60) {
      throw invalid('durationMinutes must be a whole number from 1 to 1440', 'durationMinutes', d);
    }
    requireString(ev, 'title', true);
    requireString(ev, 'message', true);
  } else {
    const s = ev.sequence;
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 0) throw invalid('sequence must be a whole number ≥ 0', 'sequence', s);
  }
  if (ev.type === 'accepted') toRange(ev.option as Interval, 'option');
  if (ev.type === 'countered') requireString(ev, 'message', true);
  if (ev.type === 'declined' || ev.type === 'rescheduled' || ev.type === 'cancelled') requireString(ev, 'reason', true);
  if (ev.type === 'link-shared') requireString(ev, 'guestId');
  if (ev.joinUrl !== undefined && safeJoinUrl(ev.joinUrl) !== ev.joinUrl) {
    throw invalid('joinUrl must be an https: URL', 'joinUrl', ev.joinUrl);
  }
}
