/**
 * The messaging demo's server (examples/messaging-demo/server): one process serving
 * the page, the meeting API under /api with a sign-in-as cookie, settings, the email
 * outbox written by `notify`, ICS feeds and guest links — and all of it survives a
 * restart on the same data folder. One PGlite open per start (copied from the
 * migrated template the server tests share).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Meeting, MeetingEvent, ThreadInfo } from '@meeting-scheduler/core';
import { icsFeedCalendar } from '@meeting-scheduler/adapters/ics-feed';
import { startDemoServer, type DemoServer } from '../../examples/messaging-demo/server/demo-server.ts';
import { migratedDataDir } from '../server/pglite.ts';

const PAGE = '<!doctype html><title>Messaging demo test page</title><div id="app"></div>';
const NOW = Date.parse('2026-11-25T14:00:00Z');

let dataDir: string;
let staticDir: string;
let server: DemoServer;
let cookies: Record<string, string> = {};

async function start(): Promise<DemoServer> {
  return startDemoServer({ dataDir, port: 0, staticDir, log: () => {}, now: () => NOW });
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'messaging-demo-test-'));
  const db = await migratedDataDir();
  mkdirSync(join(dataDir, 'db'));
  cpSync(db, join(dataDir, 'db'), { recursive: true });
  rmSync(db, { recursive: true, force: true });
  staticDir = join(dataDir, 'page');
  mkdirSync(staticDir);
  writeFileSync(join(dataDir, 'secret.json'), '{"secret":true}');
  writeFileSync(join(staticDir, 'index.html'), PAGE);
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  server = await start();
});

after(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(userId: string): Promise<void> {
  const r = await fetch(new URL('/demo/session', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  assert.equal(r.status, 200);
  const cookie = r.headers.get('set-cookie') ?? '';
  assert.match(cookie, /HttpOnly/i);
  assert.match(cookie, /SameSite=Lax/i);
  cookies[userId] = cookie.split(';')[0]!;
}

async function call<T>(as: string | undefined, path: string, init: RequestInit & { json?: unknown } = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const headers = new Headers(init.headers);
  if (as) headers.set('cookie', cookies[as]!);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const r = await fetch(new URL(path, server.url), { ...init, headers, body: body ?? null });
  const text = await r.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: r.status, body: parsed as T, headers: r.headers };
}

const proposal = (id: string): MeetingEvent => ({
  type: 'proposed',
  id: `${id}-p`,
  meetingId: id,
  by: 'alice',
  at: '2026-11-25T14:00:00Z',
  threadId: 'alice-bob',
  invitees: ['bob'],
  options: [
    { start: '2026-11-27T14:00:00Z', end: '2026-11-27T14:30:00Z' },
    { start: '2026-11-30T14:00:00Z', end: '2026-11-30T14:30:00Z' },
  ],
  durationMinutes: 30,
  title: 'Logo feedback',
  message: 'Walk through the drafts?',
});

test('the API refuses callers who have not signed in, and the session says who is signed in', async () => {
  assert.equal((await call(undefined, '/api/threads')).status, 401);
  const anonymous = await call<{ user: unknown; people: Array<{ id: string; timeZone: string }> }>(undefined, '/demo/session');
  assert.equal(anonymous.body.user, null);
  assert.deepEqual(anonymous.body.people.map((p) => `${p.id} ${p.timeZone}`), ['alice America/New_York', 'bob Asia/Kolkata', 'carol Europe/Berlin']);
  const unknown = await call(undefined, '/demo/session', { method: 'POST', json: { userId: 'mallory' } });
  assert.equal(unknown.status, 404);
  await signIn('alice');
  await signIn('bob');
  await signIn('carol');
  const me = await call<{ user: { id: string } }>('bob', '/demo/session');
  assert.equal(me.body.user.id, 'bob');
});

test('alice sees her three seeded threads with their opening messages; carol is not in the alice–bob chat', async () => {
  const threads = await call<ThreadInfo[]>('alice', '/api/threads');
  assert.equal(threads.status, 200);
  assert.deepEqual(threads.body.map((t) => t.id).sort(), ['alice-bob', 'alice-carol', 'launch-team']);
  const group = threads.body.find((t) => t.id === 'launch-team')!;
  assert.equal(group.title, 'Logo launch');
  assert.deepEqual(group.participants.map((p) => p.timeZone), ['America/New_York', 'Asia/Kolkata', 'Europe/Berlin']);
  const messages = await call<Array<{ by: string; text: string }>>('alice', '/api/threads/alice-bob/messages');
  assert.equal(messages.body.length, 3);
  assert.equal(messages.body[1]!.by, 'bob');
  assert.equal((await call('carol', '/api/threads/alice-bob/messages')).status, 403);
});

test('a message alice posts is read by bob, attributed to alice by the server', async () => {
  const posted = await call<{ by: string }>('alice', '/api/threads/alice-bob/messages', { method: 'POST', json: { id: 'msg-hello', text: 'See you <b>soon</b>' } });
  assert.equal(posted.status, 201);
  const seen = await call<Array<{ id: string; by: string; text: string }>>('bob', '/api/threads/alice-bob/messages');
  const mine = seen.body.find((m) => m.id === 'msg-hello')!;
  assert.deepEqual([mine.by, mine.text], ['alice', 'See you <b>soon</b>']);

  // The page's timeline: messages and events in stored order with positions, and only what is new after one.
  type Timeline = { entries: Array<{ position: number; kind: string; message?: { id: string } }>; position: number };
  const all = await call<Timeline>('bob', '/demo/threads/alice-bob/timeline');
  assert.deepEqual(all.body.entries.map((e) => e.position), [1, 2, 3, 4]);
  assert.equal(all.body.entries.at(-1)!.message!.id, 'msg-hello');
  const newer = await call<Timeline>('bob', '/demo/threads/alice-bob/timeline?after=3');
  assert.deepEqual([newer.body.entries.length, newer.body.position], [1, 4]);
  assert.equal((await call('carol', '/demo/threads/alice-bob/timeline')).status, 403);
});

test('a proposal from alice reaches bob, and notify writes bob the email he would get, in his zone', async () => {
  const r = await call<{ meeting: Meeting }>('alice', '/api/threads/alice-bob/events', { method: 'POST', json: proposal('m-demo-1') });
  assert.equal(r.status, 201);
  const events = await call<MeetingEvent[]>('bob', '/api/threads/alice-bob/events');
  assert.deepEqual(events.body.map((e) => e.id), ['m-demo-1-p']);

  const mail = await waitFor(async () => (await call<Array<{ subject: string; text: string; to: { email: string } }>>('bob', '/demo/outbox')).body[0]);
  assert.equal(mail.subject, 'Alice Chen invited you: Logo feedback');
  assert.equal(mail.to.email, 'bob@studio.example');
  assert.match(mail.text, /^Alice Chen proposed 2 times for "Logo feedback" in your chat with Alice Chen:$/m);
  assert.match(mail.text, /• Fri, Nov 27, 7:30\s–\s8:00\sPM IST$/m, 'her 9:00 AM New York slot is his 7:30 PM');
  assert.match(mail.text, /"Walk through the drafts\?"/);
  assert.deepEqual((await call<unknown[]>('alice', '/demo/outbox')).body, [], 'the author is not emailed about her own proposal');
});

test('email follows each person\'s settings: alice turns off email for acceptances; bob is emailed the cancellation with its .ics', async () => {
  // Alice turns email off for "accepted": Bob's acceptance then sends her nothing.
  const settings = await call<{ notifications: { channels: Record<string, { inApp: boolean; email: boolean }> } }>('alice', '/demo/settings');
  assert.equal(settings.status, 200);
  const notifications = { ...settings.body.notifications, channels: { ...settings.body.notifications.channels, accepted: { inApp: true, email: false } } };
  assert.equal((await call('alice', '/demo/settings', { method: 'PUT', json: { notifications } })).status, 204);
  assert.equal((await call('alice', '/demo/settings', { method: 'PUT', json: { notifications: { channels: 'x' } } })).status, 422);

  const accept: MeetingEvent = {
    type: 'accepted', id: 'm-demo-1-a', meetingId: 'm-demo-1', by: 'bob', at: '2026-11-25T14:05:00Z', sequence: 0,
    option: { start: '2026-11-27T14:00:00Z', end: '2026-11-27T14:30:00Z' },
  };
  assert.equal((await call('bob', '/api/threads/alice-bob/events', { method: 'POST', json: accept, headers: { 'if-match': '"0"' } })).status, 201);
  const cancel: MeetingEvent = { type: 'cancelled', id: 'm-demo-1-c', meetingId: 'm-demo-1', by: 'alice', at: '2026-11-25T14:06:00Z', sequence: 1, reason: 'Client moved the deadline' };
  assert.equal((await call('alice', '/api/threads/alice-bob/events', { method: 'POST', json: cancel, headers: { 'if-match': '"1"' } })).status, 201);

  const bobs = await waitFor(async () => {
    const list = (await call<Array<{ subject: string; text: string; ics?: { content: string } }>>('bob', '/demo/outbox')).body;
    return list.length >= 2 ? list : undefined;
  });
  assert.equal(bobs[0]!.subject, 'Cancelled: Logo feedback');
  assert.match(bobs[0]!.text, /Reason: Client moved the deadline/);
  assert.match(bobs[0]!.ics!.content, /METHOD:CANCEL/);
  assert.deepEqual((await call<unknown[]>('alice', '/demo/outbox')).body, [], 'alice asked for no email about acceptances');
});

test('each person has a personal ICS feed that the ICS adapter reads, recurring events included', async () => {
  const r = await call<string>(undefined, '/feeds/carol.ics');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^text\/calendar/);
  assert.equal((await call(undefined, '/feeds/mallory.ics')).status, 404);
  const feed = icsFeedCalendar({ url: new URL('/feeds/carol.ics', server.url).href });
  const [calendar] = await feed.listCalendars();
  assert.equal(calendar!.name, 'Carol — personal');
  const busy = await feed.getBusy({ start: '2026-11-23T00:00:00Z', end: '2026-11-30T00:00:00Z' }, [calendar!.id]);
  // Gym Mon + Wed 07:00 Berlin (CET, UTC+1), school pickup Tue + Thu, dentist Thu, dinner Fri.
  const starts = busy.map((b) => b.start);
  assert.ok(starts.includes('2026-11-23T06:00:00Z'), `gym on Monday at 7:00 Berlin in ${starts.join(', ')}`);
  assert.ok(starts.includes('2026-11-26T07:30:00Z'), 'the dentist on Thursday at 8:30 Berlin');
  assert.equal(busy.length, 6);
});

test('a guest link opens the demo page, and the page reads the meeting through /api/guest', async () => {
  const m = proposal('m-demo-2');
  assert.equal((await call('alice', '/api/threads/alice-bob/events', { method: 'POST', json: m })).status, 201);
  const option = (m as Extract<MeetingEvent, { type: 'proposed' }>).options[1]!;
  const accept: MeetingEvent = { type: 'accepted', id: 'm-demo-2-a', meetingId: 'm-demo-2', by: 'bob', at: '2026-11-25T14:10:00Z', sequence: 0, option };
  assert.equal((await call('bob', '/api/threads/alice-bob/events', { method: 'POST', json: accept, headers: { 'if-match': '"0"' } })).status, 201);
  const share = await call<{ url: string; token: string }>('alice', '/api/meetings/m-demo-2/share', { method: 'POST', json: {} });
  assert.equal(share.status, 201);
  const link = new URL(share.body.url);
  assert.equal(link.origin, new URL(server.url).origin);
  assert.equal(link.pathname, `/guest/${share.body.token}`);

  const page = await fetch(link);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  assert.equal(await page.text(), PAGE);
  const guest = await call<{ meeting: Meeting; participants: Array<{ id: string }> }>(undefined, `/api/guest/${share.body.token}`);
  assert.equal(guest.status, 200);
  assert.equal(guest.body.meeting.confirmed?.start, option.start);
  assert.equal(guest.body.meeting.message, undefined, 'the guest does not read the thread');
  assert.equal((await call(undefined, `/api/guest/${share.body.token.slice(0, -2)}xx`)).status, 403);

  const asset = await fetch(new URL('/assets/app.js', server.url));
  assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
  const sneaky = await fetch(new URL('/assets/..%2f..%2fsecret.json', server.url));
  assert.equal(sneaky.status, 404, 'no file outside the page folder');
});

test('a restart on the same data folder keeps threads, messages, meetings, settings, the outbox and guest links', async () => {
  const share = await call<{ url: string; token: string }>('alice', '/api/meetings/m-demo-2/share', { method: 'POST', json: {} });
  const outboxBefore = (await call<unknown[]>('bob', '/demo/outbox')).body;
  await server.close();
  server = await start();
  cookies = {};
  await signIn('alice');
  await signIn('bob');
  const messages = await call<Array<{ id: string }>>('bob', '/api/threads/alice-bob/messages');
  assert.ok(messages.body.some((m) => m.id === 'msg-hello'));
  assert.equal(messages.body.filter((m) => m.id.startsWith('seed-')).length, 3, 'the seed is not repeated');
  const events = await call<MeetingEvent[]>('bob', '/api/threads/alice-bob/events');
  assert.deepEqual(events.body.map((e) => e.type), ['proposed', 'accepted', 'cancelled', 'proposed', 'accepted', 'link-shared', 'link-shared']);
  assert.deepEqual((await call<unknown[]>('bob', '/demo/outbox')).body, outboxBefore);
  const settings = await call<{ notifications: { channels: Record<string, { email: boolean }> } }>('alice', '/demo/settings');
  assert.equal(settings.body.notifications.channels.accepted!.email, false);
  assert.equal((await call(undefined, `/api/guest/${share.body.token}`)).status, 200, 'the guest secret is kept in the data folder');
});

async function waitFor<T>(read: () => Promise<T | undefined>, ms = 3000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() - started > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}
