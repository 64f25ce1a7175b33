/**
 * Hostile text in every field `toICS` writes: read back with ical.js, the calendar
 * always holds exactly one VEVENT with exactly the expected properties, and each
 * payload comes back as the text it was (control characters aside), never as a
 * property, parameter or component of its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { addToCalendarLinks, reduceMeeting, toICS } from '@meeting-scheduler/core';
import type { ICSMethod, Interval, Meeting, MeetingEvent, Participant, ThreadInfo } from '@meeting-scheduler/core';
import { ALL_PAYLOADS, CRLF_PAYLOADS, XSS_PAYLOADS } from '../fixtures/xss-payloads.ts';

const SLOT: Interval = { start: '2026-03-10T13:00:00Z', end: '2026-03-10T13:30:00Z' };
const LATER: Interval = { start: '2026-03-11T13:00:00Z', end: '2026-03-11T13:30:00Z' };
const JOIN = 'https://meet.google.com/abc-defg-hij';
const CRLF = '\r\n';

function threadOf(aliceName: string, bobName: string): ThreadInfo {
  const people: Participant[] = [
    { id: 'alice', name: aliceName, timeZone: 'America/New_York', email: 'alice@example.com' },
    { id: 'bob', name: bobName, timeZone: 'Asia/Kolkata', email: 'bob@example.com' },
  ];
  return { id: 't1', currentUserId: 'alice', participants: people };
}

const at = (minute: number) => `2026-03-01T12:${String(minute).padStart(2, '0')}:00Z`;

function proposed(title: string, message: string, joinUrl: string | undefined = JOIN): MeetingEvent {
  return {
    type: 'proposed', id: 'p', meetingId: 'm1', by: 'alice', at: at(0), threadId: 't1',
    invitees: ['bob'], options: [SLOT], durationMinutes: 30, title, message, ...(joinUrl ? { joinUrl } : {}),
  };
}
const accepted: MeetingEvent = { type: 'accepted', id: 'a', meetingId: 'm1', by: 'bob', at: at(1), sequence: 0, option: SLOT };

/** Every state whose ICS carries free text, with `text` in each text field and in both names. */
function scenarios(text: string): Array<{ what: string; method: ICSMethod; meeting: Meeting; thread: ThreadInfo; comment?: string }> {
  const thread = threadOf(text, `Bob ${text}`);
  const base = [proposed(text, text), accepted];
  return [
    { what: 'confirmed REQUEST', method: 'REQUEST', meeting: reduceMeeting(base, thread), thread },
    { what: 'confirmed PUBLISH', method: 'PUBLISH', meeting: reduceMeeting(base, thread), thread },
    { what: 'accepted REPLY', method: 'REPLY', meeting: reduceMeeting(base, thread), thread },
    {
      what: 'cancelled with a reason',
      method: 'CANCEL',
      meeting: reduceMeeting([...base, { type: 'cancelled', id: 'c', meetingId: 'm1', by: 'alice', at: at(2), sequence: 1, reason: text }], thread),
      thread,
      comment: text,
    },
    {
      what: 'declined with a reason',
      method: 'REPLY',
      meeting: reduceMeeting([proposed(text, text), { type: 'declined', id: 'd', meetingId: 'm1', by: 'bob', at: at(2), sequence: 0, reason: text }], thread),
      thread,
      comment: text,
    },
    {
      what: 'countered with a message',
      method: 'COUNTER',
      meeting: reduceMeeting([proposed(text, text), { type: 'countered', id: 'k', meetingId: 'm1', by: 'bob', at: at(2), sequence: 0, options: [LATER], message: text }], thread),
      thread,
      comment: text,
    },
  ];
}

/** What toICS keeps of free text: newlines as LF, no other controls but TAB, no lone surrogates. */
function cleaned(value: string): string {
  let out = '';
  for (const ch of value.replace(/\r\n?/g, '\n')) {
    const cp = ch.codePointAt(0) ?? 0;
    const dropped = (cp < 0x20 && cp !== 0x09 && cp !== 0x0a) || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0xd800 && cp <= 0xdfff);
    if (!dropped) out += ch;
  }
  return out;
}

