import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  allowedActions,
  applyMeetingEvent,
  reduceMeeting,
  reduceThreadMeetings,
  SchedulerError,
  type Meeting,
  type MeetingEvent,
  type SchedulerErrorCode,
  type ThreadInfo,
} from '@meeting-scheduler/core';
import { ev, group, pair, proposal, slotA, slotB, slotC } from '../fixtures/meetings.ts';

function fold(events: MeetingEvent[], thread: ThreadInfo = pair): Meeting {
  return reduceMeeting(events, thread);
}

function refused(meeting: Meeting | null, e: MeetingEvent, code: SchedulerErrorCode, thread: ThreadInfo = pair) {
  const r = applyMeetingEvent(meeting, e, thread);
  assert.equal(r.ok, false, `expected ${code}, but the event was applied`);
  if (!r.ok) {
    assert.ok(r.error instanceof SchedulerError);
    assert.equal(r.error.code, code, r.error.message);
  }
  return r;
}

const accept = (m: Meeting, by: string, option = slotA, over: Record<string, unknown> = {}) =>
  ev({ type: 'accepted', by, sequence: m.sequence, option, ...over });

describe('proposing', () => {
  test('a participant invites another participant to candidate times', () => {
    const m = fold([proposal()]);
    assert.equal(m.status, 'proposed');
    assert.equal(m.organizerId, 'alice');
    assert.deepEqual(m.attendeeIds, ['bob']);
    assert.deepEqual(m.awaiting, ['bob']);
    assert.deepEqual(m.options, [slotA, slotB]);
    assert.equal(m.sequence, 0);
    assert.equal(m.message, 'Let us talk about the logo');
    assert.deepEqual(m.responses, { alice: 'accepted', bob: 'needs-action' });
  });

  test('someone outside the thread cannot be invited', () => {
    refused(null, proposal({ invitees: ['mallory'] }), 'not-a-participant');
  });

  test('someone outside the thread cannot propose', () => {
    refused(null, proposal({ by: 'mallory' }), 'not-a-participant');
  });

  test('a proposal needs at least one time', () => {
    refused(null, proposal({ options: [] }), 'invalid-input');
  });

  test('every option lasts the meeting length', () => {
    refused(null, proposal({ options: [{ start: slotA.start, end: '2026-03-10T14:00:00Z' }] }), 'invalid-input');
  });

  test('options may not overlap, but back-to-back options are fine', () => {
    refused(null, proposal({ options: [slotA, { start: '2026-03-10T13:15:00Z', end: '2026-03-10T13:45:00Z' }] }), 'invalid-input');
    const m = fold([proposal({ options: [slotA, { start: slotA.end, end: '2026-03-10T14:00:00Z' }] })]);
    assert.equal(m.options.length, 2);
  });

  test('the organizer cannot invite themselves, and nobody twice', () => {
    refused(null, proposal({ invitees: ['alice'] }), 'invalid-input');
    refused(null, proposal({ invitees: ['bob', 'bob'] }), 'invalid-input');
  });

  test('a meeting is proposed once', () => {
    const m = fold([proposal()]);
    refused(m, proposal(), 'invalid-transition');
  });

  test('a proposal belongs to the thread it is stored in', () => {
    refused(null, proposal({ threadId: 't-other' }), 'invalid-input');
  });

  test('malformed events are refused with invalid-input', () => {
    refused(null, { ...proposal(), type: 'exploded' } as unknown as MeetingEvent, 'invalid-input');
    refused(null, proposal({ at: '2026-03-01 12:00' }), 'invalid-input');
    refused(null, proposal({ options: [{ start: 'tomorrow', end: slotA.end }] }), 'invalid-input');
    refused(null, proposal({ durationMinutes: 30.5 }), 'invalid-input');
    refused(null, null as unknown as MeetingEvent, 'invalid-input');
  });

  test('only https join links are accepted', () => {
    refused(null, proposal({ joinUrl: 'javascript:alert(1)' }), 'invalid-input');
    refused(null, proposal({ joinUrl: 'data:text/html,<script>alert(1)</script>' }), 'invalid-input');
    refused(null, proposal({ joinUrl: 'http://meet.example.com/abc' }), 'invalid-input');
    assert.equal(fold([proposal({ joinUrl: 'https://meet.example.com/abc' })]).joinUrl, 'https://meet.example.com/abc');
  });

  test('group threads: only some participants may be invited', () => {
    const m = fold([proposal({ threadId: 't2', invitees: ['bob', 'carol'] })], group);
    assert.deepEqual(m.awaiting, ['bob', 'carol']);
    assert.deepEqual(allowedActions(m, 'dave', group), []);
  });
});

