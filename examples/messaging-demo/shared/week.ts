/**
 * A realistic working week for each person, relative to "now": what their mocked
 * Google and Microsoft calendars (in the browser) and their personal ICS feed (served
 * by the demo server) contain, so conflicts in the scheduler are real. Times are wall
 * clock times in a zone; recurring series expand in that zone, and the Berlin-anchored
 * weekly started long enough ago to cross a daylight-saving change.
 */
import { Temporal } from 'temporal-polyfill';
import type { Instant } from '@meeting-scheduler/core';
import type { DemoPerson } from './people.ts';

export type CalendarKind = 'google' | 'microsoft' | 'ics';

export interface PlannedEvent {
  /** Stable within a plan: the UID in the feed, the event id in the mocks. */
  key: string;
  summary: string;
  /** Wall clock start `YYYY-MM-DDTHH:MM` in `zone` (for all-day events: `YYYY-MM-DD`). */
  local: string;
  zone: string;
  minutes: number;
  /** RRULE without the "RRULE:" prefix, expanded in `zone`. */
  rrule?: string;
  showAs?: 'busy' | 'tentative' | 'oof' | 'free';
  allDay?: boolean;
}

const MON = 0;
const TUE = 1;
const WED = 2;
const THU = 3;
const FRI = 4;

/** Monday of the week containing `now`, in `zone`. */
function mondayOf(now: Instant, zone: string): Temporal.PlainDate {
  const date = Temporal.Instant.from(now).toZonedDateTimeISO(zone).toPlainDate();
  return date.subtract({ days: date.dayOfWeek - 1 });
}

/** The events of one person's calendar of `kind`, for the weeks around `now`. */
export function weekPlan(p: DemoPerson, kind: CalendarKind, now: Instant): PlannedEvent[] {
  const zone = p.timeZone;
  const monday = mondayOf(now, zone);
  const day = (week: number, weekday: number, time: string) => `${monday.add({ days: week * 7 + weekday }).toString()}T${time}`;
  const ev = (key: string, summary: string, local: string, minutes: number, extra: Partial<PlannedEvent> = {}): PlannedEvent => ({
    key: `${p.id}-${kind}-${key}`,
    summary,
    local,
    zone,
    minutes,
    ...extra,
  });

  if (kind === 'google') {
    // Berlin anchors the partner sync; it began 30 weeks ago, so the series crosses a DST change.
    const berlinMonday = mondayOf(now, 'Europe/Berlin').subtract({ weeks: 30 });
    return [
      ev('standup', 'Team standup', day(-4, MON, '09:30'), 15, { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' }),
      ev('partner-sync', 'Partner sync (Berlin time)', `${berlinMonday.add({ days: THU }).toString()}T17:00`, 45, {
        zone: 'Europe/Berlin',
        rrule: 'FREQ=WEEKLY;BYDAY=TH',
      }),
      ev('one-on-one', '1:1 with Sam', day(0, TUE, '14:00'), 30),
      ev('focus-1', 'Focus: brand guidelines', day(0, WED, '10:00'), 120),
      ev('design-review', 'Design review', day(0, THU, '11:00'), 60),
      ev('focus-2', 'Focus time', day(0, FRI, '13:00'), 120),
      ev('customer', 'Customer call — Northwind', day(1, MON, '15:00'), 60),
      ev('design-review-2', 'Design review', day(1, THU, '11:00'), 60),
      ev('planning', 'Sprint planning', day(1, TUE, '10:00'), 90),
    ];
  }
  if (kind === 'microsoft') {
    return [
      ev('lunch', 'Lunch', day(-4, MON, '12:30'), 45, { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', showAs: 'tentative' }),
      ev('workshop', 'Client workshop', day(0, WED, '15:00'), 90),
      ev('vendor', 'Vendor check-in', day(0, THU, '16:00'), 30),
      ev('offsite', 'Offsite prep', day(1, WED, '09:00'), 120),
      ev('ooo', 'Out of office', monday.add({ days: 7 + FRI }).toString(), 24 * 60, { allDay: true, showAs: 'oof' }),
    ];
  }
  return [
    ev('gym', 'Gym', day(-30, MON, '07:00'), 60, { rrule: 'FREQ=WEEKLY;BYDAY=MO,WE' }),
    ev('pickup', 'School pickup', day(-4, TUE, '15:30'), 30, { rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' }),
    ev('dentist', 'Dentist', day(0, THU, '08:30'), 60),
    ev('dinner', 'Dinner with friends', day(0, FRI, '19:00'), 120),
    ev('yoga', 'Yoga', day(1, MON, '18:00'), 60),
  ];
}

/** The first occurrence's start and end as instants (all-day: the zone's midnights). */
export function firstOccurrence(e: PlannedEvent): { start: Instant; end: Instant } {
  const startZdt = e.allDay
    ? Temporal.PlainDate.from(e.local).toZonedDateTime({ timeZone: e.zone })
    : Temporal.PlainDateTime.from(e.local).toZonedDateTime(e.zone);
  const endZdt = e.allDay ? startZdt.add({ days: Math.max(1, Math.round(e.minutes / 1440)) }) : startZdt.add({ minutes: e.minutes });
  const iso = (z: Temporal.ZonedDateTime) => z.toInstant().toString({ smallestUnit: 'second' });
  return { start: iso(startZdt), end: iso(endZdt) };
}
