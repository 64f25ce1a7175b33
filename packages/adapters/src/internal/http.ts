/**
 * The one HTTP layer every provider adapter uses: bearer token from the host, timeout,
 * abort, bounded retries with exponential backoff and full jitter on 429/500/502/503/504
 * (and network failures) honouring `Retry-After`, and every failure mapped to a
 * `SchedulerError`. Nothing is swallowed: a response is either returned or thrown.
 */
import { SchedulerError, type AbortSignalLike, type SchedulerErrorCode } from '@meeting-scheduler/core';
import { deadline } from './deadline.js';

/** Options every provider factory takes. The host owns OAuth; tokens are never stored. */
export interface ProviderOptions {
  /** A valid access token for the account; called before every attempt, so a refreshed token is picked up. */
  getAccessToken: () => Promise<string>;
  /** Default `globalThis.fetch`. Every request goes through it. */
  fetch?: typeof fetch;
  /** The API root, e.g. a proxy in front of the provider. */
  baseUrl?: string;
  retry?: {
    /** Retries after the first attempt (default 3). */
    retries?: number;
    /** First backoff step (default 250 ms); doubles each retry, with full jitter. */
    baseDelayMs?: number;
    /** A `Retry-After` longer than this is not waited for: the call fails at once (default 30 s). */
    maxDelayMs?: number;
  };
  /** Per attempt (default 15 s). */
  timeoutMs?: number;
}

/** Test seams: time and chance, injected so retry tests run instantly and deterministically. */
export interface HttpInternals {
  sleep?: (ms: number, signal?: AbortSignalLike) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path below the base URL, or an absolute URL (paging links). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignalLike | undefined;
  /** Statuses handed back to the caller instead of thrown (e.g. 409 on an idempotent insert). */
  accept?: number[];
}

export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON, or `undefined` for an empty body. */
  body: T;
}

/** Reads a provider's error body: a code for the mapping, and whether it is really a rate limit. */
export type ErrorClassifier = (status: number, body: unknown) => { rateLimited?: boolean; auth?: boolean } | undefined;

const RETRIABLE = new Set([429, 500, 502, 503, 504]);

