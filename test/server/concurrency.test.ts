/**
 * Concurrency through the whole stack: many `httpThread` clients (the browser's own
 * adapter) talking HTTP to real server instances — one on PGlite, and two on one
 * PostgreSQL — racing on one meeting. Exactly one racing accept is stored and every
 * loser is told the invite was updated (a `conflict` carrying the current meeting,
 * which is what makes the card say "This invite was updated"; the card's side is
 * proven in test/elements/faults.test.ts). A reschedule racing an accept leaves every
 * client's live fold in the same state as the server's. Every event delivered twice
 * (re-POSTed, or handed to the fold again) changes nothing.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { serve } from '@hono/node-server';
import {
  applyMeetingEvent,
  reduceMeeting,
  SchedulerError,
  type Meeting,
  type MeetingEvent,
  type Participant,
  type ThreadInfo,
} from '@meeting-scheduler/core';
import { httpThread, type HttpThread, type StreamStatus } from '@meeting-scheduler/adapters/http';
import { postgresStore, type MeetingServer, type MeetingStore } from '@meeting-scheduler/server';
import { ALICE, BOB, CARA, accept, eventually, makeServer, pause, proposal, reschedule, slot, uid, type Proposed } from './helpers.ts';
import { testPglite } from './pglite.ts';
import { startPostgres } from './postgres.ts';

// ---------------------------------------------------------------------------
// Real HTTP servers around the apps

type NodeServer = ReturnType<typeof serve>;

async function listen(app: MeetingServer): Promise<{ server: NodeServer; url: string }> {
  let server!: NodeServer;
  const info = await new Promise<AddressInfo>((resolve) => {
    server = serve({ fetch: (req) => app.fetch(req), hostname: '127.0.0.1', port: 0, overrideGlobalObjects: false }, resolve);
  });
  return { server, url: `http://127.0.0.1:${info.port}` };
}

function close(server: NodeServer): Promise<void> {
  return new Promise((resolve) => {
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    server.close(() => resolve());
  });
}

/** One or more server instances over one database, each on its own port. */
interface Deployment {
  store: MeetingStore;
  urls: string[];
  stop(): Promise<void>;
}

async function deploy(stores: MeetingStore[], closeStores: () => Promise<void>): Promise<Deployment> {
  const apps = stores.map((s) => makeServer(s));
  const running = await Promise.all(apps.map(listen));
  return {
    store: stores[0]!,
    urls: running.map((r) => r.url),
    async stop() {
      for (const app of apps) app.closeStreams();
      await Promise.all(running.map((r) => close(r.server)));
      await closeStores();
    },
  };
}

/** A browser-like client of instance `i % instances`, signed in as `userId`. */
function client(d: Deployment, userId: string, i = 0): HttpThread {
  return httpThread({ baseUrl: d.urls[i % d.urls.length]!, headers: { 'x-user-id': userId }, retry: { baseDelayMs: 5 } });
}

/** A client's live view: the events heard on its stream, folded as the card folds them. */
function liveFold(thread: HttpThread, threadId: string, info: ThreadInfo) {
  const heard: MeetingEvent[] = [];
  const statuses: StreamStatus[] = [];
  const stop = thread.subscribe(threadId, (events) => heard.push(...events), { onStatus: (s) => statuses.push(s) });
  return {
    heard,
    open: () => eventually(() => (statuses.includes('open') ? true : undefined), 'the stream to open'),
    meeting(meetingId: string): Meeting {
      return reduceMeeting(heard.filter((e) => e.meetingId === meetingId), info);
    },
    stop,
  };
}

const participants = (n: number): Participant[] =>
  Array.from({ length: n }, (_, i) => ({ id: `p${String(i).padStart(3, '0')}`, name: `Person ${i}`, timeZone: 'Europe/Berlin' }));

// ---------------------------------------------------------------------------
// The behaviours, run against each deployment

