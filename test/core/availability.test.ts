import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  explainSlot,
  findConflicts,
  findSlots,
  mergeBusy,
  type AvailabilityQuery,
  type BusyInterval,
  type BusyPolicy,
  type Interval,
  type WorkingHours,
} from '@meeting-scheduler/core';
import { invalidInput } from '../fixtures/assertions.ts';

const MINUTE_MS = 60_000;

/** `"2026-03-10T09:30:00Z"` from `"09:30"` (and an optional date). */
const utc = (hhmm: string, date = '2026-03-10') => `${date}T${hhmm}:00Z`;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const addMinutes = (instant: string, minutes: number) => iso(Date.parse(instant) + minutes * MINUTE_MS);
const span = (from: string, to: string, date = '2026-03-10'): Interval => ({ start: utc(from, date), end: utc(to, date) });
const starts = (slots: Interval[]) => slots.map((s) => s.start);

/** Every start from `from` (inclusive) to `to` (exclusive), `step` minutes apart. */
function grid(from: string, to: string, step: number): string[] {
  const out: string[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += step * MINUTE_MS) out.push(iso(t));
  return out;
}

const weekdays = (start: string, end: string): WorkingHours['weekly'] => ({
  1: [{ start, end }],
  2: [{ start, end }],
  3: [{ start, end }],
  4: [{ start, end }],
  5: [{ start, end }],
});

describe('findSlots: the grid and busy time', () => {
  test('slots start every 15 minutes from the start of the range by default', () => {
    const slots = findSlots({ range: span('09:10', '10:10'), durationMinutes: 30, participants: [{ id: 'a', busy: [] }] });
    assert.deepEqual(slots, [span('09:10', '09:40'), span('09:25', '09:55'), span('09:40', '10:10')]);
  });

  test('a custom step spaces the starts', () => {
    const slots = findSlots({ range: span('09:00', '10:00'), durationMinutes: 30, stepMinutes: 20, participants: [] });
    assert.deepEqual(starts(slots), [utc('09:00'), utc('09:20')]);
  });

  test('after a busy block the next slot waits for the grid, not the block’s end', () => {
    const slots = findSlots({
      range: span('09:00', '10:00'),
      durationMinutes: 15,
      participants: [{ id: 'a', busy: [span('09:00', '09:20')] }],
    });
    assert.deepEqual(starts(slots), [utc('09:30'), utc('09:45')]);
  });

  test('back-to-back with a busy meeting is fine on both sides (half-open intervals)', () => {
    const slots = findSlots({
      range: span('09:00', '12:00'),
      durationMinutes: 60,
      stepMinutes: 60,
      participants: [{ id: 'a', busy: [span('10:00', '11:00')] }],
    });
    assert.deepEqual(slots, [span('09:00', '10:00'), span('11:00', '12:00')]);
  });

  test('a free gap shorter than the meeting offers nothing', () => {
    const q: AvailabilityQuery = {
      range: span('09:00', '12:00'),
      durationMinutes: 60,
      participants: [{ id: 'a', busy: [span('09:00', '10:00'), span('10:45', '12:00')] }],
    };
    assert.deepEqual(findSlots(q), []);
    assert.deepEqual(findSlots({ ...q, durationMinutes: 45 }), [span('10:00', '10:45')]);
  });

  test('a meeting longer than the range offers nothing', () => {
    assert.deepEqual(findSlots({ range: span('09:00', '09:30'), durationMinutes: 45, participants: [] }), []);
  });

  test('a slot must be free for everyone', () => {
    const slots = findSlots({
      range: span('09:00', '11:00'),
      durationMinutes: 30,
      stepMinutes: 30,
      participants: [
        { id: 'a', busy: [span('09:00', '09:30')] },
        { id: 'b', busy: [span('10:00', '10:30')] },
      ],
    });
    assert.deepEqual(starts(slots), [utc('09:30'), utc('10:30')]);
  });

  test('the query is not modified', () => {
    const q: AvailabilityQuery = {
      range: span('09:00', '11:00'),
      durationMinutes: 30,
      participants: [{ id: 'a', busy: [span('10:00', '10:30'), span('09:00', '09:30')] }],
    };
    const copy = structuredClone(q);
    findSlots(q);
    explainSlot(span('09:00', '09:30'), q);
    assert.deepEqual(q, copy);
  });
});

