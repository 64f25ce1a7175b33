/**
 * A live thread: `GET /threads/:id/stream` read as Server-Sent Events, kept open across
 * drops. Each reconnection waits an exponential, jittered, capped backoff (reset once a
 * connection proved healthy) and resumes after the last seen id — as a `Last-Event-ID`
 * header over fetch, or a `?lastEventId=` query with an `EventSource` (which cannot
 * send headers). The server replays what came after that id, and anything already
 * delivered is skipped (by stream position and by event id), so a listener hears each
 * event once, in order, across any number of reconnections.
 */
import { SchedulerError, type MeetingEvent } from '@meeting-scheduler/core';
import { parseRetryAfter } from '../internal/http.js';
import { errorFromResponse } from './errors.js';
import type { Client } from './request.js';
import { createSseParser, readSseStream, type SseEvent } from './sse.js';
import { READY_TYPE, STREAM_EVENT_TYPES, readStreamFrame, type ThreadMessage } from './wire.js';

export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface SubscribeOptions {
  /** Plain text messages of the thread, each once, in order. */
  onMessage?(message: ThreadMessage): void;
  /** `connecting` → `open`; after a drop `reconnecting` → `open`; `closed` once unsubscribed or refused for good. */
  onStatus?(status: StreamStatus): void;
  /**
   * What went wrong: a failed connection (retried), a malformed frame (skipped) or a
   * refusal such as `not-found` / `permission-denied` (final: `closed` follows).
   */
  onError?(error: SchedulerError): void;
  /** Resume after this stream id instead of starting with what arrives from now on. */
  lastEventId?: string;
}

/** The parts of an `EventSource` used here (browsers' and polyfills' fit). */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: { data?: unknown; lastEventId?: unknown }) => void): void;
  close(): void;
}

export type EventSourceConstructor = new (url: string, init?: { withCredentials?: boolean }) => EventSourceLike;

/** How many delivered ids are remembered for de-duplication. */
const REMEMBERED = 10_000;

/** A first-in-first-out set, bounded. */
function memory() {
  const ids = new Set<string>();
  return {
    has: (id: string) => ids.has(id),
    add(id: string) {
      ids.add(id);
      if (ids.size > REMEMBERED) ids.delete(ids.values().next().value!);
    },
  };
}

const DIGITS = /^[0-9]+$/;

/** `a` comes after `b` in the stream, for decimal positions of any length. */
function isAfter(a: string, b: string): boolean {
  const x = a.replace(/^0+(?=.)/, '');
  const y = b.replace(/^0+(?=.)/, '');
  return x.length !== y.length ? x.length > y.length : x > y;
}

/** A connection ended: how, and what to do next. */
type Ending =
  | { kind: 'dropped'; healthy: boolean; waitMs?: number | undefined; error?: SchedulerError }
  | { kind: 'refused'; error: SchedulerError }
  | { kind: 'stopped' };

/** Statuses that will not change by asking again. */
const FINAL = new Set([400, 401, 403, 404, 405, 410, 413, 422]);

export interface StreamSetup {
  client: Client;
  path: string;
  onEvents: (events: MeetingEvent[]) => void;
  options: SubscribeOptions;
  /** When given (and no headers are configured), the stream is read with it. */
  EventSource?: EventSourceConstructor | undefined;
  /** Nothing, not even a heartbeat, for this long: the connection is presumed dead (default 60 s). */
  idleTimeoutMs?: number;
}

