import type { MessageTable } from '../i18n/translate.js';

/** Every string `<meeting-scheduler>` shows or announces. Parameters are inserted as text. */
export type SchedulerMessage =
  | 'trigger'
  | 'titlePropose'
  | 'titleCounter'
  | 'titleReschedule'
  | 'close'
  | 'manageCalendars'
  | 'back'
  | 'length'
  | 'lengthOption'
  | 'customLength'
  | 'customLengthHint'
  | 'fixedLength'
  | 'previousWeek'
  | 'nextWeek'
  | 'today'
  | 'previousDay'
  | 'nextDay'
  | 'timesIn'
  | 'timeColumn'
  | 'loading'
  | 'loadError'
  | 'retry'
  | 'noCalendars'
  | 'cellName'
  | 'cellSkipped'
  | 'stateFree'
  | 'stateSelected'
  | 'stateBusy'
  | 'stateBusyLabel'
  | 'stateBusyFor'
  | 'stateOutside'
  | 'statePast'
  | 'stateOverlap'
  | 'hint'
  | 'selectedHeading'
  | 'selectedCount'
  | 'noneSelected'
  | 'forPerson'
  | 'remove'
  | 'invite'
  | 'inviting'
  | 'suggestingTo'
  | 'reschedulingWith'
  | 'noInvitees'
  | 'titleField'
  | 'messageField'
  | 'reasonField'
  | 'send'
  | 'sendCounter'
  | 'sendReschedule'
  | 'sending'
  | 'sent'
  | 'sentCounter'
  | 'sentReschedule'
  | 'errorStale'
  | 'errorNetwork'
  | 'errorPermission'
  | 'errorSend'
  | 'errorSignedOut'
  | 'errorRateLimited'
  | 'threadLoading'
  | 'threadError'
  | 'meetingMissing'
  | 'notAllowed';

/** English inline; German and Arabic are added from `../i18n/locales/*.ts` on first use (`../i18n/load.ts`). */
export const schedulerMessages: MessageTable<SchedulerMessage> = {
  en: {
    trigger: 'Schedule a meeting',
    titlePropose: 'Schedule a meeting',
    titleCounter: 'Suggest a different time',
    titleReschedule: 'Reschedule the meeting',
    close: 'Close',
    manageCalendars: 'Manage calendars',
    back: 'Back to scheduling',
    length: 'Length',
    lengthOption: '{count} min',
    customLength: 'Custom length (minutes)',
    customLengthHint: 'From 5 to 480 minutes.',
    fixedLength: 'Length: {count} min',
    previousWeek: 'Previous week',
    nextWeek: 'Next week',
    today: 'Today',
    previousDay: 'Previous day',
    nextDay: 'Next day',
    timesIn: 'Times in {zone}',
    timeColumn: 'Time',
    loading: 'Loading availability…',
    loadError: 'Your availability could not be loaded. Busy times may be missing.',
    retry: 'Retry',
    noCalendars: 'No calendar is connected, so busy times are not shown.',
    cellName: '{date}, {time} {zone}, {state}',
    cellSkipped: '{date}, {time}: skipped by the clock change',
    stateFree: 'available',
    stateSelected: 'selected',
    stateBusy: 'Busy',
    stateBusyLabel: 'Busy: {label}',
    stateBusyFor: 'Busy for {name}',
    stateOutside: 'Outside your working hours',
    statePast: 'In the past',
    stateOverlap: 'Overlaps a selected time',
    hint: 'Choose one or more times. Hover or focus a time to see whether it is free.',
    selectedHeading: 'Selected times',
    selectedCount: '{count, plural, one {# time selected} other {# times selected}}',
    noneSelected: 'No time selected yet.',
    forPerson: '{time} for {name}',
    remove: 'Remove {label}',
    invite: 'Invite',
    inviting: 'Inviting {names}',
    suggestingTo: 'Suggesting to {names}',
    reschedulingWith: 'Rescheduling with {names}',
    noInvitees: 'There is nobody else in this conversation to invite.',
    titleField: 'Title (optional)',
    messageField: 'Message (optional)',
    reasonField: 'Reason (optional)',
    send: 'Send invite',
    sendCounter: 'Suggest these times',
    sendReschedule: 'Send new times',
    sending: 'Sending…',
    sent: 'Invite sent',
    sentCounter: 'Suggestion sent',
    sentReschedule: 'New times sent',
    errorStale: 'This invite was updated by someone else. Review the latest version and try again.',
    errorNetwork: 'The invite could not be sent: the network is unreachable. Your draft is kept; try again.',
    errorPermission: 'You are not allowed to send this invite.',
    errorSend: 'The invite could not be sent. Your draft is kept; try again.',
    errorSignedOut: 'The invite could not be sent: you are signed out. Your draft is kept; sign in and try again.',
    errorRateLimited: 'Too many changes at once. Your draft is kept; try again in a moment.',
    threadLoading: 'Loading the conversation…',
    threadError: 'The conversation could not be loaded.',
    meetingMissing: 'This meeting could not be found.',
    notAllowed: 'This meeting cannot be changed from here any more.',
  },
};
