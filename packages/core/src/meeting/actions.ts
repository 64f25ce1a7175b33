import type { ThreadInfo } from '../time/types.js';
import { attendingIds } from './apply.js';
import type { Meeting, MeetingAction } from './types.js';

/**
 * What `actorId` may do with the meeting now; a view shows exactly these controls.
 * Guests (given a share link) get `join` and `add-to-calendar` of a confirmed
 * meeting; people outside the meeting get nothing.
 *
 * @example
 * ```ts
 * allowedActions(meeting, 'bob', thread) // → ['accept', 'counter', 'decline']
 * ```
 */
export function allowedActions(meeting: Meeting, actorId: string, thread: ThreadInfo): MeetingAction[] {
  const inThread = thread.participants.some((p) => p.id === actorId);
  if (!inThread) {
    return meeting.status === 'confirmed' && meeting.guestIds.includes(actorId) ? ['join', 'add-to-calendar'] : [];
  }
  if (!attendingIds(meeting).includes(actorId)) return [];
  switch (meeting.status) {
    case 'proposed':
      return meeting.awaiting.includes(actorId) ? ['accept', 'counter', 'decline'] : ['reschedule', 'cancel'];
    case 'confirmed':
      return ['join', 'add-to-calendar', 'reschedule', 'cancel', 'share'];
    default:
      return [];
  }
}
