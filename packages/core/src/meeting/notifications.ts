import { fromEpochMs, MINUTE_MS, toEpochMs, toRange } from '../internal/instant.js';
import type { Instant } from '../time/types.js';
import type { Meeting, MeetingEventType } from './types.js';

/** How a person wants to hear about one kind of meeting event. */
export interface ChannelPreference {
  inApp: boolean;
  email: boolean;
}

/** A person's notification settings, the same in every thread. */
export interface NotificationPreferences {
  /** Per event kind; a kind not listed uses {@link DEFAULT_NOTIFICATION_PREFERENCES}. */
  channels: Partial<Record<MeetingEventType, ChannelPreference>>;
  /** Reminders before a confirmed meeting starts, in minutes (e.g. `[10, 60]`). */
  remindersMinutesBefore: number[];
  /** Threads the person muted: no notifications and no reminders from them. */
  mutedThreadIds: string[];
}

export const DEFAULT_NOTIFICATION_PREFERENCES: Readonly<NotificationPreferences> = Object.freeze({
  channels: Object.freeze({
    proposed: { inApp: true, email: true },
    accepted: { inApp: true, email: true },
    countered: { inApp: true, email: true },
    declined: { inApp: true, email: true },
    rescheduled: { inApp: true, email: true },
    cancelled: { inApp: true, email: true },
    'link-shared': { inApp: false, email: false },
  }),
  remindersMinutesBefore: [10],
  mutedThreadIds: [],
}) as NotificationPreferences;

/** Whether an event of `kind` in `threadId` should reach the person on `channel`. */
export function shouldNotify(
  prefs: NotificationPreferences,
  kind: MeetingEventType,
  channel: keyof ChannelPreference,
  threadId: string,
): boolean {
  if (prefs.mutedThreadIds.includes(threadId)) return false;
  const pref = prefs.channels[kind] ?? DEFAULT_NOTIFICATION_PREFERENCES.channels[kind];
  return pref?.[channel] ?? false;
}

/** A reminder that is due. `id` is stable, so a host can show each one once. */
export interface Reminder {
  id: string;
  meetingId: string;
  threadId: string;
  minutesBefore: number;
  /** When it became due. */
  dueAt: Instant;
  /** The meeting's start. */
  startsAt: Instant;
}

/**
 * The reminders due at `now`: for each confirmed meeting of an unmuted thread that
 * has not started, the most recent reminder whose time has come (only one per
 * meeting, so a client that was closed for a while does not fire a burst). A
 * rescheduled meeting gets fresh ids, since its start changed.
 *
 * @example
 * ```ts
 * dueReminders(meetings, { ...DEFAULT_NOTIFICATION_PREFERENCES, remindersMinutesBefore: [10, 60] }, now)
 *   .filter((r) => !shown.has(r.id))
 * ```
 */
export function dueReminders(meetings: Meeting[], prefs: NotificationPreferences, now: Instant): Reminder[] {
  const t = toEpochMs(now, 'now');
  const offsets = [...new Set(prefs.remindersMinutesBefore.filter((m) => Number.isInteger(m) && m >= 0))].sort((a, b) => a - b);
  const due: Array<{ reminder: Reminder; startMs: number }> = [];
  for (const m of meetings) {
    if (m.status !== 'confirmed' || !m.confirmed || prefs.mutedThreadIds.includes(m.threadId)) continue;
    const { start } = toRange(m.confirmed, 'confirmed');
    if (t >= start) continue;
    const minutesBefore = offsets.find((o) => start - o * MINUTE_MS <= t);
    if (minutesBefore === undefined) continue;
    due.push({
      startMs: start,
      reminder: {
        id: `${m.id}@${fromEpochMs(start)}-${minutesBefore}`,
        meetingId: m.id,
        threadId: m.threadId,
        minutesBefore,
        dueAt: fromEpochMs(start - minutesBefore * MINUTE_MS),
        startsAt: fromEpochMs(start),
      },
    });
  }
  return due.sort((a, b) => a.startMs - b.startMs).map((d) => d.reminder);
}
