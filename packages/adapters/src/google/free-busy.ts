/**
 * Busy time through Google's `POST /freeBusy`, within its limits: at most 50 calendars
 * per request (`calendarExpansionMax`, documented maximum 50) and a bounded time span
 * (Google answers 400 "The requested time range is too long." past roughly 90 days; the
 * limit is not documented, so this asks for 60 days at most). Larger questions are split
 * both ways, run a few at a time and merged. A calendar Google could not read is never
 * taken as free.
 */
import type { AbortSignalLike } from '@meeting-scheduler/core';
import { SchedulerError, mergeBusy, type BusyInterval, type Interval, type SchedulerErrorCode } from '@meeting-scheduler/core';
import { Temporal } from 'temporal-polyfill';
import { mapLimit } from '../internal/concurrency.js';
import type { HttpClient } from '../internal/http.js';

/** Most calendars one freeBusy request may name. */
const FREE_BUSY_MAX_CALENDARS = 50;
/** Longest span one freeBusy request asks for. */
const FREE_BUSY_MAX_SPAN_MS = 60 * 24 * 60 * 60 * 1000;
/** freeBusy requests in flight at once. */
const FREE_BUSY_CONCURRENCY = 3;

/** A calendar Google reported an error for, instead of its busy time. */
export interface CalendarError {
  calendarId: string;
  reason: string;
}

type Span = [start: number, end: number];

interface ChunkResult {
  spans: Map<string, Span[]>;
  errors: CalendarError[];
}

/** Per-calendar reasons that mean the account may not read that calendar. */
const AUTH_REASONS = new Set(['forbidden', 'insufficientPermissions', 'accessDenied', 'authError', 'accessNotConfigured']);

function malformed(message: string, details: Record<string, unknown>): SchedulerError {
  return new SchedulerError('provider-unavailable', `google: ${message}`, { provider: 'google', ...details });
}

function parseInstant(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN;
  try {
    return Temporal.Instant.from(value).epochMilliseconds;
  } catch {
    return Number.NaN;
  }
}

const toInstant = (ms: number): string => Temporal.Instant.fromEpochMilliseconds(ms).toString();

/** `[start, end)` cut into consecutive pieces of at most `maxMs`. */
function splitSpan([start, end]: Span, maxMs: number): Span[] {
  const out: Span[] = [];
  for (let s = start; s < end; s += maxMs) out.push([s, Math.min(end, s + maxMs)]);
  return out;
}

/** `items` in groups of at most `size`. */
function inGroups<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}


/** The busy spans and errors of one freeBusy answer, checked: Google's answer is untrusted data. */
function readFreeBusy(body: unknown, calendarIds: readonly string[], [from, to]: Span): ChunkResult {
  const calendars = body !== null && typeof body === 'object' ? (body as { calendars?: unknown }).calendars : undefined;
  if (calendars === null || typeof calendars !== 'object' || Array.isArray(calendars)) {
    throw malformed('the freeBusy answer has no calendars', { body });
  }
  const spans = new Map<string, Span[]>();
  const errors: CalendarError[] = [];
  for (const calendarId of calendarIds) {
    if (!Object.hasOwn(calendars, calendarId)) {
      errors.push({ calendarId, reason: 'missing' });
      continue;
    }
    const entry: unknown = (calendars as Record<string, unknown>)[calendarId];
    if (entry === null || typeof entry !== 'object') throw malformed('a freeBusy calendar entry is not an object', { calendarId, entry });
    const { busy = [], errors: calendarErrors } = entry as { busy?: unknown; errors?: unknown };
    if (Array.isArray(calendarErrors) && calendarErrors.length > 0) {
      for (const e of calendarErrors as unknown[]) {
        const reason = e !== null && typeof e === 'object' ? (e as { reason?: unknown }).reason : undefined;
        errors.push({ calendarId, reason: typeof reason === 'string' ? reason : 'unknown' });
      }
      continue;
    }
    if (!Array.isArray(busy)) throw malformed('a freeBusy busy list is not an array', { calendarId, busy });
    const list: Span[] = [];
    for (const b of busy as unknown[]) {
      const start = parseInstant((b as { start?: unknown } | null)?.start);
      const end = parseInstant((b as { end?: unknown } | null)?.end);
      if (!(start < end)) throw malformed('a freeBusy busy period is not a valid interval', { calendarId, busy: b });
      // Google clips to the asked range; keep that true whatever the answer says.
      const s = Math.max(start, from);
      const e = Math.min(end, to);
      if (s < e) list.push([s, e]);
    }
    spans.set(calendarId, list);
  }
  return { spans, errors };
}

