import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { SchedulerError, toICS } from '@meeting-scheduler/core';
import type { ICSMethod, ICSOptions, Interval, Meeting, MeetingEvent, Participant } from '@meeting-scheduler/core';

// ---------------------------------------------------------------------------
// A small local factory: meetings in the states the fold produces, built by hand.

const SLOT_A: Interval = { start: '2026-03-10T13:00:00Z', end: '2026-03-10T13:30:00Z' };
const SLOT_B: Interval = { start: '2026-03-11T09:00:00Z', end: '2026-03-11T09:30:00Z' };
const SLOT_C: Interval = { start: '2026-03-12T16:00:00Z', end: '2026-03-12T16:30:00Z' };

const ann: Participant = { id: 'ann', name: 'Ann Organizer', timeZone: 'Europe/Berlin', email: 'ann@example.com' };
const bob: Participant = { id: 'bob', name: 'Bob Invitee', timeZone: 'Asia/Kolkata', email: 'bob@example.com' };
const cat: Participant = { id: 'cat', name: 'Cat', timeZone: 'America/New_York', email: 'cat@example.com' };
const participants = [ann, bob, cat];

function proposedMeeting(options: Interval[] = [SLOT_A], extra: Partial<Meeting> = {}): Meeting {
  return {
    id: 'm-1',
    threadId: 't-1',
    organizerId: 'ann',
    attendeeIds: ['bob'],
    guestIds: [],
    status: 'proposed',
    sequence: 0,
    options,
    durationMinutes: 30,
    awaiting: ['bob'],
    responses: { ann: 'accepted', bob: 'needs-action' },
    title: 'Design review',
    history: [
      {
        type: 'proposed',
        id: 'e-1',
        meetingId: 'm-1',
        by: 'ann',
        at: '2026-03-01T09:00:00Z',
        threadId: 't-1',
        invitees: ['bob'],
        options,
        durationMinutes: 30,
        title: 'Design review',
      },
    ],
    ...extra,
  };
}

/** The meeting after `event`, with `changes` applied and the fold's sequence bumped. */
function after(meeting: Meeting, event: MeetingEvent, changes: Partial<Meeting> = {}): Meeting {
  return { ...meeting, ...changes, sequence: meeting.sequence + 1, history: [...meeting.history, event] };
}

function withoutConfirmed(meeting: Meeting): Meeting {
  const { confirmed: _dropped, ...rest } = meeting;
  return rest;
}

function accept(meeting: Meeting, by: string, option: Interval, at = '2026-03-02T10:00:00Z'): Meeting {
  const event: MeetingEvent = { type: 'accepted', id: `e-${meeting.history.length + 1}`, meetingId: meeting.id, by, at, sequence: meeting.sequence, option };
  return after(meeting, event, {
    status: 'confirmed',
    confirmed: option,
    options: [option],
    awaiting: [],
    responses: { ...meeting.responses, [by]: 'accepted' },
  });
}

function decline(meeting: Meeting, by: string, reason?: string, at = '2026-03-02T11:00:00Z'): Meeting {
  const event: MeetingEvent = {
    type: 'declined',
    id: `e-${meeting.history.length + 1}`,
    meetingId: meeting.id,
    by,
    at,
    sequence: meeting.sequence,
    ...(reason !== undefined ? { reason } : {}),
  };
  return after(meeting, event, {
    status: 'declined',
    awaiting: [],
    responses: { ...meeting.responses, [by]: 'declined' },
    ...(reason !== undefined ? { reason } : {}),
  });
}

function reschedule(meeting: Meeting, by: string, options: Interval[], reason?: string, at = '2026-03-03T08:00:00Z'): Meeting {
  const event: MeetingEvent = {
    type: 'rescheduled',
    id: `e-${meeting.history.length + 1}`,
    meetingId: meeting.id,
    by,
    at,
    sequence: meeting.sequence,
    options,
    ...(reason !== undefined ? { reason } : {}),
  };
  return after(withoutConfirmed(meeting), event, {
    status: 'proposed',
    options,
    ...(meeting.confirmed !== undefined ? { previous: meeting.confirmed } : {}),
    awaiting: meeting.attendeeIds.filter((id) => id !== by),
    responses: { ...Object.fromEntries(Object.keys(meeting.responses).map((id) => [id, 'needs-action' as const])), [by]: 'accepted' },
    ...(reason !== undefined ? { reason } : {}),
  });
}

