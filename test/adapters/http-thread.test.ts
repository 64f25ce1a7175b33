/**
 * `httpThread`: the SSE parser on tricky input; the adapter against a small fake of
 * the server's API (a real HTTP server on 127.0.0.1 over a `memoryThread`, with fault
 * injection and streams the test can drop); and the ThreadAdapter contract against
 * the fake and against the real `@meeting-scheduler/server`.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { serve } from '@hono/node-server';
import { SchedulerError, reduceMeeting, type MeetingEvent, type Participant } from '@meeting-scheduler/core';
import { memoryThread } from '@meeting-scheduler/adapters/memory';
import { httpThread, type HttpThreadOptions, type StreamStatus, type ThreadMessage } from '../../packages/adapters/src/http/index.ts';
import type { HttpInternals } from '../../packages/adapters/src/internal/http.ts';
import { createSseParser, readSseStream, type SseEvent } from '../../packages/adapters/src/http/sse.ts';
import { isSchedulerError, proposalFor, threadAdapterContract } from './contract.ts';

// ---------------------------------------------------------------------------
// The SSE parser

interface Parsed {
  events: Array<Pick<SseEvent, 'type' | 'data' | 'id'>>;
  retries: number[];
  comments: string[];
  lastEventId: string;
}

function parse(chunks: string[], lastEventId?: string): Parsed {
  const out: Parsed = { events: [], retries: [], comments: [], lastEventId: '' };
  const parser = createSseParser(
    { onEvent: (e) => out.events.push(e), onRetry: (ms) => out.retries.push(ms), onComment: (c) => out.comments.push(c) },
    lastEventId === undefined ? {} : { lastEventId },
  );
  for (const c of chunks) parser.feed(c);
  out.lastEventId = parser.lastEventId;
  parser.end();
  return out;
}

const data = (p: Parsed) => p.events.map((e) => e.data);

async function parseBytes(chunks: Uint8Array[]): Promise<Parsed> {
  const out: Parsed = { events: [], retries: [], comments: [], lastEventId: '' };
  const parser = createSseParser({ onEvent: (e) => out.events.push(e), onRetry: (ms) => out.retries.push(ms), onComment: (c) => out.comments.push(c) });
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
  await readSseStream(body, parser);
  out.lastEventId = parser.lastEventId;
  return out;
}

describe('SSE parser', () => {
  test('a field split across chunks arrives whole', () => {
    assert.deepEqual(parse(['da', 'ta: hel', 'lo\n', '\n']).events, [{ type: 'message', data: 'hello', id: '' }]);
  });

  test('data lines join with newlines; one space after the colon is dropped, others are kept', () => {
    assert.deepEqual(data(parse(['data:a\ndata:  b\ndata\ndata: c\n\n'])), ['a\n b\n\nc']);
  });

  test('CRLF, LF and CR all end lines, also when a CRLF is split between chunks', () => {
    const p = parse(['event: meeting-event\r', '\ndata: 1\r\r', 'data: 2\n\n', 'data: 3\r\n\r', '\n']);
    assert.deepEqual(p.events.map((e) => [e.type, e.data]), [['meeting-event', '1'], ['message', '2'], ['message', '3']]);
  });

  test('comments are heartbeats, never events', () => {
    const p = parse([': ping\n\n', ':\n', 'data: x\n: between\n\n']);
    assert.deepEqual(p.comments, [' ping', '', ' between']);
    assert.deepEqual(data(p), ['x']);
  });

  test('retry takes whole milliseconds only', () => {
    assert.deepEqual(parse(['retry: 2500\nretry: 1s\nretry: -1\nretry:\nretry: 3000\n\n']).retries, [2500, 3000]);
  });

  test('an id carries over to later events and to the resume point; one with NUL is ignored; an empty one resets', () => {
    const p = parse(['id: 7\ndata: a\n\ndata: b\n\nid: 8\0\ndata: c\n\nid\ndata: d\n\n']);
    assert.deepEqual(p.events.map((e) => e.id), ['7', '7', '7', '']);
    assert.equal(p.lastEventId, '');
    assert.equal(parse(['data: a\n\n'], '41').events[0]!.id, '41', 'a reconnection starts from the previous id');
  });

  test('a block without data dispatches nothing but still moves the resume point', () => {
    const p = parse(['id: 3\n\n', 'event: x\n\n', 'data: y\n\n']);
    assert.deepEqual(p.events, [{ type: 'message', data: 'y', id: '3' }]);
    assert.equal(p.lastEventId, '3');
  });

  test('an event type names one event only; unknown fields and a field without a colon are ignored', () => {
    const p = parse(['event: meeting-event\nfoo: bar\nevent\ndata: x\n\n', 'data: y\n\n']);
    assert.deepEqual(p.events.map((e) => e.type), ['message', 'message'], 'a bare "event" line sets an empty type');
    const q = parse(['event: meeting-event\nfoo: bar\ndata: x\n\ndata: y\n\n']);
    assert.deepEqual(q.events.map((e) => e.type), ['meeting-event', 'message']);
  });

  test('one byte-order mark at the start is skipped, even in a chunk of its own; a second one is not', () => {
    assert.deepEqual(data(parse(['\uFEFFdata: a\n\n'])), ['a']);
    assert.deepEqual(data(parse(['\uFEFF', 'data: a\n\n'])), ['a']);
    assert.deepEqual(data(parse(['\uFEFF\uFEFFdata: a\n\n'])), [], 'the second BOM makes the field unknown');
  });

  test('an event cut off by the end of the stream is dropped', () => {
    assert.deepEqual(data(parse(['data: a\n\ndata: b\n'])), ['a']);
    assert.deepEqual(data(parse(['data: a\n\ndata: b'])), ['a']);
  });

  test('bytes split anywhere (inside a UTF-8 character, between CR and LF) read the same as one chunk', async () => {
    const text = '\uFEFFid: 1\r\nevent: meeting-event\r\ndata: {"text":"Grüße 😀 日本"}\r\n\r\n: hb\rdata: ok\r\rretry: 500\nid: 2\ndata: é\n\n';
    const bytes = new TextEncoder().encode(text);
    const whole = await parseBytes([bytes]);
    assert.deepEqual(whole.events, [
      { type: 'meeting-event', data: '{"text":"Grüße 😀 日本"}', id: '1' },
      { type: 'message', data: 'ok', id: '1' },
      { type: 'message', data: 'é', id: '2' },
    ]);
    assert.deepEqual(whole.retries, [500]);
    assert.deepEqual(whole.comments, [' hb']);
    for (let i = 1; i < bytes.length; i++) {
      assert.deepEqual(await parseBytes([bytes.subarray(0, i), bytes.subarray(i)]), whole, `split at byte ${i}`);
    }
    assert.deepEqual(await parseBytes([...bytes].map((b) => Uint8Array.of(b))), whole, 'one byte at a time');
  });
});

// ---------------------------------------------------------------------------
// A fake of the server's API, over a memoryThread, on a real HTTP port

const ALICE: Participant = { id: 'alice', name: 'Alice', timeZone: 'America/New_York', email: 'alice@acme.example' };
const BOB: Participant = { id: 'bob', name: 'Bob', timeZone: 'Asia/Kolkata', email: 'bob@studio.example' };
const CARA: Participant = { id: 'cara', name: 'Cara', timeZone: 'Europe/Berlin' };

interface Recorded {
  method: string;
  path: string;
  search: string;
  headers: Headers;
}

interface FakeOptions {
  /** Send `event: ready` with the starting position when a stream opens, as the server does (default true). */
  hello?: boolean;
  /** On resume, also repeat this many already-sent frames (an at-least-once server). */
  replayOverlap?: number;
}

