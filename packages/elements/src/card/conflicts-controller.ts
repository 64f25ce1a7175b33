import type { BusyInterval, CalendarAdapter, CalendarConnection, ConnectionStore, Interval } from '@meeting-scheduler/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A busy interval and the account it came from (for "Conflicts with an event in alice@…"). */
export type AccountBusy = BusyInterval & { account: string };

export interface ConflictsSource {
  connections: ConnectionStore | undefined;
  calendarFor: ((c: CalendarConnection) => CalendarAdapter | undefined) | undefined;
  /** The time to check (the span of the options on the table), or none. */
  span: Interval | undefined;
}

/**
 * The viewer's busy time over a span, from every connected calendar that counts for
 * conflicts. Loads again when the span or the host's adapters change. A calendar that
 * cannot be read is reported (`status: 'error'`), never taken as free; what the others
 * returned is kept.
 */
export class ConflictsController implements ReactiveController {
  busy: AccountBusy[] = [];
  status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';

  private last: { connections: ConnectionStore | undefined; calendarFor: ConflictsSource['calendarFor']; key: string } | undefined;
  private abort: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => ConflictsSource,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const { connections, calendarFor, span } = this.source();
    const key = span ? `${span.start}/${span.end}` : '';
    if (this.last && this.last.connections === connections && this.last.calendarFor === calendarFor && this.last.key === key) return;
    this.last = { connections, calendarFor, key };
    this.abort?.abort();
    this.busy = [];
    if (!connections || !calendarFor || !span) {
      this.status = 'idle';
      return;
    }
    this.status = 'loading';
    const abort = (this.abort = new AbortController());
    void this.load(connections, calendarFor, span, abort.signal);
  }

  hostDisconnected(): void {
    this.abort?.abort();
    this.last = undefined;
  }

  private async load(
    store: ConnectionStore,
    calendarFor: NonNullable<ConflictsSource['calendarFor']>,
    span: Interval,
    signal: AbortSignal,
  ): Promise<void> {
    let failed = false;
    const busy: AccountBusy[] = [];
    try {
      const connections = (await store.list({ signal })).filter((c) => c.conflictCalendarIds.length > 0);
      const results = await Promise.allSettled(
        connections.map(async (c) => {
          const adapter = calendarFor(c);
          if (!adapter) return [];
          const found = await adapter.getBusy(span, c.conflictCalendarIds, { signal });
          return found.map((b): AccountBusy => ({ ...b, account: c.accountLabel }));
        }),
      );
      for (const r of results) {
        if (r.status === 'fulfilled') busy.push(...r.value);
        else failed = true;
      }
    } catch {
      failed = true;
    }
    if (signal.aborted) return;
    this.busy = busy;
    this.status = failed ? 'error' : 'ready';
    this.host.requestUpdate();
  }
}
