/**
 * The JSON requests of the thread client: the host's headers (or cookies) on every
 * request, a per-attempt timeout, the caller's `AbortSignal`, and bounded retries with
 * exponential backoff and full jitter on 429/500/502/503/504 and network failures,
 * honouring `Retry-After`. Every request of this API is safe to repeat (event and
 * message ids are idempotency keys), so a POST whose answer was lost is retried too.
 * Provider-specific parts of `internal/http.ts` (bearer tokens, `provider-*` codes)
 * do not apply here; its `Retry-After` reading and sleep are shared.
 */
import { SchedulerError, type AbortSignalLike } from '@meeting-scheduler/core';
import { deadline } from '../internal/deadline.js';
import { defaultSleep, parseRetryAfter, type HttpInternals } from '../internal/http.js';
import { errorFromResponse } from './errors.js';

/** Anything `new Headers(…)` takes. */
export type HeadersLike = ConstructorParameters<typeof Headers>[0];

export interface ClientOptions {
  /** Where the server's API is mounted, e.g. `https://chat.example/api/meetings`. */
  baseUrl: string;
  /** Default `globalThis.fetch`. Every request (and the stream) goes through it. */
  fetch?: typeof fetch;
  /** Sent with every request and stream connection, e.g. `{ authorization: … }`; a function is called each time, so a refreshed token is picked up. */
  headers?: HeadersLike | (() => HeadersLike | Promise<HeadersLike>);
  /** `'include'` sends cookies cross-origin (cookie sign-in); default: the fetch default. */
  credentials?: 'include' | 'same-origin' | 'omit';
  retry?: {
    /** Retries of a request after the first attempt (default 2). */
    retries?: number;
    /** First backoff step (default 500 ms), for requests and stream reconnections; doubles each time, with jitter. */
    baseDelayMs?: number;
    /** The longest backoff step (default 30 s). A request's `Retry-After` beyond it fails at once. */
    maxDelayMs?: number;
  };
  /** Per request attempt, and for a stream to answer (default 15 s). */
  timeoutMs?: number;
}

export interface RequestSpec {
  method: 'GET' | 'POST';
  /** Below the base URL, segments already encoded. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignalLike | undefined;
}

export interface JsonResult<T = unknown> {
  status: number;
  body: T;
}

const RETRIABLE = new Set([429, 500, 502, 503, 504]);

const abortedError = (signal: AbortSignalLike) =>
  new SchedulerError('network', 'httpThread: the request was aborted', { aborted: true, reason: String(signal.reason) });

/** The configuration every request and stream shares. */
export function createClient(opts: ClientOptions, internals: HttpInternals = {}) {
  if (opts === null || typeof opts !== 'object' || typeof opts.baseUrl !== 'string' || opts.baseUrl === '') {
    throw new SchedulerError('invalid-input', 'httpThread: baseUrl is required', { field: 'baseUrl' });
  }
  const base = opts.baseUrl.replace(/\/+$/, '');
  try {
    // Relative base URLs (same origin in a browser) are fine; only reject what cannot be a URL at all.
    new URL(base, 'http://relative.invalid');
  } catch {
    throw new SchedulerError('invalid-input', 'httpThread: baseUrl is not a URL', { field: 'baseUrl', baseUrl: opts.baseUrl });
  }
  const fetchImpl: typeof fetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const retries = Math.max(0, opts.retry?.retries ?? 2);
  const baseDelayMs = Math.max(1, opts.retry?.baseDelayMs ?? 500);
  const maxDelayMs = Math.max(baseDelayMs, opts.retry?.maxDelayMs ?? 30_000);
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const sleep = internals.sleep ?? defaultSleep;
  const random = internals.random ?? Math.random;
  const now = internals.now ?? Date.now;

  const url = (path: string) => `${base}${path}`;

  /** The host's headers merged under ours. */
  async function headersFor(extra: Record<string, string>, signal: AbortSignalLike | undefined): Promise<Headers> {
    let own: HeadersLike | undefined;
    try {
      own = typeof opts.headers === 'function' ? await opts.headers() : opts.headers;
    } catch (cause) {
      if (signal?.aborted) throw abortedError(signal);
      throw new SchedulerError('unauthenticated', 'httpThread: the headers function failed', { cause: String(cause) });
    }
    const headers = new Headers(own);
    for (const [k, v] of Object.entries(extra)) headers.set(k, v);
    return headers;
  }

  function init(method: string, headers: Headers, signal: AbortSignal, body?: string): RequestInit {
    const r: RequestInit = { method, headers, signal };
    if (body !== undefined) r.body = body;
    if (opts.credentials !== undefined) r.credentials = opts.credentials;
    return r;
  }

  async function readJson(response: Response, text: string): Promise<unknown> {
    if (text === '') return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw new SchedulerError('provider-unavailable', 'httpThread: the server answered with a malformed body', {
        status: response.status,
        body: text.slice(0, 500),
      });
    }
  }

