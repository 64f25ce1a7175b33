/**
 * Google Calendar v3 adapter against the msw mock of Google's wire format: the shared
 * calendar contract, then what only the wire shows (paging, request splitting, ETags,
 * idempotent inserts, retries, error mapping).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { setupServer } from 'msw/node';
import { SchedulerError, type Meeting } from '@meeting-scheduler/core';
import { googleCalendar, googleEventId, isGoogleEventId, type GoogleCalendarOptions } from '@meeting-scheduler/adapters/google';
import { googleHandlers, type GoogleMockOptions } from '../../packages/adapters/src/mocks/google.ts';
import { MockCalendarStore, type MockAccountSeed } from '../../packages/adapters/src/mocks/calendar-store.ts';
import { MockFaults } from '../../packages/adapters/src/mocks/faults.ts';
import { calendarAdapterContract, confirmedMeeting, isSchedulerError } from './contract.ts';

const BASE = 'https://www.googleapis.com/calendar/v3';
const DAY = 86_400_000;

const server = setupServer();
before(() => server.listen({ onUnhandledFrame: 'error' }));
after(() => server.close());

/** What the adapter sent, as a fetch spy saw it. */
interface Sent {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

type Intercept = (sent: Sent, forward: () => Promise<Response>) => Promise<Response>;

interface WorldOptions {
  calendars?: MockAccountSeed['calendars'];
  events?: MockAccountSeed['events'];
  mock?: GoogleMockOptions;
  adapter?: Partial<GoogleCalendarOptions>;
  /** Sits between the adapter and the mock: rewrite, delay or drop traffic. */
  intercept?: Intercept;
  now?: () => number;
}

let worlds = 0;

/**
 * A fresh Google account (on a custom Workspace domain) in a fresh store, the mock serving
 * it, and an adapter for it whose retries sleep instantly and record how long they waited.
 */
function world(o: WorldOptions = {}) {
  const n = ++worlds;
  const token = `ya29.mock-${n}-${Math.random().toString(36).slice(2)}`;
  const email = `alice-${n}@acme-studio.example`;
  const store = new MockCalendarStore([
    { email, name: 'Alice', token, calendars: o.calendars ?? [{ name: 'Alice', timeZone: 'America/New_York' }], events: o.events ?? [] },
  ]);
  const faults = new MockFaults();
  server.resetHandlers(...googleHandlers(store, faults, o.mock));
  const requests: Sent[] = [];
  const delays: number[] = [];
  const spy: typeof fetch = async (input, init) => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const sent: Sent = { method: init?.method ?? 'GET', url: new URL(String(input)), headers: new Headers(init?.headers), body };
    requests.push(sent);
    const forward = () => fetch(input, init);
    return o.intercept ? o.intercept(sent, forward) : forward();
  };
  const google = googleCalendar(
    { getAccessToken: async () => token, fetch: spy, ...o.adapter },
    {
      sleep: async (ms) => {
        delays.push(ms);
      },
      random: () => 0.5,
      ...(o.now ? { now: o.now } : {}),
    },
  );
  const account = store.accounts[0]!;
  const calendarId = account.calendars[0]!.id;
  const sentTo = (method: string, pathEnd: string) => requests.filter((r) => r.method === method && r.url.pathname.endsWith(pathEnd));
  return { store, faults, account, calendarId, google, requests, delays, token, email, sentTo };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const googleError = (status: number, reason: string) =>
  json({ error: { code: status, message: reason, errors: [{ domain: 'usageLimits', reason, message: reason }] } }, status);

const week = { start: '2026-03-09T00:00:00Z', end: '2026-03-16T00:00:00Z' };
const at = { start: '2026-03-12T15:00:00Z', end: '2026-03-12T15:30:00Z' };
const meeting = (id = `m-${++worlds}`): Meeting => confirmedMeeting(id, at);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

const codeOf = (code: string) => (e: unknown) => {
  assert.ok(e instanceof SchedulerError, `expected a SchedulerError, got ${String(e)}`);
  assert.equal(e.code, code, e.message);
  return true;
};

// ---------------------------------------------------------------------------

calendarAdapterContract('Google Calendar over msw', async (seed) => {
  const w = world({
    events: seed.map((e) => ({
      summary: e.summary,
      start: e.start,
      end: e.end,
      showAs: e.free ? ('free' as const) : ('busy' as const),
      ...(e.allDay ? { allDay: true } : {}),
    })),
  });
  return { adapter: w.google, calendarId: w.calendarId };
});

describe('Google calendar list', () => {
  test('listCalendars follows nextPageToken to the last page, asking for 250 per page', async () => {
    const w = world({
      mock: { pageSize: 2 },
      calendars: [
        { name: 'Alice', timeZone: 'America/New_York', color: '#16a765' },
        { name: 'Team', timeZone: 'Europe/Berlin' },
        { name: 'Holidays in United States', timeZone: 'America/New_York', readOnly: true, id: 'en.usa#holiday@group.v.calendar.google.com' },
        { name: 'Design', timeZone: 'Asia/Kolkata' },
        { name: 'Travel', timeZone: 'UTC' },
      ],
    });
    const calendars = await w.google.listCalendars();
    assert.deepEqual(calendars.map((c) => c.name), ['Alice', 'Team', 'Holidays in United States', 'Design', 'Travel']);
    const pages = w.sentTo('GET', '/users/me/calendarList');
    assert.equal(pages.length, 3);
    assert.deepEqual(pages.map((p) => p.url.searchParams.get('maxResults')), ['250', '250', '250']);
    assert.deepEqual(pages.map((p) => p.url.searchParams.get('pageToken')), [null, 'cl-2', 'cl-4']);
    assert.deepEqual(calendars[0], { id: w.email, name: 'Alice', primary: true, writable: true, timeZone: 'America/New_York', color: '#16a765' });
    assert.equal(calendars[2]!.writable, false, 'a reader calendar is not writable');
    assert.equal(calendars[2]!.id, 'en.usa#holiday@group.v.calendar.google.com');
  });

  test('the calendarList mock pages by maxResults', async () => {
    const w = world({ calendars: [{ name: 'A', timeZone: 'UTC' }, { name: 'B', timeZone: 'UTC' }, { name: 'C', timeZone: 'UTC' }] });
    const res = await fetch(`${BASE}/users/me/calendarList?maxResults=2`, { headers: { authorization: `Bearer ${w.token}` } });
    const page = (await res.json()) as { items: Array<{ summary: string; accessRole: string }>; nextPageToken?: string };
    assert.deepEqual(page.items.map((i) => i.summary), ['A', 'B']);
    assert.equal(typeof page.nextPageToken, 'string');
    const last = (await (
      await fetch(`${BASE}/users/me/calendarList?maxResults=2&pageToken=${page.nextPageToken}`, { headers: { authorization: `Bearer ${w.token}` } })
    ).json()) as { items: unknown[]; nextPageToken?: string; nextSyncToken?: string };
    assert.equal(last.items.length, 1);
    assert.equal(last.nextPageToken, undefined);
    assert.equal(typeof last.nextSyncToken, 'string');
  });

  test('names prefer the user’s summaryOverride; only owner and writer calendars are writable; entries without an id are skipped', async () => {
    const w = world({
      intercept: async () =>
        json({
          items: [
            { id: 'team@group.calendar.google.com', summary: 'Team', summaryOverride: 'My team', accessRole: 'writer', timeZone: 'Europe/Paris' },
            { id: 'bob@studio.example', summary: 'Bob', accessRole: 'freeBusyReader' },
            { summary: 'no id' },
            'junk',
          ],
        }),
    });
    assert.deepEqual(await w.google.listCalendars(), [
      { id: 'team@group.calendar.google.com', name: 'My team', primary: false, writable: true, timeZone: 'Europe/Paris' },
      { id: 'bob@studio.example', name: 'Bob', primary: false, writable: false },
    ]);
  });

  test('a calendar list whose page token repeats is reported instead of looping forever', async () => {
    const w = world({ intercept: async () => json({ items: [], nextPageToken: 'again' }) });
    await assert.rejects(w.google.listCalendars(), codeOf('provider-unavailable'));
    assert.equal(w.requests.length, 2);
  });
});

describe('Google busy time (freeBusy)', () => {
  test('a 150-day range is asked in 60-day requests and merged, joining a meeting cut at a request boundary', async () => {
    const start = Date.parse('2026-03-01T00:00:00Z');
    const boundary = start + 60 * DAY;
    const w = world({
      events: [
        { summary: 'Early', start: iso(start + 10 * DAY), end: iso(start + 10 * DAY + 3_600_000) },
        { summary: 'Across the cut', start: iso(boundary - 3_600_000), end: iso(boundary + 3_600_000) },
        { summary: 'Late', start: iso(start + 140 * DAY), end: iso(start + 140 * DAY + 3_600_000) },
      ],
    });
    const range = { start: iso(start), end: iso(start + 150 * DAY) };
    const busy = await w.google.getBusy(range, [w.calendarId]);
    const asked = w.sentTo('POST', '/freeBusy').map((r) => r.body as { timeMin: string; timeMax: string });
    assert.equal(asked.length, 3);
    asked.sort((a, b) => Date.parse(a.timeMin) - Date.parse(b.timeMin));
    assert.equal(asked[0]!.timeMin, range.start);
    assert.equal(asked.at(-1)!.timeMax, range.end);
    for (const [i, a] of asked.entries()) {
      assert.ok(Date.parse(a.timeMax) - Date.parse(a.timeMin) <= 60 * DAY, 'no request spans more than 60 days');
      if (i > 0) assert.equal(a.timeMin, asked[i - 1]!.timeMax, 'the requests cover the range without gaps');
    }
    assert.deepEqual(
      busy.map((b) => [b.start, b.end]),
      [
        [iso(start + 10 * DAY), iso(start + 10 * DAY + 3_600_000)],
        [iso(boundary - 3_600_000), iso(boundary + 3_600_000)],
        [iso(start + 140 * DAY), iso(start + 140 * DAY + 3_600_000)],
      ],
    );
    for (const b of busy) assert.deepEqual({ status: b.status, calendarId: b.calendarId }, { status: 'busy', calendarId: w.calendarId });
  });

  test('120 calendars are asked 50 at a time, and every busy period names its calendar', async () => {
    const calendars = Array.from({ length: 120 }, (_, i) => ({ id: `room-${i}@resource.calendar.google.com`, name: `Room ${i}`, timeZone: 'UTC' }));
    const w = world({
      calendars,
      events: [0, 75, 119].map((i) => ({ summary: `In room ${i}`, start: '2026-03-10T10:00:00Z', end: '2026-03-10T11:00:00Z', calendarId: calendars[i]!.id })),
    });
    const busy = await w.google.getBusy(week, calendars.map((c) => c.id));
    const sizes = w.sentTo('POST', '/freeBusy').map((r) => (r.body as { items: unknown[] }).items.length);
    assert.deepEqual(sizes.sort((a, b) => b - a), [50, 50, 20]);
    assert.deepEqual(busy.map((b) => b.calendarId), [calendars[0]!.id, calendars[75]!.id, calendars[119]!.id]);
  });

  test('120 calendars over 150 days take 9 requests, at most 3 in flight at once', async () => {
    let inFlight = 0;
    let most = 0;
    const calendars = Array.from({ length: 120 }, (_, i) => ({ name: `Cal ${i}`, timeZone: 'UTC' }));
    const w = world({
      calendars,
      intercept: async (_sent, forward) => {
        most = Math.max(most, ++inFlight);
        try {
          await new Promise((r) => setTimeout(r, 5));
          return await forward();
        } finally {
          inFlight--;
        }
      },
    });
    const ids = w.account.calendars.map((c) => c.id);
    await w.google.getBusy({ start: '2026-01-01T00:00:00Z', end: iso(Date.parse('2026-01-01T00:00:00Z') + 150 * DAY) }, ids);
    assert.equal(w.sentTo('POST', '/freeBusy').length, 9);
    assert.ok(most <= 3 && most > 1, `requests run a few at a time (saw ${most})`);
  });

  test('an unknown calendar rejects with not-found, naming it, with the other calendars’ busy time in the details', async () => {
    const w = world({ events: [{ summary: 'Design review', start: '2026-03-10T14:00:00Z', end: '2026-03-10T15:00:00Z' }] });
    const error = await w.google.getBusy(week, [w.calendarId, 'nobody@acme-studio.example']).then(
      () => assert.fail('an unknown calendar must not read as free'),
      (e: unknown) => e,
    );
    assert.ok(isSchedulerError('not-found')(error));
    const details = (error as SchedulerError).details as { calendarErrors: unknown; busy: unknown };
    assert.deepEqual(details.calendarErrors, [{ calendarId: 'nobody@acme-studio.example', reason: 'notFound' }]);
    assert.deepEqual(details.busy, [{ start: '2026-03-10T14:00:00Z', end: '2026-03-10T15:00:00Z', status: 'busy', calendarId: w.calendarId }]);
  });

  test('a calendar Google may not read rejects as provider-auth; other calendar errors and missing answers as provider-unavailable', async () => {
    const answer = (calendars: unknown) => world({ intercept: async () => json({ kind: 'calendar#freeBusy', calendars }) });
    const forbidden = answer({ 'a@x.example': { busy: [], errors: [{ domain: 'global', reason: 'forbidden' }] } });
    await assert.rejects(forbidden.google.getBusy(week, ['a@x.example']), codeOf('provider-auth'));
    const internal = answer({ 'a@x.example': { busy: [], errors: [{ domain: 'global', reason: 'internalError' }] } });
    await assert.rejects(internal.google.getBusy(week, ['a@x.example']), codeOf('provider-unavailable'));
    const missing = answer({ 'a@x.example': { busy: [] } });
    await assert.rejects(missing.google.getBusy(week, ['a@x.example', 'b@x.example']), (e: unknown) => {
      assert.ok(isSchedulerError('provider-unavailable')(e));
      assert.deepEqual((e as SchedulerError).details, { provider: 'google', calendarErrors: [{ calendarId: 'b@x.example', reason: 'missing' }], busy: [] });
      return true;
    });
  });

  test('a freeBusy answer with a malformed busy period is provider-unavailable, not silently dropped', async () => {
    const w = world({ intercept: async () => json({ calendars: { 'a@x.example': { busy: [{ start: 'yesterday', end: '2026-03-10T10:00:00Z' }] } } }) });
    await assert.rejects(w.google.getBusy(week, ['a@x.example']), codeOf('provider-unavailable'));
  });

  test('recurring events are busy at the same wall-clock time across a DST change', async () => {
    const w = world({
      events: [{ summary: 'Weekly sync', start: '2026-03-02T14:00:00Z', end: '2026-03-02T14:30:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=MO', recurrenceTimeZone: 'America/New_York' }],
    });
    const busy = await w.google.getBusy({ start: '2026-03-01T00:00:00Z', end: '2026-03-17T00:00:00Z' }, [w.calendarId]);
    assert.deepEqual(busy.map((b) => b.start), ['2026-03-02T14:00:00Z', '2026-03-09T13:00:00Z', '2026-03-16T13:00:00Z']);
  });

  test('transparent events do not count and touching events merge, as in Google’s freeBusy', async () => {
    const w = world({
      events: [
        { summary: 'One', start: '2026-03-10T10:00:00Z', end: '2026-03-10T11:00:00Z' },
        { summary: 'Two', start: '2026-03-10T11:00:00Z', end: '2026-03-10T12:00:00Z' },
        { summary: 'Lunch (free)', start: '2026-03-10T12:00:00Z', end: '2026-03-10T13:00:00Z', showAs: 'free' },
      ],
    });
    const busy = await w.google.getBusy(week, [w.calendarId]);
    assert.deepEqual(busy.map((b) => [b.start, b.end]), [['2026-03-10T10:00:00Z', '2026-03-10T12:00:00Z']]);
  });

  test('no calendars asks nothing; a backwards range is invalid-input', async () => {
    const w = world();
    assert.deepEqual(await w.google.getBusy(week, []), []);
    await assert.rejects(w.google.getBusy({ start: week.end, end: week.start }, [w.calendarId]), codeOf('invalid-input'));
    assert.equal(w.requests.length, 0);
  });

  test('the freeBusy mock refuses empty and over-60-day spans and flags calendars past the 50th', async () => {
    const w = world();
    const ask = async (body: unknown) => {
      const res = await fetch(`${BASE}/freeBusy`, { method: 'POST', headers: { authorization: `Bearer ${w.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as { error?: { errors: Array<{ reason: string }> }; calendars?: Record<string, { errors?: Array<{ reason: string }> }> } };
    };
    const tooLong = await ask({ timeMin: '2026-01-01T00:00:00Z', timeMax: '2026-03-02T00:00:01Z', items: [{ id: w.calendarId }] });
    assert.equal(tooLong.status, 400);
    assert.equal(tooLong.body.error?.errors[0]?.reason, 'timeRangeTooLong');
    const empty = await ask({ timeMin: '2026-01-02T00:00:00Z', timeMax: '2026-01-01T00:00:00Z', items: [] });
    assert.equal(empty.body.error?.errors[0]?.reason, 'timeRangeEmpty');
    const many = await ask({ timeMin: '2026-01-01T00:00:00Z', timeMax: '2026-01-02T00:00:00Z', items: Array.from({ length: 51 }, () => ({ id: w.calendarId })).map((x, i) => (i === 50 ? { id: 'primary' } : x)) });
    assert.equal(many.status, 200);
    assert.equal(many.body.calendars?.['primary']?.errors?.[0]?.reason, 'tooManyCalendarsRequested');
  });
});

describe('Google events: create', () => {
  test('a confirmed meeting is inserted with its key-derived id, UTC times, attendees, the host’s sendUpdates and a Meet link', async () => {
    const w = world({ adapter: { sendUpdates: 'all' } });
    const m = meeting();
    const result = await w.google.createEvent(m, {
      calendarId: w.calendarId,
      idempotencyKey: 'accept-event-1',
      attendees: [{ email: 'bob@studio.example', displayName: 'Bob' }],
    });
    const [insert] = w.sentTo('POST', '/events');
    assert.ok(insert);
    assert.equal(insert.url.pathname, `/calendar/v3/calendars/${encodeURIComponent(w.calendarId)}/events`);
    assert.equal(insert.url.searchParams.get('conferenceDataVersion'), '1');
    assert.equal(insert.url.searchParams.get('sendUpdates'), 'all');
    const id = googleEventId('accept-event-1');
    assert.deepEqual(insert.body, {
      id,
      summary: 'Contract check',
      description: 'From the contract suite',
      start: { dateTime: at.start, timeZone: 'UTC' },
      end: { dateTime: at.end, timeZone: 'UTC' },
      attendees: [{ email: 'bob@studio.example', displayName: 'Bob' }],
      conferenceData: { createRequest: { requestId: id, conferenceSolutionKey: { type: 'hangoutsMeet' } } },
    });
    assert.equal(result.eventId, id);
    assert.match(result.joinUrl ?? '', /^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    const stored = w.account.events.find((e) => e.id === id);
    assert.equal(stored?.extra?.['sendUpdates'], 'all');
    assert.deepEqual(stored?.attendees, [{ email: 'bob@studio.example', name: 'Bob', response: 'needsAction' }]);
  });

  test('creating twice with the same key leaves one event and returns the same id and Meet link (409 is success)', async () => {
    const w = world();
    const m = meeting();
    const first = await w.google.createEvent(m, { calendarId: w.calendarId, idempotencyKey: 'same-key' });
    const again = await w.google.createEvent(m, { calendarId: w.calendarId, idempotencyKey: 'same-key' });
    assert.deepEqual(again, first);
    assert.equal(w.account.events.filter((e) => e.id === first.eventId).length, 1);
    assert.deepEqual(
      w.requests.map((r) => r.method),
      ['POST', 'POST', 'GET'],
      'the second insert got 409 and the event was read back',
    );
  });

  test('a create whose response was lost is retried and still leaves exactly one event', async () => {
    let lost = false;
    const w = world({
      intercept: async (sent, forward) => {
        const res = await forward();
        if (sent.method === 'POST' && !lost) {
          lost = true; // Google stored it; the answer never arrived.
          throw new TypeError('fetch failed');
        }
        return res;
      },
    });
    const result = await w.google.createEvent(meeting(), { calendarId: w.calendarId, idempotencyKey: 'lost-answer' });
    assert.equal(result.eventId, googleEventId('lost-answer'));
    assert.match(result.joinUrl ?? '', /^https:\/\/meet\.google\.com\//);
    assert.equal(w.account.events.length, 1);
    assert.equal(w.delays.length, 1, 'one backoff before the retry');
  });

  test('a create dropped on the way to Google is retried and makes one event', async () => {
    const w = world();
    w.faults.dropNext(1);
    await w.google.createEvent(meeting(), { calendarId: w.calendarId, idempotencyKey: 'dropped-once' });
    assert.equal(w.account.events.length, 1);
    assert.deepEqual(w.faults.log.filter((l) => l.startsWith('POST')).length, 2);
  });

  test('a meeting without a confirmed time is refused before anything is sent', async () => {
    const w = world();
    const { confirmed: _confirmed, ...proposed } = meeting();
    await assert.rejects(w.google.createEvent(proposed as Meeting, { calendarId: w.calendarId, idempotencyKey: 'never-sent' }), codeOf('invalid-input'));
    assert.equal(w.requests.length, 0);
  });

  test('a meeting that already has a Meet call (from the other side’s calendar) gets that call, not a second room', async () => {
    const w = world();
    const call = 'https://meet.google.com/abc-defg-hij';
    const result = await w.google.createEvent({ ...meeting(), joinUrl: call }, { calendarId: w.calendarId, idempotencyKey: 'same-call' });
    const body = w.sentTo('POST', '/events')[0]!.body as { conferenceData?: { createRequest?: unknown; entryPoints?: Array<{ uri: string }> } };
    assert.equal(body.conferenceData?.createRequest, undefined);
    assert.deepEqual(body.conferenceData?.entryPoints?.map((p) => p.uri), [call]);
    assert.equal(result.joinUrl, call);
    assert.equal(w.account.events.find((e) => e.id === result.eventId)?.joinUrl, call);
  });

  test('a meeting with another provider’s call names it as the place and in the text, and asks for no Meet room', async () => {
    const w = world();
    const call = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc';
    await w.google.createEvent({ ...meeting(), joinUrl: call }, { calendarId: w.calendarId, idempotencyKey: 'teams-call' });
    const body = w.sentTo('POST', '/events')[0]!.body as { conferenceData?: unknown; location?: string; description?: string };
    assert.equal(body.conferenceData, undefined);
    assert.equal(body.location, call);
    assert.equal(body.description, `From the contract suite\n\n${call}`);
  });

  test('with conference: false no Meet link is asked for', async () => {
    const w = world({ adapter: { conference: false } });
    const result = await w.google.createEvent(meeting(), { calendarId: w.calendarId, idempotencyKey: 'no-meet' });
    assert.equal(result.joinUrl, undefined);
    assert.equal((w.requests[0]!.body as { conferenceData?: unknown }).conferenceData, undefined);
  });

  test('without conferenceDataVersion=1 the mock ignores the conference request, as Google does', async () => {
    const w = world();
    const res = await fetch(`${BASE}/calendars/primary/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ start: { dateTime: at.start }, end: { dateTime: at.end }, conferenceData: { createRequest: { requestId: 'r1', conferenceSolutionKey: { type: 'hangoutsMeet' } } } }),
    });
    const event = (await res.json()) as { hangoutLink?: string; conferenceData?: unknown };
    assert.equal(res.status, 200);
    assert.equal(event.hangoutLink, undefined);
    assert.equal(event.conferenceData, undefined);
  });

  test('the join link falls back to the video entry point, and only https links are returned', async () => {
    const answers = [
      { id: 'abcde', conferenceData: { entryPoints: [{ entryPointType: 'phone', uri: 'tel:+1-555-0100' }, { entryPointType: 'video', uri: 'https://meet.google.com/abc-defg-hij' }] } },
      { id: 'abcde', hangoutLink: 'javascript:alert(1)', conferenceData: { entryPoints: [{ entryPointType: 'video', uri: 'http://meet.example/plain' }] } },
    ];
    const w = world({ intercept: async () => json(answers.shift()) });
    const viaEntryPoint = await w.google.createEvent(meeting(), { calendarId: w.calendarId, idempotencyKey: 'entry-point' });
    assert.equal(viaEntryPoint.joinUrl, 'https://meet.google.com/abc-defg-hij');
    const unsafe = await w.google.createEvent(meeting(), { calendarId: w.calendarId, idempotencyKey: 'unsafe-links' });
    assert.deepEqual(unsafe, { eventId: 'abcde' });
  });

  test('an idempotency key too short or too long for a Google event id is invalid-input', async () => {
    const w = world();
    await assert.rejects(w.google.createEvent(meeting(), { calendarId: w.calendarId, idempotencyKey: 'ab' }), codeOf('invalid-input'));
    await assert.rejects(w.google.createEvent(meeting(), { calendarId: w.calendarId, idempotencyKey: 'k'.repeat(641) }), codeOf('invalid-input'));
    assert.equal(w.requests.length, 0);
  });

  test('writing to a calendar shared read-only is permission-denied, not a broken connection', async () => {
    const w = world({ calendars: [{ name: 'Alice', timeZone: 'UTC' }, { id: 'boss@acme-studio.example', name: 'Boss', timeZone: 'UTC', readOnly: true }] });
    await assert.rejects(w.google.createEvent(meeting(), { calendarId: 'boss@acme-studio.example', idempotencyKey: 'read-only' }), codeOf('permission-denied'));
  });

  test('calendar ids with # and @ are URL-encoded in paths', async () => {
    const id = 'team#ops@group.calendar.google.com';
    const w = world({ calendars: [{ name: 'Alice', timeZone: 'UTC' }, { id, name: 'Ops', timeZone: 'UTC' }] });
    const { eventId } = await w.google.createEvent(meeting(), { calendarId: id, idempotencyKey: 'hash-calendar' });
    assert.ok(w.requests[0]!.url.pathname.includes('/calendars/team%23ops%40group.calendar.google.com/events'));
    assert.equal(w.account.events.find((e) => e.id === eventId)?.calendarId, id);
    await w.google.updateEvent(eventId, { ...meeting(), confirmed: { start: '2026-03-13T15:00:00Z', end: '2026-03-13T15:30:00Z' } }, { calendarId: id });
    await w.google.cancelEvent(eventId, meeting(), { calendarId: id });
    assert.equal(w.account.events.find((e) => e.id === eventId)?.cancelled, true);
  });
});

describe('Google events: update and cancel', () => {
  const moved = { start: '2026-03-13T16:00:00Z', end: '2026-03-13T16:30:00Z' };
  const rescheduled = (): Meeting => ({ ...meeting(), confirmed: moved, options: [moved] });

  async function withEvent(o: WorldOptions = {}) {
    const w = world(o);
    const { eventId } = await w.google.createEvent(meeting(), { calendarId: w.calendarId, idempotencyKey: `evt-${worlds}` });
    w.requests.length = 0;
    return { ...w, eventId, event: () => w.account.events.find((e) => e.id === eventId)! };
  }

  test('a reschedule reads the event’s ETag and patches with If-Match', async () => {
    const w = await withEvent({ adapter: { sendUpdates: 'externalOnly' } });
    const etag = w.event().etag;
    await w.google.updateEvent(w.eventId, rescheduled(), { calendarId: w.calendarId });
    assert.deepEqual(w.requests.map((r) => r.method), ['GET', 'PATCH']);
    const patch = w.requests[1]!;
    assert.equal(patch.headers.get('if-match'), etag);
    assert.equal(patch.url.searchParams.get('sendUpdates'), 'externalOnly');
    assert.deepEqual(patch.body, {
      summary: 'Contract check',
      description: 'From the contract suite',
      start: { dateTime: moved.start, timeZone: 'UTC' },
      end: { dateTime: moved.end, timeZone: 'UTC' },
    });
    assert.deepEqual([w.event().start, w.event().end], [moved.start, moved.end]);
    assert.equal(w.event().extra?.['sendUpdates'], 'externalOnly');
  });

  test('when someone else changed the event in between, it re-reads and patches once more (412 → retry)', async () => {
    let patches = 0;
    let event: (() => { etag: string; summary: string }) | undefined;
    const w = await withEvent({
      intercept: async (sent, forward) => {
        if (sent.method === 'PATCH' && ++patches === 1 && event) {
          event().etag = '"edited-on-a-phone"';
        }
        return forward();
      },
    });
    event = w.event;
    await w.google.updateEvent(w.eventId, rescheduled(), { calendarId: w.calendarId });
    assert.deepEqual(w.requests.map((r) => r.method), ['GET', 'PATCH', 'GET', 'PATCH']);
    assert.equal(w.requests[3]!.headers.get('if-match'), '"edited-on-a-phone"');
    assert.equal(w.event().start, moved.start);
  });

  test('an event that keeps changing ends in conflict after the one retry', async () => {
    let event: (() => { etag: string }) | undefined;
    let edits = 0;
    const w = await withEvent({
      intercept: async (sent, forward) => {
        if (sent.method === 'PATCH' && event) event().etag = `"edit-${++edits}"`;
        return forward();
      },
    });
    event = w.event;
    await assert.rejects(w.google.updateEvent(w.eventId, rescheduled(), { calendarId: w.calendarId }), codeOf('conflict'));
    assert.equal(w.requests.filter((r) => r.method === 'PATCH').length, 2);
    assert.equal(w.event().start, at.start, 'the event was not moved');
  });

  test('updating a deleted event is not-found', async () => {
    const w = await withEvent();
    await w.google.cancelEvent(w.eventId, meeting(), { calendarId: w.calendarId });
    await assert.rejects(w.google.updateEvent(w.eventId, rescheduled(), { calendarId: w.calendarId }), codeOf('not-found'));
  });

  test('cancelling deletes the event with the host’s sendUpdates; a second cancel (410 Gone) counts as done', async () => {
    const w = await withEvent({ adapter: { sendUpdates: 'all' } });
    await w.google.cancelEvent(w.eventId, meeting(), { calendarId: w.calendarId, reason: 'Project paused' });
    await w.google.cancelEvent(w.eventId, meeting(), { calendarId: w.calendarId, reason: 'Project paused' });
    const deletes = w.sentTo('DELETE', `/events/${w.eventId}`);
    assert.equal(deletes.length, 2);
    assert.deepEqual(deletes.map((d) => d.url.searchParams.get('sendUpdates')), ['all', 'all']);
    assert.equal(w.event().cancelled, true);
    const again = await fetch(deletes[0]!.url, { method: 'DELETE', headers: { authorization: `Bearer ${w.token}` } });
    assert.equal(again.status, 410);
    assert.equal(((await again.json()) as { error: { errors: Array<{ reason: string }> } }).error.errors[0]!.reason, 'deleted');
  });

  test('cancelling an event Google does not have (404) counts as done', async () => {
    const w = world();
    await w.google.cancelEvent('neverexisted', meeting(), { calendarId: w.calendarId });
    assert.equal(w.requests.length, 1);
  });

  test('sendUpdates defaults to none on create, update and cancel', async () => {
    const w = await withEvent();
    await w.google.updateEvent(w.eventId, rescheduled(), { calendarId: w.calendarId });
    await w.google.cancelEvent(w.eventId, meeting(), { calendarId: w.calendarId });
    const writes = w.requests.filter((r) => r.method !== 'GET');
    assert.deepEqual(writes.map((r) => [r.method, r.url.searchParams.get('sendUpdates')]), [['PATCH', 'none'], ['DELETE', 'none']]);
    assert.equal(w.event().extra?.['sendUpdates'], 'none');
  });

  test('an unknown sendUpdates value is refused when the adapter is made', () => {
    assert.throws(() => googleCalendar({ getAccessToken: async () => 't', sendUpdates: 'everyone' as 'all' }), codeOf('invalid-input'));
  });
});

describe('Google errors and retries', () => {
  test('an expired token is provider-auth and is not retried', async () => {
    const w = world();
    w.faults.expireToken(w.token);
    await assert.rejects(w.google.listCalendars(), codeOf('provider-auth'));
    assert.equal(w.faults.log.length, 1);
    assert.deepEqual(w.delays, []);
  });

  test('a token the mock does not know gets 401 and provider-auth', async () => {
    const w = world({ adapter: { getAccessToken: async () => 'ya29.someone-else' } });
    await assert.rejects(w.google.getBusy(week, ['a@x.example']), codeOf('provider-auth'));
  });

  const NOW = Date.parse('2026-03-01T12:00:00Z');
  for (const [label, retryAfter, expected] of [
    ['seconds', '2', 2000],
    ['fractional seconds', '1.5', 1500],
    ['an HTTP date', new Date(NOW + 3000).toUTCString(), 3000],
    ['zero', '0', 0],
  ] as const) {
    test(`a 429 with Retry-After in ${label} is waited for, then retried and succeeds`, async () => {
      const w = world({ now: () => NOW });
      w.faults.rateLimitNext(1, retryAfter);
      const calendars = await w.google.listCalendars();
      assert.equal(calendars.length, 1);
      assert.deepEqual(w.delays, [expected]);
      assert.equal(w.faults.log.length, 2);
    });
  }

  test('a rate limit that never lifts is provider-rate-limited after exactly retries + 1 attempts', async () => {
    const w = world({ adapter: { retry: { retries: 2 } } });
    w.faults.rateLimitNext(10, '1');
    await assert.rejects(w.google.getBusy(week, [w.calendarId]), codeOf('provider-rate-limited'));
    assert.equal(w.faults.log.length, 3);
    assert.deepEqual(w.delays, [1000, 1000]);
  });

  for (const reason of ['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']) {
    test(`a 403 ${reason} is retried like a 429`, async () => {
      let first = true;
      const w = world({
        intercept: async (_sent, forward) => {
          if (!first) return forward();
          first = false;
          return googleError(403, reason);
        },
      });
      assert.equal((await w.google.listCalendars()).length, 1);
      assert.equal(w.requests.length, 2);
      assert.equal(w.delays.length, 1);
    });
  }

  test('a 403 rate limit that persists is provider-rate-limited', async () => {
    const w = world({ adapter: { retry: { retries: 1 } }, intercept: async () => googleError(403, 'userRateLimitExceeded') });
    await assert.rejects(w.google.listCalendars(), codeOf('provider-rate-limited'));
    assert.equal(w.requests.length, 2);
  });

  for (const reason of ['forbidden', 'insufficientPermissions', 'accessNotConfigured']) {
    test(`a 403 ${reason} is provider-auth and is not retried`, async () => {
      const w = world({ intercept: async () => googleError(403, reason) });
      await assert.rejects(w.google.listCalendars(), codeOf('provider-auth'));
      assert.equal(w.requests.length, 1);
    });
  }

  test('a 503 is retried, then succeeds', async () => {
    const w = world();
    w.faults.failNext(2, 503);
    assert.equal((await w.google.listCalendars()).length, 1);
    assert.equal(w.faults.log.length, 3);
    assert.equal(w.delays.length, 2);
  });

  test('a 503 that persists is provider-unavailable after the retries', async () => {
    const w = world({ adapter: { retry: { retries: 2 } } });
    w.faults.failNext(10, 503);
    await assert.rejects(w.google.listCalendars(), codeOf('provider-unavailable'));
    assert.equal(w.faults.log.length, 3);
  });

  test('a malformed body is provider-unavailable with the body in its details', async () => {
    const w = world();
    w.faults.malformedNext(1);
    await assert.rejects(w.google.listCalendars(), (e: unknown) => {
      assert.ok(isSchedulerError('provider-unavailable')(e));
      assert.match(String((e as SchedulerError).details && (e as { details: { body?: unknown } }).details.body), /502 Bad Gateway/);
      return true;
    });
  });

  test('aborting a call in flight rejects with network', async () => {
    const w = world();
    w.faults.slow(500);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(w.google.getBusy(week, [w.calendarId], { signal: controller.signal }), codeOf('network'));
  });
});

describe('Google event ids', () => {
  test('an event id is the key’s UTF-8 bytes in lower-case base32hex (RFC 4648 test vectors)', () => {
    assert.equal(googleEventId('foo'), 'cpnmu');
    assert.equal(googleEventId('foob'), 'cpnmuog');
    assert.equal(googleEventId('fooba'), 'cpnmuoj1');
    assert.equal(googleEventId('foobar'), 'cpnmuoj1e8');
    assert.equal(googleEventId('réunion'), googleEventId('réunion'));
  });

  test('every key of 3–640 UTF-8 bytes gives a valid id, the same every time, and different keys different ids', () => {
    const bytes = (s: string) => new TextEncoder().encode(s).length;
    const key = fc.string({ unit: 'binary', minLength: 1, maxLength: 160 }).filter((s) => bytes(s) >= 3 && bytes(s) <= 640);
    fc.assert(
      fc.property(key, key, (a, b) => {
        const id = googleEventId(a);
        assert.ok(isGoogleEventId(id), id);
        assert.equal(googleEventId(a), id);
        // Lone surrogates encode as U+FFFD, so only keys with different UTF-8 bytes must differ.
        if (Buffer.compare(Buffer.from(a), Buffer.from(b)) !== 0) assert.notEqual(googleEventId(b), id);
      }),
    );
  });
});
