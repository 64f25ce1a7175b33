/**
 * Server-Sent Events: live delivery, exact resume with Last-Event-ID, heartbeats, and
 * the stream over a real socket (`@hono/node-server`).
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { serve } from '@hono/node-server';
import type { MeetingEvent } from '@meeting-scheduler/core';
import type { MeetingServer, MeetingStore } from '@meeting-scheduler/server';
import { accept, as, eventually, makeServer, newThread, openStream, pause, proposal, uid, type ErrorEnvelope } from './helpers.ts';
import { testPglite } from './pglite.ts';

let store: MeetingStore;
let closeStore: () => Promise<void>;
let app: MeetingServer;

before(async () => {
  ({ store, close: closeStore } = await testPglite());
  app = makeServer(store);
});
after(() => closeStore());

const say = (threadId: string, text: string, user = 'alice') => as(app, user).post(`/threads/${threadId}/messages`, { id: uid('msg'), text });

describe('thread streams', () => {
  test('a subscriber gets the events and messages appended after it connects, in order, each with its stream position', async () => {
    const threadId = await newThread(store);
    await say(threadId, 'before anyone listened');
    const s = await openStream(app, 'bob', threadId);
    try {
      assert.equal(s.status, 200);
      assert.match(s.headers.get('content-type') ?? '', /^text\/event-stream/);
      const [ready] = await s.waitFor('ready', 1);
      assert.deepEqual(JSON.parse(ready!.data), { position: 1 });
      assert.equal(ready!.id, '1');

      const p = proposal(threadId);
      await as(app, 'alice').append(threadId, p);
      await say(threadId, 'Sent you an invite');
      const a = accept(p, 0);
      await as(app, 'bob').append(threadId, a, 0);

      const events = await s.waitFor('meeting-event', 2);
      const messages = await s.waitFor('thread-message', 1);
      assert.deepEqual(events.map((f) => (JSON.parse(f.data) as MeetingEvent).id), [p.id, a.id]);
      assert.equal((JSON.parse(messages[0]!.data) as { text: string }).text, 'Sent you an invite');
      assert.deepEqual(s.frames.filter((f) => f.event !== 'ready').map((f) => f.id), ['2', '3', '4']);
    } finally {
      s.close();
    }
  });

  test('reconnecting with Last-Event-ID gets exactly the missed items, nothing twice', async () => {
    const threadId = await newThread(store);
    const first = await openStream(app, 'bob', threadId);
    await say(threadId, 'one');
    await say(threadId, 'two');
    const seen = await first.waitFor('thread-message', 2);
    first.close();
    const lastId = seen.at(-1)!.id!;

    await say(threadId, 'three');
    const p = proposal(threadId);
    await as(app, 'alice').append(threadId, p);
    await say(threadId, 'five');

    const resumed = await openStream(app, 'bob', threadId, { lastEventId: lastId });
    try {
      await resumed.waitFor('thread-message', 2);
      await resumed.waitFor('meeting-event', 1);
      await pause(50);
      const items = resumed.frames.filter((f) => f.event !== 'ready');
      assert.deepEqual(items.map((f) => f.id), ['3', '4', '5']);
      assert.deepEqual(items.map((f) => f.event), ['thread-message', 'meeting-event', 'thread-message']);
      await say(threadId, 'six');
      await resumed.waitFor('thread-message', 3);
      assert.deepEqual(resumed.frames.filter((f) => f.event !== 'ready').map((f) => f.id), ['3', '4', '5', '6']);
    } finally {
      resumed.close();
    }
  });

  test('?lastEventId= resumes like the header (EventSource’s first connect), and the header wins when both are sent', async () => {
    const threadId = await newThread(store);
    for (const text of ['a', 'b', 'c']) await say(threadId, text);
    const byQuery = await openStream(app, 'bob', threadId, { query: '?lastEventId=1' });
    const both = await openStream(app, 'bob', threadId, { query: '?lastEventId=0', lastEventId: 2 });
    try {
      await byQuery.waitFor('thread-message', 2);
      await both.waitFor('thread-message', 1);
      await pause(50);
      assert.deepEqual(byQuery.frames.filter((f) => f.event === 'thread-message').map((f) => f.id), ['2', '3']);
      assert.deepEqual(both.frames.filter((f) => f.event === 'thread-message').map((f) => f.id), ['3']);
    } finally {
      byQuery.close();
      both.close();
    }
  });

  test('the position from the events list resumes the stream with nothing lost in between', async () => {
    const threadId = await newThread(store);
    const p = proposal(threadId);
    await as(app, 'alice').append(threadId, p);
    const list = await as(app, 'bob').get<MeetingEvent[]>(`/threads/${threadId}/events`);
    const position = list.headers.get('stream-position')!;
    const a = accept(p, 0);
    await as(app, 'bob').append(threadId, a, 0); // stored before the stream opens
    const s = await openStream(app, 'bob', threadId, { query: `?lastEventId=${position}` });
    try {
      const [only] = await s.waitFor('meeting-event', 1);
      assert.equal((JSON.parse(only!.data) as MeetingEvent).id, a.id);
    } finally {
      s.close();
    }
  });

  test('a subscriber hears only its own thread, and never an event that was refused', async () => {
    const mine = await newThread(store);
    const other = await newThread(store);
    const s = await openStream(app, 'bob', mine);
    try {
      await say(other, 'elsewhere');
      const forged = proposal(mine, { by: 'bob', invitees: ['alice'] });
      assert.equal((await as(app, 'alice').append(mine, forged)).status, 403);
      await say(mine, 'here');
      await s.waitFor('thread-message', 1);
      await pause(50);
      assert.deepEqual(s.frames.map((f) => f.event), ['ready', 'thread-message']);
    } finally {
      s.close();
    }
  });

  test('heartbeat comments keep an idle stream open', async () => {
    const beating = makeServer(store, { limits: { heartbeatMs: 30 } });
    const threadId = await newThread(store);
    const s = await openStream(beating, 'alice', threadId);
    try {
      await eventually(() => (s.comments.filter((c) => c === 'heartbeat').length >= 2 ? true : undefined), 'two heartbeats');
    } finally {
      s.close();
    }
  });

  test('a Last-Event-ID that is not a stream position is refused', async () => {
    const threadId = await newThread(store);
    const r = await as(app, 'alice').get<ErrorEnvelope>(`/threads/${threadId}/stream`, { 'last-event-id': 'abc' });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.details?.field, 'Last-Event-ID');
  });

  test('a user holding too many streams gets 429 until one is closed', async () => {
    const tight = makeServer(store, { limits: { maxStreamsPerUser: 2 } });
    const threadId = await newThread(store);
    const a = await openStream(tight, 'alice', threadId);
    const b = await openStream(tight, 'alice', threadId);
    const c = await openStream(tight, 'alice', threadId);
    assert.equal(c.status, 429);
    assert.ok(c.headers.get('retry-after'));
    const d = await openStream(tight, 'bob', threadId);
    assert.equal(d.status, 200, 'per user');
    d.close();
    a.close();
    await eventually(async () => {
      const e = await openStream(tight, 'alice', threadId);
      e.close();
      return e.status === 200 ? true : undefined;
    }, 'the closed stream to be released');
    b.close();
  });
});

describe('streams over a real socket', () => {
  let server: ReturnType<typeof serve>;
  let baseUrl: string;
  let socketApp: MeetingServer;

  before(async () => {
    socketApp = makeServer(store, { limits: { maxStreamsPerUser: 1 } });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: socketApp.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
        baseUrl = `http://127.0.0.1:${info.port}`;
        resolve();
      });
    });
  });
  after(async () => {
    socketApp.closeStreams();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
  });

  test('a stream delivers over HTTP, and a client that goes away frees its place', async () => {
    const threadId = await newThread(store);
    const http = { fetch: (r: Request) => fetch(r) };
    const s = await openStream(http, 'bob', threadId, { baseUrl });
    assert.equal(s.status, 200);
    await as(socketApp, 'alice').post(`/threads/${threadId}/messages`, { id: uid('msg'), text: 'over the wire' });
    await s.waitFor('thread-message', 1);
    s.close();
    // maxStreamsPerUser is 1: a new stream opens only once the server noticed the disconnect.
    await eventually(async () => {
      const again = await openStream(http, 'bob', threadId, { baseUrl });
      again.close();
      return again.status === 200 ? true : undefined;
    }, 'the server to notice the client left');
  });
});