function counter(meeting: Meeting, by: string, options: Interval[], message?: string, at = '2026-03-02T12:00:00Z'): Meeting {
  const event: MeetingEvent = {
    type: 'countered',
    id: `e-${meeting.history.length + 1}`,
    meetingId: meeting.id,
    by,
    at,
    sequence: meeting.sequence,
    options,
    ...(message !== undefined ? { message } : {}),
  };
  return after(meeting, event, { options, awaiting: [meeting.organizerId] });
}

function cancel(meeting: Meeting, by: string, reason?: string, at = '2026-03-04T08:00:00Z'): Meeting {
  const event: MeetingEvent = {
    type: 'cancelled',
    id: `e-${meeting.history.length + 1}`,
    meetingId: meeting.id,
    by,
    at,
    sequence: meeting.sequence,
    ...(reason !== undefined ? { reason } : {}),
  };
  return after(meeting, event, { status: 'cancelled', awaiting: [], ...(reason !== undefined ? { reason } : {}) });
}

const confirmed = () => accept(proposedMeeting(), 'bob', SLOT_A);

// ---------------------------------------------------------------------------
// Reading the output.

const CRLF = '\r\n';

function ics(meeting: Meeting, method: ICSMethod, extra: Partial<ICSOptions> = {}): string {
  return toICS(meeting, { method, participants, ...extra });
}

/** Logical content lines: folds undone, no trailing empty line. */
function contentLines(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split(CRLF).slice(0, -1);
}

/** Values of every content line named `name` (parameters included, before the `:`). */
function lines(text: string, name: string): string[] {
  return contentLines(text).filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
}

