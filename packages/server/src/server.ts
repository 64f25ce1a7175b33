/**
 * `createMeetingServer`: the HTTP API of DESIGN.md ("Server") as a Hono app, a
 * web-standard `fetch(Request) → Response` handler. Every write is authenticated,
 * checked against its schema, attributed to the caller, checked for thread
 * membership, and folded by the store with core's `applyMeetingEvent` in one
 * transaction; only what core accepts is stored.
 */
import {
  SchedulerError,
  allowedActions,
  isSchedulerError,
  type Meeting,
  type MeetingEvent,
  type Participant,
  type ThreadInfo,
} from '@meeting-scheduler/core';
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { GuestTokens } from './guest-token.js';
import { HttpError, errorResponse } from './http-errors.js';
import { openApiDocument } from './openapi.js';
import { TokenBuckets } from './rate-limit.js';
import { messageInputSchema, parseMeetingEvent, shareInputSchema, validate } from './schemas.js';
import { StreamHub } from './streams.js';
import type { AppendEventOptions, AppendEventResult, MeetingStore, ThreadDirectory, ThreadMessage, ThreadRecord } from './store/types.js';

export interface ServerLimits {
  /** Largest request body, in bytes (413 beyond). Default 64 KiB. */
  maxBodyBytes: number;
  /** Appends (events, messages, share links) a user may make at once. Default 20. */
  appendBurst: number;
  /** How fast the allowance refills, per second. Default 2 (20 per 10 s). */
  appendsPerSecond: number;
  /** Streams one user may hold open on one instance (429 beyond). Default 20. */
  maxStreamsPerUser: number;
  /** Interval of the SSE heartbeat comments. Default 15 s. */
  heartbeatMs: number;
  /** Lifetime of a guest link when the request names none. Default 30 days. */
  guestLinkSeconds: number;
}

export const DEFAULT_LIMITS: Readonly<ServerLimits> = Object.freeze({
  maxBodyBytes: 64 * 1024,
  appendBurst: 20,
  appendsPerSecond: 2,
  maxStreamsPerUser: 20,
  heartbeatMs: 15_000,
  guestLinkSeconds: 30 * 24 * 3600,
});

export interface NotifyContext {
  threadId: string;
  /** The meeting once the event is applied. */
  meeting: Meeting;
}

export interface MeetingServerOptions {
  store: MeetingStore;
  /** The signed-in user of a request, or null. The host's own session check. */
  authenticate: (request: Request) => string | null | undefined | Promise<string | null | undefined>;
  /** Thread membership; default: the store's threads table (`store.putThread`). */
  directory?: ThreadDirectory;
  /**
   * Called after each stored meeting event with everyone attending except its author.
   * Runs after the response is decided; a failure is logged, never fatal.
   */
  notify?: (event: MeetingEvent, recipients: string[], context: NotifyContext) => void | Promise<void>;
  /** Signs guest links (HMAC-SHA256). At least 32 characters; keep it secret and stable. */
  guestSecret: string;
  limits?: Partial<ServerLimits>;
  /** Cross-origin access; off by default. */
  cors?: { origins: string[]; credentials?: boolean };
  /** The link a guest opens; default `<request origin>/guest/<token>`. */
  guestLinkUrl?: (token: string, request: Request) => string;
  /** Milliseconds since the epoch (tests). */
  now?: () => number;
  /** Where unexpected failures are reported (default `console.error`). */
  logError?: (message: string, error: unknown) => void;
}

/** The Hono app, plus `closeStreams()` to end open SSE streams on shutdown. */
export type MeetingServer = Hono & { closeStreams(): void };

const MAX_ID_LENGTH = 200;
const JSON_TYPE = /^application\/json\s*(?:;|$)/i;

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function threadInfo(t: ThreadRecord, userId: string): ThreadInfo {
  const info: ThreadInfo = { id: t.id, participants: t.participants, currentUserId: userId };
  if (t.title !== undefined) info.title = t.title;
  return info;
}

const isMember = (t: ThreadRecord, userId: string) => t.participants.some((p) => p.id === userId);

/** What a guest link shows: the meeting without the thread's words (no history, message or reason). */
function guestView(m: Meeting): Meeting {
  const { message: _message, reason: _reason, ...rest } = m;
  return { ...rest, history: [] };
}

/** `If-Match: "3"` (also `W/"3"` or `3`) → 3; `*` or none → undefined. */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,10})"?\s*$/.exec(header);
  if (!m) throw new SchedulerError('invalid-input', 'If-Match must be the meeting sequence in quotes, e.g. "3"', { field: 'If-Match' });
  return Number(m[1]);
}