describe('findSlots: people in different zones', () => {
  const alice = { timeZone: 'America/New_York', weekly: weekdays('09:00', '17:00') };

  test('Alice in New York (9–17) and Priya in Kolkata (9–18) share no working hour', () => {
    const q: AvailabilityQuery = {
      range: { start: '2026-03-09T00:00:00Z', end: '2026-03-14T00:00:00Z' },
      durationMinutes: 30,
      participants: [
        { id: 'alice', busy: [], workingHours: alice },
        { id: 'priya', busy: [], workingHours: { timeZone: 'Asia/Kolkata', weekly: weekdays('09:00', '18:00') } },
      ],
    };
    assert.deepEqual(findSlots(q), []);
    // 9:00 AM EDT for Alice is 6:30 PM IST for Priya.
    assert.deepEqual(explainSlot(span('13:00', '13:30'), q), [{ participantId: 'priya', reason: 'outside-working-hours' }]);
    // 9:00 AM IST for Priya is 11:30 PM EDT for Alice.
    assert.deepEqual(explainSlot(span('03:30', '04:00'), q), [{ participantId: 'alice', reason: 'outside-working-hours' }]);
  });

  test('with Priya working 12–22 the overlap is 13:00–16:30Z, and 14:00–16:30Z before New York’s clocks change', () => {
    const slots = findSlots({
      range: { start: '2026-03-06T00:00:00Z', end: '2026-03-11T00:00:00Z' },
      durationMinutes: 30,
      stepMinutes: 30,
      participants: [
        { id: 'alice', busy: [], workingHours: alice },
        { id: 'priya', busy: [], workingHours: { timeZone: 'Asia/Kolkata', weekly: weekdays('12:00', '22:00') } },
      ],
    });
    assert.deepEqual(starts(slots), [
      // Friday 6 March: New York on EST (−5), 9 AM = 14:00Z; Kolkata 10 PM = 16:30Z.
      ...grid(utc('14:00', '2026-03-06'), utc('16:30', '2026-03-06'), 30),
      // (the weekend: nobody works)
      // Monday 9 and Tuesday 10 March: New York on EDT (−4), 9 AM = 13:00Z.
      ...grid(utc('13:00', '2026-03-09'), utc('16:30', '2026-03-09'), 30),
      ...grid(utc('13:00', '2026-03-10'), utc('16:30', '2026-03-10'), 30),
    ]);
  });

  test('someone’s weekday is their own: Monday 9 AM in Auckland is Sunday 20:00Z', () => {
    const slots = findSlots({
      range: { start: '2026-03-08T00:00:00Z', end: '2026-03-10T00:00:00Z' },
      durationMinutes: 60,
      stepMinutes: 60,
      participants: [{ id: 'kiri', busy: [], workingHours: { timeZone: 'Pacific/Auckland', weekly: { 1: [{ start: '09:00', end: '10:00' }] } } }],
    });
    assert.deepEqual(slots, [{ start: '2026-03-08T20:00:00Z', end: '2026-03-08T21:00:00Z' }]);
  });
});

