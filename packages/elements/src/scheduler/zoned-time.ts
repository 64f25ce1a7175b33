/**
 * The scheduler's few wall-clock ↔ instant steps, done by probing `Intl.DateTimeFormat`
 * for a zone's offset: elements depend on Lit and core only, and core does not export
 * its Temporal-based zone helpers. Dates are "epoch days" (whole days since
 * 1970-01-01 in the zone's calendar) and wall-clock times are "wall epochs" (the wall
 * clock's fields read as if they were UTC), so date arithmetic is plain integer
 * arithmetic and never `Date` arithmetic on local time.
 *
 * Semantics match Temporal's `disambiguation: 'compatible'`: a wall time in a
 * spring-forward gap resolves to the instant after the gap, one in a fall-back fold
 * to the earlier instant. At most one offset change within a day is assumed (true
 * for every zone in the IANA database since 1970 except a handful of 1-day oddities).
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const fieldFormatters = new Map<string, Intl.DateTimeFormat>();

function fieldFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = fieldFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    fieldFormatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at the instant `epochMs`, as a wall epoch (whole seconds). */
function toWall(epochMs: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of fieldFormatter(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The zone's UTC offset in ms at the instant `epochMs` (seconds precision). */
function offsetAt(epochMs: number, timeZone: string): number {
  const whole = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return toWall(whole, timeZone) - whole;
}

/** The instant of a wall epoch in `timeZone` (gap: after it; fold: the earlier one). */
export function fromWall(wallMs: number, timeZone: string): number {
  const before = offsetAt(wallMs - DAY_MS, timeZone);
  const after = offsetAt(wallMs + DAY_MS, timeZone);
  const candidates = [wallMs - before, wallMs - after].filter((t) => toWall(t, timeZone) === wallMs);
  // In a gap neither offset fits: the offset from before the change carries the wall
  // time forward past the gap, as Temporal's 'compatible' does.
  return candidates.length > 0 ? Math.min(...candidates) : wallMs - before;
}

/**
 * The instants of a local day's wall times: `at(minutes)` after midnight, or
 * `undefined` for a wall time the clocks skip. A day without an offset change (nearly
 * all of them) costs two offset probes in all.
 */
export function dayClock(epochDay: number, timeZone: string): (minutes: number) => number | undefined {
  const wall0 = epochDay * DAY_MS;
  const start = fromWall(wall0, timeZone);
  const end = fromWall(wall0 + DAY_MS, timeZone);
  const offset = wall0 - start;
  if (end - start === DAY_MS && offsetAt(start, timeZone) === offset && offsetAt(end - 1, timeZone) === offset) {
    return (minutes) => wall0 + minutes * MINUTE_MS - offset;
  }
  return (minutes) => {
    const wall = wall0 + minutes * MINUTE_MS;
    const t = fromWall(wall, timeZone);
    return toWall(t, timeZone) === wall ? t : undefined;
  };
}

/** The local date (epoch day) of an instant in `timeZone`. */
export function epochDayOf(epochMs: number, timeZone: string): number {
  return Math.floor(toWall(epochMs, timeZone) / DAY_MS);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of an epoch day; 1970-01-01 was a Thursday. */
export function isoWeekday(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

/**
 * The first instant of a local date in `timeZone` (epoch ms): its midnight, or the
 * end of the gap where the clocks skip midnight. The next date's minus this one's is
 * the day's real length: 23 hours for 2026-03-08 in America/New_York.
 *
 * @example
 * ```ts
 * zonedMidnight('2026-03-09', 'America/New_York') - zonedMidnight('2026-03-08', 'America/New_York')
 * // → 82_800_000 (23 h)
 * ```
 */
export function zonedMidnight(date: string | number, timeZone: string): number {
  const epochDay = typeof date === 'number' ? date : Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
  return fromWall(epochDay * DAY_MS, timeZone);
}

/** The canonical instant form core writes: `2026-03-08T14:30:00Z`. */
export function toInstant(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** The first day of the week for a locale (ISO weekday), Monday when the runtime cannot say. */
export function localeWeekStart(locale: string): number {
  try {
    const l = new Intl.Locale(locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay?: number };
      weekInfo?: { firstDay?: number };
    };
    const firstDay = (l.getWeekInfo?.() ?? l.weekInfo)?.firstDay;
    if (typeof firstDay === 'number' && firstDay >= 1 && firstDay <= 7) return firstDay;
  } catch {
    // an unknown locale: fall through
  }
  return 1;
}