describe('accepting', () => {
  test('the invitee accepts one option and the meeting is confirmed', () => {
    const p = fold([proposal()]);
    const m = fold([...p.history, accept(p, 'bob', slotB)]);
    assert.equal(m.status, 'confirmed');
    assert.deepEqual(m.confirmed, slotB);
    assert.deepEqual(m.awaiting, []);
    assert.equal(m.sequence, 1);
    assert.equal(m.responses.bob, 'accepted');
  });

  test('the organizer cannot accept their own invite', () => {
    const p = fold([proposal()]);
    refused(p, accept(p, 'alice'), 'permission-denied');
  });

  test('a time that is not on offer cannot be accepted', () => {
    const p = fold([proposal()]);
    refused(p, accept(p, 'bob', slotC), 'slot-unavailable');
  });

  test('accepting a stale invite tells the invitee it changed', () => {
    const p = fold([proposal()]);
    const moved = fold([...p.history, ev({ type: 'rescheduled', by: 'alice', sequence: 0, options: [slotC] })]);
    const r = refused(moved, accept(p, 'bob', slotA), 'stale-sequence');
    if (!r.ok) {
      assert.equal(r.error.message, 'This invite was updated. Review the latest version and try again.');
      assert.deepEqual((r.error.details as { meeting: Meeting }).meeting.options, [slotC]);
    }
  });

  test('of two racing accepts exactly one wins', () => {
    const p = fold([proposal()]);
    const first = applyMeetingEvent(p, accept(p, 'bob', slotA), pair);
    assert.ok(first.ok);
    if (first.ok) refused(first.meeting, accept(p, 'bob', slotB), 'stale-sequence');
  });

  test('a confirmed meeting cannot be accepted again', () => {
    const p = fold([proposal()]);
    const m = fold([...p.history, accept(p, 'bob')]);
    refused(m, accept(m, 'bob'), 'invalid-transition');
  });

  test('the accepting client can attach the join link its calendar created', () => {
    const p = fold([proposal()]);
    const m = fold([...p.history, accept(p, 'bob', slotA, { joinUrl: 'https://meet.google.com/abc-defg-hij' })]);
    assert.equal(m.joinUrl, 'https://meet.google.com/abc-defg-hij');
  });

  test('in a group, the first accept confirms for everyone', () => {
    const p = fold([proposal({ threadId: 't2', invitees: ['bob', 'carol'] })], group);
    const m = fold([...p.history, accept(p, 'carol')], group);
    assert.equal(m.status, 'confirmed');
    assert.equal(m.responses.carol, 'accepted');
    assert.equal(m.responses.bob, 'needs-action');
  });
});

describe('suggesting a different time', () => {
  test('the invitee counters and now the organizer must answer', () => {
    const p = fold([proposal()]);
    const c = fold([...p.history, ev({ type: 'countered', by: 'bob', sequence: 0, options: [slotC], message: 'Thursday?' })]);
    assert.equal(c.status, 'proposed');
    assert.deepEqual(c.options, [slotC]);
    assert.deepEqual(c.awaiting, ['alice']);
    assert.equal(c.message, 'Thursday?');
    assert.deepEqual(allowedActions(c, 'alice', pair), ['accept', 'counter', 'decline']);
    assert.deepEqual(allowedActions(c, 'bob', pair), ['reschedule', 'cancel']);
    const m = fold([...c.history, accept(c, 'alice', slotC)]);
    assert.equal(m.status, 'confirmed');
    assert.deepEqual(m.confirmed, slotC);
  });

  test('the organizer cannot counter an invite that awaits someone else', () => {
    const p = fold([proposal()]);
    refused(p, ev({ type: 'countered', by: 'alice', sequence: 0, options: [slotC] }), 'permission-denied');
  });

  test('a counter keeps the meeting length', () => {
    const p = fold([proposal()]);
    refused(p, ev({ type: 'countered', by: 'bob', sequence: 0, options: [{ start: slotC.start, end: '2026-03-12T14:00:00Z' }] }), 'invalid-input');
  });
});

