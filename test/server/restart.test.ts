/**
 * The embedded store keeps everything across a restart on the same data folder.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pgliteStore } from '@meeting-scheduler/server';
import { accept, as, makeServer, newThread, openStream, proposal, uid } from './helpers.ts';
import { testPglite } from './pglite.ts';

test('events, messages and meetings survive a restart on the same data folder, and streams resume across it', async () => {
  const first = await testPglite();
  const { dataDir } = first;
  try {
    let app = makeServer(first.store);
    const threadId = await newThread(first.store);
    const p = proposal(threadId);
    assert.equal((await as(app, 'alice').append(threadId, p)).status, 201);
    const before = await openStream(app, 'bob', threadId);
    await as(app, 'bob').post(`/threads/${threadId}/messages`, { id: uid('msg'), text: 'Looks good' });
    const seen = await before.waitFor('thread-message', 1);
    before.close();
    await first.store.close();

    const lines: string[] = [];
    const reopened = await pgliteStore({ dataDir, log: (line) => void lines.push(line) });
    try {
      assert.deepEqual(lines, [], 'an existing folder opens without the first-start note');
      app = makeServer(reopened);
      assert.deepEqual(await as(app, 'bob').events(threadId), [p]);
      assert.deepEqual((await as(app, 'bob').get<Array<{ text: string }>>(`/threads/${threadId}/messages`)).body.map((m) => m.text), ['Looks good']);
      const a = accept(p, 0);
      const r = await as(app, 'bob').append<{ meeting: { status: string }; position: number }>(threadId, a, 0);
      assert.equal(r.status, 201, 'the meeting fold survived: the accept applies to sequence 0');
      assert.equal(r.body.position, 3, 'positions continue where they stopped');
      const resumed = await openStream(app, 'bob', threadId, { lastEventId: seen[0]!.id! });
      try {
        const [got] = await resumed.waitFor('meeting-event', 1);
        assert.equal(got!.id, '3');
        assert.equal((JSON.parse(got!.data) as { id: string }).id, a.id);
      } finally {
        resumed.close();
      }
    } finally {
      await reopened.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a new data folder is announced before its slow first start', async () => {
  // A folder that cannot be created fails right after the note, sparing the test an initdb.
  const dir = mkdtempSync(join(tmpdir(), 'meeting-server-note-'));
  const file = join(dir, 'a-file');
  writeFileSync(file, '');
  const lines: string[] = [];
  try {
    await assert.rejects(pgliteStore({ dataDir: join(file, 'data'), log: (line) => void lines.push(line) }));
    assert.deepEqual(lines, ['Preparing the embedded database… (first start takes ~20 s)']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