  type Outcome<T> = { result: JsonResult<T> } | { error: SchedulerError; retriable: boolean; waitMs?: number | undefined };

  async function attempt<T>(spec: RequestSpec): Promise<Outcome<T>> {
    const extra: Record<string, string> = { accept: 'application/json', ...spec.headers };
    let body: string | undefined;
    if (spec.body !== undefined) {
      extra['content-type'] = 'application/json';
      body = JSON.stringify(spec.body);
    }
    const headers = await headersFor(extra, spec.signal);
    if (spec.signal?.aborted) throw abortedError(spec.signal);
    // Raced against the deadline, so a fetch that ignores its signal still stops.
    const stop = deadline(spec.signal, timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await Promise.race([fetchImpl(url(spec.path), init(spec.method, headers, stop.signal, body)), stop.stopped]);
      text = await Promise.race([response.text(), stop.stopped]);
    } catch (cause) {
      if (spec.signal?.aborted) throw abortedError(spec.signal);
      const error = new SchedulerError('network', stop.timedOut() ? `httpThread: no answer within ${timeoutMs} ms` : 'httpThread: the network request failed', {
        timeout: stop.timedOut(),
        cause: String(cause),
      });
      return { error, retriable: true };
    } finally {
      stop.dispose();
    }
    if (response.status >= 200 && response.status < 300) {
      return { result: { status: response.status, body: (await readJson(response, text)) as T } };
    }
    const parsed = await readJson(response, text).catch(() => text);
    const waitMs = parseRetryAfter(response.headers.get('retry-after'), now());
    return { error: errorFromResponse(response.status, parsed, waitMs), retriable: RETRIABLE.has(response.status), waitMs };
  }

  /** Sends a request, retrying what may be retried; a 2xx answer or a thrown `SchedulerError`. */
  async function request<T = unknown>(spec: RequestSpec): Promise<JsonResult<T>> {
    for (let retry = 0; ; retry++) {
      if (spec.signal?.aborted) throw abortedError(spec.signal);
      const outcome = await attempt<T>(spec);
      if ('result' in outcome) return outcome.result;
      const { error, retriable, waitMs } = outcome;
      if (!retriable || retry >= retries || (waitMs ?? 0) > maxDelayMs) throw error;
      try {
        await sleep(waitMs ?? random() * Math.min(maxDelayMs, baseDelayMs * 2 ** retry), spec.signal);
      } catch {
        if (spec.signal?.aborted) throw abortedError(spec.signal);
        throw error;
      }
    }
  }

  /**
   * The wait before reconnection number `attempt` (0-based): exponential from `baseMs`,
   * capped at `maxDelayMs`, with "equal jitter" (half fixed, half random) so a crowd of
   * clients dropped together does not come back together, yet none comes back at once.
   */
  function backoff(attempt: number, baseMs = baseDelayMs): number {
    const step = Math.min(maxDelayMs, Math.max(1, baseMs) * 2 ** Math.min(attempt, 30));
    return step / 2 + random() * (step / 2);
  }

  return { request, url, headersFor, init, backoff, sleep, now, fetch: fetchImpl, timeoutMs, credentials: opts.credentials };
}

export type Client = ReturnType<typeof createClient>;
