/**
 * Wire tests of the one HTTP layer every provider adapter uses, with a scripted fetch
 * (it records every request) and injected time and chance, so retries run instantly
 * and the backoff is exact.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SchedulerError } from '@meeting-scheduler/core';
import {
  createHttpClient,
  type ErrorClassifier,
  type HttpInternals,
  type ProviderOptions,
} from '../../packages/adapters/src/internal/http.ts';
import { isSchedulerError } from './contract.ts';

const BASE = 'https://api.acme.example/v1/';
const NOW = Date.parse('2026-03-09T12:00:00Z');

interface Recorded {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

/** One scripted answer: a response, or a throw (a dropped connection), or anything a fetch might do. */
type Step = (request: Recorded) => Response | Promise<Response>;

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Step => () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const text = (status: number, body: string, headers: Record<string, string> = {}): Step => () => new Response(body, { status, headers });
const empty = (status: number): Step => () => new Response(null, { status });
const drop: Step = () => {
  throw new TypeError('fetch failed');
};
/** Never answers, but gives up when its signal aborts, as a real fetch does. */
const hang: Step = (request) =>
  new Promise((_, reject) => {
    request.signal?.addEventListener('abort', () => reject(request.signal?.reason), { once: true });
  });

function scriptedFetch(script: Step[]) {
  const requests: Recorded[] = [];
  const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const request: Recorded = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? init.body : undefined,
      signal: init.signal ?? undefined,
    };
    requests.push(request);
    const step = script.shift();
    if (!step) throw new Error(`unscripted request ${request.method} ${request.url}`);
    return step(request);
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

interface Setup {
  script: Step[];
  opts?: Partial<ProviderOptions>;
  classify?: ErrorClassifier;
  internals?: HttpInternals;
  tokens?: string[];
  /** Use http.ts's own sleep (real timers, watches the signal) instead of the recorded one. */
  realSleep?: boolean;
}

/** A client for the provider "acme" with base delay 100 ms, random 0.5 and a recorded, instant sleep. */
function setup({ script, opts = {}, classify, internals = {}, tokens = ['tok-1'], realSleep = false }: Setup) {
  const { fetch, requests } = scriptedFetch(script);
  const delays: number[] = [];
  let tokenCalls = 0;
  const getAccessToken = async () => tokens[Math.min(tokenCalls++, tokens.length - 1)]!;
  const http = createHttpClient(
    'acme',
    BASE,
    { getAccessToken, fetch, ...opts, retry: { baseDelayMs: 100, ...opts.retry } },
    classify,
    {
      ...(realSleep
        ? {}
        : {
            sleep: async (ms: number) => {
              delays.push(ms);
            },
          }),
      random: () => 0.5,
      now: () => NOW,
      ...internals,
    },
  );
  return { http, requests, delays, tokenCalls: () => tokenCalls };
}

/** The rejection of `p`, which must be a SchedulerError. */
async function failure(p: Promise<unknown>): Promise<SchedulerError & { details: Record<string, unknown> }> {
  const error = await p.then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SchedulerError, `a SchedulerError, not ${String(error)}`);
  return error as SchedulerError & { details: Record<string, unknown> };
}