function value(text: string, name: string): string | undefined {
  const line = lines(text, name)[0];
  return line === undefined ? undefined : line.slice(line.indexOf(':', name.length) + 1);
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent('vevent');
  assert.ok(vevent, 'one VEVENT');
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

function assertWellFolded(text: string): void {
  assert.ok(text.endsWith(CRLF), 'the last line ends with CRLF');
  const physical = text.split(CRLF).slice(0, -1);
  for (const line of physical) {
    assert.ok(!line.includes('\r') && !line.includes('\n'), `no bare CR or LF in ${JSON.stringify(line)}`);
    const bytes = Buffer.from(line, 'utf8');
    assert.ok(bytes.length <= 75, `${bytes.length} octets: ${JSON.stringify(line)}`);
    // Each physical line is valid UTF-8 on its own: no character was cut by a fold.
    assert.equal(new TextDecoder('utf-8', { fatal: true }).decode(bytes), line);
  }
}

/** What toICS keeps of free text: newlines as LF, no other controls but TAB, no lone surrogates. */
function cleaned(value: string): string {
  let out = '';
  const normalized = value.replace(/\r\n?/g, '\n');
  for (const ch of normalized) {
    const cp = ch.codePointAt(0) ?? 0;
    const control = cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
    const surrogate = cp >= 0xd800 && cp <= 0xdfff;
    if (cp === 0x09 || cp === 0x0a || (!control && !surrogate)) out += ch;
  }
  return out;
}

function escaped(value: string): string {
  return cleaned(value).replace(/[\\;,\n]/g, (ch) => (ch === '\n' ? '\\n' : `\\${ch}`));
}

// ---------------------------------------------------------------------------
// Line format and folding.

test('every line ends with CRLF and no line exceeds 75 octets, whatever the method', () => {
  const long = 'A very long meeting title that goes on and on, with; punctuation\\ and more '.repeat(5);
  const meeting = { ...confirmed(), title: long, message: long, joinUrl: `https://meet.example.com/${'x'.repeat(200)}` };
  for (const method of ['REQUEST', 'PUBLISH', 'REPLY', 'CANCEL'] as const) {
    const text = ics(method === 'CANCEL' ? cancel(meeting, 'ann', long) : meeting, method);
    assertWellFolded(text);
    assert.ok(text.startsWith(`BEGIN:VCALENDAR${CRLF}VERSION:2.0${CRLF}`));
    assert.ok(text.endsWith(`END:VEVENT${CRLF}END:VCALENDAR${CRLF}`));
  }
});

test('the calendar names its product, the Gregorian calendar and the method', () => {
  const text = ics(confirmed(), 'REQUEST');
  assert.equal(value(text, 'PRODID'), '-//meeting-scheduler//core//EN');
  assert.equal(value(text, 'CALSCALE'), 'GREGORIAN');
  assert.equal(value(text, 'METHOD'), 'REQUEST');
  assert.equal(value(ics(confirmed(), 'REQUEST', { prodId: '-//Acme//Chat//EN' }), 'PRODID'), '-//Acme//Chat//EN');
  assert.equal(lines(text, 'BEGIN').filter((l) => l === 'BEGIN:VEVENT').length, 1);
});

test('a long ASCII title folds at 75 octets and unfolds to exactly the title', () => {
  const title = 'Quarterly planning '.repeat(20).trim();
  const text = ics({ ...confirmed(), title }, 'REQUEST');
  assertWellFolded(text);
  const physical = text.split(CRLF);
  const start = physical.findIndex((l) => l.startsWith('SUMMARY:'));
  assert.equal(Buffer.byteLength(physical[start] ?? ''), 75, 'the first line is filled to 75 octets');
  assert.ok(physical[start + 1]?.startsWith(' '), 'a continuation starts with one space');
  assert.ok(!physical[start + 1]?.startsWith('  '), 'only one space is added');
  assert.equal(value(text, 'SUMMARY'), title);
});

test('folding emoji, CJK and combining text never splits a UTF-8 character', () => {
  const samples = [
    '👩‍👩‍👧‍👦 family time 🎉🎉🎉 '.repeat(12),
    '会議の議題について話し合いましょう。'.repeat(10),
    'e\u0301a\u0300o\u0302u\u0308'.repeat(40),
    'Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359\u035a\u035b\u035c\u035d\u035e\u035f\u0360\u0361\u0362\u0363\u0364\u0365\u0366\u0367\u0368\u0369\u036a\u036b\u036c\u036d\u036e\u036f\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309'.repeat(3),
    '𝕳𝖊𝖑𝖑𝖔 𐍈 '.repeat(30),
    `${'x'.repeat(70)}€€€€€€${'😀'.repeat(30)}`,
  ];
  for (const title of samples) {
    for (let shift = 0; shift < 4; shift++) {
      const shifted = 'a'.repeat(shift) + title;
      const text = ics({ ...confirmed(), title: shifted, message: shifted }, 'REQUEST');
      assertWellFolded(text);
      const unfolded = Buffer.from(value(text, 'SUMMARY') ?? '', 'utf8');
      assert.ok(unfolded.equals(Buffer.from(escaped(shifted), 'utf8')), 'SUMMARY unfolds byte-exact');
      assert.equal(value(text, 'DESCRIPTION'), escaped(shifted));
      assert.equal(parse(text).event.summary, shifted);
    }
  }
});

test('folds fall between grapheme clusters when a cluster fits on a line', () => {
  const title = '👩‍👩‍👧‍👦'.repeat(20) + 'e\u0301'.repeat(60);
  const text = ics({ ...confirmed(), title }, 'REQUEST');
  const physical = text.split(CRLF);
  const first = physical.findIndex((l) => l.startsWith('SUMMARY:'));
  const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
  let joined = physical[first] ?? '';
  const boundaries: number[] = [];
  for (const line of physical.slice(first + 1)) {
    if (!line.startsWith(' ')) break;
    boundaries.push(joined.length);
    joined += line.slice(1);
  }
  assert.ok(boundaries.length > 1);
  const clusterStarts = new Set([...segmenter.segment(joined)].map((s) => s.index));
  for (const at of boundaries) assert.ok(clusterStarts.has(at), `fold at ${at} is a grapheme boundary`);
});

test('any Unicode text folds into valid UTF-8 lines that unfold to the escaped text', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (title) => {
      const text = ics({ ...confirmed(), title: `x${title}` }, 'PUBLISH');
      assertWellFolded(text);
      assert.equal(value(text, 'SUMMARY'), escaped(`x${title}`));
    }),
    { numRuns: 300 },
  );
});

