import { assertTimeZone, toRange, zoned } from '../internal/instant.js';
import type { ZonedDateTime } from '../internal/temporal.js';
import type { Interval, TimeZoneId } from './types.js';

export interface FormatSlotOptions {
  timeZone: TimeZoneId;
  /** BCP 47 locale; the runtime's default when omitted. */
  locale?: string;
  /** Force a 12- or 24-hour clock; the locale's habit when omitted. */
  hour12?: boolean;
  /** The zone whose calendar date `dayOffset` is measured against (default: `timeZone`). */
  referenceTimeZone?: TimeZoneId;
}

export interface FormattedSlot {
  /** The start's date in the zone, e.g. "Tue 10 Mar" (locale-dependent). */
  date: string;
  /** Start and end wall-clock times, e.g. "9:00 – 9:30 AM". */
  time: string;
  /**
   * The zone's short name, e.g. "EDT", "IST", or "GMT+5:45" where none is in use;
   * both names ("EDT/EST") when the clocks change during the slot.
   */
  zone: string;
  /** Days the start's date lies after (+) or before (−) its date in `referenceTimeZone`. */
  dayOffset: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/**
 * Wall-clock fields computed by Temporal, re-expressed as a UTC epoch so that Intl
 * only spells them (never converts them): the zone math is Temporal's alone.
 */
function wallClockEpoch(z: ZonedDateTime): number {
  return Date.UTC(z.year, z.month - 1, z.day, z.hour, z.minute, z.second);
}

/** English locales whose zone names give a real abbreviation (IST, CET, AEDT…) where en-US says "GMT+5:30". */
const ENGLISH_ZONE_NAME_LOCALES = ['en-GB', 'en-IN', 'en-AU', 'en-NZ', 'en-CA', 'en-IE', 'en-ZA', 'en-SG'];

/**
 * The zone's short name at `epochMs` in `locale`. For English, a real abbreviation
 * is preferred over a GMT offset when one English-speaking region uses one
 * (Kolkata is "IST", Berlin "CET"); otherwise the locale's own form.
 */
function zoneShortName(epochMs: number, timeZone: TimeZoneId, locale?: string): string {
  const nameIn = (loc: string | undefined) =>
    formatter(loc, { timeZone, timeZoneName: 'short' })
      .formatToParts(epochMs)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  const own = nameIn(locale);
  const language = (locale ?? formatter(undefined, {}).resolvedOptions().locale).split('-')[0];
  if (language !== 'en' || !/^(GMT|UTC)[+-−]/.test(own)) return own;
  for (const candidate of ENGLISH_ZONE_NAME_LOCALES) {
    const name = nameIn(candidate);
    if (!/^(GMT|UTC)/.test(name)) return name;
  }
  return own;
}

/** Whole days between two calendar dates (b − a). */
function daysBetween(a: ZonedDateTime, b: ZonedDateTime): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/**
 * A slot as a person in `timeZone` reads it.
 *
 * @example
 * ```ts
 * formatSlot({ start: '2026-03-10T13:00:00Z', end: '2026-03-10T13:30:00Z' },
 *   { timeZone: 'Asia/Kolkata', locale: 'en-GB', hour12: true })
 * // → { date: 'Tue 10 Mar', time: '6:30 – 7:00 pm', zone: 'IST', dayOffset: 0 }
 * ```
 */
export function formatSlot(slot: Interval, opts: FormatSlotOptions): FormattedSlot {
  const { start, end } = toRange(slot, 'slot');
  assertTimeZone(opts.timeZone, 'timeZone');
  const zStart = zoned(start, opts.timeZone);
  const zEnd = zoned(end, opts.timeZone);
  const clock: Intl.DateTimeFormatOptions = { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' };
  // hourCycle, not hour12: `hour12: false` gives "24:15" in en-US and `true` "0:15 pm" in en-GB.
  if (opts.hour12 !== undefined) clock.hourCycle = opts.hour12 ? 'h12' : 'h23';
  let timeFormat = formatter(opts.locale, clock);
  const { hourCycle } = timeFormat.resolvedOptions();
  // A 24-hour clock reads 09:00, as the locale's own range pattern writes it.
  if (hourCycle === 'h23' || hourCycle === 'h24') timeFormat = formatter(opts.locale, { ...clock, hour: '2-digit' });
  const from = wallClockEpoch(zStart);
  const to = wallClockEpoch(zEnd);
  // Across midnight, or across an offset change (where the wall clock may even repeat),
  // both ends are spelled out: a range format would merge or reorder them.
  const offsetChanges = zStart.offsetNanoseconds !== zEnd.offsetNanoseconds;
  const time =
    daysBetween(zStart, zEnd) === 0 && !offsetChanges
      ? timeFormat.formatRange(from, to)
      : `${timeFormat.format(from)} – ${timeFormat.format(to)}`;
  const date = formatter(opts.locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(from);
  let dayOffset = 0;
  if (opts.referenceTimeZone !== undefined && opts.referenceTimeZone !== opts.timeZone) {
    assertTimeZone(opts.referenceTimeZone, 'referenceTimeZone');
    dayOffset = daysBetween(zoned(start, opts.referenceTimeZone), zStart);
  }
  const zone = offsetChanges
    ? `${zoneShortName(start, opts.timeZone, opts.locale)}/${zoneShortName(end, opts.timeZone, opts.locale)}`
    : zoneShortName(start, opts.timeZone, opts.locale);
  return { date, time, zone, dayOffset };
}
