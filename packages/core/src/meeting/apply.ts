import { SchedulerError, type SchedulerErrorCode } from '../errors.js';
import { toRange } from '../internal/instant.js';
import type { Interval, ThreadInfo } from '../time/types.js';
import type { Meeting, MeetingEvent } from './types.js';
import { checkEventShape, checkOptions } from './validate.js';

export type ApplyResult = { ok: true; meeting: Meeting } | { ok: false; error: SchedulerError };

const fail = (code: SchedulerErrorCode, message: string, details?: unknown): ApplyResult => ({
  ok: false,
  error: new SchedulerError(code, message, details),
});

const sameInterval = (a: Interval, b: Interval) => {
  const x = toRange(a);
  const y = toRange(b);
  return x.start === y.start && x.end === y.end;
};

/** Organizer and attendees: everyone the meeting is for. */
export function attendingIds(m: Meeting): string[] {
  return [m.organizerId, ...m.attendeeIds];
}

function without(ids: string[], id: string): string[] {
  return ids.filter((x) => x !== id);
}

/**
 * New candidate times from `by` (a counter or a reschedule): everyone else attending
 * must answer again. Mutates `next`, the fold's fresh copy; returns the error instead
 * when the options are not valid.
 */
function putOnTable(next: Meeting, options: unknown, attending: string[], by: string): SchedulerError | null {
  try {
    next.options = checkOptions(options, next.durationMinutes);
  } catch (error) {
    return error as SchedulerError;
  }
  next.awaiting = without(attending, by);
  for (const id of next.awaiting) next.responses[id] = 'needs-action';
  next.responses[by] = 'accepted';
  return null;
}

/**
 * The meeting after one event, or the reason the event is refused. Pure: `meeting`
 * is not changed. Applying an event whose id is already in the history is a no-op.
 *
 * Rules: only thread participants propose or answer, and only thread participants
 * are invited; only someone awaited accepts, counters or declines; only one of the
 * current options can be accepted; every follow-up carries the meeting's current
 * `sequence` (so of racing accepts exactly one wins); any attendee reschedules or
 * cancels; guests only view, join and add to their calendar; cancelled and declined
 * meetings are final.
 *
 * @example
 * ```ts
 * const r = applyMeetingEvent(meeting, { type: 'accepted', id: 'e2', meetingId: 'm1', by: 'bob',
 *   at: '2026-03-09T10:00:00Z', sequence: meeting.sequence, option: meeting.options[0] }, thread);
 * if (!r.ok && r.error.code === 'stale-sequence') showChanged();
 * ```
 */
