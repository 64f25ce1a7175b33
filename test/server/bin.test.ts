/**
 * The `meeting-server` bin, as a person starts it: demo auth only on request, its
 * URL, and a restart on the same DATA_DIR that loses nothing. (The data folder is a
 * copy of a migrated one: a fresh initdb would add 10–20 s; restart.test.ts checks
 * the first-start note.)
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { MeetingEvent } from '@meeting-scheduler/core';
import { eventually, openStream, proposal } from './helpers.ts';
import { migratedDataDir } from './pglite.ts';

const BIN = ['--conditions=source', '--import', 'tsx', 'packages/server/src/bin.ts'];

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, BIN, { env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const run = { child, out: '', exited: new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))) };
  child.stdout.on('data', (d: Buffer) => (run.out += d));
  child.stderr.on('data', (d: Buffer) => (run.out += d));
  return run;
}

async function stop(run: ReturnType<typeof start>): Promise<number | null> {
  run.child.kill('SIGTERM');
  return run.exited;
}

test('the bin refuses to start unless demo authentication is asked for', async () => {
  const env: Record<string, string> = { DATA_DIR: join(tmpdir(), 'never-created') };
  const run = start(env);
  const code = await run.exited;
  assert.equal(code, 1);
  assert.match(run.out, /DEMO_AUTH=1/);
  assert.match(run.out, /createMeetingServer/);
});

test('the bin prints its URL, and restarted on the same DATA_DIR it has everything and streams resume', async () => {
  const dataDir = await migratedDataDir();
  const env = { DATA_DIR: dataDir, DEMO_AUTH: '1' };
  const urlOf = (run: ReturnType<typeof start>) =>
    eventually(() => /listening on (http:\/\/localhost:\d+) \(PGlite\)/.exec(run.out)?.[1], 'the bin to print its URL', 120_000);
  const post = (base: string, user: string, e: MeetingEvent, ifMatch?: number) =>
    fetch(`${base}/threads/demo/events`, {
      method: 'POST',
      headers: { 'x-user-id': user, 'content-type': 'application/json', ...(ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` }) },
      body: JSON.stringify(e),
    });
  try {
    const first = start(env);
    const base1 = await urlOf(first);
    assert.match(first.out, /no GUEST_SECRET set/);
    assert.match(first.out, /Demo only/);
    const p = proposal('demo', { invitees: ['priya'] });
    assert.equal((await post(base1, 'alice', p)).status, 201);
    assert.equal(await stop(first), 0);

    const second = start(env);
    const base2 = await urlOf(second);
    try {
      const listed = await fetch(`${base2}/threads/demo/events`, { headers: { 'x-user-id': 'priya' } });
      assert.deepEqual(await listed.json(), [p]);
      const a: MeetingEvent = { type: 'accepted', id: `${p.meetingId}-a`, meetingId: p.meetingId, by: 'priya', at: '2026-03-02T12:00:00Z', sequence: 0, option: p.options[0]! };
      assert.equal((await post(base2, 'priya', a, 0)).status, 201);
      // A client that saw position 1 before the restart resumes from there.
      const s = await openStream({ fetch: (r: Request) => fetch(r) }, 'alice', 'demo', { baseUrl: base2, lastEventId: 1 });
      try {
        const [got] = await s.waitFor('meeting-event', 1);
        assert.equal(got!.id, '2');
        assert.equal((JSON.parse(got!.data) as MeetingEvent).id, a.id);
      } finally {
        s.close();
      }
    } finally {
      assert.equal(await stop(second), 0);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
