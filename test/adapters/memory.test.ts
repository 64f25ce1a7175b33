import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SchedulerError, reduceMeeting, type MeetingEvent, type Participant } from '@meeting-scheduler/core';
import { memoryThread, type MemoryThread, type MemoryThreadSeed } from '@meeting-scheduler/adapters/memory';
import { isSchedulerError, proposalFor, threadAdapterContract } from './contract.ts';

const ALICE: Participant = { id: 'alice', name: 'Alice', timeZone: 'America/New_York', email: 'alice@acme.example' };
const BOB: Participant = { id: 'bob', name: 'Bob', timeZone: 'Asia/Kolkata', email: 'bob@studio.example' };
const CARA: Participant = { id: 'cara', name: 'Cara', timeZone: 'Europe/Berlin' };

let unique = 0;

function aliceAndBob(extra: Partial<MemoryThreadSeed> = {}): { alice: MemoryThread; bob: MemoryThread; threadId: string } {
  const threadId = `t-memory-${++unique}`;
  const alice = memoryThread({ currentUserId: 'alice', threads: [{ id: threadId, title: 'Logo', participants: [ALICE, BOB] }], ...extra });
  return { alice, bob: alice.as('bob'), threadId };
}

threadAdapterContract('memory', async () => aliceAndBob());

