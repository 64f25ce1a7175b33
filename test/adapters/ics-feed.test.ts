/**
 * The ICS feed adapter: the calendar contract through a served feed, the busy time of
 * Apple, Google and Outlook exports (exact UTC instants, worked out by hand from each
 * event's zone), DST, producer quirks, a hostile feed, and the HTTP behaviour.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, afterEach, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { HttpResponse, delay, http } from 'msw';
import { setupServer } from 'msw/node';
import { Temporal } from 'temporal-polyfill';
import { SchedulerError, findConflicts, type BusyInterval, type Interval } from '@meeting-scheduler/core';
import { icsFeedCalendar, type FeedProblem, type IcsFeedOptions } from '@meeting-scheduler/adapters/ics-feed';
import { ianaZone } from '../../packages/adapters/src/ics-feed/zones.ts';
import { calendarAdapterContract, isSchedulerError, type SeedEvent } from './contract.ts';

const server = setupServer();
before(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
after(() => server.close());

const instant = { sleep: async () => {} };
const fixture = (name: string) => readFileSync(new URL(`../fixtures/ics/${name}`, import.meta.url));
const ICS_HEADERS = { 'content-type': 'text/calendar; charset=utf-8' };

let served = 0;
/** A fresh https URL for one test. */
const freshUrl = (name = 'feed') => `https://calendar.example/published/${name}-${++served}.ics`;

/** Serves `body` at a fresh URL and counts the requests. */
function serve(body: string | Uint8Array, opts: { name?: string; headers?: Record<string, string> } = {}) {
  const url = freshUrl(opts.name);
  const requests: Request[] = [];
  server.use(
    http.get(url, ({ request }) => {
      requests.push(request);
      return new HttpResponse(body, { headers: { ...ICS_HEADERS, ...opts.headers } });
    }),
  );
  return { url, requests };
}

function feedOf(url: string, opts: Partial<IcsFeedOptions> = {}) {
  return icsFeedCalendar({ url, ...opts }, instant);
}

const range = (start: string, end: string): Interval => ({ start, end });
const WEEK = range('2026-03-09T00:00:00Z', '2026-03-16T00:00:00Z');

/** The busy intervals without their calendarId (checked to be the feed's URL). */
async function busyOf(adapter: ReturnType<typeof icsFeedCalendar>, url: string, r: Interval): Promise<Array<Omit<BusyInterval, 'calendarId'>>> {
  const busy = await adapter.getBusy(r, [url]);
  return busy.map(({ calendarId, ...rest }) => {
    assert.equal(calendarId, url);
    return rest;
  });
}

const labelled = (busy: Array<Omit<BusyInterval, 'calendarId'>>, label: string) => busy.filter((b) => b.label === label);

