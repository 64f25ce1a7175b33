/**
 * One VEVENT → a {@link FeedEvent}: its times placed in zones, its length, rules,
 * exceptions and free/busy status. A value that cannot be read costs that value (an
 * RDATE, an EXDATE, the label) or, when the event's time depends on it, the event.
 */
import ICAL from 'ical.js';
import { feedStatus } from './busy-status.js';
import { rawValue, readProperty } from './content-line.js';
import type { ZoneResolver } from './resolve-zone.js';
import { propertyName, type RawComponent } from './structure.js';
import type { DateValue, EventLength, FeedEvent, FeedProblem, FeedRule, Wall, Zone } from './types.js';
import { UTC_ZONE, wallToUtcMs } from './zones.js';

const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z?)$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** What reading values of one feed needs: its zones and where floating times live. */
interface ReadContext {
  zones: ZoneResolver;
  floating: Zone;
  problems: FeedProblem[];
}

/** The problem that costs the whole event. */
class SkipEvent extends Error {}

function checkedWall(w: Wall, text: string): Wall {
  const days = new Date(Date.UTC(2000, w.month, 0)).getUTCDate(); // month length in a leap year
  const leapOk = w.month !== 2 || w.day < 29 || (w.year % 4 === 0 && (w.year % 100 !== 0 || w.year % 400 === 0));
  if (w.year < 1 || w.month < 1 || w.month > 12 || w.day < 1 || w.day > days || !leapOk || w.hour > 23 || w.minute > 59 || w.second > 60) {
    throw new SkipEvent(`"${text}" is not a valid date`);
  }
  return w;
}

/**
 * A jCal date or date-time string as a {@link DateValue}. A floating date-time is read
 * in `local`: the feed's floating zone, or DTSTART's zone for the event's other times.
 */
function dateValue(text: unknown, tzid: string | undefined, ctx: ReadContext, uid: string, local: Zone = ctx.floating): DateValue {
  if (typeof text !== 'string') throw new SkipEvent('a date value is missing');
  const date = DATE_RE.exec(text);
  if (date) {
    const wall = checkedWall({ year: +date[1]!, month: +date[2]!, day: +date[3]!, hour: 0, minute: 0, second: 0 }, text);
    return { date: true, wall, zone: ctx.floating };
  }
  const m = DATE_TIME_RE.exec(text);
  if (!m) throw new SkipEvent(`"${text}" is not a valid date-time`);
  const wall = checkedWall({ year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +m[6]! }, text);
  const zone = m[7] === 'Z' ? UTC_ZONE : tzid === undefined ? local : ctx.zones.resolve(tzid, ctx.floating, uid);
  return { date: false, wall, zone };
}

function tzidOf(prop: ICAL.Property): string | undefined {
  const tzid = prop.getFirstParameter('tzid');
  return typeof tzid === 'string' && tzid.trim() !== '' ? tzid : undefined;
}

/** Every value of a date property (EXDATE and RDATE may list several). */
function dateValues(prop: ICAL.Property, ctx: ReadContext, uid: string, local: Zone): DateValue[] {
  return prop.jCal.slice(3).map((v: unknown) => dateValue(v, tzidOf(prop), ctx, uid, local));
}

/** Epoch ms where a value starts (a DATE: the start of that day in its zone). */
export function startMs(v: DateValue): number {
  return v.zone.toEpochMs(v.wall);
}

function durationLength(d: ICAL.Duration): EventLength {
  if (d.isNegative) return { kind: 'exact', ms: 0 };
  return { kind: 'nominal', days: d.weeks * 7 + d.days, ms: ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000 };
}

/** RFC 5545 §3.6.1: the length DTEND or DURATION gives; undefined when neither is there. */
function lengthOf(start: DateValue, end: DateValue | undefined, duration: ICAL.Duration | undefined): EventLength | undefined {
  if (end !== undefined) {
    if (start.date) {
      const days = Math.round((wallToUtcMs({ ...end.wall, hour: 0, minute: 0, second: 0 }) - wallToUtcMs(start.wall)) / DAY_MS);
      return { kind: 'nominal', days: Math.max(1, days), ms: 0 };
    }
    return { kind: 'exact', ms: Math.max(0, startMs(end) - startMs(start)) };
  }
  return duration === undefined ? undefined : durationLength(duration);
}

