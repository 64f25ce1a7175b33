/**
 * An append is folded against the thread and meeting the instance remembers, and
 * stored only if the database still has exactly those (ADR 0006, "One round trip").
 * Two instances on one PostgreSQL make what one remembers go out of date; these are
 * the ways that must still end as if every append had read the database under the lock.
 * Skips with the reason when no PostgreSQL can be started (CI installs it).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { postgresStore, type MeetingServer, type MeetingStore } from '@meeting-scheduler/server';
import { ALICE, BOB, CARA, accept, as, cancel, makeServer, newThread, proposal, reschedule, uid, type ErrorEnvelope } from './helpers.ts';
import { startPostgres } from './postgres.ts';

const postgres = await startPostgres();
const skip = 'skip' in postgres ? postgres.skip : false;
if (skip && process.env.CI) throw new Error(`PostgreSQL is required in CI: ${skip}`);
const url = 'skip' in postgres ? '' : postgres.connectionString;

type Stored = { meeting: { sequence: number; status: string } };

describe('an instance whose remembered meeting or thread is out of date', { skip }, () => {
  let storeA: MeetingStore;
  let storeB: MeetingStore;
  let appA: MeetingServer;
  let appB: MeetingServer;

  before(async () => {
    [storeA, storeB] = await Promise.all([postgresStore({ connectionString: url }), postgresStore({ connectionString: url })]);
    appA = makeServer(storeA);
    appB = makeServer(storeB);
  });
  after(async () => {
    await Promise.all([storeA?.close(), storeB?.close()]);
    if (!('skip' in postgres)) postgres.stop();
  });

  test('refuses an event that fits only the meeting it remembers, and answers with the stored one', async () => {
    const threadId = await newThread(storeA);
    const p = proposal(threadId);
    assert.equal((await as(appA, 'alice').append(threadId, p)).status, 201); // A remembers sequence 0
    assert.equal((await as(appB, 'bob').append(threadId, accept(p, 0), 0)).status, 201); // stored: sequence 1

    // Against sequence 0 (what A remembers) this cancel is fine; against the stored meeting it is stale.
    const answer = await as(appA, 'alice').append<ErrorEnvelope>(threadId, cancel(p, 0));
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error.code, 'stale-sequence');
    assert.deepEqual([answer.body.meeting?.sequence, answer.body.meeting?.status], [1, 'confirmed']);
    assert.deepEqual((await as(appA, 'alice').events(threadId)).map((e) => e.type), ['proposed', 'accepted']);
  });

  test('stores an event written against the stored meeting even when it remembers an older one', async () => {
    const threadId = await newThread(storeA);
    const p = proposal(threadId);
    await as(appA, 'alice').append(threadId, p);
    await as(appB, 'bob').append(threadId, accept(p, 0), 0);

    // A remembers sequence 0, so If-Match "1" looks stale to it: it must check before refusing.
    const answer = await as(appA, 'alice').append<Stored>(threadId, reschedule(p, 1), 1);
    assert.equal(answer.status, 201);
    assert.equal(answer.headers.get('etag'), '"2"');
    assert.equal(answer.body.meeting.sequence, 2);
  });

  test('answers a resent event with 200 even though the meeting moved on since', async () => {
    const threadId = await newThread(storeA);
    const p = proposal(threadId);
    await as(appA, 'alice').append(threadId, p);
    const a = accept(p, 0);
    assert.equal((await as(appB, 'bob').append(threadId, a, 0)).status, 201);
    await as(appB, 'alice').append(threadId, reschedule(p, 1), 1);

    // Resent through A, which never saw it: a duplicate, not a stale sequence.
    const again = await as(appA, 'bob').append<Stored>(threadId, a, 0);
    assert.equal(again.status, 200);
    assert.equal(again.body.meeting.sequence, 2);
  });

  test('refuses someone removed from the thread through the other instance, and stores nothing', async () => {
    const threadId = await newThread(storeA, [ALICE, BOB, CARA]);
    const p = proposal(threadId, { invitees: ['bob', 'cara'] });
    assert.equal((await as(appA, 'alice').append(threadId, p)).status, 201); // A remembers Cara as a participant
    await storeB.putThread({ id: threadId, title: 'Logo review', participants: [ALICE, BOB] });

    const answer = await as(appA, 'cara').append<ErrorEnvelope>(threadId, accept(p, 0, { by: 'cara', id: uid('cara-accept') }), 0);
    assert.equal(answer.status, 403);
    assert.equal(answer.body.error.code, 'not-a-participant');
    assert.deepEqual((await as(appB, 'alice').events(threadId)).map((e) => e.type), ['proposed']);
  });

  test('admits someone added to the thread through the other instance', async () => {
    const threadId = await newThread(storeA);
    const p = proposal(threadId);
    await as(appA, 'alice').append(threadId, p); // A remembers Alice and Bob only
    await storeB.putThread({ id: threadId, title: 'Logo review', participants: [ALICE, BOB, CARA] });

    const invite = proposal(threadId, { invitees: ['cara'] });
    assert.equal((await as(appA, 'alice').append(threadId, invite)).status, 201);
    assert.equal((await as(appA, 'cara').append(threadId, accept(invite, 0, { by: 'cara', id: uid('cara-accept') }), 0)).status, 201);
  });

  test('racing appends to many meetings of one thread through both instances all land, in one gap-free order', async () => {
    const threadId = await newThread(storeA);
    const proposals = Array.from({ length: 30 }, () => proposal(threadId));
    const answers = await Promise.all(proposals.map((p, i) => as(i % 2 ? appA : appB, 'alice').append<{ position: number }>(threadId, p)));
    assert.ok(answers.every((a) => a.status === 201));
    assert.deepEqual(answers.map((a) => a.body.position).sort((x, y) => x - y), Array.from({ length: 30 }, (_, i) => i + 1));
    const accepts = await Promise.all(proposals.map((p, i) => as(i % 2 ? appB : appA, 'bob').append(threadId, accept(p, 0), 0)));
    assert.ok(accepts.every((a) => a.status === 201));
    assert.equal((await storeB.listEvents(threadId)).position, 60);
  });
});
