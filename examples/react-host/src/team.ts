/**
 * The people in the thread and their calendars, as plain data: weekly meetings on each
 * person's own wall clock, expanded with core's `expandRecurrence` (DST-correct), and
 * working hours in each person's zone.
 */
import {
  expandRecurrence,
  type BusyInterval,
  type CalendarAdapter,
  type CalendarConnection,
  type ConnectionStore,
  type Interval,
  type Participant,
  type WorkingHours,
} from '@meeting-scheduler/core';

const alice: Participant = { id: 'alice', name: 'Alice', timeZone: 'America/New_York' };
const bob: Participant = { id: 'bob', name: 'Bob', timeZone: 'Asia/Kolkata' };
export const team = [alice, bob];

interface WeeklyMeeting {
  label: string;
  /** Days and time on the person's own clock, from the first week of 2026 on. */
  rrule: string;
  firstLocal: string;
  minutes: number;
}

const weekdays = (from: string, to: string) => ({ 1: [{ start: from, end: to }], 2: [{ start: from, end: to }], 3: [{ start: from, end: to }], 4: [{ start: from, end: to }], 5: [{ start: from, end: to }] });

export const workingHours: Record<string, WorkingHours> = {
  alice: { timeZone: alice.timeZone, weekly: weekdays('08:00', '17:00') },
  bob: { timeZone: bob.timeZone, weekly: weekdays('10:00', '20:00') },
};

const calendars: Record<string, WeeklyMeeting[]> = {
  alice: [
    { label: 'Standup', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', firstLocal: '2026-01-05T09:00', minutes: 15 },
    { label: 'Design review', rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', firstLocal: '2026-01-06T08:00', minutes: 60 },
    { label: 'Lunch', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', firstLocal: '2026-01-05T12:00', minutes: 60 },
  ],
  bob: [
    { label: 'Team sync', rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR', firstLocal: '2026-01-05T18:00', minutes: 60 },
    { label: 'Client call', rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', firstLocal: '2026-01-06T19:00', minutes: 30 },
  ],
};

const MINUTE_MS = 60_000;
const LONGEST_MS = 60 * MINUTE_MS;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A person's busy time overlapping `range`. */
export async function busyFor(person: Participant, range: Interval): Promise<BusyInterval[]> {
  const start = Date.parse(range.start);
  const end = Date.parse(range.end);
  // Meetings that started up to an hour before the range still overlap it.
  const from = { start: iso(start - LONGEST_MS), end: range.end };
  const lists = await Promise.all(
    (calendars[person.id] ?? []).map(async (m) =>
      (await expandRecurrence(m.rrule, { local: m.firstLocal, timeZone: person.timeZone }, from))
        .map((s): BusyInterval => ({ start: s, end: iso(Date.parse(s) + m.minutes * MINUTE_MS), label: m.label }))
        .filter((b) => Date.parse(b.end) > start && Date.parse(b.start) < end),
    ),
  );
  return lists.flat().sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/** A read-only calendar over the data above: what the scheduler shades as busy. */
export function calendarOf(person: Participant): CalendarAdapter {
  return {
    provider: 'demo',
    listCalendars: async () => [{ id: 'work', name: `${person.name}'s work calendar`, primary: true, writable: false, timeZone: person.timeZone }],
    getBusy: (range) => busyFor(person, range),
  };
}

/** The person's one calendar connection ("sync once"), kept in memory. */
export function connectionsOf(person: Participant): ConnectionStore {
  let list: CalendarConnection[] = [
    { id: `work-${person.id}`, provider: 'demo', accountLabel: `${person.name}'s work calendar`, conflictCalendarIds: ['work'] },
  ];
  return {
    list: async () => list,
    save: async (c) => void (list = [...list.filter((x) => x.id !== c.id), c]),
    remove: async (id) => void (list = list.filter((x) => x.id !== id)),
  };
}