function ruleOf(prop: ICAL.Property, start: DateValue | undefined): FeedRule {
  const original = prop.getFirstValue();
  if (!(original instanceof ICAL.Recur)) throw new SkipEvent('RRULE is not a recurrence rule');
  const recur = original.clone();
  const until = original.until;
  recur.until = null;
  const rule: FeedRule = { recur, counted: original.count !== null && original.count !== undefined };
  if (until !== null) {
    const wall = { year: until.year, month: until.month, day: until.day, hour: until.hour, minute: until.minute, second: until.second };
    const utc = !until.isDate && until.zone === ICAL.Timezone.utcTimezone;
    // A floating UNTIL is read where DTSTART is (RFC 5545 wants UTC whenever DTSTART has a zone).
    rule.until = { date: until.isDate, wall, zone: utc ? UTC_ZONE : (start?.zone ?? UTC_ZONE) };
  }
  return rule;
}

function rdateOf(prop: ICAL.Property, ctx: ReadContext, uid: string, local: Zone): FeedEvent['rdates'] {
  if (prop.type !== 'period') return dateValues(prop, ctx, uid, local).map((start) => ({ start }));
  return prop.jCal.slice(3).map((period: unknown) => {
    const [from, to] = Array.isArray(period) ? (period as unknown[]) : [];
    const start = dateValue(from, tzidOf(prop), ctx, uid, local);
    const length =
      typeof to === 'string' && DATE_TIME_RE.test(to)
        ? lengthOf(start, dateValue(to, tzidOf(prop), ctx, uid, local), undefined)
        : durationLength(ICAL.Duration.fromString(String(to)));
    return length === undefined ? { start } : { start, length };
  });
}

/**
 * Reads one VEVENT, or reports why it cannot be used and returns undefined.
 *
 * @example
 * ```ts
 * const event = readEvent(vevent, { zones, floating: UTC_ZONE, problems }, 0);
 * event?.status; // "busy"
 * ```
 */
export function readEvent(raw: RawComponent, ctx: ReadContext, index: number): FeedEvent | undefined {
  const first = (name: string) => raw.lines.find((l) => propertyName(l) === name);
  const all = (name: string) => raw.lines.filter((l) => propertyName(l) === name);
  const uid = rawValue(first('UID') ?? '').trim() || `#${index}`;
  const drop = (name: string, error: unknown) =>
    ctx.problems.push({ kind: 'line-dropped', uid, message: `a ${name} value could not be read: ${error instanceof Error ? error.message : String(error)}` });
  try {
    if (!raw.complete) throw new SkipEvent('the event has no END:VEVENT');
    const read = (name: string) => {
      const line = first(name);
      return line === undefined ? undefined : readProperty(line, name);
    };
    const single = (name: string, local?: Zone) => {
      const prop = read(name);
      return prop === undefined ? undefined : dateValue(prop.jCal[3], tzidOf(prop), ctx, uid, local);
    };
    const start = single('DTSTART');
    // The event's other floating times belong with DTSTART when it has a zone.
    const local = start !== undefined && !start.date ? start.zone : ctx.floating;
    const recurrenceId = single('RECURRENCE-ID', local);
    if (start === undefined && recurrenceId === undefined) throw new SkipEvent('the event has no DTSTART');
    const end = single('DTEND', local);
    const durationValue = read('DURATION')?.getFirstValue();
    const duration = durationValue instanceof ICAL.Duration ? durationValue : undefined;
    const length = start === undefined ? (duration && durationLength(duration)) : lengthOf(start, end, duration);

    const event: FeedEvent = {
      uid,
      rules: all('RRULE').map((line) => ruleOf(readProperty(line, 'RRULE'), start)),
      rdates: [],
      exdates: [],
      status: feedStatus({
        status: rawValue(first('STATUS') ?? ''),
        transp: rawValue(first('TRANSP') ?? ''),
        microsoftBusyStatus: rawValue(first('X-MICROSOFT-CDO-BUSYSTATUS') ?? ''),
      }),
    };
    if (start !== undefined) event.start = start;
    if (length !== undefined) event.length = length;
    if (recurrenceId !== undefined) event.recurrenceId = recurrenceId;
    for (const line of all('EXDATE')) {
      try {
        event.exdates.push(...dateValues(readProperty(line, 'EXDATE'), ctx, uid, local));
      } catch (error) {
        drop('EXDATE', error);
      }
    }
    for (const line of all('RDATE')) {
      try {
        event.rdates.push(...rdateOf(readProperty(line, 'RDATE'), ctx, uid, local));
      } catch (error) {
        drop('RDATE', error);
      }
    }
    const summary = first('SUMMARY');
    if (summary !== undefined) {
      try {
        const label = readProperty(summary, 'SUMMARY').getFirstValue();
        if (typeof label === 'string' && label !== '') event.label = label;
      } catch (error) {
        drop('SUMMARY', error);
      }
    }
    return event;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    ctx.problems.push({ kind: 'event-skipped', uid, message: `the event could not be read: ${reason}` });
    return undefined;
  }
}