/**
 * What a parameter (CN) keeps, as ical.js reads it: no quotes, newlines and tabs as spaces,
 * trimmed. ical.js also reads backslash escapes in parameter values as it does in TEXT
 * (`\;` → `;`, `\n` → line break), which RFC 5545 does not define for parameters: that is
 * how this reader displays a backslash in a name, never a new parameter or line.
 */
const cleanedParam = (value: string) =>
  cleaned(value)
    .replace(/[\n\t]/g, ' ')
    .replaceAll('"', '')
    .trim()
    .replace(/\\([\\;,nN])/g, (_, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch));

function assertWellFolded(text: string, what: string): void {
  assert.ok(text.endsWith(CRLF), `${what}: ends with CRLF`);
  for (const line of text.split(CRLF).slice(0, -1)) {
    assert.ok(!line.includes('\r') && !line.includes('\n'), `${what}: bare CR or LF in ${JSON.stringify(line)}`);
    const bytes = Buffer.from(line, 'utf8');
    assert.ok(bytes.length <= 75, `${what}: ${bytes.length} octets in ${JSON.stringify(line)}`);
    assert.equal(new TextDecoder('utf-8', { fatal: true }).decode(bytes), line, `${what}: a fold split a character`);
  }
}

/** Names of the content lines that start a property (folds undone). */
function propertyNames(text: string): string[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split(CRLF)
    .slice(0, -1)
    .map((l) => /^[A-Za-z0-9-]+/.exec(l)?.[0] ?? `<${l}>`);
}

/** The one VCALENDAR with its one VEVENT, or a failed assertion. */
function readCalendar(text: string, what: string) {
  const jcal = ICAL.parse(text) as unknown[];
  // ical.js returns a list of components when the text holds more than one.
  assert.equal(jcal[0], 'vcalendar', `${what}: exactly one VCALENDAR`);
  const calendar = new ICAL.Component(jcal);
  assert.deepEqual(calendar.getAllSubcomponents().map((c) => c.name), ['vevent'], `${what}: exactly one component, a VEVENT`);
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  assert.deepEqual(vevent.getAllSubcomponents(), [], `${what}: nothing inside the VEVENT`);
  return { calendar, vevent };
}

const sorted = (names: string[]) => [...names].sort();

function expectedEventProperties(method: ICSMethod, hasComment: boolean, attendees: number): string[] {
  const names = ['uid', 'dtstamp', 'dtstart', 'dtend', 'sequence', 'status', 'summary', 'description', 'location', 'url', 'organizer'];
  if (hasComment) names.push('comment');
  for (let i = 0; i < attendees; i++) names.push('attendee');
  return names;
}

