/**
 * The browser side of `@meeting-scheduler/server`: a `ThreadAdapter` over its HTTP API,
 * live through Server-Sent Events, plus the API's other calls a messaging app needs
 * (the user's threads, plain messages, guest links). Behaves like `memoryThread`:
 * the same refusals with the same codes, a stale write is a `conflict` carrying the
 * current meeting, a repeated event id is stored once, each event is heard once.
 */
import {
  SchedulerError,
  type MeetingEvent,
  type RequestOptions,
  type ThreadAdapter,
  type ThreadInfo,
} from '@meeting-scheduler/core';
import type { HttpInternals } from '../internal/http.js';
import { createClient, type ClientOptions } from './request.js';
import { openStream, type EventSourceConstructor, type SubscribeOptions } from './stream.js';
import {
  isGuestView,
  isMeetingEvent,
  isShareLink,
  isThreadInfo,
  isThreadMessage,
  malformed,
  readList,
  readOne,
  type GuestView,
  type ShareLink,
  type ThreadMessage,
} from './wire.js';

export interface HttpThreadOptions extends ClientOptions {
  /**
   * An `EventSource` constructor (e.g. `globalThis.EventSource`) to read the stream with,
   * used only when no `headers` are configured (it cannot send any; cookies go with
   * `credentials: 'include'`). Without it the stream is read over `fetch`, which
   * sends the headers and `Last-Event-ID`.
   */
  EventSource?: EventSourceConstructor;
  /** No byte (not even a heartbeat) for this long and the stream is reopened (default 60 s). */
  idleTimeoutMs?: number;
}

export interface ShareOptions extends RequestOptions {
  /** Id of the `link-shared` event (the idempotency key); default a random one per call. */
  id?: string;
  /** Who the link is for; default chosen by the server. */
  guestId?: string;
  /** Lifetime of the link; default the server's (30 days). */
  expiresInSeconds?: number;
}

/** A {@link ThreadAdapter} over the reference server's HTTP API, with its extra calls. */
export interface HttpThread extends ThreadAdapter {
  /**
   * Live meeting events of the thread (each once, in order, across reconnections);
   * `options` adds plain messages, connection status and errors. Returns the unsubscribe function.
   */
  subscribe(threadId: string, onEvents: (events: MeetingEvent[]) => void, options?: SubscribeOptions): () => void;
  /** The threads the user is in. */
  threads(o?: RequestOptions): Promise<ThreadInfo[]>;
  /** The thread's plain text messages, oldest first. */
  listMessages(threadId: string, o?: RequestOptions): Promise<ThreadMessage[]>;
  /** Posts a plain text message; `id` makes a retry idempotent. Resolves with the stored message. */
  sendMessage(threadId: string, message: { id: string; text: string }, o?: RequestOptions): Promise<ThreadMessage>;
  /** A guest link to a scheduled meeting (stored as a `link-shared` event; retried safely). */
  share(meetingId: string, o?: ShareOptions): Promise<ShareLink>;
  /** What a guest link shows (no sign-in needed). A tampered or expired token is `permission-denied`. */
  guest(token: string, o?: RequestOptions): Promise<GuestView>;
}

const invalid = (message: string, details: Record<string, unknown>) => new SchedulerError('invalid-input', `httpThread: ${message}`, details);

/** A random id, where the platform has `crypto.randomUUID` (secure contexts); otherwise the server picks one. */
function newId(prefix: string): string | undefined {
  const uuid = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto?.randomUUID;
  return typeof uuid === 'function' ? `${prefix}-${uuid.call(globalThis.crypto)}` : undefined;
}

function segment(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(`${field} must be a non-empty string`, { field });
  return encodeURIComponent(value);
}

