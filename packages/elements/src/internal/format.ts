import { formatSlot, type Interval, type Participant } from '@meeting-scheduler/core';
import type { MeetingEnvironment } from '../context.js';

/** "Tue, Mar 10, 9:00 – 9:30 AM EDT": a slot as the viewer reads it (date, time and zone). */
export function slotLabel(slot: Interval, env: Pick<MeetingEnvironment, 'locale' | 'timeZone'>): string {
  const f = formatSlot(slot, { timeZone: env.timeZone, locale: env.locale });
  return `${f.date}, ${f.time} ${f.zone}`;
}

/** "6:30 – 7:00 PM IST" (with the date when it differs from the viewer's): the slot in someone else's zone. */
export function slotLabelFor(slot: Interval, person: Participant, env: Pick<MeetingEnvironment, 'locale' | 'timeZone'>): string {
  const f = formatSlot(slot, { timeZone: person.timeZone, locale: env.locale, referenceTimeZone: env.timeZone });
  return f.dayOffset === 0 ? `${f.time} ${f.zone}` : `${f.date}, ${f.time} ${f.zone}`;
}
