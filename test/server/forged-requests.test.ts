/**
 * Requests no honest client sends, straight to the API: each is refused with the
 * documented status and error code, and the thread's events, messages and stream
 * position are exactly what they were before. (The basic cases — a forged `by`, an
 * outsider proposing, a guest cancelling, a tampered or expired link, a body over
 * 64 KB — are in api.test.ts; this file is the exhaustive table.)
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { MeetingEvent } from '@meeting-scheduler/core';
import type { MeetingServer, MeetingStore, ThreadMessage } from '@meeting-scheduler/server';
import {
  ALICE,
  BOB,
  CARA,
  GUEST_SECRET,
  accept,
  as,
  cancel,
  makeServer,
  newThread,
  proposal,
  reschedule,
  slot,
  uid,
  type Answer,
  type ErrorEnvelope,
  type Proposed,
} from './helpers.ts';
import { testPglite } from './pglite.ts';
import { XSS_PAYLOADS } from '../fixtures/xss-payloads.ts';

let store: MeetingStore;
let closeStore: () => Promise<void>;
let app: MeetingServer;

before(async () => {
  ({ store, close: closeStore } = await testPglite());
  app = makeServer(store);
});
after(() => closeStore());

const alice = () => as(app, 'alice');
const bob = () => as(app, 'bob');

// ---------------------------------------------------------------------------
// Worlds a forged request is tried against

interface World {
  threadId: string;
  p: Proposed;
  /** Sequence of the meeting now. */
  sequence: number;
  /** A genuine guest link for the meeting, when shared. */
  token?: string;
  guestId?: string;
}

/** Alice, Bob and Cara in a thread; Alice invited Bob only; one message each. */
async function proposedWorld(): Promise<World> {
  const threadId = await newThread(store, [ALICE, BOB, CARA]);
  const p = proposal(threadId);
  assert.equal((await alice().append(threadId, p)).status, 201);
  assert.equal((await alice().post(`/threads/${threadId}/messages`, { id: uid('msg'), text: 'Hi Bob' })).status, 201);
  assert.equal((await bob().post(`/threads/${threadId}/messages`, { id: uid('msg'), text: 'Hi Alice' })).status, 201);
  return { threadId, p, sequence: 0 };
}

/** The same, confirmed by Bob and shared with guest Gus. */
async function sharedWorld(): Promise<World> {
  const w = await proposedWorld();
  assert.equal((await bob().append(w.threadId, accept(w.p, 0), 0)).status, 201);
  const shared = await alice().post<{ token: string; guestId: string }>(`/meetings/${w.p.meetingId}/share`, { guestId: 'gus' });
  assert.equal(shared.status, 201);
  return { ...w, sequence: 2, token: shared.body.token, guestId: shared.body.guestId };
}

interface Snapshot {
  events: MeetingEvent[];
  eventPosition: number;
  messages: ThreadMessage[];
  messagePosition: number;
  meeting: unknown;
}

async function snapshot(w: World): Promise<Snapshot> {
  const { events, position: eventPosition } = await store.listEvents(w.threadId);
  const { messages, position: messagePosition } = await store.listMessages(w.threadId);
  return { events, eventPosition, messages, messagePosition, meeting: await store.getMeeting(w.p.meetingId) };
}

type Client = ReturnType<typeof as>;

interface Forgery {
  what: string;
  world: () => Promise<World>;
  send: (w: World, c: { alice: Client; bob: Client; cara: Client; mallory: Client; gus: Client; anonymous: Client }) => Promise<Answer<unknown>>;
  status: number;
  code: string;
  /** The field the error names, when it names one. */
  field?: string;
}

const clients = () => ({ alice: alice(), bob: bob(), cara: as(app, 'cara'), mallory: as(app, 'mallory'), gus: as(app, 'gus'), anonymous: as(app, null) });

/** Runs a table of forgeries: each refused as documented, each leaving the thread as it was. */
function refuses(table: Forgery[]): void {
  for (const f of table) {
    test(`${f.what} → ${f.status} ${f.code}, nothing stored`, async () => {
      const w = await f.world();
      const before = await snapshot(w);
      const r = (await f.send(w, clients())) as Answer<ErrorEnvelope>;
      assert.equal(r.status, f.status, JSON.stringify(r.body));
      assert.equal(r.body?.error?.code, f.code, JSON.stringify(r.body));
      if (f.field !== undefined) assert.equal(r.body.error.details?.field, f.field, JSON.stringify(r.body));
      assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.equal(r.headers.get('set-cookie'), null);
      assert.deepEqual(await snapshot(w), before, 'the thread is unchanged');
    });
  }
}

const ifMatch = (n: number) => ({ 'if-match': `"${n}"` });
const post = (c: Client, w: World, e: unknown, seq?: number) => (seq === undefined ? c.append(w.threadId, e) : c.append(w.threadId, e, seq));
const followUp = (w: World, type: string, by: string, extra: Record<string, unknown> = {}) => ({
  type, id: uid(`${w.p.meetingId}-${type}`), meetingId: w.p.meetingId, by, at: '2026-03-03T12:00:00Z', sequence: w.sequence, ...extra,
});

