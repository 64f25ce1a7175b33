/**
 * A feed's text → {@link ParsedFeed}: its name, the zone floating times are read in,
 * and its events. Never throws on content: what cannot be read is left out and
 * reported in `problems`.
 */
import { rawValue, unescapeText } from './content-line.js';
import { createZoneResolver } from './resolve-zone.js';
import { readEvent } from './read-event.js';
import { propertyName, readComponents, type RawComponent } from './structure.js';
import type { FeedEvent, FeedProblem, ParsedFeed, Zone } from './types.js';
import { UTC_ZONE, ianaZone } from './zones.js';

interface ParseFeedOptions {
  /** An IANA zone for floating times and all-day dates when the feed names none (X-WR-TIMEZONE). */
  timeZone?: string | undefined;
}

function propertyText(c: RawComponent | undefined, name: string): string | undefined {
  const line = c?.lines.find((l) => propertyName(l) === name);
  const text = line === undefined ? '' : unescapeText(rawValue(line)).trim();
  return text === '' ? undefined : text;
}

/**
 * Reads an unfolded iCalendar text (see `decodeFeed`). Floating times and all-day dates
 * are read in X-WR-TIMEZONE, else `opts.timeZone`, else the feed's only VTIMEZONE,
 * else UTC.
 *
 * @example
 * ```ts
 * const feed = parseFeed('BEGIN:VCALENDAR\nX-WR-CALNAME:Work\nEND:VCALENDAR\n');
 * feed.name; // "Work"
 * ```
 */
export function parseFeed(text: string, opts: ParseFeedOptions = {}): ParsedFeed {
  const problems: FeedProblem[] = [];
  const calendars = readComponents(text, problems).filter((c) => c.name === 'VCALENDAR');
  const children = calendars.flatMap((c) => c.children);

  const vtimezones = new Map<string, RawComponent>();
  for (const c of children) {
    const tzid = c.name === 'VTIMEZONE' ? propertyText(c, 'TZID')?.replace(/^"(.*)"$/, '$1') : undefined;
    if (tzid !== undefined && !vtimezones.has(tzid)) vtimezones.set(tzid, c);
  }
  const zones = createZoneResolver(vtimezones, problems);

  const calendarZone = propertyText(calendars[0], 'X-WR-TIMEZONE');
  const named = calendarZone === undefined ? undefined : zones.tryResolve(calendarZone);
  if (calendarZone !== undefined && named === undefined) {
    problems.push({ kind: 'zone-unknown', message: `X-WR-TIMEZONE "${calendarZone}" is not a time zone the runtime knows` });
  }
  const onlyVtimezone = vtimezones.size === 1 ? zones.tryResolve([...vtimezones.keys()][0]!) : undefined;
  const floating: Zone = named ?? (opts.timeZone === undefined ? undefined : ianaZone(opts.timeZone)) ?? onlyVtimezone ?? UTC_ZONE;

  const events: FeedEvent[] = [];
  children.forEach((c, index) => {
    if (c.name !== 'VEVENT') return;
    const event = readEvent(c, { zones, floating, problems }, index);
    if (event !== undefined) events.push(event);
  });

  const feed: ParsedFeed = { floatingZone: floating, events, problems };
  const name = propertyText(calendars[0], 'X-WR-CALNAME');
  if (name !== undefined) feed.name = name;
  if (named !== undefined && !named.id.startsWith('VTIMEZONE:')) feed.timeZone = named.id;
  return feed;
}