test(`no payload in title, message, reasons or names adds a property, parameter or component (${ALL_PAYLOADS.length} payloads × 6 messages)`, () => {
  for (const { id, text } of ALL_PAYLOADS) {
    for (const s of scenarios(text)) {
      const what = `${id} / ${s.what}`;
      const ics = toICS(s.meeting, { method: s.method, participants: s.thread.participants });
      assertWellFolded(ics, what);
      const { calendar, vevent } = readCalendar(ics, what);
      assert.deepEqual(sorted(calendar.getAllProperties().map((p) => p.name)), ['calscale', 'method', 'prodid', 'version'], what);
      assert.equal(calendar.getFirstPropertyValue('method'), s.method, what);
      const attendees = s.method === 'PUBLISH' ? 0 : 1;
      assert.deepEqual(sorted(vevent.getAllProperties().map((p) => p.name)), sorted(expectedEventProperties(s.method, s.comment !== undefined, attendees)), what);
      // The raw text agrees: the same lines, in the same places, for a reader that is not ical.js.
      const names = propertyNames(ics);
      assert.equal(names.filter((n) => n === 'BEGIN').length, 2, what);
      assert.equal(names.filter((n) => n === 'END').length, 2, what);

      const summary = cleaned(text);
      assert.equal(vevent.getFirstPropertyValue('summary'), /\S/u.test(summary) ? summary : 'Meeting', `${what}: SUMMARY`);
      assert.equal(vevent.getFirstPropertyValue('description'), `${cleaned(text)}\n${JOIN}`, `${what}: DESCRIPTION`);
      assert.equal(vevent.getFirstPropertyValue('location'), JOIN, `${what}: LOCATION`);
      assert.equal(vevent.getFirstPropertyValue('url'), JOIN, `${what}: URL`);
      if (s.comment !== undefined) assert.equal(vevent.getFirstPropertyValue('comment'), cleaned(s.comment), `${what}: COMMENT`);
      assert.equal(vevent.getFirstPropertyValue('uid'), 'm1@meeting-scheduler', what);

      const organizer = vevent.getFirstProperty('organizer')!;
      assert.equal(organizer.getFirstValue(), 'mailto:alice@example.com', `${what}: ORGANIZER address`);
      const organizerName = cleanedParam(text);
      assert.equal(organizer.getParameter('cn'), organizerName === '' ? undefined : organizerName, `${what}: ORGANIZER CN`);
      assert.deepEqual(sorted(Object.keys(organizer.toJSON()[1] as object)), organizerName === '' ? [] : ['cn'], `${what}: ORGANIZER parameters`);
      for (const attendee of vevent.getAllProperties('attendee')) {
        assert.equal(attendee.getFirstValue(), 'mailto:bob@example.com', `${what}: ATTENDEE address`);
        assert.equal(attendee.getParameter('cn'), cleanedParam(`Bob ${text}`), `${what}: ATTENDEE CN`);
        const params = sorted(Object.keys(attendee.toJSON()[1] as object));
        assert.deepEqual(params, s.method === 'REQUEST' ? ['cn', 'partstat', 'role', 'rsvp'] : ['cn', 'partstat', 'role'], `${what}: ATTENDEE parameters`);
      }
    }
  }
});