function parseCursor(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,15}$/.test(value.trim())) throw new SchedulerError('invalid-input', 'Last-Event-ID must be a stream position', { field: 'Last-Event-ID' });
  return Number(value.trim());
}

/**
 * The meeting-scheduler HTTP API as a Hono app.
 *
 * @example
 * ```ts
 * const store = await pgliteStore({ dataDir: '.data' });
 * const app = createMeetingServer({ store, guestSecret, authenticate: (req) => sessionUser(req) });
 * serve({ fetch: app.fetch, port: 8787 });
 * ```
 */
export function createMeetingServer(options: MeetingServerOptions): MeetingServer {
  const { store, authenticate } = options;
  if (typeof options.guestSecret !== 'string' || options.guestSecret.length < 32) {
    throw new SchedulerError('invalid-input', 'guestSecret must be a string of at least 32 characters', { field: 'guestSecret' });
  }
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const directory = options.directory ?? store;
  /** The store's own threads table answers membership, so the store can read it inside its transactions. */
  const ownDirectory = directory === store;
  const now = options.now ?? Date.now;
  const logError = options.logError ?? ((message: string, error: unknown) => console.error(message, error));
  const tokens = new GuestTokens(options.guestSecret);
  const buckets = new TokenBuckets({ burst: limits.appendBurst, refillPerSecond: limits.appendsPerSecond }, now);
  const hub = new StreamHub(store, { heartbeatMs: limits.heartbeatMs, logError });
  const openStreams = new Map<string, number>();

  const app = new Hono();

  // Hardening that applies to every answer, errors included.
  app.use('*', async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('x-content-type-options', 'nosniff');
    h.set('referrer-policy', 'no-referrer');
    h.set('x-frame-options', 'DENY');
    h.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    if (!h.has('cache-control')) h.set('cache-control', 'no-store');
  });
  if (options.cors) {
    const allowed = new Set(options.cors.origins);
    app.use(
      '*',
      cors({
        origin: (origin) => (allowed.has(origin) ? origin : null),
        allowMethods: ['GET', 'POST'],
        allowHeaders: ['content-type', 'if-match', 'last-event-id', 'authorization'],
        exposeHeaders: ['etag', 'retry-after', 'stream-position'],
        credentials: options.cors.credentials ?? false,
        maxAge: 600,
      }),
    );
  }

  app.onError((error, c) => {
    if (isSchedulerError(error)) return errorResponse(error);
    logError(`meeting-scheduler: ${c.req.method} ${c.req.path} failed`, error);
    return errorResponse(new HttpError(500, 'provider-unavailable', 'Something went wrong on the server'));
  });
  app.notFound(() => errorResponse(new SchedulerError('not-found', 'There is no such route')));

  const json = (data: unknown, status = 200, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });

  async function userOf(c: Context): Promise<string> {
    const user = await authenticate(c.req.raw);
    if (typeof user !== 'string' || user === '') throw new HttpError(401, 'unauthenticated', 'Sign in first');
    return user;
  }

  function limitAppends(user: string): void {
    const waitMs = buckets.take(user);
    if (waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new HttpError(429, 'rate-limited', `Too many changes at once; try again in ${seconds} s`, { 'retry-after': String(seconds) });
    }
  }

  async function readJson(c: Context): Promise<unknown> {
    if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
      throw new HttpError(415, 'invalid-input', 'Send the body as application/json');
    }
    const tooLarge = () => new HttpError(413, 'invalid-input', `The body is larger than ${limits.maxBodyBytes} bytes`);
    const length = c.req.header('content-length');
    const declared = Number(length ?? 0);
    if (declared > limits.maxBodyBytes) throw tooLarge();
    const parse = (bytes: Uint8Array | ArrayBuffer) => {
      try {
        return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
      } catch {
        throw new SchedulerError('invalid-input', 'The body is not valid JSON', { field: 'body' });
      }
    };
    // With a declared length within the limit, read the body whole: HTTP framing holds the
    // sender to that length, and servers such as @hono/node-server answer arrayBuffer()
    // without building a web stream. Otherwise count the bytes as they come.
    if (length !== undefined && /^\d+$/.test(length)) {
      const bytes = await c.req.raw.arrayBuffer();
      if (bytes.byteLength > limits.maxBodyBytes) throw tooLarge();
      return parse(bytes);
    }
    const body = c.req.raw.body;
    if (!body) throw new SchedulerError('invalid-input', 'The body is empty', { field: 'body' });
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limits.maxBodyBytes) {
        await reader.cancel().catch(() => {});
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
    return parse(bytes);
  }

  function idParam(c: Context, what: string): string {
    const id = c.req.param('id') ?? '';
    // Control characters (NUL above all, which PostgreSQL refuses in text) never name anything stored.
    // oxlint-disable-next-line no-control-regex -- matching them is the point
    if (id === '' || id.length > MAX_ID_LENGTH || /[\u0000-\u001f\u007f]/u.test(id)) throw new SchedulerError('not-found', `There is no such ${what}`);
    return id;
  }

  async function threadOf(threadId: string): Promise<ThreadRecord> {
    const thread = await directory.getThread(threadId);
    if (!thread) throw new SchedulerError('not-found', 'There is no such thread');
    return thread;
  }

  async function memberThread(threadId: string, user: string): Promise<ThreadRecord> {
    const thread = await threadOf(threadId);
    if (!isMember(thread, user)) throw new SchedulerError('not-a-participant', 'Only participants of this thread can see it');
    return thread;
  }

  /** A non-participant trying to change a meeting: guests are told what they may do. */
  function outsiderError(meeting: Meeting | null, user: string): SchedulerError {
    if (meeting?.guestIds.includes(user)) {
      return new SchedulerError('permission-denied', 'Guests can view, join and add the meeting to a calendar, nothing more');
    }
    return new SchedulerError('not-a-participant', 'Only participants of this thread can change its meetings');
  }

  async function refuseOutsider(meetingId: string, user: string): Promise<never> {
    throw outsiderError(await store.getMeeting(meetingId), user);
  }

  function announce(event: MeetingEvent, meeting: Meeting, threadId: string): void {
    const { notify } = options;
    if (!notify) return;
    const recipients = [...new Set([meeting.organizerId, ...meeting.attendeeIds])].filter((id) => id !== event.by);
    void Promise.resolve()
      .then(() => notify(event, recipients, { threadId, meeting }))
      .catch((error: unknown) => logError(`meeting-scheduler: notify failed for event ${event.id}`, error));
  }

  app.get('/openapi.json', () => json(openApiDocument(), 200, { 'cache-control': 'public, max-age=300' }));

  app.get('/threads', async (c) => {
    const user = await userOf(c);
    const threads = directory.listThreads ? await directory.listThreads(user) : await store.listThreads(user);
    return json(threads.filter((t) => isMember(t, user)).map((t) => threadInfo(t, user)));
  });

  app.get('/threads/:id', async (c) => {
    const user = await userOf(c);
    return json(threadInfo(await memberThread(idParam(c, 'thread'), user), user));
  });

  app.get('/threads/:id/messages', async (c) => {
    const user = await userOf(c);
    const thread = await memberThread(idParam(c, 'thread'), user);
    const { messages, position } = await store.listMessages(thread.id);
    return json(messages, 200, { 'stream-position': String(position) });
  });

  app.post('/threads/:id/messages', async (c) => {
    const user = await userOf(c);
    const threadId = idParam(c, 'thread');
    limitAppends(user);
    const body = await readJson(c);
    validate(messageInputSchema, body);
    const input = body as { id: string; text: string };
    await memberThread(threadId, user);
    const message: ThreadMessage = { id: input.id, threadId, by: user, text: input.text, at: iso(now()) };
    const result = await store.appendMessage(message);
    if (result.status === 'refused') return errorResponse(result.error);
    return json(result.message, result.status === 'stored' ? 201 : 200);
  });

  app.get('/threads/:id/events', async (c) => {
    const user = await userOf(c);
    const thread = await memberThread(idParam(c, 'thread'), user);
    const { events, position } = await store.listEvents(thread.id);
    return json(events, 200, { 'stream-position': String(position) });
  });

  app.post('/threads/:id/events', async (c) => {
    const user = await userOf(c);
    const threadId = idParam(c, 'thread');
    limitAppends(user);
    const event = parseMeetingEvent(await readJson(c));
    const expectedSequence = parseIfMatch(c.req.header('if-match'));
    if (event.by !== user) throw new SchedulerError('permission-denied', 'by must be the signed-in user', { field: 'by' });
    if (event.type === 'proposed' && event.threadId !== threadId) {
      throw new SchedulerError('invalid-input', 'threadId must be the thread in the URL', { field: 'threadId' });
    }
    const o: AppendEventOptions = expectedSequence === undefined ? {} : { expectedSequence };
    let result: AppendEventResult;
    if (ownDirectory) {
      // Membership is read in the append's own transaction, under the thread's lock: no separate round trip.
      o.admit = (thread, meeting) => {
        if (!isMember(thread, user)) throw outsiderError(meeting, user);
      };
      result = await store.appendEvent(threadId, event, o);
    } else {
      const thread = await threadOf(threadId);
      if (!isMember(thread, user)) return refuseOutsider(event.meetingId, user);
      result = await store.appendEvent(thread, event, o);
    }
    switch (result.status) {
      case 'stored':
        announce(result.event, result.meeting, threadId);
        return json({ event: result.event, meeting: result.meeting, position: result.position }, 201, { etag: `"${result.meeting.sequence}"` });
      case 'duplicate':
        return json({ event: result.event, meeting: result.meeting }, 200, result.meeting ? { etag: `"${result.meeting.sequence}"` } : {});
      case 'refused':
        return errorResponse(result.error, { meeting: result.meeting });
    }
  });

  app.get('/threads/:id/stream', async (c) => {
    const user = await userOf(c);
    const thread = await memberThread(idParam(c, 'thread'), user);
    // The header wins: EventSource sends it on reconnect, newer than the query it started with.
    const requested = parseCursor(c.req.header('last-event-id') ?? c.req.query('lastEventId'));
    const open = openStreams.get(user) ?? 0;
    if (open >= limits.maxStreamsPerUser) {
      throw new HttpError(429, 'rate-limited', 'Too many open streams', { 'retry-after': '5' });
    }
    const head = await store.streamPosition(thread.id);
    const cursor = requested === undefined || requested > head ? head : requested;
    openStreams.set(user, open + 1);
    const body = hub.open(thread.id, cursor, c.req.raw.signal, () => {
      const n = (openStreams.get(user) ?? 1) - 1;
      if (n > 0) openStreams.set(user, n);
      else openStreams.delete(user);
    });
    return new Response(body, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      },
    });
  });

  app.post('/meetings/:id/share', async (c) => {
    const user = await userOf(c);
    const meetingId = idParam(c, 'meeting');
    limitAppends(user);
    const body = await readJson(c);
    validate(shareInputSchema, body);
    const input = body as { id?: string; guestId?: string; expiresInSeconds?: number };
    const meeting = await store.getMeeting(meetingId);
    if (!meeting) throw new SchedulerError('not-found', 'There is no such meeting');
    const thread = await threadOf(meeting.threadId);
    if (!isMember(thread, user)) return refuseOutsider(meetingId, user);

    const sign = async (guestId: string, status: 200 | 201) => {
      const expires = Math.floor(now() / 1000) + (input.expiresInSeconds ?? limits.guestLinkSeconds);
      const token = await tokens.sign({ meetingId, guestId, expiresAt: expires });
      const url = options.guestLinkUrl ? options.guestLinkUrl(token, c.req.raw) : new URL(`/guest/${token}`, c.req.url).href;
      return json({ token, url, guestId, expiresAt: iso(expires * 1000) }, status);
    };
    // A guest the thread already holds a `link-shared` event for (the card stores it, then asks
    // for the link): a new link for the same guest, nothing stored twice — while sharing is allowed.
    if (input.guestId !== undefined && meeting.guestIds.includes(input.guestId)) {
      const context = { id: thread.id, participants: thread.participants, currentUserId: user };
      if (!allowedActions(meeting, user, context).includes('share')) {
        throw new SchedulerError('invalid-transition', 'This meeting cannot be shared now');
      }
      return sign(input.guestId, 200);
    }

    const id = input.id ?? `share-${crypto.randomUUID()}`;
    const guestId = input.guestId ?? `guest-${crypto.randomUUID()}`;
    const result = await store.appendEvent(thread, {
      meetingId,
      build: (current): MeetingEvent => ({ type: 'link-shared', id, meetingId, by: user, at: iso(now()), sequence: current?.sequence ?? 0, guestId }),
    });
    if (result.status === 'refused') return errorResponse(result.error, { meeting: result.meeting });
    const shared = result.event;
    if (shared.type !== 'link-shared' || shared.meetingId !== meetingId) {
      throw new SchedulerError('conflict', 'That event id is already used', { field: 'id' });
    }
    if (result.status === 'stored') announce(shared, result.meeting, thread.id);
    return sign(shared.guestId, result.status === 'stored' ? 201 : 200);
  });

  app.get('/guest/:token', async (c) => {
    const denied = () => new SchedulerError('permission-denied', 'This guest link is not valid or has expired');
    const claims = await tokens.verify(c.req.param('token'), now() / 1000);
    if (!claims) throw denied();
    const meeting = await store.getMeeting(claims.meetingId);
    if (!meeting?.guestIds.includes(claims.guestId)) throw denied();
    const thread = await directory.getThread(meeting.threadId);
    const attending = new Set([meeting.organizerId, ...meeting.attendeeIds]);
    const participants = (thread?.participants ?? [])
      .filter((p) => attending.has(p.id))
      .map(({ id, name, timeZone }): Participant => ({ id, name, timeZone }));
    return json({ guestId: claims.guestId, meeting: guestView(meeting), participants });
  });

  return Object.assign(app, { closeStreams: () => hub.closeAll() });
}
