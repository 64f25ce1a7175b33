import {
  SchedulerError,
  safeJoinUrl,
  type CalendarAdapter,
  type CalendarConnection,
  type ConnectionStore,
  type Instant,
  type Meeting,
} from '@meeting-scheduler/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { asSchedulerError } from '../controllers/thread-controller.js';
import { MeetingCalendarSyncEvent } from '../events.js';

/**
 * Writes confirmed meetings to the viewer's connected calendars and takes them out
 * again when a meeting is cancelled.
 *
 * Duplicates are avoided three ways:
 * 1. every create carries the idempotency key `${meeting.id}:${confirmed.start}:${viewerId}`,
 *    so the provider itself refuses a second copy (two tabs, two devices, a retry);
 * 2. keys written (or in flight) are remembered per card instance, so re-renders do nothing;
 * 3. the event ids this browser wrote are kept in `localStorage` (see {@link storedEvents}),
 *    so a reloaded page moves (update) or cancels the event it made instead of guessing.
 *
 * A failed write is kept in `failures` (the card shows it with a Retry button) and
 * dispatched as `meeting-calendar-sync`; it is not retried on its own, so a broken
 * provider is not hammered on every render.
 */

/** What this browser wrote for one meeting, per connection id. */
export interface WrittenEvent {
  eventId: string;
  calendarId: string;
  /** The confirmed start it was written for. */
  start: Instant;
}

export interface SyncFailure {
  connection: CalendarConnection;
  operation: 'add' | 'remove';
  error: SchedulerError;
  /** The idempotency key (add) or meeting id (remove) that failed. */
  key: string;
}

export interface SyncSource {
  /** False for guests (no calendars of theirs are touched). */
  enabled: boolean;
  meeting: Meeting | undefined;
  viewerId: string | undefined;
  connections: ConnectionStore | undefined;
  calendarFor: ((c: CalendarConnection) => CalendarAdapter | undefined) | undefined;
  now: () => Instant;
}

/**
 * The key that makes a calendar write for this meeting, time and viewer happen once:
 * `${meeting.id}:${confirmed.start}:${viewerId}`. Once an entry written under a key was
 * cancelled (an accept that lost a race, then accepted again), providers keep that id
 * burnt (Google answers 409 with the deleted event), so the next write for the same
 * time gets a generation suffix (`…:1`, `…:2`).
 */
function idempotencyKey(meeting: Meeting, viewerId: string, generation = 0): string {
  const key = `${meeting.id}:${meeting.confirmed?.start ?? ''}:${viewerId}`;
  return generation > 0 ? `${key}:${generation}` : key;
}

const STORAGE_PREFIX = 'meeting-scheduler:calendar-events:v1:';

/**
 * Event ids written by this browser, per user: `localStorage[prefix + viewerId]` holds
 * `{ [meetingId]: { [connectionId]: WrittenEvent } }`. Where `localStorage` is not
 * available (sandboxed iframes, some private modes) a module-level map stands in
 * for the page's life; the providers' idempotency still prevents duplicates.
 */
