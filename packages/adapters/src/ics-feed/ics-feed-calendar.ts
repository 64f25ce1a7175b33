/**
 * Any calendar that publishes an ICS feed (Apple iCloud, Google's secret address,
 * Outlook/Exchange "publish calendar", Fastmail…) as a read-only `CalendarAdapter`:
 * one calendar, whose busy time is read from the feed and expanded here.
 */
import {
  SchedulerError,
  windowsZoneToIana,
  type BusyInterval,
  type CalendarAdapter,
  type CalendarInfo,
  type Interval,
  type RequestOptions,
} from '@meeting-scheduler/core';
import type { HttpInternals, ProviderOptions } from '../internal/http.js';
import { busyInRange } from './expand.js';
import { DEFAULT_EXPAND_LIMITS, type ExpandLimits, type FeedProblem } from './public.js';
import { createFeedCache } from './feed-cache.js';
import { createFeedFetcher, feedHttpUrl } from './fetch-feed.js';
import { parseFeed } from './parse-feed.js';
import type { ParsedFeed } from './types.js';

export interface IcsFeedOptions {
  /** The feed: `https://`, `http://` or `webcal://` (fetched as `https://`). Also the calendar's id. */
  url: string;
  /** Default `globalThis.fetch`. Every request goes through it. */
  fetch?: typeof fetch;
  /** The calendar's name when the feed has no X-WR-CALNAME (default: the URL's host). */
  name?: string;
  /**
   * The owner's zone (IANA or Windows name), for floating times and all-day dates when
   * the feed has no X-WR-TIMEZONE. Without either, the feed's only VTIMEZONE, else UTC.
   */
  timeZone?: string;
  /** Per attempt, body included (default 15 s). */
  timeoutMs?: number;
  retry?: ProviderOptions['retry'];
  /** Sent with every request, e.g. `authorization` for a private feed. */
  headers?: Record<string, string>;
  /** How long a fetched feed is used before it is revalidated (default 60 s). */
  cacheMs?: number;
  /** A larger feed is refused as `provider-unavailable` (default 10 MiB). */
  maxBytes?: number;
  /** Bounds on recurrence expansion per call (defaults in {@link DEFAULT_EXPAND_LIMITS}). */
  limits?: Partial<ExpandLimits>;
  /**
   * Told, once per fetched feed, about each thing in it that could not be used as
   * written (a dropped line, a skipped event, an unknown zone, a recurrence cut short).
   * Called synchronously; what it throws fails the call.
   */
  onProblem?: (problem: FeedProblem) => void;
}

/** A read-only `CalendarAdapter` over one ICS feed. */
export interface IcsFeedCalendarAdapter extends CalendarAdapter {
  readonly provider: 'ics';
  /** The feed's one calendar: id = the URL, never writable. */
  listCalendars(o?: RequestOptions): Promise<CalendarInfo[]>;
  /** Busy time from the feed; `calendarIds` may only name the feed's URL. */
  getBusy(range: Interval, calendarIds: string[], o?: RequestOptions): Promise<BusyInterval[]>;
}

const ISO_INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

function checkedUrl(url: unknown): string {
  const value = typeof url === 'string' ? url.trim() : '';
  let parsed: URL | undefined;
  try {
    parsed = new URL(feedHttpUrl(value));
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || !/^(?:https?|webcals?):\/\//i.test(value)) {
    throw new SchedulerError('invalid-input', 'ics: url must be an https://, http:// or webcal:// address', { field: 'url' });
  }
  return value;
}

function rangeMs(range: Interval): { startMs: number; endMs: number } {
  const parse = (v: unknown) => (typeof v === 'string' && ISO_INSTANT_RE.test(v) ? Date.parse(v) : NaN);
  const startMs = parse(range?.start);
  const endMs = parse(range?.end);
  if (Number.isNaN(startMs) || Number.isNaN(endMs) || startMs >= endMs) {
    throw new SchedulerError('invalid-input', 'ics: range must be two ISO-8601 instants, start before end', { field: 'range', value: range });
  }
  return { startMs, endMs };
}