/** Lets queued microtasks and timers run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function acceptOf(p: ReturnType<typeof proposalFor>, sequence = 0, id = `${p.meetingId}-a`): MeetingEvent {
  return { type: 'accepted', id, meetingId: p.meetingId, by: 'bob', at: '2026-03-02T12:00:00Z', sequence, option: p.options[0]! };
}

function rescheduleOf(p: ReturnType<typeof proposalFor>, sequence = 0): MeetingEvent {
  return {
    type: 'rescheduled', id: `${p.meetingId}-r${sequence}`, meetingId: p.meetingId, by: 'alice', at: '2026-03-02T11:00:00Z', sequence,
    options: [{ start: '2026-03-12T13:00:00Z', end: '2026-03-12T13:30:00Z' }], reason: 'Clash',
  };
}

describe('memoryThread: the thread and who may see it', () => {
  test('each view sees the thread as its own user, with every participant', async () => {
    const { alice, bob, threadId } = aliceAndBob();
    assert.deepEqual(await alice.getThread(threadId), { id: threadId, title: 'Logo', participants: [ALICE, BOB], currentUserId: 'alice' });
    assert.equal((await bob.getThread(threadId)).currentUserId, 'bob');
    assert.equal(alice.currentUserId, 'alice');
    assert.equal(bob.currentUserId, 'bob');
  });

  test('someone outside the thread gets not-found, exactly as for a thread that does not exist', async () => {
    const { alice, threadId } = aliceAndBob();
    const mallory = alice.as('mallory');
    const outside = await mallory.getThread(threadId).catch((e: unknown) => e);
    const missing = await mallory.getThread('t-nowhere').catch((e: unknown) => e);
    assert.ok(isSchedulerError('not-found')(outside) && isSchedulerError('not-found')(missing));
    assert.equal((outside as SchedulerError).message, (missing as SchedulerError).message);
    await assert.rejects(mallory.listEvents(threadId), isSchedulerError('not-found'));
    await assert.rejects(mallory.appendEvent(threadId, { ...proposalFor(threadId), by: 'mallory' }), isSchedulerError('not-found'));
  });

  test('threads() lists only the threads the user is in, and an added thread is seen by every view', async () => {
    const { alice, bob, threadId } = aliceAndBob();
    alice.addThread({ id: `${threadId}-cara`, participants: [ALICE, CARA] });
    assert.deepEqual((await alice.threads()).map((t) => t.id), [threadId, `${threadId}-cara`]);
    assert.deepEqual((await bob.threads()).map((t) => t.id), [threadId]);
    const cara = bob.as('cara');
    assert.deepEqual(await cara.threads(), [{ id: `${threadId}-cara`, participants: [ALICE, CARA], currentUserId: 'cara' }]);
  });

  test('a duplicate thread, or one with a participant without a valid zone, is invalid input', () => {
    const { alice, threadId } = aliceAndBob();
    assert.throws(() => alice.addThread({ id: threadId, participants: [ALICE] }), isSchedulerError('invalid-input'));
    assert.throws(() => alice.addThread({ id: 'x', participants: [{ ...CARA, timeZone: 'Mars/Olympus' }] }), isSchedulerError('invalid-input'));
    assert.throws(() => alice.addThread({ id: 'y', participants: [ALICE, ALICE] }), isSchedulerError('invalid-input'));
    assert.throws(() => alice.addThread({ id: 'z', participants: [] }), isSchedulerError('invalid-input'));
  });

  test('without a seed it is an empty store for the user "me"', async () => {
    const store = memoryThread();
    assert.equal(store.currentUserId, 'me');
    assert.deepEqual(await store.threads(), []);
  });

  test('changing what was read changes nothing stored', async () => {
    const { alice, threadId } = aliceAndBob();
    const info = await alice.getThread(threadId);
    info.participants[0]!.name = 'Eve';
    const p = proposalFor(threadId);
    await alice.appendEvent(threadId, p);
    p.options[0]!.start = '2030-01-01T00:00:00Z';
    const [listed] = await alice.listEvents(threadId);
    (listed as { message?: string }).message = 'tampered';
    assert.equal((await alice.getThread(threadId)).participants[0]!.name, 'Alice');
    const [again] = await alice.listEvents(threadId);
    assert.equal((again as { message?: string }).message, 'Logo review?');
    assert.equal((again as typeof p).options[0]!.start, '2026-03-10T13:00:00Z');
  });
});

describe('memoryThread: appending events', () => {
  test('nobody can write an event in someone else’s name', async () => {
    const { bob, threadId } = aliceAndBob();
    await assert.rejects(bob.appendEvent(threadId, proposalFor(threadId)), isSchedulerError('permission-denied'));
    assert.deepEqual(await bob.listEvents(threadId), []);
  });

  test('a stale accept is rejected as a conflict carrying the current meeting', async () => {
    const { alice, bob, threadId } = aliceAndBob();
    const p = proposalFor(threadId);
    await alice.appendEvent(threadId, p);
    await alice.appendEvent(threadId, rescheduleOf(p, 0), { expectedSequence: 0 });
    const error = await bob.appendEvent(threadId, acceptOf(p, 0), { expectedSequence: 0 }).catch((e: unknown) => e);
    assert.ok(isSchedulerError('conflict')(error));
    const { meeting } = (error as SchedulerError).details as { meeting: { sequence: number; status: string; options: unknown[] } };
    assert.equal(meeting.sequence, 1);
    assert.equal(meeting.status, 'proposed');
    assert.deepEqual(meeting.options, [{ start: '2026-03-12T13:00:00Z', end: '2026-03-12T13:30:00Z' }]);
    assert.equal((await bob.listEvents(threadId)).length, 2, 'nothing was stored');
  });

  test('an event carrying an old sequence is a conflict even without expectedSequence', async () => {
    const { alice, bob, threadId } = aliceAndBob();
    const p = proposalFor(threadId);
    await alice.appendEvent(threadId, p);
    await alice.appendEvent(threadId, rescheduleOf(p, 0));
    const error = await bob.appendEvent(threadId, acceptOf(p, 0)).catch((e: unknown) => e);
    assert.ok(isSchedulerError('conflict')(error), 'core’s stale-sequence surfaces as the contract’s conflict');
    assert.equal(((error as SchedulerError).details as { meeting: { sequence: number } }).meeting.sequence, 1);
  });

  test('of two racing accepts exactly one is stored', async () => {
    const { alice, threadId } = aliceAndBob();
    alice.addThread({ id: `${threadId}-g`, participants: [ALICE, BOB, CARA] });
    const group = `${threadId}-g`;
    const p = { ...proposalFor(group), invitees: ['bob', 'cara'] };
    await alice.appendEvent(group, p);
    const results = await Promise.allSettled([
      alice.as('bob').appendEvent(group, acceptOf(p, 0, 'a-bob'), { expectedSequence: 0 }),
      alice.as('cara').appendEvent(group, { ...acceptOf(p, 0, 'a-cara'), by: 'cara' }, { expectedSequence: 0 }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.ok(isSchedulerError('conflict')(rejected.reason));
    assert.equal((await alice.listEvents(group)).filter((e) => e.type === 'accepted').length, 1);
  });

  test('retrying an event that was already stored succeeds, even after the meeting moved on', async () => {
    const { alice, bob, threadId } = aliceAndBob();
    const p = proposalFor(threadId);
    await alice.appendEvent(threadId, p);
    const accept = acceptOf(p);
    await bob.appendEvent(threadId, accept, { expectedSequence: 0 });
    await bob.appendEvent(threadId, accept, { expectedSequence: 0 });
    assert.deepEqual((await bob.listEvents(threadId)).map((e) => e.id), [p.id, accept.id]);
  });

  test('an event the meeting rules refuse is rejected with core’s code and not stored', async () => {
    const { alice, bob, threadId } = aliceAndBob();
    const p = proposalFor(threadId);
    await alice.appendEvent(threadId, p);
    const elsewhere = { ...acceptOf(p), option: { start: '2026-03-20T13:00:00Z', end: '2026-03-20T13:30:00Z' } };
    await assert.rejects(bob.appendEvent(threadId, elsewhere), isSchedulerError('slot-unavailable'));
    await assert.rejects(alice.appendEvent(threadId, { ...proposalFor(threadId), options: [] }), isSchedulerError('invalid-input'));
    await assert.rejects(bob.appendEvent(threadId, { ...acceptOf(p), meetingId: 'no-such-meeting' }), isSchedulerError('not-found'));
    assert.deepEqual((await alice.listEvents(threadId)).map((e) => e.id), [p.id]);
  });

  test('something that is not an event is invalid input', async () => {
    const { alice, threadId } = aliceAndBob();
    await assert.rejects(alice.appendEvent(threadId, null as unknown as MeetingEvent), isSchedulerError('invalid-input'));
    await assert.rejects(alice.appendEvent(threadId, { ...proposalFor(threadId), by: 42 } as unknown as MeetingEvent), isSchedulerError('invalid-input'));
    const p = proposalFor(threadId);
    await alice.appendEvent(threadId, p);
    await assert.rejects(
      alice.appendEvent(threadId, rescheduleOf(p), { expectedSequence: 'latest' as unknown as number }),
      isSchedulerError('invalid-input'),
    );
  });

  test('an aborted request is a network error and stores nothing', async () => {
    const { alice, threadId } = aliceAndBob();
    const controller = new AbortController();
    controller.abort();
    const error = await alice.appendEvent(threadId, proposalFor(threadId), { signal: controller.signal }).catch((e: unknown) => e);
    assert.ok(isSchedulerError('network')(error));
    assert.equal(((error as SchedulerError).details as { aborted: boolean }).aborted, true);
    await assert.rejects(alice.getThread(threadId, { signal: controller.signal }), isSchedulerError('network'));
    assert.deepEqual(await alice.listEvents(threadId), []);
  });
});

describe('memoryThread: live updates', () => {
  test('two views of one store see each other’s events live', async () => {
    const { alice, bob, threadId } = aliceAndBob();
    const heardByAlice: string[] = [];
    const heardByBob: string[] = [];
    alice.subscribe(threadId, (events) => heardByAlice.push(...events.map((e) => e.id)));
    bob.subscribe(threadId, (events) => heardByBob.push(...events.map((e) => e.id)));
    const p = proposalFor(threadId);
    await alice.appendEvent(threadId, p);
    await bob.appendEvent(threadId, acceptOf(p), { expectedSequence: 0 });
    await settle();
    assert.deepEqual(heardByBob, [p.id, `${p.meetingId}-a`]);
    assert.deepEqual(heardByAlice, [p.id, `${p.meetingId}-a`]);
  });

  test('every listener hears each event exactly once, in order, and never synchronously', async () => {
    const { alice, bob, threadId } = aliceAndBob();
    const first: string[] = [];
    const second: string[] = [];
    bob.subscribe(threadId, (events) => first.push(...events.map((e) => e.id)));
    bob.subscribe(threadId, (events) => second.push(...events.map((e) => e.id)));
    const p = proposalFor(threadId);
    const r = rescheduleOf(p, 0);
    const sending = alice.appendEvent(threadId, p);
    assert.deepEqual(first, [], 'not during the call');
    await sending;
    await alice.appendEvent(threadId, p);
    await alice.appendEvent(threadId, r);
    await settle();
    assert.deepEqual(first, [p.id, r.id]);
    assert.deepEqual(second, [p.id, r.id]);
  });

  test('someone outside the thread hears nothing', async () => {
    const { alice, threadId } = aliceAndBob();
    const heard: MeetingEvent[][] = [];
    alice.as('mallory').subscribe(threadId, (events) => heard.push(events));
    await alice.appendEvent(threadId, proposalFor(threadId));
    await settle();
    assert.deepEqual(heard, []);
  });

  test('after unsubscribing nothing more arrives, not even an event not yet delivered', async () => {
    const { alice, bob, threadId } = aliceAndBob();
    const heard: string[] = [];
    const stop = bob.subscribe(threadId, (events) => heard.push(...events.map((e) => e.id)));
    const sending = alice.appendEvent(threadId, proposalFor(threadId));
    stop();
    stop();
    await sending;
    await alice.appendEvent(threadId, proposalFor(threadId));
    await settle();
    assert.deepEqual(heard, []);
  });

  test('a subscription made before its thread exists hears it once added', async () => {
    const store = memoryThread({ currentUserId: 'alice' });
    const heard: string[] = [];
    store.as('bob').subscribe('t-later', (events) => heard.push(...events.map((e) => e.id)));
    store.addThread({ id: 't-later', participants: [ALICE, BOB] });
    const p = proposalFor('t-later');
    await store.appendEvent('t-later', p);
    await settle();
    assert.deepEqual(heard, [p.id]);
  });

  test('what a listener is given is its own copy', async () => {
    const { alice, bob, threadId } = aliceAndBob();
    bob.subscribe(threadId, (events) => {
      (events[0] as { message?: string }).message = 'tampered';
    });
    let heardByAlice: MeetingEvent | undefined;
    alice.subscribe(threadId, (events) => (heardByAlice = events[0]));
    await alice.appendEvent(threadId, proposalFor(threadId));
    await settle();
    assert.equal((heardByAlice as { message?: string } | undefined)?.message, 'Logo review?');
    assert.equal(((await alice.listEvents(threadId))[0] as { message?: string }).message, 'Logo review?');
  });
});

describe('memoryThread: seeds, latency and injected failures', () => {
  test('seeded events are checked and folded, so the thread continues from them', async () => {
    const threadId = 't-seeded';
    const p = proposalFor(threadId, 'm-seeded');
    const alice = memoryThread({ currentUserId: 'alice', threads: [{ id: threadId, participants: [ALICE, BOB] }], events: { [threadId]: [p, p] } });
    assert.deepEqual((await alice.listEvents(threadId)).map((e) => e.id), [p.id]);
    await alice.as('bob').appendEvent(threadId, acceptOf(p), { expectedSequence: 0 });
    const meeting = reduceMeeting(await alice.listEvents(threadId), await alice.getThread(threadId));
    assert.equal(meeting.status, 'confirmed');
  });

  test('a seed the rules refuse, or with events for an unknown thread, throws at once', () => {
    const threadId = 't-bad-seed';
    const p = proposalFor(threadId);
    const threads = [{ id: threadId, participants: [ALICE, BOB] }];
    assert.throws(() => memoryThread({ currentUserId: 'alice', threads, events: { [threadId]: [acceptOf(p)] } }), isSchedulerError('not-found'));
    assert.throws(() => memoryThread({ currentUserId: 'alice', threads, events: { elsewhere: [p] } }), isSchedulerError('invalid-input'));
    assert.throws(() => memoryThread({ currentUserId: '', threads }), isSchedulerError('invalid-input'));
  });

  test('with latency every call takes about that long, and aborting while waiting rejects as network', async () => {
    const { alice, threadId } = aliceAndBob({ latencyMs: 40 });
    const started = performance.now();
    await alice.getThread(threadId);
    assert.ok(performance.now() - started >= 35, 'the call waited');
    const controller = new AbortController();
    const sending = alice.appendEvent(threadId, proposalFor(threadId), { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await assert.rejects(sending, isSchedulerError('network'));
    assert.deepEqual(await alice.listEvents(threadId), []);
  });

  test('failNext makes the next send fail with the given error, and the one after succeed', async () => {
    const { alice, bob, threadId } = aliceAndBob();
    const failure = new SchedulerError('network', 'offline');
    alice.failNext(failure);
    const p = proposalFor(threadId);
    await assert.rejects(alice.appendEvent(threadId, p), (e) => e === failure);
    await bob.appendEvent(threadId, { ...proposalFor(threadId), by: 'bob', invitees: ['alice'] });
    assert.equal((await alice.listEvents(threadId)).length, 1, 'only the failed view was affected, and it stored nothing');
    await alice.appendEvent(threadId, p);
    assert.equal((await alice.listEvents(threadId)).length, 2);
  });

  test('failNext can target reading calls', async () => {
    const { alice, threadId } = aliceAndBob();
    alice.failNext(new SchedulerError('provider-unavailable'), 'listEvents');
    await alice.getThread(threadId);
    await assert.rejects(alice.listEvents(threadId), isSchedulerError('provider-unavailable'));
    assert.deepEqual(await alice.listEvents(threadId), []);
  });
});