const STATUS: Record<string, number> = {
  'not-found': 404, 'not-a-participant': 403, 'permission-denied': 403, conflict: 409, 'stale-sequence': 409,
  'invalid-input': 422, 'invalid-transition': 422, 'slot-unavailable': 422,
};

const envelope = (status: number, code: string, message = code, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ error: { code, message, ...extra } }), { status, headers: { 'content-type': 'application/json', ...headers } });
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let threadCount = 0;

async function fakeServer(options: FakeOptions = {}) {
  const threadId = `t-fake-${++threadCount}`;
  const store = memoryThread({ currentUserId: 'alice', threads: [{ id: threadId, title: 'Logo', participants: [ALICE, BOB] }, { id: `${threadId}-other`, participants: [ALICE, CARA] }] });
  const messages = new Map<string, ThreadMessage[]>();
  /** Everything streamed, by position (1, 2, …). */
  const log: Array<{ pos: number; threadId: string; frame: string }> = [];
  const streams = new Set<{ threadId: string; controller: ReadableStreamDefaultController<Uint8Array> }>();
  const requests: Recorded[] = [];
  const faults: Array<{ when: (r: Recorded) => boolean; respond: () => Response }> = [];
  const encoder = new TextEncoder();

  function publish(thread: string, type: string, payload: unknown): void {
    const pos = log.length + 1;
    const frame = `id: ${pos}\nevent: ${type}\ndata: ${JSON.stringify(payload)}\n\n`;
    log.push({ pos, threadId: thread, frame });
    for (const s of streams) if (s.threadId === thread) s.controller.enqueue(encoder.encode(frame));
  }

  function refusal(e: unknown, meeting?: unknown): Response {
    if (!(e instanceof SchedulerError)) return envelope(500, 'provider-unavailable');
    if (e.code === 'conflict') {
      return envelope(409, 'stale-sequence', e.message, { details: { meeting: (e.details as { meeting?: unknown }).meeting ?? meeting } });
    }
    return envelope(STATUS[e.code] ?? 500, e.code, e.message);
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const rec: Recorded = { method: request.method, path: url.pathname, search: url.search, headers: request.headers };
    requests.push(rec);
    const fault = faults.findIndex((f) => f.when(rec));
    if (fault !== -1) return faults.splice(fault, 1)[0]!.respond();
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] === 'guest' && parts[1]?.startsWith('tok.')) {
      const meetingId = parts[1].slice(4);
      const events = (await store.listEvents(threadId)).filter((e) => e.meetingId === meetingId);
      const thread = await store.getThread(threadId);
      return json(200, { guestId: 'guest-1', meeting: reduceMeeting(events, thread), participants: thread.participants });
    }
    const user = request.headers.get('x-user-id');
    if (!user) return envelope(401, 'unauthenticated', 'sign in first');
    const view = store.as(user);
    try {
      if (parts[0] === 'threads' && parts.length === 1) return json(200, await view.threads());
      if (parts[0] === 'threads' && parts[1] !== undefined) {
        const id = parts[1];
        const info = await view.getThread(id).catch(() => undefined);
        if (!info) return envelope(403, 'not-a-participant', 'not in this thread');
        if (parts.length === 2) return json(200, info);
        if (parts[2] === 'events' && request.method === 'GET') return json(200, await view.listEvents(id));
        if (parts[2] === 'events' && request.method === 'POST') {
          const e = (await request.json()) as MeetingEvent;
          if ((await view.listEvents(id)).some((x) => x.id === e.id)) return json(200, e);
          const match = /^"(\d+)"$/.exec(request.headers.get('if-match') ?? '');
          await view.appendEvent(id, e, match ? { expectedSequence: Number(match[1]) } : {});
          publish(id, 'meeting-event', e);
          return json(201, e);
        }
        if (parts[2] === 'messages') {
          const list = messages.get(id) ?? [];
          messages.set(id, list);
          if (request.method === 'GET') return json(200, list);
          const body = (await request.json()) as { id: string; text: string };
          const existing = list.find((m) => m.id === body.id);
          if (existing) return json(200, existing);
          const m: ThreadMessage = { id: body.id, threadId: id, by: user, text: body.text, at: '2026-03-01T12:00:00Z' };
          list.push(m);
          publish(id, 'thread-message', m);
          return json(201, m);
        }
        if (parts[2] === 'stream') return stream(id, request, url);
      }
      if (parts[0] === 'meetings' && parts[2] === 'share' && request.method === 'POST') {
        return json(201, { token: `tok.${parts[1]}`, url: `${url.origin}/guest/tok.${parts[1]}`, guestId: 'guest-1', expiresAt: '2026-04-01T00:00:00Z' });
      }
      return envelope(404, 'not-found');
    } catch (e) {
      return refusal(e);
    }
  }

  function stream(id: string, request: Request, url: URL): Response {
    const from = Number(request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId') ?? NaN);
    let entry: { threadId: string; controller: ReadableStreamDefaultController<Uint8Array> };
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        entry = { threadId: id, controller };
        streams.add(entry);
        const cursor = Number.isInteger(from) ? from : log.length;
        if (options.hello !== false) controller.enqueue(encoder.encode(`id: ${cursor}\nevent: ready\ndata: {"position":${cursor}}\n\n`));
        if (Number.isInteger(from)) {
          const replay = log.filter((l) => l.threadId === id && l.pos > from - (options.replayOverlap ?? 0));
          for (const l of replay) controller.enqueue(encoder.encode(l.frame));
        }
      },
      cancel() {
        streams.delete(entry);
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' } });
  }

  const { server, url } = await listen(handle);
  return {
    threadId,
    url,
    requests,
    streamRequests: () => requests.filter((r) => r.path.endsWith('/stream')),
    openStreams: () => streams.size,
    /** The next request `when` matches gets `respond()` instead. */
    fault(when: (r: Recorded) => boolean, respond: () => Response) {
      faults.push({ when, respond });
    },
    /** Another client's event, stored and streamed. */
    async append(userId: string, e: MeetingEvent, expectedSequence?: number) {
      await store.as(userId).appendEvent(threadId, e, expectedSequence === undefined ? {} : { expectedSequence });
      publish(threadId, 'meeting-event', e);
    },
    /** Raw SSE text to every open stream of the thread. */
    send(raw: string) {
      for (const s of streams) s.controller.enqueue(encoder.encode(raw));
    },
    /** Ends every open stream (the server restarted, a proxy timed out). */
    drop() {
      for (const s of streams) s.controller.close();
      streams.clear();
    },
    close: () => close(server),
  };
}

