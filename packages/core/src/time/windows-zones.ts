import { SchedulerError } from '../errors.js';
import { Temporal } from '../internal/temporal.js';
import type { TimeZoneId } from './types.js';
import { WINDOWS_ZONES } from './windows-zones.data.js';

/** Graph's zone URIs, e.g. `tzone://Microsoft/Utc`; only UTC has a fixed meaning. */
const TZONE_PREFIX = 'tzone://microsoft/';

/**
 * The shape of an IANA id ("Europe/Berlin", "Etc/GMT+5", "UTC"). Temporal also accepts
 * offsets ("+05:30") and whole ISO strings ("2026-03-08T14:30Z[Europe/Berlin]") as
 * zones; neither is a zone name, so neither passes through.
 */
const IANA_ID_RE = /^[A-Za-z][\w+-]*(?:\/[\w+-]+)*$/;

let byLowerCaseName: ReadonlyMap<string, TimeZoneId> | undefined;

function windowsZone(name: string): TimeZoneId | undefined {
  byLowerCaseName ??= new Map(Object.entries(WINDOWS_ZONES).map(([windows, iana]) => [windows.toLowerCase(), iana]));
  return byLowerCaseName.get(name.toLowerCase());
}

/** The runtime's spelling of an IANA id it knows ("europe/berlin" → "Europe/Berlin"), else undefined. */
function ianaZone(id: string): TimeZoneId | undefined {
  if (!IANA_ID_RE.test(id)) return undefined;
  try {
    return Temporal.Now.zonedDateTimeISO(id).timeZoneId;
  } catch {
    return undefined;
  }
}

/**
 * The IANA time zone for a zone name from Microsoft Graph (or Outlook / Exchange).
 *
 * - A Windows name ("Pacific Standard Time"; case and surrounding spaces ignored)
 *   gives its golden zone from CLDR's windowsZones mapping, under the current IANA
 *   name ("India Standard Time" → "Asia/Kolkata", not CLDR's "Asia/Calcutta").
 * - An IANA id the runtime knows ("Europe/Berlin", "Etc/GMT+5", "UTC") is returned
 *   as is, in the runtime's spelling: Graph answers in IANA names when the request's
 *   `Prefer: outlook.timezone` header names one. "UTC" is both a Windows and an IANA
 *   name for the same zone and comes back as "UTC".
 * - `tzone://Microsoft/Utc` gives "UTC". Other `tzone://` zones (such as
 *   `tzone://Microsoft/Custom`) have no name to map and are rejected.
 *
 * @param name - The zone name as Graph sent it.
 * @returns An IANA time zone id the runtime knows.
 * @throws {SchedulerError} `invalid-input` (with `details.field` `"timeZone"` and the
 *   offending `value`) for anything else: empty, unknown, custom or not a string.
 *
 * @example
 * ```ts
 * windowsZoneToIana('Pacific Standard Time'); // "America/Los_Angeles"
 * windowsZoneToIana(' nepal standard time '); // "Asia/Kathmandu"
 * windowsZoneToIana('Europe/Berlin'); // "Europe/Berlin"
 * windowsZoneToIana('tzone://Microsoft/Utc'); // "UTC"
 * ```
 */
export function windowsZoneToIana(name: string): TimeZoneId {
  const value: unknown = name;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed.toLowerCase().startsWith(TZONE_PREFIX)) {
      if (trimmed.slice(TZONE_PREFIX.length).toLowerCase() === 'utc') return 'UTC';
      throw new SchedulerError(
        'invalid-input',
        `timeZone "${trimmed}" is a custom Microsoft zone with no IANA equivalent`,
        { field: 'timeZone', value },
      );
    }
    const zone = ianaZone(trimmed) ?? windowsZone(trimmed);
    if (zone !== undefined) return zone;
  }
  throw new SchedulerError(
    'invalid-input',
    'timeZone must be a Windows time zone name such as "Pacific Standard Time" or an IANA time zone such as "Europe/Berlin"',
    { field: 'timeZone', value },
  );
}