// ---------------------------------------------------------------------------
// Escaping and injection.

test('TEXT values escape backslash, semicolon, comma and every kind of newline', () => {
  const text = ics({ ...confirmed(), title: 'a\\b;c,d', message: 'one\ntwo\r\nthree\rfour\ttab' }, 'REQUEST');
  assert.equal(value(text, 'SUMMARY'), 'a\\\\b\\;c\\,d');
  assert.equal(value(text, 'DESCRIPTION'), 'one\\ntwo\\nthree\\nfour\ttab');
  const { event } = parse(text);
  assert.equal(event.summary, 'a\\b;c,d');
  assert.equal(event.description, 'one\ntwo\nthree\nfour\ttab');
});

test('control characters other than TAB and unpaired surrogates are dropped from text', () => {
  const text = ics({ ...confirmed(), title: 'bell\u0007 nul\u0000 del\u007f c1\u0085 lone\ud800 pair😀' }, 'REQUEST');
  assert.equal(value(text, 'SUMMARY'), 'bell nul del c1 lone pair😀');
});

const EVIL = 'x\r\nATTENDEE:mailto:evil@x';

test('CRLF injection in title, message, reason or names adds no content line', () => {
  const evilPeople = participants.map((p) => ({ ...p, name: `${p.name}${EVIL}` }));
  const base = { ...confirmed(), title: EVIL, message: `${EVIL}\rMETHOD:CANCEL\nEND:VEVENT` };
  const cases: Array<[ICSMethod, Meeting]> = [
    ['REQUEST', base],
    ['PUBLISH', base],
    ['CANCEL', cancel(base, 'bob', EVIL)],
    ['REPLY', decline(proposedMeeting([SLOT_A], { title: EVIL }), 'bob', EVIL)],
    ['COUNTER', counter(proposedMeeting([SLOT_A], { title: EVIL }), 'bob', [SLOT_B], EVIL)],
  ];
  for (const [method, meeting] of cases) {
    const text = toICS(meeting, { method, participants: evilPeople, attendeeEmails: { bob: `bob@example.com${EVIL}` } });
    assertWellFolded(text);
    const names = contentLines(text).map((l) => /^[A-Z-]+/.exec(l)?.[0]);
    const expectedAttendees = method === 'PUBLISH' ? 0 : 1;
    assert.equal(names.filter((n) => n === 'ATTENDEE').length, expectedAttendees, method);
    assert.equal(names.filter((n) => n === 'METHOD').length, 1, method);
    assert.equal(names.filter((n) => n === 'END').length, 2, method);
    assert.ok(!contentLines(text).some((l) => l.startsWith('ATTENDEE:mailto:evil')), method);
    const { vevent } = parse(text);
    assert.equal(vevent.getAllProperties('attendee').length, expectedAttendees, method);
    for (const attendee of vevent.getAllProperties('attendee')) {
      assert.ok(!String(attendee.getFirstValue()).includes('\n'));
    }
  }
});

test('quotes and control characters are removed from names; a name with : ; or , is quoted', () => {
  const people = [
    { ...ann, name: 'Smith, Ann: "Boss"; Esq.' },
    { ...bob, name: 'Bob\r\n"Quoted"' },
  ];
  const text = toICS(confirmed(), { method: 'REQUEST', participants: people });
  assert.equal(lines(text, 'ORGANIZER')[0], 'ORGANIZER;CN="Smith, Ann: Boss; Esq.":mailto:ann@example.com');
  assert.match(lines(text, 'ATTENDEE')[0] ?? '', /^ATTENDEE;CN=Bob Quoted;/);
  const { vevent } = parse(text);
  assert.equal(vevent.getFirstProperty('organizer')?.getParameter('cn'), 'Smith, Ann: Boss; Esq.');
});

