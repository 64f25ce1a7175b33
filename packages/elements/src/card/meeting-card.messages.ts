import type { MessageTable } from '../i18n/translate.js';

/** Every string `<meeting-card>` shows or announces. `{name}` parameters are inserted as text. */
export type CardMessage =
  | 'loading'
  | 'loadFailed'
  | 'retry'
  | 'notFound'
  | 'meeting'
  | 'inviteFrom'
  | 'meetingWith'
  | 'invitedBy'
  | 'duration'
  | 'messageFrom'
  | 'counteredBy'
  | 'counteredByYou'
  | 'rescheduledBy'
  | 'rescheduledByYou'
  | 'reason'
  | 'previously'
  | 'pickTime'
  | 'timeFor'
  | 'conflictsWith'
  | 'conflictsWithCalendar'
  | 'checkingCalendar'
  | 'calendarCheckFailed'
  | 'accept'
  | 'accepting'
  | 'suggestTime'
  | 'decline'
  | 'declineQuestion'
  | 'declineConfirm'
  | 'reasonOptional'
  | 'back'
  | 'waitingFor'
  | 'proposedTimes'
  | 'reschedule'
  | 'cancelMeeting'
  | 'cancelQuestion'
  | 'cancelConfirm'
  | 'closeScheduler'
  | 'confirmed'
  | 'acceptedLine'
  | 'youAcceptedLine'
  | 'startsIn'
  | 'inProgress'
  | 'join'
  | 'joinOpensAt'
  | 'joinOpensOn'
  | 'meetingEnded'
  | 'noCallLink'
  | 'callLinkBlocked'
  | 'addToCalendar'
  | 'googleCalendar'
  | 'outlookCom'
  | 'office365'
  | 'icsDownload'
  | 'shareLink'
  | 'creatingLink'
  | 'guestLink'
  | 'copy'
  | 'copied'
  | 'copyFailed'
  | 'shareFailed'
  | 'shareCreated'
  | 'cancelledBy'
  | 'youCancelled'
  | 'declinedBy'
  | 'youDeclined'
  | 'guestCancelled'
  | 'guestNotScheduled'
  | 'inviteUpdated'
  | 'actionFailed'
  | 'actionFailedNetwork'
  | 'actionRefused'
  | 'actionSignedOut'
  | 'actionRateLimited'
  | 'calendarAddFailed'
  | 'calendarRemoveFailed'
  | 'calendarAdded'
  | 'calendarWriting'
  | 'announceAccepted'
  | 'announceDeclined'
  | 'announceCancelled'
  | 'providerGoogle'
  | 'providerMicrosoft';

/** English inline; German and Arabic are added from `../i18n/locales/*.ts` on first use (`../i18n/load.ts`). */
export const cardMessages: MessageTable<CardMessage> = {
  en: {
    loading: 'Loading meeting…',
    loadFailed: 'Couldn’t load this meeting.',
    retry: 'Retry',
    notFound: 'This meeting could not be found.',
    meeting: 'Meeting',
    inviteFrom: 'Meeting invite from {name}',
    meetingWith: 'Meeting with {names}',
    invitedBy: 'Invite from {name}',
    duration: '{count, plural, one {# minute} other {# minutes}}',
    messageFrom: 'Message from {name}',
    counteredBy: '{name} suggested different times',
    counteredByYou: 'You suggested different times',
    rescheduledBy: '{name} asked to reschedule',
    rescheduledByYou: 'You asked to reschedule',
    reason: 'Reason: {reason}',
    previously: 'Previously {time}',
    pickTime: 'Pick a time that works for you',
    timeFor: '{time} for {name}',
    conflictsWith: 'Conflicts with {label}',
    conflictsWithCalendar: 'Conflicts with an event in {account}',
    checkingCalendar: 'Checking your calendar…',
    calendarCheckFailed: 'Couldn’t check your calendar for conflicts.',
    accept: 'Accept',
    accepting: 'Accepting…',
    suggestTime: 'Suggest a different time',
    decline: 'Decline',
    declineQuestion: 'Decline this invite?',
    declineConfirm: 'Decline invite',
    reasonOptional: 'Reason (optional)',
    back: 'Back',
    waitingFor: 'Waiting for {names}',
    proposedTimes: 'Proposed times',
    reschedule: 'Reschedule',
    cancelMeeting: 'Cancel meeting',
    cancelQuestion: 'Cancel this meeting for everyone?',
    cancelConfirm: 'Yes, cancel meeting',
    closeScheduler: 'Close',
    confirmed: 'Confirmed',
    acceptedLine: '{name} accepted — {when}',
    youAcceptedLine: 'You accepted — {when}',
    startsIn: 'Starts {relative}',
    inProgress: 'Happening now',
    join: 'Join',
    joinOpensAt: 'Join opens at {time}',
    joinOpensOn: 'Join opens {when}',
    meetingEnded: 'Meeting ended',
    noCallLink: 'No call link yet',
    callLinkBlocked: 'This call link can’t be opened here',
    addToCalendar: 'Add to calendar',
    googleCalendar: 'Google Calendar',
    outlookCom: 'Outlook.com',
    office365: 'Microsoft 365',
    icsDownload: 'Download .ics (Apple Calendar and others)',
    shareLink: 'Share link',
    creatingLink: 'Creating link…',
    guestLink: 'Guest link',
    copy: 'Copy',
    copied: 'Link copied',
    copyFailed: 'Select the link and copy it',
    shareFailed: 'Couldn’t create the guest link.',
    shareCreated: 'Guest link created',
    cancelledBy: 'Cancelled by {name}',
    youCancelled: 'You cancelled this meeting',
    declinedBy: '{name} declined',
    youDeclined: 'You declined',
    guestCancelled: 'This meeting was cancelled',
    guestNotScheduled: 'This meeting isn’t scheduled yet',
    inviteUpdated: 'This invite was updated. Here is the latest version.',
    actionFailed: 'Couldn’t save that. Try again.',
    actionFailedNetwork: 'Couldn’t reach the server. Try again.',
    actionRefused: 'That isn’t possible for this meeting any more.',
    actionSignedOut: 'You are signed out. Sign in and try again.',
    actionRateLimited: 'Too many changes at once. Try again in a moment.',
    calendarAddFailed: 'Couldn’t add to your {provider} calendar',
    calendarRemoveFailed: 'Couldn’t remove it from your {provider} calendar',
    calendarAdded: 'Added to your {provider} calendar',
    calendarWriting: 'Adding to your calendar…',
    announceAccepted: 'You accepted {time}',
    announceDeclined: 'You declined the invite',
    announceCancelled: 'Meeting cancelled',
    providerGoogle: 'Google',
    providerMicrosoft: 'Outlook',
  },
};