/**
 * A {@link ThreadAdapter} for `@meeting-scheduler/server` (or any backend speaking its
 * API). Errors are the server's own codes as `SchedulerError`s; network failures are
 * `network`; requests are retried (bounded, with backoff) only where that is safe.
 *
 * @param internals - Test seam: `sleep`, `random` and `now` for retry and reconnection timing.
 *
 * @example
 * ```ts
 * const thread = httpThread({
 *   baseUrl: '/api',
 *   headers: async () => ({ authorization: `Bearer ${await session.token()}` }),
 * });
 * const stop = thread.subscribe('t1', (events) => render(events), { onStatus: showBanner });
 * await thread.appendEvent('t1', accept, { expectedSequence: meeting.sequence });
 * ```
 */
export function httpThread(opts: HttpThreadOptions, internals?: HttpInternals): HttpThread {
  const client = createClient(opts, internals);
  // EventSource cannot send headers; a configured header (auth) needs the fetch reader.
  const EventSource = opts.headers === undefined ? opts.EventSource : undefined;

  const get = async <T>(path: string, o: RequestOptions | undefined) =>
    (await client.request<unknown>({ method: 'GET', path, signal: o?.signal })).body as T;

  return {
    async getThread(threadId, o) {
      return readOne(await get(`/threads/${segment(threadId, 'threadId')}`, o), 'thread', isThreadInfo);
    },

    async listEvents(threadId, o) {
      return readList(await get(`/threads/${segment(threadId, 'threadId')}/events`, o), 'events', isMeetingEvent);
    },

    async appendEvent(threadId, e, o) {
      const path = `/threads/${segment(threadId, 'threadId')}/events`;
      if (e === null || typeof e !== 'object') throw invalid('a meeting event must be an object', { field: 'event' });
      const expected = o?.expectedSequence;
      const headers: Record<string, string> = {};
      if (expected !== undefined) {
        if (!Number.isInteger(expected) || expected < 0) throw invalid('expectedSequence must be a whole number', { field: 'expectedSequence' });
        headers['if-match'] = `"${expected}"`;
      }
      await client.request({ method: 'POST', path, body: e, headers, signal: o?.signal });
    },

    subscribe(threadId, onEvents, options = {}) {
      if (typeof onEvents !== 'function') throw invalid('onEvents must be a function', { field: 'onEvents' });
      const path = `/threads/${segment(threadId, 'threadId')}/stream`;
      return openStream({
        client,
        path,
        onEvents,
        options: options ?? {},
        EventSource,
        ...(opts.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: opts.idleTimeoutMs }),
      });
    },

    async threads(o) {
      return readList(await get('/threads', o), 'threads', isThreadInfo);
    },

    async listMessages(threadId, o) {
      return readList(await get(`/threads/${segment(threadId, 'threadId')}/messages`, o), 'messages', isThreadMessage);
    },

    async sendMessage(threadId, message, o) {
      const path = `/threads/${segment(threadId, 'threadId')}/messages`;
      segment(message?.id, 'message.id');
      if (typeof message.text !== 'string') throw invalid('message.text must be a string', { field: 'message.text' });
      const { body } = await client.request({ method: 'POST', path, body: { id: message.id, text: message.text }, signal: o?.signal });
      return readOne(body, 'message', isThreadMessage);
    },

    async share(meetingId, o = {}) {
      const path = `/meetings/${segment(meetingId, 'meetingId')}/share`;
      // The event id makes a retried request reuse the same link instead of sharing again.
      const body: Record<string, unknown> = { id: o.id ?? newId('share') };
      if (body.id === undefined) delete body.id;
      if (o.guestId !== undefined) body.guestId = o.guestId;
      if (o.expiresInSeconds !== undefined) body.expiresInSeconds = o.expiresInSeconds;
      const result = await client.request({ method: 'POST', path, body, signal: o.signal });
      const link = result.body;
      if (!isShareLink(link)) throw malformed('a share link', { body: link });
      return { token: link.token, url: link.url, guestId: link.guestId, expiresAt: link.expiresAt };
    },

    async guest(token, o) {
      return readOne(await get(`/guest/${segment(token, 'token')}`, o), 'guest view', isGuestView);
    },
  };
}