describe('declining', () => {
  test('the invitee declines with a reason and the meeting ends', () => {
    const p = fold([proposal()]);
    const d = fold([...p.history, ev({ type: 'declined', by: 'bob', sequence: 0, reason: 'On leave that week' })]);
    assert.equal(d.status, 'declined');
    assert.equal(d.reason, 'On leave that week');
    assert.deepEqual(allowedActions(d, 'alice', pair), []);
    refused(d, ev({ type: 'rescheduled', by: 'alice', sequence: d.sequence, options: [slotC] }), 'invalid-transition');
  });

  test('in a group, one decline leaves the others to answer', () => {
    const p = fold([proposal({ threadId: 't2', invitees: ['bob', 'carol'] })], group);
    const d = fold([...p.history, ev({ type: 'declined', by: 'bob', sequence: 0 })], group);
    assert.equal(d.status, 'proposed');
    assert.deepEqual(d.awaiting, ['carol']);
    assert.deepEqual(d.attendeeIds, ['carol']);
    assert.equal(d.responses.bob, 'declined');
    const m = fold([...d.history, accept(d, 'carol')], group);
    assert.equal(m.status, 'confirmed');
    assert.deepEqual(allowedActions(m, 'bob', group), []);
  });

  test('the organizer declining a counter ends the meeting', () => {
    const p = fold([proposal()]);
    const c = fold([...p.history, ev({ type: 'countered', by: 'bob', sequence: 0, options: [slotC] })]);
    const d = fold([...c.history, ev({ type: 'declined', by: 'alice', sequence: 1 })]);
    assert.equal(d.status, 'declined');
  });
});

describe('rescheduling', () => {
  const confirmed = () => {
    const p = fold([proposal()]);
    return fold([...p.history, accept(p, 'bob', slotA)]);
  };

  test('the organizer reschedules with a reason; the time before is kept and the invitee must answer again', () => {
    const m = confirmed();
    const r = fold([...m.history, ev({ type: 'rescheduled', by: 'alice', sequence: m.sequence, options: [slotC], reason: 'Conflict came up' })]);
    assert.equal(r.status, 'proposed');
    assert.deepEqual(r.previous, slotA);
    assert.equal(r.confirmed, undefined);
    assert.deepEqual(r.awaiting, ['bob']);
    assert.equal(r.reason, 'Conflict came up');
    assert.equal(r.sequence, m.sequence + 1);
    const again = fold([...r.history, accept(r, 'bob', slotC)]);
    assert.deepEqual(again.confirmed, slotC);
  });

  test('an invitee can reschedule too, and then the organizer answers', () => {
    const m = confirmed();
    const r = fold([...m.history, ev({ type: 'rescheduled', by: 'bob', sequence: m.sequence, options: [slotC] })]);
    assert.deepEqual(r.awaiting, ['alice']);
  });

  test('a proposal can be rescheduled before anyone answers', () => {
    const p = fold([proposal()]);
    const r = fold([...p.history, ev({ type: 'rescheduled', by: 'alice', sequence: 0, options: [slotC] })]);
    assert.deepEqual(r.options, [slotC]);
    assert.equal(r.previous, undefined);
  });

  test('a thread participant who is not attending cannot reschedule', () => {
    const p = fold([proposal({ threadId: 't2', invitees: ['bob'] })], group);
    refused(p, ev({ type: 'rescheduled', by: 'dave', sequence: 0, options: [slotC] }), 'permission-denied', group);
  });
});

describe('cancelling', () => {
  test('any attendee cancels with a reason, and it is final', () => {
    const p = fold([proposal()]);
    const m = fold([...p.history, accept(p, 'bob')]);
    const c = fold([...m.history, ev({ type: 'cancelled', by: 'bob', sequence: m.sequence, reason: 'Project paused' })]);
    assert.equal(c.status, 'cancelled');
    assert.equal(c.reason, 'Project paused');
    assert.deepEqual(c.awaiting, []);
    refused(c, accept(c, 'bob'), 'invalid-transition');
    refused(c, ev({ type: 'cancelled', by: 'alice', sequence: c.sequence }), 'invalid-transition');
  });

  test('a proposal can be withdrawn by cancelling it', () => {
    const p = fold([proposal()]);
    assert.equal(fold([...p.history, ev({ type: 'cancelled', by: 'alice', sequence: 0 })]).status, 'cancelled');
  });
});