// ---------------------------------------------------------------------------
// iTIP: identity, sequence, method, status, people.

test('the UID stays the same across reschedules, counters and the cancel', () => {
  const first = confirmed();
  const moved = accept(reschedule(first, 'ann', [SLOT_B], 'conflict'), 'bob', SLOT_B, '2026-03-03T09:00:00Z');
  const countered = counter(reschedule(moved, 'ann', [SLOT_C]), 'bob', [SLOT_A]);
  const uids = [
    value(ics(first, 'REQUEST'), 'UID'),
    value(ics(moved, 'REQUEST'), 'UID'),
    value(ics(countered, 'COUNTER'), 'UID'),
    value(ics(cancel(moved, 'bob'), 'CANCEL'), 'UID'),
  ];
  assert.deepEqual(uids, Array(4).fill('m-1@meeting-scheduler'));
  assert.equal(value(ics(proposedMeeting([SLOT_A], { id: 'a;b,c\r\nd' }), 'REQUEST'), 'UID'), 'a\\;b\\,c\\nd@meeting-scheduler');
});

test('SEQUENCE bumps on reschedule, counter and cancel, but not on accept', () => {
  const proposed = proposedMeeting();
  const accepted = accept(proposed, 'bob', SLOT_A);
  const rescheduled = reschedule(accepted, 'ann', [SLOT_B]);
  const reaccepted = accept(rescheduled, 'bob', SLOT_B, '2026-03-03T10:00:00Z');
  const countered = counter(reschedule(reaccepted, 'bob', [SLOT_C]), 'ann', [SLOT_A]);
  const cancelled = cancel(countered, 'ann', 'no longer needed');
  const seq = (m: Meeting, method: ICSMethod = 'PUBLISH') => value(ics(m, method), 'SEQUENCE');
  assert.equal(seq(proposed, 'REQUEST'), '0');
  assert.equal(seq(accepted), '0', 'accept does not bump');
  assert.equal(seq(accepted, 'REPLY'), '0', 'a reply echoes the request it answers');
  assert.equal(seq(rescheduled, 'REQUEST'), '1', 'reschedule bumps');
  assert.equal(seq(reaccepted), '1');
  assert.equal(seq(reaccepted, 'REPLY'), '1');
  assert.equal(seq(countered), '3', 'a second reschedule and a counter bump twice');
  assert.equal(seq(countered, 'COUNTER'), '2', 'a COUNTER echoes the request it counters');
  assert.equal(seq(cancelled, 'CANCEL'), '4', 'the cancel bumps');
  assert.equal(seq(cancelled), '4');
  assert.equal(seq(reaccepted, 'CANCEL'), '2', 'a CANCEL written before the cancel is folded bumps too');
});

test('a REQUEST invites every attendee with RSVP and says TENTATIVE while proposed', () => {
  const meeting = proposedMeeting([SLOT_A], {
    attendeeIds: ['bob', 'cat'],
    awaiting: ['bob', 'cat'],
    responses: { ann: 'accepted', bob: 'needs-action', cat: 'needs-action' },
  });
  const text = ics(meeting, 'REQUEST');
  assert.equal(value(text, 'METHOD'), 'REQUEST');
  assert.equal(value(text, 'STATUS'), 'TENTATIVE');
  assert.deepEqual(lines(text, 'ORGANIZER'), ['ORGANIZER;CN=Ann Organizer:mailto:ann@example.com']);
  assert.deepEqual(lines(text, 'ATTENDEE'), [
    'ATTENDEE;CN=Bob Invitee;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:bob@example.com',
    'ATTENDEE;CN=Cat;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:cat@example.com',
  ]);
  assert.equal(value(text, 'DTSTART'), '20260310T130000Z');
  assert.equal(value(text, 'DTEND'), '20260310T133000Z');
});

