/**
 * The world every story renders in, wired the way a host wires `<meeting-provider>`
 * (compare test/elements/world.ts): a thread in the memory adapter seeded with meeting
 * events, Google and Microsoft calendars in a `MockCalendarStore` that the real
 * adapters reach over `fetch` — answered by msw's service worker with the world's own
 * `googleHandlers`/`microsoftHandlers` — per-user connection and settings stores, and
 * a fixed clock so every story looks the same on every run.
 *
 * Several worlds can be alive at once (a docs page renders every story of an element
 * together), so the worker's handlers ({@link storyNetwork}) route each request to the
 * world that issued its access token (tokens are unique per world), and each feed URL
 * to the world that serves it.
 *
 * A story asks for its world with a loader, `loaders: [world({ ... })]`, and renders
 * people with `worldOf(context).as('bob', html`<meeting-card …>`)`.
 */
import { html, type TemplateResult } from 'lit';
import { getResponse, http, HttpResponse, type HttpHandler } from 'msw';
import {
  DEFAULT_NOTIFICATION_PREFERENCES,
  reduceMeeting,
  type CalendarConnection,
  type Instant,
  type Meeting,
  type MeetingEvent,
  type Participant,
  type ThreadAdapter,
} from '@meeting-scheduler/core';
import { localConnectionStore, type StorageLike } from '@meeting-scheduler/adapters/connections';
import { googleCalendar } from '@meeting-scheduler/adapters/google';
import { icsFeedCalendar } from '@meeting-scheduler/adapters/ics-feed';
import { memoryThread, type MemoryThread } from '@meeting-scheduler/adapters/memory';
import { microsoftCalendar } from '@meeting-scheduler/adapters/microsoft';
import { bearer, MockCalendarStore, MockFaults, googleHandlers, microsoftHandlers, type MockAccountSeed } from '@meeting-scheduler/adapters/mocks';
import type { MeetingEnvironment, SettingsStore, UserSettings } from '@meeting-scheduler/elements';
import '@meeting-scheduler/elements/define';
import { ALICE, BOB, NOW, THREAD_ID } from './fixtures.ts';

export type CalendarSeed = NonNullable<MockAccountSeed['events']>;

/** How a user's calendars are connected in a story. */
export type Connected = 'google' | 'microsoft' | 'google+microsoft' | 'none';

export interface WorldSpec {
  /** Thread participants; the first one is who `as()` shows by default. Default Alice and Bob. */
  participants?: Participant[];
  title?: string;
  /** Meeting events already in the thread. */
  events?: MeetingEvent[];
  /** Each user's calendar entries (their primary calendar). */
  calendars?: Partial<Record<string, CalendarSeed>>;
  /** How each user's calendars are connected (default `google`). */
  connected?: Partial<Record<string, Connected>>;
  /** ICS feeds each user subscribes to, and the feed bodies the mocked network serves (a URL without a body answers 404). */
  feeds?: Partial<Record<string, Array<{ url: string; label?: string }>>>;
  feedBodies?: Record<string, string>;
  /** Per-attempt timeout of the calendar adapters (default theirs, 15 s). */
  calendarTimeoutMs?: number;
  /** The clock, fixed for the story. */
  now?: Instant;
  /** Last changes before the story renders: faults, failing appends, extra calendars. */
  setup?: (world: StoryWorld) => void | Promise<void>;
}

export interface StoryWorld {
  readonly participants: Participant[];
  readonly threads: MemoryThread;
  readonly calendarStore: MockCalendarStore;
  readonly faults: MockFaults;
  /** What msw answers for this world: Google, Microsoft Graph and the ICS feeds. */
  readonly handlers: HttpHandler[];
  /** URLs the elements asked to open (Join, Add to calendar), newest last. */
  readonly opened: string[];
  now(): Instant;
  setNow(now: Instant): void;
  /** The provider environment of one user. */
  environment(userId: string): Omit<MeetingEnvironment, 'locale' | 'timeZone'>;
  /**
   * `content` inside a `<meeting-provider>` acting as `userId`, in their zone (or
   * `timeZone`) and `locale` (default en-US).
   */
  as(userId: string, content: TemplateResult, o?: { timeZone?: string; locale?: string; thread?: ThreadAdapter }): TemplateResult;
  /** `content` for someone outside the thread (a guest link): a provider with a clock and no thread. */
  guest(content: TemplateResult, o: { timeZone: string; locale?: string }): TemplateResult;
  /** The folded meeting, as a guest page gets it from the server. */
  meeting(meetingId: string): Promise<Meeting>;
}

