/**
 * The events the elements dispatch. All bubble and cross shadow roots; those a host
 * may veto are cancelable (`preventDefault()` stops the action).
 */
import type { Instant, Interval, Meeting, MeetingAction, MeetingEvent, SchedulerError } from '@meeting-scheduler/core';
import type { UserSettings } from './context.js';

const init = (cancelable = false): EventInit => ({ bubbles: true, composed: true, cancelable });

/** Before a proposal (or counter) is stored. Cancelable: the host may veto or take over sending. */
export class MeetingSendRequestEvent extends Event {
  static readonly type = 'meeting-send-request';
  constructor(
    readonly event: MeetingEvent,
    readonly threadId: string,
  ) {
    super(MeetingSendRequestEvent.type, init(true));
  }
}

/** A proposal (or counter) was stored. */
export class MeetingSentEvent extends Event {
  static readonly type = 'meeting-sent';
  constructor(
    readonly event: MeetingEvent,
    readonly threadId: string,
  ) {
    super(MeetingSentEvent.type, init());
  }
}

/** Before Join opens the call. Cancelable: the host may open its own call view. */
export class MeetingJoinRequestEvent extends Event {
  static readonly type = 'meeting-join-request';
  constructor(
    readonly meeting: Meeting,
    readonly joinUrl: string,
  ) {
    super(MeetingJoinRequestEvent.type, init(true));
  }
}

/** Someone acted on a meeting from its card and the event was stored (accept, decline, cancel…). */
export class MeetingActionEvent extends Event {
  static readonly type = 'meeting-action';
  constructor(
    readonly action: MeetingAction,
    readonly meeting: Meeting,
    readonly event: MeetingEvent | undefined,
  ) {
    super(MeetingActionEvent.type, init());
  }
}

/** The card asks for the scheduler in counter or reschedule mode ("Suggest a different time"). */
export class MeetingCounterRequestEvent extends Event {
  static readonly type = 'meeting-counter-request';
  constructor(
    readonly meeting: Meeting,
    readonly mode: 'counter' | 'reschedule',
  ) {
    super(MeetingCounterRequestEvent.type, init(true));
  }
}

/** "Manage calendars" was chosen; the host may show `<meeting-settings>` its own way. Cancelable. */
export class MeetingManageCalendarsEvent extends Event {
  static readonly type = 'meeting-manage-calendars';
  constructor() {
    super(MeetingManageCalendarsEvent.type, init(true));
  }
}

/** Settings were saved (calendar choices, working hours, notifications). */
export class MeetingSettingsChangeEvent extends Event {
  static readonly type = 'meeting-settings-change';
  constructor(readonly settings: UserSettings) {
    super(MeetingSettingsChangeEvent.type, init());
  }
}

/** A calendar write for a confirmed meeting finished or failed (failed ones offer a retry in the card). */
export class MeetingCalendarSyncEvent extends Event {
  static readonly type = 'meeting-calendar-sync';
  constructor(
    readonly meetingId: string,
    readonly connectionId: string,
    readonly state: 'written' | 'failed',
    readonly error?: SchedulerError,
  ) {
    super(MeetingCalendarSyncEvent.type, init());
  }
}

/** Something went wrong that the element also shows; for the host's logging. */
export class MeetingErrorEvent extends Event {
  static readonly type = 'meeting-error';
  constructor(
    readonly error: SchedulerError,
    readonly context: string,
  ) {
    super(MeetingErrorEvent.type, init());
  }
}

/** A slot selection changed in the scheduler. */
export class MeetingSelectionChangeEvent extends Event {
  static readonly type = 'meeting-selection-change';
  constructor(
    readonly slots: Interval[],
    readonly at: Instant,
  ) {
    super(MeetingSelectionChangeEvent.type, init());
  }
}

declare global {
  interface HTMLElementEventMap {
    'meeting-send-request': MeetingSendRequestEvent;
    'meeting-sent': MeetingSentEvent;
    'meeting-join-request': MeetingJoinRequestEvent;
    'meeting-action': MeetingActionEvent;
    'meeting-counter-request': MeetingCounterRequestEvent;
    'meeting-manage-calendars': MeetingManageCalendarsEvent;
    'meeting-settings-change': MeetingSettingsChangeEvent;
    'meeting-calendar-sync': MeetingCalendarSyncEvent;
    'meeting-error': MeetingErrorEvent;
    'meeting-selection-change': MeetingSelectionChangeEvent;
  }
}
