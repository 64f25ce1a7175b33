/** An ISO-8601 instant in UTC, e.g. `"2026-03-08T14:30:00Z"`. */
export type Instant = string;
/** An IANA time zone id, e.g. `"Asia/Kolkata"`. */
export type TimeZoneId = string;

/** A half-open interval `[start, end)`: back-to-back intervals do not overlap. */
export interface Interval {
  start: Instant;
  end: Instant;
}

/** A person in a thread. */
export interface Participant {
  id: string;
  name: string;
  timeZone: TimeZoneId;
  email?: string;
}

/** A conversation thread as the scheduler sees it. */
export interface ThreadInfo {
  id: string;
  participants: Participant[];
  currentUserId: string;
  title?: string;
}
