/**
 * Shared by the server tests: people, a thread per test (one database per file,
 * tests isolated by thread id), event builders, a tiny HTTP client over
 * `app.request` and an SSE reader.
 */
import type { Interval, MeetingEvent, Participant } from '@meeting-scheduler/core';
import { createMeetingServer, type MeetingServer, type MeetingServerOptions, type MeetingStore } from '@meeting-scheduler/server';

export const ALICE: Participant = { id: 'alice', name: 'Alice', timeZone: 'America/New_York', email: 'alice@acme.example' };
export const BOB: Participant = { id: 'bob', name: 'Bob', timeZone: 'Asia/Kolkata', email: 'bob@studio.example' };
export const CARA: Participant = { id: 'cara', name: 'Cara', timeZone: 'Europe/Berlin' };

export const GUEST_SECRET = 'test-guest-secret-that-is-long-enough-0123456789';

/** Test authentication: the `x-user-id` header is the user. */
export const headerAuth = (request: Request) => request.headers.get('x-user-id');

/** Limits that never get in the way unless a test sets them. */
export const ROOMY = { appendBurst: 1_000_000, appendsPerSecond: 1_000_000, maxStreamsPerUser: 1_000 };

export function makeServer(store: MeetingStore, options: Partial<MeetingServerOptions> = {}): MeetingServer {
  return createMeetingServer({
    store,
    authenticate: headerAuth,
    guestSecret: GUEST_SECRET,
    logError: () => {},
    ...options,
    limits: { ...ROOMY, ...options.limits },
  });
}

let unique = 0;
export const uid = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++unique}`;

/** A new thread with Alice and Bob (and Cara when asked), stored in the store's directory. */
export async function newThread(store: MeetingStore, people: Participant[] = [ALICE, BOB]): Promise<string> {
  const id = uid('t');
  await store.putThread({ id, title: 'Logo review', participants: people });
  return id;
}

export const slot = (day: number, hour = 13, minutes = 30): Interval => {
  const start = new Date(Date.UTC(2026, 2, day, hour, 0));
  return { start: start.toISOString().replace('.000Z', 'Z'), end: new Date(start.getTime() + minutes * 60_000).toISOString().replace('.000Z', 'Z') };
};

export type Proposed = Extract<MeetingEvent, { type: 'proposed' }>;

export function proposal(threadId: string, extra: Partial<Proposed> = {}): Proposed {
  const meetingId = extra.meetingId ?? uid('m');
  return {
    type: 'proposed', id: `${meetingId}-p`, meetingId, by: 'alice', at: '2026-03-01T12:00:00Z', threadId,
    invitees: ['bob'], options: [slot(10), slot(11)], durationMinutes: 30, title: 'Logo', message: 'Logo review?',
    ...extra,
  };
}

export function accept(p: Proposed, sequence = 0, extra: Partial<Extract<MeetingEvent, { type: 'accepted' }>> = {}): MeetingEvent {
  return { type: 'accepted', id: uid(`${p.meetingId}-a`), meetingId: p.meetingId, by: 'bob', at: '2026-03-02T12:00:00Z', sequence, option: p.options[0]!, ...extra };
}

export function cancel(p: Proposed, sequence: number, by = 'alice', reason?: string): MeetingEvent {
  const e: MeetingEvent = { type: 'cancelled', id: uid(`${p.meetingId}-c`), meetingId: p.meetingId, by, at: '2026-03-03T12:00:00Z', sequence };
  if (reason !== undefined) e.reason = reason;
  return e;
}

export function reschedule(p: Proposed, sequence: number, by = 'alice'): MeetingEvent {
  return { type: 'rescheduled', id: uid(`${p.meetingId}-r`), meetingId: p.meetingId, by, at: '2026-03-03T12:00:00Z', sequence, options: [slot(12)], reason: 'Clash' };
}

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ErrorEnvelope {
  error: { code: string; message: string; details?: { field: string } };
  meeting?: { sequence: number; status: string };
}

/** A user's client for the API. */
export function as(app: { request: MeetingServer['request'] }, user: string | null) {
  const send = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> => {
    const h: Record<string, string> = { ...headers };
    if (user !== null) h['x-user-id'] = user;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, { method, headers: h, ...(payload === undefined ? {} : { body: payload }) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text === '' ? undefined : JSON.parse(text)) as T };
  };
  return {
    get: <T = unknown>(path: string, headers?: Record<string, string>) => send<T>('GET', path, undefined, headers),
    post: <T = unknown>(path: string, body: unknown, headers?: Record<string, string>) => send<T>('POST', path, body, headers),
    append: <T = unknown>(threadId: string, e: unknown, ifMatch?: number) =>
      send<T>('POST', `/threads/${encodeURIComponent(threadId)}/events`, e, ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` }),
    events: async (threadId: string) => (await send<MeetingEvent[]>('GET', `/threads/${encodeURIComponent(threadId)}/events`)).body,
  };
}

// ---------------------------------------------------------------------------
// Server-Sent Events

export interface SseFrame {
  id?: string;
  event: string;
  data: string;
}

export interface SseReader {
  status: number;
  headers: Headers;
  /** Every frame so far (comments are counted in `comments`). */
  frames: SseFrame[];
  comments: string[];
  /** Waits until `count` frames of `event` type have arrived; returns them. */
  waitFor(event: string, count: number, ms?: number): Promise<SseFrame[]>;
  close(): void;
}

/** Opens `/threads/:id/stream` and parses it as it arrives. */
export async function openStream(
  app: { request: MeetingServer['request'] } | { fetch: (r: Request) => Response | Promise<Response> },
  user: string,
  threadId: string,
  o: { lastEventId?: number | string; query?: string; baseUrl?: string } = {},
): Promise<SseReader> {
  const controller = new AbortController();
  const headers: Record<string, string> = { 'x-user-id': user, accept: 'text/event-stream' };
  if (o.lastEventId !== undefined) headers['last-event-id'] = String(o.lastEventId);
  const url = `${o.baseUrl ?? 'http://localhost'}/threads/${encodeURIComponent(threadId)}/stream${o.query ?? ''}`;
  const res = 'request' in app
    ? await app.request(url, { headers, signal: controller.signal })
    : await app.fetch(new Request(url, { headers, signal: controller.signal }));
  const frames: SseFrame[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  if (res.body && res.status === 200) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const f: SseFrame = { event: 'message', data: '' };
            let isFrame = false;
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) {
                comments.push(line.slice(1).trim());
                continue;
              }
              const colon = line.indexOf(':');
              const field = colon < 0 ? line : line.slice(0, colon);
              const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
              if (field === 'id') f.id = value;
              else if (field === 'event') f.event = value;
              else if (field === 'data') f.data += f.data === '' ? value : `\n${value}`;
              else continue;
              isFrame = true;
            }
            if (isFrame) frames.push(f);
            for (const w of waiters) w();
          }
        }
      } catch {
        // aborted
      }
    })();
  }
  return {
    status: res.status,
    headers: res.headers,
    frames,
    comments,
    waitFor(event, count, ms = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const got = frames.filter((f) => f.event === event);
          if (got.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(got);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${count} "${event}" frames; got ${JSON.stringify(frames)}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
}

/** Waits until `check` returns something other than undefined. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, what: string, ms = 5_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