type Handler = (request: Request) => Response | Promise<Response>;

async function listen(handler: Handler) {
  let server!: ReturnType<typeof serve>;
  const info = await new Promise<AddressInfo>((resolve) => {
    server = serve({ fetch: handler, hostname: '127.0.0.1', port: 0, overrideGlobalObjects: false }, resolve);
  });
  return { server, url: `http://127.0.0.1:${info.port}` };
}

function close(server: ReturnType<typeof serve>): Promise<void> {
  return new Promise((resolve) => {
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    server.close(() => resolve());
  });
}

type Fake = Awaited<ReturnType<typeof fakeServer>>;

/** Time and chance for the client: waits are recorded and pass at once (or when the test says). */
function clock(o: { gated?: boolean } = {}) {
  const delays: number[] = [];
  const gates: Array<() => void> = [];
  const internals: HttpInternals = {
    random: () => 0.5,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        delays.push(ms);
        const done = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => reject(signal?.reason);
        signal?.addEventListener('abort', onAbort, { once: true });
        if (o.gated) gates.push(done);
        else setTimeout(done, 0);
      }),
  };
  return {
    internals,
    delays,
    /** Lets every wait that is holding go on. */
    release: () => gates.splice(0).forEach((g) => g()),
    waiting: () => gates.length,
  };
}

function client(fake: Fake, userId: string, extra: Partial<HttpThreadOptions> = {}, internals: HttpInternals = clock().internals) {
  return httpThread({ baseUrl: fake.url, headers: { 'x-user-id': userId }, retry: { baseDelayMs: 100, maxDelayMs: 1000 }, ...extra }, internals);
}

function until<T>(get: () => T | undefined | false, what: string, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const v = get();
      if (v !== undefined && v !== false) return resolve(v);
      if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 5);
    };
    tick();
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function acceptOf(p: ReturnType<typeof proposalFor>, sequence = 0, id = `${p.meetingId}-a`): MeetingEvent {
  return { type: 'accepted', id, meetingId: p.meetingId, by: 'bob', at: '2026-03-02T12:00:00Z', sequence, option: p.options[0]! };
}

function rescheduleOf(p: ReturnType<typeof proposalFor>, sequence = 0): MeetingEvent {
  return {
    type: 'rescheduled', id: `${p.meetingId}-r${sequence}`, meetingId: p.meetingId, by: 'alice', at: '2026-03-02T11:00:00Z', sequence,
    options: [{ start: '2026-03-12T13:00:00Z', end: '2026-03-12T13:30:00Z' }],
  };
}

async function failure(p: Promise<unknown>): Promise<SchedulerError & { details: Record<string, unknown> }> {
  const error = await p.then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SchedulerError, `a SchedulerError, not ${String(error)}`);
  return error as SchedulerError & { details: Record<string, unknown> };
}

/** Starts a fake for one test and closes it afterwards. */
async function withFake(run: (fake: Fake) => Promise<void>, options?: FakeOptions): Promise<void> {
  const fake = await fakeServer(options);
  try {
    await run(fake);
  } finally {
    await fake.close();
  }
}