describe('findSlots: working hours', () => {
  const range = { start: '2026-03-09T00:00:00Z', end: '2026-03-13T00:00:00Z' };

  test('an override with no ranges is a day off', () => {
    const slots = findSlots({
      range,
      durationMinutes: 60,
      stepMinutes: 60,
      participants: [
        {
          id: 'alice',
          busy: [],
          workingHours: { timeZone: 'America/New_York', weekly: weekdays('09:00', '11:00'), overrides: [{ date: '2026-03-10', ranges: [] }] },
        },
      ],
    });
    assert.deepEqual(starts(slots), [
      '2026-03-09T13:00:00Z',
      '2026-03-09T14:00:00Z',
      '2026-03-11T13:00:00Z',
      '2026-03-11T14:00:00Z',
      '2026-03-12T13:00:00Z',
      '2026-03-12T14:00:00Z',
    ]);
  });

  test('an override with special hours replaces that day’s weekly hours', () => {
    const slots = findSlots({
      range,
      durationMinutes: 60,
      stepMinutes: 60,
      participants: [
        {
          id: 'alice',
          busy: [],
          workingHours: {
            timeZone: 'America/New_York',
            weekly: weekdays('09:00', '10:00'),
            overrides: [{ date: '2026-03-11', ranges: [{ start: '14:00', end: '15:00' }, { start: '16:00', end: '17:00' }] }],
          },
        },
      ],
    });
    assert.deepEqual(starts(slots), [
      '2026-03-09T13:00:00Z',
      '2026-03-10T13:00:00Z',
      '2026-03-11T18:00:00Z',
      '2026-03-11T20:00:00Z',
      '2026-03-12T13:00:00Z',
    ]);
  });

  test('an override can open a day the weekly hours leave closed', () => {
    const slots = findSlots({
      range: { start: '2026-03-14T00:00:00Z', end: '2026-03-16T00:00:00Z' },
      durationMinutes: 60,
      stepMinutes: 60,
      participants: [
        {
          id: 'alice',
          busy: [],
          workingHours: { timeZone: 'UTC', weekly: weekdays('09:00', '17:00'), overrides: [{ date: '2026-03-15', ranges: [{ start: '10:00', end: '11:00' }] }] },
        },
      ],
    });
    assert.deepEqual(slots, [span('10:00', '11:00', '2026-03-15')]);
  });

  test('24:00 ends a range at the next midnight, and joins the next day’s 00:00', () => {
    const hours: WorkingHours = {
      timeZone: 'UTC',
      weekly: { 2: [{ start: '22:00', end: '24:00' }], 3: [{ start: '00:00', end: '01:00' }] },
    };
    const q: AvailabilityQuery = {
      range: { start: '2026-03-10T00:00:00Z', end: '2026-03-12T00:00:00Z' },
      durationMinutes: 60,
      stepMinutes: 30,
      participants: [{ id: 'owl', busy: [], workingHours: hours }],
    };
    assert.deepEqual(starts(findSlots(q)), ['2026-03-10T22:00:00Z', '2026-03-10T22:30:00Z', '2026-03-10T23:00:00Z', '2026-03-10T23:30:00Z', '2026-03-11T00:00:00Z']);
  });

  test('several ranges in a day: a slot must not span the gap between them', () => {
    const slots = findSlots({
      range: span('00:00', '23:59'),
      durationMinutes: 60,
      stepMinutes: 30,
      participants: [{ id: 'a', busy: [], workingHours: { timeZone: 'UTC', weekly: { 2: [{ start: '09:00', end: '10:30' }, { start: '11:00', end: '12:00' }] } } }],
    });
    assert.deepEqual(starts(slots), [utc('09:00'), utc('09:30'), utc('11:00')]);
  });

  test('without working hours a person is available around the clock', () => {
    const slots = findSlots({ range: span('00:00', '03:00'), durationMinutes: 60, stepMinutes: 60, participants: [{ id: 'a', busy: [] }] });
    assert.equal(slots.length, 3);
  });
});