describe('http: what is sent', () => {
  test('every attempt asks for a token, so a token refreshed after a failure is used on the retry', async () => {
    const { http, requests } = setup({ script: [json(503, {}), json(200, { ok: true })], tokens: ['expired', 'fresh'] });
    await http.request({ method: 'GET', path: '/calendars' });
    assert.deepEqual(requests.map((r) => r.headers.get('authorization')), ['Bearer expired', 'Bearer fresh']);
    assert.equal(requests[0]!.headers.get('accept'), 'application/json');
  });

  test('a body is sent as JSON with its content type; a GET has neither', async () => {
    const { http, requests } = setup({ script: [json(200, {}), json(200, {})] });
    await http.request({ method: 'POST', path: '/events', body: { summary: 'Logo review', attendees: [{ email: 'bob@studio.example' }] } });
    await http.request({ method: 'GET', path: '/events' });
    assert.equal(requests[0]!.method, 'POST');
    assert.equal(requests[0]!.headers.get('content-type'), 'application/json');
    assert.deepEqual(JSON.parse(requests[0]!.body!), { summary: 'Logo review', attendees: [{ email: 'bob@studio.example' }] });
    assert.equal(requests[1]!.headers.get('content-type'), null);
    assert.equal(requests[1]!.body, undefined);
  });

  test('the path goes below the base URL, with query parameters encoded and undefined ones left out', async () => {
    const { http, requests } = setup({ script: [json(200, {})] });
    await http.request({
      method: 'GET',
      path: '/calendars/team%40acme.example/events',
      query: { timeMin: '2026-03-09T00:00:00Z', maxResults: 250, singleEvents: true, pageToken: undefined, q: 'a&b c' },
    });
    const url = new URL(requests[0]!.url);
    assert.equal(url.origin + url.pathname, 'https://api.acme.example/v1/calendars/team%40acme.example/events');
    assert.deepEqual(Object.fromEntries(url.searchParams), { timeMin: '2026-03-09T00:00:00Z', maxResults: '250', singleEvents: 'true', q: 'a&b c' });
  });

  test('an absolute URL (a paging link) is requested as it is', async () => {
    const { http, requests } = setup({ script: [json(200, {})] });
    await http.request({ method: 'GET', path: 'https://api.acme.example/v1/events?$skiptoken=abc' });
    assert.equal(requests[0]!.url, 'https://api.acme.example/v1/events?$skiptoken=abc');
  });

  test('extra headers are sent', async () => {
    const { http, requests } = setup({ script: [json(200, {})] });
    await http.request({ method: 'PATCH', path: '/events/e1', body: {}, headers: { 'if-match': '"etag-1"' } });
    assert.equal(requests[0]!.headers.get('if-match'), '"etag-1"');
  });

  test('an absolute URL on another origin is not sent the bearer token', async () => {
    // A paging link is provider data; a hostile or broken one must not receive the account's token.
    const { http, requests } = setup({ script: [json(200, {})] });
    await http.request({ method: 'GET', path: 'https://evil.example/steal' }).catch(() => undefined);
    assert.ok(requests.every((r) => r.headers.get('authorization') === null));
  });
});

describe('http: what comes back', () => {
  test('a JSON answer is parsed, with its status and headers', async () => {
    const { http } = setup({ script: [json(200, { items: [1, 2] }, { etag: '"v2"' })] });
    const r = await http.request<{ items: number[] }>({ method: 'GET', path: '/x' });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { items: [1, 2] });
    assert.equal(r.headers.get('etag'), '"v2"');
  });

  test('an empty answer (204) has an undefined body', async () => {
    const { http } = setup({ script: [empty(204), text(200, '')] });
    assert.equal((await http.request({ method: 'DELETE', path: '/x' })).body, undefined);
    assert.equal((await http.request({ method: 'DELETE', path: '/x' })).body, undefined);
  });

  test('statuses the caller accepts are returned instead of thrown', async () => {
    const { http, requests } = setup({ script: [json(409, { error: { code: 409, message: 'The requested identifier already exists.' } }), empty(410)] });
    const r = await http.request({ method: 'POST', path: '/events', body: {}, accept: [409] });
    assert.equal(r.status, 409);
    assert.deepEqual(r.body, { error: { code: 409, message: 'The requested identifier already exists.' } });
    assert.equal((await http.request({ method: 'DELETE', path: '/events/e1', accept: [404, 410] })).status, 410);
    assert.equal(requests.length, 2, 'not retried');
  });

  test('a 2xx answer that is not JSON is provider-unavailable, with the body in the details', async () => {
    const { http, requests } = setup({ script: [text(200, '<html><body>502 Bad Gateway</body></html>')] });
    const error = await failure(http.request({ method: 'GET', path: '/x' }));
    assert.equal(error.code, 'provider-unavailable');
    assert.equal(error.details.body, '<html><body>502 Bad Gateway</body></html>');
    assert.equal(requests.length, 1);
  });
});

