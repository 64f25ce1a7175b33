/**
 * Scale-out on a real PostgreSQL: two server instances (two stores, one database)
 * behave as one — streams see each other's writes, races end with one winner.
 * Skips with the reason when no PostgreSQL can be started (CI installs it).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import type { MeetingEvent } from '@meeting-scheduler/core';
import { postgresStore, type MeetingServer, type MeetingStore } from '@meeting-scheduler/server';
import { accept, as, eventually, makeServer, newThread, openStream, pause, proposal, uid, type ErrorEnvelope } from './helpers.ts';
import { startPostgres } from './postgres.ts';

const postgres = await startPostgres();
const skip = 'skip' in postgres ? postgres.skip : false;
// CI installs PostgreSQL (.ci/run): there a missing one is a failure, not a skip.
if (skip && process.env.CI) throw new Error(`PostgreSQL is required in CI: ${skip}`);
if (skip) console.log(`# PostgreSQL tests skipped: ${skip}`);
const url = 'skip' in postgres ? '' : postgres.connectionString;

describe('two server instances on one PostgreSQL', { skip }, () => {
  let storeA: MeetingStore;
  let storeB: MeetingStore;
  let appA: MeetingServer;
  let appB: MeetingServer;
  const logged: string[] = [];

  before(async () => {
    // Started together: the migrations must run once, not twice.
    const logError = (message: string) => void logged.push(message);
    [storeA, storeB] = await Promise.all([postgresStore({ connectionString: url, logError }), postgresStore({ connectionString: url, logError })]);
    appA = makeServer(storeA);
    appB = makeServer(storeB);
  });
  after(async () => {
    await Promise.all([storeA?.close(), storeB?.close()]);
    if (!('skip' in postgres)) postgres.stop();
  });

  test('instances starting together migrate the database once', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT id FROM meeting_scheduler.schema_migrations');
      assert.deepEqual(rows.map((r: { id: string }) => r.id), ['0001-initial', '0002-append-functions', '0003-append-batches']);
    } finally {
      await client.end();
    }
  });

  test('a database migrated by a newer version is refused rather than misread', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("INSERT INTO meeting_scheduler.schema_migrations (id) VALUES ('9999-from-the-future')");
      await assert.rejects(postgresStore({ connectionString: url }), /newer version/);
    } finally {
      await client.query("DELETE FROM meeting_scheduler.schema_migrations WHERE id = '9999-from-the-future'");
      await client.end();
    }
  });

  test('a stream on instance A receives an event appended through instance B', async () => {
    const threadId = await newThread(storeA);
    const s = await openStream(appA, 'bob', threadId);
    try {
      await s.waitFor('ready', 1);
      const p = proposal(threadId);
      assert.equal((await as(appB, 'alice').append(threadId, p)).status, 201);
      const [got] = await s.waitFor('meeting-event', 1);
      assert.equal((JSON.parse(got!.data) as MeetingEvent).id, p.id);
      assert.equal(got!.id, '1');
    } finally {
      s.close();
    }
  });

  test('100 accepts racing through both instances store exactly one', async () => {
    const threadId = await newThread(storeA);
    const p = proposal(threadId);
    await as(appA, 'alice').append(threadId, p);
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => as(i % 2 ? appA : appB, 'bob').append<ErrorEnvelope>(threadId, accept(p, 0, { option: p.options[i % 2]! }), 0)),
    );
    assert.equal(answers.filter((a) => a.status === 201).length, 1);
    assert.ok(answers.every((a) => a.status === 201 || (a.status === 409 && a.body.meeting?.status === 'confirmed')));
    const events = await as(appB, 'alice').events(threadId);
    assert.equal(events.filter((e) => e.type === 'accepted').length, 1);
  });

  test('one meeting id proposed in two threads at once is stored once (the unique keys hold across thread locks)', async () => {
    const [t1, t2] = await Promise.all([newThread(storeA), newThread(storeA)]);
    const meetingId = uid('m-shared');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const threadId = i % 2 ? t1 : t2;
        return as(i % 4 < 2 ? appA : appB, 'alice').append<ErrorEnvelope>(threadId, proposal(threadId, { meetingId, id: uid('p') }));
      }),
    );
    assert.equal(answers.filter((a) => a.status === 201).length, 1);
    assert.ok(answers.every((a) => a.status === 201 || (a.status === 422 && a.body.error.code === 'invalid-transition')));
    const stored = [...(await storeB.listEvents(t1)).events, ...(await storeB.listEvents(t2)).events];
    assert.equal(stored.length, 1);
    assert.equal((await storeB.getMeeting(meetingId))?.threadId, stored[0]!.type === 'proposed' ? stored[0]!.threadId : undefined);
  });

  test('writes through both instances get one gap-free order that every stream agrees on', async () => {
    const threadId = await newThread(storeA);
    const onA = await openStream(appA, 'alice', threadId);
    const onB = await openStream(appB, 'bob', threadId);
    try {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => as(i % 2 ? appA : appB, i % 3 ? 'alice' : 'bob').post(`/threads/${threadId}/messages`, { id: uid('msg'), text: `#${i}` })),
      );
      const a = await onA.waitFor('thread-message', 40);
      const b = await onB.waitFor('thread-message', 40);
      await pause(50);
      const positions = Array.from({ length: 40 }, (_, i) => String(i + 1));
      assert.deepEqual(a.map((f) => f.id), positions);
      assert.deepEqual(b.map((f) => f.data), a.map((f) => f.data));
      assert.equal(onA.frames.filter((f) => f.event === 'thread-message').length, 40, 'nothing twice');
    } finally {
      onA.close();
      onB.close();
    }
  });

  test('a stream keeps receiving after its instance’s LISTEN connection is cut', async () => {
    const threadId = await newThread(storeA);
    const s = await openStream(appA, 'bob', threadId);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await s.waitFor('ready', 1);
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'meeting-scheduler' AND query ILIKE 'LISTEN%'");
      // Appended while A may not be listening: the reconnect re-reads after the cursor.
      const p = proposal(threadId);
      await as(appB, 'alice').append(threadId, p);
      const [got] = await s.waitFor('meeting-event', 1, 15_000);
      assert.equal((JSON.parse(got!.data) as MeetingEvent).id, p.id);
      await as(appB, 'bob').append(threadId, accept(p, 0), 0);
      await s.waitFor('meeting-event', 2, 15_000);
      assert.ok(logged.some((m) => m.includes('LISTEN connection failed')), 'the lost connection is reported');
    } finally {
      s.close();
      await admin.end();
    }
  });

  test('a store reopened on the same database has everything', async () => {
    const threadId = await newThread(storeA);
    const p = proposal(threadId);
    await as(appA, 'alice').append(threadId, p);
    const reopened = await postgresStore({ connectionString: url });
    try {
      const { events, position } = await reopened.listEvents(threadId);
      assert.deepEqual(events, [p]);
      assert.equal(position, 1);
      assert.equal((await reopened.getMeeting(p.meetingId))?.status, 'proposed');
      assert.deepEqual((await reopened.getThread(threadId))?.participants.map((x) => x.id), ['alice', 'bob']);
    } finally {
      await reopened.close();
    }
  });

  test('the meeting-server bin serves from DATABASE_URL', async () => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/server/src/bin.ts'], {
      env: { ...process.env, DATABASE_URL: url, PORT: '0', DEMO_AUTH: '1', GUEST_SECRET: 'x'.repeat(40) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    try {
      const base = await eventually(() => /listening on (http:\/\/localhost:\d+) \(PostgreSQL\)/.exec(out)?.[1], 'the bin to print its URL', 30_000);
      const r = await fetch(`${base}/threads/demo`, { headers: { 'x-user-id': 'alice' } });
      assert.equal(r.status, 200);
      assert.ok(!out.includes('Preparing the embedded database'));
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});
