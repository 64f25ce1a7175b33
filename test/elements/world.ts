/**
 * A small world for element tests: a thread in the memory adapter, mocked Google and
 * Microsoft calendars (the msw handlers answered in-page through the adapters'
 * injected `fetch`, no service worker), per-user connection stores, a settable clock,
 * and `mount()` wrapping a template in `<meeting-provider>` as one of the users.
 */
import { fixture } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import { getResponse } from 'msw';
import type { CalendarConnection, Instant, MeetingEvent, Participant } from '@meeting-scheduler/core';
import { localConnectionStore, type StorageLike } from '@meeting-scheduler/adapters/connections';
import { googleCalendar } from '@meeting-scheduler/adapters/google';
import { memoryThread, type MemoryThread } from '@meeting-scheduler/adapters/memory';
import { microsoftCalendar } from '@meeting-scheduler/adapters/microsoft';
import {
  MockCalendarStore,
  MockFaults,
  googleHandlers,
  microsoftHandlers,
  type MockAccountSeed,
} from '@meeting-scheduler/adapters/mocks';
import type { MeetingEnvironment, SettingsStore, UserSettings } from '../../packages/elements/src/context.ts';
import '../../packages/elements/src/define.ts';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '@meeting-scheduler/core';

export const ALICE: Participant = { id: 'alice', name: 'Alice', timeZone: 'America/New_York', email: 'alice@acme.example' };
export const BOB: Participant = { id: 'bob', name: 'Bob', timeZone: 'Asia/Kolkata', email: 'bob@studio.example' };
export const CAROL: Participant = { id: 'carol', name: 'Carol', timeZone: 'Europe/Berlin', email: 'carol@berlin.example' };

export type CalendarSeed = NonNullable<MockAccountSeed['events']>;

export interface WorldOptions {
  participants?: Participant[];
  /** Events already in the thread. */
  events?: MeetingEvent[];
  /** Each user's Google calendar events (users without an entry get an empty calendar). */
  calendars?: Partial<Record<string, CalendarSeed>>;
  /** Users with no connected calendar. */
  unconnected?: string[];
  now?: Instant;
}

export function memoryStorage(): StorageLike {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

export function createWorld(opts: WorldOptions = {}) {
  const participants = opts.participants ?? [ALICE, BOB];
  const threads: MemoryThread = memoryThread({
    currentUserId: participants[0]!.id,
    threads: [{ id: 't1', title: 'Logo project', participants }],
    events: { t1: opts.events ?? [] },
  });
  const calendarStore = new MockCalendarStore(
    participants.map((p) => ({
      email: p.email!,
      token: `tok-${p.id}`,
      calendars: [{ name: p.email!, timeZone: p.timeZone }],
      events: opts.calendars?.[p.id] ?? [],
    })),
  );
  const faults = new MockFaults();
  const handlers = [...googleHandlers(calendarStore, faults), ...microsoftHandlers(calendarStore, faults)];
  const fetch: typeof globalThis.fetch = async (input, init) =>
    (await getResponse(handlers, new Request(input, init))) ?? new Response('not mocked', { status: 599 });

  let clock: Instant = opts.now ?? '2026-03-09T14:00:00Z';
  const opened: string[] = [];
  const settingsByUser = new Map<string, UserSettings>();

  function environment(userId: string): Omit<MeetingEnvironment, 'locale' | 'timeZone'> {
    const person = participants.find((p) => p.id === userId);
    const connections = localConnectionStore({ storage: memoryStorage(), userId });
    if (person && !opts.unconnected?.includes(userId)) {
      const connection: CalendarConnection = {
        id: `google-${userId}`,
        provider: 'google',
        accountLabel: person.email!,
        conflictCalendarIds: [person.email!],
        targetCalendarId: person.email!,
      };
      void connections.save(connection);
    }
    const settings: SettingsStore = {
      load: async () => settingsByUser.get(userId) ?? { notifications: DEFAULT_NOTIFICATION_PREFERENCES },
      save: async (s) => void settingsByUser.set(userId, s),
    };
    return {
      thread: threads.as(userId),
      connections,
      calendarFor: (c) =>
        c.provider === 'google'
          ? googleCalendar({ getAccessToken: async () => `tok-${userId}`, fetch, retry: { baseDelayMs: 1 } })
          : c.provider === 'microsoft'
            ? microsoftCalendar({ getAccessToken: async () => `tok-${userId}`, fetch, retry: { baseDelayMs: 1 } })
            : undefined,
      settings,
      openUrl: (url) => void opened.push(url),
      now: () => clock,
    };
  }

  return {
    participants,
    threads,
    calendarStore,
    faults,
    fetch,
    opened,
    environment,
    setNow(now: Instant) {
      clock = now;
    },
    /**
     * Renders `template` inside a `<meeting-provider>` acting as `as`, in that user's zone
     * (or `timeZone`) and `locale` (default en-US); resolves to the first element inside.
     */
    async mount<T extends Element>(template: TemplateResult, o: { as?: string; timeZone?: string; locale?: string } = {}): Promise<T> {
      const userId = o.as ?? participants[0]!.id;
      const env = environment(userId);
      const person = participants.find((p) => p.id === userId);
      const provider = await fixture(html`
        <meeting-provider
          .thread=${env.thread}
          .connections=${env.connections}
          .calendarFor=${env.calendarFor}
          .settings=${env.settings}
          .openUrl=${env.openUrl}
          .now=${env.now}
          locale=${o.locale ?? 'en-US'}
          time-zone=${o.timeZone ?? person?.timeZone ?? 'UTC'}
        >
          ${template}
        </meeting-provider>
      `);
      return provider.firstElementChild as T;
    },
  };
}

export type World = ReturnType<typeof createWorld>;

/** Waits until `check` passes (Lit renders asynchronously; adapters answer asynchronously). */
export async function until(check: () => unknown, what = 'condition', ms = 3000): Promise<void> {
  const started = performance.now();
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (performance.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