describe('http: Retry-After and backoff', () => {
  const cases: Array<[string, string | undefined, number]> = [
    ['whole seconds', '2', 2000],
    ['fractional seconds', '1.5', 1500],
    ['an HTTP date, counted from now', new Date(NOW + 3000).toUTCString(), 3000],
    ['an HTTP date already past', new Date(NOW - 60_000).toUTCString(), 0],
    ['zero', '0', 0],
    ['absent: a jittered backoff step instead', undefined, 50],
    ['unreadable: a jittered backoff step instead', 'soon', 50],
  ];
  for (const [what, retryAfter, waited] of cases) {
    test(`Retry-After as ${what} waits ${waited} ms before the retry`, async () => {
      const headers = retryAfter === undefined ? {} : { 'retry-after': retryAfter };
      const { http, delays, requests } = setup({ script: [json(429, {}, headers), json(200, { ok: true })] });
      assert.deepEqual((await http.request({ method: 'GET', path: '/x' })).body, { ok: true });
      assert.deepEqual(delays, [waited]);
      assert.equal(requests.length, 2);
    });
  }

  test('without Retry-After the backoff doubles from the base delay, with full jitter (random 0.5: 50, 100, 200)', async () => {
    const { http, delays } = setup({ script: [json(503, {}), json(503, {}), json(503, {}), json(200, {})] });
    await http.request({ method: 'GET', path: '/x' });
    assert.deepEqual(delays, [50, 100, 200]);
  });

  test('the backoff never exceeds maxDelayMs', async () => {
    const { http, delays } = setup({ script: [json(500, {}), json(500, {}), json(500, {}), json(200, {})], opts: { retry: { maxDelayMs: 150 } } });
    await http.request({ method: 'GET', path: '/x' });
    assert.deepEqual(delays, [50, 75, 75]);
  });

  test('a Retry-After longer than maxDelayMs fails at once, with the wait in the details', async () => {
    const { http, delays, requests } = setup({ script: [json(429, {}, { 'retry-after': '120' })], opts: { retry: { maxDelayMs: 30_000 } } });
    const error = await failure(http.request({ method: 'GET', path: '/x' }));
    assert.equal(error.code, 'provider-rate-limited');
    assert.equal(error.details.retryAfterMs, 120_000);
    assert.deepEqual(delays, []);
    assert.equal(requests.length, 1);
  });

  test('a 503 with Retry-After waits as asked too', async () => {
    const { http, delays } = setup({ script: [json(503, {}, { 'retry-after': '1' }), json(200, {})] });
    await http.request({ method: 'GET', path: '/x' });
    assert.deepEqual(delays, [1000]);
  });
});

describe('http: which failures are retried', () => {
  const retried: Array<[string, () => Step, string]> = [
    ['429', () => json(429, {}), 'provider-rate-limited'],
    ['500', () => json(500, {}), 'provider-unavailable'],
    ['502', () => text(502, '<html>Bad Gateway</html>'), 'provider-unavailable'],
    ['503', () => json(503, {}), 'provider-unavailable'],
    ['504', () => json(504, {}), 'provider-unavailable'],
    ['a dropped connection', () => drop, 'network'],
  ];
  for (const [what, step, code] of retried) {
    test(`${what} is retried, exactly retries + 1 attempts in all, then fails as ${code}`, async () => {
      const { http, requests, delays } = setup({ script: [step(), step(), step(), step(), step()], opts: { retry: { retries: 2 } } });
      const error = await failure(http.request({ method: 'GET', path: '/x' }));
      assert.equal(error.code, code);
      assert.equal(requests.length, 3);
      assert.equal(delays.length, 2);
    });
  }

  test('a failure followed by success returns the success', async () => {
    const { http, requests } = setup({ script: [drop, json(502, {}), json(200, { ok: 1 })] });
    assert.deepEqual((await http.request({ method: 'GET', path: '/x' })).body, { ok: 1 });
    assert.equal(requests.length, 3);
  });

  test('retries: 0 means one attempt', async () => {
    const { http, requests } = setup({ script: [json(503, {})], opts: { retry: { retries: 0 } } });
    await failure(http.request({ method: 'GET', path: '/x' }));
    assert.equal(requests.length, 1);
  });

  for (const status of [501, 400]) {
    test(`${status} is not retried`, async () => {
      const { http, requests, delays } = setup({ script: [json(status, {}), json(200, {})] });
      await failure(http.request({ method: 'GET', path: '/x' }));
      assert.equal(requests.length, 1);
      assert.deepEqual(delays, []);
    });
  }
});