describe('httpThread: requests', () => {
  test('the thread reads back as ThreadInfo, with the host’s headers on every request (a function is asked each time)', () =>
    withFake(async (fake) => {
      let asked = 0;
      const alice = httpThread({ baseUrl: `${fake.url}/`, headers: () => (asked++, { 'x-user-id': 'alice', 'x-app': 'demo' }) });
      const info = await alice.getThread(fake.threadId);
      assert.deepEqual(info, { id: fake.threadId, title: 'Logo', participants: [ALICE, BOB], currentUserId: 'alice' });
      await alice.listEvents(fake.threadId);
      assert.equal(asked, 2);
      assert.ok(fake.requests.every((r) => r.headers.get('x-app') === 'demo' && r.headers.get('accept') === 'application/json'));
      assert.equal(fake.requests[0]!.path, `/threads/${fake.threadId}`, 'a trailing slash on the base URL is fine');
    }));

  test('someone outside the thread is told so, with the server’s code', () =>
    withFake(async (fake) => {
      const cara = client(fake, 'cara');
      const error = await failure(cara.getThread(fake.threadId));
      assert.equal(error.code, 'not-a-participant');
      assert.equal(error.details.status, 403);
      assert.equal(error.message, 'not in this thread');
    }));

  test('an answer to an invite carries the sequence it was written against as If-Match; a new invite carries none', () =>
    withFake(async (fake) => {
      const alice = client(fake, 'alice');
      const bob = client(fake, 'bob');
      const p = proposalFor(fake.threadId);
      await alice.appendEvent(fake.threadId, p);
      await bob.appendEvent(fake.threadId, acceptOf(p), { expectedSequence: 0 });
      const posts = fake.requests.filter((r) => r.method === 'POST');
      assert.deepEqual(posts.map((r) => r.headers.get('if-match')), [null, '"0"']);
      assert.equal(posts[0]!.headers.get('content-type'), 'application/json');
      assert.deepEqual((await alice.listEvents(fake.threadId)).map((e) => e.id), [p.id, `${p.meetingId}-a`]);
    }));

  test('an answer that lost the race is a conflict carrying the current meeting', () =>
    withFake(async (fake) => {
      const alice = client(fake, 'alice');
      const bob = client(fake, 'bob');
      const p = proposalFor(fake.threadId);
      await alice.appendEvent(fake.threadId, p);
      await alice.appendEvent(fake.threadId, rescheduleOf(p, 0), { expectedSequence: 0 });
      const error = await failure(bob.appendEvent(fake.threadId, acceptOf(p), { expectedSequence: 0 }));
      assert.equal(error.code, 'conflict');
      assert.equal(error.details.status, 409);
      assert.equal(error.details.cause, 'stale-sequence');
      const meeting = error.details.meeting as { sequence: number; options: unknown[] };
      assert.equal(meeting.sequence, 1);
      assert.deepEqual(meeting.options, [{ start: '2026-03-12T13:00:00Z', end: '2026-03-12T13:30:00Z' }]);
    }));

  test('sending the same event twice resolves both times (201, then 200) and stores it once', () =>
    withFake(async (fake) => {
      const alice = client(fake, 'alice');
      const p = proposalFor(fake.threadId);
      await alice.appendEvent(fake.threadId, p);
      await alice.appendEvent(fake.threadId, p);
      assert.equal((await alice.listEvents(fake.threadId)).length, 1);
    }));

  test('every refusal keeps the server’s code; an unknown code, or no envelope, still becomes a SchedulerError', () =>
    withFake(async (fake) => {
      const alice = client(fake, 'alice', { retry: { retries: 0 } });
      const t = fake.threadId;
      const next = (status: number, body: () => Response) => fake.fault((r) => r.path === `/threads/${t}`, body);
      const cases: Array<[() => Response, string, number]> = [
        [() => envelope(422, 'invalid-transition', 'not now'), 'invalid-transition', 422],
        [() => envelope(403, 'permission-denied'), 'permission-denied', 403],
        [() => envelope(404, 'not-found'), 'not-found', 404],
        [() => envelope(418, 'teapot', 'short and stout'), 'provider-unavailable', 418],
        [() => envelope(422, 'toString', 'inherited name'), 'provider-unavailable', 422],
        [() => envelope(413, 'invalid-input', 'too large'), 'invalid-input', 413],
        [() => new Response('Payload Too Large', { status: 413 }), 'invalid-input', 413],
        [() => new Response('<html>Bad gateway</html>', { status: 502 }), 'provider-unavailable', 502],
        [() => new Response(null, { status: 404 }), 'not-found', 404],
        [() => new Response(null, { status: 401 }), 'unauthenticated', 401],
        [() => new Response(null, { status: 403 }), 'permission-denied', 403],
        [() => new Response(null, { status: 429 }), 'rate-limited', 429],
      ];
      for (const [respond, code, status] of cases) {
        next(status, respond);
        const error = await failure(alice.getThread(t));
        assert.equal(error.code, code, `${status} → ${code}`);
        assert.equal(error.details.status, status);
      }
      next(200, () => new Response('{"id":', { status: 200 }));
      assert.equal((await failure(alice.getThread(t))).code, 'provider-unavailable', 'a malformed body');
      next(200, () => json(200, { id: t }));
      assert.equal((await failure(alice.getThread(t))).code, 'provider-unavailable', 'a body that is not a thread');
    }));

  test('a flood answer is rate-limited with the wait in its details; a short wait is retried instead', () =>
    withFake(async (fake) => {
      const t = fake.threadId;
      const { internals, delays } = clock();
      const patient = client(fake, 'alice', {}, internals);
      fake.fault((r) => r.path === `/threads/${t}`, () => envelope(429, 'rate-limited', 'slow down', {}, { 'retry-after': '1' }));
      assert.equal((await patient.getThread(t)).id, t);
      assert.deepEqual(delays, [1000]);
      const hasty = client(fake, 'alice', { retry: { retries: 0 } });
      fake.fault((r) => r.path === `/threads/${t}`, () => envelope(429, 'rate-limited', 'slow down', {}, { 'retry-after': '7' }));
      const error = await failure(hasty.getThread(t));
      assert.equal(error.code, 'rate-limited');
      assert.equal(error.details.retryAfterMs, 7000);
      fake.fault((r) => r.path === `/threads/${t}`, () => envelope(429, 'rate-limited', 'slow down', {}, { 'retry-after': '120' }));
      assert.equal((await failure(patient.getThread(t))).details.retryAfterMs, 120_000, 'a wait beyond maxDelayMs fails at once');
      assert.deepEqual(delays, [1000]);
    }));

  test('a send whose answer was lost is retried and stored once', () =>
    withFake(async (fake) => {
      let lost = 0;
      const fetch: typeof globalThis.fetch = async (input, init) => {
        const response = await globalThis.fetch(input, init);
        if (init?.method === 'POST' && lost++ === 0) throw new TypeError('fetch failed: socket hang up');
        return response;
      };
      const { internals, delays } = clock();
      const alice = client(fake, 'alice', { fetch }, internals);
      const p = proposalFor(fake.threadId);
      await alice.appendEvent(fake.threadId, p);
      assert.equal(delays.length, 1, 'one retry');
      assert.deepEqual((await alice.listEvents(fake.threadId)).map((e) => e.id), [p.id]);
    }));

  test('an unreachable server is a network error after a bounded number of backed-off retries', async () => {
    const { internals, delays } = clock();
    const fetch: typeof globalThis.fetch = async () => {
      throw new TypeError('fetch failed: ECONNREFUSED');
    };
    const thread = httpThread({ baseUrl: 'http://127.0.0.1:9', fetch, retry: { retries: 3, baseDelayMs: 100 } }, internals);
    const error = await failure(thread.listEvents('t1'));
    assert.equal(error.code, 'network');
    assert.deepEqual(delays, [50, 100, 200], 'full jitter on 100, 200, 400 ms with chance 0.5');
  });

  test('an aborted request rejects with network, and a bad argument is refused before anything is sent', () =>
    withFake(async (fake) => {
      const alice = client(fake, 'alice');
      const controller = new AbortController();
      controller.abort();
      const error = await failure(alice.listEvents(fake.threadId, { signal: controller.signal }));
      assert.equal(error.code, 'network');
      assert.equal(error.details.aborted, true);
      await assert.rejects(alice.appendEvent(fake.threadId, proposalFor(fake.threadId), { expectedSequence: 1.5 }), isSchedulerError('invalid-input'));
      await assert.rejects(alice.getThread(''), isSchedulerError('invalid-input'));
      assert.equal(fake.requests.length, 0);
      assert.throws(() => httpThread({ baseUrl: '' }), isSchedulerError('invalid-input'));
    }));

  test('ids with reserved characters stay one path segment', () =>
    withFake(async (fake) => {
      const alice = client(fake, 'alice');
      await assert.rejects(alice.getThread('a/b?c#d'), isSchedulerError('not-a-participant'));
      assert.equal(fake.requests[0]!.path, '/threads/a%2Fb%3Fc%23d');
    }));

  test('threads, plain messages, share links and guest views go through the same API', () =>
    withFake(async (fake) => {
      const alice = client(fake, 'alice');
      const bob = client(fake, 'bob');
      assert.deepEqual((await alice.threads()).map((t) => t.id), [fake.threadId, `${fake.threadId}-other`]);
      assert.deepEqual((await bob.threads()).map((t) => t.id), [fake.threadId]);
      const sent = await alice.sendMessage(fake.threadId, { id: 'msg-1', text: 'Hi Bob' });
      assert.deepEqual(sent, { id: 'msg-1', threadId: fake.threadId, by: 'alice', text: 'Hi Bob', at: '2026-03-01T12:00:00Z' });
      await alice.sendMessage(fake.threadId, { id: 'msg-1', text: 'Hi Bob' });
      assert.deepEqual((await bob.listMessages(fake.threadId)).map((m) => m.text), ['Hi Bob']);
      const p = proposalFor(fake.threadId);
      await alice.appendEvent(fake.threadId, p);
      await bob.appendEvent(fake.threadId, acceptOf(p), { expectedSequence: 0 });
      const link = await alice.share(p.meetingId);
      assert.equal(link.url, `${fake.url}/guest/${link.token}`);
      const guest = httpThread({ baseUrl: fake.url }).guest(link.token);
      const view = await guest;
      assert.equal(view.meeting.status, 'confirmed');
      assert.deepEqual(view.meeting.confirmed, p.options[0]);
    }));

  test('cookie sign-in: credentials go with every request when asked for', async () => {
    const seen: Array<RequestInit['credentials']> = [];
    const fetch: typeof globalThis.fetch = async (_input, init) => {
      seen.push(init?.credentials);
      return json(200, []);
    };
    await httpThread({ baseUrl: 'https://chat.example/api', fetch, credentials: 'include' }).threads();
    await httpThread({ baseUrl: 'https://chat.example/api', fetch }).threads();
    assert.deepEqual(seen, ['include', undefined]);
  });
});

