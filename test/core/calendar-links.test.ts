import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { SchedulerError, addToCalendarLinks } from '@meeting-scheduler/core';
import type { Interval, Meeting, Participant } from '@meeting-scheduler/core';

const SLOT: Interval = { start: '2026-03-10T13:00:00Z', end: '2026-03-10T13:30:00Z' };

const participants: Participant[] = [
  { id: 'ann', name: 'Ann Organizer', timeZone: 'Europe/Berlin', email: 'ann@example.com' },
  { id: 'bob', name: 'Bob Invitee', timeZone: 'Asia/Kolkata', email: 'bob@example.com' },
];

/** A meeting Bob accepted, built by hand (the fold is not needed here). */
function confirmedMeeting(extra: Partial<Meeting> = {}): Meeting {
  return {
    id: 'm-1',
    threadId: 't-1',
    organizerId: 'ann',
    attendeeIds: ['bob'],
    guestIds: [],
    status: 'confirmed',
    sequence: 1,
    options: [SLOT],
    confirmed: SLOT,
    durationMinutes: 30,
    awaiting: [],
    responses: { ann: 'accepted', bob: 'accepted' },
    title: 'Design review',
    message: 'Bring the mockups',
    joinUrl: 'https://meet.example.com/abc-defg-hij',
    history: [
      {
        type: 'proposed',
        id: 'e-1',
        meetingId: 'm-1',
        by: 'ann',
        at: '2026-03-01T09:00:00Z',
        threadId: 't-1',
        invitees: ['bob'],
        options: [SLOT],
        durationMinutes: 30,
        title: 'Design review',
        message: 'Bring the mockups',
      },
      { type: 'accepted', id: 'e-2', meetingId: 'm-1', by: 'bob', at: '2026-03-02T10:00:00Z', sequence: 0, option: SLOT },
    ],
    ...extra,
  };
}

function params(link: string): Record<string, string> {
  return Object.fromEntries(new URL(link).searchParams);
}

test('the Google link has the UTC basic-format dates, title, details and location', () => {
  const { google } = addToCalendarLinks(confirmedMeeting());
  assert.ok(google.startsWith('https://calendar.google.com/calendar/render?action=TEMPLATE&'));
  assert.ok(google.includes('&dates=20260310T130000Z/20260310T133000Z&'));
  assert.deepEqual(params(google), {
    action: 'TEMPLATE',
    text: 'Design review',
    dates: '20260310T130000Z/20260310T133000Z',
    details: 'Bring the mockups\nhttps://meet.example.com/abc-defg-hij',
    location: 'https://meet.example.com/abc-defg-hij',
  });
});

test('the Outlook.com and Microsoft 365 links have ISO start and end', () => {
  const { outlook, office365 } = addToCalendarLinks(confirmedMeeting());
  assert.equal(new URL(outlook).origin + new URL(outlook).pathname, 'https://outlook.live.com/calendar/0/action/compose');
  assert.equal(new URL(office365).origin + new URL(office365).pathname, 'https://outlook.office.com/calendar/0/action/compose');
  const expected = {
    subject: 'Design review',
    startdt: '2026-03-10T13:00:00Z',
    enddt: '2026-03-10T13:30:00Z',
    body: 'Bring the mockups\nhttps://meet.example.com/abc-defg-hij',
    location: 'https://meet.example.com/abc-defg-hij',
    path: '/calendar/action/compose',
    rru: 'addevent',
  };
  assert.deepEqual(params(outlook), expected);
  assert.deepEqual(params(office365), expected);
  assert.ok(outlook.includes('&path=%2Fcalendar%2Faction%2Fcompose&rru=addevent'));
});

