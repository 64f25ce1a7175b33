/**
 * One contract for every adapter, run against each implementation the way Keyv and
 * unstorage test their drivers. A new adapter passes this before anything else.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  SchedulerError,
  findConflicts,
  reduceMeeting,
  type BusyInterval,
  type CalendarAdapter,
  type Interval,
  type Meeting,
  type MeetingEvent,
  type ThreadAdapter,
  type ThreadInfo,
} from '@meeting-scheduler/core';

export const isSchedulerError = (code?: string) => (e: unknown) =>
  e instanceof SchedulerError && (code === undefined || e.code === code);

// ---------------------------------------------------------------------------
// ThreadAdapter

export interface ThreadHarness {
  /** The adapter as Alice (the organizer) sees the thread. */
  alice: ThreadAdapter;
  /** The same thread as Bob sees it (another client, another user). */
  bob: ThreadAdapter;
  /** A thread with Alice and Bob in it (Alice in America/New_York, Bob in Asia/Kolkata). */
  threadId: string;
  close?: () => Promise<void>;
}

const slot = (day: number): Interval => ({
  start: `2026-03-${String(day).padStart(2, '0')}T13:00:00Z`,
  end: `2026-03-${String(day).padStart(2, '0')}T13:30:00Z`,
});

let unique = 0;

/** A proposal from Alice to Bob with a fresh meeting id. */
export function proposalFor(threadId: string, meetingId = `m-${Date.now().toString(36)}-${++unique}`): Extract<MeetingEvent, { type: 'proposed' }> {
  return {
    type: 'proposed', id: `${meetingId}-p`, meetingId, by: 'alice', at: '2026-03-01T12:00:00Z', threadId,
    invitees: ['bob'], options: [slot(10), slot(11)], durationMinutes: 30, message: 'Logo review?',
  };
}