describe('http: how failures are reported', () => {
  const mapping: Array<[number, string]> = [
    [400, 'invalid-input'],
    [401, 'provider-auth'],
    [403, 'provider-auth'],
    [404, 'not-found'],
    [409, 'conflict'],
    [410, 'not-found'],
    [412, 'conflict'],
    [422, 'invalid-input'],
    [429, 'provider-rate-limited'],
    [500, 'provider-unavailable'],
    [501, 'provider-unavailable'],
    [503, 'provider-unavailable'],
  ];
  for (const [status, code] of mapping) {
    test(`HTTP ${status} is ${code}, with the provider’s error body in the details`, async () => {
      const envelope = { error: { code: status, message: 'Provider says no' } };
      const { http } = setup({ script: [json(status, envelope)], opts: { retry: { retries: 0 } } });
      const error = await failure(http.request({ method: 'GET', path: '/x' }));
      assert.equal(error.code, code);
      assert.equal(error.details.status, status);
      assert.equal(error.details.provider, 'acme');
      assert.deepEqual(error.details.body, envelope);
      assert.match(error.message, /^acme: /);
    });
  }

  test('a 403 the provider marks as a rate limit is retried and reported as rate-limited', async () => {
    const rateLimited = { error: { code: 403, errors: [{ reason: 'rateLimitExceeded' }] } };
    const seen: Array<[number, unknown]> = [];
    const classify: ErrorClassifier = (status, body) => {
      seen.push([status, body]);
      const reason = (body as typeof rateLimited | undefined)?.error?.errors?.[0]?.reason;
      return reason === 'rateLimitExceeded' ? { rateLimited: true } : undefined;
    };
    const { http, requests } = setup({ script: [json(403, rateLimited), json(403, rateLimited)], classify, opts: { retry: { retries: 1 } } });
    const error = await failure(http.request({ method: 'GET', path: '/x' }));
    assert.equal(error.code, 'provider-rate-limited');
    assert.equal(requests.length, 2);
    assert.deepEqual(seen[0], [403, rateLimited], 'the classifier reads the parsed error body');
  });

  test('an error the provider marks as an auth failure is provider-auth and not retried', async () => {
    const classify: ErrorClassifier = (_, body) => ((body as { error?: string } | undefined)?.error === 'invalid_grant' ? { auth: true } : undefined);
    const { http, requests } = setup({ script: [json(400, { error: 'invalid_grant' })], classify });
    const error = await failure(http.request({ method: 'GET', path: '/x' }));
    assert.equal(error.code, 'provider-auth');
    assert.equal(requests.length, 1);
  });

  test('no answer within timeoutMs is a network error marked as a timeout', async () => {
    const { http, requests } = setup({ script: [hang], opts: { timeoutMs: 20, retry: { retries: 0 } } });
    const error = await failure(http.request({ method: 'GET', path: '/x' }));
    assert.equal(error.code, 'network');
    assert.equal(error.details.timeout, true);
    assert.equal(requests.length, 1);
  });

  test('a timed-out attempt is retried like a dropped connection', async () => {
    const { http, requests } = setup({ script: [hang, json(200, { ok: true })], opts: { timeoutMs: 20 } });
    assert.deepEqual((await http.request({ method: 'GET', path: '/x' })).body, { ok: true });
    assert.equal(requests.length, 2);
  });

  test('a fetch that ignores its abort signal still times out', async () => {
    // http.ts relies on the injected fetch rejecting when its signal aborts; a wrapper
    // that drops `signal` makes the request hang past timeoutMs. Guarded so it cannot hang the suite.
    const deaf: Step = () => new Promise<Response>(() => undefined);
    const { http } = setup({ script: [deaf], opts: { timeoutMs: 20, retry: { retries: 0 } } });
    const outcome = await Promise.race([
      http.request({ method: 'GET', path: '/x' }).then(() => 'answered', (e: unknown) => e),
      new Promise((resolve) => setTimeout(() => resolve('still waiting after 500 ms'), 500)),
    ]);
    assert.ok(isSchedulerError('network')(outcome), String(outcome));
  });

  test('an access token that cannot be had is provider-auth, and nothing is sent', async () => {
    const { fetch, requests } = scriptedFetch([json(200, {})]);
    const refused = createHttpClient('acme', BASE, { getAccessToken: () => Promise.reject(new Error('consent revoked')), fetch });
    assert.equal((await failure(refused.request({ method: 'GET', path: '/x' }))).code, 'provider-auth');
    const blank = createHttpClient('acme', BASE, { getAccessToken: async () => '', fetch });
    assert.equal((await failure(blank.request({ method: 'GET', path: '/x' }))).code, 'provider-auth');
    assert.equal(requests.length, 0);
  });

  test('a client without getAccessToken is refused when it is made', () => {
    assert.throws(() => createHttpClient('acme', BASE, {} as ProviderOptions), isSchedulerError('invalid-input'));
  });

  test('whatever a fetch throws comes out as a SchedulerError', async () => {
    const odd: Step[] = [
      () => {
        throw 'a string';
      },
      () => {
        throw undefined;
      },
      () => Promise.reject(new RangeError('odd')),
      () => ({ status: 200, statusText: 'OK', headers: new Headers(), text: () => Promise.reject(new Error('body stream broke')) }) as unknown as Response,
    ];
    for (const step of odd) {
      const { http } = setup({ script: [step], opts: { retry: { retries: 0 } } });
      assert.equal((await failure(http.request({ method: 'GET', path: '/x' }))).code, 'network');
    }
  });

  test('a classifier that throws on an odd error body still yields a SchedulerError', async () => {
    // Classifiers read untrusted bodies; http.ts calls them unguarded, so their TypeError escapes.
    const classify: ErrorClassifier = (_, body) => ((body as { error: { code: string } }).error.code === 'x' ? { auth: true } : undefined);
    const { http } = setup({ script: [text(500, 'not json')], classify, opts: { retry: { retries: 0 } } });
    await failure(http.request({ method: 'GET', path: '/x' }));
  });
});

