/**
 * Microsoft Graph calendar adapter against the msw mock of Graph's wire format: the
 * shared calendar contract for a work account on a custom domain and for a personal
 * Outlook.com account, then what only the wire shows (paging, getSchedule splitting,
 * zone names, showAs, idempotent creates, Teams links, cancel, retries, errors).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SchedulerError, type BusyInterval } from '@meeting-scheduler/core';
import { microsoftCalendar, type MicrosoftCalendarOptions } from '@meeting-scheduler/adapters/microsoft';
import { MockCalendarStore, type MockAccountSeed } from '../../packages/adapters/src/mocks/calendar-store.ts';
import { MockFaults } from '../../packages/adapters/src/mocks/faults.ts';
import { microsoftHandlers, type MicrosoftMockOptions } from '../../packages/adapters/src/mocks/microsoft.ts';
import { calendarAdapterContract, confirmedMeeting, isSchedulerError, type SeedEvent } from './contract.ts';

const GRAPH = 'https://graph.microsoft.com/v1.0';
const DAY = 86_400_000;
const WEEK = { start: '2026-03-09T00:00:00Z', end: '2026-03-16T00:00:00Z' };

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
  /** The signed-in user; default a work account on a custom domain. */
  email?: string;
  calendars?: MockAccountSeed['calendars'];
  events?: MockAccountSeed['events'];
  /** More accounts in the same tenant (colleagues, rooms). */
  others?: MockAccountSeed[];
  mock?: MicrosoftMockOptions;
  adapter?: Partial<MicrosoftCalendarOptions>;
  /** Sits between the adapter and the mock: answer, rewrite or drop traffic. */
  intercept?: Intercept;
  /** Use Graph's real root instead of a per-world one. */
  defaultBaseUrl?: boolean;
}

let worlds = 0;

/**
 * A fresh tenant in a fresh store, the Graph mock serving it, and an adapter signed in
 * as its first account whose retries sleep instantly and record how long they waited.
 */
function world(o: WorldOptions = {}) {
  const n = ++worlds;
  const base = o.defaultBaseUrl ? GRAPH : `https://graph-${n}.mock.test/v1.0`;
  const token = `eyJ0eXAi.mock-${n}.${Math.random().toString(36).slice(2)}`;
  const email = o.email ?? `bob-${n}@studio-kolkata.example`;
  const store = new MockCalendarStore([
    {
      email, name: 'Bob', token,
      calendars: o.calendars ?? [{ id: `AAMkAD${n}-bob-calendar=`, name: 'Calendar', timeZone: 'Asia/Kolkata' }],
      events: o.events ?? [],
    },
    ...(o.others ?? []),
  ]);
  const faults = new MockFaults();
  server.resetHandlers(...microsoftHandlers(store, faults, o.defaultBaseUrl ? o.mock : { baseUrl: base, ...o.mock }));
  const requests: Sent[] = [];
  const delays: number[] = [];
  const spy: typeof fetch = async (input, init) => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const sent: Sent = { method: init?.method ?? 'GET', url: new URL(String(input)), headers: new Headers(init?.headers), body };
    requests.push(sent);
    const forward = () => fetch(input, init);
    return o.intercept ? o.intercept(sent, forward) : forward();
  };
  const options: MicrosoftCalendarOptions = { getAccessToken: async () => token, fetch: spy, ...(o.defaultBaseUrl ? {} : { baseUrl: base }), ...o.adapter };
  const graph = microsoftCalendar(options, {
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
  });
  const account = store.accounts[0]!;
  const calendarId = account.calendars[0]!.id;
  const sentTo = (method: string, pathEnd: string) => requests.filter((r) => r.method === method && r.url.pathname.endsWith(pathEnd));
  return { base, token, email, store, faults, account, calendarId, graph, requests, delays, sentTo };
}