function waitFor<T>(get: () => T | undefined, what: string, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const v = get();
      if (v !== undefined) return resolve(v);
      if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

export function threadAdapterContract(name: string, make: () => Promise<ThreadHarness>): void {
  describe(`ThreadAdapter contract: ${name}`, () => {
    const meetingOf = async (a: ThreadAdapter, threadId: string, meetingId: string): Promise<Meeting> => {
      const [thread, events] = await Promise.all([a.getThread(threadId), a.listEvents(threadId)]);
      return reduceMeeting(events.filter((e) => e.meetingId === meetingId), thread);
    };

    test('getThread gives the participants and who is asking', async () => {
      const h = await make();
      try {
        const t: ThreadInfo = await h.alice.getThread(h.threadId);
        assert.equal(t.id, h.threadId);
        assert.equal(t.currentUserId, 'alice');
        assert.deepEqual(t.participants.map((p) => p.id).sort(), ['alice', 'bob']);
        for (const p of t.participants) assert.ok(p.name && p.timeZone, 'every participant has a name and a zone');
        assert.equal((await h.bob.getThread(h.threadId)).currentUserId, 'bob');
      } finally {
        await h.close?.();
      }
    });

    test('an unknown thread is not-found', async () => {
      const h = await make();
      try {
        await assert.rejects(h.alice.getThread('no-such-thread'), isSchedulerError());
      } finally {
        await h.close?.();
      }
    });

    test('an appended event is listed, in order, for everyone in the thread', async () => {
      const h = await make();
      try {
        const p = proposalFor(h.threadId);
        await h.alice.appendEvent(h.threadId, p);
        const accept: MeetingEvent = { type: 'accepted', id: `${p.meetingId}-a`, meetingId: p.meetingId, by: 'bob', at: '2026-03-02T12:00:00Z', sequence: 0, option: p.options[0]! };
        await h.bob.appendEvent(h.threadId, accept, { expectedSequence: 0 });
        const listed = (await h.alice.listEvents(h.threadId)).filter((e) => e.meetingId === p.meetingId);
        assert.deepEqual(listed.map((e) => e.id), [p.id, accept.id]);
        assert.equal((await meetingOf(h.bob, h.threadId, p.meetingId)).status, 'confirmed');
      } finally {
        await h.close?.();
      }
    });

    test('appending the same event twice stores it once', async () => {
      const h = await make();
      try {
        const p = proposalFor(h.threadId);
        await h.alice.appendEvent(h.threadId, p);
        await h.alice.appendEvent(h.threadId, p);
        const listed = (await h.alice.listEvents(h.threadId)).filter((e) => e.id === p.id);
        assert.equal(listed.length, 1);
      } finally {
        await h.close?.();
      }
    });

    test('an event written against an old sequence is rejected as a conflict, and nothing is stored', async () => {
      const h = await make();
      try {
        const p = proposalFor(h.threadId);
        await h.alice.appendEvent(h.threadId, p);
        const reschedule: MeetingEvent = { type: 'rescheduled', id: `${p.meetingId}-r`, meetingId: p.meetingId, by: 'alice', at: '2026-03-02T12:00:00Z', sequence: 0, options: [slot(12)] };
        await h.alice.appendEvent(h.threadId, reschedule, { expectedSequence: 0 });
        const lateAccept: MeetingEvent = { type: 'accepted', id: `${p.meetingId}-a`, meetingId: p.meetingId, by: 'bob', at: '2026-03-02T12:01:00Z', sequence: 0, option: p.options[0]! };
        await assert.rejects(h.bob.appendEvent(h.threadId, lateAccept, { expectedSequence: 0 }), isSchedulerError('conflict'));
        const m = await meetingOf(h.bob, h.threadId, p.meetingId);
        assert.equal(m.status, 'proposed');
        assert.deepEqual(m.options, [slot(12)]);
      } finally {
        await h.close?.();
      }
    });

    test('an event the meeting rules refuse is rejected with their code and not stored', async () => {
      const h = await make();
      try {
        const p = proposalFor(h.threadId);
        await h.alice.appendEvent(h.threadId, p);
        const selfAccept: MeetingEvent = { type: 'accepted', id: `${p.meetingId}-x`, meetingId: p.meetingId, by: 'alice', at: '2026-03-02T12:00:00Z', sequence: 0, option: p.options[0]! };
        await assert.rejects(h.alice.appendEvent(h.threadId, selfAccept, { expectedSequence: 0 }), isSchedulerError('permission-denied'));
        const outsider = { ...proposalFor(h.threadId), invitees: ['mallory'] };
        await assert.rejects(h.alice.appendEvent(h.threadId, outsider), isSchedulerError('not-a-participant'));
        const ids = (await h.alice.listEvents(h.threadId)).map((e) => e.id);
        assert.ok(!ids.includes(selfAccept.id) && !ids.includes(outsider.id));
      } finally {
        await h.close?.();
      }
    });

    test('subscribers get each new event once, and nothing after unsubscribing', async () => {
      const h = await make();
      if (!h.bob.subscribe) return void (await h.close?.());
      try {
        const seen: string[] = [];
        const stop = h.bob.subscribe(h.threadId, (events) => seen.push(...events.map((e) => e.id)));
        await new Promise((r) => setTimeout(r, 50));
        const p = proposalFor(h.threadId);
        await h.alice.appendEvent(h.threadId, p);
        await h.alice.appendEvent(h.threadId, p);
        await waitFor(() => (seen.includes(p.id) ? true : undefined), 'the proposal to arrive');
        await new Promise((r) => setTimeout(r, 50));
        assert.equal(seen.filter((id) => id === p.id).length, 1);
        stop();
        const q = proposalFor(h.threadId);
        await h.alice.appendEvent(h.threadId, q);
        await new Promise((r) => setTimeout(r, 100));
        assert.ok(!seen.includes(q.id));
      } finally {
        await h.close?.();
      }
    });
  });
}

// ---------------------------------------------------------------------------
// CalendarAdapter

export interface SeedEvent {
  summary: string;
  start: string;
  end: string;
  /** Default busy. */
  free?: boolean;
  allDay?: boolean;
}

export interface CalendarHarness {
  adapter: CalendarAdapter;
  /** The calendar the seeded events are in. */
  calendarId: string;
  close?: () => Promise<void>;
}

/** A confirmed meeting to write, at `slot`. */
export function confirmedMeeting(id: string, at: Interval): Meeting {
  const thread: ThreadInfo = {
    id: 't-contract', currentUserId: 'alice',
    participants: [
      { id: 'alice', name: 'Alice', timeZone: 'America/New_York', email: 'alice@acme.example' },
      { id: 'bob', name: 'Bob', timeZone: 'Asia/Kolkata', email: 'bob@studio.example' },
    ],
  };
  return reduceMeeting([
    { type: 'proposed', id: `${id}-p`, meetingId: id, by: 'alice', at: '2026-03-01T12:00:00Z', threadId: 't-contract', invitees: ['bob'], options: [at], durationMinutes: (Date.parse(at.end) - Date.parse(at.start)) / 60_000, title: 'Contract check', message: 'From the contract suite' },
    { type: 'accepted', id: `${id}-a`, meetingId: id, by: 'bob', at: '2026-03-01T13:00:00Z', sequence: 0, option: at },
  ], thread);
}

const covers = (busy: BusyInterval[], iv: Interval) => findConflicts(iv, busy).length > 0;

export function calendarAdapterContract(name: string, make: (seed: SeedEvent[]) => Promise<CalendarHarness>): void {
  const week: Interval = { start: '2026-03-09T00:00:00Z', end: '2026-03-16T00:00:00Z' };
  const seed: SeedEvent[] = [
    { summary: 'Design review', start: '2026-03-10T14:00:00Z', end: '2026-03-10T15:00:00Z' },
    { summary: 'Focus time (free)', start: '2026-03-11T14:00:00Z', end: '2026-03-11T15:00:00Z', free: true },
    { summary: 'Later', start: '2026-05-20T14:00:00Z', end: '2026-05-20T15:00:00Z' },
  ];

  describe(`CalendarAdapter contract: ${name}`, () => {
    test('lists the account’s calendars with ids and names', async () => {
      const h = await make(seed);
      try {
        const calendars = await h.adapter.listCalendars();
        assert.ok(calendars.length >= 1);
        assert.ok(calendars.some((c) => c.id === h.calendarId));
        for (const c of calendars) assert.ok(typeof c.id === 'string' && c.id && typeof c.name === 'string');
      } finally {
        await h.close?.();
      }
    });

    test('busy time comes back as valid intervals; free time does not block', async () => {
      const h = await make(seed);
      try {
        const busy = await h.adapter.getBusy(week, [h.calendarId]);
        for (const b of busy) assert.ok(Date.parse(b.start) < Date.parse(b.end), 'intervals end after they start');
        assert.ok(covers(busy, { start: '2026-03-10T14:15:00Z', end: '2026-03-10T14:45:00Z' }), 'the design review blocks');
        assert.ok(!covers(busy, { start: '2026-03-11T14:15:00Z', end: '2026-03-11T14:45:00Z' }), 'free time does not block');
        assert.ok(!covers(busy, { start: '2026-03-10T15:00:00Z', end: '2026-03-10T15:30:00Z' }), 'intervals are half-open');
      } finally {
        await h.close?.();
      }
    });

    test('a range longer than one provider request allows is answered in full', async () => {
      const h = await make(seed);
      try {
        const busy = await h.adapter.getBusy({ start: '2026-03-01T00:00:00Z', end: '2026-06-30T00:00:00Z' }, [h.calendarId]);
        assert.ok(covers(busy, { start: '2026-03-10T14:00:00Z', end: '2026-03-10T14:30:00Z' }));
        assert.ok(covers(busy, { start: '2026-05-20T14:00:00Z', end: '2026-05-20T14:30:00Z' }), 'busy time from the later part of the range');
      } finally {
        await h.close?.();
      }
    });

    test('an unknown calendar is reported, not treated as free', async () => {
      const h = await make(seed);
      try {
        await assert.rejects(h.adapter.getBusy(week, [h.calendarId, 'no-such-calendar']), isSchedulerError());
      } finally {
        await h.close?.();
      }
    });

    test('writing a confirmed meeting blocks its time once, even when retried, and cancelling frees it', async (t) => {
      const h = await make(seed);
      const { createEvent, updateEvent, cancelEvent } = h.adapter;
      if (!createEvent || !updateEvent || !cancelEvent) {
        t.skip(`${name} is read-only`);
        return void (await h.close?.());
      }
      try {
        const at = { start: '2026-03-12T15:00:00Z', end: '2026-03-12T15:30:00Z' };
        const meeting = confirmedMeeting(`contract-${++unique}`, at);
        const key = `idem-${meeting.id}`;
        const first = await createEvent.call(h.adapter, meeting, { calendarId: h.calendarId, idempotencyKey: key });
        const again = await createEvent.call(h.adapter, meeting, { calendarId: h.calendarId, idempotencyKey: key });
        assert.equal(again.eventId, first.eventId, 'a retried create finds the same event');
        if (first.joinUrl !== undefined) assert.match(first.joinUrl, /^https:\/\//);
        let busy = await h.adapter.getBusy(week, [h.calendarId]);
        assert.equal(busy.filter((b) => b.start === at.start && b.end === at.end).length, 1, 'exactly one event');

        const moved = { start: '2026-03-13T15:00:00Z', end: '2026-03-13T15:30:00Z' };
        const rescheduled: Meeting = { ...meeting, confirmed: moved, options: [moved], sequence: meeting.sequence + 2 };
        await updateEvent.call(h.adapter, first.eventId, rescheduled, { calendarId: h.calendarId });
        busy = await h.adapter.getBusy(week, [h.calendarId]);
        assert.ok(covers(busy, moved) && !covers(busy, at), 'the event moved');

        const cancelled: Meeting = { ...rescheduled, status: 'cancelled', reason: 'Project paused' };
        await cancelEvent.call(h.adapter, first.eventId, cancelled, { calendarId: h.calendarId, reason: 'Project paused' });
        await cancelEvent.call(h.adapter, first.eventId, cancelled, { calendarId: h.calendarId, reason: 'Project paused' });
        busy = await h.adapter.getBusy(week, [h.calendarId]);
        assert.ok(!covers(busy, moved), 'cancelling frees the time; cancelling twice is fine');
      } finally {
        await h.close?.();
      }
    });

    test('an aborted request rejects with a SchedulerError', async () => {
      const h = await make(seed);
      try {
        const controller = new AbortController();
        controller.abort();
        await assert.rejects(h.adapter.getBusy(week, [h.calendarId], { signal: controller.signal }), isSchedulerError());
      } finally {
        await h.close?.();
      }
    });
  });
}
