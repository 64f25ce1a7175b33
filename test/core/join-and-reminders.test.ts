import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_NOTIFICATION_PREFERENCES,
  dueReminders,
  joinWindow,
  reduceMeeting,
  shouldNotify,
  type Meeting,
  type NotificationPreferences,
} from '@meeting-scheduler/core';
import { ev, pair, proposal, slotA, slotC } from '../fixtures/meetings.ts';

function confirmedAt(option = slotA, meetingId = 'm1'): Meeting {
  const p = proposal({ meetingId, options: [option] });
  return reduceMeeting([p, ev({ type: 'accepted', meetingId, by: 'bob', sequence: 0, option })], pair);
}

describe('join window', () => {
  // slotA: 13:00–13:30Z
  const cases: Array<[now: string, state: string]> = [
    ['2026-03-10T12:00:00Z', 'too-early'],
    ['2026-03-10T12:54:59Z', 'too-early'],
    ['2026-03-10T12:55:00Z', 'open'],
    ['2026-03-10T13:29:59Z', 'open'],
    ['2026-03-10T13:30:00Z', 'ended'],
  ];
  for (const [now, state] of cases) {
    test(`Join is ${state} at ${now} for a 13:00–13:30Z meeting`, () => {
      assert.equal(joinWindow(confirmedAt(), now).state, state);
    });
  }

  test('before the window it says when Join opens', () => {
    assert.deepEqual(joinWindow(confirmedAt(), '2026-03-10T09:00:00Z'), {
      state: 'too-early',
      opensAt: '2026-03-10T12:55:00Z',
      closesAt: '2026-03-10T13:30:00Z',
    });
    assert.equal(joinWindow(confirmedAt(), '2026-03-10T09:00:00Z', { earlyMinutes: 15 }).opensAt, '2026-03-10T12:45:00Z');
  });

  test('a proposal cannot be joined, and a cancelled meeting says so', () => {
    assert.equal(joinWindow(reduceMeeting([proposal()], pair), '2026-03-10T13:05:00Z').state, 'not-scheduled');
    const m = confirmedAt();
    const c = reduceMeeting([...m.history, ev({ type: 'cancelled', by: 'alice', sequence: m.sequence })], pair);
    assert.equal(joinWindow(c, '2026-03-10T13:05:00Z').state, 'cancelled');
  });

  test('a rescheduled meeting is not joinable until accepted again', () => {
    const m = confirmedAt();
    const r = reduceMeeting([...m.history, ev({ type: 'rescheduled', by: 'alice', sequence: m.sequence, options: [slotC] })], pair);
    assert.equal(joinWindow(r, '2026-03-10T13:05:00Z').state, 'not-scheduled');
  });
});

describe('reminders', () => {
  const prefs: NotificationPreferences = { ...DEFAULT_NOTIFICATION_PREFERENCES, remindersMinutesBefore: [60, 10] };

  test('nothing is due before the first reminder time', () => {
    assert.deepEqual(dueReminders([confirmedAt()], prefs, '2026-03-10T11:59:00Z'), []);
  });

  test('the most recent reminder is due, once per meeting, with a stable id', () => {
    const [r60] = dueReminders([confirmedAt()], prefs, '2026-03-10T12:00:00Z');
    assert.deepEqual(r60, {
      id: 'm1@2026-03-10T13:00:00Z-60',
      meetingId: 'm1',
      threadId: 't1',
      minutesBefore: 60,
      dueAt: '2026-03-10T12:00:00Z',
      startsAt: '2026-03-10T13:00:00Z',
    });
    const late = dueReminders([confirmedAt()], prefs, '2026-03-10T12:52:00Z');
    assert.deepEqual(late.map((r) => r.minutesBefore), [10]);
  });

  test('no reminder once the meeting has started, for proposals, or in muted threads', () => {
    assert.deepEqual(dueReminders([confirmedAt()], prefs, '2026-03-10T13:00:00Z'), []);
    assert.deepEqual(dueReminders([reduceMeeting([proposal()], pair)], prefs, '2026-03-10T12:55:00Z'), []);
    assert.deepEqual(dueReminders([confirmedAt()], { ...prefs, mutedThreadIds: ['t1'] }, '2026-03-10T12:55:00Z'), []);
  });

  test('reminders come in start order and a rescheduled meeting gets a new id', () => {
    const later = confirmedAt({ start: '2026-03-10T13:30:00Z', end: '2026-03-10T14:00:00Z' }, 'm2');
    const due = dueReminders([later, confirmedAt()], prefs, '2026-03-10T12:55:00Z');
    assert.deepEqual(due.map((r) => r.meetingId), ['m1', 'm2']);
    assert.notEqual(due[0]!.id, due[1]!.id);
  });

  test('notification settings decide the channel per event kind and mute per thread', () => {
    const custom: NotificationPreferences = {
      ...DEFAULT_NOTIFICATION_PREFERENCES,
      channels: { accepted: { inApp: true, email: false } },
    };
    assert.equal(shouldNotify(custom, 'accepted', 'email', 't1'), false);
    assert.equal(shouldNotify(custom, 'accepted', 'inApp', 't1'), true);
    assert.equal(shouldNotify(custom, 'cancelled', 'email', 't1'), true, 'unlisted kinds use the defaults');
    assert.equal(shouldNotify({ ...custom, mutedThreadIds: ['t1'] }, 'accepted', 'inApp', 't1'), false);
  });
});