// ---------------------------------------------------------------------------

describe('someone else’s name on an event', () => {
  refuses([
    { what: 'Alice proposes in Bob’s name', world: proposedWorld, send: (w, c) => post(c.alice, w, proposal(w.threadId, { by: 'bob', invitees: ['alice'] })), status: 403, code: 'permission-denied' },
    { what: 'Alice accepts in Bob’s name', world: proposedWorld, send: (w, c) => post(c.alice, w, accept(w.p, 0), 0), status: 403, code: 'permission-denied' },
    { what: 'Alice declines in Bob’s name', world: proposedWorld, send: (w, c) => post(c.alice, w, followUp(w, 'declined', 'bob', { reason: 'no' }), 0), status: 403, code: 'permission-denied' },
    { what: 'Alice counters in Bob’s name', world: proposedWorld, send: (w, c) => post(c.alice, w, followUp(w, 'countered', 'bob', { options: [slot(12)] }), 0), status: 403, code: 'permission-denied' },
    { what: 'Bob reschedules in Alice’s name', world: proposedWorld, send: (w, c) => post(c.bob, w, reschedule(w.p, 0, 'alice'), 0), status: 403, code: 'permission-denied' },
    { what: 'Bob cancels in Alice’s name', world: proposedWorld, send: (w, c) => post(c.bob, w, cancel(w.p, 0, 'alice'), 0), status: 403, code: 'permission-denied' },
    { what: 'Mallory cancels in Alice’s name', world: proposedWorld, send: (w, c) => post(c.mallory, w, cancel(w.p, 0, 'alice'), 0), status: 403, code: 'permission-denied' },
    { what: 'a guest shares the link on in Alice’s name', world: sharedWorld, send: (w, c) => post(c.gus, w, followUp(w, 'link-shared', 'alice', { guestId: 'gus-friend' }), w.sequence), status: 403, code: 'permission-denied' },
    { what: 'an event in the name of an empty user', world: proposedWorld, send: (w, c) => post(c.alice, w, cancel(w.p, 0, ''), 0), status: 422, code: 'invalid-input', field: 'by' },
  ]);
});

describe('people who may not do this', () => {
  refuses([
    { what: 'inviting someone outside the thread alongside Bob', world: proposedWorld, send: (w, c) => post(c.alice, w, proposal(w.threadId, { invitees: ['bob', 'mallory'] })), status: 403, code: 'not-a-participant' },
    { what: 'inviting only yourself', world: proposedWorld, send: (w, c) => post(c.alice, w, proposal(w.threadId, { invitees: ['alice'] })), status: 422, code: 'invalid-input' },
    { what: 'inviting Bob twice', world: proposedWorld, send: (w, c) => post(c.alice, w, proposal(w.threadId, { invitees: ['bob', 'bob'] })), status: 422, code: 'invalid-input', field: 'invitees' },
    { what: 'inviting nobody', world: proposedWorld, send: (w, c) => post(c.alice, w, proposal(w.threadId, { invitees: [] })), status: 422, code: 'invalid-input', field: 'invitees' },
    { what: 'Cara (in the thread, not invited) accepts', world: proposedWorld, send: (w, c) => post(c.cara, w, accept(w.p, 0, { by: 'cara' }), 0), status: 403, code: 'permission-denied' },
    { what: 'Cara cancels a meeting she is not in', world: proposedWorld, send: (w, c) => post(c.cara, w, cancel(w.p, 0, 'cara'), 0), status: 403, code: 'permission-denied' },
    { what: 'Cara shares a meeting she is not in', world: sharedWorld, send: (w, c) => c.cara.post(`/meetings/${w.p.meetingId}/share`, {}), status: 403, code: 'permission-denied' },
    { what: 'Alice (organizer) declines her own invite', world: proposedWorld, send: (w, c) => post(c.alice, w, followUp(w, 'declined', 'alice'), 0), status: 403, code: 'permission-denied' },
    { what: 'Mallory (outside) posts a message', world: proposedWorld, send: (w, c) => c.mallory.post(`/threads/${w.threadId}/messages`, { id: uid('msg'), text: 'hi' }), status: 403, code: 'not-a-participant' },
    { what: 'Mallory (outside) accepts in her own name', world: proposedWorld, send: (w, c) => post(c.mallory, w, accept(w.p, 0, { by: 'mallory' }), 0), status: 403, code: 'not-a-participant' },
    { what: 'a message in someone else’s name', world: proposedWorld, send: (w, c) => c.alice.post(`/threads/${w.threadId}/messages`, { id: uid('msg'), text: 'hi', by: 'bob' }), status: 422, code: 'invalid-input', field: 'by' },
    { what: 'a message with a made-up time', world: proposedWorld, send: (w, c) => c.alice.post(`/threads/${w.threadId}/messages`, { id: uid('msg'), text: 'hi', at: '2000-01-01T00:00:00Z' }), status: 422, code: 'invalid-input', field: 'at' },
    { what: 'nobody signed in', world: proposedWorld, send: (w, c) => post(c.anonymous, w, cancel(w.p, 0), 0), status: 401, code: 'unauthenticated' },
  ]);
});