describe('findSlots: working hours across DST changes', () => {
  const nineToFive: WorkingHours = { timeZone: 'America/New_York', weekly: { 6: [{ start: '09:00', end: '17:00' }], 7: [{ start: '09:00', end: '17:00' }] } };
  const eightHours = (range: Interval) =>
    findSlots({ range, durationMinutes: 8 * 60, stepMinutes: 15, participants: [{ id: 'alice', busy: [], workingHours: nineToFive }] });

  test('spring forward: 09:00–17:00 New York is 8 hours, EST on Saturday and EDT on Sunday', () => {
    assert.deepEqual(eightHours({ start: '2026-03-07T00:00:00Z', end: '2026-03-09T00:00:00Z' }), [
      { start: '2026-03-07T14:00:00Z', end: '2026-03-07T22:00:00Z' },
      { start: '2026-03-08T13:00:00Z', end: '2026-03-08T21:00:00Z' },
    ]);
  });

  test('fall back: 09:00–17:00 New York is 8 hours, EDT on Saturday and EST on Sunday', () => {
    assert.deepEqual(eightHours({ start: '2026-10-31T00:00:00Z', end: '2026-11-02T00:00:00Z' }), [
      { start: '2026-10-31T13:00:00Z', end: '2026-10-31T21:00:00Z' },
      { start: '2026-11-01T14:00:00Z', end: '2026-11-01T22:00:00Z' },
    ]);
  });

  const oneDay = (date: string, ranges: Array<{ start: string; end: string }>, durationMinutes: number) =>
    findSlots({
      range: { start: `${date}T00:00:00Z`, end: addMinutes(`${date}T00:00:00Z`, 36 * 60) },
      durationMinutes,
      stepMinutes: 15,
      participants: [{ id: 'alice', busy: [], workingHours: { timeZone: 'America/New_York', weekly: {}, overrides: [{ date, ranges }] } }],
    });

  test('a range starting in the skipped hour starts as much later as the clocks jumped (02:30 → 03:30 EDT)', () => {
    assert.deepEqual(oneDay('2026-03-08', [{ start: '02:30', end: '05:00' }], 90), [
      { start: '2026-03-08T07:30:00Z', end: '2026-03-08T09:00:00Z' },
    ]);
    assert.deepEqual(oneDay('2026-03-08', [{ start: '02:30', end: '05:00' }], 105), []);
  });

  test('a range ending in the skipped hour ends as much later (01:00–02:30 is 01:00 EST–03:30 EDT)', () => {
    assert.deepEqual(oneDay('2026-03-08', [{ start: '01:00', end: '02:30' }], 90), [
      { start: '2026-03-08T06:00:00Z', end: '2026-03-08T07:30:00Z' },
    ]);
  });

  test('a range across the repeated hour lasts the real time: 00:00–03:00 on fall-back night is 4 hours', () => {
    assert.deepEqual(oneDay('2026-11-01', [{ start: '00:00', end: '03:00' }], 240), [
      { start: '2026-11-01T04:00:00Z', end: '2026-11-01T08:00:00Z' },
    ]);
  });
});

describe('findSlots: buffers, notice and busy kinds', () => {
  const meeting = span('10:00', '11:00');
  const base = (extra: Partial<AvailabilityQuery>): AvailabilityQuery => ({
    range: span('09:00', '12:00'),
    durationMinutes: 30,
    participants: [{ id: 'a', busy: [meeting] }],
    ...extra,
  });

  test('a buffer before needs free time before the slot (after a meeting)', () => {
    assert.deepEqual(starts(findSlots(base({ bufferBeforeMinutes: 15 }))), [
      ...grid(utc('09:00'), utc('09:45'), 15),
      ...grid(utc('11:15'), utc('11:45'), 15),
    ]);
  });

  test('a buffer after needs free time after the slot (before a meeting)', () => {
    assert.deepEqual(starts(findSlots(base({ bufferAfterMinutes: 15 }))), [
      ...grid(utc('09:00'), utc('09:30'), 15),
      ...grid(utc('11:00'), utc('11:45'), 15),
    ]);
  });

  test('buffers apply around busy time only, not at the edges of the range', () => {
    const slots = findSlots({ range: span('09:00', '10:00'), durationMinutes: 60, bufferBeforeMinutes: 30, bufferAfterMinutes: 30, participants: [] });
    assert.deepEqual(slots, [span('09:00', '10:00')]);
  });

  test('min notice counts from the given now', () => {
    const slots = findSlots(base({ now: utc('09:07'), minNoticeMinutes: 60 }));
    assert.deepEqual(starts(slots), [utc('11:00'), utc('11:15'), utc('11:30')]);
    const later = findSlots(base({ participants: [{ id: 'a', busy: [] }], now: utc('09:07'), minNoticeMinutes: 60 }));
    assert.equal(later[0]?.start, utc('10:15'));
  });

  test('with now and no notice, no slot starts in the past', () => {
    assert.deepEqual(starts(findSlots(base({ participants: [], now: utc('11:00') }))), [utc('11:00'), utc('11:15'), utc('11:30')]);
  });

  test('min notice without now is invalid input', () => {
    assert.throws(() => findSlots(base({ minNoticeMinutes: 60 })), invalidInput('now'));
  });

  const kinds: Array<{ kind: string; entry: BusyInterval; policy: BusyPolicy }> = [
    { kind: 'tentative', entry: { ...meeting, status: 'tentative' }, policy: { tentative: 'free' } },
    { kind: 'out-of-office', entry: { ...meeting, status: 'oof' }, policy: { oof: 'free' } },
    { kind: 'all-day', entry: { ...meeting, allDay: true }, policy: { allDay: 'free' } },
  ];
  for (const { kind, entry, policy } of kinds) {
    test(`a ${kind} entry blocks by default and not when the policy says free`, () => {
      const q = base({ range: meeting, durationMinutes: 60, participants: [{ id: 'a', busy: [entry] }] });
      assert.deepEqual(findSlots(q), []);
      assert.deepEqual(findSlots({ ...q, busyPolicy: policy }), [meeting]);
      assert.deepEqual(findSlots({ ...q, busyPolicy: { tentative: 'busy', oof: 'busy', allDay: 'busy' } }), []);
    });
  }

  test('an entry marked free never blocks', () => {
    const q = base({ range: meeting, durationMinutes: 60, participants: [{ id: 'a', busy: [{ ...meeting, status: 'free', allDay: true }] }] });
    assert.deepEqual(findSlots(q), [meeting]);
    assert.deepEqual(findSlots({ ...q, busyPolicy: { tentative: 'busy', oof: 'busy', allDay: 'busy' } }), [meeting]);
  });
});

