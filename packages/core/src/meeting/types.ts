import type { Instant, Interval } from '../time/types.js';

/** Fields every meeting event carries. */
interface EventBase {
  /** Unique id of this event; the idempotency key (applying it twice is a no-op). */
  id: string;
  meetingId: string;
  /** The participant who did it. */
  by: string;
  /** When it was done. */
  at: Instant;
}

/**
 * Fields of every event on an existing meeting. `sequence` is the meeting's
 * sequence the author saw; an event carrying an older one is `stale-sequence`.
 */
interface FollowUpBase extends EventBase {
  sequence: number;
}

/** The organizer invites thread participants to one of several candidate slots. */
export interface ProposedEvent extends EventBase {
  type: 'proposed';
  threadId: string;
  invitees: string[];
  options: Interval[];
  durationMinutes: number;
  title?: string;
  message?: string;
  /** A join URL known when proposing (e.g. a host's fixed room); `https:` only. */
  joinUrl?: string;
}

/** An awaited participant accepts one of the current options; the meeting is confirmed. */
export interface AcceptedEvent extends FollowUpBase {
  type: 'accepted';
  option: Interval;
  /** The join URL the accepting client got from its calendar/conferencing provider; `https:` only. */
  joinUrl?: string;
}

/** An awaited participant suggests different times; now the others must answer. */
export interface CounteredEvent extends FollowUpBase {
  type: 'countered';
  options: Interval[];
  message?: string;
}

/** An awaited participant declines. */
export interface DeclinedEvent extends FollowUpBase {
  type: 'declined';
  reason?: string;
}

/** An attendee proposes new times for a proposed or confirmed meeting. */
export interface RescheduledEvent extends FollowUpBase {
  type: 'rescheduled';
  options: Interval[];
  reason?: string;
}

/** An attendee cancels; final. */
export interface CancelledEvent extends FollowUpBase {
  type: 'cancelled';
  reason?: string;
}

/** An attendee shares the confirmed meeting with a guest (someone outside the thread). */
export interface LinkSharedEvent extends FollowUpBase {
  type: 'link-shared';
  guestId: string;
}

/** Everything that can happen to a meeting; a meeting is the fold of these. */
export type MeetingEvent =
  | ProposedEvent
  | AcceptedEvent
  | CounteredEvent
  | DeclinedEvent
  | RescheduledEvent
  | CancelledEvent
  | LinkSharedEvent;

export type MeetingEventType = MeetingEvent['type'];

export type MeetingStatus = 'proposed' | 'confirmed' | 'declined' | 'cancelled';

/** A participant's answer, as iTIP's PARTSTAT names it. */
export type ParticipationStatus = 'needs-action' | 'accepted' | 'declined';

/** The state of one meeting for everyone: the result of folding its events. */
export interface Meeting {
  id: string;
  threadId: string;
  organizerId: string;
  /** The invitees still attending (the organizer is not among them). */
  attendeeIds: string[];
  /** People outside the thread who were given a share link. */
  guestIds: string[];
  status: MeetingStatus;
  /** Bumped by every event after `proposed`; follow-up events must carry the current one. */
  sequence: number;
  /** The candidate slots currently on the table. */
  options: Interval[];
  confirmed?: Interval;
  /** The confirmed time before the last reschedule. */
  previous?: Interval;
  durationMinutes: number;
  /** Who must answer now (accept, counter or decline). */
  awaiting: string[];
  /** Each attendee's answer (organizer included). */
  responses: Record<string, ParticipationStatus>;
  title?: string;
  message?: string;
  /** The reason given with the last decline, reschedule or cancel. */
  reason?: string;
  joinUrl?: string;
  /** Every applied event, in order. */
  history: MeetingEvent[];
}

/** What a person may do with a meeting, as {@link allowedActions} reports it. */
export type MeetingAction =
  | 'accept'
  | 'counter'
  | 'decline'
  | 'reschedule'
  | 'cancel'
  | 'join'
  | 'share'
  | 'add-to-calendar';
