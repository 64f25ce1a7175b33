import type { Instant, Interval, TimeZoneId } from '../time/types.js';

/** A time someone's calendar is taken (or explicitly free). */
export interface BusyInterval extends Interval {
  /** Default `'busy'`. `'free'` never blocks. */
  status?: 'busy' | 'tentative' | 'oof' | 'free';
  allDay?: boolean;
  calendarId?: string;
  /** The event's title, shown as the reason ("Busy: Design review"). Untrusted text. */
  label?: string;
}

/** `HH:MM` on a 24-hour clock; `24:00` ends a range at the next midnight. */
export type WallTime = string;

/** Working hours in the person's own zone. Days are ISO weekdays: 1 = Monday … 7 = Sunday. */
export interface WorkingHours {
  timeZone: TimeZoneId;
  weekly: Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, Array<{ start: WallTime; end: WallTime }>>>;
  /** Dates (`YYYY-MM-DD`) with other hours; an empty `ranges` is a day off. */
  overrides?: Array<{ date: string; ranges: Array<{ start: WallTime; end: WallTime }> }>;
}

/** Which kinds of calendar entries block a slot. Everything blocks by default. */
export interface BusyPolicy {
  tentative?: 'busy' | 'free';
  allDay?: 'busy' | 'free';
  oof?: 'busy' | 'free';
}

export interface AvailabilityParticipant {
  id: string;
  busy: BusyInterval[];
  /** Without it the person is available around the clock. */
  workingHours?: WorkingHours;
}

export interface AvailabilityQuery {
  /** Slots start at `range.start + k × step` and end by `range.end`. */
  range: Interval;
  durationMinutes: number;
  /** Default 15. */
  stepMinutes?: number;
  participants: AvailabilityParticipant[];
  /** Free time needed before a slot. */
  bufferBeforeMinutes?: number;
  /** Free time needed after a slot. */
  bufferAfterMinutes?: number;
  /** Slots start no earlier than `now + minNoticeMinutes`; needs `now`. */
  minNoticeMinutes?: number;
  /** With `now`, slots never start in the past. */
  now?: Instant;
  busyPolicy?: BusyPolicy;
}

export type SlotUnavailableReason = 'busy' | 'outside-working-hours' | 'min-notice' | 'buffer';

export interface SlotExplanation {
  /** Whose constraint it is; `'*'` for reasons that concern everyone (`min-notice`). */
  participantId: string;
  reason: SlotUnavailableReason;
  interval?: BusyInterval;
}
