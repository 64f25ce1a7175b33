/**
 * The HTTP API against the embedded store (one PGlite for the file; every test has
 * its own thread).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Meeting, MeetingEvent } from '@meeting-scheduler/core';
import { EVENT_SCHEMAS, createMeetingServer, type MeetingServer, type MeetingStore } from '@meeting-scheduler/server';
import {
  ALICE,
  BOB,
  CARA,
  GUEST_SECRET,
  accept,
  as,
  cancel,
  eventually,
  makeServer,
  newThread,
  proposal,
  reschedule,
  slot,
  uid,
  type ErrorEnvelope,
  type Proposed,
} from './helpers.ts';
import { testPglite } from './pglite.ts';

let store: MeetingStore;
let closeStore: () => Promise<void>;
let app: MeetingServer;
const notified: Array<{ event: MeetingEvent; recipients: string[] }> = [];

before(async () => {
  ({ store, close: closeStore } = await testPglite());
  app = makeServer(store, { notify: (event, recipients) => void notified.push({ event, recipients }) });
});
after(() => closeStore());

const alice = () => as(app, 'alice');
const bob = () => as(app, 'bob');

interface Appended {
  event: MeetingEvent;
  meeting: Meeting;
  position?: number;
}

async function proposed(extra: Partial<Proposed> = {}, people = [ALICE, BOB]): Promise<{ threadId: string; p: Proposed }> {
  const threadId = await newThread(store, people);
  const p = proposal(threadId, extra);
  assert.equal((await alice().append(threadId, p)).status, 201);
  return { threadId, p };
}

async function confirmed(): Promise<{ threadId: string; p: Proposed }> {
  const r = await proposed();
  assert.equal((await bob().append(r.threadId, accept(r.p, 0), 0)).status, 201);
  return r;
}

describe('threads and messages', () => {
  test('a participant sees their threads, as themselves, and nobody else sees them', async () => {
    const threadId = await newThread(store);
    const mine = await alice().get<Array<{ id: string; currentUserId: string }>>('/threads');
    assert.equal(mine.status, 200);
    assert.ok(mine.body.some((t) => t.id === threadId && t.currentUserId === 'alice'));
    const theirs = await as(app, 'mallory').get<unknown[]>('/threads');
    assert.deepEqual(theirs.body, []);
  });

  test('a participant gets the thread with every participant', async () => {
    const threadId = await newThread(store);
    const r = await bob().get(`/threads/${threadId}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { id: threadId, title: 'Logo review', participants: [ALICE, BOB], currentUserId: 'bob' });
  });

  test('someone outside the thread is told they are not a participant, everywhere', async () => {
    const threadId = await newThread(store);
    const mallory = as(app, 'mallory');
    for (const path of ['', '/events', '/messages', '/stream']) {
      const r = await mallory.get<ErrorEnvelope>(`/threads/${threadId}${path}`);
      assert.equal(r.status, 403, path);
      assert.equal(r.body.error.code, 'not-a-participant');
    }
    const posted = await mallory.post<ErrorEnvelope>(`/threads/${threadId}/messages`, { id: uid('msg'), text: 'hi' });
    assert.equal(posted.status, 403);
  });

  test('an unknown thread is not found', async () => {
    const r = await alice().get<ErrorEnvelope>('/threads/no-such-thread');
    assert.equal(r.status, 404);
    assert.equal(r.body.error.code, 'not-found');
  });

  test('a request without a signed-in user is refused with 401', async () => {
    const threadId = await newThread(store);
    const r = await as(app, null).get<ErrorEnvelope>(`/threads/${threadId}/events`);
    assert.equal(r.status, 401);
    assert.equal(r.body.error.code, 'unauthenticated');
  });

  test('messages are kept in order, and sending one twice stores it once', async () => {
    const threadId = await newThread(store);
    const first = { id: uid('msg'), text: 'Does Tuesday work?' };
    const r1 = await alice().post<{ by: string; at: string }>(`/threads/${threadId}/messages`, first);
    assert.equal(r1.status, 201);
    assert.equal(r1.body.by, 'alice');
    assert.match(r1.body.at, /^\d{4}-\d{2}-\d{2}T/);
    assert.equal((await alice().post(`/threads/${threadId}/messages`, first)).status, 200);
    await bob().post(`/threads/${threadId}/messages`, { id: uid('msg'), text: 'Yes!' });
    const list = await bob().get<Array<{ text: string }>>(`/threads/${threadId}/messages`);
    assert.deepEqual(list.body.map((m) => m.text), ['Does Tuesday work?', 'Yes!']);
    assert.equal(list.headers.get('stream-position'), '2');
  });

  test('a message longer than 2,000 characters is refused', async () => {
    const threadId = await newThread(store);
    const r = await alice().post<ErrorEnvelope>(`/threads/${threadId}/messages`, { id: uid('msg'), text: 'x'.repeat(2_001) });
    assert.equal(r.status, 422);
    assert.deepEqual(r.body.error.details, { field: 'text' });
    assert.equal((await alice().post(`/threads/${threadId}/messages`, { id: uid('msg'), text: '🙂'.repeat(2_000) })).status, 201, '2,000 characters, not UTF-16 units');
  });

  test('a message id someone else already used is a conflict', async () => {
    const threadId = await newThread(store);
    const id = uid('msg');
    await alice().post(`/threads/${threadId}/messages`, { id, text: 'mine' });
    const r = await bob().post<ErrorEnvelope>(`/threads/${threadId}/messages`, { id, text: 'theirs' });
    assert.equal(r.status, 409);
    assert.equal(r.body.error.code, 'conflict');
  });
});

describe('appending meeting events', () => {
  test('a proposal is stored, answered with the meeting, and listed for everyone in the thread', async () => {
    const threadId = await newThread(store);
    const p = proposal(threadId);
    const r = await alice().append<Appended>(threadId, p);
    assert.equal(r.status, 201);
    assert.equal(r.body.meeting.status, 'proposed');
    assert.deepEqual(r.body.meeting.awaiting, ['bob']);
    assert.equal(r.headers.get('etag'), '"0"');
    const listed = await bob().get<MeetingEvent[]>(`/threads/${threadId}/events`);
    assert.deepEqual(listed.body, [p]);
    assert.equal(listed.headers.get('stream-position'), '1');
  });

  test('sending the same event again stores it once and answers 200', async () => {
    const { threadId, p } = await proposed();
    const again = await alice().append<Appended>(threadId, p);
    assert.equal(again.status, 200);
    assert.equal(again.body.meeting.status, 'proposed');
    const a = accept(p, 0);
    assert.equal((await bob().append(threadId, a, 0)).status, 201);
    assert.equal((await bob().append(threadId, a, 0)).status, 200, 'a retried accept is a no-op even though If-Match is now stale');
    assert.deepEqual((await alice().events(threadId)).map((e) => e.id), [p.id, a.id]);
  });

  test('a forged `by` is refused and nothing is stored', async () => {
    const { threadId, p } = await proposed();
    const forged = accept(p, 0); // by bob…
    const r = await alice().append<ErrorEnvelope>(threadId, forged, 0); // …sent by alice
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'permission-denied');
    assert.deepEqual((await alice().events(threadId)).map((e) => e.id), [p.id]);
  });

  test('someone outside the thread cannot propose, and nothing is stored', async () => {
    const threadId = await newThread(store);
    const r = await as(app, 'mallory').append<ErrorEnvelope>(threadId, proposal(threadId, { by: 'mallory' }));
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'not-a-participant');
    assert.deepEqual(await alice().events(threadId), []);
  });

  test('only thread participants can be invited', async () => {
    const threadId = await newThread(store);
    const r = await alice().append<ErrorEnvelope>(threadId, proposal(threadId, { invitees: ['mallory'] }));
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'not-a-participant');
    assert.deepEqual(await alice().events(threadId), []);
  });

  test('a guest cannot cancel', async () => {
    const { threadId, p } = await confirmed();
    const shared = await alice().post<{ guestId: string }>(`/meetings/${p.meetingId}/share`, { guestId: 'gus' });
    assert.equal(shared.status, 201);
    const r = await as(app, 'gus').append<ErrorEnvelope>(threadId, cancel(p, 2, 'gus'), 2);
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'permission-denied');
    assert.equal((await alice().events(threadId)).length, 3, 'proposed, accepted, link-shared — no cancel');
    const messages = await as(app, 'gus').get<ErrorEnvelope>(`/threads/${threadId}/messages`);
    assert.equal(messages.status, 403, 'a guest cannot read the thread');
  });

  test('an accept that lost the race gets the current meeting', async () => {
    const { threadId, p } = await proposed();
    const winner = accept(p, 0);
    assert.equal((await bob().append(threadId, winner, 0)).status, 201);
    const loser = accept(p, 0, { option: p.options[1]! });
    const r = await bob().append<ErrorEnvelope>(threadId, loser, 0);
    assert.equal(r.status, 409);
    assert.equal(r.body.error.code, 'stale-sequence');
    assert.equal(r.body.meeting?.status, 'confirmed');
    assert.equal(r.body.meeting?.sequence, 1);
  });

  test('an If-Match older than the meeting is refused with the current meeting, even when the body claims the right sequence', async () => {
    const { threadId, p } = await proposed();
    assert.equal((await alice().append(threadId, reschedule(p, 0), 0)).status, 201);
    const r = await alice().append<ErrorEnvelope>(threadId, cancel(p, 1), 0);
    assert.equal(r.status, 409);
    assert.equal(r.body.error.code, 'stale-sequence');
    assert.equal(r.body.meeting?.sequence, 1);
    assert.equal((await alice().append(threadId, cancel(p, 1), 1)).status, 201);
  });

  test('100 racing accepts store exactly one; every other gets 409 with the confirmed meeting', async () => {
    const { threadId, p } = await proposed();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => bob().append<ErrorEnvelope>(threadId, accept(p, 0, { option: p.options[i % 2]! }), 0)),
    );
    assert.equal(answers.filter((a) => a.status === 201).length, 1);
    const losers = answers.filter((a) => a.status !== 201);
    assert.ok(losers.every((a) => a.status === 409 && a.body.error.code === 'stale-sequence' && a.body.meeting?.status === 'confirmed'));
    assert.equal((await alice().events(threadId)).filter((e) => e.type === 'accepted').length, 1);
  });

  test('the organizer cannot accept their own proposal', async () => {
    const { threadId, p } = await proposed();
    const r = await alice().append<ErrorEnvelope>(threadId, accept(p, 0, { by: 'alice' }), 0);
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'permission-denied');
  });

  test('answering a cancelled meeting is an invalid transition', async () => {
    const { threadId, p } = await proposed();
    assert.equal((await alice().append(threadId, cancel(p, 0), 0)).status, 201);
    const r = await bob().append<ErrorEnvelope>(threadId, accept(p, 1), 1);
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'invalid-transition');
  });

  test('a follow-up to a meeting of another thread is not found there', async () => {
    const { p } = await proposed();
    const other = await newThread(store);
    const r = await bob().append<ErrorEnvelope>(other, accept(p, 0), 0);
    assert.equal(r.status, 404);
  });

  const tooMany = Array.from({ length: 51 }, (_, i) => slot(1 + (i % 28), i < 28 ? 9 : 15));
  const invalid: Array<[string, (threadId: string) => unknown, string]> = [
    ['an unknown event type', (t) => ({ ...proposal(t), type: 'deleted' }), 'type'],
    ['a date that does not exist', (t) => ({ ...proposal(t), at: '2026-02-30T10:00:00Z' }), 'at'],
    ['a time that is not an instant', (t) => proposal(t, { options: [{ start: 'tomorrow', end: '2026-03-10T13:30:00Z' }] }), 'options[0].start'],
    ['more than 50 options', (t) => proposal(t, { options: tooMany }), 'options'],
    ['a title over 200 characters', (t) => proposal(t, { title: 't'.repeat(201) }), 'title'],
    ['a message over 2,000 characters', (t) => proposal(t, { message: 'm'.repeat(2_001) }), 'message'],
    ['a field the event type does not have', (t) => ({ ...proposal(t), admin: true }), 'admin'],
    ['a missing field', (t) => {
      const { options: _options, ...rest } = proposal(t);
      return rest;
    }, 'options'],
    ['a join URL that is not https', (t) => proposal(t, { joinUrl: 'javascript:alert(1)' }), 'joinUrl'],
    ['a NUL character', (t) => proposal(t, { message: 'hi\u0000there' }), 'message'],
    ['a thread id other than the URL’s', (t) => proposal(`${t}-other`), 'threadId'],
    ['a negative duration', (t) => proposal(t, { durationMinutes: -30 }), 'durationMinutes'],
    ['an array instead of an event', () => [], 'body'],
  ];
  for (const [what, make, field] of invalid) {
    test(`an event with ${what} is refused as invalid input, and nothing is stored`, async () => {
      const threadId = await newThread(store);
      const r = await alice().append<ErrorEnvelope>(threadId, make(threadId));
      assert.equal(r.status, 422);
      assert.equal(r.body.error.code, 'invalid-input');
      assert.equal(r.body.error.details?.field, field);
      assert.deepEqual(await alice().events(threadId), []);
    });
  }

  test('a reason over 1,000 characters is refused', async () => {
    const { threadId, p } = await proposed();
    const r = await alice().append<ErrorEnvelope>(threadId, cancel(p, 0, 'alice', 'r'.repeat(1_001)), 0);
    assert.equal(r.status, 422);
    assert.equal(r.body.error.details?.field, 'reason');
  });

  test('options the meeting rules refuse (wrong length) are invalid input', async () => {
    const threadId = await newThread(store);
    const r = await alice().append<ErrorEnvelope>(threadId, proposal(threadId, { options: [slot(10, 13, 45)] }));
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'invalid-input');
  });

  test('a body that is not JSON is refused as invalid input', async () => {
    const threadId = await newThread(store);
    const r = await alice().post<ErrorEnvelope>(`/threads/${threadId}/events`, '{"type": "proposed",');
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'invalid-input');
  });

  test('an If-Match that is not a sequence is refused', async () => {
    const { threadId, p } = await proposed();
    const r = await bob().post<ErrorEnvelope>(`/threads/${threadId}/events`, accept(p, 0), { 'if-match': 'yesterday' });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.details?.field, 'If-Match');
  });

  test('a body over 64 KB is refused with 413 and nothing is stored', async () => {
    const threadId = await newThread(store);
    const huge = { ...proposal(threadId), message: 'x'.repeat(70 * 1024) };
    const r = await alice().append<ErrorEnvelope>(threadId, huge);
    assert.equal(r.status, 413);
    assert.equal(r.body.error.code, 'invalid-input');
    assert.deepEqual(await alice().events(threadId), []);
  });

  test('a POST that is not application/json is refused with 415', async () => {
    const threadId = await newThread(store);
    const r = await alice().post<ErrorEnvelope>(`/threads/${threadId}/events`, JSON.stringify(proposal(threadId)), { 'content-type': 'text/plain' });
    assert.equal(r.status, 415);
    assert.deepEqual(await alice().events(threadId), []);
  });

  test('notify hears each stored event once, addressed to everyone attending but its author', async () => {
    const threadId = await newThread(store, [ALICE, BOB, CARA]);
    const p = proposal(threadId, { invitees: ['bob', 'cara'] });
    await alice().append(threadId, p);
    await alice().append(threadId, p);
    const a = accept(p, 0);
    await bob().append(threadId, a, 0);
    const heard = await eventually(() => {
      const mine = notified.filter((n) => n.event.meetingId === p.meetingId);
      return mine.length >= 2 ? mine : undefined;
    }, 'two notifications');
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(
      notified.filter((n) => n.event.meetingId === p.meetingId).map((n) => [n.event.type, n.recipients.sort()]),
      [['proposed', ['bob', 'cara']], ['accepted', ['alice', 'cara']]],
    );
    assert.equal(heard.length, 2);
  });

  test('a failing notify is logged and the event is still stored', async () => {
    const logged: string[] = [];
    const failing = makeServer(store, {
      notify: () => Promise.reject(new Error('mail server down')),
      logError: (message) => void logged.push(message),
    });
    const threadId = await newThread(store);
    const r = await as(failing, 'alice').append(threadId, proposal(threadId));
    assert.equal(r.status, 201);
    await eventually(() => (logged.some((m) => m.includes('notify failed')) ? true : undefined), 'the failure to be logged');
  });
});

describe('rate limits', () => {
  test('a user who floods appends gets 429 with Retry-After, and other users are not affected', async () => {
    let clock = 1_000_000;
    const limited = makeServer(store, { limits: { appendBurst: 3, appendsPerSecond: 0.5 }, now: () => clock });
    const threadId = await newThread(store);
    const post = (user: string) => as(limited, user).post<ErrorEnvelope>(`/threads/${threadId}/messages`, { id: uid('msg'), text: 'hi' });
    for (let i = 0; i < 3; i++) assert.equal((await post('alice')).status, 201);
    const refused = await post('alice');
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, 'rate-limited');
    assert.equal(refused.headers.get('retry-after'), '2');
    assert.equal((await post('bob')).status, 201, 'per user');
    clock += 2_000;
    assert.equal((await post('alice')).status, 201, 'the bucket refills');
  });
});

describe('guest links', () => {
  test('an attendee of a confirmed meeting shares it; the guest sees the time but not the thread', async () => {
    const { threadId, p } = await confirmed();
    const r = await bob().post<{ token: string; url: string; guestId: string; expiresAt: string }>(`/meetings/${p.meetingId}/share`, {});
    assert.equal(r.status, 201);
    assert.equal(r.body.url, `http://localhost/guest/${r.body.token}`);
    assert.match(r.body.guestId, /^guest-/);
    const events = await alice().events(threadId);
    assert.deepEqual(events.at(-1), { ...events.at(-1), type: 'link-shared', by: 'bob', guestId: r.body.guestId, sequence: 1 });

    const view = await as(app, null).get<{ guestId: string; meeting: Meeting; participants: Array<{ id: string; email?: string }> }>(`/guest/${r.body.token}`);
    assert.equal(view.status, 200);
    assert.equal(view.body.meeting.status, 'confirmed');
    assert.deepEqual(view.body.meeting.confirmed, p.options[0]);
    assert.deepEqual(view.body.meeting.history, [], 'no thread history');
    assert.equal(view.body.meeting.message, undefined, 'no thread words');
    assert.deepEqual(view.body.participants.map((x) => x.id).sort(), ['alice', 'bob']);
    assert.ok(view.body.participants.every((x) => x.email === undefined));
  });

  test('a meeting that is not confirmed cannot be shared', async () => {
    const { p } = await proposed();
    const r = await alice().post<ErrorEnvelope>(`/meetings/${p.meetingId}/share`, {});
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'invalid-transition');
  });

  test('someone outside the thread cannot share, and an unknown meeting is not found', async () => {
    const { p } = await confirmed();
    assert.equal((await as(app, 'mallory').post(`/meetings/${p.meetingId}/share`, {})).status, 403);
    assert.equal((await alice().post(`/meetings/no-such-meeting/share`, {})).status, 404);
  });

  test('sharing twice with the same event id gives the same guest', async () => {
    const { p } = await confirmed();
    const id = uid('share');
    const first = await alice().post<{ guestId: string }>(`/meetings/${p.meetingId}/share`, { id });
    const again = await alice().post<{ guestId: string }>(`/meetings/${p.meetingId}/share`, { id });
    assert.equal(first.status, 201);
    assert.equal(again.status, 200);
    assert.equal(again.body.guestId, first.body.guestId);
  });

  test('a link for a guest the card already recorded stores nothing twice', async () => {
    const { p, threadId } = await confirmed();
    const shared: MeetingEvent = {
      type: 'link-shared', id: uid('ls'), meetingId: p.meetingId, by: 'alice', at: '2026-03-09T14:00:00Z', sequence: 1, guestId: 'guest-from-card',
    };
    assert.equal((await alice().append(threadId, shared, 1)).status, 201);
    const link = await alice().post<{ guestId: string; token: string }>(`/meetings/${p.meetingId}/share`, { guestId: 'guest-from-card' });
    assert.equal(link.status, 200);
    assert.equal(link.body.guestId, 'guest-from-card');
    assert.deepEqual((await alice().events(threadId)).map((e) => e.type), ['proposed', 'accepted', 'link-shared'], 'only the card\'s link-shared event');
    assert.equal((await app.request(`/guest/${link.body.token}`)).status, 200);
  });

  test('a tampered or foreign guest link is refused', async () => {
    const { p } = await confirmed();
    const { body } = await alice().post<{ token: string }>(`/meetings/${p.meetingId}/share`, {});
    const [payload, sig] = body.token.split('.') as [string, string];
    const otherMeeting = btoa(JSON.stringify({ v: 1, m: 'someone-elses', g: 'gus', exp: 9_999_999_999 })).replace(/=+$/, '');
    const flipped = `${sig.slice(0, -2)}${sig.at(-2) === 'A' ? 'B' : 'A'}${sig.at(-1)}`;
    for (const token of [`${otherMeeting}.${sig}`, `${payload}.${flipped}`, 'garbage', `${payload}.`, 'a.b.c']) {
      const r = await as(app, null).get<ErrorEnvelope>(`/guest/${encodeURIComponent(token)}`);
      assert.equal(r.status, 403, token);
      assert.equal(r.body.error.code, 'permission-denied');
    }
    const otherSecret = createMeetingServer({ store, authenticate: () => null, guestSecret: `${GUEST_SECRET}-rotated` });
    assert.equal((await as(otherSecret, null).get(`/guest/${body.token}`)).status, 403, 'signed with another secret');
  });

  test('an expired guest link is refused', async () => {
    let clock = Date.parse('2026-03-01T00:00:00Z');
    const timed = makeServer(store, { now: () => clock });
    const { p } = await confirmed();
    const { body } = await as(timed, 'alice').post<{ token: string; expiresAt: string }>(`/meetings/${p.meetingId}/share`, { expiresInSeconds: 3_600 });
    assert.equal(body.expiresAt, '2026-03-01T01:00:00Z');
    assert.equal((await as(timed, null).get(`/guest/${body.token}`)).status, 200);
    clock += 3_600_000;
    assert.equal((await as(timed, null).get(`/guest/${body.token}`)).status, 403);
  });
});

describe('the HTTP surface', () => {
  test('unknown routes answer 404 in the error envelope', async () => {
    const r = await alice().get<ErrorEnvelope>('/no/such/route');
    assert.equal(r.status, 404);
    assert.deepEqual(r.body, { error: { code: 'not-found', message: 'There is no such route' } });
  });

  test('every answer is nosniff and uncached, and a server failure shows no stack trace', async () => {
    const broken = makeServer(store, { directory: { getThread: () => Promise.reject(new Error('directory exploded at /secret/path.ts:12')) } });
    const r = await as(broken, 'alice').get<ErrorEnvelope>('/threads/t1');
    assert.equal(r.status, 500);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('cache-control'), 'no-store');
    assert.deepEqual(Object.keys(r.body), ['error']);
    assert.ok(!JSON.stringify(r.body).includes('exploded') && !JSON.stringify(r.body).includes('.ts'));
    const ok = await alice().get('/threads');
    assert.equal(ok.headers.get('x-content-type-options'), 'nosniff');
  });

  test('CORS is off unless configured, and then answers only the listed origins', async () => {
    const preflight = (a: MeetingServer, origin: string) =>
      a.request('/threads', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,if-match' } });
    assert.equal((await preflight(app, 'https://chat.example')).headers.get('access-control-allow-origin'), null);
    const open = makeServer(store, { cors: { origins: ['https://chat.example'] } });
    const allowed = await preflight(open, 'https://chat.example');
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://chat.example');
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /if-match/);
    assert.equal((await preflight(open, 'https://evil.example')).headers.get('access-control-allow-origin'), null);
    const get = await open.request('/threads', { headers: { origin: 'https://chat.example', 'x-user-id': 'alice' } });
    assert.match(get.headers.get('access-control-expose-headers') ?? '', /stream-position/);
  });

  test('the OpenAPI document lists every route and publishes the schemas the server validates with', async () => {
    const r = await as(app, null).get<{ openapi: string; paths: Record<string, object>; components: { schemas: Record<string, unknown> } }>('/openapi.json');
    assert.equal(r.status, 200);
    assert.equal(r.body.openapi, '3.1.0');
    assert.deepEqual(Object.keys(r.body.paths).sort(), [
      '/guest/{token}', '/meetings/{id}/share', '/threads', '/threads/{id}', '/threads/{id}/events', '/threads/{id}/messages', '/threads/{id}/stream',
    ]);
    assert.deepEqual(r.body.components.schemas.ProposedEvent, JSON.parse(JSON.stringify(EVENT_SCHEMAS.proposed)));
    assert.deepEqual(r.body.components.schemas.LinkSharedEvent, JSON.parse(JSON.stringify(EVENT_SCHEMAS['link-shared'])));
    assert.equal((r.body.components.schemas.MeetingEvent as { oneOf: unknown[] }).oneOf.length, 7);
  });

  test('a host directory decides who is in a thread', async () => {
    const hosted = makeServer(store, {
      directory: { getThread: async (id) => (id === 'host-thread' ? { id, participants: [ALICE, CARA] } : null) },
    });
    const p = proposal('host-thread', { meetingId: uid('m'), invitees: ['cara'] });
    assert.equal((await as(hosted, 'alice').append('host-thread', p)).status, 201);
    assert.equal((await as(hosted, 'bob').get('/threads/host-thread')).status, 403);
  });

  test('a guest secret shorter than 32 characters is refused at startup', () => {
    assert.throws(() => createMeetingServer({ store, authenticate: () => null, guestSecret: 'short' }), /guestSecret/);
  });
});
