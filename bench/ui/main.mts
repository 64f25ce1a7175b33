/**
 * The page `bench/ui.bench.ts` drives: `<meeting-provider>` + an inline
 * `<meeting-scheduler>` wired like test/elements/world.ts, for Alice (New York) with
 * three connected calendars — Google and Microsoft 365 answered in-page by the msw
 * handlers (no service worker), and an ICS feed — holding a busy week of ~150 events.
 * `window.uiBench` mounts the scheduler and toggles slots (`?show` mounts it once); the figures are the
 * element's own `meeting-scheduler:*` performance measures.
 */
import { getResponse } from 'msw';
import type { CalendarConnection, Instant } from '@meeting-scheduler/core';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '@meeting-scheduler/core';
import { localConnectionStore, type StorageLike } from '@meeting-scheduler/adapters/connections';
import { googleCalendar } from '@meeting-scheduler/adapters/google';
import { icsFeedCalendar } from '@meeting-scheduler/adapters/ics-feed';
import { memoryThread } from '@meeting-scheduler/adapters/memory';
import { microsoftCalendar } from '@meeting-scheduler/adapters/microsoft';
import { MockCalendarStore, googleHandlers, microsoftHandlers, type MockAccountSeed } from '@meeting-scheduler/adapters/mocks';
import type { MeetingProvider, MeetingScheduler } from '@meeting-scheduler/elements';
import '@meeting-scheduler/elements/define';

const NOW: Instant = '2026-03-09T13:00:00Z'; // Monday 09:00 in New York
const WEEK_START = Date.UTC(2026, 2, 9); // Monday (en-US weeks start on Sunday the 8th)
const DAY = 86_400_000;
const MINUTE = 60_000;
const FEED_URL = 'https://calendars.example/alice/personal.ics';

/** Deterministic PRNG: every run measures the same week. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` meetings Monday to Saturday (the week shown), 08:00–20:00 in New York, on a 15-minute grid. */
function busyWeek(count: number, seed: number): Array<{ start: number; end: number }> {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const day = Math.floor(random() * 6);
    const start = WEEK_START + day * DAY + 12 * 60 * MINUTE + Math.floor(random() * 44) * 15 * MINUTE;
    const length = [15, 30, 30, 45, 60, 90][Math.floor(random() * 6)]!;
    return { start, end: start + length * MINUTE };
  });
}

const iso = (ms: number): Instant => new Date(ms).toISOString().replace('.000Z', 'Z');
const icsStamp = (ms: number): string => iso(ms).replace(/[-:]/g, '');

const GOOGLE = 'alice@acme.example';
const MICROSOFT = 'alice@contoso.example';
const events = (n: number, seed: number): NonNullable<MockAccountSeed['events']> =>
  busyWeek(n, seed).map((e, i) => ({
    summary: `Meeting ${i + 1}`,
    start: iso(e.start),
    end: iso(e.end),
    ...(i % 9 === 0 ? { showAs: 'tentative' as const } : {}),
  }));
// Like real calendars, many meetings are on two of them (the invite reached both accounts).
const googleEvents = events(60, 1);
const store = new MockCalendarStore([
  { email: GOOGLE, token: 'tok-google', calendars: [{ name: GOOGLE, timeZone: 'America/New_York' }], events: googleEvents },
  {
    email: MICROSOFT,
    token: 'tok-microsoft',
    calendars: [{ name: 'Calendar', timeZone: 'America/New_York' }],
    events: [...googleEvents.slice(0, 30), ...events(20, 2)],
  },
]);
const handlers = [...googleHandlers(store), ...microsoftHandlers(store)];
const providerFetch: typeof fetch = async (input, init) =>
  (await getResponse(handlers, new Request(input, init))) ?? new Response('not mocked', { status: 599 });

const feed = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//meeting-scheduler//ui bench//EN',
  ...[...busyWeek(60, 1).slice(45), ...busyWeek(25, 3)].flatMap((e, i) => [
    'BEGIN:VEVENT',
    `UID:bench-${i}@calendars.example`,
    `DTSTAMP:${icsStamp(WEEK_START)}`,
    `DTSTART:${icsStamp(e.start)}`,
    `DTEND:${icsStamp(e.end)}`,
    `SUMMARY:Personal ${i + 1}`,
    'END:VEVENT',
  ]),
  'END:VCALENDAR',
  '',
].join('\r\n');
const feedFetch: typeof fetch = async () => new Response(feed, { headers: { 'content-type': 'text/calendar; charset=utf-8' } });

