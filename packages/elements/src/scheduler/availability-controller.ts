import type { BusyInterval, CalendarConnection, Interval, SchedulerError, WorkingHours } from '@meeting-scheduler/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MeetingEnvironment } from '../context.js';
import { asSchedulerError } from '../controllers/thread-controller.js';

/** What to load: the host's adapters and the range shown; `range: undefined` while nothing is shown. */
export interface AvailabilitySource {
  env: MeetingEnvironment;
  range: Interval | undefined;
}

/**
 * The current user's busy time for the range the scheduler shows, from EVERY
 * connected calendar (`connections.list()` → `calendarFor(c).getBusy(range,
 * c.conflictCalendarIds)`), and their working hours from the settings store.
 * Loads again when the range (week or meeting length) or the adapters change; a
 * newer load aborts the older one. A calendar that fails makes the whole load an
 * error (its time is never taken as free), keeping what the others answered.
 */
export class AvailabilityController implements ReactiveController {
  status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  busy: BusyInterval[] = [];
  workingHours: WorkingHours | undefined;
  error: SchedulerError | undefined;
  /** The connections seen by the last load (empty: no calendar is connected). */
  connections: CalendarConnection[] = [];

  private loaded: { key: string; env: MeetingEnvironment } | undefined;
  private abort: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => AvailabilitySource,
    private readonly onError?: (error: SchedulerError) => void,
    /** After each finished load, once the host's update with the new data is requested. */
    private readonly onLoaded?: () => void,
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
    this.abort?.abort();
    this.abort = undefined;
    this.loaded = undefined;
  }

  /** Loads again (Retry, or after the calendar settings changed). */
  reload(): void {
    this.loaded = undefined;
    this.sync();
  }

  private sync(): void {
    const { env, range } = this.source();
    if (!range) return;
    const key = `${range.start}|${range.end}`;
    const same =
      this.loaded?.key === key &&
      this.loaded.env.connections === env.connections &&
      this.loaded.env.calendarFor === env.calendarFor &&
      this.loaded.env.settings === env.settings;
    if (same) return;
    this.loaded = { key, env };
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.status = 'loading';
    this.error = undefined;
    this.host.requestUpdate();
    void this.load(env, range, abort.signal);
  }

  private async load(env: MeetingEnvironment, range: Interval, signal: AbortSignal): Promise<void> {
    const settings = env.settings?.load().catch(() => undefined);
    let connections: CalendarConnection[] = [];
    let failure: SchedulerError | undefined;
    const busy: BusyInterval[] = [];
    try {
      connections = (await env.connections?.list({ signal })) ?? [];
      const answers = await Promise.allSettled(
        connections.map(async (c) => {
          const calendar = env.calendarFor?.(c);
          return calendar && c.conflictCalendarIds.length > 0 ? calendar.getBusy(range, c.conflictCalendarIds, { signal }) : [];
        }),
      );
      for (const a of answers) {
        if (a.status === 'fulfilled') busy.push(...a.value);
        else failure ??= asSchedulerError(a.reason);
      }
    } catch (e) {
      failure = asSchedulerError(e);
    }
    const working = (await settings)?.workingHours;
    if (signal.aborted) return;
    this.connections = connections;
    this.busy = busy;
    this.workingHours = working;
    this.status = failure ? 'error' : 'ready';
    this.error = failure;
    if (failure) this.onError?.(failure);
    this.host.requestUpdate();
    this.onLoaded?.();
  }
}
