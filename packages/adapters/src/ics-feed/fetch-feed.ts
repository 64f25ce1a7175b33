/**
 * One GET of a feed, with the shared layer's behaviour (timeout per attempt, abort,
 * bounded retries with jittered backoff honouring Retry-After, failures mapped to
 * `SchedulerError`) but none of its assumptions: a feed has no bearer token, and its
 * body is iCalendar bytes, not JSON. Conditional (ETag / Last-Modified) so an unchanged
 * feed costs a 304. Error details name the host only: a feed URL is a secret.
 */
import { SchedulerError, type SchedulerErrorCode } from '@meeting-scheduler/core';
import { deadline } from '../internal/deadline.js';
import { defaultSleep, parseRetryAfter, type HttpInternals } from '../internal/http.js';
import { decodeFeed, looksLikeCalendar } from './decode.js';

export interface FetchFeedOptions {
  fetch?: typeof fetch | undefined;
  headers?: Record<string, string> | undefined;
  /** Per attempt, body included (default 15 s). */
  timeoutMs?: number | undefined;
  retry?: { retries?: number; baseDelayMs?: number; maxDelayMs?: number } | undefined;
  /** A larger body is refused (default 10 MiB). */
  maxBytes?: number | undefined;
}

/** What the last good answer said about its version. */
export interface FeedValidators {
  etag?: string;
  lastModified?: string;
}

export type FeedFetchResult = { notModified: true } | ({ notModified: false; text: string } & FeedValidators);

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const RETRIABLE = new Set([429, 500, 502, 503, 504]);

function codeForStatus(status: number): SchedulerErrorCode {
  if (status === 400 || status === 422) return 'invalid-input';
  if (status === 401 || status === 403) return 'provider-auth';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 429) return 'provider-rate-limited';
  return 'provider-unavailable';
}

/** `webcal://` and `webcals://` are how calendars advertise feeds; they are fetched over HTTPS. */
export function feedHttpUrl(url: string): string {
  return url.trim().replace(/^webcals?:\/\//i, 'https://');
}

/** The error for a caller's abort. */
export function abortedError(reason: unknown): SchedulerError {
  return new SchedulerError('network', 'ics: the request was aborted', { provider: 'ics', aborted: true, reason: String(reason) });
}

type Outcome = { result: FeedFetchResult } | { error: SchedulerError; retriable: boolean; waitMs?: number | undefined };

/**
 * The body, refusing more than `maxBytes` (also when Content-Length already says so).
 * Each read races `stopped`, so a stalled body still times out.
 */
async function readBody(response: Response, maxBytes: number, host: string, stopped: Promise<never>): Promise<Uint8Array> {
  const tooLarge = () =>
    new SchedulerError('provider-unavailable', `ics: the feed at ${host} is larger than ${maxBytes} bytes`, { provider: 'ics', host, reason: 'too-large', maxBytes });
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (response.body === null) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await Promise.race([reader.read(), stopped]);
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * A function that fetches one feed URL (`webcal://` read as `https://`).
 *
 * @example
 * ```ts
 * const load = createFeedFetcher('webcal://p52-caldav.icloud.com/published/2/abc', {});
 * const first = await load({});
 * if (!first.notModified) parseFeed(first.text);
 * const again = await load({ etag: first.notModified ? undefined : first.etag }); // { notModified: true } when unchanged
 * ```
 */
export function createFeedFetcher(url: string, opts: FetchFeedOptions, internals: HttpInternals = {}) {
  const target = feedHttpUrl(url);
  const host = new URL(target).host;
  const fetchImpl: typeof fetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const retries = Math.max(0, opts.retry?.retries ?? 3);
  const baseDelay = Math.max(0, opts.retry?.baseDelayMs ?? 250);
  const maxDelay = Math.max(0, opts.retry?.maxDelayMs ?? 30_000);
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const sleep = internals.sleep ?? defaultSleep;
  const random = internals.random ?? Math.random;
  const now = internals.now ?? Date.now;

  const failure = (code: SchedulerErrorCode, message: string, details: Record<string, unknown>) =>
    new SchedulerError(code, `ics: ${message}`, { provider: 'ics', host, ...details });

  /** Reads a 2xx answer: its text, when it is a calendar. */
  async function success(response: Response, stopped: Promise<never>): Promise<FeedFetchResult> {
    const contentType = response.headers.get('content-type');
    const text = decodeFeed(await readBody(response, maxBytes, host, stopped), contentType);
    if (!looksLikeCalendar(text)) {
      throw failure('provider-unavailable', `the answer from ${host} is not an iCalendar feed`, {
        status: response.status,
        reason: 'not-a-calendar',
        contentType,
        bodyStart: text.slice(0, 200),
      });
    }
    const result: FeedFetchResult = { notModified: false, text };
    const etag = response.headers.get('etag');
    const lastModified = response.headers.get('last-modified');
    if (etag !== null) result.etag = etag;
    if (lastModified !== null) result.lastModified = lastModified;
    return result;
  }

  async function attempt(validators: FeedValidators, signal: AbortSignal | undefined): Promise<Outcome> {
    const stop = deadline(signal, timeoutMs);
    try {
      const headers: Record<string, string> = { accept: 'text/calendar, text/plain;q=0.9, */*;q=0.1', ...opts.headers };
      if (validators.etag !== undefined) headers['if-none-match'] = validators.etag;
      if (validators.lastModified !== undefined) headers['if-modified-since'] = validators.lastModified;
      // Raced against the deadline, so a fetch that ignores its signal still stops.
      const response = await Promise.race([fetchImpl(target, { method: 'GET', headers, signal: stop.signal }), stop.stopped]);
      if (response.status === 304 && (validators.etag !== undefined || validators.lastModified !== undefined)) {
        await response.body?.cancel();
        return { result: { notModified: true } };
      }
      if (response.status >= 200 && response.status < 300) return { result: await success(response, stop.stopped) };
      // The error body is only a detail: one that cannot be read leaves it empty.
      const body = await Promise.race([response.text(), stop.stopped]).catch(() => '');
      const waitMs = parseRetryAfter(response.headers.get('retry-after'), now());
      return {
        error: failure(codeForStatus(response.status), `HTTP ${response.status} from ${host}`, { status: response.status, body: body.slice(0, 500), retryAfterMs: waitMs }),
        retriable: RETRIABLE.has(response.status),
        waitMs,
      };
    } catch (cause) {
      if (signal?.aborted) throw abortedError(signal.reason);
      if (cause instanceof SchedulerError) throw cause;
      const message = stop.timedOut() ? `no answer from ${host} within ${timeoutMs} ms` : `the request to ${host} failed`;
      return { error: failure('network', message, { timeout: stop.timedOut(), cause: String(cause) }), retriable: true };
    } finally {
      stop.dispose();
    }
  }

  return async function fetchFeed(validators: FeedValidators, signal?: AbortSignal): Promise<FeedFetchResult> {
    for (let retry = 0; ; retry++) {
      if (signal?.aborted) throw abortedError(signal.reason);
      const outcome = await attempt(validators, signal);
      if ('result' in outcome) return outcome.result;
      const { error, retriable, waitMs } = outcome;
      if (!retriable || retry >= retries || (waitMs ?? 0) > maxDelay) throw error;
      try {
        await sleep(waitMs ?? random() * Math.min(maxDelay, baseDelay * 2 ** retry), signal);
      } catch {
        throw abortedError(signal?.reason);
      }
    }
  };
}