export function applyMeetingEvent(meeting: Meeting | null, e: MeetingEvent, thread: ThreadInfo): ApplyResult {
  try {
    checkEventShape(e);
  } catch (error) {
    return { ok: false, error: error as SchedulerError };
  }
  if (meeting?.history.some((h) => h.id === e.id)) return { ok: true, meeting };

  const participants = new Set(thread.participants.map((p) => p.id));
  if (!participants.has(e.by)) {
    return meeting?.guestIds.includes(e.by)
      ? fail('permission-denied', 'Guests can view, join and add the meeting to a calendar, nothing more', { by: e.by })
      : fail('not-a-participant', `${e.by} is not a participant of this thread`, { by: e.by });
  }

  if (e.type === 'proposed') {
    if (meeting) return fail('invalid-transition', 'This meeting was already proposed', { meetingId: e.meetingId });
    if (e.threadId !== thread.id) return fail('invalid-input', 'The event belongs to another thread', { threadId: e.threadId });
    const outsiders = e.invitees.filter((id) => !participants.has(id));
    if (outsiders.length > 0) return fail('not-a-participant', 'Only thread participants can be invited', { invitees: outsiders });
    if (e.invitees.includes(e.by) || new Set(e.invitees).size !== e.invitees.length) {
      return fail('invalid-input', 'Invitees must be other participants, each once', { invitees: e.invitees });
    }
    let options: Interval[];
    try {
      options = checkOptions(e.options, e.durationMinutes);
    } catch (error) {
      return { ok: false, error: error as SchedulerError };
    }
    const created: Meeting = {
      id: e.meetingId,
      threadId: e.threadId,
      organizerId: e.by,
      attendeeIds: [...e.invitees],
      guestIds: [],
      status: 'proposed',
      sequence: 0,
      options,
      durationMinutes: e.durationMinutes,
      awaiting: [...e.invitees],
      responses: Object.fromEntries([[e.by, 'accepted'], ...e.invitees.map((id) => [id, 'needs-action'])]),
      history: [e],
    };
    if (e.title !== undefined) created.title = e.title;
    if (e.message !== undefined) created.message = e.message;
    if (e.joinUrl !== undefined) created.joinUrl = e.joinUrl;
    return { ok: true, meeting: created };
  }

  if (!meeting) return fail('not-found', 'There is no such meeting', { meetingId: e.meetingId });
  if (e.meetingId !== meeting.id) return fail('invalid-input', 'The event belongs to another meeting', { meetingId: e.meetingId });
  if (meeting.status === 'cancelled' || meeting.status === 'declined') {
    return fail('invalid-transition', `The meeting is ${meeting.status}`, { status: meeting.status });
  }
  const attending = attendingIds(meeting);
  if (!attending.includes(e.by)) return fail('permission-denied', `${e.by} is not attending this meeting`, { by: e.by });
  if (e.sequence !== meeting.sequence) {
    return fail('stale-sequence', 'This invite was updated. Review the latest version and try again.', {
      expected: meeting.sequence,
      got: e.sequence,
      meeting,
    });
  }

  const next: Meeting = {
    ...meeting,
    sequence: meeting.sequence + 1,
    history: [...meeting.history, e],
    responses: { ...meeting.responses },
  };
  const awaited = meeting.status === 'proposed' && meeting.awaiting.includes(e.by);
  const requireAwaited = (action: string) =>
    awaited ? null : fail(meeting.status === 'proposed' ? 'permission-denied' : 'invalid-transition', `Only someone the invite awaits can ${action} it`, { by: e.by });

  switch (e.type) {
    case 'accepted': {
      const refused = requireAwaited('accept');
      if (refused) return refused;
      if (!meeting.options.some((o) => sameInterval(o, e.option))) {
        return fail('slot-unavailable', 'That time is not one of the current options', { option: e.option });
      }
      next.status = 'confirmed';
      next.confirmed = { start: e.option.start, end: e.option.end };
      next.options = [next.confirmed];
      next.awaiting = [];
      next.responses[e.by] = 'accepted';
      if (e.joinUrl !== undefined) next.joinUrl = e.joinUrl;
      return { ok: true, meeting: next };
    }
    case 'countered': {
      const refused = requireAwaited('counter');
      if (refused) return refused;
      const error = putOnTable(next, e.options, attending, e.by);
      if (error) return { ok: false, error };
      if (e.message !== undefined) next.message = e.message;
      else delete next.message;
      return { ok: true, meeting: next };
    }
    case 'declined': {
      const refused = requireAwaited('decline');
      if (refused) return refused;
      next.responses[e.by] = 'declined';
      const others = without(meeting.awaiting, e.by);
      if (e.by === meeting.organizerId || others.length === 0) {
        next.status = 'declined';
        next.awaiting = [];
      } else {
        // In a group, one invitee declining leaves the others to answer.
        next.awaiting = others;
        next.attendeeIds = without(meeting.attendeeIds, e.by);
      }
      if (e.reason !== undefined) next.reason = e.reason;
      return { ok: true, meeting: next };
    }
    case 'rescheduled': {
      const error = putOnTable(next, e.options, attending, e.by);
      if (error) return { ok: false, error };
      if (meeting.confirmed) next.previous = meeting.confirmed;
      delete next.confirmed;
      next.status = 'proposed';
      if (e.reason !== undefined) next.reason = e.reason;
      else delete next.reason;
      return { ok: true, meeting: next };
    }
    case 'cancelled': {
      next.status = 'cancelled';
      next.awaiting = [];
      if (e.reason !== undefined) next.reason = e.reason;
      else delete next.reason;
      return { ok: true, meeting: next };
    }
    case 'link-shared': {
      if (meeting.status !== 'confirmed') return fail('invalid-transition', 'Only a confirmed meeting can be shared', { status: meeting.status });
      if (participants.has(e.guestId)) return fail('invalid-input', 'Thread participants need no guest link', { guestId: e.guestId });
      if (!next.guestIds.includes(e.guestId)) next.guestIds = [...next.guestIds, e.guestId];
      return { ok: true, meeting: next };
    }
  }
}
