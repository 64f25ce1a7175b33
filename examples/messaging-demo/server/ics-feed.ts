/**
 * Each person's personal calendar as an ICS feed (think "iCloud, published"), built
 * from their week plan: recurring events keep their zone (TZID) so readers expand
 * them across daylight-saving changes, as real feeds do.
 */
import type { Instant } from '@meeting-scheduler/core';
import type { DemoPerson } from '../shared/people.ts';
import { weekPlan, type PlannedEvent } from '../shared/week.ts';

const compact = (local: string) => local.replace(/[-:]/g, '') + (local.includes('T') ? '00' : '');

/** RFC 5545 text escaping. */
const text = (value: string) => value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

function stamp(now: Instant): string {
  return now.replace(/[-:]/g, '').replace(/\.\d+/, '');
}

function durationOf(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `PT${h > 0 ? `${h}H` : ''}${m > 0 || h === 0 ? `${m}M` : ''}`;
}

function vevent(e: PlannedEvent, now: Instant): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${e.key}@messaging-demo.localhost`, `DTSTAMP:${stamp(now)}`, `SUMMARY:${text(e.summary)}`];
  if (e.allDay) {
    lines.push(`DTSTART;VALUE=DATE:${compact(e.local)}`, `DURATION:P${Math.max(1, Math.round(e.minutes / 1440))}D`);
  } else {
    lines.push(`DTSTART;TZID=${e.zone}:${compact(e.local)}`, `DURATION:${durationOf(e.minutes)}`);
  }
  if (e.rrule) lines.push(`RRULE:${e.rrule}`);
  lines.push(`TRANSP:${e.showAs === 'free' ? 'TRANSPARENT' : 'OPAQUE'}`, 'END:VEVENT');
  return lines;
}

/** The feed of `person`'s personal calendar around `now`. */
export function personalFeed(person: DemoPerson, now: Instant): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//meeting-scheduler//messaging demo//EN',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${text(`${person.name.split(' ')[0]} — personal`)}`,
    `X-WR-TIMEZONE:${person.timeZone}`,
    ...weekPlan(person, 'ics', now).flatMap((e) => vevent(e, now)),
    'END:VCALENDAR',
  ];
  return `${lines.join('\r\n')}\r\n`;
}