/** A VCALENDAR from lines (CRLF, as RFC 5545 asks). */
const calendar = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Test//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');
const vevent = (...lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'].join('\r\n');

// ---------------------------------------------------------------------------
// The contract, through a served feed

const icsDate = (iso: string) => iso.slice(0, 10).replace(/-/g, '');
const icsDateTime = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');
const escapeText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

function seedFeed(seed: SeedEvent[]): string {
  return calendar(
    'X-WR-CALNAME:Contract',
    ...seed.map((e, i) =>
      vevent(
        `UID:seed-${i}@contract.example`,
        'DTSTAMP:20260301T000000Z',
        e.allDay ? `DTSTART;VALUE=DATE:${icsDate(e.start)}` : `DTSTART:${icsDateTime(e.start)}`,
        e.allDay ? `DTEND;VALUE=DATE:${icsDate(e.end)}` : `DTEND:${icsDateTime(e.end)}`,
        `SUMMARY:${escapeText(e.summary)}`,
        `TRANSP:${e.free ? 'TRANSPARENT' : 'OPAQUE'}`,
      ),
    ),
  );
}

calendarAdapterContract('ICS feed over msw', async (seed) => {
  const { url } = serve(seedFeed(seed), { name: 'contract' });
  return { adapter: feedOf(url), calendarId: url };
});

// ---------------------------------------------------------------------------
// Apple iCloud

describe('ICS feed: an Apple iCloud export', () => {
  const load = () => {
    const { url } = serve(fixture('icloud-export.ics'));
    return { url, adapter: feedOf(url) };
  };

  test('the week of 9 March 2026, exactly', async () => {
    const { url, adapter } = load();
    assert.deepEqual(await busyOf(adapter, url, WEEK), [
      { start: '2026-03-09T13:00:00Z', end: '2026-03-09T14:00:00Z', status: 'busy', label: 'Weekly sync' },
      { start: '2026-03-11T09:00:00Z', end: '2026-03-11T09:15:00Z', status: 'busy', label: 'Berlin stand-up' },
      { start: '2026-03-11T17:00:00Z', end: '2026-03-11T19:00:00Z', status: 'free', label: 'Focus block' },
      { start: '2026-03-12T04:00:00Z', end: '2026-03-14T04:00:00Z', status: 'busy', allDay: true, label: 'Offsite' },
      { start: '2026-03-13T16:00:00Z', end: '2026-03-13T17:00:00Z', status: 'busy', label: 'Lunch with Ana' },
    ]);
  });

  test('lists one read-only calendar named by X-WR-CALNAME, in X-WR-TIMEZONE, with the URL as id', async () => {
    const { url, adapter } = load();
    assert.equal(adapter.provider, 'ics');
    assert.deepEqual(await adapter.listCalendars(), [{ id: url, name: 'Work', primary: true, writable: false, timeZone: 'America/New_York' }]);
    assert.equal('createEvent' in adapter || 'updateEvent' in adapter || 'cancelEvent' in adapter, false, 'read-only: no write methods');
  });

  test('an EXDATE removes that instance of a weekly meeting', async () => {
    const { url, adapter } = load();
    // Monday 16 March 09:00 New York (13:00Z) is excluded; the Mondays around it are not.
    assert.deepEqual(await busyOf(adapter, url, range('2026-03-16T00:00:00Z', '2026-03-17T00:00:00Z')), []);
    const around = labelled(await busyOf(adapter, url, range('2026-03-09T00:00:00Z', '2026-03-31T00:00:00Z')), 'Weekly sync');
    assert.deepEqual(around.map((b) => b.start), ['2026-03-09T13:00:00Z', '2026-03-30T13:00:00Z']);
  });

  test('a RECURRENCE-ID override moves its instance (and the original time is free)', async () => {
    const { url, adapter } = load();
    // 23 March 09:00 moved to Tuesday 24 March 14:00–15:00 New York (EDT, 18:00Z).
    assert.deepEqual(await busyOf(adapter, url, range('2026-03-23T00:00:00Z', '2026-03-25T00:00:00Z')), [
      { start: '2026-03-24T18:00:00Z', end: '2026-03-24T19:00:00Z', status: 'busy', label: 'Weekly sync (moved to Tuesday)' },
    ]);
  });

  test('a moved instance is found when only its new time is in the range', async () => {
    const { url, adapter } = load();
    const busy = await busyOf(adapter, url, range('2026-03-24T00:00:00Z', '2026-03-25T00:00:00Z'));
    assert.deepEqual(busy.map((b) => b.label), ['Weekly sync (moved to Tuesday)']);
  });

  test('a weekly 09:00 New York meeting stays at 09:00 local across the DST start on 8 March 2026', async () => {
    const { url, adapter } = load();
    const busy = labelled(await busyOf(adapter, url, range('2026-03-01T00:00:00Z', '2026-03-10T00:00:00Z')), 'Weekly sync');
    assert.deepEqual(busy.map((b) => [b.start, b.end]), [
      ['2026-03-02T14:00:00Z', '2026-03-02T15:00:00Z'], // EST, UTC−5
      ['2026-03-09T13:00:00Z', '2026-03-09T14:00:00Z'], // EDT, UTC−4
    ]);
  });

  test('a weekly 09:00 New York meeting stays at 09:00 local across the DST end on 1 November 2026', async () => {
    const { url, adapter } = load();
    const busy = labelled(await busyOf(adapter, url, range('2026-10-25T00:00:00Z', '2026-11-03T00:00:00Z')), 'Weekly sync');
    assert.deepEqual(busy.map((b) => b.start), ['2026-10-26T13:00:00Z', '2026-11-02T14:00:00Z']);
  });

  test('a weekly 10:00 Berlin stand-up stays at 10:00 local across the DST start on 29 March 2026', async () => {
    const { url, adapter } = load();
    const busy = labelled(await busyOf(adapter, url, range('2026-03-23T00:00:00Z', '2026-04-02T00:00:00Z')), 'Berlin stand-up');
    assert.deepEqual(busy.map((b) => [b.start, b.end]), [
      ['2026-03-25T09:00:00Z', '2026-03-25T09:15:00Z'], // CET, UTC+1
      ['2026-04-01T08:00:00Z', '2026-04-01T08:15:00Z'], // CEST, UTC+2
    ]);
  });

  test('COUNT ends a rule: the 52nd Wednesday is the last', async () => {
    const { url, adapter } = load();
    const busy = labelled(await busyOf(adapter, url, range('2027-02-20T00:00:00Z', '2027-03-20T00:00:00Z')), 'Berlin stand-up');
    assert.deepEqual(busy.map((b) => b.start), ['2027-02-24T09:00:00Z']);
  });

  test('an all-day event is busy for the whole local days, marked allDay', async () => {
    const { url, adapter } = load();
    // 12–13 March in New York (X-WR-TIMEZONE): midnight EDT is 04:00Z.
    const [offsite] = labelled(await busyOf(adapter, url, WEEK), 'Offsite');
    assert.deepEqual(offsite, { start: '2026-03-12T04:00:00Z', end: '2026-03-14T04:00:00Z', status: 'busy', allDay: true, label: 'Offsite' });
  });

  test('a transparent event comes back as free and does not block', async () => {
    const { url, adapter } = load();
    const busy = await adapter.getBusy(WEEK, [url]);
    const focus = busy.find((b) => b.label === 'Focus block');
    assert.equal(focus?.status, 'free');
    assert.deepEqual(findConflicts(range('2026-03-11T17:30:00Z', '2026-03-11T18:00:00Z'), busy), []);
  });

  test('LF line endings read the same as CRLF', async () => {
    const lf = new TextDecoder().decode(fixture('icloud-export.ics')).replace(/\r\n/g, '\n');
    const crlf = load();
    const { url } = serve(lf);
    assert.deepEqual(await busyOf(feedOf(url), url, WEEK), await busyOf(crlf.adapter, crlf.url, WEEK));
  });
});

// ---------------------------------------------------------------------------
// Google

describe('ICS feed: a Google Calendar export', () => {
  const load = () => {
    const { url } = serve(fixture('google-export.ics'));
    return { url, adapter: feedOf(url) };
  };
  const LUNCH = 'Lunch with Sam at the ramen place on 5th St, bring the vouchers 🍜 and the slides';

  test('the week of 9 March 2026, exactly', async () => {
    const { url, adapter } = load();
    assert.deepEqual(await busyOf(adapter, url, WEEK), [
      { start: '2026-03-09T17:00:00Z', end: '2026-03-09T17:15:00Z', status: 'busy', label: 'Standup' },
      { start: '2026-03-10T17:00:00Z', end: '2026-03-10T17:15:00Z', status: 'busy', label: 'Standup' },
      { start: '2026-03-10T20:00:00Z', end: '2026-03-10T21:00:00Z', status: 'busy', label: LUNCH },
      { start: '2026-03-12T16:30:00Z', end: '2026-03-12T17:00:00Z', status: 'tentative', label: '1:1 with Priya' },
      { start: '2026-03-12T17:00:00Z', end: '2026-03-12T17:15:00Z', status: 'busy', label: 'Standup' },
      { start: '2026-03-13T07:00:00Z', end: '2026-03-14T07:00:00Z', status: 'free', allDay: true, label: 'Spring break' },
      { start: '2026-03-13T17:00:00Z', end: '2026-03-13T17:15:00Z', status: 'busy', label: 'Standup' },
    ]);
  });

  test('a daily stand-up at 10:00 Los Angeles moves from 18:00Z to 17:00Z with DST', async () => {
    const { url, adapter } = load();
    const busy = labelled(await busyOf(adapter, url, range('2026-03-06T00:00:00Z', '2026-03-10T00:00:00Z')), 'Standup');
    assert.deepEqual(busy.map((b) => b.start), ['2026-03-06T18:00:00Z', '2026-03-09T17:00:00Z']);
  });

  test('UNTIL is inclusive and ends the rule', async () => {
    const { url, adapter } = load();
    const busy = await busyOf(adapter, url, range('2026-03-13T00:00:00Z', '2026-03-21T00:00:00Z'));
    assert.deepEqual(labelled(busy, 'Standup').map((b) => b.start), ['2026-03-13T17:00:00Z']);
  });

  test('an instance cancelled with RECURRENCE-ID and STATUS:CANCELLED is gone', async () => {
    const { url, adapter } = load();
    assert.deepEqual(await busyOf(adapter, url, range('2026-03-11T00:00:00Z', '2026-03-12T00:00:00Z')), []);
  });

  test('STATUS:TENTATIVE is tentative', async () => {
    const { url, adapter } = load();
    const [priya] = labelled(await busyOf(adapter, url, WEEK), '1:1 with Priya');
    assert.equal(priya?.status, 'tentative');
  });

  test('a fold that splits an emoji’s UTF-8 bytes is joined before decoding', async () => {
    const { url, adapter } = load();
    const labels = (await busyOf(adapter, url, WEEK)).map((b) => b.label ?? '');
    assert.ok(labels.includes(LUNCH));
    assert.ok(labels.every((l) => !l.includes('\uFFFD')), 'no replacement characters');
  });

  test('lists the calendar by X-WR-CALNAME and X-WR-TIMEZONE', async () => {
    const { url, adapter } = load();
    assert.deepEqual(await adapter.listCalendars(), [{ id: url, name: 'alice@acme.example', primary: true, writable: false, timeZone: 'America/Los_Angeles' }]);
  });
});

// ---------------------------------------------------------------------------
// Outlook / Exchange

describe('ICS feed: an Outlook (Exchange 2010) export', () => {
  const load = (opts: Partial<IcsFeedOptions> = {}) => {
    const { url } = serve(fixture('outlook-export.ics'));
    return { url, adapter: feedOf(url, opts) };
  };

  test('the week of 9 March 2026, exactly (floating dates in UTC: the feed names no zone)', async () => {
    const { url, adapter } = load();
    assert.deepEqual(await busyOf(adapter, url, WEEK), [
      { start: '2026-03-09T15:00:00Z', end: '2026-03-09T16:00:00Z', status: 'busy', label: 'London sync' },
      { start: '2026-03-10T16:00:00Z', end: '2026-03-10T17:30:00Z', status: 'busy', label: 'Quarterly planning' },
      { start: '2026-03-10T21:00:00Z', end: '2026-03-10T21:30:00Z', status: 'busy', label: 'Team sync' },
      { start: '2026-03-11T14:30:00Z', end: '2026-03-11T15:30:00Z', status: 'busy', label: 'Call with Bengaluru team' },
      { start: '2026-03-11T15:00:00Z', end: '2026-03-11T15:45:00Z', status: 'tentative', label: 'Vendor call (maybe)' },
      { start: '2026-03-12T06:00:00Z', end: '2026-03-12T07:00:00Z', status: 'free', label: 'Gym' },
      { start: '2026-03-12T10:00:00Z', end: '2026-03-12T11:00:00Z', status: 'busy', label: 'Budget review' },
      { start: '2026-03-13T00:00:00Z', end: '2026-03-14T00:00:00Z', status: 'oof', allDay: true, label: 'Vacation' },
    ]);
  });

  test('Windows zone names are read as IANA zones, quoted or not, with or without a VTIMEZONE', async () => {
    const { url, adapter } = load();
    const busy = await busyOf(adapter, url, WEEK);
    const startOf = (label: string) => labelled(busy, label)[0]?.start;
    assert.equal(startOf('Quarterly planning'), '2026-03-10T16:00:00Z', 'Pacific Standard Time (PDT) with its VTIMEZONE');
    assert.equal(startOf('Vendor call (maybe)'), '2026-03-11T15:00:00Z', '"Pacific Standard Time", quoted');
    assert.equal(startOf('Call with Bengaluru team'), '2026-03-11T14:30:00Z', '"India Standard Time" with no VTIMEZONE');
    assert.equal(startOf('Gym'), '2026-03-12T06:00:00Z', 'W. Europe Standard Time with no VTIMEZONE');
  });

  test('X-MICROSOFT-CDO-BUSYSTATUS: OOF is oof, TENTATIVE is tentative, FREE is free', async () => {
    const { url, adapter } = load();
    const busy = await busyOf(adapter, url, WEEK);
    const statusOf = (label: string) => labelled(busy, label)[0]?.status;
    assert.equal(statusOf('Vacation'), 'oof');
    assert.equal(statusOf('Vendor call (maybe)'), 'tentative');
    assert.equal(statusOf('Gym'), 'free');
    assert.equal(statusOf('Quarterly planning'), 'busy');
  });

  test('DURATION instead of DTEND gives the length', async () => {
    const { url, adapter } = load();
    const [call] = labelled(await busyOf(adapter, url, WEEK), 'Vendor call (maybe)');
    assert.deepEqual([call?.start, call?.end], ['2026-03-11T15:00:00Z', '2026-03-11T15:45:00Z']);
  });

  test('a zone only the feed defines (Outlook’s “Customized Time Zone”) follows its VTIMEZONE rules', async () => {
    const { url, adapter } = load();
    // Its rules are London's: UTC+0 until the last Sunday of March, then UTC+1.
    const busy = labelled(await busyOf(adapter, url, range('2026-03-09T00:00:00Z', '2026-04-30T00:00:00Z')), 'London sync');
    assert.deepEqual(busy.map((b) => b.start), [
      '2026-03-09T15:00:00Z',
      '2026-03-16T15:00:00Z',
      '2026-03-23T15:00:00Z',
      '2026-03-30T14:00:00Z',
      '2026-04-06T14:00:00Z',
      '2026-04-13T14:00:00Z',
    ]);
  });

  test('a tzone://Microsoft/Custom zone with no definition falls back to the calendar’s zone, and is reported', async () => {
    const problems: FeedProblem[] = [];
    const plain = load({ onProblem: (p) => problems.push(p) });
    assert.equal(labelled(await busyOf(plain.adapter, plain.url, WEEK), 'Budget review')[0]?.start, '2026-03-12T10:00:00Z');
    assert.deepEqual(problems.map((p) => p.kind), ['zone-unknown']);
    assert.match(problems[0]!.message, /tzone:\/\/Microsoft\/Custom/);

    const pacific = load({ timeZone: 'Pacific Standard Time' });
    assert.equal(labelled(await busyOf(pacific.adapter, pacific.url, WEEK), 'Budget review')[0]?.start, '2026-03-12T17:00:00Z');
  });

  test('all-day dates are read in the timeZone option when the feed has no X-WR-TIMEZONE', async () => {
    const { url, adapter } = load({ timeZone: 'America/Chicago' });
    const [vacation] = labelled(await busyOf(adapter, url, WEEK), 'Vacation');
    assert.deepEqual([vacation?.start, vacation?.end], ['2026-03-13T05:00:00Z', '2026-03-14T05:00:00Z']);
    assert.equal((await adapter.listCalendars())[0]?.timeZone, 'America/Chicago');
  });

  test('lists the calendar by X-WR-CALNAME, with no zone of its own', async () => {
    const { url, adapter } = load();
    assert.deepEqual(await adapter.listCalendars(), [{ id: url, name: 'Calendar', primary: true, writable: false }]);
  });
});

// ---------------------------------------------------------------------------
// What real feeds get wrong, and what RFC 5545 leaves implicit

describe('ICS feed: real-world shapes', () => {
  test('an IANA TZID without a VTIMEZONE is placed with Temporal', async () => {
    const { url } = serve(calendar(vevent('UID:a', 'DTSTART;TZID=Europe/Berlin:20260330T090000', 'DTEND;TZID=Europe/Berlin:20260330T100000', 'SUMMARY:After DST')));
    assert.deepEqual(await busyOf(feedOf(url), url, range('2026-03-30T00:00:00Z', '2026-03-31T00:00:00Z')), [
      { start: '2026-03-30T07:00:00Z', end: '2026-03-30T08:00:00Z', status: 'busy', label: 'After DST' },
    ]);
  });

  test('floating times are read in X-WR-TIMEZONE', async () => {
    const { url } = serve(calendar('X-WR-TIMEZONE:Asia/Tokyo', vevent('UID:a', 'DTSTART:20260310T090000', 'DTEND:20260310T100000', 'SUMMARY:Tokyo')));
    assert.deepEqual(await busyOf(feedOf(url), url, WEEK), [{ start: '2026-03-10T00:00:00Z', end: '2026-03-10T01:00:00Z', status: 'busy', label: 'Tokyo' }]);
  });

  test('without X-WR-TIMEZONE or a timeZone option, floating dates are read in the feed’s only VTIMEZONE, else UTC', async () => {
    const berlin = [
      'BEGIN:VTIMEZONE', 'TZID:Europe/Berlin',
      'BEGIN:STANDARD', 'DTSTART:19961027T030000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'END:STANDARD',
      'BEGIN:DAYLIGHT', 'DTSTART:19810329T020000', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'END:DAYLIGHT',
      'END:VTIMEZONE',
    ].join('\r\n');
    const holiday = vevent('UID:h', 'DTSTART;VALUE=DATE:20260310', 'DTEND;VALUE=DATE:20260311', 'SUMMARY:Holiday');
    const one = serve(calendar(berlin, holiday));
    assert.deepEqual((await busyOf(feedOf(one.url), one.url, WEEK)).map((b) => [b.start, b.end]), [['2026-03-09T23:00:00Z', '2026-03-10T23:00:00Z']]);
    const none = serve(calendar(holiday));
    assert.deepEqual((await busyOf(feedOf(none.url), none.url, WEEK)).map((b) => [b.start, b.end]), [['2026-03-10T00:00:00Z', '2026-03-11T00:00:00Z']]);
  });

  test('no DTEND: a date lasts one day; a date-time lasts no time and blocks nothing', async () => {
    const { url } = serve(
      calendar(
        'X-WR-TIMEZONE:UTC',
        vevent('UID:d', 'DTSTART;VALUE=DATE:20260310', 'SUMMARY:A day'),
        vevent('UID:t', 'DTSTART:20260311T090000Z', 'SUMMARY:A reminder'),
      ),
    );
    assert.deepEqual(await busyOf(feedOf(url), url, WEEK), [
      { start: '2026-03-10T00:00:00Z', end: '2026-03-11T00:00:00Z', status: 'busy', allDay: true, label: 'A day' },
    ]);
  });

  test('producer quirks are repaired: a bare date without VALUE=DATE, an unquoted zone with a colon, a Mozilla zone path', async () => {
    const { url } = serve(
      calendar(
        'X-WR-TIMEZONE:UTC',
        vevent('UID:1', 'DTSTART:20260310', 'DTEND:20260311', 'SUMMARY:Bare date'),
        vevent('UID:2', 'DTSTART;TZID=/mozilla.org/20050126_1/America/New_York:20260311T090000', 'DURATION:PT30M', 'SUMMARY:Sunbird'),
        vevent('UID:3', 'DTSTART;TZID=(UTC+01:00) Amsterdam, Berlin, Bern:20260312T090000', 'DURATION:PT30M', 'SUMMARY:Display name'),
      ),
    );
    const problems: FeedProblem[] = [];
    const busy = await busyOf(feedOf(url, { onProblem: (p) => problems.push(p) }), url, WEEK);
    assert.deepEqual(busy, [
      { start: '2026-03-10T00:00:00Z', end: '2026-03-11T00:00:00Z', status: 'busy', allDay: true, label: 'Bare date' },
      { start: '2026-03-11T13:00:00Z', end: '2026-03-11T13:30:00Z', status: 'busy', label: 'Sunbird' },
      // A display name is no zone anyone defines: read in the calendar's zone, and reported.
      { start: '2026-03-12T09:00:00Z', end: '2026-03-12T09:30:00Z', status: 'busy', label: 'Display name' },
    ]);
    assert.deepEqual(problems.map((p) => [p.kind, p.uid]), [['zone-unknown', '3']]);
  });

  test('an EXDATE written without a zone is read in the zone of DTSTART', async () => {
    const { url } = serve(
      calendar(
        'X-WR-TIMEZONE:UTC',
        vevent('UID:e', 'DTSTART;TZID=America/New_York:20260309T090000', 'DTEND;TZID=America/New_York:20260309T093000', 'RRULE:FREQ=DAILY;COUNT=3', 'EXDATE:20260310T090000', 'SUMMARY:Daily'),
      ),
    );
    const busy = await busyOf(feedOf(url), url, WEEK);
    assert.deepEqual(busy.map((b) => b.start), ['2026-03-09T13:00:00Z', '2026-03-11T13:00:00Z']);
  });

  test('RDATE adds instances and a PERIOD carries its own length', async () => {
    const { url } = serve(
      calendar(
        vevent(
          'UID:r',
          'DTSTART:20260309T100000Z',
          'DTEND:20260309T110000Z',
          'RDATE:20260311T100000Z,20260313T100000Z',
          'RDATE;VALUE=PERIOD:20260314T100000Z/PT2H',
          'SUMMARY:Clinic',
        ),
      ),
    );
    const busy = await busyOf(feedOf(url), url, WEEK);
    assert.deepEqual(busy.map((b) => [b.start, b.end]), [
      ['2026-03-09T10:00:00Z', '2026-03-09T11:00:00Z'],
      ['2026-03-11T10:00:00Z', '2026-03-11T11:00:00Z'],
      ['2026-03-13T10:00:00Z', '2026-03-13T11:00:00Z'],
      ['2026-03-14T10:00:00Z', '2026-03-14T12:00:00Z'],
    ]);
  });

  test('a nominal DURATION of one day follows the wall clock across DST (23 hours that day)', async () => {
    const { url } = serve(calendar(vevent('UID:n', 'DTSTART;TZID=America/New_York:20260307T120000', 'DURATION:P1D', 'SUMMARY:Retreat')));
    const [retreat] = await busyOf(feedOf(url), url, range('2026-03-07T00:00:00Z', '2026-03-09T00:00:00Z'));
    assert.deepEqual([retreat?.start, retreat?.end], ['2026-03-07T17:00:00Z', '2026-03-08T16:00:00Z']);
  });

  test('an event that cannot be read is skipped and reported; the rest of the feed is used', async () => {
    const { url } = serve(
      calendar(
        vevent('UID:good', 'DTSTART:20260310T090000Z', 'DTEND:20260310T100000Z', 'SUMMARY:Good'),
        vevent('UID:bad', 'DTSTART:2026-03-10', 'DTEND:20260310T100000Z', 'SUMMARY:Bad date'),
        vevent('UID:bad-exdate', 'DTSTART:20260311T090000Z', 'DTEND:20260311T100000Z', 'EXDATE:notadate', 'SUMMARY:Kept'),
      ),
    );
    const problems: FeedProblem[] = [];
    const busy = await busyOf(feedOf(url, { onProblem: (p) => problems.push(p) }), url, WEEK);
    assert.deepEqual(busy.map((b) => b.label), ['Good', 'Kept']);
    assert.deepEqual(problems.map((p) => [p.kind, p.uid]), [['event-skipped', 'bad'], ['line-dropped', 'bad-exdate']]);
  });

  test('an unchanged feed reports its problems once, not on every call', async () => {
    const { url } = serve(calendar(vevent('UID:bad', 'DTSTART:nope', 'SUMMARY:x')));
    const problems: FeedProblem[] = [];
    const adapter = feedOf(url, { onProblem: (p) => problems.push(p) });
    await adapter.getBusy(WEEK, [url]);
    await adapter.getBusy(WEEK, [url]);
    await adapter.listCalendars();
    assert.equal(problems.length, 1);
  });

  test('a charset other than UTF-8 is decoded as the server says', async () => {
    const latin1 = Uint8Array.from([...calendar(vevent('UID:c', 'DTSTART:20260310T090000Z', 'DTEND:20260310T100000Z', 'SUMMARY:Caf\u00e9'))].map((c) => c.charCodeAt(0)));
    const { url } = serve(latin1, { headers: { 'content-type': 'text/calendar; charset=ISO-8859-1' } });
    assert.equal((await busyOf(feedOf(url), url, WEEK))[0]?.label, 'Café');
  });
});

// ---------------------------------------------------------------------------
// A hostile feed

describe('ICS feed: a hostile feed', () => {
  const load = (opts: Partial<IcsFeedOptions> = {}) => {
    const { url } = serve(fixture('hostile.ics'));
    return { url, adapter: feedOf(url, opts) };
  };

  test('markup and injection attempts come back as labels, as the raw text', async () => {
    const { url, adapter } = load();
    const busy = await busyOf(adapter, url, WEEK);
    const single = busy.filter((b) => !/since 1990/.test(b.label ?? ''));
    assert.deepEqual(single, [
      { start: '2026-03-10T12:00:00Z', end: '2026-03-10T13:00:00Z', status: 'busy', label: "<script>alert('pwned')</script><b onmouseover=alert(1)>Team lunch</b>" },
      {
        start: '2026-03-11T12:00:00Z',
        end: '2026-03-11T13:00:00Z',
        status: 'busy',
        label: 'Standup\\r\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART:20260312T000000Z\nDTEND:20260313T000000Z\nSUMMARY:Injected all-day block',
      },
      { start: '2026-03-12T15:00:00Z', end: '2026-03-12T16:00:00Z', status: 'busy', label: 'Invoice \u202Efdp.exe' },
    ]);
    assert.ok(!busy.some((b) => b.label === 'Injected all-day block'), 'the injected event does not exist');
    assert.equal((await adapter.listCalendars())[0]?.name, '<img src=x onerror="alert(document.cookie)">');
  });

  test('endless, huge and impossible rules finish fast and are bounded', async () => {
    const problems: FeedProblem[] = [];
    const { url, adapter } = load({ onProblem: (p) => problems.push(p) });
    const started = performance.now();
    const busy = await busyOf(adapter, url, WEEK);
    // A hang detector, not a benchmark: the bounded work takes well under a second here.
    assert.ok(performance.now() - started < 5000);
    const daily = labelled(busy, 'Every day since 1990');
    assert.deepEqual(daily.map((b) => b.start), ['09', '10', '11', '12', '13', '14', '15'].map((d) => `2026-03-${d}T09:00:00Z`), 'fast-forwarded to the range');
    assert.equal(labelled(busy, 'Every minute since 1990').length, 5000, 'at most 5,000 instances per event');
    assert.equal(labelled(busy, 'Hourly, two billion times').length, 0, 'a COUNT rule is expanded from its start, within its step budget');
    assert.equal(labelled(busy, 'The 30th of February').length, 0);
    const kinds = problems.map((p) => `${p.kind} ${p.uid ?? ''}`.trim()).sort();
    assert.deepEqual(kinds, [
      'event-skipped bad-rule@evil.example',
      'event-skipped unterminated@evil.example',
      'line-dropped',
      'recurrence-truncated every-minute@evil.example',
      'recurrence-truncated huge-count@evil.example',
      'recurrence-truncated impossible@evil.example',
    ]);
  });

  test('the bounds are options', async () => {
    const { url, adapter } = load({ limits: { maxOccurrencesPerEvent: 10 } });
    assert.equal(labelled(await busyOf(adapter, url, WEEK), 'Every minute since 1990').length, 10);
  });
});

// ---------------------------------------------------------------------------
// HTTP

describe('ICS feed: fetching', () => {
  const small = calendar('X-WR-CALNAME:Small', vevent('UID:s', 'DTSTART:20260310T090000Z', 'DTEND:20260310T100000Z', 'SUMMARY:One'));

  /** Serves answers in turn (the last one repeats) and records each request. */
  function sequence(...answers: Array<(request: Request) => Response | Promise<Response>>) {
    const url = freshUrl('seq');
    const requests: Request[] = [];
    server.use(
      http.get(url, ({ request }) => {
        requests.push(request);
        return answers[Math.min(requests.length, answers.length) - 1]!(request);
      }),
    );
    return { url, requests };
  }
  const ok = (body: string, headers: Record<string, string> = {}) => () => new HttpResponse(body, { headers: { ...ICS_HEADERS, ...headers } });
  const status = (code: number, body = '') => () => new HttpResponse(body, { status: code });

  test('a webcal:// URL is fetched over https:// and keeps its own spelling as the calendar id', async () => {
    const https = freshUrl('webcal');
    const webcal = https.replace(/^https:/, 'webcal:');
    let hits = 0;
    server.use(http.get(https, () => (hits++, new HttpResponse(small, { headers: ICS_HEADERS }))));
    const adapter = feedOf(webcal);
    assert.equal((await adapter.listCalendars())[0]?.id, webcal);
    assert.equal((await adapter.getBusy(WEEK, [webcal])).length, 1);
    assert.equal((await adapter.getBusy(WEEK, [https])).length, 1, 'the https form names the same calendar');
    assert.equal(hits, 1);
  });

  test('a fresh feed comes from the cache: paging week by week costs one request', async () => {
    const { url, requests } = serve(small);
    const adapter = feedOf(url);
    await adapter.listCalendars();
    for (let week = 0; week < 4; week++) {
      const start = Date.parse(WEEK.start) + week * 7 * 86_400_000;
      await adapter.getBusy(range(new Date(start).toISOString(), new Date(start + 7 * 86_400_000).toISOString()), [url]);
    }
    assert.equal(requests.length, 1);
  });

  test('calls made while a request is out share it', async () => {
    const { url, requests } = serve(small);
    const adapter = feedOf(url);
    await Promise.all([adapter.getBusy(WEEK, [url]), adapter.getBusy(WEEK, [url]), adapter.listCalendars()]);
    assert.equal(requests.length, 1);
  });

  test('after cacheMs the feed is revalidated with If-None-Match, and a 304 is not parsed again', async () => {
    let now = 0;
    const { url, requests } = sequence(ok(small, { etag: '"v1"' }), (request) =>
      request.headers.get('if-none-match') === '"v1"' ? new HttpResponse(null, { status: 304, headers: { etag: '"v1"' } }) : ok('<html>wrong</html>')(),
    );
    const adapter = icsFeedCalendar({ url, cacheMs: 60_000 }, { ...instant, now: () => now });
    const first = await adapter.getBusy(WEEK, [url]);
    now = 59_999;
    await adapter.getBusy(WEEK, [url]);
    assert.equal(requests.length, 1, 'still fresh');
    now = 60_000;
    // A 304 has no body: parsing it again would fail as "not a calendar".
    assert.deepEqual(await adapter.getBusy(WEEK, [url]), first);
    assert.equal(requests.length, 2);
    assert.equal(requests[1]!.headers.get('if-none-match'), '"v1"');
    now = 90_000;
    await adapter.getBusy(WEEK, [url]);
    assert.equal(requests.length, 2, 'a 304 makes the copy fresh again');
  });

  test('a changed feed is read again once the cache expires', async () => {
    let now = 0;
    const changed = small.replace('SUMMARY:One', 'SUMMARY:Two');
    const { url, requests } = sequence(ok(small, { etag: '"v1"' }), ok(changed, { etag: '"v2"' }));
    const adapter = icsFeedCalendar({ url, cacheMs: 1000 }, { ...instant, now: () => now });
    assert.equal((await adapter.getBusy(WEEK, [url]))[0]?.label, 'One');
    now = 1000;
    assert.equal((await adapter.getBusy(WEEK, [url]))[0]?.label, 'Two');
    assert.equal(requests.length, 2);
  });

  test('Last-Modified is sent back as If-Modified-Since', async () => {
    const lastModified = 'Tue, 10 Mar 2026 09:00:00 GMT';
    const { url, requests } = sequence(ok(small, { 'last-modified': lastModified }), () => new HttpResponse(null, { status: 304 }));
    const adapter = feedOf(url, { cacheMs: 0 });
    await adapter.getBusy(WEEK, [url]);
    assert.equal((await adapter.getBusy(WEEK, [url])).length, 1);
    assert.equal(requests[1]!.headers.get('if-modified-since'), lastModified);
  });

  test('a revalidation that fails is reported, not hidden behind the old copy', async () => {
    const { url } = sequence(ok(small, { etag: '"v1"' }), status(500));
    const adapter = feedOf(url, { cacheMs: 0, retry: { retries: 0 } });
    await adapter.getBusy(WEEK, [url]);
    await assert.rejects(adapter.getBusy(WEEK, [url]), isSchedulerError('provider-unavailable'));
  });

  test('404 is not-found', async () => {
    const { url } = sequence(status(404));
    await assert.rejects(feedOf(url).listCalendars(), isSchedulerError('not-found'));
  });

  test('401 and 403 are provider-auth', async () => {
    for (const code of [401, 403]) {
      const { url } = sequence(status(code));
      await assert.rejects(feedOf(url).getBusy(WEEK, [url]), isSchedulerError('provider-auth'));
    }
  });

  test('500 is provider-unavailable, after the retries', async () => {
    const { url, requests } = sequence(status(500, 'oops'));
    await assert.rejects(feedOf(url).getBusy(WEEK, [url]), (e: unknown) => {
      assert.ok(e instanceof SchedulerError && e.code === 'provider-unavailable');
      assert.equal((e.details as { status?: number }).status, 500);
      return true;
    });
    assert.equal(requests.length, 4, 'the first attempt and three retries');
  });

  test('a 503 with Retry-After, then a good answer: retried and served', async () => {
    const waits: number[] = [];
    const { url, requests } = sequence(() => new HttpResponse('', { status: 503, headers: { 'retry-after': '2' } }), ok(small));
    const adapter = icsFeedCalendar({ url }, { sleep: async (ms) => void waits.push(ms) });
    assert.equal((await adapter.getBusy(WEEK, [url])).length, 1);
    assert.equal(requests.length, 2);
    assert.deepEqual(waits, [2000]);
  });

  test('an HTML page instead of a calendar is provider-unavailable, with what came back in its details', async () => {
    const { url, requests } = sequence(() => new HttpResponse('<!doctype html><html><body>Sign in</body></html>', { headers: { 'content-type': 'text/html' } }));
    await assert.rejects(feedOf(url).getBusy(WEEK, [url]), (e: unknown) => {
      assert.ok(e instanceof SchedulerError && e.code === 'provider-unavailable');
      const details = e.details as { reason?: string; contentType?: string; bodyStart?: string };
      assert.equal(details.reason, 'not-a-calendar');
      assert.equal(details.contentType, 'text/html');
      assert.match(details.bodyStart ?? '', /Sign in/);
      return true;
    });
    assert.equal(requests.length, 1, 'not retried');
  });

  test('an abort while the request is out rejects with network', async () => {
    const { url } = sequence(async () => {
      await delay(2000);
      return ok(small)();
    });
    const controller = new AbortController();
    const pending = feedOf(url).getBusy(WEEK, [url], { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user left')), 20);
    await assert.rejects(pending, (e: unknown) => {
      assert.ok(e instanceof SchedulerError && e.code === 'network');
      assert.equal((e.details as { aborted?: boolean }).aborted, true);
      return true;
    });
  });

  test('a feed that does not answer within timeoutMs is a network error', async () => {
    const { url } = sequence(async () => {
      await delay(1000);
      return ok(small)();
    });
    const adapter = feedOf(url, { timeoutMs: 30, retry: { retries: 0 } });
    await assert.rejects(adapter.getBusy(WEEK, [url]), (e: unknown) => {
      assert.ok(e instanceof SchedulerError && e.code === 'network');
      assert.equal((e.details as { timeout?: boolean }).timeout, true);
      return true;
    });
  });

  test('a fetch that ignores its signal still times out', async () => {
    const url = freshUrl('stuck');
    const stuck: typeof fetch = () => new Promise<Response>(() => {});
    const adapter = icsFeedCalendar({ url, fetch: stuck, timeoutMs: 30, retry: { retries: 0 } }, instant);
    await assert.rejects(adapter.listCalendars(), isSchedulerError('network'));
  });

  test('a failed connection is a network error', async () => {
    const { url } = sequence(() => HttpResponse.error());
    await assert.rejects(feedOf(url, { retry: { retries: 1 } }).getBusy(WEEK, [url]), isSchedulerError('network'));
  });

  test('errors name the host, never the secret path of the feed', async () => {
    const url = 'https://p52-caldav.icloud.example/published/2/SECRET-TOKEN-123';
    server.use(http.get(url, () => new HttpResponse('', { status: 404 })));
    await assert.rejects(feedOf(url).listCalendars(), (e: unknown) => {
      assert.ok(e instanceof SchedulerError);
      const text = JSON.stringify(e.toJSON()) + e.message;
      assert.ok(!text.includes('SECRET-TOKEN-123'));
      assert.equal((e.details as { host?: string }).host, 'p52-caldav.icloud.example');
      return true;
    });
  });

  test('a feed larger than maxBytes is refused', async () => {
    const { url } = serve(small);
    await assert.rejects(feedOf(url, { maxBytes: 100 }).getBusy(WEEK, [url]), (e: unknown) => {
      assert.ok(e instanceof SchedulerError && e.code === 'provider-unavailable');
      assert.equal((e.details as { reason?: string }).reason, 'too-large');
      return true;
    });
  });

  test('the host’s headers are sent (a private feed’s credentials); no bearer token is invented', async () => {
    const { url, requests } = serve(small);
    await feedOf(url, { headers: { authorization: 'Basic YWxpY2U6czNjcmV0' } }).listCalendars();
    assert.equal(requests[0]!.headers.get('authorization'), 'Basic YWxpY2U6czNjcmV0');
    const plain = serve(small);
    await feedOf(plain.url).listCalendars();
    assert.equal(plain.requests[0]!.headers.get('authorization'), null);
    assert.match(plain.requests[0]!.headers.get('accept') ?? '', /text\/calendar/);
  });

  test('the name falls back to the name option, then to the host', async () => {
    const nameless = calendar(vevent('UID:s', 'DTSTART:20260310T090000Z', 'SUMMARY:x'));
    const named = serve(nameless);
    assert.equal((await feedOf(named.url, { name: 'Family' }).listCalendars())[0]?.name, 'Family');
    const bare = serve(nameless);
    assert.equal((await feedOf(bare.url).listCalendars())[0]?.name, 'calendar.example');
  });

  test('another calendar id is not-found, and no calendars ask nothing', async () => {
    const { url, requests } = serve(small);
    const adapter = feedOf(url);
    await assert.rejects(adapter.getBusy(WEEK, ['primary']), (e: unknown) => {
      assert.ok(e instanceof SchedulerError && e.code === 'not-found');
      assert.deepEqual((e.details as { calendarIds?: string[] }).calendarIds, ['primary']);
      return true;
    });
    assert.deepEqual(await adapter.getBusy(WEEK, []), []);
    assert.equal(requests.length, 0);
  });

  test('a bad range, URL or zone is invalid-input', async () => {
    const { url } = serve(small);
    const adapter = feedOf(url);
    await assert.rejects(adapter.getBusy(range('2026-03-16T00:00:00Z', '2026-03-09T00:00:00Z'), [url]), isSchedulerError('invalid-input'));
    await assert.rejects(adapter.getBusy(range('next monday', '2026-03-09T00:00:00Z'), [url]), isSchedulerError('invalid-input'));
    assert.throws(() => icsFeedCalendar({ url: 'ftp://calendar.example/x.ics' }), isSchedulerError('invalid-input'));
    assert.throws(() => icsFeedCalendar({ url: 'not a url' }), isSchedulerError('invalid-input'));
    assert.throws(() => icsFeedCalendar({ url, timeZone: 'Mars/Olympus' }), isSchedulerError('invalid-input'));
  });

  test('an aborted signal rejects even when the feed is cached', async () => {
    const { url } = serve(small);
    const adapter = feedOf(url);
    await adapter.getBusy(WEEK, [url]);
    await assert.rejects(adapter.getBusy(WEEK, [url], { signal: AbortSignal.abort() }), isSchedulerError('network'));
  });
});

// ---------------------------------------------------------------------------
// Wall clock → instant

describe('ICS feed: wall-clock time to instant', () => {
  const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Santiago', 'Pacific/Chatham', 'Europe/London'];

  test('agrees with Temporal’s “compatible” reading, gaps and repeated hours included', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.record({
          year: fc.integer({ min: 1975, max: 2040 }),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 28 }),
          hour: fc.integer({ min: 0, max: 23 }),
          minute: fc.constantFrom(0, 15, 30, 45, 59),
          second: fc.constant(0),
        }),
        (zone, wall) => {
          const expected = Temporal.PlainDateTime.from(wall).toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
          assert.equal(ianaZone(zone).toEpochMs(wall), expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('a skipped time moves forward and a repeated one takes the earlier instant (New York, 2026)', () => {
    const ny = ianaZone('America/New_York');
    const at = (month: number, day: number, hour: number, minute: number) =>
      new Date(ny.toEpochMs({ year: 2026, month, day, hour, minute, second: 0 })).toISOString();
    assert.equal(at(3, 8, 2, 30), '2026-03-08T07:30:00.000Z'); // 02:30 does not exist: 03:30 EDT
    assert.equal(at(11, 1, 1, 30), '2026-11-01T05:30:00.000Z'); // 01:30 happens twice: the EDT one
  });
});