test('a confirmed meeting says CONFIRMED and each attendee PARTSTAT follows their answer', () => {
  let meeting = proposedMeeting([SLOT_A], {
    attendeeIds: ['bob', 'cat'],
    awaiting: ['bob', 'cat'],
    responses: { ann: 'accepted', bob: 'needs-action', cat: 'declined' },
  });
  meeting = accept(meeting, 'bob', SLOT_A);
  const text = ics(meeting, 'REQUEST');
  assert.equal(value(text, 'STATUS'), 'CONFIRMED');
  const { vevent } = parse(text);
  const partstats = vevent.getAllProperties('attendee').map((p) => [p.getFirstValue(), p.getParameter('partstat')]);
  assert.deepEqual(partstats, [
    ['mailto:bob@example.com', 'ACCEPTED'],
    ['mailto:cat@example.com', 'DECLINED'],
  ]);
});

test('a REPLY carries only the organizer and the attendee who answered', () => {
  const meeting = accept(
    proposedMeeting([SLOT_A, SLOT_B], {
      attendeeIds: ['bob', 'cat'],
      responses: { ann: 'accepted', bob: 'needs-action', cat: 'needs-action' },
    }),
    'cat',
    SLOT_B,
  );
  const text = ics(meeting, 'REPLY');
  assert.equal(value(text, 'METHOD'), 'REPLY');
  assert.equal(lines(text, 'ORGANIZER').length, 1);
  assert.deepEqual(lines(text, 'ATTENDEE'), [
    'ATTENDEE;CN=Cat;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:cat@example.com',
  ]);
  assert.equal(value(text, 'DTSTART'), '20260311T090000Z', 'the accepted option');

  const declined = decline(proposedMeeting([SLOT_A, SLOT_B]), 'bob', 'On holiday');
  const reply = ics(declined, 'REPLY');
  assert.match(lines(reply, 'ATTENDEE')[0] ?? '', /PARTSTAT=DECLINED:mailto:bob@example\.com$/);
  assert.equal(value(reply, 'COMMENT'), 'On holiday');
  assert.equal(value(reply, 'DTSTART'), '20260310T130000Z', 'a decline of several options names the first');
});

test('a COUNTER is sent by the last counterer with the first option of the counter', () => {
  const meeting = counter(proposedMeeting([SLOT_A]), 'bob', [SLOT_C, SLOT_B], 'Thursday works better');
  const text = ics(meeting, 'COUNTER');
  assert.equal(value(text, 'METHOD'), 'COUNTER');
  assert.equal(value(text, 'DTSTART'), '20260312T160000Z');
  assert.equal(value(text, 'DTEND'), '20260312T163000Z');
  assert.deepEqual(
    lines(text, 'ATTENDEE'),
    ['ATTENDEE;CN=Bob Invitee;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:bob@example.com'],
  );
  assert.equal(value(text, 'COMMENT'), 'Thursday works better');
});

test('a CANCEL says STATUS:CANCELLED with the reason, even for a never-confirmed meeting', () => {
  const cancelled = cancel(confirmed(), 'bob', 'Project postponed');
  const text = ics(cancelled, 'CANCEL');
  assert.equal(value(text, 'METHOD'), 'CANCEL');
  assert.equal(value(text, 'STATUS'), 'CANCELLED');
  assert.equal(value(text, 'COMMENT'), 'Project postponed');
  assert.equal(lines(text, 'ATTENDEE').length, 1);
  assert.equal(parse(text).vevent.getFirstPropertyValue('status'), 'CANCELLED');

  const neverConfirmed = cancel(proposedMeeting([SLOT_B, SLOT_A]), 'ann');
  const early = ics(neverConfirmed, 'CANCEL');
  assert.equal(value(early, 'STATUS'), 'CANCELLED');
  assert.equal(value(early, 'DTSTART'), '20260311T090000Z', 'the first option stands in');
  assert.equal(value(ics(cancelled, 'PUBLISH'), 'STATUS'), 'CANCELLED');
});