function concurrencySuite(name: string, open: () => Promise<Deployment>, skip: string | false = false): void {
  describe(name, { skip }, () => {
    let d: Deployment;
    before(async () => {
      d = await open();
    });
    after(async () => {
      await d?.stop();
    });

    test('100 invitees on 100 clients racing to accept one proposal: exactly one confirmed meeting, the other 99 told it was updated', async () => {
      const invitees = participants(100);
      const threadId = uid('t-race');
      await d.store.putThread({ id: threadId, title: 'All hands', participants: [ALICE, ...invitees] });
      const p = proposal(threadId, { invitees: invitees.map((x) => x.id), options: [slot(10), slot(11), slot(12)] });
      await client(d, 'alice').appendEvent(threadId, p);

      const accepts = invitees.map((x, i): MeetingEvent => accept(p, 0, { by: x.id, option: p.options[i % 3]! }));
      const outcomes = await Promise.allSettled(
        invitees.map((x, i) => client(d, x.id, i).appendEvent(threadId, accepts[i]!, { expectedSequence: 0 })),
      );

      const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [accepts[i]!] : []));
      assert.equal(won.length, 1, 'exactly one accept wins');
      const winner = won[0]! as Extract<MeetingEvent, { type: 'accepted' }>;
      const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      assert.equal(losers.length, 99);
      for (const error of losers) {
        assert.ok(error instanceof SchedulerError, String(error));
        // The card reads exactly this as "This invite was updated", and shows the meeting it carries.
        assert.equal(error.code, 'conflict');
        const details = error.details as { cause?: string; meeting?: Meeting };
        assert.equal(details.cause, 'stale-sequence');
        assert.equal(details.meeting?.status, 'confirmed');
        assert.deepEqual(details.meeting?.confirmed, winner.option);
        assert.equal(details.meeting?.sequence, 1);
      }

      const stored = await client(d, 'alice', 1).listEvents(threadId);
      assert.deepEqual(stored.map((e) => e.type), ['proposed', 'accepted']);
      assert.equal(stored[1]!.id, winner.id);
      const meeting = await d.store.getMeeting(p.meetingId);
      assert.equal(meeting?.status, 'confirmed');
      assert.deepEqual(meeting?.confirmed, winner.option);
    });

    test('the same accept sent from 50 clients at once (one user, many tabs, retries) is stored once and every client succeeds', async () => {
      const threadId = uid('t-tabs');
      await d.store.putThread({ id: threadId, title: 'Logo', participants: [ALICE, BOB] });
      const p = proposal(threadId);
      await client(d, 'alice').appendEvent(threadId, p);
      const a = accept(p, 0);
      const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => client(d, 'bob', i).appendEvent(threadId, a, { expectedSequence: 0 })));
      assert.deepEqual(
        outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason)),
        [],
        'a repeated event id is a no-op, never a conflict',
      );
      assert.deepEqual((await client(d, 'alice').listEvents(threadId)).map((e) => e.id), [p.id, a.id]);
    });

    test('a reschedule racing an accept ends in the same state on every client, the server’s', async () => {
      const people = [ALICE, BOB, CARA];
      const threadId = uid('t-resched');
      await d.store.putThread({ id: threadId, title: 'Logo', participants: people });
      const info = (viewer: string): ThreadInfo => ({ id: threadId, participants: people, currentUserId: viewer });
      const views = people.map((x, i) => ({ id: x.id, thread: client(d, x.id, i) }));
      const live = views.map((v) => liveFold(v.thread, threadId, info(v.id)));
      try {
        await Promise.all(live.map((l) => l.open()));
        const [alice, bob, cara] = views.map((v) => v.thread) as [HttpThread, HttpThread, HttpThread];
        const rounds = 12;
        const proposals: Proposed[] = [];
        const winners: string[] = [];
        for (let r = 0; r < rounds; r++) {
          const p = proposal(threadId, { invitees: ['bob', 'cara'] });
          proposals.push(p);
          await alice.appendEvent(threadId, p);
          // Alice moves it while Bob accepts and Cara accepts, each from a different client (and instance).
          const moves: Array<[HttpThread, MeetingEvent]> = [
            [alice, reschedule(p, 0)],
            [bob, accept(p, 0, { by: 'bob', option: p.options[r % 2]! })],
            [cara, accept(p, 0, { by: 'cara', option: p.options[(r + 1) % 2]! })],
          ];
          // Alternate who starts first so each side gets to win some rounds.
          const order = r % 3 === 0 ? moves : r % 3 === 1 ? [moves[1]!, moves[0]!, moves[2]!] : [moves[2]!, moves[1]!, moves[0]!];
          const outcomes = await Promise.allSettled(order.map(([t, e]) => t.appendEvent(threadId, e, { expectedSequence: 0 })));
          const ok = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [order[i]![1]] : []));
          assert.equal(ok.length, 1, `round ${r}: exactly one of the racing moves is stored`);
          winners.push(ok[0]!.type);
          for (const o of outcomes) {
            if (o.status === 'rejected') {
              assert.equal((o.reason as SchedulerError).code, 'conflict');
              assert.equal(((o.reason as SchedulerError).details as { cause?: string }).cause, 'stale-sequence');
            }
          }
        }

        const stored = await alice.listEvents(threadId);
        assert.equal(stored.length, rounds * 2, 'one proposal and one winning move per round');
        for (const l of live) {
          await eventually(() => (l.heard.length >= stored.length ? true : undefined), 'every client to hear every event');
        }
        await pause(100);
        for (const [i, l] of live.entries()) {
          assert.deepEqual(l.heard.map((e) => e.id), stored.map((e) => e.id), `${views[i]!.id} heard each event once, in the stored order`);
        }
        for (const p of proposals) {
          const server = await d.store.getMeeting(p.meetingId);
          const truth = reduceMeeting(stored.filter((e) => e.meetingId === p.meetingId), info('alice'));
          assert.equal(server?.status, truth.status);
          assert.equal(server?.sequence, truth.sequence);
          for (const [i, l] of live.entries()) {
            const seen = l.meeting(p.meetingId);
            assert.deepEqual(
              { status: seen.status, sequence: seen.sequence, confirmed: seen.confirmed, options: seen.options, awaiting: seen.awaiting },
              { status: truth.status, sequence: truth.sequence, confirmed: truth.confirmed, options: truth.options, awaiting: truth.awaiting },
              `${views[i]!.id}’s card agrees on meeting ${p.meetingId}`,
            );
          }
        }
        // Not a race in name only: with the start order rotated, both kinds of move won at least once.
        assert.ok(winners.includes('rescheduled') && winners.includes('accepted'), `winners: ${winners.join(', ')}`);
      } finally {
        for (const l of live) l.stop();
      }
    });

    test('every event type delivered twice changes nothing: a re-POST is a 200 no-op, a re-delivery to the fold is ignored', async () => {
      const threadId = uid('t-dup');
      const people = [ALICE, BOB];
      await d.store.putThread({ id: threadId, title: 'Logo', participants: people });
      const info: ThreadInfo = { id: threadId, participants: people, currentUserId: 'bob' };
      const alice = client(d, 'alice', 0);
      const bob = client(d, 'bob', 1);
      const watcher = liveFold(client(d, 'bob', 1), threadId, info);
      try {
        await watcher.open();
        const p = proposal(threadId);
        const m = p.meetingId;
        const at = '2026-03-02T12:00:00Z';
        const q = proposal(threadId);
        // Every type of event, in an order the fold accepts: [who sends it, event, expected sequence].
        const script: Array<[HttpThread, MeetingEvent, number | undefined]> = [
          [alice, p, undefined],
          [bob, { type: 'countered', id: uid('co'), meetingId: m, by: 'bob', at, sequence: 0, options: [slot(13)], message: 'Friday?' }, 0],
          [alice, { type: 'accepted', id: uid('ac'), meetingId: m, by: 'alice', at, sequence: 1, option: slot(13) }, 1],
          [alice, { type: 'link-shared', id: uid('ls'), meetingId: m, by: 'alice', at, sequence: 2, guestId: 'guest-1' }, 2],
          [bob, { type: 'rescheduled', id: uid('rs'), meetingId: m, by: 'bob', at, sequence: 3, options: [slot(14)] }, 3],
          [alice, { type: 'cancelled', id: uid('ca'), meetingId: m, by: 'alice', at, sequence: 4, reason: 'Off sick' }, 4],
          [alice, q, undefined],
          [bob, { type: 'declined', id: uid('de'), meetingId: q.meetingId, by: 'bob', at, sequence: 0, reason: 'Away' }, 0],
        ];
        for (const [sender, e, seq] of script) await sender.appendEvent(threadId, e, seq === undefined ? {} : { expectedSequence: seq });
        const before = await alice.listEvents(threadId);
        assert.deepEqual(before.map((e) => e.type), ['proposed', 'countered', 'accepted', 'link-shared', 'rescheduled', 'cancelled', 'proposed', 'declined']);
        const meetingsBefore = await Promise.all([d.store.getMeeting(m), d.store.getMeeting(q.meetingId)]);

        // Sent again, long after the meeting moved on (a retry whose first answer was lost), with the
        // If-Match it was first sent with, through the other instance too.
        for (const [i, [sender, e, seq]] of script.entries()) {
          const again = i % 2 ? client(d, e.by, i) : sender;
          await again.appendEvent(threadId, e, seq === undefined ? {} : { expectedSequence: seq });
          const res = await fetch(`${d.urls[i % d.urls.length]}/threads/${threadId}/events`, {
            method: 'POST',
            headers: { 'x-user-id': e.by, 'content-type': 'application/json', ...(seq === undefined ? {} : { 'if-match': `"${seq}"` }) },
            body: JSON.stringify(e),
          });
          assert.equal(res.status, 200, `${e.type} sent again is answered 200 (already stored)`);
        }
        assert.deepEqual(await alice.listEvents(threadId), before, 'nothing stored twice');
        assert.deepEqual(await Promise.all([d.store.getMeeting(m), d.store.getMeeting(q.meetingId)]), meetingsBefore);

        await pause(200);
        assert.deepEqual(watcher.heard.map((e) => e.id), before.map((e) => e.id), 'the stream carried each event once');

        // Client side: the fold ignores an event it already has, whatever arrives in between.
        for (const meetingId of [m, q.meetingId]) {
          const events = before.filter((e) => e.meetingId === meetingId);
          const folded = reduceMeeting(events, info);
          assert.deepEqual(reduceMeeting(events.flatMap((e) => [e, e]), info), folded, 'each event delivered twice in a row');
          assert.deepEqual(reduceMeeting([...events, ...events], info), folded, 'the whole history delivered again');
          for (const e of events) {
            const r = applyMeetingEvent(folded, e, info);
            assert.ok(r.ok, `${e.type} re-applied is accepted as a no-op`);
            assert.deepEqual(r.meeting, folded, `${e.type} re-applied changes nothing`);
          }
        }
      } finally {
        watcher.stop();
      }
    });
  });
}

concurrencySuite('on one server instance over PGlite', async () => {
  const db = await testPglite();
  return deploy([db.store], db.close);
});

const postgres = await startPostgres();
const pgSkip = 'skip' in postgres ? postgres.skip : false;
if (pgSkip && process.env.CI) throw new Error(`PostgreSQL is required in CI: ${pgSkip}`);
if (pgSkip) console.log(`# PostgreSQL concurrency tests skipped: ${pgSkip}`);

concurrencySuite(
  'on two server instances over one PostgreSQL',
  async () => {
    if ('skip' in postgres) throw new Error(postgres.skip);
    const stores = await Promise.all([postgresStore({ connectionString: postgres.connectionString }), postgresStore({ connectionString: postgres.connectionString })]);
    return deploy(stores, async () => {
      await Promise.all(stores.map((s) => s.close()));
      postgres.stop();
    });
  },
  pgSkip,
);