function memoryStorage(): StorageLike {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const outlookAddress = (p: Participant) => `${p.id}@outlook.example`;

/** Each world's handlers, by the access tokens its users hold. */
const worldsByToken = new Map<string, HttpHandler[]>();
/** The feed handlers, by feed URL (the latest world serving a URL answers it). */
const feedsByUrl = new Map<string, HttpHandler[]>();
let worldCount = 0;

function unauthorized(): Response {
  return HttpResponse.json({ error: { code: 401, message: 'No story world holds this token', status: 'UNAUTHENTICATED' } }, { status: 401 });
}

/**
 * The service worker's handlers for every story: Google Calendar, Microsoft Graph and
 * ICS feeds, each request answered by the handlers of the world it belongs to.
 */
export function storyNetwork(): HttpHandler[] {
  const byToken = async ({ request }: { request: Request }) => {
    const handlers = worldsByToken.get(bearer(request) ?? '');
    return handlers ? ((await getResponse(handlers, request)) ?? new HttpResponse('Not mocked', { status: 404 })) : unauthorized();
  };
  const byUrl = async ({ request }: { request: Request }) => {
    const handlers = feedsByUrl.get(request.url);
    return handlers ? ((await getResponse(handlers, request)) ?? new HttpResponse('Not Found', { status: 404 })) : new HttpResponse('Not Found', { status: 404 });
  };
  return [
    http.all('https://www.googleapis.com/calendar/v3/*', byToken),
    http.all('https://graph.microsoft.com/v1.0/*', byToken),
    http.get('https://feeds.example/*', byUrl),
  ];
}

export async function createStoryWorld(spec: WorldSpec = {}): Promise<StoryWorld> {
  const participants = spec.participants ?? [ALICE, BOB];
  const worldId = ++worldCount;
  const tokenOf = (userId: string) => `tok-${userId}-${worldId}`;
  const outlookTokenOf = (userId: string) => `tok-${userId}-outlook-${worldId}`;
  const threads = memoryThread({
    currentUserId: participants[0]!.id,
    threads: [{ id: THREAD_ID, title: spec.title ?? 'Logo project', participants }],
    events: { [THREAD_ID]: spec.events ?? [] },
  });
  const connectedOf = (id: string): Connected => spec.connected?.[id] ?? 'google';
  const calendarStore = new MockCalendarStore(
    participants.flatMap((p): MockAccountSeed[] => {
      const google: MockAccountSeed = {
        email: p.email!,
        name: p.name,
        token: tokenOf(p.id),
        calendars: [{ name: p.email!, timeZone: p.timeZone }],
        events: spec.calendars?.[p.id] ?? [],
      };
      // The Outlook account holds the same entries when it is the one connected (Graph reports titles).
      const outlook: MockAccountSeed = {
        email: outlookAddress(p),
        name: p.name,
        token: outlookTokenOf(p.id),
        calendars: [{ name: 'Calendar', timeZone: p.timeZone }],
        events: connectedOf(p.id) === 'microsoft' ? (spec.calendars?.[p.id] ?? []) : [],
      };
      return [google, outlook];
    }),
  );
  const faults = new MockFaults();
  const feedBodies = spec.feedBodies ?? {};
  const feedHandlers = Object.values(spec.feeds ?? {})
    .flat()
    .map((feed) =>
      http.get(feed!.url, () => {
        const body = feedBodies[feed!.url];
        return body === undefined
          ? new HttpResponse('Not Found', { status: 404 })
          : new HttpResponse(body, { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
      }),
    );
  const handlers = [...googleHandlers(calendarStore, faults), ...microsoftHandlers(calendarStore, faults), ...feedHandlers];
  for (const p of participants) {
    worldsByToken.set(tokenOf(p.id), handlers);
    worldsByToken.set(outlookTokenOf(p.id), handlers);
  }
  for (const feed of Object.values(spec.feeds ?? {}).flat()) feedsByUrl.set(feed!.url, feedHandlers);

  let clock: Instant = spec.now ?? NOW;
  const opened: string[] = [];
  const settingsByUser = new Map<string, UserSettings>();
  const environments = new Map<string, Omit<MeetingEnvironment, 'locale' | 'timeZone'>>();

  const googleConnection = (p: Participant): CalendarConnection => ({
    id: `google-${p.id}`,
    provider: 'google',
    accountLabel: p.email!,
    conflictCalendarIds: [p.email!],
    targetCalendarId: p.email!,
  });
  const microsoftConnection = (p: Participant): CalendarConnection => ({
    id: `microsoft-${p.id}`,
    provider: 'microsoft',
    accountLabel: outlookAddress(p),
    conflictCalendarIds: [outlookAddress(p)],
  });

  async function connectionsFor(p: Participant) {
    const connections = localConnectionStore({ storage: memoryStorage(), userId: p.id });
    const kind = connectedOf(p.id);
    const google = googleConnection(p);
    const microsoft = microsoftConnection(p);
    if (kind === 'google' || kind === 'google+microsoft') await connections.save(google);
    if (kind === 'microsoft') await connections.save({ ...microsoft, targetCalendarId: outlookAddress(p) });
    if (kind === 'google+microsoft') await connections.save(microsoft);
    for (const feed of spec.feeds?.[p.id] ?? []) {
      await connections.save({
        id: `ics-${feed.url}`,
        provider: 'ics',
        accountLabel: feed.label ?? new URL(feed.url).hostname,
        url: feed.url,
        conflictCalendarIds: [feed.url],
      });
    }
    return connections;
  }

  for (const p of participants) {
    const connections = await connectionsFor(p);
    const settings: SettingsStore = {
      load: async () => settingsByUser.get(p.id) ?? { notifications: DEFAULT_NOTIFICATION_PREFERENCES },
      save: async (s) => void settingsByUser.set(p.id, s),
    };
    const token = (c: CalendarConnection) => async () => (c.provider === 'microsoft' ? outlookTokenOf(p.id) : tokenOf(p.id));
    const calendarOptions = { retry: { retries: 1, baseDelayMs: 50 }, ...(spec.calendarTimeoutMs ? { timeoutMs: spec.calendarTimeoutMs } : {}) };
    environments.set(p.id, {
      thread: threads.as(p.id),
      connections,
      calendarFor: (c) =>
        c.provider === 'google'
          ? googleCalendar({ getAccessToken: token(c), ...calendarOptions })
          : c.provider === 'microsoft'
            ? microsoftCalendar({ getAccessToken: token(c), ...calendarOptions })
            : c.provider === 'ics' && c.url !== undefined
              ? icsFeedCalendar({ url: c.url, retry: { retries: 0 } })
              : undefined,
      settings,
      // The host's OAuth, already consented: the account in the mocked provider.
      connect: async (provider) => (provider === 'google' ? googleConnection(p) : { ...microsoftConnection(p), targetCalendarId: outlookAddress(p) }),
      createShareLink: async (meeting, guestId) => `https://meet.example.com/guest/${meeting.id}/${guestId}`,
      openUrl: (url) => void opened.push(url),
      now: () => clock,
    });
  }

  const world: StoryWorld = {
    participants,
    threads,
    calendarStore,
    faults,
    handlers,
    opened,
    now: () => clock,
    setNow(now) {
      clock = now;
    },
    environment(userId) {
      const env = environments.get(userId);
      if (!env) throw new Error(`story world: ${userId} is not in the thread`);
      return env;
    },
    as(userId, content, o = {}) {
      const env = world.environment(userId);
      const person = participants.find((p) => p.id === userId)!;
      return html`
        <meeting-provider
          .thread=${o.thread ?? env.thread}
          .connections=${env.connections}
          .calendarFor=${env.calendarFor}
          .connect=${env.connect}
          .settings=${env.settings}
          .createShareLink=${env.createShareLink}
          .openUrl=${env.openUrl}
          .now=${env.now}
          locale=${o.locale ?? 'en-US'}
          time-zone=${o.timeZone ?? person.timeZone}
        >
          ${content}
        </meeting-provider>
      `;
    },
    guest(content, o) {
      return html`
        <meeting-provider .now=${() => clock} .openUrl=${(url: string) => void opened.push(url)} locale=${o.locale ?? 'en-US'} time-zone=${o.timeZone}>
          ${content}
        </meeting-provider>
      `;
    },
    async meeting(meetingId) {
      const thread = await threads.getThread(THREAD_ID);
      const events = (await threads.listEvents(THREAD_ID)).filter((e) => e.meetingId === meetingId);
      return reduceMeeting(events, thread);
    },
  };
  await spec.setup?.(world);
  return world;
}

/** A story loader that builds the story's world (`context.loaded.world`). */
export function world(spec: WorldSpec = {}) {
  return async () => ({ world: await createStoryWorld(spec) });
}

/** The world a story's loader built. */
export function worldOf(context: { loaded: Record<string, unknown> }): StoryWorld {
  const w = context.loaded['world'] as StoryWorld | undefined;
  if (!w) throw new Error('this story has no world: add `loaders: [world({ ... })]`');
  return w;
}