describe('explainSlot', () => {
  const review: BusyInterval = { ...span('10:00', '11:00'), label: 'Design review', calendarId: 'work' };
  const q: AvailabilityQuery = {
    range: span('08:00', '18:00'),
    durationMinutes: 30,
    bufferBeforeMinutes: 10,
    participants: [
      { id: 'alice', busy: [review], workingHours: { timeZone: 'America/New_York', weekly: weekdays('09:00', '17:00') } },
      { id: 'priya', busy: [] },
    ],
  };

  test('a free slot has no reasons', () => {
    assert.deepEqual(explainSlot(span('14:00', '14:30'), q), []);
  });

  test('a busy slot names whose calendar entry it clashes with, label included', () => {
    assert.deepEqual(explainSlot(span('10:30', '11:00'), { ...q, participants: [{ id: 'alice', busy: [review] }, { id: 'priya', busy: [] }] }), [
      { participantId: 'alice', reason: 'busy', interval: review },
    ]);
  });

  test('a slot inside the buffer after a meeting is explained by that meeting', () => {
    assert.deepEqual(explainSlot(span('11:00', '11:30'), { ...q, participants: [{ id: 'alice', busy: [review] }] }), [
      { participantId: 'alice', reason: 'buffer', interval: review },
    ]);
  });

  test('a slot outside someone’s working hours says whose', () => {
    // 22:00Z is 6 PM in New York (EDT).
    assert.deepEqual(explainSlot(span('22:00', '22:30'), { ...q, range: span('08:00', '23:00') }), [
      { participantId: 'alice', reason: 'outside-working-hours' },
    ]);
  });

  test('a slot straddling the end of the working day is outside working hours', () => {
    assert.deepEqual(explainSlot(span('20:45', '21:15'), q), [{ participantId: 'alice', reason: 'outside-working-hours' }]);
  });

  test('a slot too soon is min-notice for everyone', () => {
    assert.deepEqual(explainSlot(span('14:00', '14:30'), { ...q, now: utc('13:45'), minNoticeMinutes: 30 }), [
      { participantId: '*', reason: 'min-notice' },
    ]);
  });

  test('every reason is listed when several apply', () => {
    const standup: BusyInterval = { ...span('13:00', '13:15'), label: 'Stand-up' };
    const explained = explainSlot(span('13:00', '13:30'), {
      ...q,
      now: utc('12:50'),
      minNoticeMinutes: 30,
      participants: [
        { id: 'alice', busy: [standup, review] },
        { id: 'priya', busy: [], workingHours: { timeZone: 'Asia/Kolkata', weekly: weekdays('09:00', '18:00') } },
      ],
    });
    assert.deepEqual(explained, [
      { participantId: '*', reason: 'min-notice' },
      { participantId: 'alice', reason: 'busy', interval: standup },
      { participantId: 'priya', reason: 'outside-working-hours' },
    ]);
  });

  test('entries the policy treats as free are not reasons', () => {
    const tentative: BusyInterval = { ...review, status: 'tentative' };
    const withTentative = { ...q, participants: [{ id: 'alice', busy: [tentative] }] };
    assert.deepEqual(explainSlot(span('10:00', '10:30'), withTentative), [{ participantId: 'alice', reason: 'busy', interval: tentative }]);
    assert.deepEqual(explainSlot(span('10:00', '10:30'), { ...withTentative, busyPolicy: { tentative: 'free' } }), []);
  });

  test('a candidate outside the query range is still judged', () => {
    const aliceOnly = { ...q, participants: [q.participants[0]!] };
    assert.deepEqual(explainSlot(span('14:00', '14:30', '2026-03-11'), aliceOnly), []);
    assert.deepEqual(explainSlot(span('10:00', '10:30', '2026-03-11'), aliceOnly), [{ participantId: 'alice', reason: 'outside-working-hours' }]);
  });
});

