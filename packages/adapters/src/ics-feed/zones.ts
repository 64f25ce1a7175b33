/**
 * Wall-clock time → instant, per zone. IANA zones go through Temporal (its zone data,
 * never ical.js's); a zone only the feed defines (an Outlook "Customized Time Zone")
 * goes through ical.js's reading of that VTIMEZONE, since nothing else knows it.
 */
import ICAL from 'ical.js';
import { Temporal as Polyfill } from 'temporal-polyfill';
import type { Wall, Zone } from './types.js';

/** The runtime's Temporal where it ships one, the polyfill elsewhere (as core does). */
const Temporal: typeof Polyfill = (globalThis as { Temporal?: typeof Polyfill }).Temporal ?? Polyfill;

const DAY_MS = 86_400_000;

/** Epoch ms of a wall time read as if it were UTC (no `Date.UTC` two-digit-year quirk). */
export function wallToUtcMs(w: Wall): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, Math.min(w.second, 59), 0);
  return d.getTime();
}

/** The wall fields of an epoch ms read in UTC. */
export function utcMsToWall(ms: number): Wall {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** The same wall-clock time `days` calendar days later (or earlier). */
export function addDays(w: Wall, days: number): Wall {
  return utcMsToWall(wallToUtcMs(w) + days * DAY_MS);
}

/** `YYYY-MM-DD` of a wall time: the key all-day values are matched on. */
export function dateKey(w: Wall): string {
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

export const UTC_ZONE: Zone = { id: 'UTC', toEpochMs: wallToUtcMs };

/** An offset that holds from `fromMs` (an instant) until the next period's. */
interface Period {
  fromMs: number;
  offsetMs: number;
}

/**
 * An IANA zone. Converting every occurrence through Temporal costs ~40 µs with the
 * polyfill, so the zone's transitions are read from Temporal once per year and each
 * conversion is a short search — with the same answer as
 * `PlainDateTime.toZonedDateTime(zone, { disambiguation: 'compatible' })`.
 */
class IanaZone implements Zone {
  private readonly years = new Map<number, Period[]>();

  constructor(readonly id: string) {}

  /** The periods covering a year, with two days' margin either side for any offset. */
  private periods(year: number): Period[] {
    const cached = this.years.get(year);
    if (cached !== undefined) return cached;
    const from = wallToUtcMs({ year, month: 1, day: 1, hour: 0, minute: 0, second: 0 }) - 2 * DAY_MS;
    const to = wallToUtcMs({ year: year + 1, month: 1, day: 1, hour: 0, minute: 0, second: 0 }) + 2 * DAY_MS;
    let zoned = Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO(this.id);
    const periods: Period[] = [{ fromMs: -Infinity, offsetMs: zoned.offsetNanoseconds / 1e6 }];
    // No zone changes offset more than a few times a year; the bound only guards the loop.
    for (let i = 0; i < 32; i++) {
      const next = zoned.getTimeZoneTransition('next');
      if (next === null || next.epochMilliseconds > to) break;
      periods.push({ fromMs: next.epochMilliseconds, offsetMs: next.offsetNanoseconds / 1e6 });
      zoned = next;
    }
    this.years.set(year, periods);
    return periods;
  }

  toEpochMs(wall: Wall): number {
    const local = wallToUtcMs(wall);
    const periods = this.periods(wall.year);
    const offsetAt = (ms: number) => {
      let offset = periods[0]!.offsetMs;
      for (const p of periods) {
        if (p.fromMs > ms) break;
        offset = p.offsetMs;
      }
      return offset;
    };
    // The instants whose offset gives back this wall time; the earlier one in a repeated hour.
    let earliest: number | undefined;
    for (const { offsetMs } of periods) {
      const t = local - offsetMs;
      if (offsetAt(t) === offsetMs && (earliest === undefined || t < earliest)) earliest = t;
    }
    if (earliest !== undefined) return earliest;
    // A skipped wall time: read it with the offset from before the gap, which moves it forward.
    for (let i = 1; i < periods.length; i++) {
      const before = periods[i - 1]!.offsetMs;
      const { fromMs, offsetMs } = periods[i]!;
      if (offsetMs > before && local >= fromMs + before && local < fromMs + offsetMs) return local - before;
    }
    return Temporal.PlainDateTime.from(wall).toZonedDateTime(this.id, { disambiguation: 'compatible' }).epochMilliseconds;
  }
}

const ianaZones = new Map<string, Zone>();

/** The zone for an IANA id the runtime knows (check with {@link knownIanaId} first). */
export function ianaZone(id: string): Zone {
  if (id === 'UTC') return UTC_ZONE;
  let zone = ianaZones.get(id);
  if (zone === undefined) ianaZones.set(id, (zone = new IanaZone(id)));
  return zone;
}

/** The runtime's spelling of an IANA id, or undefined when it is not one. */
export function knownIanaId(id: string): string | undefined {
  if (!/^[A-Za-z][\w+-]*(?:\/[\w+-]+)*$/.test(id)) return undefined;
  try {
    return Temporal.Now.zonedDateTimeISO(id).timeZoneId;
  } catch {
    return undefined;
  }
}

/**
 * A zone only the feed defines, read from its VTIMEZONE by ical.js. The component is
 * not registered anywhere: ical.js's TimezoneService is global, and two feeds may
 * define the same TZID differently.
 */
export function vtimezoneZone(tzid: string, component: ICAL.Component): Zone {
  const timezone = new ICAL.Timezone(component);
  // Read the rules once now, so a broken definition fails here and not mid-expansion.
  timezone.utcOffset(ICAL.Time.fromData({ year: 2000, month: 1, day: 1 }, timezone));
  return {
    id: `VTIMEZONE:${tzid}`,
    toEpochMs(wall) {
      const time = new ICAL.Time({ ...wall, second: Math.min(wall.second, 59), isDate: false }, timezone);
      return wallToUtcMs(wall) - timezone.utcOffset(time) * 1000;
    },
  };
}
