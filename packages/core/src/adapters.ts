/**
 * The interfaces core needs from the outside world. Core declares them; the
 * adapters package and hosts implement them. Every method takes an optional
 * `AbortSignal` and rejects only with a `SchedulerError` (a provider's own error
 * goes in its `details`).
 */
import type { BusyInterval } from './availability/types.js';
import type { Meeting, MeetingEvent } from './meeting/types.js';
import type { Interval, ThreadInfo } from './time/types.js';

/** Anything with the shape of an `AbortSignal` (core has no DOM types). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface RequestOptions {
  signal?: AbortSignalLike;
}

/** Where a thread's meeting events live: the host's messaging backend. */
export interface ThreadAdapter {
  /** The thread with its participants, seen by the current user. */
  getThread(threadId: string, o?: RequestOptions): Promise<ThreadInfo>;
  /** All meeting events of the thread, in stored order. */
  listEvents(threadId: string, o?: RequestOptions): Promise<MeetingEvent[]>;
  /**
   * Stores one event. With `expectedSequence`, rejects with `conflict` (or
   * `stale-sequence`) when the meeting moved on. Storing an already stored event id
   * resolves without a second copy.
   */
  appendEvent(threadId: string, e: MeetingEvent, o?: RequestOptions & { expectedSequence?: number }): Promise<void>;
  /** Live updates: `onEvents` gets each new event once. Returns the unsubscribe function. */
  subscribe?(threadId: string, onEvents: (events: MeetingEvent[]) => void): () => void;
}

/** One calendar of a connected account. */
export interface CalendarInfo {
  id: string;
  name: string;
  /** The account's default calendar. */
  primary?: boolean;
  /** Whether events can be written to it. */
  writable?: boolean;
  timeZone?: string;
  color?: string;
}

/** A calendar provider for one connected account (Google, Microsoft 365, an ICS feed…). */
export interface CalendarAdapter {
  readonly provider: 'google' | 'microsoft' | 'ics' | (string & {});
  listCalendars(o?: RequestOptions): Promise<CalendarInfo[]>;
  /** Busy time in `range` from the given calendars. */
  getBusy(range: Interval, calendarIds: string[], o?: RequestOptions): Promise<BusyInterval[]>;
  /** Writes a confirmed meeting; retrying with the same `idempotencyKey` never makes a second event. */
  createEvent?(
    m: Meeting,
    o: RequestOptions & { calendarId: string; idempotencyKey: string },
  ): Promise<{ eventId: string; joinUrl?: string }>;
  updateEvent?(eventId: string, m: Meeting, o: RequestOptions & { calendarId: string }): Promise<void>;
  cancelEvent?(eventId: string, m: Meeting, o: RequestOptions & { calendarId: string; reason?: string }): Promise<void>;
}

/** Makes a join link for a meeting when no calendar provider does (Zoom, Jitsi, the host's own rooms). */
export interface ConferencingAdapter {
  createJoinUrl(m: Meeting, o?: RequestOptions): Promise<string>;
}

/** Delivers a notification (email, push) about a meeting event. */
export interface NotificationAdapter {
  notify(n: { to: string[]; kind: MeetingEvent['type']; meetingId: string; threadId: string }, o?: RequestOptions): Promise<void>;
}

/** One connected calendar account of a user, shared by every thread ("sync once"). */
export interface CalendarConnection {
  id: string;
  provider: CalendarAdapter['provider'];
  /** The account as people recognise it, e.g. "alice@acme.example". */
  accountLabel: string;
  /** Calendars whose busy time counts for conflicts. */
  conflictCalendarIds: string[];
  /** The calendar that receives confirmed meetings, if any. */
  targetCalendarId?: string;
  /** For ICS feeds: the feed URL. */
  url?: string;
}

/** Where a user's calendar connections are kept (never tokens: the host owns OAuth). */
export interface ConnectionStore {
  list(o?: RequestOptions): Promise<CalendarConnection[]>;
  save(c: CalendarConnection, o?: RequestOptions): Promise<void>;
  remove(id: string, o?: RequestOptions): Promise<void>;
}