describe('findConflicts', () => {
  const busy: BusyInterval[] = [
    { ...span('13:00', '14:00'), label: 'Lunch', status: 'tentative' },
    { ...span('10:00', '11:00'), label: 'Design review' },
    { ...span('10:30', '12:00'), label: 'Focus', status: 'free' },
  ];

  test('an entry that ends when the candidate starts, or starts when it ends, is no conflict', () => {
    assert.deepEqual(findConflicts(span('11:00', '13:00'), busy), []);
    assert.deepEqual(findConflicts(span('09:00', '10:00'), busy), []);
  });

  test('overlapping blocking entries come back in start order', () => {
    assert.deepEqual(
      findConflicts(span('10:30', '13:30'), busy).map((b) => b.label),
      ['Design review', 'Lunch'],
    );
  });

  test('the policy decides whether a tentative entry conflicts', () => {
    assert.deepEqual(
      findConflicts(span('10:30', '13:30'), busy, { tentative: 'free' }).map((b) => b.label),
      ['Design review'],
    );
  });

  test('a malformed candidate or entry is invalid input', () => {
    assert.throws(() => findConflicts({ start: '2026-03-10T11:00:00Z', end: '2026-03-10T10:00:00Z' }, busy), invalidInput('candidate'));
    assert.throws(() => findConflicts(span('10:00', '11:00'), [busy[0]!, { start: 'soon', end: utc('12:00') }]), invalidInput('busy[1].start'));
  });
});

describe('mergeBusy', () => {
  test('overlapping and touching entries coalesce; free entries drop out; output is sorted', () => {
    const input: BusyInterval[] = [
      span('12:00', '13:00'),
      span('10:00', '11:00'),
      span('09:00', '10:00'),
      span('10:30', '10:45'),
      { ...span('14:00', '15:00'), status: 'free' },
      span('11:30', '12:00'),
    ];
    const copy = structuredClone(input);
    assert.deepEqual(mergeBusy(input), [span('09:00', '11:00'), span('11:30', '13:00')]);
    assert.deepEqual(input, copy);
  });

  test('entries a gap apart stay apart', () => {
    assert.deepEqual(mergeBusy([span('09:00', '10:00'), span('10:01', '11:00')]), [span('09:00', '10:00'), span('10:01', '11:00')]);
  });

  test('the policy can drop tentative, out-of-office and all-day entries', () => {
    const input: BusyInterval[] = [
      { ...span('09:00', '10:00'), status: 'tentative' },
      { ...span('10:00', '11:00'), status: 'oof' },
      { ...span('00:00', '23:59'), allDay: true },
    ];
    assert.deepEqual(mergeBusy(input), [span('00:00', '23:59')]);
    assert.deepEqual(mergeBusy(input, { allDay: 'free' }), [span('09:00', '11:00')]);
    assert.deepEqual(mergeBusy(input, { allDay: 'free', oof: 'free' }), [span('09:00', '10:00')]);
    assert.deepEqual(mergeBusy(input, { allDay: 'free', oof: 'free', tentative: 'free' }), []);
  });

  test('instants with offsets come back as UTC', () => {
    assert.deepEqual(mergeBusy([{ start: '2026-03-10T05:00:00-05:00', end: '2026-03-10T11:30:00+01:00' }]), [span('10:00', '10:30')]);
  });
});