/**
 * A read-only calendar adapter for an ICS feed. Recurring events are expanded with
 * their EXDATEs and changed or cancelled instances, on the wall clock of their zone;
 * all-day events are busy for whole local days (`allDay: true`); transparent events
 * come back with status `'free'`, tentative ones `'tentative'`, Outlook's out-of-office
 * `'oof'`; cancelled ones are left out.
 *
 * @param opts - The feed URL and how to fetch it.
 * @param internals - Test seam: `sleep`, `random` and `now` for retries and the cache clock.
 *
 * @example
 * ```ts
 * import { icsFeedCalendar } from '@meeting-scheduler/adapters/ics-feed';
 *
 * const feed = icsFeedCalendar({ url: 'webcal://p52-caldav.icloud.com/published/2/MTIz…' });
 * const [calendar] = await feed.listCalendars(); // { id: 'webcal://…', name: 'Work', writable: false }
 * const busy = await feed.getBusy(
 *   { start: '2026-03-09T00:00:00Z', end: '2026-03-16T00:00:00Z' },
 *   [calendar.id],
 * );
 * ```
 */
export function icsFeedCalendar(opts: IcsFeedOptions, internals: HttpInternals = {}): IcsFeedCalendarAdapter {
  const url = checkedUrl(opts?.url);
  const timeZone = opts.timeZone === undefined ? undefined : windowsZoneToIana(opts.timeZone);
  const limits: ExpandLimits = { ...DEFAULT_EXPAND_LIMITS, ...opts.limits };
  const now = internals.now ?? Date.now;
  const ids = new Set([url, feedHttpUrl(url)]);
  const reported = new WeakMap<ParsedFeed, Set<string>>();

  const report = (feed: ParsedFeed, problems: FeedProblem[]) => {
    if (opts.onProblem === undefined) return;
    const seen = reported.get(feed) ?? new Set<string>();
    reported.set(feed, seen);
    for (const p of problems) {
      const key = `${p.kind}\u0000${p.uid ?? ''}\u0000${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      opts.onProblem(p);
    }
  };

  const fetchFeed = createFeedFetcher(
    url,
    { fetch: opts.fetch, headers: opts.headers, timeoutMs: opts.timeoutMs, retry: opts.retry, maxBytes: opts.maxBytes },
    internals,
  );
  const cache = createFeedCache({
    cacheMs: Math.max(0, opts.cacheMs ?? 60_000),
    now,
    load: fetchFeed,
    parse: (text) => {
      const feed = parseFeed(text, { timeZone });
      report(feed, feed.problems);
      return feed;
    },
  });

  return {
    provider: 'ics',

    async listCalendars(o?: RequestOptions): Promise<CalendarInfo[]> {
      const feed = await cache.get(o?.signal);
      const calendar: CalendarInfo = {
        id: url,
        name: feed.name ?? opts.name ?? new URL(feedHttpUrl(url)).host,
        primary: true,
        writable: false,
      };
      const zone = feed.timeZone ?? timeZone;
      if (zone !== undefined) calendar.timeZone = zone;
      return [calendar];
    },

    async getBusy(range: Interval, calendarIds: string[], o?: RequestOptions): Promise<BusyInterval[]> {
      const ms = rangeMs(range);
      const unknown = calendarIds.filter((id) => !ids.has(id));
      if (unknown.length > 0) {
        throw new SchedulerError('not-found', `ics: this feed has one calendar, ${url}`, { provider: 'ics', calendarIds: unknown });
      }
      if (calendarIds.length === 0) return [];
      const feed = await cache.get(o?.signal);
      const problems: FeedProblem[] = [];
      const busy = busyInRange(feed, ms, url, limits, problems);
      report(feed, problems);
      return busy;
    },
  };
}
