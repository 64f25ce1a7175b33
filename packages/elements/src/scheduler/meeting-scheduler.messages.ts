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
  | 'threadLoading'
  | 'threadError'
  | 'meetingMissing'
  | 'notAllowed';

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
    threadLoading: 'Loading the conversation…',
    threadError: 'The conversation could not be loaded.',
    meetingMissing: 'This meeting could not be found.',
    notAllowed: 'This meeting cannot be changed from here any more.',
  },
  de: {
    trigger: 'Besprechung planen',
    titlePropose: 'Besprechung planen',
    titleCounter: 'Andere Zeit vorschlagen',
    titleReschedule: 'Besprechung verschieben',
    close: 'Schließen',
    manageCalendars: 'Kalender verwalten',
    back: 'Zurück zur Planung',
    length: 'Dauer',
    lengthOption: '{count} Min.',
    customLength: 'Eigene Dauer (Minuten)',
    customLengthHint: 'Von 5 bis 480 Minuten.',
    fixedLength: 'Dauer: {count} Min.',
    previousWeek: 'Vorherige Woche',
    nextWeek: 'Nächste Woche',
    today: 'Heute',
    previousDay: 'Vorheriger Tag',
    nextDay: 'Nächster Tag',
    timesIn: 'Zeitzone: {zone}',
    timeColumn: 'Uhrzeit',
    loading: 'Verfügbarkeit wird geladen…',
    loadError: 'Deine Verfügbarkeit konnte nicht geladen werden. Belegte Zeiten fehlen eventuell.',
    retry: 'Erneut versuchen',
    noCalendars: 'Kein Kalender verbunden, daher werden keine belegten Zeiten angezeigt.',
    cellName: '{date}, {time} {zone}, {state}',
    cellSkipped: '{date}, {time}: entfällt durch die Zeitumstellung',
    stateFree: 'frei',
    stateSelected: 'ausgewählt',
    stateBusy: 'Belegt',
    stateBusyLabel: 'Belegt: {label}',
    stateBusyFor: 'Belegt für {name}',
    stateOutside: 'Außerhalb deiner Arbeitszeit',
    statePast: 'In der Vergangenheit',
    stateOverlap: 'Überschneidet sich mit einer ausgewählten Zeit',
    hint: 'Wähle eine oder mehrere Zeiten. Zeige auf eine Zeit oder fokussiere sie, um zu sehen, ob sie frei ist.',
    selectedHeading: 'Ausgewählte Zeiten',
    selectedCount: '{count, plural, one {# Zeit ausgewählt} other {# Zeiten ausgewählt}}',
    noneSelected: 'Noch keine Zeit ausgewählt.',
    forPerson: '{time} für {name}',
    remove: '{label} entfernen',
    invite: 'Einladen',
    inviting: 'Einladung an {names}',
    suggestingTo: 'Vorschlag an {names}',
    reschedulingWith: 'Verschieben mit {names}',
    noInvitees: 'In dieser Unterhaltung gibt es niemanden sonst zum Einladen.',
    titleField: 'Titel (optional)',
    messageField: 'Nachricht (optional)',
    reasonField: 'Grund (optional)',
    send: 'Einladung senden',
    sendCounter: 'Diese Zeiten vorschlagen',
    sendReschedule: 'Neue Zeiten senden',
    sending: 'Wird gesendet…',
    sent: 'Einladung gesendet',
    sentCounter: 'Vorschlag gesendet',
    sentReschedule: 'Neue Zeiten gesendet',
    errorStale:
      'Diese Einladung wurde inzwischen von jemand anderem geändert. Sieh dir die neue Fassung an und versuche es erneut.',
    errorNetwork: 'Die Einladung konnte nicht gesendet werden: keine Netzverbindung. Dein Entwurf bleibt erhalten.',
    errorPermission: 'Du darfst diese Einladung nicht senden.',
    errorSend: 'Die Einladung konnte nicht gesendet werden. Dein Entwurf bleibt erhalten.',
    threadLoading: 'Unterhaltung wird geladen…',
    threadError: 'Die Unterhaltung konnte nicht geladen werden.',
    meetingMissing: 'Diese Besprechung wurde nicht gefunden.',
    notAllowed: 'Diese Besprechung kann hier nicht mehr geändert werden.',
  },
  ar: {
    trigger: 'جدولة اجتماع',
    titlePropose: 'جدولة اجتماع',
    titleCounter: 'اقتراح وقت آخر',
    titleReschedule: 'إعادة جدولة الاجتماع',
    close: 'إغلاق',
    manageCalendars: 'إدارة التقويمات',
    back: 'العودة إلى الجدولة',
    length: 'المدة',
    lengthOption: '{count} دقيقة',
    customLength: 'مدة مخصّصة (بالدقائق)',
    customLengthHint: 'من 5 إلى 480 دقيقة.',
    fixedLength: 'المدة: {count} دقيقة',
    previousWeek: 'الأسبوع السابق',
    nextWeek: 'الأسبوع التالي',
    today: 'اليوم',
    previousDay: 'اليوم السابق',
    nextDay: 'اليوم التالي',
    timesIn: 'الأوقات بتوقيت {zone}',
    timeColumn: 'الوقت',
    loading: 'جارٍ تحميل أوقات التوفّر…',
    loadError: 'تعذّر تحميل أوقات توفّرك. قد تكون بعض الأوقات المشغولة غير ظاهرة.',
    retry: 'إعادة المحاولة',
    noCalendars: 'لا يوجد تقويم متصل، لذلك لا تظهر الأوقات المشغولة.',
    cellName: '{date}، {time} {zone}، {state}',
    cellSkipped: '{date}، {time}: غير موجود بسبب تغيير الساعة',
    stateFree: 'متاح',
    stateSelected: 'محدَّد',
    stateBusy: 'مشغول',
    stateBusyLabel: 'مشغول: {label}',
    stateBusyFor: 'مشغول لدى {name}',
    stateOutside: 'خارج ساعات عملك',
    statePast: 'في الماضي',
    stateOverlap: 'يتداخل مع وقت محدَّد',
    hint: 'اختر وقتًا أو أكثر. مرّر المؤشر فوق وقت أو انتقل إليه لمعرفة ما إذا كان متاحًا.',
    selectedHeading: 'الأوقات المحدَّدة',
    selectedCount: '{count, plural, zero {لم يُحدَّد أي وقت} one {وقت واحد محدَّد} two {وقتان محدَّدان} few {# أوقات محدَّدة} many {# وقتًا محدَّدًا} other {# وقت محدَّد}}',
    noneSelected: 'لم يُحدَّد أي وقت بعد.',
    forPerson: '{time} لدى {name}',
    remove: 'إزالة {label}',
    invite: 'دعوة',
    inviting: 'دعوة {names}',
    suggestingTo: 'اقتراح على {names}',
    reschedulingWith: 'إعادة الجدولة مع {names}',
    noInvitees: 'لا يوجد أحد آخر في هذه المحادثة لدعوته.',
    titleField: 'العنوان (اختياري)',
    messageField: 'رسالة (اختيارية)',
    reasonField: 'السبب (اختياري)',
    send: 'إرسال الدعوة',
    sendCounter: 'اقتراح هذه الأوقات',
    sendReschedule: 'إرسال الأوقات الجديدة',
    sending: 'جارٍ الإرسال…',
    sent: 'أُرسلت الدعوة',
    sentCounter: 'أُرسل الاقتراح',
    sentReschedule: 'أُرسلت الأوقات الجديدة',
    errorStale: 'حدّث شخص آخر هذه الدعوة. راجع أحدث نسخة ثم حاول مجددًا.',
    errorNetwork: 'تعذّر إرسال الدعوة: الشبكة غير متاحة. تم الاحتفاظ بمسودتك.',
    errorPermission: 'لا يُسمح لك بإرسال هذه الدعوة.',
    errorSend: 'تعذّر إرسال الدعوة. تم الاحتفاظ بمسودتك.',
    threadLoading: 'جارٍ تحميل المحادثة…',
    threadError: 'تعذّر تحميل المحادثة.',
    meetingMissing: 'تعذّر العثور على هذا الاجتماع.',
    notAllowed: 'لم يعد من الممكن تغيير هذا الاجتماع من هنا.',
  },
};
