/**
 * Reading single content lines, with the repairs real feeds need before ical.js will
 * take them. Values come back as data: nothing here interprets text.
 */
import ICAL from 'ical.js';

/** Properties whose value is a DATE, DATE-TIME or PERIOD list. */
const DATE_PROPERTIES = new Set(['DTSTART', 'DTEND', 'DUE', 'EXDATE', 'RDATE', 'RECURRENCE-ID']);

/** Splits on `sep` outside double quotes. */
function splitUnquoted(s: string, sep: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) {
      parts.push(s.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(s.slice(from));
  return parts;
}

/** The index of the first `:` outside double quotes (where the value starts), or -1. */
function valueColon(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return i;
  }
  return -1;
}

/** The raw value of a content line (after the first unquoted colon), without unescaping. */
export function rawValue(line: string): string {
  const colon = valueColon(line);
  return colon < 0 ? '' : line.slice(colon + 1);
}

/** RFC 5545 §3.3.11 TEXT unescaping, for the X- properties ical.js leaves raw. */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/**
 * A date property line as ical.js needs it. Date values never contain a colon, so the
 * value starts after the LAST colon, and a parameter value holding a colon, semicolon or
 * comma is quoted (`TZID=tzone://Microsoft/Custom`, `TZID=(UTC+01:00) Amsterdam, Berlin`).
 * A bare `20260310` gets the `VALUE=DATE` its producer forgot.
 */
function repairDateLine(line: string): string {
  const colon = line.lastIndexOf(':');
  const value = line.slice(colon + 1).trim();
  const [name, ...params] = splitUnquoted(line.slice(0, colon), ';');
  const repaired = params.map((param) => {
    const eq = param.indexOf('=');
    if (eq < 0) return param;
    const v = param.slice(eq + 1).trim();
    return /^(?!").*[:;,]/.test(v) ? `${param.slice(0, eq)}="${v.replace(/"/g, '')}"` : `${param.slice(0, eq)}=${v}`;
  });
  if (/^\d{8}(?:,\d{8})*$/.test(value) && !repaired.some((p) => /^VALUE=/i.test(p))) repaired.push('VALUE=DATE');
  return `${[name, ...repaired].join(';')}:${value}`;
}

/**
 * One content line as an ical.js property (values typed and TEXT unescaped). Throws
 * what ical.js throws for a value it cannot read.
 *
 * @example
 * ```ts
 * readProperty('DTSTART;TZID=tzone://Microsoft/Custom:20260310T090000', 'DTSTART').getFirstParameter('tzid');
 * // "tzone://Microsoft/Custom"
 * ```
 */
export function readProperty(line: string, name: string): ICAL.Property {
  return ICAL.Property.fromString(DATE_PROPERTIES.has(name) ? repairDateLine(line) : line);
}