/** Re-throws a listener's error outside the stream, so it is reported without stopping delivery. */
function call(listener: () => void): void {
  try {
    listener();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

/** Opens the stream and keeps it open until the returned function is called. */
export function openStream(setup: StreamSetup): () => void {
  const { client, path, onEvents, options } = setup;
  const idleTimeoutMs = setup.idleTimeoutMs ?? 60_000;
  const controller = new AbortController();
  let active = true;
  let status: StreamStatus | undefined;
  let lastEventId = options.lastEventId ?? '';
  /** The position of the last delivered frame, when positions are numbers. */
  let position: string | undefined = DIGITS.test(lastEventId) ? lastEventId : undefined;
  let framesSeen = memory();
  const eventsSeen = memory();
  const messagesSeen = memory();
  let serverRetryMs: number | undefined;
  /** The id the reader would give a frame without one: the previous frame's, or the one the connection started from. */
  let carried = '';

  const report = (error: SchedulerError) => options.onError && call(() => options.onError!(error));
  const setStatus = (next: StreamStatus) => {
    if (status === next) return;
    status = next;
    if (options.onStatus) call(() => options.onStatus!(next));
  };

  /** One frame: skip what was delivered already, deliver what is new, remember the position. */
  function frame(e: SseEvent): void {
    if (!active) return;
    // A frame without its own `id:` carries the previous frame's (as the spec says): only
    // a changed id is a stream position; repeated content is caught by its own ids below.
    const id = e.id === carried ? '' : e.id;
    carried = e.id;
    if (e.type === READY_TYPE) {
      // The server says where this connection starts: that is the position from now on,
      // even if it is behind ours (a restored server). Ids already heard are still skipped.
      if (e.id !== '') {
        if (position !== undefined && DIGITS.test(e.id) && isAfter(position, e.id)) framesSeen = memory();
        lastEventId = e.id;
        position = DIGITS.test(e.id) ? e.id : undefined;
      }
      return;
    }
    if (id !== '') {
      if (position !== undefined && DIGITS.test(id) && !isAfter(id, position)) return;
      if (framesSeen.has(id)) return;
      framesSeen.add(id);
      lastEventId = id;
      if (DIGITS.test(id)) position = id;
    }
    if (!STREAM_EVENT_TYPES.has(e.type)) return;
    const read = readStreamFrame(e);
    if ('error' in read) return report(read.error);
    const events = read.events.filter((ev) => !eventsSeen.has(ev.id));
    for (const ev of events) eventsSeen.add(ev.id);
    const messages = read.messages.filter((m) => !messagesSeen.has(m.id));
    for (const m of messages) messagesSeen.add(m.id);
    if (events.length > 0) call(() => onEvents(events));
    if (options.onMessage) for (const m of messages) call(() => options.onMessage!(m));
  }

  async function overFetch(): Promise<Ending> {
    const extra: Record<string, string> = { accept: 'text/event-stream' };
    if (lastEventId !== '') extra['last-event-id'] = lastEventId;
    carried = lastEventId;
    const attempt = new AbortController();
    const stop = () => attempt.abort(controller.signal.reason);
    controller.signal.addEventListener('abort', stop, { once: true });
    let idle: ReturnType<typeof setTimeout> | undefined;
    let idleFired = false;
    const arm = (ms: number) => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        idleFired = true;
        attempt.abort(new Error('idle'));
      }, ms);
    };
    let healthy = false;
    try {
      const headers = await client.headersFor(extra, controller.signal);
      arm(client.timeoutMs);
      // Raced against the abort, so a fetch that ignores its signal still lets go.
      const stopped = new Promise<never>((_, reject) => {
        if (attempt.signal.aborted) reject(attempt.signal.reason);
        attempt.signal.addEventListener('abort', () => reject(attempt.signal.reason), { once: true });
      });
      stopped.catch(() => undefined);
      const response = await Promise.race([client.fetch(client.url(path), client.init('GET', headers, attempt.signal)), stopped]);
      if (response.status === 204) return { kind: 'refused', error: new SchedulerError('not-found', 'httpThread: the server closed the stream for good', { status: 204 }) };
      const type = response.headers.get('content-type') ?? '';
      if (response.status !== 200 || !type.toLowerCase().startsWith('text/event-stream') || response.body === null) {
        const text = await Promise.race([response.text(), stopped]).catch(() => '');
        let body: unknown = text;
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        const waitMs = parseRetryAfter(response.headers.get('retry-after'), client.now());
        const error =
          response.status === 200
            ? new SchedulerError('provider-unavailable', 'httpThread: the stream is not text/event-stream', { status: 200, contentType: type })
            : errorFromResponse(response.status, body, waitMs);
        return FINAL.has(response.status) ? { kind: 'refused', error } : { kind: 'dropped', healthy: false, waitMs, error };
      }
      setStatus('open');
      arm(idleTimeoutMs);
      const parser = createSseParser(
        {
          onEvent(e) {
            healthy = true;
            frame(e);
          },
          onRetry(ms) {
            serverRetryMs = ms;
          },
          onComment() {
            healthy = true;
          },
        },
        { lastEventId },
      );
      // Every chunk (heartbeats too) proves the connection alive.
      const watched = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, out) {
            arm(idleTimeoutMs);
            out.enqueue(chunk);
          },
        }),
      );
      await readSseStream(watched, parser, attempt.signal);
      return { kind: 'dropped', healthy };
    } catch (cause) {
      if (!active) return { kind: 'stopped' };
      if (cause instanceof SchedulerError) return { kind: 'dropped', healthy, error: cause };
      return {
        kind: 'dropped',
        healthy,
        error: new SchedulerError('network', idleFired ? 'httpThread: the stream went silent' : 'httpThread: the stream was interrupted', {
          cause: String(cause),
          idle: idleFired,
        }),
      };
    } finally {
      clearTimeout(idle);
      controller.signal.removeEventListener('abort', stop);
    }
  }

  function overEventSource(Source: EventSourceConstructor): Promise<Ending> {
    return new Promise((resolve) => {
      const query = lastEventId === '' ? '' : `?lastEventId=${encodeURIComponent(lastEventId)}`;
      carried = ''; // a new EventSource knows no id until the server sends one
      let source: EventSourceLike;
      try {
        source = new Source(client.url(path) + query, client.credentials === 'include' ? { withCredentials: true } : undefined);
      } catch (cause) {
        resolve({ kind: 'refused', error: new SchedulerError('invalid-input', 'httpThread: EventSource refused the URL', { cause: String(cause) }) });
        return;
      }
      let healthy = false;
      const finish = (ending: Ending) => {
        source.close();
        controller.signal.removeEventListener('abort', stop);
        resolve(ending);
      };
      const stop = () => finish({ kind: 'stopped' });
      controller.signal.addEventListener('abort', stop, { once: true });
      // Heartbeats (comments) never reach an EventSource's listeners: an open connection counts as healthy.
      source.addEventListener('open', () => {
        healthy = true;
        setStatus('open');
      });
      for (const type of [READY_TYPE, ...STREAM_EVENT_TYPES]) {
        source.addEventListener(type, (m) =>
          frame({ type, data: typeof m.data === 'string' ? m.data : '', id: typeof m.lastEventId === 'string' ? m.lastEventId : '' }),
        );
      }
      // The browser's own reconnection would not carry our position in the URL: take over.
      source.addEventListener('error', () =>
        finish({ kind: 'dropped', healthy, error: new SchedulerError('network', 'httpThread: the event source failed') }),
      );
    });
  }

  async function run(): Promise<void> {
    if (!active) return;
    setStatus('connecting');
    let failures = 0;
    while (active) {
      const ending = setup.EventSource ? await overEventSource(setup.EventSource) : await overFetch();
      if (!active || ending.kind === 'stopped') return;
      if (ending.kind === 'refused') {
        report(ending.error);
        active = false;
        setStatus('closed');
        return;
      }
      if (ending.error) report(ending.error);
      if (ending.healthy) failures = 0;
      const wait = Math.max(client.backoff(failures, serverRetryMs), ending.waitMs ?? 0);
      failures++;
      setStatus('reconnecting');
      try {
        await client.sleep(wait, controller.signal);
      } catch {
        return; // unsubscribed while waiting
      }
    }
  }

  // Never synchronously inside subscribe(): the first status arrives after it returns.
  queueMicrotask(() => void run());
  return () => {
    if (!active) return;
    active = false;
    controller.abort(new Error('unsubscribed'));
    setStatus('closed');
  };
}