test('a PUBLISH has an organizer and no attendees', () => {
  const text = ics(confirmed(), 'PUBLISH');
  assert.equal(value(text, 'METHOD'), 'PUBLISH');
  assert.equal(lines(text, 'ORGANIZER').length, 1);
  assert.equal(lines(text, 'ATTENDEE').length, 0);
});

test('e-mails come from attendeeEmails first, then participants; people without one are left out', () => {
  const meeting = proposedMeeting([SLOT_A], { attendeeIds: ['bob', 'cat', 'dan', 'constructor'] });
  const text = toICS(meeting, {
    method: 'REQUEST',
    participants: [ann, bob, { ...cat, email: 'cat@old.example' }, { id: 'dan', name: 'Dan', timeZone: 'UTC' }],
    attendeeEmails: { cat: 'cat@new.example', ann: 'not-an-email' },
  });
  assert.deepEqual(
    lines(text, 'ATTENDEE').map((l) => l.slice(l.indexOf(':mailto:') + 1)),
    ['mailto:bob@example.com', 'mailto:cat@new.example'],
  );
  assert.deepEqual(
    lines(text, 'ORGANIZER'),
    ['ORGANIZER;CN=Ann Organizer:mailto:ann@example.com'],
    'an address without @ is no address: the participant e-mail stands in',
  );
  const noPeople = toICS(meeting, { method: 'REQUEST' });
  assert.equal(lines(noPeople, 'ATTENDEE').length + lines(noPeople, 'ORGANIZER').length, 0);
  const odd = toICS(meeting, {
    method: 'REQUEST',
    attendeeEmails: { bob: 'bob+team@example.com', cat: 'c"d?#@x.example', dan: 'dan@example.com\r\nATTENDEE:mailto:evil@x' },
  });
  assert.deepEqual(
    lines(odd, 'ATTENDEE').map((l) => l.slice(l.indexOf(':mailto:') + 1)),
    ['mailto:bob+team@example.com', 'mailto:c%22d%3F%23@x.example'],
    'a line break makes it no address at all',
  );
});

test('several options and no confirmed time must be narrowed down first', () => {
  const meeting = proposedMeeting([SLOT_A, SLOT_B]);
  for (const method of ['REQUEST', 'PUBLISH'] as const) {
    assert.throws(
      () => ics(meeting, method),
      (e: unknown) => e instanceof SchedulerError && e.code === 'invalid-input' && /pick a time/i.test(e.message),
    );
  }
  assert.throws(() => ics(proposedMeeting([]), 'REQUEST'), { code: 'invalid-input' });
  assert.throws(() => ics(meeting, 'REPLY'), { code: 'invalid-input' }, 'nothing to reply to yet');
  assert.throws(() => ics(meeting, 'COUNTER'), { code: 'invalid-input' }, 'nothing countered yet');
  assert.throws(() => ics(meeting, 'DELETE' as ICSMethod), { code: 'invalid-input' });
  assert.throws(() => ics({ ...meeting, options: [{ start: 'soon', end: 'later' }] }, 'REQUEST'), { code: 'invalid-input' });
});

test('DTSTAMP is the time of the last event, never the clock', () => {
  const meeting = cancel(confirmed(), 'ann', undefined, '2026-03-05T07:08:09.999Z');
  const first = ics(meeting, 'CANCEL');
  assert.equal(value(first, 'DTSTAMP'), '20260305T070809Z');
  assert.equal(ics(meeting, 'CANCEL'), first, 'the same meeting gives the same bytes');
});

test('a meeting without history (a guest view) is stamped with opts.dtstamp; the history wins when there is one', () => {
  const guestView: Meeting = { ...confirmed(), history: [] };
  assert.throws(() => ics(guestView, 'PUBLISH'), { code: 'invalid-input' });
  assert.equal(value(ics(guestView, 'PUBLISH', { dtstamp: '2026-03-09T10:11:12Z' }), 'DTSTAMP'), '20260309T101112Z');
  assert.equal(value(ics(confirmed(), 'PUBLISH', { dtstamp: '2026-03-09T10:11:12Z' }), 'DTSTAMP'), '20260302T100000Z');
  assert.throws(() => ics(guestView, 'PUBLISH', { dtstamp: 'yesterday' }), { code: 'invalid-input' });
});