test('payloads in the meeting id, the product id and attendee e-mails cannot add a line either', () => {
  const thread = threadOf('Alice', 'Bob');
  const confirmed = reduceMeeting([proposed('Title', 'Message'), accepted], thread);
  for (const { id, text } of ALL_PAYLOADS) {
    const meeting: Meeting = { ...confirmed, id: text };
    const ics = toICS(meeting, {
      method: 'REQUEST',
      prodId: text,
      participants: thread.participants,
      attendeeEmails: { bob: `bob@example.com${text}`, alice: text },
    });
    assertWellFolded(ics, id);
    const { calendar, vevent } = readCalendar(ics, id);
    assert.deepEqual(sorted(calendar.getAllProperties().map((p) => p.name)), ['calscale', 'method', 'prodid', 'version'], id);
    assert.equal(calendar.getFirstPropertyValue('prodid'), cleaned(text), `${id}: PRODID`);
    assert.equal(vevent.getFirstPropertyValue('uid'), cleaned(`${text}@meeting-scheduler`), `${id}: UID`);
    const properties = vevent.getAllProperties().map((p) => p.name);
    assert.equal(properties.filter((n) => n === 'uid').length, 1, id);
    assert.ok(properties.filter((n) => n === 'attendee').length <= 1, `${id}: at most Bob`);
    assert.ok(properties.filter((n) => n === 'organizer').length <= 1, `${id}: at most one organizer`);
    for (const p of vevent.getAllProperties()) {
      if (p.name === 'attendee' || p.name === 'organizer') {
        const address = String(p.getFirstValue());
        assert.match(address, /^mailto:[^\s"<>]+$/u, `${id}: ${p.name} is one mailto: address`);
      }
    }
    assert.ok(!properties.includes('comment') && !properties.includes('attach') && !properties.includes('x-evil'), id);
  }
});

test('a name with ^n, ^\' or ^^ reads back unchanged: ^ is written ^^ (RFC 6868)', () => {
  const name = "Bob^nSmith ^'quoted^' ^^ x^";
  const thread = threadOf('Alice', name);
  const ics = toICS(reduceMeeting([proposed('t', 'm'), accepted], thread), { method: 'REQUEST', participants: thread.participants });
  assert.match(ics.replace(/\r\n[ \t]/g, ''), /ATTENDEE;CN=Bob\^\^nSmith \^\^'quoted\^\^' \^\^\^\^ x\^\^;/);
  const attendee = readCalendar(ics, name).vevent.getFirstProperty('attendee')!;
  assert.equal(attendee.getParameter('cn'), name);
});

test('every CRLF payload in the title stays inside SUMMARY and reads back as the same text', () => {
  for (const { id, text } of CRLF_PAYLOADS) {
    const thread = threadOf('Alice', 'Bob');
    const ics = toICS(reduceMeeting([proposed(text, 'm'), accepted], thread), { method: 'REQUEST', participants: thread.participants });
    const summaryLines = ics.replace(/\r\n[ \t]/g, '').split(CRLF).filter((l) => l.startsWith('SUMMARY'));
    assert.equal(summaryLines.length, 1, id);
    assert.ok(!/\r|\n/.test(summaryLines[0]!), id);
    assert.equal(readCalendar(ics, id).vevent.getFirstPropertyValue('summary'), cleaned(text), id);
  }
});

test('long hostile multi-byte text folds at 75 octets without splitting a character, and unfolds to the same text', () => {
  const pieces = ['😀👩‍👩‍👧‍👦', '日本語のテキスト', 'e\u0301', '\u202E', 'ÄÖÜß', ';,\\', '\r\n', ...XSS_PAYLOADS.slice(0, 20).map((p) => p.text)];
  for (let offset = 0; offset < 40; offset++) {
    // Shift the text by a byte each time so every character meets a fold boundary somewhere.
    const title = `${'x'.repeat(offset)}${pieces.join(' ')}`.slice(0, 200);
    const message = pieces.join('').repeat(3);
    const thread = threadOf(`${'Ä'.repeat(offset)}${pieces[0]}`, pieces[1]!);
    const ics = toICS(reduceMeeting([proposed(title, message), accepted], thread), { method: 'REQUEST', participants: thread.participants });
    assertWellFolded(ics, `offset ${offset}`);
    const { vevent } = readCalendar(ics, `offset ${offset}`);
    assert.equal(vevent.getFirstPropertyValue('summary'), cleaned(title));
    assert.equal(vevent.getFirstPropertyValue('description'), `${cleaned(message)}\n${JOIN}`);
  }
});

test('the .ics of Add to calendar is the same safe calendar, and the other links only carry payloads encoded', () => {
  for (const { id, text } of ALL_PAYLOADS) {
    const thread = threadOf(text, 'Bob');
    const meeting = reduceMeeting([proposed(text, text), accepted], thread);
    const links = addToCalendarLinks(meeting, { participants: thread.participants });
    assert.ok(links.ics.startsWith('data:text/calendar;charset=utf-8,'), id);
    const ics = decodeURIComponent(links.ics.slice('data:text/calendar;charset=utf-8,'.length));
    const { vevent } = readCalendar(ics, id);
    assert.equal(vevent.getAllProperties('attendee').length, 0, `${id}: PUBLISH has no attendees`);
    for (const link of [links.google, links.outlook, links.office365]) {
      assert.match(link, /^https:\/\/(calendar\.google\.com|outlook\.live\.com|outlook\.office\.com)\//, id);
      assert.doesNotMatch(link, /[\s"'<>`\\]/u, `${id}: nothing raw that could leave an attribute`);
      const query = new URL(link).searchParams;
      assert.equal(query.get('text') ?? query.get('subject'), /\S/u.test(cleaned(text)) ? cleaned(text) : 'Meeting', `${id}: the title round-trips`);
    }
  }
});