export function defaultSleep(ms: number, signal?: AbortSignalLike): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Milliseconds a `Retry-After` value asks for: delta-seconds (`120`, also fractional
 * `1.5` and `0`) or an HTTP date; `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function errorFor(code: SchedulerErrorCode, provider: string, message: string, details: Record<string, unknown>): SchedulerError {
  return new SchedulerError(code, `${provider}: ${message}`, { provider, ...details });
}

function codeForStatus(status: number): SchedulerErrorCode {
  if (status === 400 || status === 422) return 'invalid-input';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 401 || status === 403) return 'provider-auth';
  if (status === 429) return 'provider-rate-limited';
  return 'provider-unavailable';
}

/** A JSON client for one provider account. */
export function createHttpClient(
  provider: string,
  defaultBaseUrl: string,
  opts: ProviderOptions,
  classify: ErrorClassifier = () => undefined,
  internals: HttpInternals = {},
) {
  if (typeof opts?.getAccessToken !== 'function') {
    throw new SchedulerError('invalid-input', `${provider}: getAccessToken is required`, { field: 'getAccessToken' });
  }
  const fetchImpl: typeof fetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const baseUrl = (opts.baseUrl ?? defaultBaseUrl).replace(/\/+$/, '');
  const retries = Math.max(0, opts.retry?.retries ?? 3);
  const baseDelay = Math.max(0, opts.retry?.baseDelayMs ?? 250);
  const maxDelay = Math.max(0, opts.retry?.maxDelayMs ?? 30_000);
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const sleep = internals.sleep ?? defaultSleep;
  const random = internals.random ?? Math.random;
  const now = internals.now ?? Date.now;

  const origin = new URL(baseUrl).origin;

  /** The request URL. Absolute ones (paging links from the provider) must stay on the API's origin: the token goes with them. */
  function urlOf(spec: RequestSpec): string {
    const absolute = /^[a-z][a-z0-9+.-]*:/i.test(spec.path);
    const url = new URL(absolute ? spec.path : `${baseUrl}${spec.path}`);
    if (absolute && url.origin !== origin) {
      throw errorFor('provider-unavailable', provider, 'the provider pointed to another origin; the request was not sent', {
        url: url.toString(),
      });
    }
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  async function token(signal?: AbortSignalLike): Promise<string> {
    try {
      const t = await opts.getAccessToken();
      if (typeof t !== 'string' || t === '') throw new Error('empty token');
      return t;
    } catch (cause) {
      if (signal?.aborted) throw aborted(signal);
      throw errorFor('provider-auth', provider, 'no access token', { cause: String(cause) });
    }
  }

  function aborted(signal: AbortSignalLike): SchedulerError {
    return errorFor('network', provider, 'the request was aborted', { aborted: true, reason: String(signal.reason) });
  }

  /** One attempt: the response, or a thrown network/timeout error (as a SchedulerError). */
  async function attempt(spec: RequestSpec, url: string): Promise<Response> {
    const auth = await token(spec.signal);
    if (spec.signal?.aborted) throw aborted(spec.signal);
    const stop = deadline(spec.signal, timeoutMs);
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${auth}`, accept: 'application/json', ...spec.headers };
      const init: RequestInit = { method: spec.method, headers, signal: stop.signal };
      if (spec.body !== undefined) {
        headers['content-type'] = 'application/json';
        init.body = JSON.stringify(spec.body);
      }
      // Raced against the deadline, so a fetch that ignores its signal still times out,
      // and the body is read inside it too: a stalled body is a timeout.
      const response = await Promise.race([fetchImpl(url, init), stop.stopped]);
      const text = await Promise.race([response.text(), stop.stopped]);
      return new Response(text === '' || response.status === 204 ? null : text, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (cause) {
      if (spec.signal?.aborted) throw aborted(spec.signal);
      if (cause instanceof SchedulerError) throw cause;
      throw errorFor('network', provider, stop.timedOut() ? `no answer within ${timeoutMs} ms` : 'the network request failed', {
        timeout: stop.timedOut(),
        cause: String(cause),
        retriable: true,
      });
    } finally {
      stop.dispose();
    }
  }

  async function parse<T>(response: Response, url: string): Promise<T> {
    const text = await response.text();
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw errorFor('provider-unavailable', provider, 'the provider answered with a malformed body', {
        status: response.status,
        url,
        body: text.slice(0, 500),
      });
    }
  }

  type Outcome<T> = { result: HttpResult<T> } | { error: SchedulerError; retriable: boolean; waitMs?: number | undefined };

  /** One attempt, judged: a result to return, or an error and whether to try again. */
  async function tryOnce<T>(spec: RequestSpec, url: string): Promise<Outcome<T>> {
    let response: Response;
    try {
      response = await attempt(spec, url);
    } catch (error) {
      const retriable = error instanceof SchedulerError && (error.details as { retriable?: boolean }).retriable === true;
      if (retriable) return { error: error as SchedulerError, retriable };
      throw error;
    }
    const ok = (response.status >= 200 && response.status < 300) || spec.accept?.includes(response.status);
    if (ok) return { result: { status: response.status, headers: response.headers, body: await parse<T>(response, url) } };
    const text = await response.clone().text();
    const body = await parse<unknown>(response, url).catch(() => text.slice(0, 500));
    let kind: ReturnType<ErrorClassifier>;
    try {
      kind = classify(response.status, body);
    } catch {
      kind = undefined; // an odd error body must not turn into a non-SchedulerError
    }
    const rateLimited = response.status === 429 || kind?.rateLimited === true;
    const code: SchedulerErrorCode = rateLimited
      ? 'provider-rate-limited'
      : kind?.auth
        ? 'provider-auth'
        : codeForStatus(response.status);
    const waitMs = parseRetryAfter(response.headers.get('retry-after'), now());
    return {
      error: errorFor(code, provider, `HTTP ${response.status}`, { status: response.status, body, retryAfterMs: waitMs }),
      retriable: rateLimited || RETRIABLE.has(response.status),
      waitMs,
    };
  }

  /** Sends a request, retrying what may be retried; returns an accepted response or throws. */
  async function request<T = unknown>(spec: RequestSpec): Promise<HttpResult<T>> {
    const url = urlOf(spec);
    for (let retry = 0; ; retry++) {
      if (spec.signal?.aborted) throw aborted(spec.signal);
      const outcome = await tryOnce<T>(spec, url);
      if ('result' in outcome) return outcome.result;
      const { error, retriable, waitMs } = outcome;
      // A Retry-After longer than we are willing to wait fails now, with the wait in its details.
      if (!retriable || retry >= retries || (waitMs ?? 0) > maxDelay) throw error;
      try {
        await sleep(waitMs ?? random() * Math.min(maxDelay, baseDelay * 2 ** retry), spec.signal);
      } catch (cause) {
        if (spec.signal?.aborted) throw aborted(spec.signal);
        throw errorFor('network', provider, 'waiting to retry failed', { cause: String(cause) });
      }
    }
  }

  return { request, baseUrl };
}

export type HttpClient = ReturnType<typeof createHttpClient>;