describe('httpThread: live updates', () => {
  test('a subscriber hears meeting events and messages in order, and sees the connection open', () =>
    withFake(async (fake) => {
      const bob = client(fake, 'bob');
      const heard: string[] = [];
      const texts: string[] = [];
      const statuses: StreamStatus[] = [];
      const stop = bob.subscribe(fake.threadId, (events) => heard.push(...events.map((e) => e.id)), {
        onMessage: (m) => texts.push(m.text),
        onStatus: (s) => statuses.push(s),
      });
      assert.deepEqual(statuses, [], 'nothing happens inside subscribe()');
      await until(() => fake.openStreams() === 1, 'the stream to open');
      const p = proposalFor(fake.threadId);
      const alice = client(fake, 'alice');
      await alice.appendEvent(fake.threadId, p);
      await alice.sendMessage(fake.threadId, { id: 'm1', text: 'Works for you?' });
      await bob.appendEvent(fake.threadId, acceptOf(p), { expectedSequence: 0 });
      await until(() => heard.length === 2 && texts.length === 1, 'both events and the message');
      assert.deepEqual(heard, [p.id, `${p.meetingId}-a`]);
      assert.deepEqual(texts, ['Works for you?']);
      assert.deepEqual(statuses, ['connecting', 'open']);
      assert.equal(fake.streamRequests()[0]!.headers.get('x-user-id'), 'bob', 'the stream sends the headers too');
      assert.equal(fake.streamRequests()[0]!.headers.get('accept'), 'text/event-stream');
      stop();
      assert.deepEqual(statuses, ['connecting', 'open', 'closed']);
    }));

  test('a dropped stream reconnects and resumes after the last seen id: nothing lost, nothing twice', () =>
    withFake(
      async (fake) => {
        const time = clock({ gated: true });
        const bob = client(fake, 'bob', {}, time.internals);
        const heard: string[] = [];
        const statuses: StreamStatus[] = [];
        const stop = bob.subscribe(fake.threadId, (events) => heard.push(...events.map((e) => e.id)), { onStatus: (s) => statuses.push(s) });
        await until(() => fake.openStreams() === 1, 'the stream to open');
        const p = proposalFor(fake.threadId);
        await fake.append('alice', p);
        await fake.append('alice', rescheduleOf(p, 0), 0);
        await until(() => heard.length === 2, 'the first two events');

        fake.drop();
        await until(() => time.waiting() === 1, 'the client to wait before reconnecting');
        // While Bob is away: two more events.
        const q = proposalFor(fake.threadId);
        await fake.append('alice', q);
        await fake.append('alice', rescheduleOf(p, 1), 1);
        time.release();
        await until(() => heard.length === 4, 'the events sent while away');
        await pause(50);

        assert.deepEqual(heard, [p.id, `${p.meetingId}-r0`, q.id, `${p.meetingId}-r1`]);
        const [first, second] = fake.streamRequests();
        assert.equal(first!.headers.get('last-event-id'), null);
        assert.equal(second!.headers.get('last-event-id'), '2', 'resumes after the last event it saw');
        assert.deepEqual(statuses, ['connecting', 'open', 'reconnecting', 'open']);
        stop();
      },
      { replayOverlap: 1 },
    ));

  test('the same event under a new stream id, or a stream position already passed, is not delivered again', () =>
    withFake(async (fake) => {
      const bob = client(fake, 'bob');
      const heard: string[] = [];
      const stop = bob.subscribe(fake.threadId, (events) => heard.push(...events.map((e) => e.id)));
      await until(() => fake.openStreams() === 1, 'the stream to open');
      const p = proposalFor(fake.threadId);
      await fake.append('alice', p); // position 1
      const frame = (id: string, e: MeetingEvent) => `id: ${id}\nevent: meeting-event\ndata: ${JSON.stringify(e)}\n\n`;
      const late = proposalFor(fake.threadId);
      const fresh = proposalFor(fake.threadId);
      fake.send(frame('5', p)); // a repeat under a new position
      fake.send(frame('3', late)); // a position already passed
      fake.send(`event: meeting-event\ndata: ${JSON.stringify([p, fresh])}\n\n`); // no id of its own: an array, p inside again
      fake.send('event: meeting-event\ndata: {"not":"an event"}\n\n');
      fake.send('event: something-new\ndata: whatever\n\n');
      await until(() => heard.includes(fresh.id), 'the fresh event');
      await pause(30);
      assert.deepEqual(heard, [p.id, fresh.id]);
      stop();
    }));

  test('reconnection waits grow exponentially up to the cap, and start over after a healthy connection', () =>
    withFake(async (fake) => {
      const time = clock();
      const bob = client(fake, 'bob', {}, time.internals);
      const errors: string[] = [];
      for (let i = 0; i < 6; i++) fake.fault((r) => r.path.endsWith('/stream'), () => envelope(503, 'provider-unavailable', 'restarting'));
      const stop = bob.subscribe(fake.threadId, () => undefined, { onError: (e) => errors.push(e.code) });
      await until(() => fake.openStreams() === 1, 'the stream to open at last');
      // Equal jitter with chance 0.5: ¾ of 100, 200, 400, 800, then the 1000 ms cap.
      assert.deepEqual(time.delays, [75, 150, 300, 600, 750, 750]);
      assert.deepEqual(errors, Array(6).fill('provider-unavailable'));
      fake.drop();
      await until(() => fake.openStreams() === 1, 'the stream to reopen');
      assert.equal(time.delays.at(-1), 75, 'the healthy connection reset the backoff');
      stop();
    }));

  test('the server’s retry field and a Retry-After set the reconnection wait', () =>
    withFake(async (fake) => {
      const time = clock();
      const bob = client(fake, 'bob', {}, time.internals);
      fake.fault((r) => r.path.endsWith('/stream'), () => envelope(429, 'rate-limited', 'too many streams', {}, { 'retry-after': '3' }));
      const stop = bob.subscribe(fake.threadId, () => undefined);
      await until(() => fake.openStreams() === 1, 'the stream to open');
      fake.send('retry: 400\n\n');
      await pause(20);
      fake.drop();
      await until(() => fake.streamRequests().length === 3, 'the reconnection');
      assert.deepEqual(time.delays, [3000, 300]);
      stop();
    }));

  test('a stream the server refuses for good closes with the reason and is not retried', () =>
    withFake(async (fake) => {
      const cara = client(fake, 'cara');
      const statuses: StreamStatus[] = [];
      const errors: SchedulerError[] = [];
      cara.subscribe(fake.threadId, () => undefined, { onStatus: (s) => statuses.push(s), onError: (e) => errors.push(e) });
      await until(() => statuses.includes('closed'), 'the stream to close');
      await pause(30);
      assert.deepEqual(statuses, ['connecting', 'closed']);
      assert.deepEqual(errors.map((e) => e.code), ['not-a-participant']);
      assert.equal(fake.streamRequests().length, 1);
    }));

  test('unsubscribing closes the connection, and stops a reconnection that was waiting', () =>
    withFake(async (fake) => {
      const time = clock({ gated: true });
      const bob = client(fake, 'bob', {}, time.internals);
      const heard: string[] = [];
      const stop = bob.subscribe(fake.threadId, (events) => heard.push(...events.map((e) => e.id)));
      await until(() => fake.openStreams() === 1, 'the stream to open');
      stop();
      await until(() => fake.openStreams() === 0, 'the server to see the connection close');
      await fake.append('alice', proposalFor(fake.threadId));
      await pause(30);
      assert.deepEqual(heard, []);

      const again = bob.subscribe(fake.threadId, () => undefined);
      await until(() => fake.openStreams() === 1, 'the second stream to open');
      fake.drop();
      await until(() => time.waiting() === 1, 'the wait before reconnecting');
      again();
      time.release();
      await pause(50);
      assert.equal(fake.streamRequests().length, 2, 'no reconnection after unsubscribing');
    }));

  test('a connection that goes silent (no heartbeat) is presumed dead and reopened', () =>
    withFake(
      async (fake) => {
        const bob = client(fake, 'bob', { idleTimeoutMs: 100 });
        const heard: string[] = [];
        const stop = bob.subscribe(fake.threadId, (events) => heard.push(...events.map((e) => e.id)));
        await until(() => fake.streamRequests().length >= 2, 'a second connection');
        const p = proposalFor(fake.threadId);
        await fake.append('alice', p);
        await until(() => heard.length === 1, 'the event on the new connection');
        stop();
      },
      { hello: false },
    ));

  test('resuming from a known position on the first connection replays what came after it', () =>
    withFake(async (fake) => {
      const p = proposalFor(fake.threadId);
      const q = proposalFor(fake.threadId);
      await fake.append('alice', p);
      await fake.append('alice', q);
      const heard: string[] = [];
      const stop = client(fake, 'bob').subscribe(fake.threadId, (events) => heard.push(...events.map((e) => e.id)), { lastEventId: '1' });
      await until(() => heard.length === 1, 'the replay');
      assert.deepEqual(heard, [q.id]);
      stop();
    }));
});

