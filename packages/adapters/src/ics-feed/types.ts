/**
 * The plain model an ICS feed is read into: wall-clock values with their zones, and
 * one record per VEVENT. Everything in it came from a stranger's server: text is data.
 */
import type ICAL from 'ical.js';
import type { FeedProblem } from './public.js';

export type { FeedProblem };

/** A wall-clock date-time with no zone attached: the fields an ICS value carries. */
export interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** A time zone that can place a wall-clock time on the time line. */
export interface Zone {
  /** An IANA id, `UTC`, or `VTIMEZONE:<TZID>` for a zone only the feed itself defines. */
  readonly id: string;
  /** Epoch ms of a wall-clock time here. A skipped time moves forward, a repeated one takes the earlier instant (Temporal's `'compatible'`). */
  toEpochMs(wall: Wall): number;
}

/** A DATE (whole day) or DATE-TIME value, with the zone it is read in. */
export interface DateValue {
  /** `VALUE=DATE`: a whole day, read in the feed's floating zone. */
  date: boolean;
  wall: Wall;
  zone: Zone;
}

/**
 * How long an event lasts, as RFC 5545 §3.8.5.3 has it: a DTEND gives the same exact
 * duration to every instance; a DURATION (or a DATE event's DTEND) is nominal, so
 * whole days follow the wall clock across DST changes and the rest is exact.
 */
export type EventLength = { kind: 'exact'; ms: number } | { kind: 'nominal'; days: number; ms: number };

export type FeedStatus = 'busy' | 'tentative' | 'oof' | 'free' | 'cancelled';

/** One RRULE, with UNTIL taken out of ical.js's hands (it is compared on instants here). */
export interface FeedRule {
  /** The rule without UNTIL; ical.js still counts COUNT. */
  recur: ICAL.Recur;
  until?: DateValue;
  /** Whether the rule has COUNT (such a rule is expanded from DTSTART, not fast-forwarded). */
  counted: boolean;
}

/** One VEVENT of the feed. */
export interface FeedEvent {
  uid: string;
  /** Missing only on an override that relies on its RECURRENCE-ID. */
  start?: DateValue;
  /** Missing when the event gives neither DTEND nor DURATION. */
  length?: EventLength;
  rules: FeedRule[];
  /** RDATEs; a PERIOD carries its own length. */
  rdates: Array<{ start: DateValue; length?: EventLength }>;
  exdates: DateValue[];
  /** Set on an override of one instance of a recurring event. */
  recurrenceId?: DateValue;
  status: FeedStatus;
  /** SUMMARY as the feed wrote it (unescaped). Untrusted text. */
  label?: string;
}

/** A parsed feed: what `listCalendars` and `getBusy` read. */
export interface ParsedFeed {
  /** X-WR-CALNAME. */
  name?: string;
  /** X-WR-TIMEZONE as an IANA id, when the feed names a zone the runtime knows. */
  timeZone?: string;
  /** The zone floating times and all-day dates are read in. */
  floatingZone: Zone;
  events: FeedEvent[];
  problems: FeedProblem[];
}