/** The code for calendars Google could not read: reconnect, remove the calendar, or try later. */
function codeFor(errors: readonly CalendarError[]): SchedulerErrorCode {
  if (errors.some((e) => AUTH_REASONS.has(e.reason))) return 'provider-auth';
  if (errors.every((e) => e.reason === 'notFound')) return 'not-found';
  return 'provider-unavailable';
}

function dedupe(errors: readonly CalendarError[]): CalendarError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = JSON.stringify([e.calendarId, e.reason]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/**
 * Busy time of `calendarIds` in `range`, one `BusyInterval` per merged busy period and
 * calendar (periods cut at a request boundary are joined again).
 *
 * @throws {SchedulerError} when any calendar has `errors`: `not-found` (every error is
 *   `notFound`), `provider-auth` (access refused), else `provider-unavailable`; `details`
 *   holds `calendarErrors: [{ calendarId, reason }]` and `busy`, the busy time of the
 *   calendars that did answer.
 */
export async function queryFreeBusy(
  client: HttpClient,
  range: Interval,
  calendarIds: readonly string[],
  signal: AbortSignalLike | undefined,
): Promise<BusyInterval[]> {
  const from = parseInstant(range?.start);
  const to = parseInstant(range?.end);
  if (!(from < to)) throw new SchedulerError('invalid-input', 'google: range must be an interval with start before end', { field: 'range', range });
  if (!Array.isArray(calendarIds) || !calendarIds.every((id) => typeof id === 'string' && id !== '')) {
    throw new SchedulerError('invalid-input', 'google: calendarIds must be a list of calendar ids', { field: 'calendarIds' });
  }
  const ids = [...new Set(calendarIds)];
  if (ids.length === 0) return [];

  const jobs = splitSpan([from, to], FREE_BUSY_MAX_SPAN_MS).flatMap((span) =>
    inGroups(ids, FREE_BUSY_MAX_CALENDARS).map((group) => ({ span, group })),
  );
  const results = await mapLimit(jobs, FREE_BUSY_CONCURRENCY, async ({ span, group }) => {
    const { body } = await client.request({
      method: 'POST',
      path: '/freeBusy',
      body: { timeMin: toInstant(span[0]), timeMax: toInstant(span[1]), items: group.map((id) => ({ id })) },
      signal,
    });
    return readFreeBusy(body, group, span);
  });

  const errors = dedupe(results.flatMap((r) => r.errors));
  const failed = new Set(errors.map((e) => e.calendarId));
  const busy: BusyInterval[] = [];
  for (const calendarId of ids) {
    if (failed.has(calendarId)) continue;
    const pieces = results.flatMap((r) => (r.spans.get(calendarId) ?? []).map(([s, e]) => ({ start: toInstant(s), end: toInstant(e) })));
    for (const iv of mergeBusy(pieces)) busy.push({ start: iv.start, end: iv.end, status: 'busy', calendarId });
  }
  if (errors.length > 0) {
    throw new SchedulerError(codeFor(errors), `google: ${errors.length === 1 ? 'a calendar' : 'some calendars'} could not be read`, {
      provider: 'google',
      calendarErrors: errors,
      busy,
    });
  }
  return busy;
}