/** A stand-in EventSource: records URLs and lets the test play the server. */
class FakeEventSource {
  static made: FakeEventSource[] = [];
  readonly listeners = new Map<string, Array<(event: { data?: unknown; lastEventId?: unknown }) => void>>();
  closed = false;
  constructor(
    readonly url: string,
    readonly init?: { withCredentials?: boolean },
  ) {
    FakeEventSource.made.push(this);
  }
  addEventListener(type: string, listener: (event: { data?: unknown; lastEventId?: unknown }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
  }
  emit(type: string, event: { data?: string; lastEventId?: string } = {}): void {
    for (const l of this.listeners.get(type) ?? []) l(event);
  }
}

describe('httpThread: with an EventSource', () => {
  test('without headers it streams through the EventSource and resumes with ?lastEventId= after an error', async () => {
    FakeEventSource.made = [];
    const time = clock();
    const thread = httpThread({ baseUrl: 'https://chat.example/api', EventSource: FakeEventSource, credentials: 'include' }, time.internals);
    const heard: string[] = [];
    const statuses: StreamStatus[] = [];
    const stop = thread.subscribe('t 1', (events) => heard.push(...events.map((e) => e.id)), { onStatus: (s) => statuses.push(s) });
    await until(() => FakeEventSource.made.length === 1, 'the event source');
    const first = FakeEventSource.made[0]!;
    assert.equal(first.url, 'https://chat.example/api/threads/t%201/stream');
    assert.deepEqual(first.init, { withCredentials: true });
    first.emit('open');
    const p = proposalFor('t 1');
    first.emit('meeting-event', { data: JSON.stringify(p), lastEventId: '12' });
    first.emit('error');
    assert.ok(first.closed, 'the browser’s own reconnection is not used');
    await until(() => FakeEventSource.made.length === 2, 'the reconnection');
    const second = FakeEventSource.made[1]!;
    assert.equal(second.url, 'https://chat.example/api/threads/t%201/stream?lastEventId=12');
    second.emit('open');
    second.emit('meeting-event', { data: JSON.stringify(p), lastEventId: '12' });
    const q = proposalFor('t 1');
    second.emit('meeting-event', { data: JSON.stringify(q), lastEventId: '13' });
    assert.deepEqual(heard, [p.id, q.id]);
    assert.deepEqual(statuses, ['connecting', 'open', 'reconnecting', 'open']);
    stop();
    assert.ok(second.closed);
  });

  test('with headers (auth) the EventSource is not used: it cannot send them', async () => {
    FakeEventSource.made = [];
    const requests: Headers[] = [];
    const fetch: typeof globalThis.fetch = async (_input, init) => {
      requests.push(new Headers(init?.headers));
      return new Response(': hi\n\n', { status: 200, headers: { 'content-type': 'text/event-stream' } });
    };
    const stop = httpThread({ baseUrl: 'https://chat.example/api', fetch, headers: { authorization: 'Bearer t' }, EventSource: FakeEventSource }, clock().internals)
      .subscribe('t1', () => undefined);
    await until(() => requests.length >= 1, 'a fetch');
    stop();
    assert.equal(FakeEventSource.made.length, 0);
    assert.equal(requests[0]!.get('authorization'), 'Bearer t');
  });
});

// ---------------------------------------------------------------------------
// The contract, against the fake and against the real server

threadAdapterContract('http over a fake of the API', async () => {
  const fake = await fakeServer();
  return { alice: client(fake, 'alice'), bob: client(fake, 'bob'), threadId: fake.threadId, close: () => fake.close() };
});

await realServerTests();

/**
 * The contract and the behaviours that matter most against `@meeting-scheduler/server`
 * itself (one embedded database for the file; a thread per test). Skipped, with the
 * reason, only when the package cannot be loaded.
 */
async function realServerTests(): Promise<void> {
  let server: typeof import('../../packages/server/src/index.ts');
  try {
    server = await import('../../packages/server/src/index.ts');
  } catch (error) {
    const skip = `packages/server could not be loaded: ${String(error).split('\n')[0]}`;
    test('ThreadAdapter contract: http over the reference server', { skip }, () => undefined);
    return;
  }
  const { createMeetingServer, pgliteStore } = server;
  type Running = { url: string; store: Awaited<ReturnType<typeof pgliteStore>>; app: ReturnType<typeof createMeetingServer>; stop: () => Promise<void> };
  let running: Promise<Running> | undefined;
  const start = () =>
    (running ??= (async () => {
      const store = await pgliteStore({});
      const app = createMeetingServer({
        store,
        authenticate: (req) => req.headers.get('x-user-id'),
        guestSecret: 'a test secret that is long enough to sign links',
        limits: { appendBurst: 1000, appendsPerSecond: 1000, maxStreamsPerUser: 1000 },
        logError: () => undefined,
      });
      const { server: http, url } = await listen((req) => app.fetch(req));
      const stop = async () => {
        app.closeStreams();
        await close(http);
        await store.close();
      };
      return { url, store, app, stop };
    })());
  after(async () => {
    if (running) await (await running).stop();
  });
  const newThread = async () => {
    const { url, store, app } = await start();
    const threadId = `t-real-${++threadCount}`;
    await store.putThread({ id: threadId, title: 'Logo', participants: [ALICE, BOB] });
    const as = (userId: string, internals?: HttpInternals) =>
      httpThread({ baseUrl: url, headers: { 'x-user-id': userId } }, internals);
    return { url, app, threadId, as };
  };

  threadAdapterContract('http over the reference server', async () => {
    const { threadId, as } = await newThread();
    return { alice: as('alice'), bob: as('bob'), threadId };
  });

  describe('httpThread against the reference server', () => {
    test('a stream the server closes resumes after the last id: nothing lost, nothing twice', async () => {
      const { app, threadId, as } = await newThread();
      const time = clock({ gated: true });
      const alice = as('alice');
      const heard: string[] = [];
      const statuses: StreamStatus[] = [];
      const stop = as('bob', time.internals).subscribe(threadId, (events) => heard.push(...events.map((e) => e.id)), {
        onStatus: (st) => statuses.push(st),
      });
      await until(() => statuses.includes('open'), 'the stream to open');
      await pause(50);
      const p = proposalFor(threadId);
      await alice.appendEvent(threadId, p);
      await until(() => heard.length === 1, 'the proposal');
      app.closeStreams();
      await until(() => time.waiting() === 1, 'the wait before reconnecting');
      const r0 = rescheduleOf(p, 0);
      const q = proposalFor(threadId);
      await alice.appendEvent(threadId, r0, { expectedSequence: 0 });
      await alice.appendEvent(threadId, q);
      time.release();
      await until(() => heard.length === 3, 'the events appended while away');
      await pause(50);
      assert.deepEqual(heard, [p.id, r0.id, q.id]);
      assert.deepEqual(statuses, ['connecting', 'open', 'reconnecting', 'open']);
      assert.ok(time.delays[0]! >= 1000 && time.delays[0]! <= 2000, 'the server’s retry: 2000 sets the first wait (with jitter)');
      stop();
    });

    test('a lost race is a conflict carrying the current meeting; an outsider is told they are not a participant', async () => {
      const { threadId, as } = await newThread();
      const alice = as('alice');
      const p = proposalFor(threadId);
      await alice.appendEvent(threadId, p);
      await alice.appendEvent(threadId, rescheduleOf(p, 0), { expectedSequence: 0 });
      const error = await failure(as('bob').appendEvent(threadId, acceptOf(p), { expectedSequence: 0 }));
      assert.equal(error.code, 'conflict');
      assert.equal(error.details.cause, 'stale-sequence');
      assert.equal((error.details.meeting as { sequence: number }).sequence, 1);
      assert.equal((await failure(as('cara').getThread(threadId))).code, 'not-a-participant');
      assert.equal((await failure(as('alice').getThread('no-such-thread'))).code, 'not-found');
    });

    test('plain messages stream to the other side; a confirmed meeting shares a guest link a guest can open', async () => {
      const { url, threadId, as } = await newThread();
      const alice = as('alice');
      const bob = as('bob');
      const texts: string[] = [];
      let open = false;
      const stop = bob.subscribe(threadId, () => undefined, { onMessage: (m) => texts.push(m.text), onStatus: (st) => (open ||= st === 'open') });
      await until(() => open, 'the stream to open');
      await pause(50);
      const sent = await alice.sendMessage(threadId, { id: `msg-${threadId}`, text: 'Does Tuesday work?' });
      assert.equal(sent.by, 'alice');
      await until(() => texts.length === 1, 'the message');
      assert.deepEqual((await bob.listMessages(threadId)).map((m) => m.text), ['Does Tuesday work?']);
      stop();

      const p = proposalFor(threadId);
      await alice.appendEvent(threadId, p);
      await bob.appendEvent(threadId, acceptOf(p), { expectedSequence: 0 });
      const link = await alice.share(p.meetingId);
      assert.ok(link.url.startsWith(`${url}/guest/`));
      const view = await httpThread({ baseUrl: url }).guest(link.token);
      assert.equal(view.meeting.status, 'confirmed');
      assert.equal(view.guestId, link.guestId);
      assert.deepEqual(view.participants.map((x) => x.id).sort(), ['alice', 'bob']);
      const tampered = `${link.token.slice(0, -2)}xx`;
      assert.equal((await failure(httpThread({ baseUrl: url }).guest(tampered))).code, 'permission-denied');
      assert.ok((await alice.threads()).some((t) => t.id === threadId));
    });
  });
}