describe('http: aborting', () => {
  test('a request aborted before it starts sends nothing and is a network error marked aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { http, requests } = setup({ script: [json(200, {})] });
    const error = await failure(http.request({ method: 'GET', path: '/x', signal: controller.signal }));
    assert.equal(error.code, 'network');
    assert.equal(error.details.aborted, true);
    assert.equal(requests.length, 0);
  });

  test('aborting while the request is in flight rejects as aborted and is not retried', async () => {
    const controller = new AbortController();
    const { http, requests } = setup({ script: [hang, json(200, {})] });
    const pending = http.request({ method: 'GET', path: '/x', signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    const error = await failure(pending);
    assert.equal(error.code, 'network');
    assert.equal(error.details.aborted, true);
    assert.equal(error.details.timeout, undefined);
    assert.equal(requests.length, 1);
  });

  test('aborting during the backoff sleep rejects at once, without another attempt', async () => {
    const controller = new AbortController();
    // The real sleep: a long backoff that only the abort can cut short.
    const { http, requests } = setup({
      script: [json(503, {}), json(200, {})],
      opts: { retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } },
      realSleep: true,
    });
    const started = performance.now();
    const pending = http.request({ method: 'GET', path: '/x', signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    const error = await failure(pending);
    assert.equal(error.code, 'network');
    assert.equal(error.details.aborted, true);
    assert.equal(requests.length, 1);
    assert.ok(performance.now() - started < 5_000);
  });

  test('an abort during a sleep that does not watch the signal still stops before the next attempt', async () => {
    const controller = new AbortController();
    const { http, requests } = setup({
      script: [json(503, {}), json(200, {})],
      internals: {
        sleep: async () => {
          controller.abort();
        },
      },
    });
    const error = await failure(http.request({ method: 'GET', path: '/x', signal: controller.signal }));
    assert.equal(error.details.aborted, true);
    assert.equal(requests.length, 1);
  });

  test('aborting while the access token is being fetched sends nothing', async () => {
    // The abort listener is added after getAccessToken resolves; an abort in between is
    // missed (the event has fired already), so the request is sent and its answer returned.
    const controller = new AbortController();
    const { fetch, requests } = scriptedFetch([json(200, { ok: true })]);
    const http = createHttpClient('acme', BASE, {
      fetch,
      getAccessToken: async () => {
        controller.abort();
        return 'tok';
      },
    });
    const error = await failure(http.request({ method: 'GET', path: '/x', signal: controller.signal }));
    assert.equal(error.details.aborted, true);
    assert.equal(requests.length, 0);
  });
});
