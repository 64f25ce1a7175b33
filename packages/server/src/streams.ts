/**
 * Server-Sent Events for thread streams. Each open stream keeps a cursor (the last
 * position it sent); whenever the store announces a stored item of its thread (on
 * any instance), it reads everything after the cursor, in order. So a client
 * resuming with `Last-Event-ID: n` gets exactly the items after `n`, and a
 * notification that arrives twice or late sends nothing twice.
 */
import type { MeetingStore, StreamEntry } from './store/types.js';

/** How many entries one read sends at most before reading again. */
const BATCH = 200;
/** A client this far behind (bytes queued, unread) is dropped; it resumes with Last-Event-ID. */
const MAX_QUEUED_BYTES = 1024 * 1024;
const encoder = new TextEncoder();

/** One SSE frame. Data is JSON, so it never contains a raw newline. */
function frame(entry: StreamEntry): string {
  return entry.kind === 'event'
    ? `id: ${entry.position}\nevent: meeting-event\ndata: ${JSON.stringify(entry.event)}\n\n`
    : `id: ${entry.position}\nevent: thread-message\ndata: ${JSON.stringify(entry.message)}\n\n`;
}

interface Subscriber {
  poke(): void;
  close(): void;
}

interface StreamHubOptions {
  heartbeatMs: number;
  logError: (message: string, error: unknown) => void;
}

export class StreamHub {
  readonly #store: MeetingStore;
  readonly #options: StreamHubOptions;
  readonly #byThread = new Map<string, Set<Subscriber>>();
  #unsubscribe: (() => void) | undefined;

  constructor(store: MeetingStore, options: StreamHubOptions) {
    this.#store = store;
    this.#options = options;
  }

  /** Listens to the store only while at least one stream is open. */
  #ensureListening(): void {
    this.#unsubscribe ??= this.#store.onStored(
      (threadId) => {
        for (const s of this.#byThread.get(threadId) ?? []) s.poke();
      },
      () => {
        for (const subs of this.#byThread.values()) for (const s of subs) s.poke();
      },
    );
  }

  /**
   * A `text/event-stream` body for `threadId` starting after `cursor`. The first frame
   * is `event: ready` whose `id` is the cursor, so a client that reconnects before any
   * item arrived resumes from the right place. `onClose` runs once when it ends.
   */
  open(threadId: string, cursor: number, signal: AbortSignal, onClose: () => void): ReadableStream<Uint8Array> {
    let sent = cursor;
    let reading = false;
    let again = false;
    let closed = false;
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    let controller!: ReadableStreamDefaultController<Uint8Array>;

    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      signal.removeEventListener('abort', close);
      const subs = this.#byThread.get(threadId);
      subs?.delete(sub);
      if (subs?.size === 0) this.#byThread.delete(threadId);
      if (this.#byThread.size === 0) {
        this.#unsubscribe?.();
        this.#unsubscribe = undefined;
      }
      try {
        controller.close();
      } catch {
        // already closed or cancelled
      }
      onClose();
    };
    const write = (text: string) => {
      if (closed) return;
      controller.enqueue(encoder.encode(text));
      if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) close();
    };

    const pump = async () => {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      try {
        do {
          again = false;
          let batch: StreamEntry[];
          do {
            batch = await this.#store.readStream(threadId, sent, BATCH);
            for (const entry of batch) {
              if (closed) return;
              if (entry.position <= sent) continue;
              write(frame(entry));
              sent = entry.position;
            }
          } while (batch.length === BATCH && !closed);
        } while (again && !closed);
      } catch (error) {
        // The client reconnects with Last-Event-ID and loses nothing.
        this.#options.logError('meeting-scheduler: reading a thread stream failed', error);
        close();
      } finally {
        reading = false;
      }
    };

    const sub: Subscriber = { poke: () => void pump(), close };

    return new ReadableStream<Uint8Array>({
      start: (c) => {
        controller = c;
        if (signal.aborted) return close();
        signal.addEventListener('abort', close, { once: true });
        let subs = this.#byThread.get(threadId);
        if (!subs) this.#byThread.set(threadId, (subs = new Set()));
        subs.add(sub);
        this.#ensureListening();
        write(`retry: 2000\nid: ${cursor}\nevent: ready\ndata: ${JSON.stringify({ position: cursor })}\n\n`);
        heartbeat = setInterval(() => write(': heartbeat\n\n'), this.#options.heartbeatMs);
        // The open connection keeps a server alive; the timer alone should not.
        (heartbeat as { unref?: () => void }).unref?.();
        // Anything stored between the cursor and now.
        void pump();
      },
      cancel: close,
    }, new ByteLengthQueuingStrategy({ highWaterMark: 16 * 1024 }));
  }

  /** Ends every open stream (shutdown); clients reconnect elsewhere and resume. */
  closeAll(): void {
    // Copied first: closing a stream removes it from these sets.
    const all = Array.from(this.#byThread.values(), (subs) => Array.from(subs)).flat();
    for (const s of all) s.close();
  }
}