describe('guests', () => {
  const guestCannot: Array<[string, (w: World) => unknown]> = [
    ['reschedule', (w) => followUp(w, 'rescheduled', 'gus', { options: [slot(12)], reason: 'guest says so' })],
    ['cancel', (w) => followUp(w, 'cancelled', 'gus', { reason: 'guest says so' })],
    ['accept', (w) => followUp(w, 'accepted', 'gus', { option: w.p.options[0] })],
    ['counter', (w) => followUp(w, 'countered', 'gus', { options: [slot(12)] })],
    ['decline', (w) => followUp(w, 'declined', 'gus')],
    ['share the link on', (w) => followUp(w, 'link-shared', 'gus', { guestId: 'gus-friend' })],
  ];
  refuses([
    ...guestCannot.map(([verb, make]): Forgery => ({
      what: `a guest signed in as themselves tries to ${verb}`,
      world: sharedWorld,
      send: (w, c) => post(c.gus, w, make(w), w.sequence),
      status: 403,
      code: 'permission-denied',
    })),
    {
      what: 'the guest link used as a bearer token to cancel',
      world: sharedWorld,
      send: (w, c) => c.anonymous.post(`/threads/${w.threadId}/events`, cancel(w.p, w.sequence, 'gus'), { authorization: `Bearer ${w.token}`, ...ifMatch(w.sequence) }),
      status: 401,
      code: 'unauthenticated',
    },
    { what: 'a POST to the guest link', world: sharedWorld, send: (w, c) => c.anonymous.post(`/guest/${w.token}`, { type: 'cancelled' }), status: 404, code: 'not-found' },
    { what: 'a guest posts a message', world: sharedWorld, send: (w, c) => c.gus.post(`/threads/${w.threadId}/messages`, { id: uid('msg'), text: 'hello' }), status: 403, code: 'not-a-participant' },
    { what: 'a guest reads the events', world: sharedWorld, send: (w, c) => c.gus.get(`/threads/${w.threadId}/events`), status: 403, code: 'not-a-participant' },
    { what: 'a guest reads the messages', world: sharedWorld, send: (w, c) => c.gus.get(`/threads/${w.threadId}/messages`), status: 403, code: 'not-a-participant' },
    { what: 'a guest opens the stream', world: sharedWorld, send: (w, c) => c.gus.get(`/threads/${w.threadId}/stream`), status: 403, code: 'not-a-participant' },
    { what: 'a guest creates another share link', world: sharedWorld, send: (w, c) => c.gus.post(`/meetings/${w.p.meetingId}/share`, {}), status: 403, code: 'permission-denied' },
  ]);
});

// ---------------------------------------------------------------------------
// Guest links

const b64url = (s: string | Uint8Array) => Buffer.from(s).toString('base64url');
/** A token signed with the server's real secret: what a leaked secret, or a bug in the checks after the signature, would allow. */
const signed = (claims: Record<string, unknown>, secret = GUEST_SECRET) => {
  const payload = b64url(JSON.stringify(claims));
  return `${payload}.${createHmac('sha256', secret).update(`guest.v1.${payload}`).digest('base64url')}`;
};
const flip = (s: string, at: number) => `${s.slice(0, at)}${s[at] === 'A' ? 'B' : 'A'}${s.slice(at + 1)}`;

