/**
 * The people, times and meetings the stories share. The clock stands at Monday
 * 9 March 2026, 10:00 in New York (the day after the US clocks sprang forward; Europe
 * and India have not moved). Alice (New York) asks Bob (Kolkata) to meet about the
 * logo project.
 */
import type { Instant, Interval, MeetingEvent, Participant } from '@meeting-scheduler/core';
import { Temporal } from 'temporal-polyfill';
import type { CalendarSeed } from './world.ts';

export const THREAD_ID = 't1';
export const MEETING_ID = 'm1';

export const ALICE: Participant = { id: 'alice', name: 'Alice', timeZone: 'America/New_York', email: 'alice@acme.example' };
export const BOB: Participant = { id: 'bob', name: 'Bob', timeZone: 'Asia/Kolkata', email: 'bob@studio.example' };
export const CAROL: Participant = { id: 'carol', name: 'Carol', timeZone: 'Europe/Berlin', email: 'carol@berlin.example' };

/** Monday 9 March 2026, 10:00 AM in New York. */
export const NOW: Instant = '2026-03-09T14:00:00Z';

/** Tuesday 9:00 AM New York = 6:30 PM Kolkata. */
export const O1: Interval = { start: '2026-03-10T13:00:00Z', end: '2026-03-10T13:30:00Z' };
/** Tuesday 11:00 AM New York = 8:30 PM Kolkata. */
const O2: Interval = { start: '2026-03-10T15:00:00Z', end: '2026-03-10T15:30:00Z' };
/** Wednesday 9:00 AM New York = 6:30 PM Kolkata. */
export const O3: Interval = { start: '2026-03-11T13:00:00Z', end: '2026-03-11T13:30:00Z' };
/** Thursday 8:30 AM New York = 6:00 PM Kolkata. */
const O4: Interval = { start: '2026-03-12T12:30:00Z', end: '2026-03-12T13:00:00Z' };

const JOIN_URL = 'https://meet.example.com/abc-defg-hij';

/** Alice's proposal of three times (with a Meet link from her conferencing). */
export function proposed(extra: Partial<Extract<MeetingEvent, { type: 'proposed' }>> = {}): MeetingEvent {
  return {
    type: 'proposed',
    id: 'e1',
    meetingId: MEETING_ID,
    by: 'alice',
    at: '2026-03-09T13:00:00Z',
    threadId: THREAD_ID,
    invitees: ['bob'],
    options: [O1, O2, O3],
    durationMinutes: 30,
    title: 'Logo drafts review',
    message: 'Let’s go through the three logo drafts before Friday.',
    joinUrl: JOIN_URL,
    ...extra,
  };
}

export const accepted = (option: Interval = O1, sequence = 0, by = 'bob'): MeetingEvent => ({
  type: 'accepted',
  id: `e-accept-${sequence}`,
  meetingId: MEETING_ID,
  by,
  at: '2026-03-09T13:30:00Z',
  sequence,
  option,
});

export const countered = (): MeetingEvent => ({
  type: 'countered',
  id: 'e-counter',
  meetingId: MEETING_ID,
  by: 'bob',
  at: '2026-03-09T13:20:00Z',
  sequence: 0,
  options: [O4],
  message: 'Evenings are easier for me — does Thursday morning work for you?',
});

export const declined = (): MeetingEvent => ({
  type: 'declined',
  id: 'e-decline',
  meetingId: MEETING_ID,
  by: 'bob',
  at: '2026-03-09T13:25:00Z',
  sequence: 0,
  reason: 'I’m travelling all week; let’s pick this up next week.',
});

export const rescheduled = (sequence = 1): MeetingEvent => ({
  type: 'rescheduled',
  id: `e-reschedule-${sequence}`,
  meetingId: MEETING_ID,
  by: 'alice',
  at: '2026-03-09T13:40:00Z',
  sequence,
  options: [O3],
  reason: 'The client moved our Tuesday review.',
});

export const cancelled = (sequence = 1): MeetingEvent => ({
  type: 'cancelled',
  id: `e-cancel-${sequence}`,
  meetingId: MEETING_ID,
  by: 'alice',
  at: '2026-03-09T13:45:00Z',
  sequence,
  reason: 'The drafts are not ready; I’ll send new times.',
});

/** A calendar entry on day `day` of the story week (0 = Monday 9 March), at wall-clock times in `zone`. */
function entry(summary: string, day: number, from: string, to: string, zone: string, extra: Partial<CalendarSeed[number]> = {}): CalendarSeed[number] {
  const date = Temporal.PlainDate.from('2026-03-09').add({ days: day });
  const at = (time: string, plusDays = 0) =>
    date.add({ days: plusDays }).toPlainDateTime(Temporal.PlainTime.from(time)).toZonedDateTime(zone).toInstant().toString();
  return { summary, start: at(from), end: to === '24:00' ? at('00:00', 1) : at(to), ...extra };
}

/** A realistic week for Alice in New York. */
export const ALICE_BUSY_WEEK: CalendarSeed = [
  entry('Team stand-up', 0, '09:30', '10:00', ALICE.timeZone, { recurrence: 'FREQ=DAILY;COUNT=4', recurrenceTimeZone: ALICE.timeZone }),
  entry('Design review', 1, '09:00', '10:00', ALICE.timeZone),
  entry('Lunch with Priya', 1, '12:00', '13:00', ALICE.timeZone),
  entry('Quarterly planning', 2, '13:00', '16:00', ALICE.timeZone),
  entry('Dentist', 3, '08:00', '09:00', ALICE.timeZone),
  entry('Client call: Northwind', 3, '14:00', '15:00', ALICE.timeZone),
  entry('Hold for focus time', 3, '15:00', '17:00', ALICE.timeZone, { showAs: 'tentative' }),
  entry('Offsite', 4, '00:00', '24:00', ALICE.timeZone, { allDay: true }),
];

/** Bob's week in Kolkata. */
export const BOB_BUSY_WEEK: CalendarSeed = [
  entry('Studio sync', 0, '18:00', '19:00', BOB.timeZone),
  entry('Print vendor', 1, '20:00', '21:00', BOB.timeZone),
  entry('Family dinner', 2, '20:00', '22:00', BOB.timeZone),
];