describe('invalid queries are refused with the field named', () => {
  const good: AvailabilityQuery = {
    range: span('09:00', '12:00'),
    durationMinutes: 30,
    participants: [{ id: 'a', busy: [span('10:00', '11:00')], workingHours: { timeZone: 'UTC', weekly: { 2: [{ start: '09:00', end: '17:00' }] } } }],
  };
  const withHours = (workingHours: WorkingHours): AvailabilityQuery => ({ ...good, participants: [{ id: 'a', busy: [], workingHours }] });

  const cases: Array<{ name: string; query: AvailabilityQuery; field: string }> = [
    { name: 'an instant with a space instead of T and no zone', query: { ...good, range: { start: '2026-03-08 14:30', end: utc('12:00') } }, field: 'range.start' },
    { name: 'an instant without a UTC offset', query: { ...good, range: { start: '2026-03-10T09:00:00', end: utc('12:00') } }, field: 'range.start' },
    { name: 'an impossible date', query: { ...good, range: { start: utc('09:00'), end: '2026-02-30T12:00:00Z' } }, field: 'range.end' },
    { name: 'a range ending before it starts', query: { ...good, range: span('12:00', '09:00') }, field: 'range' },
    { name: 'an empty range', query: { ...good, range: span('09:00', '09:00') }, field: 'range' },
    { name: 'a busy entry ending before it starts', query: { ...good, participants: [{ id: 'a', busy: [span('11:00', '10:00')] }] }, field: 'participants[0].busy[0]' },
    { name: 'a busy entry with a bad end', query: { ...good, participants: [{ id: 'a', busy: [{ start: utc('10:00'), end: 'later' }] }] }, field: 'participants[0].busy[0].end' },
    { name: 'a fractional duration', query: { ...good, durationMinutes: 30.5 }, field: 'durationMinutes' },
    { name: 'a zero duration', query: { ...good, durationMinutes: 0 }, field: 'durationMinutes' },
    { name: 'a zero step', query: { ...good, stepMinutes: 0 }, field: 'stepMinutes' },
    { name: 'a negative buffer', query: { ...good, bufferAfterMinutes: -5 }, field: 'bufferAfterMinutes' },
    { name: 'a fractional min notice', query: { ...good, now: utc('08:00'), minNoticeMinutes: 1.5 }, field: 'minNoticeMinutes' },
    { name: 'a bad now', query: { ...good, now: 'now' }, field: 'now' },
    { name: 'an unknown time zone', query: withHours({ timeZone: 'America/Gotham', weekly: {} }), field: 'participants[0].workingHours.timeZone' },
    { name: 'an hour without a leading zero', query: withHours({ timeZone: 'UTC', weekly: { 1: [{ start: '9:00', end: '17:00' }] } }), field: 'participants[0].workingHours.weekly.1[0].start' },
    { name: 'hour 25', query: withHours({ timeZone: 'UTC', weekly: { 1: [{ start: '09:00', end: '25:00' }] } }), field: 'participants[0].workingHours.weekly.1[0].end' },
    { name: '24:30', query: withHours({ timeZone: 'UTC', weekly: { 1: [{ start: '09:00', end: '24:30' }] } }), field: 'participants[0].workingHours.weekly.1[0].end' },
    { name: 'a bad time in an override', query: withHours({ timeZone: 'UTC', weekly: {}, overrides: [{ date: '2026-03-10', ranges: [{ start: '10:00', end: '11:60' }] }] }), field: 'participants[0].workingHours.overrides[0].ranges[0].end' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.throws(() => findSlots(c.query), invalidInput(c.field));
      assert.throws(() => explainSlot(span('09:00', '09:30'), c.query), invalidInput(c.field));
    });
  }

  const imprecise: Array<{ name: string; query: AvailabilityQuery; field: string }> = [
    { name: 'a working range ending before it starts', query: withHours({ timeZone: 'UTC', weekly: { 1: [{ start: '17:00', end: '09:00' }] } }), field: 'participants[0].workingHours.weekly.1[0]' },
    { name: 'a weekday key outside 1–7', query: withHours({ timeZone: 'UTC', weekly: { 8: [{ start: '09:00', end: '17:00' }] } as WorkingHours['weekly'] }), field: 'participants[0].workingHours.weekly.8' },
    { name: 'an override date that is not YYYY-MM-DD', query: withHours({ timeZone: 'UTC', weekly: {}, overrides: [{ date: '10/03/2026', ranges: [] }] }), field: 'participants[0].workingHours.overrides[0].date' },
  ];
  for (const c of imprecise) {
    test(c.name, () => {
      assert.throws(() => findSlots(c.query), invalidInput(c.field));
    });
  }
});
