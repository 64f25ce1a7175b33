/**
 * Every thread of the signed-in person, kept in one place for the page: the
 * timeline (messages and meeting events in stored order), live through httpThread's
 * SSE stream for the open thread and polled for the others (a browser allows only a
 * few connections per host, and two people side by side would exhaust them with one
 * stream per thread). `adapter` is the ThreadAdapter `<meeting-provider>` gets: cards
 * and the scheduler read and subscribe through the hub, and write through httpThread.
 */
import type { MeetingEvent, ThreadAdapter, ThreadInfo } from '@meeting-scheduler/core';
import type { HttpThread, StreamStatus, ThreadMessage } from '@meeting-scheduler/adapters/http';
import { demoApi } from './api.ts';

export type TimelineItem = { kind: 'message'; id: string; message: ThreadMessage } | { kind: 'event'; id: string; event: MeetingEvent };

export interface HubListener {
  /** Items this page had not seen, as they arrive (not the ones loaded at start). */
  fresh(threadId: string, items: TimelineItem[]): void;
  /** Anything changed (re-render). */
  changed(): void;
}

const POLL_MS = 4000;

export class ThreadHub {
  readonly threads = new Map<string, ThreadInfo>();
  private readonly items = new Map<string, TimelineItem[]>();
  private readonly ids = new Map<string, Set<string>>();
  private readonly positions = new Map<string, number>();
  private readonly subscribers = new Map<string, Set<(events: MeetingEvent[]) => void>>();
  private live: { threadId: string; stop: () => void } | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  status: StreamStatus = 'connecting';

  constructor(
    readonly http: HttpThread,
    private readonly listener: HubListener,
  ) {}

  /** Loads every thread's timeline; resolves with the threads. */
  async start(): Promise<ThreadInfo[]> {
    const threads = await this.http.threads();
    for (const t of threads) this.threads.set(t.id, t);
    await Promise.all(threads.map((t) => this.poll(t.id, false)));
    this.timer = setInterval(() => this.pollOthers(), POLL_MS);
    addEventListener('focus', this.onFocus);
    return threads;
  }

  stop(): void {
    clearInterval(this.timer);
    removeEventListener('focus', this.onFocus);
    this.live?.stop();
    this.live = undefined;
  }

  timeline(threadId: string): readonly TimelineItem[] {
    return this.items.get(threadId) ?? [];
  }

  events(threadId: string): MeetingEvent[] {
    return this.timeline(threadId).flatMap((i) => (i.kind === 'event' ? [i.event] : []));
  }

  /** Streams `threadId` live (and only it), from where the page's copy ends. */
  watch(threadId: string): void {
    if (this.live?.threadId === threadId) return;
    this.live?.stop();
    const position = this.positions.get(threadId) ?? 0;
    const stop = this.http.subscribe(threadId, (events) => this.add(threadId, events.map((e) => ({ kind: 'event', id: e.id, event: e })), true), {
      lastEventId: String(position),
      onMessage: (m) => this.add(threadId, [{ kind: 'message', id: m.id, message: m }], true),
      onStatus: (s) => {
        this.status = s;
        this.listener.changed();
      },
    });
    this.live = { threadId, stop };
    // What was stored while no stream was open is caught up by the stream itself (lastEventId).
  }

  /** Posts a message; it is in the timeline once stored. */
  async sendMessage(threadId: string, message: { id: string; text: string }): Promise<void> {
    const stored = await this.http.sendMessage(threadId, message);
    this.add(threadId, [{ kind: 'message', id: stored.id, message: stored }], false);
  }

  /** The ThreadAdapter for `<meeting-provider>`: reads from the hub, writes through httpThread. */
  readonly adapter: ThreadAdapter = {
    getThread: async (threadId, o) => this.threads.get(threadId) ?? this.http.getThread(threadId, o),
    listEvents: async (threadId, o) => (this.items.has(threadId) ? this.events(threadId) : this.http.listEvents(threadId, o)),
    appendEvent: async (threadId, event, o) => {
      await this.http.appendEvent(threadId, event, o);
      this.add(threadId, [{ kind: 'event', id: event.id, event }], false);
    },
    subscribe: (threadId, onEvents) => {
      let set = this.subscribers.get(threadId);
      if (!set) this.subscribers.set(threadId, (set = new Set()));
      set.add(onEvents);
      return () => set.delete(onEvents);
    },
  };

  private readonly onFocus = () => this.pollOthers();

  private pollOthers(): void {
    for (const id of this.threads.keys()) if (id !== this.live?.threadId) void this.poll(id, true).catch(() => {});
  }

  private async poll(threadId: string, announce: boolean): Promise<void> {
    const { entries, position } = await demoApi.timeline(threadId, this.positions.get(threadId) ?? 0);
    this.positions.set(threadId, Math.max(position, this.positions.get(threadId) ?? 0));
    const items = entries.map((e): TimelineItem =>
      e.kind === 'event' ? { kind: 'event', id: e.event.id, event: e.event } : { kind: 'message', id: e.message.id, message: e.message },
    );
    if (!this.items.has(threadId)) this.items.set(threadId, []);
    this.add(threadId, items, announce);
  }

  private add(threadId: string, items: TimelineItem[], announce: boolean): void {
    let seen = this.ids.get(threadId);
    if (!seen) this.ids.set(threadId, (seen = new Set()));
    const fresh = items.filter((i) => !seen.has(i.id));
    if (fresh.length === 0) return;
    for (const i of fresh) seen.add(i.id);
    this.items.set(threadId, [...(this.items.get(threadId) ?? []), ...fresh]);
    const events = fresh.flatMap((i) => (i.kind === 'event' ? [i.event] : []));
    if (events.length > 0) for (const s of this.subscribers.get(threadId) ?? []) s(events);
    if (announce) this.listener.fresh(threadId, fresh);
    this.listener.changed();
  }
}
