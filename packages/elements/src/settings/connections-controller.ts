import { SchedulerError, type CalendarAdapter, type CalendarConnection, type CalendarInfo, type ConnectionStore } from '@meeting-scheduler/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { asSchedulerError } from '../controllers/thread-controller.js';
import { Optimistic } from './optimistic.js';

/** The calendars of one connection, loaded on their own (one failing feed does not hide the others). */
export type CalendarsState =
  | { status: 'loading' }
  | { status: 'ready'; calendars: CalendarInfo[] }
  | { status: 'error'; error: SchedulerError }
  /** `calendarFor` has no adapter for this connection. */
  | { status: 'unsupported' };

type CalendarFor = (connection: CalendarConnection) => CalendarAdapter | undefined;

interface Source {
  store: ConnectionStore | undefined;
  calendarFor: CalendarFor | undefined;
}

/** A store that also reports changes made elsewhere (e.g. `localConnectionStore` in another tab). */
interface Subscribable {
  subscribe(listener: (connections: CalendarConnection[]) => void): () => void;
}

const isSubscribable = (store: ConnectionStore): store is ConnectionStore & Subscribable =>
  typeof (store as Partial<Subscribable>).subscribe === 'function';

/** What identifies the calendars a connection has: a changed feed URL loads them again. */
const calendarsKey = (c: CalendarConnection) => `${c.provider}\u0000${c.url ?? ''}`;

const sameConnection = (a: CalendarConnection, b: CalendarConnection) =>
  a.provider === b.provider &&
  a.accountLabel === b.accountLabel &&
  a.targetCalendarId === b.targetCalendarId &&
  a.url === b.url &&
  a.conflictCalendarIds.length === b.conflictCalendarIds.length &&
  a.conflictCalendarIds.every((id, i) => b.conflictCalendarIds[i] === id);

/**
 * Writes the difference between two lists of connections. When one write fails, the
 * writes already made are undone (best effort) so the store is left as it was.
 */
async function commit(store: ConnectionStore, before: CalendarConnection[], after: CalendarConnection[]): Promise<void> {
  const undo: Array<() => Promise<void>> = [];
  try {
    for (const c of after) {
      const previous = before.find((b) => b.id === c.id);
      if (previous && sameConnection(previous, c)) continue;
      await store.save(c);
      undo.push(previous ? () => store.save(previous) : () => store.remove(c.id));
    }
    for (const previous of before) {
      if (after.some((a) => a.id === previous.id)) continue;
      await store.remove(previous.id);
      undo.push(() => store.save(previous));
    }
  } catch (e) {
    for (const step of undo.reverse()) await step().catch(() => undefined);
    throw e;
  }
}

/**
 * The current user's calendar connections (from the host's ConnectionStore) and the
 * calendars of each (from `calendarFor(connection).listCalendars()`), with optimistic
 * edits: a change shows at once, is saved in order, and is undone if saving fails.
 */
export class ConnectionsController implements ReactiveController {
  status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  error: SchedulerError | undefined;

  private readonly list = new Optimistic<CalendarConnection[]>([], () => this.host.requestUpdate());
  private readonly calendarStates = new Map<string, { key: string; state: CalendarsState; abort: AbortController }>();
  private loadedFor: Source | undefined;
  private abort: AbortController | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => Source,
  ) {
    host.addController(this);
  }

  /** The connections as shown: saved ones with edits still being saved applied. */
  get connections(): CalendarConnection[] {
    return this.list.current;
  }

  /** The calendars of a connection (loading until its adapter answers). */
  calendars(connectionId: string): CalendarsState {
    return this.calendarStates.get(connectionId)?.state ?? { status: 'loading' };
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
    this.syncCalendars();
  }

  hostDisconnected(): void {
    this.stop();
    this.loadedFor = undefined;
    for (const entry of this.calendarStates.values()) entry.abort.abort();
    this.calendarStates.clear();
  }

  /** Loads the connections again (after an error). */
  reload(): void {
    this.loadedFor = undefined;
    this.sync();
  }

  /** Loads one connection's calendars again (after an error). */
  retry(connectionId: string): void {
    this.calendarStates.get(connectionId)?.abort.abort();
    this.calendarStates.delete(connectionId);
    this.syncCalendars();
    this.host.requestUpdate();
  }

  /** Applies `change` to the list at once and saves what it changed. Rejects (after undoing it) with a SchedulerError. */
  change(change: (connections: CalendarConnection[]) => CalendarConnection[]): Promise<CalendarConnection[]> {
    const store = this.source().store;
    return this.list.apply(change, async (before, after) => {
      if (!store) throw new SchedulerError('invalid-input', 'No connection store to save to');
      await commit(store, before, after);
    });
  }

  private sync(): void {
    const source = this.source();
    const { store } = source;
    if (this.loadedFor && this.loadedFor.calendarFor !== source.calendarFor) {
      // Another adapter factory (new tokens, another host setup): read every calendar list again.
      for (const entry of this.calendarStates.values()) entry.abort.abort();
      this.calendarStates.clear();
      this.loadedFor = { ...this.loadedFor, calendarFor: source.calendarFor };
    }
    if (this.loadedFor?.store === store) return;
    this.stop();
    this.loadedFor = source;
    this.list.reset([]);
    if (!store) {
      this.status = 'idle';
      return;
    }
    this.status = 'loading';
    this.error = undefined;
    const abort = (this.abort = new AbortController());
    if (isSubscribable(store)) {
      this.unsubscribe = store.subscribe((connections) => {
        // Our own writes echo back here too; while edits are being saved, the queue knows better.
        if (abort.signal.aborted || this.list.writing) return;
        this.list.reset(connections);
        this.status = 'ready';
        this.host.requestUpdate();
      });
    }
    store
      .list({ signal: abort.signal })
      .then((connections) => {
        if (abort.signal.aborted) return;
        this.list.reset(connections);
        this.status = 'ready';
        this.host.requestUpdate();
      })
      .catch((e: unknown) => {
        if (abort.signal.aborted) return;
        this.status = 'error';
        this.error = asSchedulerError(e);
        this.host.requestUpdate();
      });
  }

  /** Starts loading calendars for connections that have none yet; forgets removed ones. */
  private syncCalendars(): void {
    const connections = this.connections;
    for (const [id, entry] of this.calendarStates) {
      const c = connections.find((x) => x.id === id);
      if (!c || calendarsKey(c) !== entry.key) {
        entry.abort.abort();
        this.calendarStates.delete(id);
      }
    }
    for (const c of connections) {
      if (!this.calendarStates.has(c.id)) this.loadCalendars(c);
    }
  }

  private loadCalendars(connection: CalendarConnection): void {
    const abort = new AbortController();
    const entry: { key: string; state: CalendarsState; abort: AbortController } = {
      key: calendarsKey(connection),
      state: { status: 'loading' },
      abort,
    };
    this.calendarStates.set(connection.id, entry);
    const settle = (state: CalendarsState) => {
      if (abort.signal.aborted) return;
      entry.state = state;
      this.host.requestUpdate();
    };
    let adapter: CalendarAdapter | undefined;
    try {
      adapter = this.source().calendarFor?.(connection);
    } catch (e) {
      entry.state = { status: 'error', error: asSchedulerError(e) };
      return;
    }
    if (!adapter) {
      entry.state = { status: 'unsupported' };
      return;
    }
    adapter
      .listCalendars({ signal: abort.signal })
      .then((calendars) => settle({ status: 'ready', calendars }))
      .catch((e: unknown) => settle({ status: 'error', error: asSchedulerError(e) }));
  }

  private stop(): void {
    this.abort?.abort();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