describe('guest links that are not genuine', () => {
  let w: World;
  before(async () => {
    w = await sharedWorld();
  });

  test('the genuine link works (the baseline the forgeries change one thing of)', async () => {
    const r = await as(app, null).get<{ guestId: string }>(`/guest/${w.token}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.guestId, 'gus');
    assert.equal(signed({ v: 1, m: w.p.meetingId, g: 'gus', exp: JSON.parse(Buffer.from(w.token!.split('.')[0]!, 'base64url').toString()).exp }), w.token, 'the test signs exactly as the server does');
  });

  const forged: Array<[string, (w: World) => string]> = [
    ['a character of the payload flipped', (w) => { const [p, s] = w.token!.split('.') as [string, string]; return `${flip(p, 5)}.${s}`; }],
    ['a character of the signature flipped', (w) => { const [p, s] = w.token!.split('.') as [string, string]; return `${p}.${flip(s, 10)}`; }],
    ['the payload re-encoded for another guest, old signature', (w) => `${b64url(JSON.stringify({ v: 1, m: w.p.meetingId, g: 'mallory', exp: 9_999_999_999 }))}.${w.token!.split('.')[1]}`],
    ['the expiry pushed out, old signature', (w) => { const [p, s] = w.token!.split('.') as [string, string]; const c = JSON.parse(Buffer.from(p, 'base64url').toString()) as { exp: number }; return `${b64url(JSON.stringify({ ...c, exp: c.exp + 86_400 }))}.${s}`; }],
    ['a truncated signature', (w) => w.token!.slice(0, -4)],
    ['an empty signature', (w) => `${w.token!.split('.')[0]}.`],
    ['an empty payload', (w) => `.${w.token!.split('.')[1]}`],
    ['a third part', (w) => `${w.token}.x`],
    ['standard base64 instead of base64url', (w) => w.token!.replace(/-/g, '+').replace(/_/g, '/') + (w.token!.includes('-') || w.token!.includes('_') ? '' : '+')],
    ['signed with another secret', (w) => signed({ v: 1, m: w.p.meetingId, g: 'gus', exp: 9_999_999_999 }, `${GUEST_SECRET}-other`)],
    ['genuinely signed, expired', (w) => signed({ v: 1, m: w.p.meetingId, g: 'gus', exp: Math.floor(Date.now() / 1000) - 1 })],
    ['genuinely signed for a guest the meeting never had', (w) => signed({ v: 1, m: w.p.meetingId, g: 'mallory', exp: 9_999_999_999 })],
    ['genuinely signed for a meeting that does not exist', () => signed({ v: 1, m: 'no-such-meeting', g: 'gus', exp: 9_999_999_999 })],
    ['genuinely signed, another version', (w) => signed({ v: 2, m: w.p.meetingId, g: 'gus', exp: 9_999_999_999 })],
    ['genuinely signed, expiry as text', (w) => signed({ v: 1, m: w.p.meetingId, g: 'gus', exp: '9999999999' })],
    ['genuinely signed, meeting as a list', (w) => signed({ v: 1, m: [w.p.meetingId], g: 'gus', exp: 9_999_999_999 })],
    ['genuinely signed, not JSON', () => { const payload = b64url('not json'); return `${payload}.${createHmac('sha256', GUEST_SECRET).update(`guest.v1.${payload}`).digest('base64url')}`; }],
    ['2,000 characters long', (w) => `${w.token}${'A'.repeat(2_000)}`],
    ['SQL in place of a token', () => `' OR '1'='1`],
    ['a NUL byte', (w) => `${w.token}\u0000`],
  ];
  for (const [what, make] of forged) {
    test(`a guest link with ${what} is refused with 403`, async () => {
      const r = await as(app, null).get<ErrorEnvelope>(`/guest/${encodeURIComponent(make(w))}`);
      assert.equal(r.status, 403, JSON.stringify(r.body));
      assert.deepEqual(r.body, { error: { code: 'permission-denied', message: 'This guest link is not valid or has expired' } });
    });
  }

  test('a genuine link for another thread’s meeting shows only that meeting, never this one', async () => {
    const other = await sharedWorld();
    const r = await as(app, null).get<{ meeting: { id: string; threadId: string } }>(`/guest/${other.token}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.meeting.id, other.p.meetingId);
    assert.notEqual(r.body.meeting.id, w.p.meetingId);
  });
});

// ---------------------------------------------------------------------------
// Bodies

/** A POST with exactly these bytes and headers. */
async function raw(path: string, body: string | Uint8Array | ReadableStream<Uint8Array> | null, headers: Record<string, string>, user = 'alice'): Promise<Answer<ErrorEnvelope>> {
  const init: RequestInit & { duplex?: 'half' } = { method: 'POST', headers: { 'x-user-id': user, ...headers }, body };
  if (body instanceof ReadableStream) init.duplex = 'half';
  const res = await app.request(path, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text === '' ? undefined : JSON.parse(text)) as ErrorEnvelope };
}

/** A stream of `size` bytes of a JSON string, in 8 KB chunks, with no Content-Length. */
function streamOf(size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent === 0) controller.enqueue(new TextEncoder().encode('{"id":"x","text":"'));
      const n = Math.min(8_192, size - sent);
      if (n <= 0) {
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
        return;
      }
      controller.enqueue(new Uint8Array(n).fill(0x61));
      sent += n;
    },
  });
}

