/**
 * Server-Sent Events, read the way the WHATWG HTML standard's "event stream
 * interpretation" says: one BOM skipped at the start, CRLF / LF / CR line endings,
 * `event` / `data` (lines joined with "\n") / `id` (ignored when it holds NUL) /
 * `retry` (digits only) fields, `:` comments (heartbeats), unknown fields ignored, a
 * blank line dispatches, and an event cut off by the end of the stream is dropped.
 * Chunks may split a line, a CRLF pair or a UTF-8 sequence anywhere.
 */

/** One dispatched event. */
export interface SseEvent {
  /** The `event:` field, `'message'` when absent. */
  type: string;
  /** The `data:` lines joined with "\n". */
  data: string;
  /** The last event id as of this event (the spec's "last event ID buffer"): `''` when the stream never set one. */
  id: string;
}

export interface SseHandlers {
  onEvent(event: SseEvent): void;
  /** A valid `retry:` field: the reconnection time the server asks for, in ms. */
  onRetry?(ms: number): void;
  /** A comment line (without its leading `:`), e.g. a heartbeat. */
  onComment?(text: string): void;
}

export interface SseParser {
  /** Feeds decoded text; complete lines are interpreted at once. */
  feed(text: string): void;
  /** The stream ended: an unterminated line or event is discarded, as the spec says. */
  end(): void;
  /** The id to resume from (`Last-Event-ID`), kept even across events without an `id:` field. */
  readonly lastEventId: string;
}

/**
 * A push parser for `text/event-stream`. `lastEventId` is the id the previous
 * connection ended with, so a reconnection carries it on until the server sets another.
 */
export function createSseParser(handlers: SseHandlers, o: { lastEventId?: string } = {}): SseParser {
  let lastEventId = o.lastEventId ?? '';
  let idBuffer = lastEventId;
  let data = '';
  let type = '';
  let pending = '';
  let atStart = true;
  /** The previous chunk ended with CR: a LF starting this one belongs to that line ending. */
  let afterCR = false;
  let ended = false;

  function dispatch(): void {
    lastEventId = idBuffer;
    if (data === '') {
      type = '';
      return;
    }
    const event: SseEvent = { type: type === '' ? 'message' : type, data: data.slice(0, -1), id: lastEventId };
    data = '';
    type = '';
    handlers.onEvent(event);
  }

  function line(text: string): void {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return void handlers.onComment?.(text.slice(1));
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        type = value;
        break;
      case 'data':
        data += `${value}\n`;
        break;
      case 'id':
        if (!value.includes('\0')) idBuffer = value;
        break;
      case 'retry':
        if (/^[0-9]+$/.test(value)) handlers.onRetry?.(Number(value));
        break;
      default:
        break; // unknown fields are ignored
    }
  }

  return {
    feed(text) {
      if (ended || text === '') return;
      let chunk = text;
      if (atStart) {
        atStart = false;
        if (chunk.startsWith('\uFEFF')) chunk = chunk.slice(1);
      }
      let from = 0;
      if (afterCR && chunk.startsWith('\n')) from = 1;
      afterCR = false;
      for (let i = from; i < chunk.length; i++) {
        const c = chunk.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        const complete = pending + chunk.slice(from, i);
        pending = '';
        if (c === 13) {
          if (i + 1 === chunk.length) afterCR = true;
          else if (chunk.charCodeAt(i + 1) === 10) i++;
        }
        from = i + 1;
        line(complete);
        if (ended) return;
      }
      pending += chunk.slice(from);
    },
    end() {
      ended = true;
      pending = '';
      data = '';
      type = '';
    },
    get lastEventId() {
      return lastEventId;
    },
  };
}

/**
 * Reads a `text/event-stream` body into `parser` until the stream ends (resolves), fails
 * (rejects with the stream's error) or `signal` aborts (rejects with its reason; the
 * body is cancelled even when the fetch that made it ignores signals). UTF-8 split
 * across chunks is decoded whole; the BOM is left to the parser so exactly one is skipped.
 */
export async function readSseStream(body: ReadableStream<Uint8Array>, parser: SseParser, signal?: AbortSignal): Promise<void> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const reader = body.getReader();
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => undefined);
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal?.aborted) throw signal.reason;
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    parser.feed(decoder.decode());
  } finally {
    signal?.removeEventListener('abort', onAbort);
    parser.end();
    reader.releaseLock();
  }
}