const connections: CalendarConnection[] = [
  { id: 'google', provider: 'google', accountLabel: GOOGLE, conflictCalendarIds: [GOOGLE], targetCalendarId: GOOGLE },
  { id: 'microsoft', provider: 'microsoft', accountLabel: MICROSOFT, conflictCalendarIds: [MICROSOFT] },
  { id: 'ics', provider: 'ics', accountLabel: 'Personal (iCloud)', conflictCalendarIds: [FEED_URL], url: FEED_URL },
];

function memoryStorage(): StorageLike {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

const participants = [
  { id: 'alice', name: 'Alice', timeZone: 'America/New_York', email: GOOGLE },
  { id: 'bob', name: 'Bob', timeZone: 'Asia/Kolkata', email: 'bob@studio.example' },
  { id: 'carol', name: 'Carol', timeZone: 'Europe/Berlin', email: 'carol@berlin.example' },
];
const thread = memoryThread({ currentUserId: 'alice', threads: [{ id: 't1', title: 'Logo project', participants }] });

const stage = document.getElementById('stage')!;
const measures = (name: string): number[] => performance.getEntriesByName(name, 'measure').map((e) => e.duration);
const nextFrame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

async function until<T>(read: () => T | undefined, what: string, ms = 10_000): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (performance.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** Fresh adapters (no cache between runs), a fresh provider and scheduler. */
async function mount(): Promise<{ slots: number; toFrame: number; busyCells: number; freeCells: number }> {
  stage.replaceChildren();
  const store = localConnectionStore({ storage: memoryStorage(), userId: 'alice' });
  for (const c of connections) await store.save(c);
  const provider = document.createElement('meeting-provider') as MeetingProvider;
  provider.thread = thread.as('alice');
  provider.connections = store;
  provider.calendarFor = (c) =>
    c.provider === 'google'
      ? googleCalendar({ getAccessToken: async () => 'tok-google', fetch: providerFetch })
      : c.provider === 'microsoft'
        ? microsoftCalendar({ getAccessToken: async () => 'tok-microsoft', fetch: providerFetch })
        : c.url
          ? icsFeedCalendar({ url: c.url, fetch: feedFetch })
          : undefined;
  provider.settings = { load: async () => ({ notifications: DEFAULT_NOTIFICATION_PREFERENCES }), save: async () => {} };
  provider.now = () => NOW;
  provider.locale = 'en-US';
  provider.timeZone = 'America/New_York';
  const scheduler = document.createElement('meeting-scheduler') as MeetingScheduler;
  scheduler.threadId = 't1';
  scheduler.inline = true;
  provider.append(scheduler);
  const before = measures('meeting-scheduler:slots').length;
  stage.append(provider);
  const slots = await until(() => measures('meeting-scheduler:slots')[before], 'slots rendered after the busy times arrived');
  const rendered = performance.now();
  await nextFrame();
  const toFrame = performance.now() - rendered + slots;
  const cells = [...scheduler.shadowRoot!.querySelectorAll<HTMLElement>('[role="gridcell"]')];
  const busyCells = cells.filter((c) => /\bcell-busy\b/.test(c.getAttribute('part') ?? '')).length;
  const freeCells = cells.filter((c) => /\bcell-free\b/.test(c.getAttribute('part') ?? '')).length;
  return { slots, toFrame, busyCells, freeCells };
}

/** Chooses (or un-chooses) the `index`-th free cell with a click, like a person. */
async function toggle(index: number): Promise<number> {
  const scheduler = stage.querySelector('meeting-scheduler')!;
  const cells = [...scheduler.shadowRoot!.querySelectorAll<HTMLElement>('[role="gridcell"]')].filter((c) =>
    /\bcell-(free|selected)\b/.test(c.getAttribute('part') ?? ''),
  );
  const cell = cells[index % cells.length];
  if (!cell) throw new Error('no free cell to choose');
  const before = measures('meeting-scheduler:toggle').length;
  cell.click();
  const duration = await until(() => measures('meeting-scheduler:toggle')[before], 'the toggle to render');
  await nextFrame();
  return duration;
}

declare global {
  interface Window {
    uiBench: { mount: typeof mount; toggle: typeof toggle; ready: true };
  }
}
window.uiBench = { mount, toggle, ready: true };
// `?show` (what `--open` prints): mount once for a look.
if (new URLSearchParams(location.search).has('show')) void mount();