test('the .ics data URL decodes to a PUBLISH calendar with the meeting', () => {
  const { ics } = addToCalendarLinks(confirmedMeeting(), { participants });
  const prefix = 'data:text/calendar;charset=utf-8,';
  assert.ok(ics.startsWith(prefix));
  const text = decodeURIComponent(ics.slice(prefix.length));
  assert.ok(text.includes('\r\nMETHOD:PUBLISH\r\n'));
  const calendar = new ICAL.Component(ICAL.parse(text));
  assert.equal(calendar.getFirstPropertyValue('method'), 'PUBLISH');
  const vevent = calendar.getFirstSubcomponent('vevent');
  assert.ok(vevent);
  const event = new ICAL.Event(vevent);
  assert.equal(event.summary, 'Design review');
  assert.equal(event.startDate.toJSDate().toISOString(), '2026-03-10T13:00:00.000Z');
  assert.equal(event.endDate.toJSDate().toISOString(), '2026-03-10T13:30:00.000Z');
  assert.equal(vevent.getFirstPropertyValue('organizer'), 'mailto:ann@example.com');
  assert.equal(vevent.getAllProperties('attendee').length, 0);
});

test('a meeting without a confirmed time has no calendar links', () => {
  const { confirmed: _confirmed, ...unconfirmed } = confirmedMeeting();
  const states: Meeting[] = [
    { ...unconfirmed, status: 'proposed' },
    { ...unconfirmed, status: 'declined' },
    { ...confirmedMeeting(), status: 'cancelled' },
    { ...unconfirmed, status: 'confirmed' },
  ];
  for (const meeting of states) {
    assert.throws(
      () => addToCalendarLinks(meeting),
      (e: unknown) => e instanceof SchedulerError && e.code === 'invalid-input',
      meeting.status,
    );
  }
});

test('untrusted text with &, #, quotes and javascript: only appears URL-encoded', () => {
  const evil = 'Q&A #1 "launch" <b>\'x\'</b> javascript:alert(1)&dates=19700101T000000Z/19700101T000000Z#frag';
  const meeting = confirmedMeeting({ title: evil, message: evil, joinUrl: 'javascript:alert(document.cookie)' });
  const links = addToCalendarLinks(meeting);
  for (const [name, link] of Object.entries(links)) {
    const query = link.slice(name === 'ics' ? link.indexOf(',') + 1 : link.indexOf('?') + 1);
    for (const raw of ['"', '#', '<', "'", 'javascript:', ' ']) {
      assert.ok(!query.includes(raw), `${name} has no raw ${raw}`);
    }
  }
  assert.deepEqual(Object.keys(params(links.google)), ['action', 'text', 'dates', 'details']);
  assert.equal(params(links.google).text, evil);
  assert.equal(params(links.google).dates, '20260310T130000Z/20260310T133000Z');
  assert.equal(params(links.outlook).subject, evil);
  assert.equal(params(links.outlook).body, evil);
  assert.equal(params(links.outlook).location, undefined, 'a javascript: join URL is dropped');
  assert.ok(!decodeURIComponent(links.ics).includes('javascript:alert(document'));
});

test('any title and message round-trip through every link (property)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), (title, message) => {
      const links = addToCalendarLinks(confirmedMeeting({ title: `t${title}`, message: `m${message}` }));
      const keys = ['subject', 'startdt', 'enddt', 'body', 'location', 'path', 'rru'];
      assert.deepEqual(Object.keys(params(links.outlook)), keys);
      assert.deepEqual(Object.keys(params(links.google)), ['action', 'text', 'dates', 'details', 'location']);
      assert.equal(params(links.google).text?.startsWith('t'), true);
      assert.equal(params(links.outlook).body?.endsWith('\nhttps://meet.example.com/abc-defg-hij'), true);
    }),
    { numRuns: 300 },
  );
});

test('a lone surrogate or control character in the title cannot break the links', () => {
  const links = addToCalendarLinks(confirmedMeeting({ title: 'a\ud800b\u0000c\r\nd' }));
  assert.equal(params(links.google).text, 'abc\nd');
});

test('the meeting given is not changed', () => {
  const meeting = confirmedMeeting();
  const before = structuredClone(meeting);
  addToCalendarLinks(meeting, { participants });
  assert.deepEqual(meeting, before);
});