describe('guests from a share link', () => {
  const shared = () => {
    const p = fold([proposal()]);
    const m = fold([...p.history, accept(p, 'bob')]);
    return fold([...m.history, ev({ type: 'link-shared', by: 'alice', sequence: m.sequence, guestId: 'guest-1' })]);
  };

  test('a guest can only join and add the meeting to a calendar', () => {
    const m = shared();
    assert.deepEqual(m.guestIds, ['guest-1']);
    assert.deepEqual(allowedActions(m, 'guest-1', pair), ['join', 'add-to-calendar']);
  });

  test('a guest cannot reschedule, cancel or share', () => {
    const m = shared();
    refused(m, ev({ type: 'rescheduled', by: 'guest-1', sequence: m.sequence, options: [slotC] }), 'permission-denied');
    refused(m, ev({ type: 'cancelled', by: 'guest-1', sequence: m.sequence }), 'permission-denied');
    refused(m, ev({ type: 'link-shared', by: 'guest-1', sequence: m.sequence, guestId: 'guest-2' }), 'permission-denied');
  });

  test('only a confirmed meeting can be shared, and not with a thread participant', () => {
    const p = fold([proposal()]);
    refused(p, ev({ type: 'link-shared', by: 'alice', sequence: 0, guestId: 'guest-1' }), 'invalid-transition');
    const m = fold([...p.history, accept(p, 'bob')]);
    refused(m, ev({ type: 'link-shared', by: 'alice', sequence: m.sequence, guestId: 'bob' }), 'invalid-input');
  });

  test('strangers without a link see no actions', () => {
    assert.deepEqual(allowedActions(shared(), 'mallory', pair), []);
  });
});

describe('the fold', () => {
  test('applying the same event twice changes nothing', () => {
    const p = fold([proposal()]);
    const a = accept(p, 'bob');
    const once = fold([...p.history, a]);
    const twice = fold([...p.history, a, a, p.history[0]!]);
    assert.deepEqual(twice, once);
    const again = applyMeetingEvent(once, a, pair);
    assert.ok(again.ok && again.meeting === once);
  });

  test('events never mutate the meeting they are applied to', () => {
    const p = fold([proposal()]);
    const snapshot = structuredClone(p);
    applyMeetingEvent(p, accept(p, 'bob'), pair);
    applyMeetingEvent(p, ev({ type: 'rescheduled', by: 'alice', sequence: 0, options: [slotC] }), pair);
    assert.deepEqual(p, snapshot);
  });

  test('an event for a meeting that was never proposed is not-found', () => {
    refused(null, ev({ type: 'cancelled', by: 'alice', sequence: 0 }), 'not-found');
  });

  test('an event for another meeting is refused', () => {
    const p = fold([proposal()]);
    refused(p, ev({ type: 'cancelled', by: 'alice', sequence: 0, meetingId: 'm2' }), 'invalid-input');
  });

  test('reduceMeeting throws the refused event’s code on an invalid stream', () => {
    const p = fold([proposal()]);
    assert.throws(
      () => fold([...p.history, accept(p, 'alice')]),
      (e: unknown) => e instanceof SchedulerError && e.code === 'permission-denied',
    );
    assert.throws(() => fold([]), (e: unknown) => e instanceof SchedulerError && e.code === 'invalid-input');
  });

  test('a thread’s meetings are folded side by side, skipping refused events', () => {
    const m1 = proposal();
    const m2 = proposal({ meetingId: 'm2', options: [slotC] });
    const forged = ev({ type: 'accepted', by: 'alice', sequence: 0, option: slotA });
    const ok = ev({ type: 'accepted', meetingId: 'm2', by: 'bob', sequence: 0, option: slotC });
    const meetings = reduceThreadMeetings([m1, m2, forged, ok], pair);
    assert.deepEqual(meetings.map((m) => [m.id, m.status]), [['m1', 'proposed'], ['m2', 'confirmed']]);
  });
});

describe('allowed actions', () => {
  test('each role sees the actions of the meeting’s state', () => {
    const p = fold([proposal()]);
    assert.deepEqual(allowedActions(p, 'bob', pair), ['accept', 'counter', 'decline']);
    assert.deepEqual(allowedActions(p, 'alice', pair), ['reschedule', 'cancel']);
    const m = fold([...p.history, accept(p, 'bob')]);
    for (const who of ['alice', 'bob']) {
      assert.deepEqual(allowedActions(m, who, pair), ['join', 'add-to-calendar', 'reschedule', 'cancel', 'share']);
    }
    assert.deepEqual(allowedActions(m, 'guest-1', pair), [], 'a stranger is no guest before a link is shared');
  });
});