export const storedEvents = {
  key: (viewerId: string) => `${STORAGE_PREFIX}${viewerId}`,
  read(viewerId: string): Record<string, Record<string, WrittenEvent>> {
    let raw: string | null | undefined;
    try {
      raw = globalThis.localStorage?.getItem(this.key(viewerId));
    } catch {
      raw = undefined;
    }
    if (raw === undefined) return fallback.get(viewerId) ?? {};
    if (raw === null) return {};
    try {
      const parsed: unknown = JSON.parse(raw);
      return parsed !== null && typeof parsed === 'object' ? clean(parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  },
  write(viewerId: string, all: Record<string, Record<string, WrittenEvent>>): void {
    try {
      if (!globalThis.localStorage) throw new Error('no localStorage');
      globalThis.localStorage.setItem(this.key(viewerId), JSON.stringify(all));
    } catch {
      fallback.set(viewerId, all);
    }
  },
  get(viewerId: string, meetingId: string): Record<string, WrittenEvent> {
    return this.read(viewerId)[meetingId] ?? {};
  },
  /** How many entries for this meeting and start were written and then cancelled (see {@link idempotencyKey}). */
  generation(viewerId: string, meetingId: string, start: Instant): number {
    const n = this.readRetired(viewerId)[`${meetingId}|${start}`];
    return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 0;
  },
  retire(viewerId: string, meetingId: string, start: Instant): void {
    const all = this.readRetired(viewerId);
    all[`${meetingId}|${start}`] = this.generation(viewerId, meetingId, start) + 1;
    try {
      globalThis.localStorage.setItem(`${this.key(viewerId)}:retired`, JSON.stringify(all));
    } catch {
      fallbackRetired.set(viewerId, all);
    }
  },
  readRetired(viewerId: string): Record<string, number> {
    try {
      const raw = globalThis.localStorage.getItem(`${this.key(viewerId)}:retired`);
      const parsed: unknown = raw === null ? {} : JSON.parse(raw);
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? { ...(parsed as Record<string, number>) } : {};
    } catch {
      return { ...fallbackRetired.get(viewerId) };
    }
  },
  set(viewerId: string, meetingId: string, connectionId: string, written: WrittenEvent | undefined): void {
    const all = this.read(viewerId);
    const forMeeting = { ...all[meetingId] };
    if (written) forMeeting[connectionId] = written;
    else delete forMeeting[connectionId];
    if (Object.keys(forMeeting).length === 0) delete all[meetingId];
    else all[meetingId] = forMeeting;
    this.write(viewerId, all);
  },
};

const fallback = new Map<string, Record<string, Record<string, WrittenEvent>>>();
const fallbackRetired = new Map<string, Record<string, number>>();

/** Only well-formed records survive (the storage is shared with anything on the origin). */
function clean(data: Record<string, unknown>): Record<string, Record<string, WrittenEvent>> {
  const out: Record<string, Record<string, WrittenEvent>> = {};
  for (const [meetingId, byConnection] of Object.entries(data)) {
    if (byConnection === null || typeof byConnection !== 'object') continue;
    const kept: Record<string, WrittenEvent> = {};
    for (const [connectionId, w] of Object.entries(byConnection as Record<string, unknown>)) {
      const r = w as Partial<WrittenEvent> | null;
      if (r && typeof r.eventId === 'string' && typeof r.calendarId === 'string' && typeof r.start === 'string') {
        kept[connectionId] = { eventId: r.eventId, calendarId: r.calendarId, start: r.start };
      }
    }
    if (Object.keys(kept).length > 0) out[meetingId] = kept;
  }
  return out;
}

export class CalendarSyncController implements ReactiveController {
  /** Writes that failed, one per connection; the card offers a retry for each. */
  failures: SyncFailure[] = [];
  /** Connections being written right now. */
  writing = 0;

  private done = new Set<string>();
  private inFlight = new Set<string>();
  private queues = new Map<string, Promise<unknown>>();
  private lastChecked: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly source: () => SyncSource,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    void this.check();
  }

  /**
   * Writes the meeting (confirmed, possibly only projected: the accept is not stored
   * yet) to every connection with a target calendar, and resolves to the first `https`
   * join link a provider made (a Meet or Teams link). Failures are recorded, not thrown.
   */
  async write(meeting: Meeting, viewerId: string): Promise<string | undefined> {
    const { connections, calendarFor } = this.source();
    if (!connections || !calendarFor || !meeting.confirmed) return undefined;
    const key = idempotencyKey(meeting, viewerId, storedEvents.generation(viewerId, meeting.id, meeting.confirmed.start));
    let list: CalendarConnection[];
    try {
      list = (await connections.list()).filter((c) => c.targetCalendarId);
    } catch {
      return undefined;
    }
    const results = await Promise.all(
      list.map(async (connection) => {
        const tag = `${connection.id}|${key}`;
        if (this.done.has(tag) || this.inFlight.has(tag)) return undefined;
        const adapter = calendarFor(connection);
        if (!adapter?.createEvent) return undefined; // read-only (an ICS feed): nothing to write
        this.inFlight.add(tag);
        this.writing++;
        this.host.requestUpdate();
        // One write per connection at a time: a move that arrives while the first entry is
        // still being created waits for it, then moves that entry instead of adding another.
        return this.serial(connection.id, async () => {
          const before = storedEvents.get(viewerId, meeting.id)[connection.id];
          try {
            if (before?.start === meeting.confirmed!.start) {
              this.done.add(tag);
              return undefined;
            }
            const calendarId = connection.targetCalendarId!;
            let joinUrl: string | undefined;
            let eventId: string | undefined;
            if (before && adapter.updateEvent) {
              try {
                await adapter.updateEvent(before.eventId, meeting, { calendarId: before.calendarId });
                eventId = before.eventId;
              } catch (e) {
                if (asSchedulerError(e).code !== 'not-found') throw e;
              }
            }
            if (eventId === undefined) {
              const made = await adapter.createEvent!(meeting, { calendarId, idempotencyKey: key });
              eventId = made.eventId;
              joinUrl = safeJoinUrl(made.joinUrl);
            }
            storedEvents.set(viewerId, meeting.id, connection.id, {
              eventId,
              calendarId: before && eventId === before.eventId ? before.calendarId : calendarId,
              start: meeting.confirmed!.start,
            });
            this.done.add(tag);
            this.clearFailure(connection.id);
            this.host.dispatchEvent(new MeetingCalendarSyncEvent(meeting.id, connection.id, 'written'));
            return joinUrl;
          } catch (e) {
            this.fail({ connection, operation: 'add', error: asSchedulerError(e), key }, meeting.id);
            return undefined;
          } finally {
            this.inFlight.delete(tag);
            this.writing--;
            this.recheck();
          }
        });
      }),
    );
    return results.find((url) => url !== undefined);
  }

  /** Takes out what this browser wrote for the meeting (cancelled, declined, or an accept that lost a race). */
  async remove(meeting: Meeting, viewerId: string, onlyStart?: Instant): Promise<void> {
    const { connections, calendarFor } = this.source();
    if (!connections || !calendarFor) return;
    const written = Object.entries(storedEvents.get(viewerId, meeting.id)).filter(([, w]) => onlyStart === undefined || w.start === onlyStart);
    if (written.length === 0) return;
    let list: CalendarConnection[];
    try {
      list = await connections.list();
    } catch {
      return;
    }
    await Promise.all(
      written.map(async ([connectionId, w]) => {
        const tag = `${connectionId}|remove|${meeting.id}|${w.start}`;
        if (this.inFlight.has(tag)) return;
        const connection = list.find((c) => c.id === connectionId);
        const adapter = connection ? calendarFor(connection) : undefined;
        if (!connection || !adapter?.cancelEvent) {
          // Disconnected since: nothing this client can reach any more.
          storedEvents.set(viewerId, meeting.id, connectionId, undefined);
          return;
        }
        this.inFlight.add(tag);
        await this.serial(connectionId, async () => {
          try {
            await adapter.cancelEvent!(w.eventId, meeting, {
              calendarId: w.calendarId,
              ...(meeting.reason !== undefined ? { reason: meeting.reason } : {}),
            });
            storedEvents.set(viewerId, meeting.id, connectionId, undefined);
            storedEvents.retire(viewerId, meeting.id, w.start);
            this.clearFailure(connectionId);
            this.host.dispatchEvent(new MeetingCalendarSyncEvent(meeting.id, connectionId, 'written'));
          } catch (e) {
            this.fail({ connection, operation: 'remove', error: asSchedulerError(e), key: meeting.id }, meeting.id);
          } finally {
            this.inFlight.delete(tag);
            this.recheck();
          }
        });
      }),
    );
  }

  /** Runs `work` after every earlier write or removal on the same connection has settled. */
  private serial<T>(connectionId: string, work: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(connectionId) ?? Promise.resolve()).then(work, work);
    this.queues.set(connectionId, next.catch(() => undefined));
    return next;
  }

  /** Tries a failed write again (the Retry button). */
  retry(connectionId: string): void {
    this.clearFailure(connectionId);
    this.lastChecked = undefined;
    this.host.requestUpdate();
  }

  /** The meeting may have moved on while a write was in flight (cancelled mid-write): look again. */
  private recheck(): void {
    this.lastChecked = undefined;
    this.host.requestUpdate();
  }

  /** Brings the calendars in line with the meeting as this viewer now sees it. */
  private async check(): Promise<void> {
    const { enabled, meeting, viewerId, connections, calendarFor, now } = this.source();
    if (!enabled || !meeting || !viewerId || !connections || !calendarFor) return;
    const state = `${meeting.id}|${meeting.status}|${meeting.confirmed?.start ?? ''}|${viewerId}`;
    if (state === this.lastChecked) return;
    this.lastChecked = state;
    const attending = meeting.organizerId === viewerId || meeting.attendeeIds.includes(viewerId);
    const over = (end: Instant | undefined) => end !== undefined && Date.parse(end) <= Date.parse(now());
    if (meeting.status === 'confirmed' && meeting.confirmed && attending) {
      if (over(meeting.confirmed.end)) return; // a past meeting: its calendar entry is history
      const key = idempotencyKey(meeting, viewerId, storedEvents.generation(viewerId, meeting.id, meeting.confirmed.start));
      if (this.failures.some((f) => f.operation === 'add' && f.key === key)) return;
      await this.write(meeting, viewerId);
    } else if (meeting.status === 'cancelled' || meeting.status === 'declined' || !attending) {
      if (this.failures.some((f) => f.operation === 'remove' && f.key === meeting.id)) return;
      await this.remove(meeting, viewerId);
    }
    // Proposed again (a reschedule): the old entry stays until the new time is confirmed, then moves.
  }

  private fail(failure: SyncFailure, meetingId: string): void {
    this.failures = [...this.failures.filter((f) => f.connection.id !== failure.connection.id), failure];
    this.host.dispatchEvent(new MeetingCalendarSyncEvent(meetingId, failure.connection.id, 'failed', failure.error));
  }

  private clearFailure(connectionId: string): void {
    if (this.failures.some((f) => f.connection.id === connectionId)) {
      this.failures = this.failures.filter((f) => f.connection.id !== connectionId);
    }
  }
}
