import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  applyMeetingEvent,
  reduceMeeting,
  type Interval,
  type Meeting,
  type MeetingEvent,
} from '@meeting-scheduler/core';
import { group } from '../fixtures/meetings.ts';

const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'guest-1', 'mallory'];
const SLOTS: Interval[] = Array.from({ length: 6 }, (_, i) => ({
  start: `2026-03-1${i}T09:00:00Z`,
  end: `2026-03-1${i}T09:30:00Z`,
}));

/** An action someone might attempt: who, what, with which sequence offset and slots. */
const attempt = fc.record({
  type: fc.constantFrom('accepted', 'countered', 'declined', 'rescheduled', 'cancelled', 'link-shared'),
  by: fc.constantFrom(...PEOPLE),
  staleBy: fc.constantFrom(0, 0, 0, 1),
  slots: fc.uniqueArray(fc.integer({ min: 0, max: SLOTS.length - 1 }), { minLength: 1, maxLength: 3 }),
});

type Attempt = typeof attempt extends fc.Arbitrary<infer T> ? T : never;

/** Plays attempts against the fold and keeps the events it accepted, like a server would. */
function play(attempts: Attempt[]): MeetingEvent[] {
  const proposed: MeetingEvent = {
    type: 'proposed', id: 'p', meetingId: 'm', by: 'alice', at: '2026-03-01T00:00:00Z', threadId: 't2',
    invitees: ['bob', 'carol'], options: [SLOTS[0]!, SLOTS[1]!], durationMinutes: 30,
  };
  let meeting = reduceMeeting([proposed], group);
  const stored: MeetingEvent[] = [proposed];
  attempts.forEach((a, i) => {
    const base = { id: `e${i}`, meetingId: 'm', by: a.by, at: '2026-03-02T00:00:00Z', sequence: Math.max(0, meeting.sequence - a.staleBy) };
    const slots = a.slots.map((s) => SLOTS[s]!);
    const e: MeetingEvent =
      a.type === 'accepted' ? { ...base, type: a.type, option: meeting.options[a.slots[0]! % meeting.options.length] ?? slots[0]! }
      : a.type === 'countered' || a.type === 'rescheduled' ? { ...base, type: a.type, options: slots }
      : a.type === 'link-shared' ? { ...base, type: a.type, guestId: 'guest-1' }
      : { ...base, type: a.type };
    const r = applyMeetingEvent(meeting, e, group);
    if (r.ok) {
      meeting = r.meeting;
      stored.push(e);
    }
  });
  return stored;
}

test('the fold is deterministic and ignores duplicate deliveries', () => {
  fc.assert(
    fc.property(fc.array(attempt, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 8 }), (attempts, dupPicks) => {
      const stored = play(attempts);
      const clean = reduceMeeting(stored, group);
      assert.deepEqual(reduceMeeting(stored, group), clean);
      // Re-deliver some events again later in the stream (at-least-once delivery).
      const noisy = [...stored];
      for (const pick of dupPicks) {
        const original = stored[pick % stored.length]!;
        const first = noisy.indexOf(original);
        noisy.splice(first + 1 + (pick % (noisy.length - first)), 0, original);
      }
      assert.deepEqual(reduceMeeting(noisy, group), clean);
    }),
    { numRuns: 1000 },
  );
});

test('of any set of racing accepts on one sequence exactly one wins', () => {
  fc.assert(
    fc.property(
      fc.array(attempt, { maxLength: 6 }),
      fc.array(fc.record({ by: fc.constantFrom('alice', 'bob', 'carol'), option: fc.nat() }), { minLength: 2, maxLength: 20 }),
      (history, racers) => {
        const meeting: Meeting = reduceMeeting(play(history), group);
        fc.pre(meeting.status === 'proposed');
        const valid = racers.filter((r) => meeting.awaiting.includes(r.by));
        fc.pre(valid.length >= 2);
        let current = meeting;
        let wins = 0;
        valid.forEach((r, i) => {
          const result = applyMeetingEvent(current, {
            type: 'accepted', id: `race-${i}`, meetingId: 'm', by: r.by, at: '2026-03-03T00:00:00Z',
            sequence: meeting.sequence, option: meeting.options[r.option % meeting.options.length]!,
          }, group);
          if (result.ok) {
            wins++;
            current = result.meeting;
          } else {
            assert.equal(result.error.code, 'stale-sequence');
          }
        });
        assert.equal(wins, 1);
        assert.equal(current.status, 'confirmed');
      },
    ),
    { numRuns: 1000 },
  );
});