test('the join URL is URL, LOCATION and the last line of DESCRIPTION; only https counts', () => {
  const joinUrl = 'https://meet.example.com/abc-defg-hij?pwd=1,2;3';
  const text = ics({ ...confirmed(), message: 'Agenda in the doc', joinUrl }, 'REQUEST');
  assert.equal(value(text, 'URL'), joinUrl);
  assert.equal(value(text, 'LOCATION'), 'https://meet.example.com/abc-defg-hij?pwd=1\\,2\\;3');
  const { event, vevent } = parse(text);
  assert.equal(event.description, `Agenda in the doc\n${joinUrl}`);
  assert.equal(event.location, joinUrl);
  assert.equal(vevent.getFirstPropertyValue('url'), joinUrl);
  for (const bad of ['javascript:alert(1)', 'http://meet.example.com', 'https://x y', 'data:text/html,hi']) {
    const unsafe = ics({ ...confirmed(), joinUrl: bad }, 'REQUEST');
    assert.equal(lines(unsafe, 'URL').length + lines(unsafe, 'LOCATION').length + lines(unsafe, 'DESCRIPTION').length, 0, bad);
  }
});

test('a meeting without a title is called Meeting', () => {
  const { title: _title, ...untitled } = confirmed();
  assert.equal(value(ics(untitled, 'REQUEST'), 'SUMMARY'), 'Meeting');
  assert.equal(value(ics({ ...untitled, title: ' \u0007 ' }, 'REQUEST'), 'SUMMARY'), 'Meeting');
});

test('the meeting given is not changed', () => {
  const meeting = cancel(counter(confirmed(), 'bob', [SLOT_B], 'later?'), 'ann', 'done');
  const before = structuredClone(meeting);
  for (const method of ['REQUEST', 'CANCEL', 'REPLY', 'COUNTER', 'PUBLISH'] as const) ics(meeting, method);
  assert.deepEqual(meeting, before);
});

// ---------------------------------------------------------------------------
// ical.js reads back what toICS wrote.

/** Any code point, plus the characters that matter most here: lone surrogates, newlines, escapes, controls. */
const nasty = fc.string({
  unit: fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.constantFrom('\ud800', '\udfff', '\r', '\n', '\r\n', '\\', ';', ',', ':', '"', '\t', '\u0000', '\u0085', '\u2028', '👩‍👩‍👧‍👦', 'e\u0301'),
  ),
  maxLength: 200,
});
const MINUTE = 60_000;
const startMs = fc.integer({ min: Date.parse('1970-01-01T00:00:00Z') / MINUTE, max: Date.parse('2199-12-31T00:00:00Z') / MINUTE }).map((m) => m * MINUTE);

test('ical.js reads back the same start, end, summary and description for any text (1,000 runs)', () => {
  fc.assert(
    fc.property(nasty, nasty, startMs, fc.integer({ min: 5, max: 24 * 60 }), fc.constantFrom<ICSMethod>('REQUEST', 'PUBLISH', 'CANCEL'), (title, message, start, minutes, method) => {
      const slot = { start: new Date(start).toISOString(), end: new Date(start + minutes * MINUTE).toISOString() };
      const meeting = accept(proposedMeeting([slot], { title, message }), 'bob', slot);
      const text = ics(meeting, method);
      const { event } = parse(text);
      const summary = cleaned(title);
      assert.equal(event.summary, /\S/u.test(summary) ? summary : 'Meeting');
      assert.equal(event.description ?? '', cleaned(message));
      assert.equal(event.startDate.toJSDate().getTime(), start);
      assert.equal(event.endDate.toJSDate().getTime(), start + minutes * MINUTE);
      assert.equal(event.uid, 'm-1@meeting-scheduler');
    }),
    { numRuns: 1000 },
  );
});
