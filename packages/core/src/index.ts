/**
 * @meeting-scheduler/core — framework-free meeting scheduling over plain JSON:
 * time-zone display, slot search, the meeting lifecycle, reminders and ICS.
 * @packageDocumentation
 */
export { SchedulerError, ERROR_MESSAGES, isSchedulerError } from './errors.js';
export type { SchedulerErrorCode } from './errors.js';

// time
export type { Instant, Interval, Participant, ThreadInfo, TimeZoneId } from './time/types.js';
export { formatSlot } from './time/format-slot.js';
export type { FormatSlotOptions, FormattedSlot } from './time/format-slot.js';
export { describeForParticipants } from './time/describe.js';
export type { ParticipantTimeLabel } from './time/describe.js';
export { groupSlotsByDay } from './time/group-by-day.js';
export { windowsZoneToIana } from './time/windows-zones.js';
export { DURATION_PRESETS } from './time/durations.js';

// availability
export type {
  AvailabilityParticipant,
  AvailabilityQuery,
  BusyInterval,
  BusyPolicy,
  SlotExplanation,
  SlotUnavailableReason,
  WallTime,
  WorkingHours,
} from './availability/types.js';
export { findSlots } from './availability/find-slots.js';
export { findConflicts } from './availability/find-conflicts.js';
export { explainSlot } from './availability/explain-slot.js';
export { mergeBusy } from './availability/merge-busy.js';
export { expandRecurrence } from './availability/expand-recurrence.js';

// meeting lifecycle
export type {
  AcceptedEvent,
  CancelledEvent,
  CounteredEvent,
  DeclinedEvent,
  LinkSharedEvent,
  Meeting,
  MeetingAction,
  MeetingEvent,
  MeetingEventType,
  MeetingStatus,
  ParticipationStatus,
  ProposedEvent,
  RescheduledEvent,
} from './meeting/types.js';
export { applyMeetingEvent } from './meeting/apply.js';
export type { ApplyResult } from './meeting/apply.js';
export { reduceMeeting, reduceThreadMeetings } from './meeting/reduce.js';
export { allowedActions } from './meeting/actions.js';
export { joinWindow, DEFAULT_JOIN_EARLY_MINUTES } from './meeting/join-window.js';
export type { JoinWindow } from './meeting/join-window.js';
export { safeJoinUrl } from './internal/text.js';
export { dueReminders, shouldNotify, DEFAULT_NOTIFICATION_PREFERENCES } from './meeting/notifications.js';
export type { ChannelPreference, NotificationPreferences, Reminder } from './meeting/notifications.js';

// adapter interfaces
export type {
  AbortSignalLike,
  CalendarAdapter,
  CalendarConnection,
  CalendarInfo,
  ConferencingAdapter,
  ConnectionStore,
  NotificationAdapter,
  RequestOptions,
  ThreadAdapter,
} from './adapters.js';

// interchange
export { toICS } from './interchange/ics.js';
export type { ICSMethod, ICSOptions } from './interchange/ics.js';
export { addToCalendarLinks } from './interchange/calendar-links.js';