/** A Graph collection answer, as the documentation shows one. */
const collection = (value: unknown[], extra: Record<string, unknown> = {}) => HttpResponse.json({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.event)', value, ...extra });

const graphError = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  HttpResponse.json({ error: { code, message, innerError: { date: '2026-03-01T12:00:00', 'request-id': 'r-1', 'client-request-id': 'r-1' } } }, { status, headers });

const at = (s: string) => ({ start: s, end: new Date(Date.parse(s) + 3_600_000).toISOString().replace('.000Z', 'Z') });

function seedEvents(seed: SeedEvent[]): NonNullable<MockAccountSeed['events']> {
  return seed.map((e) => ({ summary: e.summary, start: e.start, end: e.end, showAs: e.free ? ('free' as const) : ('busy' as const), ...(e.allDay ? { allDay: true } : {}) }));
}

// ---------------------------------------------------------------------------
// The contract, for both kinds of Microsoft account

calendarAdapterContract('Microsoft 365 work account over msw', async (seed) => {
  const w = world({ email: `bob-${worlds + 1}@studio-kolkata.example`, events: seedEvents(seed), mock: { pageSize: 2 } });
  return { adapter: w.graph, calendarId: w.calendarId };
});

calendarAdapterContract('Outlook.com personal account over msw', async (seed) => {
  // No calendar ids given: the mock names the default calendar after the address, so
  // this run also proves that an id holding "@" is still read as the user's calendar.
  const w = world({ email: `ana.${worlds + 1}@outlook.com`, calendars: [{ name: 'Calendar', timeZone: 'Europe/London' }], events: seedEvents(seed) });
  assert.ok(w.calendarId.includes('@'));
  return { adapter: w.graph, calendarId: w.calendarId };
});

// ---------------------------------------------------------------------------
// Wire behaviour

describe('Microsoft Graph calendar adapter on the wire', () => {
  test('uses Graph v1.0 at graph.microsoft.com by default', async () => {
    const w = world({ defaultBaseUrl: true });
    const calendars = await w.graph.listCalendars();
    assert.equal(calendars[0]?.id, w.calendarId);
    assert.equal(w.requests[0]?.url.origin + w.requests[0]!.url.pathname, `${GRAPH}/me/calendars`);
  });

  test('lists every calendar across @odata.nextLink pages, with default, writable and colour', async () => {
    const w = world({
      mock: { pageSize: 2 },
      calendars: [
        { id: 'AAMkAD-main=', name: 'Calendar', timeZone: 'Asia/Kolkata', color: '#0078D4' },
        { id: 'AAMkAD-birthdays=', name: 'Birthdays', timeZone: 'Asia/Kolkata', readOnly: true },
        { id: 'AAMkAD-team=', name: 'Team', timeZone: 'Asia/Kolkata' },
        { id: 'AAMkAD-travel=', name: 'Travel', timeZone: 'Asia/Kolkata' },
        { id: 'AAMkAD-gym=', name: 'Gym', timeZone: 'Asia/Kolkata' },
      ],
    });
    const calendars = await w.graph.listCalendars();
    assert.deepEqual(calendars.map((c) => c.name), ['Calendar', 'Birthdays', 'Team', 'Travel', 'Gym']);
    assert.deepEqual(calendars[0], { id: 'AAMkAD-main=', name: 'Calendar', primary: true, writable: true, color: '#0078D4' });
    assert.deepEqual(calendars[1], { id: 'AAMkAD-birthdays=', name: 'Birthdays', primary: false, writable: false });
    assert.equal(w.sentTo('GET', '/me/calendars').length, 3, 'three pages of two');
    assert.ok(w.requests.slice(1).every((r) => r.headers.get('authorization') === `Bearer ${w.token}`), 'every page carries the token');
  });

  test('follows calendarView pages until the last one', async () => {
    const events = Array.from({ length: 7 }, (_, i) => ({ summary: `Standup ${i}`, ...at(`2026-03-${String(9 + (i % 5)).padStart(2, '0')}T0${i}:00:00Z`) }));
    const w = world({ events, mock: { pageSize: 2 } });
    const busy = await w.graph.getBusy(WEEK, [w.calendarId]);
    assert.equal(busy.length, 7);
    assert.equal(w.sentTo('GET', '/calendarView').length, 4);
    const first = w.sentTo('GET', '/calendarView')[0]!.url.searchParams;
    assert.equal(first.get('startDateTime'), WEEK.start);
    assert.equal(first.get('endDateTime'), WEEK.end);
    assert.equal(first.get('$select'), 'subject,start,end,showAs,isAllDay,isCancelled');
  });

  test('a next link pointing away from Graph is refused, so the token never leaves', async () => {
    const w = world({
      intercept: async (sent, forward) =>
        sent.url.pathname.endsWith('/me/calendars') ? HttpResponse.json({ value: [], '@odata.nextLink': 'https://collector.example/steal?$skip=10' }) : forward(),
    });
    await assert.rejects(w.graph.listCalendars(), isSchedulerError('provider-unavailable'));
    assert.ok(w.requests.every((r) => r.url.hostname !== 'collector.example'));
  });

  test('asks Graph for UTC with the Prefer: outlook.timezone header', async () => {
    const w = world({ others: [{ email: 'priya@studio-kolkata.example', token: 'tok-priya' }] });
    await w.graph.getBusy(WEEK, [w.calendarId, 'priya@studio-kolkata.example']);
    const reads = [...w.sentTo('GET', '/calendarView'), ...w.sentTo('POST', '/getSchedule')];
    assert.equal(reads.length, 2);
    for (const r of reads) assert.equal(r.headers.get('prefer'), 'outlook.timezone="UTC"');
  });

  test('reads date-times without an offset in India Standard Time', async () => {
    const w = world({
      intercept: async (sent, forward) =>
        sent.url.pathname.endsWith('/calendarView')
          ? collection([
              { id: 'e1', subject: 'Design review', showAs: 'busy', isAllDay: false, isCancelled: false, start: { dateTime: '2026-03-10T19:30:00.0000000', timeZone: 'India Standard Time' }, end: { dateTime: '2026-03-10T20:30:00.0000000', timeZone: 'India Standard Time' } },
              { id: 'e2', subject: 'Offset given', showAs: 'busy', start: { dateTime: '2026-03-11T10:00:00+05:30', timeZone: 'India Standard Time' }, end: { dateTime: '2026-03-11T11:00:00+05:30', timeZone: 'India Standard Time' } },
              { id: 'e3', subject: 'IANA named', showAs: 'busy', start: { dateTime: '2026-03-12T09:00:00.0000000', timeZone: 'Asia/Kolkata' }, end: { dateTime: '2026-03-12T09:30:00.0000000', timeZone: 'Asia/Kolkata' } },
            ])
          : forward(),
    });
    const busy = await w.graph.getBusy(WEEK, [w.calendarId]);
    assert.deepEqual(busy.map((b) => [b.start, b.end]), [
      ['2026-03-10T14:00:00Z', '2026-03-10T15:00:00Z'],
      ['2026-03-11T04:30:00Z', '2026-03-11T05:30:00Z'],
      ['2026-03-12T03:30:00Z', '2026-03-12T04:00:00Z'],
    ]);
  });

  test('reads Pacific Standard Time wall clocks across the March clock change', async () => {
    const pst = (dateTime: string) => ({ dateTime, timeZone: 'Pacific Standard Time' });
    const w = world({
      intercept: async (sent, forward) =>
        sent.url.pathname.endsWith('/getSchedule')
          ? HttpResponse.json({
              '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)',
              value: [{
                scheduleId: 'alex@contoso.example',
                availabilityView: '',
                scheduleItems: [
                  { status: 'Busy', start: pst('2026-03-07T09:00:00.0000000'), end: pst('2026-03-07T10:00:00.0000000') },
                  { status: 'Busy', start: pst('2026-03-08T02:30:00.0000000'), end: pst('2026-03-08T04:00:00.0000000') },
                  { status: 'Tentative', start: pst('2026-03-09T09:00:00.0000000'), end: pst('2026-03-09T10:00:00.0000000') },
                ],
              }],
            })
          : forward(),
    });
    const busy = await w.graph.getBusy({ start: '2026-03-07T00:00:00Z', end: '2026-03-10T00:00:00Z' }, ['alex@contoso.example']);
    assert.deepEqual(busy.map((b) => [b.start, b.end, b.status]), [
      ['2026-03-07T17:00:00Z', '2026-03-07T18:00:00Z', 'busy'], // 09:00 PST = UTC-8
      ['2026-03-08T10:30:00Z', '2026-03-08T11:00:00Z', 'busy'], // 02:30 does not exist: 03:30 PDT; 04:00 PDT
      ['2026-03-09T16:00:00Z', '2026-03-09T17:00:00Z', 'tentative'], // 09:00 PDT = UTC-7
    ]);
  });

  test('the mock answers calendarView in the zone Prefer names, without offsets, and says so', async () => {
    const w = world({ events: [{ summary: 'Design review', ...at('2026-03-10T14:00:00Z') }] });
    for (const [zone, dateTime] of [['India Standard Time', '2026-03-10T19:30:00.0000000'], ['America/Los_Angeles', '2026-03-10T07:00:00.0000000'], [undefined, '2026-03-10T14:00:00.0000000']] as const) {
      const response = await fetch(`${w.base}/me/calendars/${encodeURIComponent(w.calendarId)}/calendarView?startDateTime=${WEEK.start}&endDateTime=${WEEK.end}`, {
        headers: { authorization: `Bearer ${w.token}`, ...(zone ? { prefer: `outlook.timezone="${zone}"` } : {}) },
      });
      const body = (await response.json()) as { value: Array<{ start: { dateTime: string; timeZone: string } }> };
      assert.deepEqual(body.value[0]?.start, { dateTime, timeZone: zone ?? 'UTC' });
      assert.equal(response.headers.get('preference-applied'), zone ? `outlook.timezone="${zone}"` : null);
    }
  });

  test('the mock answers getSchedule in the requested zone under its Windows name', async () => {
    const w = world({ others: [{ email: 'priya@studio-kolkata.example', token: 'tok-priya', events: [{ summary: 'Sync', ...at('2026-03-10T14:00:00Z') }] }] });
    const response = await fetch(`${w.base}/me/calendar/getSchedule`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ schedules: ['priya@studio-kolkata.example'], startTime: { dateTime: '2026-03-10T00:00:00', timeZone: 'America/Los_Angeles' }, endTime: { dateTime: '2026-03-11T00:00:00', timeZone: 'America/Los_Angeles' }, availabilityViewInterval: 60 }),
    });
    const body = (await response.json()) as { value: Array<{ scheduleItems: Array<{ start: unknown; status: string }>; availabilityView: string }> };
    assert.deepEqual(body.value[0]?.scheduleItems[0]?.start, { dateTime: '2026-03-10T07:00:00.0000000', timeZone: 'Pacific Standard Time' });
    assert.equal(body.value[0]?.availabilityView, `${'0'.repeat(7)}2${'0'.repeat(16)}`);
  });

  test('the mock refuses more than 20 schedules and windows of 62 days or more, like Graph', async () => {
    const w = world();
    const ask = (schedules: string[], days: number) =>
      fetch(`${w.base}/me/calendar/getSchedule`, {
        method: 'POST',
        headers: { authorization: `Bearer ${w.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ schedules, startTime: { dateTime: '2026-03-01T00:00:00', timeZone: 'UTC' }, endTime: { dateTime: new Date(Date.parse('2026-03-01T00:00:00Z') + days * DAY).toISOString().slice(0, 19), timeZone: 'UTC' } }),
      });
    const many = Array.from({ length: 21 }, (_, i) => `p${i}@studio-kolkata.example`);
    const tooMany = await ask(many, 1);
    assert.equal(tooMany.status, 400);
    assert.equal(((await tooMany.json()) as { error: { code: string } }).error.code, 'ErrorMailboxDataArrayTooBig');
    const tooLong = await ask([w.email], 62);
    assert.equal(tooLong.status, 400);
    assert.equal(((await tooLong.json()) as { error: { code: string } }).error.code, 'ErrorTimeIntervalTooBig');
    assert.equal((await ask(many.slice(0, 20), 61)).status, 200);
  });

  test('getSchedule is split at 20 addresses and under 62 days, and the answers merged', async () => {
    const colleagues = Array.from({ length: 45 }, (_, i) => `p${String(i).padStart(2, '0')}@studio-kolkata.example`);
    const w = world({
      others: colleagues.map((email, i) => ({
        email, token: `tok-${i}`,
        events: i === 0 ? [{ summary: 'Early', ...at('2026-03-02T10:00:00Z') }] : i === 44 ? [{ summary: 'Late', ...at('2026-06-01T10:00:00Z') }] : [],
      })),
    });
    const range = { start: '2026-03-01T00:00:00Z', end: '2026-06-09T00:00:00Z' }; // 100 days
    const busy = await w.graph.getBusy(range, colleagues);
    const posts = w.sentTo('POST', '/me/calendar/getSchedule');
    assert.equal(posts.length, 3 * 2, 'three batches of addresses × two windows');
    for (const p of posts) {
      const body = p.body as { schedules: string[]; startTime: { dateTime: string; timeZone: string }; endTime: { dateTime: string } };
      assert.ok(body.schedules.length <= 20);
      assert.equal(body.startTime.timeZone, 'UTC');
      assert.ok(Date.parse(`${body.endTime.dateTime}Z`) - Date.parse(`${body.startTime.dateTime}Z`) < 62 * DAY);
    }
    assert.deepEqual(busy.map((b) => [b.calendarId, b.label, b.start]), [
      ['p00@studio-kolkata.example', 'Early', '2026-03-02T10:00:00Z'],
      ['p44@studio-kolkata.example', 'Late', '2026-06-01T10:00:00Z'],
    ]);
  });

  test('showAs maps free, tentative, busy, oof, workingElsewhere and unknown; cancelled events are skipped', async () => {
    const item = (id: string, showAs: string, extra: Record<string, unknown> = {}) => ({
      id, subject: id, showAs, isAllDay: false, isCancelled: false,
      start: { dateTime: '2026-03-10T14:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2026-03-10T15:00:00.0000000', timeZone: 'UTC' }, ...extra,
    });
    const w = world({
      intercept: async (sent, forward) =>
        sent.url.pathname.endsWith('/calendarView')
          ? collection([
              item('free', 'free'), item('tentative', 'tentative'), item('busy', 'busy'), item('oof', 'oof'),
              item('workingElsewhere', 'workingElsewhere'), item('unknown', 'unknown'), item('Busy capitalised', 'Busy'),
              item('cancelled', 'busy', { isCancelled: true }),
              item('holiday', 'oof', { isAllDay: true, start: { dateTime: '2026-03-12T00:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2026-03-13T00:00:00.0000000', timeZone: 'UTC' } }),
            ])
          : forward(),
    });
    const busy = await w.graph.getBusy(WEEK, [w.calendarId]);
    const byLabel = Object.fromEntries(busy.map((b) => [b.label, b]));
    assert.deepEqual(Object.fromEntries(busy.map((b) => [b.label, b.status])), {
      free: 'free', tentative: 'tentative', busy: 'busy', oof: 'oof', workingElsewhere: 'busy', unknown: 'busy', 'Busy capitalised': 'busy', holiday: 'oof',
    });
    assert.equal(byLabel['cancelled'], undefined);
    assert.equal(byLabel['holiday']?.allDay, true);
    assert.equal(byLabel['busy']?.calendarId, w.calendarId);
  });

  test('a colleague’s schedule keeps oof and workingElsewhere apart from free', async () => {
    const w = world({
      others: [{
        email: 'priya@studio-kolkata.example', token: 'tok-priya',
        events: [
          { summary: 'Leave', showAs: 'oof', ...at('2026-03-10T04:00:00Z') },
          { summary: 'From home', showAs: 'workingElsewhere', ...at('2026-03-11T04:00:00Z') },
          { summary: 'Lunch', showAs: 'free', ...at('2026-03-12T07:00:00Z') },
        ],
      }],
    });
    const busy = await w.graph.getBusy(WEEK, ['priya@studio-kolkata.example']);
    assert.deepEqual(busy.map((b) => [b.label, b.status]), [['Leave', 'oof'], ['From home', 'busy'], ['Lunch', 'free']]);
  });

  test('recurring events are expanded in their zone', async () => {
    const w = world({
      events: [{ summary: 'Weekly 1:1', start: '2026-03-02T14:00:00Z', end: '2026-03-02T14:30:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=MO', recurrenceTimeZone: 'America/New_York' }],
    });
    const busy = await w.graph.getBusy({ start: '2026-03-01T00:00:00Z', end: '2026-03-17T00:00:00Z' }, [w.calendarId]);
    assert.deepEqual(busy.map((b) => b.start), ['2026-03-02T14:00:00Z', '2026-03-09T13:00:00Z', '2026-03-16T13:00:00Z']);
  });

  test('an address Graph cannot read is an error carrying the busy time read from the others', async () => {
    const w = world({ others: [{ email: 'priya@studio-kolkata.example', token: 'tok-priya', events: [{ summary: 'Sync', ...at('2026-03-10T14:00:00Z') }] }] });
    await assert.rejects(w.graph.getBusy(WEEK, ['priya@studio-kolkata.example', 'ghost@studio-kolkata.example']), (error: unknown) => {
      assert.ok(error instanceof SchedulerError);
      assert.equal(error.code, 'not-found');
      const details = error.details as { calendarErrors: Array<{ calendarId: string; code: string }>; busy: BusyInterval[] };
      assert.deepEqual(details.calendarErrors.map((e) => [e.calendarId, e.code]), [['ghost@studio-kolkata.example', 'ErrorMailRecipientNotFound']]);
      assert.deepEqual(details.busy.map((b) => [b.calendarId, b.start]), [['priya@studio-kolkata.example', '2026-03-10T14:00:00Z']]);
      return true;
    });
  });

  test('an unknown calendar id is not-found (404 ErrorItemNotFound), naming the calendar', async () => {
    const w = world();
    await assert.rejects(w.graph.getBusy(WEEK, ['AAMkAD-nope=']), (error: unknown) => {
      assert.ok(isSchedulerError('not-found')(error));
      const details = (error as SchedulerError).details as { calendarId: string; status: number; body: { error: { code: string } } };
      assert.equal(details.calendarId, 'AAMkAD-nope=');
      assert.equal(details.body.error.code, 'ErrorItemNotFound');
      return true;
    });
  });

  test('a created event carries subject, text body, UTC times, required attendees and the key as transactionId', async () => {
    const w = world();
    const meeting = confirmedMeeting('m-wire-1', { start: '2026-03-12T15:00:00Z', end: '2026-03-12T15:30:00Z' });
    await w.graph.createEvent(meeting, { calendarId: w.calendarId, idempotencyKey: 'evt-accept-1', attendees: [{ email: 'alice@acme.example', name: 'Alice' }] });
    const [post] = w.sentTo('POST', '/events');
    assert.equal(post?.url.pathname, `/v1.0/me/calendars/${encodeURIComponent(w.calendarId)}/events`);
    assert.deepEqual(post?.body, {
      subject: 'Contract check',
      body: { contentType: 'text', content: 'From the contract suite' },
      start: { dateTime: '2026-03-12T15:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-03-12T15:30:00', timeZone: 'UTC' },
      attendees: [{ emailAddress: { address: 'alice@acme.example', name: 'Alice' }, type: 'required' }],
      transactionId: 'evt-accept-1',
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
    });
  });

  test('a create retried after the first answer was lost yields one event', async () => {
    let lost = 0;
    const w = world({
      intercept: async (sent, forward) => {
        const response = await forward();
        // The first create reaches Graph, but its answer never comes back.
        if (sent.method === 'POST' && sent.url.pathname.endsWith('/events') && lost++ === 0) return HttpResponse.error();
        return response;
      },
    });
    const meeting = confirmedMeeting('m-wire-2', { start: '2026-03-12T15:00:00Z', end: '2026-03-12T15:30:00Z' });
    const { eventId } = await w.graph.createEvent(meeting, { calendarId: w.calendarId, idempotencyKey: 'evt-accept-2' });
    const posts = w.sentTo('POST', '/events');
    assert.equal(posts.length, 2, 'retried once');
    assert.ok(posts.every((p) => (p.body as { transactionId: string }).transactionId === 'evt-accept-2'));
    const stored = w.account.events.filter((e) => e.transactionId === 'evt-accept-2');
    assert.deepEqual(stored.map((e) => e.id), [eventId]);
  });

  test('a work account’s event gets a Teams join link', async () => {
    const w = world();
    const meeting = confirmedMeeting('m-wire-3', { start: '2026-03-12T15:00:00Z', end: '2026-03-12T15:30:00Z' });
    const { joinUrl } = await w.graph.createEvent(meeting, { calendarId: w.calendarId, idempotencyKey: 'evt-accept-3' });
    assert.match(joinUrl ?? '', /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
  });

  test('a personal account asks for its calendar’s own provider instead of Teams for work', async () => {
    const w = world({ email: 'ana@outlook.com', calendars: [{ name: 'Calendar', timeZone: 'Europe/London' }] });
    const meeting = confirmedMeeting('m-wire-4', { start: '2026-03-12T15:00:00Z', end: '2026-03-12T15:30:00Z' });
    const { joinUrl } = await w.graph.createEvent(meeting, { calendarId: w.calendarId, idempotencyKey: 'evt-accept-4' });
    assert.equal((w.sentTo('POST', '/events')[0]!.body as { onlineMeetingProvider: string }).onlineMeetingProvider, 'skypeForConsumer');
    assert.match(joinUrl ?? '', /^https:\/\/join\.skype\.com\//);
  });

  test('a meeting that already has a call (from the other side’s calendar) points to it instead of making a second Teams meeting', async () => {
    const w = world();
    const call = 'https://meet.google.com/abc-defg-hij';
    const meeting = { ...confirmedMeeting('m-wire-6', { start: '2026-03-12T15:00:00Z', end: '2026-03-12T15:30:00Z' }), joinUrl: call };
    await w.graph.createEvent(meeting, { calendarId: w.calendarId, idempotencyKey: 'evt-accept-6' });
    const body = w.sentTo('POST', '/events')[0]!.body as { isOnlineMeeting?: boolean; location?: { displayName: string }; body: { content: string } };
    assert.equal(body.isOnlineMeeting, undefined);
    assert.equal(body.location?.displayName, call);
    assert.equal(body.body.content, `From the contract suite\n\n${call}`);
  });

  test('onlineMeeting: false writes the event without a join link', async () => {
    const w = world({ adapter: { onlineMeeting: false } });
    const meeting = confirmedMeeting('m-wire-5', { start: '2026-03-12T15:00:00Z', end: '2026-03-12T15:30:00Z' });
    const created = await w.graph.createEvent(meeting, { calendarId: w.calendarId, idempotencyKey: 'evt-accept-5' });
    assert.equal(created.joinUrl, undefined);
    assert.equal((w.sentTo('POST', '/events')[0]!.body as { isOnlineMeeting?: boolean }).isOnlineMeeting, undefined);
    assert.equal(w.sentTo('GET', `/me/calendars/${encodeURIComponent(w.calendarId)}`).length, 0, 'no need to ask what the calendar allows');
  });

  test('a join URL that is not https is not passed on', async () => {
    const w = world({
      intercept: async (sent, forward) =>
        sent.method === 'POST' && sent.url.pathname.endsWith('/events')
          ? HttpResponse.json({ id: 'AAMkAD-evt=', onlineMeeting: { joinUrl: 'javascript:alert(1)' } }, { status: 201 })
          : forward(),
    });
    const meeting = confirmedMeeting('m-wire-6', { start: '2026-03-12T15:00:00Z', end: '2026-03-12T15:30:00Z' });
    assert.deepEqual(await w.graph.createEvent(meeting, { calendarId: w.calendarId, idempotencyKey: 'evt-accept-6' }), { eventId: 'AAMkAD-evt=' });
  });

  test('rescheduling PATCHes /me/events/{id} with the new time', async () => {
    const w = world();
    const meeting = confirmedMeeting('m-wire-7', { start: '2026-03-12T15:00:00Z', end: '2026-03-12T15:30:00Z' });
    const { eventId } = await w.graph.createEvent(meeting, { calendarId: w.calendarId, idempotencyKey: 'evt-accept-7' });
    const moved = { start: '2026-03-13T09:00:00Z', end: '2026-03-13T09:30:00Z' };
    await w.graph.updateEvent(eventId, { ...meeting, confirmed: moved, options: [moved] }, { calendarId: w.calendarId });
    const [patch] = w.sentTo('PATCH', `/me/events/${encodeURIComponent(eventId)}`);
    assert.deepEqual((patch!.body as { start: unknown }).start, { dateTime: '2026-03-13T09:00:00', timeZone: 'UTC' });
    const stored = w.account.events.find((e) => e.id === eventId);
    assert.deepEqual([stored?.start, stored?.end], [moved.start, moved.end]);
  });

  test('cancelling posts the reason as Comment and the event leaves the calendar', async () => {
    const w = world();
    const meeting = confirmedMeeting('m-wire-8', { start: '2026-03-12T15:00:00Z', end: '2026-03-12T15:30:00Z' });
    const { eventId } = await w.graph.createEvent(meeting, { calendarId: w.calendarId, idempotencyKey: 'evt-accept-8' });
    await w.graph.cancelEvent(eventId, meeting, { calendarId: w.calendarId, reason: 'Project paused' });
    assert.deepEqual(w.sentTo('POST', '/cancel').map((r) => r.body), [{ Comment: 'Project paused' }]);
    const stored = w.account.events.find((e) => e.id === eventId);
    assert.equal(stored?.cancelled, true);
    assert.equal(stored?.extra?.['cancelComment'], 'Project paused');
  });

  test('an attendee cannot cancel, so the meeting is declined with the reason instead', async () => {
    const w = world({
      events: [{ id: 'AAMkAD-invite=', summary: 'Their meeting', ...at('2026-03-12T15:00:00Z'), extra: { organizer: 'alice@acme.example' } }],
    });
    const meeting = confirmedMeeting('m-wire-9', at('2026-03-12T15:00:00Z'));
    await w.graph.cancelEvent('AAMkAD-invite=', meeting, { calendarId: w.calendarId, reason: 'Cannot make it' });
    assert.equal(w.sentTo('POST', '/cancel').length, 1);
    assert.deepEqual(w.sentTo('POST', '/decline').map((r) => r.body), [{ comment: 'Cannot make it', sendResponse: true }]);
    const stored = w.account.events.find((e) => e.id === 'AAMkAD-invite=');
    assert.equal(stored?.cancelled, true);
    assert.equal(stored?.extra?.['declineComment'], 'Cannot make it');
  });

  test('an event that can be neither cancelled nor declined is deleted', async () => {
    // Graph lets only organizers cancel and refuses to decline one's own event: an
    // appointment Graph will not cancel (no attendees) is deleted instead.
    const w = world({
      events: [{ id: 'AAMkAD-appt=', summary: 'Focus', ...at('2026-03-12T15:00:00Z') }],
      intercept: async (sent, forward) =>
        sent.url.pathname.endsWith('/cancel')
          ? graphError(400, 'ErrorInvalidRequest', "Your request can't be completed. You need to be an organizer to cancel a meeting.")
          : forward(),
    });
    await w.graph.cancelEvent('AAMkAD-appt=', confirmedMeeting('m-wire-12', at('2026-03-12T15:00:00Z')), { calendarId: w.calendarId });
    assert.deepEqual(w.requests.map((r) => `${r.method} ${r.url.pathname.split('/').pop()}`), ['POST cancel', 'POST decline', `DELETE ${encodeURIComponent('AAMkAD-appt=')}`]);
    assert.equal(w.account.events.find((e) => e.id === 'AAMkAD-appt=')?.cancelled, true);
  });

  test('a cancel Graph refuses for another reason is reported, not retried as a decline', async () => {
    const w = world({ intercept: async () => graphError(400, 'ErrorInvalidIdMalformed', 'Id is malformed.') });
    await assert.rejects(w.graph.cancelEvent('bad id', confirmedMeeting('m-wire-13', at('2026-03-12T15:00:00Z')), { calendarId: w.calendarId }), isSchedulerError('invalid-input'));
    assert.equal(w.requests.length, 1);
  });

  test('the mock makes no online meeting with a provider the calendar does not allow', async () => {
    const w = world({ email: 'ana@outlook.com', calendars: [{ name: 'Calendar', timeZone: 'Europe/London' }] });
    const response = await fetch(`${w.base}/me/calendars/${encodeURIComponent(w.calendarId)}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'Call', start: { dateTime: '2026-03-12T15:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-03-12T15:30:00', timeZone: 'UTC' }, isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' }),
    });
    assert.equal(response.status, 201);
    const event = (await response.json()) as { isOnlineMeeting: boolean; onlineMeeting: unknown };
    assert.deepEqual([event.isOnlineMeeting, event.onlineMeeting], [false, null]);
  });

  test('cancelling an event that is already gone counts as done', async () => {
    const w = world();
    const meeting = confirmedMeeting('m-wire-10', at('2026-03-12T15:00:00Z'));
    await w.graph.cancelEvent('AAMkAD-gone=', meeting, { calendarId: w.calendarId });
    assert.equal(w.sentTo('POST', '/cancel').length, 1);
  });

  test('an expired or unknown token is provider-auth (401 InvalidAuthenticationToken)', async () => {
    const w = world();
    w.faults.expireToken(w.token);
    await assert.rejects(w.graph.listCalendars(), isSchedulerError('provider-auth'));
    const stranger = microsoftCalendar({ getAccessToken: async () => 'not-a-known-token', baseUrl: w.base });
    await assert.rejects(stranger.listCalendars(), (error: unknown) => {
      assert.ok(isSchedulerError('provider-auth')(error));
      assert.equal(((error as SchedulerError).details as { body: { error: { code: string } } }).body.error.code, 'InvalidAuthenticationToken');
      return true;
    });
  });

  test('403 ErrorAccessDenied and Authorization_RequestDenied are provider-auth', async () => {
    for (const code of ['ErrorAccessDenied', 'Authorization_RequestDenied']) {
      const w = world({ intercept: async () => graphError(403, code, 'Access is denied. Check credentials and try again.') });
      await assert.rejects(w.graph.listCalendars(), isSchedulerError('provider-auth'));
      assert.equal(w.requests.length, 1, 'not retried');
    }
  });

  test('429 and 503 with Retry-After are retried after the delay asked for', async () => {
    let n = 0;
    const w = world({
      intercept: async (_sent, forward) => {
        n++;
        if (n === 1) return graphError(429, 'TooManyRequests', 'Please retry again later.', { 'retry-after': '2' });
        if (n === 2) return graphError(503, 'ServiceUnavailable', 'The service is temporarily unavailable.', { 'retry-after': '3' });
        return forward();
      },
    });
    const calendars = await w.graph.listCalendars();
    assert.equal(calendars.length, 1);
    assert.deepEqual(w.delays, [2000, 3000]);
  });

  test('throttled forever ends as provider-rate-limited after retries + 1 attempts', async () => {
    const w = world({ adapter: { retry: { retries: 2 } } });
    w.faults.rateLimitNext(10, '1');
    await assert.rejects(w.graph.getBusy(WEEK, [w.calendarId]), isSchedulerError('provider-rate-limited'));
    assert.equal(w.faults.log.length, 3);
    assert.deepEqual(w.delays, [1000, 1000]);
  });

  test('ApplicationThrottled (MailboxConcurrency) is rate limiting even as a 503', async () => {
    const w = world({ adapter: { retry: { retries: 1 } }, intercept: async () => graphError(503, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.') });
    await assert.rejects(w.graph.listCalendars(), isSchedulerError('provider-rate-limited'));
    assert.equal(w.requests.length, 2);
  });

  test('a malformed answer is provider-unavailable', async () => {
    const w = world();
    w.faults.malformedNext(1);
    await assert.rejects(w.graph.listCalendars(), isSchedulerError('provider-unavailable'));
    const odd = world({ intercept: async () => HttpResponse.json({ value: 'not a list' }) });
    await assert.rejects(odd.graph.listCalendars(), isSchedulerError('provider-unavailable'));
    const badTime = world({
      intercept: async () => collection([{ id: 'e', showAs: 'busy', start: { dateTime: 'soon', timeZone: 'UTC' }, end: { dateTime: '2026-03-10T15:00:00', timeZone: 'UTC' } }]),
    });
    await assert.rejects(badTime.graph.getBusy(WEEK, [badTime.calendarId]), isSchedulerError('provider-unavailable'));
  });

  test('an aborted request is a network error', async () => {
    const w = world();
    const early = new AbortController();
    early.abort();
    await assert.rejects(w.graph.getBusy(WEEK, [w.calendarId], { signal: early.signal }), isSchedulerError('network'));
    w.faults.slow(500);
    const late = new AbortController();
    setTimeout(() => late.abort(), 20);
    await assert.rejects(w.graph.listCalendars({ signal: late.signal }), isSchedulerError('network'));
  });

  test('bad input is invalid-input before anything is sent', async () => {
    const w = world();
    await assert.rejects(w.graph.getBusy({ start: '2026-03-16T00:00:00Z', end: '2026-03-09T00:00:00Z' }, [w.calendarId]), isSchedulerError('invalid-input'));
    await assert.rejects(w.graph.getBusy(WEEK, ['']), isSchedulerError('invalid-input'));
    const proposed = { ...confirmedMeeting('m-wire-11', at('2026-03-12T15:00:00Z')), status: 'proposed' as const };
    delete (proposed as { confirmed?: unknown }).confirmed;
    await assert.rejects(w.graph.createEvent(proposed, { calendarId: w.calendarId, idempotencyKey: 'k' }), isSchedulerError('invalid-input'));
    assert.equal(w.requests.filter((r) => r.method !== 'GET').length, 0);
  });
});
