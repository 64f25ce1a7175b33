import {
  reduceThreadMeetings,
  SchedulerError,
  type Meeting,
  type MeetingEvent,
  type ThreadAdapter,
  type ThreadInfo,
} from '@meeting-scheduler/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Any failure as a SchedulerError (adapters already reject with one; anything else is a bug we still show). */
export function asSchedulerError(e: unknown): SchedulerError {
  return e instanceof SchedulerError ? e : new SchedulerError('network', e instanceof Error ? e.message : String(e));
}

/**
 * A thread's info and meeting events, loaded through the host's ThreadAdapter and
 * kept live with `subscribe`. Reloads when the adapter or thread id changes.
 * Events arrive once: duplicates (our own append echoed by the subscription) are dropped.
 */
export class ThreadController implements ReactiveController {
  thread: ThreadInfo | undefined;
  events: MeetingEvent[] = [];
  status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  error: SchedulerError | undefined;

  private loadedFor: { adapter: ThreadAdapter; threadId: string } | undefined;
  private unsubscribe: (() => void) | undefined;
  private abort: AbortController | undefined;
  private ids = new Set<string>();
  private meetingsCache: { events: MeetingEvent[]; meetings: Meeting[] } | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => { adapter: ThreadAdapter | undefined; threadId: string | undefined },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.stop();
    this.loadedFor = undefined;
  }

  /** Every meeting of the thread, folded (memoised on the event list). */
  get meetings(): Meeting[] {
    if (!this.thread) return [];
    if (this.meetingsCache?.events !== this.events) {
      this.meetingsCache = { events: this.events, meetings: reduceThreadMeetings(this.events, this.thread) };
    }
    return this.meetingsCache.meetings;
  }

  meeting(id: string): Meeting | undefined {
    return this.meetings.find((m) => m.id === id);
  }

  /** Stores an event; on success it is part of `events` at once. Rejects with the adapter's SchedulerError. */
  async append(event: MeetingEvent, expectedSequence?: number): Promise<void> {
    const { adapter, threadId } = this.source();
    if (!adapter || !threadId) throw new SchedulerError('invalid-input', 'No thread to write to');
    await adapter.appendEvent(threadId, event, expectedSequence === undefined ? {} : { expectedSequence });
    this.merge([event]);
  }

  /** Loads again from the adapter (after a conflict, or a retry after an error). */
  async reload(): Promise<void> {
    this.loadedFor = undefined;
    this.sync();
  }

  private sync(): void {
    const { adapter, threadId } = this.source();
    if (!adapter || !threadId) return;
    if (this.loadedFor?.adapter === adapter && this.loadedFor.threadId === threadId) return;
    this.stop();
    this.loadedFor = { adapter, threadId };
    this.status = 'loading';
    this.error = undefined;
    this.events = [];
    this.ids.clear();
    const abort = (this.abort = new AbortController());
    // Subscribe first so nothing stored between the load and the subscription is missed.
    this.unsubscribe = adapter.subscribe?.(threadId, (events) => this.merge(events));
    Promise.all([adapter.getThread(threadId, { signal: abort.signal }), adapter.listEvents(threadId, { signal: abort.signal })])
      .then(([thread, events]) => {
        if (abort.signal.aborted) return;
        this.thread = thread;
        this.status = 'ready';
        this.merge(events);
        this.host.requestUpdate();
      })
      .catch((e: unknown) => {
        if (abort.signal.aborted) return;
        this.status = 'error';
        this.error = asSchedulerError(e);
        this.host.requestUpdate();
      });
    this.host.requestUpdate();
  }

  private merge(events: MeetingEvent[]): void {
    const fresh = events.filter((e) => !this.ids.has(e.id));
    if (fresh.length === 0) return;
    for (const e of fresh) this.ids.add(e.id);
    this.events = [...this.events, ...fresh];
    this.host.requestUpdate();
  }

  private stop(): void {
    this.abort?.abort();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
