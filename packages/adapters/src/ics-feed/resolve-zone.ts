/**
 * A TZID as feeds write it → a {@link Zone}. In order: an IANA id or a Windows name
 * (core's `windowsZoneToIana`, quotes and spaces ignored); an old Mozilla/Evolution
 * path ending in an IANA id (`/mozilla.org/20050126_1/America/New_York`); the feed's
 * own VTIMEZONE for that TZID (its `X-LIC-LOCATION` when that is an IANA id, else
 * ical.js reading its rules); and last the feed's floating zone, reported as a problem.
 */
import { windowsZoneToIana } from '@meeting-scheduler/core';
import ICAL from 'ical.js';
import { componentText, type RawComponent } from './structure.js';
import type { FeedProblem, Zone } from './types.js';
import { ianaZone, knownIanaId, vtimezoneZone } from './zones.js';

/** An IANA id for a zone name without any help from the feed, or undefined. */
function namedZoneId(name: string): string | undefined {
  const cleaned = name.trim().replace(/^"(.*)"$/, '$1').trim();
  if (cleaned === '') return undefined;
  try {
    return windowsZoneToIana(cleaned);
  } catch {
    // Not a name core knows: maybe a path with an IANA id at its end.
  }
  const segments = cleaned.split('/').filter((s) => s !== '');
  for (let take = Math.min(3, segments.length - 1); take >= 1; take--) {
    const id = knownIanaId(segments.slice(-take).join('/'));
    if (id !== undefined) return id;
  }
  return undefined;
}

/**
 * Outlook starts every observance's yearly rule in 1601; ical.js then walks ~400 years
 * of rule dates (over 100 ms per zone). An open-ended yearly rule gives the same
 * changes from 1970 on when it starts in 1970, so such starts are moved there.
 */
function fromEpochYear(vtimezone: RawComponent): RawComponent {
  const children = vtimezone.children.map((observance) => {
    const rule = observance.lines.find((l) => /^RRULE:/i.test(l));
    if (rule === undefined || !/FREQ=YEARLY/i.test(rule) || /UNTIL=|COUNT=/i.test(rule)) return observance;
    const lines = observance.lines.map((l) => l.replace(/^(DTSTART:)(\d{4})(?=\d{4}T)/i, (all, prefix: string, year: string) => (Number(year) < 1970 ? `${prefix}1970` : all)));
    return { ...observance, lines };
  });
  return { ...vtimezone, children };
}

export interface ZoneResolver {
  /** The zone for a TZID; `fallback` (with a problem reported) when nothing places it. */
  resolve(tzid: string, fallback: Zone, uid?: string): Zone;
  /** The zone for a TZID, or undefined when nothing places it (no problem reported). */
  tryResolve(tzid: string): Zone | undefined;
}

/**
 * Resolves TZIDs for one feed; `vtimezones` are its VTIMEZONE components by TZID.
 *
 * @example
 * ```ts
 * const zones = createZoneResolver(new Map(), problems);
 * zones.resolve('W. Europe Standard Time', UTC_ZONE).id; // "Europe/Berlin"
 * ```
 */
export function createZoneResolver(vtimezones: ReadonlyMap<string, RawComponent>, problems: FeedProblem[]): ZoneResolver {
  const resolved = new Map<string, Zone | undefined>();
  const reported = new Set<string>();

  function fromVtimezone(tzid: string): Zone | undefined {
    const raw = vtimezones.get(tzid);
    if (raw === undefined) return undefined;
    const location = raw.lines.find((l) => /^X-LIC-LOCATION[;:]/i.test(l))?.replace(/^[^:]*:/, '');
    const named = location === undefined ? undefined : namedZoneId(location);
    if (named !== undefined) return ianaZone(named);
    try {
      return vtimezoneZone(tzid, new ICAL.Component(ICAL.parse(componentText(fromEpochYear(raw))) as unknown[]));
    } catch (error) {
      problems.push({ kind: 'zone-unknown', message: `the VTIMEZONE "${tzid}" could not be read: ${String(error)}` });
      return undefined;
    }
  }

  function tryResolve(tzid: string): Zone | undefined {
    if (resolved.has(tzid)) return resolved.get(tzid);
    const id = namedZoneId(tzid);
    const zone = id !== undefined ? ianaZone(id) : fromVtimezone(tzid);
    resolved.set(tzid, zone);
    return zone;
  }

  return {
    tryResolve,
    resolve(tzid, fallback, uid) {
      const zone = tryResolve(tzid);
      if (zone !== undefined) return zone;
      if (!reported.has(tzid)) {
        reported.add(tzid);
        problems.push({
          kind: 'zone-unknown',
          ...(uid === undefined ? {} : { uid }),
          message: `the time zone "${tzid}" is neither an IANA nor a Windows zone and the feed does not define it; times in it are read in ${fallback.id}`,
        });
      }
      return fallback;
    },
  };
}
