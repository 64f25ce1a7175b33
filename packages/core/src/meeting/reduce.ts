import { SchedulerError } from '../errors.js';
import type { ThreadInfo } from '../time/types.js';
import { applyMeetingEvent } from './apply.js';
import type { Meeting, MeetingEvent } from './types.js';

/**
 * The meeting that a stream of its events describes. Duplicate deliveries of an
 * event are ignored; an event the rules refuse makes the stream invalid.
 *
 * @throws SchedulerError with the refused event's code, and `details.event`.
 * @example
 * ```ts
 * const meeting = reduceMeeting(await thread.listEvents(threadId).then(ofMeeting('m1')), threadInfo);
 * meeting.status // 'confirmed'
 * ```
 */
export function reduceMeeting(events: MeetingEvent[], thread: ThreadInfo): Meeting {
  let meeting: Meeting | null = null;
  for (const e of events) {
    const r = applyMeetingEvent(meeting, e, thread);
    if (!r.ok) throw new SchedulerError(r.error.code, r.error.message, { event: e, cause: r.error.details });
    meeting = r.meeting;
  }
  if (!meeting) throw new SchedulerError('invalid-input', 'A meeting needs at least its proposed event', { events: 0 });
  return meeting;
}

/**
 * Every meeting in a thread's event list, folded, in the order they were proposed.
 * Events refused by the rules are skipped (a host storing unchecked events must not
 * break every reader); use {@link reduceMeeting} to be strict.
 */
export function reduceThreadMeetings(events: MeetingEvent[], thread: ThreadInfo): Meeting[] {
  const meetings = new Map<string, Meeting>();
  for (const e of events) {
    const r = applyMeetingEvent(meetings.get(e?.meetingId) ?? null, e, thread);
    if (r.ok) meetings.set(r.meeting.id, r.meeting);
  }
  return [...meetings.values()];
}
