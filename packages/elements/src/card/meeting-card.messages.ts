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
  | 'calendarAddFailed'
  | 'calendarRemoveFailed'
  | 'calendarAdded'
  | 'calendarWriting'
  | 'announceAccepted'
  | 'announceDeclined'
  | 'announceCancelled'
  | 'providerGoogle'
  | 'providerMicrosoft';

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
  de: {
    loading: 'Termin wird geladen …',
    loadFailed: 'Dieser Termin konnte nicht geladen werden.',
    retry: 'Erneut versuchen',
    notFound: 'Dieser Termin wurde nicht gefunden.',
    meeting: 'Termin',
    inviteFrom: 'Termineinladung von {name}',
    meetingWith: 'Termin mit {names}',
    invitedBy: 'Einladung von {name}',
    duration: '{count, plural, one {# Minute} other {# Minuten}}',
    messageFrom: 'Nachricht von {name}',
    counteredBy: '{name} hat andere Zeiten vorgeschlagen',
    counteredByYou: 'Du hast andere Zeiten vorgeschlagen',
    rescheduledBy: '{name} möchte den Termin verschieben',
    rescheduledByYou: 'Du möchtest den Termin verschieben',
    reason: 'Grund: {reason}',
    previously: 'Bisher {time}',
    pickTime: 'Wähle eine Zeit, die dir passt',
    timeFor: '{time} für {name}',
    conflictsWith: 'Überschneidung mit {label}',
    conflictsWithCalendar: 'Überschneidung mit einem Termin in {account}',
    checkingCalendar: 'Dein Kalender wird geprüft …',
    calendarCheckFailed: 'Dein Kalender konnte nicht auf Überschneidungen geprüft werden.',
    accept: 'Annehmen',
    accepting: 'Wird angenommen …',
    suggestTime: 'Andere Zeit vorschlagen',
    decline: 'Ablehnen',
    declineQuestion: 'Diese Einladung ablehnen?',
    declineConfirm: 'Einladung ablehnen',
    reasonOptional: 'Grund (optional)',
    back: 'Zurück',
    waitingFor: 'Warten auf {names}',
    proposedTimes: 'Vorgeschlagene Zeiten',
    reschedule: 'Verschieben',
    cancelMeeting: 'Termin absagen',
    cancelQuestion: 'Diesen Termin für alle absagen?',
    cancelConfirm: 'Ja, Termin absagen',
    closeScheduler: 'Schließen',
    confirmed: 'Bestätigt',
    acceptedLine: '{name} hat angenommen – {when}',
    youAcceptedLine: 'Du hast angenommen – {when}',
    startsIn: 'Beginnt {relative}',
    inProgress: 'Läuft gerade',
    join: 'Teilnehmen',
    joinOpensAt: 'Teilnahme ab {time}',
    joinOpensOn: 'Teilnahme ab {when}',
    meetingEnded: 'Termin beendet',
    noCallLink: 'Noch kein Anruf-Link',
    callLinkBlocked: 'Dieser Anruf-Link kann hier nicht geöffnet werden',
    addToCalendar: 'Zum Kalender hinzufügen',
    googleCalendar: 'Google Kalender',
    outlookCom: 'Outlook.com',
    office365: 'Microsoft 365',
    icsDownload: '.ics herunterladen (Apple Kalender und andere)',
    shareLink: 'Link teilen',
    creatingLink: 'Link wird erstellt …',
    guestLink: 'Gast-Link',
    copy: 'Kopieren',
    copied: 'Link kopiert',
    copyFailed: 'Markiere den Link und kopiere ihn',
    shareFailed: 'Der Gast-Link konnte nicht erstellt werden.',
    shareCreated: 'Gast-Link erstellt',
    cancelledBy: 'Abgesagt von {name}',
    youCancelled: 'Du hast diesen Termin abgesagt',
    declinedBy: '{name} hat abgelehnt',
    youDeclined: 'Du hast abgelehnt',
    guestCancelled: 'Dieser Termin wurde abgesagt',
    guestNotScheduled: 'Dieser Termin steht noch nicht fest',
    inviteUpdated: 'Diese Einladung wurde geändert. Hier ist der aktuelle Stand.',
    actionFailed: 'Das konnte nicht gespeichert werden. Bitte erneut versuchen.',
    actionFailedNetwork: 'Der Server ist nicht erreichbar. Bitte erneut versuchen.',
    actionRefused: 'Das ist bei diesem Termin nicht mehr möglich.',
    calendarAddFailed: 'Konnte nicht zu deinem {provider}-Kalender hinzugefügt werden',
    calendarRemoveFailed: 'Konnte nicht aus deinem {provider}-Kalender entfernt werden',
    calendarAdded: 'Zu deinem {provider}-Kalender hinzugefügt',
    calendarWriting: 'Wird zu deinem Kalender hinzugefügt …',
    announceAccepted: 'Du hast {time} angenommen',
    announceDeclined: 'Du hast die Einladung abgelehnt',
    announceCancelled: 'Termin abgesagt',
    providerGoogle: 'Google',
    providerMicrosoft: 'Outlook',
  },
  ar: {
    loading: 'جارٍ تحميل الاجتماع…',
    loadFailed: 'تعذّر تحميل هذا الاجتماع.',
    retry: 'إعادة المحاولة',
    notFound: 'تعذّر العثور على هذا الاجتماع.',
    meeting: 'اجتماع',
    inviteFrom: 'دعوة إلى اجتماع من {name}',
    meetingWith: 'اجتماع مع {names}',
    invitedBy: 'دعوة من {name}',
    duration: '{count, plural, zero {# دقيقة} one {دقيقة واحدة} two {دقيقتان} few {# دقائق} many {# دقيقة} other {# دقيقة}}',
    messageFrom: 'رسالة من {name}',
    counteredBy: 'اقترح {name} أوقاتًا أخرى',
    counteredByYou: 'اقترحتَ أوقاتًا أخرى',
    rescheduledBy: 'طلب {name} تغيير الموعد',
    rescheduledByYou: 'طلبتَ تغيير الموعد',
    reason: 'السبب: {reason}',
    previously: 'سابقًا {time}',
    pickTime: 'اختر وقتًا يناسبك',
    timeFor: '{time} لدى {name}',
    conflictsWith: 'يتعارض مع {label}',
    conflictsWithCalendar: 'يتعارض مع حدث في {account}',
    checkingCalendar: 'جارٍ التحقق من تقويمك…',
    calendarCheckFailed: 'تعذّر التحقق من التعارضات في تقويمك.',
    accept: 'قبول',
    accepting: 'جارٍ القبول…',
    suggestTime: 'اقتراح وقت آخر',
    decline: 'رفض',
    declineQuestion: 'هل تريد رفض هذه الدعوة؟',
    declineConfirm: 'رفض الدعوة',
    reasonOptional: 'السبب (اختياري)',
    back: 'رجوع',
    waitingFor: 'في انتظار {names}',
    proposedTimes: 'الأوقات المقترحة',
    reschedule: 'تغيير الموعد',
    cancelMeeting: 'إلغاء الاجتماع',
    cancelQuestion: 'هل تريد إلغاء هذا الاجتماع للجميع؟',
    cancelConfirm: 'نعم، ألغِ الاجتماع',
    closeScheduler: 'إغلاق',
    confirmed: 'مؤكَّد',
    acceptedLine: 'قبل {name} — {when}',
    youAcceptedLine: 'قبلتَ — {when}',
    startsIn: 'يبدأ {relative}',
    inProgress: 'جارٍ الآن',
    join: 'انضمام',
    joinOpensAt: 'يُتاح الانضمام في {time}',
    joinOpensOn: 'يُتاح الانضمام {when}',
    meetingEnded: 'انتهى الاجتماع',
    noCallLink: 'لا يوجد رابط مكالمة بعد',
    callLinkBlocked: 'لا يمكن فتح رابط المكالمة هذا هنا',
    addToCalendar: 'إضافة إلى التقويم',
    googleCalendar: 'تقويم Google',
    outlookCom: 'Outlook.com',
    office365: 'Microsoft 365',
    icsDownload: 'تنزيل ملف ‎.ics (تقويم Apple وغيره)',
    shareLink: 'مشاركة الرابط',
    creatingLink: 'جارٍ إنشاء الرابط…',
    guestLink: 'رابط الضيف',
    copy: 'نسخ',
    copied: 'تم نسخ الرابط',
    copyFailed: 'حدّد الرابط وانسخه',
    shareFailed: 'تعذّر إنشاء رابط الضيف.',
    shareCreated: 'تم إنشاء رابط الضيف',
    cancelledBy: 'ألغاه {name}',
    youCancelled: 'ألغيتَ هذا الاجتماع',
    declinedBy: 'رفض {name}',
    youDeclined: 'رفضتَ',
    guestCancelled: 'أُلغي هذا الاجتماع',
    guestNotScheduled: 'لم يُحدَّد موعد هذا الاجتماع بعد',
    inviteUpdated: 'تم تحديث هذه الدعوة. إليك أحدث نسخة.',
    actionFailed: 'تعذّر الحفظ. حاول مرة أخرى.',
    actionFailedNetwork: 'تعذّر الوصول إلى الخادم. حاول مرة أخرى.',
    actionRefused: 'لم يعد ذلك ممكنًا لهذا الاجتماع.',
    calendarAddFailed: 'تعذّرت الإضافة إلى تقويم {provider}',
    calendarRemoveFailed: 'تعذّرت الإزالة من تقويم {provider}',
    calendarAdded: 'أُضيف إلى تقويم {provider}',
    calendarWriting: 'جارٍ الإضافة إلى تقويمك…',
    announceAccepted: 'قبلتَ {time}',
    announceDeclined: 'رفضتَ الدعوة',
    announceCancelled: 'أُلغي الاجتماع',
    providerGoogle: 'Google',
    providerMicrosoft: 'Outlook',
  },
};