describe('bodies that are too big, not JSON, or the wrong shape', () => {
  const json = { 'content-type': 'application/json' };
  const events = (w: World) => `/threads/${w.threadId}/events`;
  const messages = (w: World) => `/threads/${w.threadId}/messages`;
  const big = 'x'.repeat(65 * 1024);
  refuses([
    { what: 'a message body over 64 KB', world: proposedWorld, send: (w) => raw(messages(w), JSON.stringify({ id: uid('m'), text: big }), json), status: 413, code: 'invalid-input' },
    { what: 'a share body over 64 KB', world: sharedWorld, send: (w) => raw(`/meetings/${w.p.meetingId}/share`, JSON.stringify({ guestId: big }), json), status: 413, code: 'invalid-input' },
    { what: 'a streamed body over 64 KB with no Content-Length', world: proposedWorld, send: (w) => raw(messages(w), streamOf(70 * 1024), json), status: 413, code: 'invalid-input' },
    { what: 'a Content-Length that claims 100 MB', world: proposedWorld, send: (w) => raw(messages(w), JSON.stringify({ id: uid('m'), text: 'hi' }), { ...json, 'content-length': String(100 * 1024 * 1024) }), status: 413, code: 'invalid-input' },
    { what: '65 KB of JSON whitespace around a valid event', world: proposedWorld, send: (w) => raw(events(w), `${' '.repeat(65 * 1024)}${JSON.stringify(cancel(w.p, 0))}`, { ...json, ...ifMatch(0) }), status: 413, code: 'invalid-input' },
    { what: 'an empty body', world: proposedWorld, send: (w) => raw(events(w), '', json), status: 422, code: 'invalid-input', field: 'body' },
    { what: 'a JSON null', world: proposedWorld, send: (w) => raw(events(w), 'null', json), status: 422, code: 'invalid-input', field: 'body' },
    { what: 'a JSON string', world: proposedWorld, send: (w) => raw(events(w), '"proposed"', json), status: 422, code: 'invalid-input', field: 'body' },
    { what: 'a JSON number', world: proposedWorld, send: (w) => raw(events(w), '42', json), status: 422, code: 'invalid-input', field: 'body' },
    { what: 'JSON cut short', world: proposedWorld, send: (w) => raw(events(w), JSON.stringify(cancel(w.p, 0)).slice(0, -5), json), status: 422, code: 'invalid-input', field: 'body' },
    { what: 'bytes that are not UTF-8', world: proposedWorld, send: (w) => raw(messages(w), new Uint8Array([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), json), status: 422, code: 'invalid-input', field: 'body' },
    { what: 'JSON with comments', world: proposedWorld, send: (w) => raw(messages(w), '{"id":"a", /* hi */ "text":"x"}', json), status: 422, code: 'invalid-input', field: 'body' },
    { what: 'form data', world: proposedWorld, send: (w) => raw(messages(w), 'id=a&text=x', { 'content-type': 'application/x-www-form-urlencoded' }), status: 415, code: 'invalid-input' },
    { what: 'no content type', world: proposedWorld, send: (w) => raw(messages(w), JSON.stringify({ id: 'a', text: 'x' }), {}), status: 415, code: 'invalid-input' },
    { what: 'a content type that only starts like JSON', world: proposedWorld, send: (w) => raw(messages(w), JSON.stringify({ id: 'a', text: 'x' }), { 'content-type': 'application/jsonp' }), status: 415, code: 'invalid-input' },
    { what: 'a __proto__ key (prototype pollution)', world: proposedWorld, send: (w) => raw(events(w), `{"__proto__":{"isAdmin":true},${JSON.stringify(cancel(w.p, 0)).slice(1)}`, { ...json, ...ifMatch(0) }), status: 422, code: 'invalid-input', field: '__proto__' },
    { what: 'a constructor key', world: proposedWorld, send: (w, c) => post(c.alice, w, { ...cancel(w.p, 0), constructor: { prototype: { by: 'bob' } } }, 0), status: 422, code: 'invalid-input', field: 'constructor' },
    { what: 'a nested extra field in an option', world: proposedWorld, send: (w, c) => post(c.bob, w, accept(w.p, 0, { option: { ...w.p.options[0]!, admin: true } as never }), 0), status: 422, code: 'invalid-input', field: 'option.admin' },
  ]);

  const wrongTypes: Array<[string, (w: World) => unknown, string]> = [
    ['durationMinutes as text', (w) => ({ ...proposal(w.threadId), durationMinutes: '30' }), 'durationMinutes'],
    ['durationMinutes as a fraction', (w) => ({ ...proposal(w.threadId), durationMinutes: 29.5 }), 'durationMinutes'],
    ['durationMinutes over a day', (w) => ({ ...proposal(w.threadId), durationMinutes: 1_441 }), 'durationMinutes'],
    ['options as an object', (w) => ({ ...proposal(w.threadId), options: { 0: slot(10) } }), 'options'],
    ['invitees as a string', (w) => ({ ...proposal(w.threadId), invitees: 'bob' }), 'invitees'],
    ['an invitee that is a number', (w) => ({ ...proposal(w.threadId), invitees: [42] }), 'invitees[0]'],
    ['an empty invitee', (w) => ({ ...proposal(w.threadId), invitees: [''] }), 'invitees[0]'],
    ['the title as a number', (w) => ({ ...proposal(w.threadId), title: 42 }), 'title'],
    ['the message as null', (w) => ({ ...proposal(w.threadId), message: null }), 'message'],
    ['the author as a list', (w) => ({ ...proposal(w.threadId), by: ['alice'] }), 'by'],
    ['the type as a list', (w) => ({ ...proposal(w.threadId), type: ['proposed'] }), 'type'],
    ['an inherited type name (toString)', (w) => ({ ...proposal(w.threadId), type: 'toString' }), 'type'],
    ['an inherited type name (__proto__)', (w) => ({ ...proposal(w.threadId), type: '__proto__' }), 'type'],
    ['a made-up type', (w) => ({ ...proposal(w.threadId), type: 'deleted' }), 'type'],
    ['101 invitees', (w) => ({ ...proposal(w.threadId), invitees: Array.from({ length: 101 }, (_, i) => `p${i}`) }), 'invitees'],
    ['900 options (under 64 KB)', (w) => ({ ...proposal(w.threadId), options: Array.from({ length: 900 }, (_, i) => slot(1 + (i % 28), i % 24)) }), 'options'],
    ['an id over 200 characters', (w) => ({ ...proposal(w.threadId), id: 'x'.repeat(201) }), 'id'],
    ['an id with a line break', (w) => ({ ...proposal(w.threadId), id: 'evt\r\nX-Injected: 1' }), 'id'],
    ['a meeting id with a tab', (w) => ({ ...proposal(w.threadId), meetingId: 'm\tx' }), 'meetingId'],
    ['a lone surrogate in the message', (w) => ({ ...proposal(w.threadId), message: 'hi \ud800' }), 'message'],
  ];
  refuses(
    wrongTypes.map(([what, make, field]): Forgery => ({
      what: `a proposal with ${what}`,
      world: proposedWorld,
      send: (w, c) => post(c.alice, w, make(w)),
      status: 422,
      code: 'invalid-input',
      field,
    })),
  );

  const sequences: Array<[string, unknown, string]> = [
    ['a sequence as text', '0', 'sequence'],
    ['a negative sequence', -1, 'sequence'],
    ['a fractional sequence', 0.5, 'sequence'],
    ['a sequence past 2^31', 2 ** 31, 'sequence'],
  ];
  refuses(
    sequences.map(([what, sequence, field]): Forgery => ({
      what: `an accept with ${what}`,
      world: proposedWorld,
      send: (w, c) => post(c.bob, w, { ...accept(w.p, 0), sequence }),
      status: 422,
      code: 'invalid-input',
      field,
    })),
  );
});

describe('instants that are not instants', () => {
  const bad: Array<[string, string]> = [
    ['no zone', '2026-03-10T13:00:00'],
    ['a space for the T', '2026-03-10 13:00:00Z'],
    ['month 13', '2026-13-10T13:00:00Z'],
    ['hour 24', '2026-03-10T24:00:00Z'],
    ['a leap second', '2026-03-10T23:59:60Z'],
    ['February 29 of a common year', '2026-02-29T13:00:00Z'],
    ['an expanded year', '+275760-09-13T00:00:00Z'],
    ['ten fractional digits', '2026-03-10T13:00:00.0000000001Z'],
    ['a date only', '2026-03-10'],
    ['an offset with minutes 60', '2026-03-10T13:00:00+05:60'],
    ['an epoch number as text', '1773147600000'],
    ['words', 'next tuesday'],
  ];
  refuses(
    bad.map(([what, value]): Forgery => ({
      what: `an option start with ${what}`,
      world: proposedWorld,
      send: (w, c) => post(c.alice, w, proposal(w.threadId, { options: [{ start: value, end: '2026-03-10T13:30:00Z' }] })),
      status: 422,
      code: 'invalid-input',
      field: 'options[0].start',
    })),
  );
  refuses([
    { what: 'an option that ends before it starts', world: proposedWorld, send: (w, c) => post(c.alice, w, proposal(w.threadId, { options: [{ start: '2026-03-10T13:30:00Z', end: '2026-03-10T13:00:00Z' }] })), status: 422, code: 'invalid-input' },
    { what: 'overlapping options', world: proposedWorld, send: (w, c) => post(c.alice, w, proposal(w.threadId, { options: [slot(10), { start: '2026-03-10T13:15:00Z', end: '2026-03-10T13:45:00Z' }] })), status: 422, code: 'invalid-input' },
    { what: 'the same option twice', world: proposedWorld, send: (w, c) => post(c.alice, w, proposal(w.threadId, { options: [slot(10), slot(10)] })), status: 422, code: 'invalid-input' },
    { what: 'an accept of a time that was never offered', world: proposedWorld, send: (w, c) => post(c.bob, w, accept(w.p, 0, { option: slot(20) }), 0), status: 422, code: 'slot-unavailable' },
    { what: 'an event time as a number', world: proposedWorld, send: (w, c) => post(c.alice, w, { ...proposal(w.threadId), at: 1_773_147_600_000 }), status: 422, code: 'invalid-input', field: 'at' },
  ]);
});

// ---------------------------------------------------------------------------
// Ids and text that look like SQL, paths or headers

const SQLISH = [
  "'; DROP TABLE events; --",
  "1' OR '1'='1",
  '"; DELETE FROM meeting_scheduler.events; --',
  '$$; DROP SCHEMA meeting_scheduler CASCADE; $$',
  "\\'; TRUNCATE meeting_scheduler.threads; --",
  '%_%',
  "'); INSERT INTO meeting_scheduler.events VALUES ('x'); --",
  "$1 $2 ' || pg_sleep(5) || '",
] as const;

describe('text that looks like SQL is stored as text', () => {
  let sentinel: { threadId: string; events: MeetingEvent[]; messages: ThreadMessage[] };
  before(async () => {
    const w = await proposedWorld();
    sentinel = { threadId: w.threadId, events: (await store.listEvents(w.threadId)).events, messages: (await store.listMessages(w.threadId)).messages };
  });
  after(async () => {
    // Every table is intact: an unrelated thread still has exactly what it had.
    assert.deepEqual((await store.listEvents(sentinel.threadId)).events, sentinel.events);
    assert.deepEqual((await store.listMessages(sentinel.threadId)).messages, sentinel.messages);
  });

  for (const [i, sql] of SQLISH.entries()) {
    test(`${JSON.stringify(sql)} in ids, title, message, reason and a message round-trips verbatim`, async () => {
      const threadId = `${sql} thread ${uid('t')}`;
      await store.putThread({ id: threadId, title: sql, participants: [{ ...ALICE, name: sql }, BOB] });
      const meetingId = `${sql} meeting ${i} ${uid('m')}`;
      const p = proposal(threadId, { id: `${sql} p ${uid('e')}`, meetingId, title: sql, message: sql });
      assert.equal((await alice().append(threadId, p)).status, 201);
      const decline: MeetingEvent = { type: 'declined', id: `${sql} d ${uid('e')}`, meetingId, by: 'bob', at: '2026-03-02T12:00:00Z', sequence: 0, reason: sql };
      assert.equal((await bob().append(threadId, decline, 0)).status, 201);
      const messageId = `${sql} msg ${uid('e')}`;
      assert.equal((await alice().post(`/threads/${encodeURIComponent(threadId)}/messages`, { id: messageId, text: sql })).status, 201);

      assert.deepEqual(await alice().events(threadId), [p, decline]);
      const messages = await alice().get<ThreadMessage[]>(`/threads/${encodeURIComponent(threadId)}/messages`);
      assert.deepEqual(messages.body.map((m) => [m.id, m.text, m.by]), [[messageId, sql, 'alice']]);
      const thread = await bob().get<{ id: string; title: string; participants: Array<{ name: string }> }>(`/threads/${encodeURIComponent(threadId)}`);
      assert.equal(thread.body.id, threadId);
      assert.equal(thread.body.title, sql);
      assert.equal(thread.body.participants[0]!.name, sql);
      const meeting = await store.getMeeting(meetingId);
      assert.equal(meeting?.status, 'declined');
      assert.equal(meeting?.reason, sql);
    });
  }

  test('an SQL-looking thread id that does not exist is not found, and reveals no other thread', async () => {
    for (const sql of SQLISH) {
      for (const path of ['', '/events', '/messages']) {
        const r = await alice().get<ErrorEnvelope>(`/threads/${encodeURIComponent(sql)}${path}`);
        assert.equal(r.status, 404, `${sql}${path}`);
        assert.equal(r.body.error.code, 'not-found');
      }
    }
    const listed = await alice().get<Array<{ id: string }>>('/threads');
    assert.ok(listed.body.some((t) => t.id === sentinel.threadId));
  });
});

/** What the URL names, as the server decodes it (malformed escapes stay as they are). */
function decoded(id: string): string {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}

describe('ids that look like paths or headers', () => {
  const traversal = ['..', '../', '..%2F', '%2e%2e', '%2e%2e%2fthreads', 'x%2F..%2F..%2Fthreads', '%0d%0aSet-Cookie:%20pwned=1', '%ED%A0%80', '%C0%AF', 'x'.repeat(201)];

  test('a thread id like ../, %2e%2e or an encoded CRLF is not found, for every route, and sets no header', async () => {
    const w = await proposedWorld();
    const before = await snapshot(w);
    for (const id of traversal) {
      for (const [method, path, body] of [
        ['GET', `/threads/${id}`, undefined],
        ['GET', `/threads/${id}/events`, undefined],
        ['GET', `/threads/${id}/messages`, undefined],
        ['POST', `/threads/${id}/messages`, { id: uid('msg'), text: 'hi' }],
        ['POST', `/threads/${id}/events`, proposal(decoded(id))],
      ] as const) {
        const r = method === 'GET' ? await alice().get<ErrorEnvelope>(path) : await alice().post<ErrorEnvelope>(path, body);
        assert.ok([404, 422].includes(r.status), `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
        if (r.status === 404) assert.equal(r.body.error.code, 'not-found', path);
        else assert.equal(r.body.error.details?.field, 'threadId', path);
        assert.equal(r.headers.get('set-cookie'), null, path);
      }
    }
    // The real thread, reached through a path with dot segments, is only ever itself.
    const dotted = await alice().get<MeetingEvent[]>(`/threads/x/../${encodeURIComponent(w.threadId)}/events`);
    assert.ok(dotted.status === 404 || (dotted.status === 200 && dotted.body.length === 1), `dot segments: ${dotted.status}`);
    assert.deepEqual(await snapshot(w), before);
  });

  test('ids with line breaks never reach a response header', async () => {
    const w = await proposedWorld();
    const r = await alice().append<ErrorEnvelope>(w.threadId, proposal(w.threadId, { id: uid('p'), meetingId: 'm\r\nSet-Cookie: pwned=1' }));
    assert.equal(r.status, 422);
    assert.equal(r.body.error.details?.field, 'meetingId');
    const share = await alice().post<ErrorEnvelope>(`/meetings/${encodeURIComponent('m\r\nSet-Cookie: pwned=1')}/share`, { guestId: 'g\r\nX-Evil: 1' });
    assert.ok(share.status === 404 || share.status === 422, String(share.status));
    for (const answer of [r, share]) {
      assert.equal(answer.headers.get('set-cookie'), null);
      assert.equal(answer.headers.get('x-evil'), null);
    }
  });

  test('the ETag is only ever the meeting sequence, whatever the event carried', async () => {
    const w = await proposedWorld();
    const r = await bob().append(w.threadId, accept(w.p, 0, { id: `"; W/"9" ${uid('a')}` }), 0);
    assert.equal(r.status, 201);
    assert.equal(r.headers.get('etag'), '"1"');
  });

  test('Last-Event-ID that is not a position is refused, not used in a query', async () => {
    const w = await proposedWorld();
    for (const value of ["0; DROP TABLE events", '-1', '1e3', '0x10', ' 1 OR 1=1']) {
      const r = await alice().get<ErrorEnvelope>(`/threads/${w.threadId}/stream`, { 'last-event-id': value });
      assert.equal(r.status, 422, value);
      assert.equal(r.body.error.details?.field, 'Last-Event-ID');
    }
  });
});

describe('markup is data to the API', () => {
  test('every XSS payload is stored and served back verbatim as JSON, never as HTML', async () => {
    const w = await proposedWorld();
    const sent: string[] = [];
    for (const { id, text } of XSS_PAYLOADS) {
      const r = await alice().post<ThreadMessage>(`/threads/${w.threadId}/messages`, { id: `xss-${id}-${uid('m')}`, text });
      assert.equal(r.status, 201, id);
      assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      sent.push(text);
    }
    const listed = await bob().get<ThreadMessage[]>(`/threads/${w.threadId}/messages`);
    assert.deepEqual(listed.body.slice(2).map((m) => m.text), sent);
  });
});

describe('ids with control characters in the path', () => {
  test('a NUL or another control character in a thread or meeting id is not found, for every route', async () => {
    const w = await proposedWorld();
    const before = await snapshot(w);
    for (const id of ['%00', 'a%00b', `${encodeURIComponent(w.threadId)}%00`, '%01', '%7F']) {
      for (const [method, path, body] of [
        ['GET', `/threads/${id}`, undefined],
        ['GET', `/threads/${id}/events`, undefined],
        ['GET', `/threads/${id}/messages`, undefined],
        ['GET', `/threads/${id}/stream`, undefined],
        ['POST', `/threads/${id}/messages`, { id: uid('msg'), text: 'hi' }],
        ['POST', `/threads/${id}/events`, cancel(w.p, 0)],
        ['POST', `/meetings/${id}/share`, {}],
      ] as const) {
        const r = method === 'GET' ? await alice().get<ErrorEnvelope>(path) : await alice().post<ErrorEnvelope>(path, body);
        assert.equal(r.status, 404, `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
        assert.equal(r.body.error.code, 'not-found');
      }
    }
    assert.deepEqual(await snapshot(w), before);
  });
});

describe('NUL characters in bodies', () => {
  test('a NUL in a message or in an event text is refused as invalid input, not a server error', async () => {
    const w = await proposedWorld();
    const before = await snapshot(w);
    const message = await alice().post<ErrorEnvelope>(`/threads/${encodeURIComponent(w.threadId)}/messages`, { id: uid('msg'), text: 'a\u0000b' });
    assert.equal(message.status, 422, JSON.stringify(message.body));
    const event = await alice().post<ErrorEnvelope>(`/threads/${encodeURIComponent(w.threadId)}/events`, { ...cancel(w.p, 0), reason: 'x\u0000y' }, { 'if-match': '"0"' });
    assert.equal(event.status, 422, JSON.stringify(event.body));
    assert.deepEqual(await snapshot(w), before);
  });
});
