/** Dates and times as the viewer reads them, in their zone. */
import { formatSlot, type Interval } from '@meeting-scheduler/core';

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(zone: string, o: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(o)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat('en-US', { ...o, timeZone: zone })));
  return f;
}

/** "9:41 AM", or "Mon 9:41 AM" / "Nov 2, 9:41 AM" when not today (in `zone`, relative to `now`). */
export function messageTime(at: string, zone: string, now: string): string {
  const day = fmt(zone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  const time = fmt(zone, { hour: 'numeric', minute: '2-digit' }).format(new Date(at));
  const d = new Date(at);
  if (day.format(d) === day.format(new Date(now))) return time;
  const days = (Date.parse(now) - d.getTime()) / 86_400_000;
  return days > 0 && days < 6 ? `${fmt(zone, { weekday: 'short' }).format(d)} ${time}` : `${fmt(zone, { month: 'short', day: 'numeric' }).format(d)}, ${time}`;
}

/** "8:41 PM" now in `zone`. */
export function clockIn(zone: string, now: string): string {
  return fmt(zone, { hour: 'numeric', minute: '2-digit' }).format(new Date(now));
}

/** "Tue, Mar 10, 9:00 – 9:30 AM EDT". */
export function slotText(slot: Interval, zone: string): string {
  const f = formatSlot(slot, { timeZone: zone, locale: 'en-US' });
  return `${f.date}, ${f.time} ${f.zone}`;
}

/** "Wed, Nov 25, 9:41 AM EST": the demo clock in the viewer's zone. */
export function fullTime(at: string, zone: string): string {
  return fmt(zone, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(at));
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}
