import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Temporal } from 'temporal-polyfill';
import {
  SchedulerError,
  describeForParticipants,
  formatSlot,
  groupSlotsByDay,
  type FormatSlotOptions,
  type FormattedSlot,
  type Interval,
  type Participant,
} from '@meeting-scheduler/core';
import { invalidInput } from '../fixtures/assertions.ts';

/**
 * Intl's own spacing, as observed on Node 20 (ICU 78): en-US puts THIN SPACEs around
 * the en dash of a time range and a NARROW NO-BREAK SPACE before AM/PM; en-GB's
 * 24-hour range has no spaces.
 */
const THIN = '\u2009';
const NNBSP = '\u202f';
const us = (from: string, to: string, dayPeriod: 'AM' | 'PM') => `${from}${THIN}–${THIN}${to}${NNBSP}${dayPeriod}`;
const gb = (from: string, to: string) => `${from}–${to}`;
/** Both ends spelled out, as formatSlot writes a slot the clocks change in. */
const ends = (from: string, to: string) => `${from} – ${to}`;

const slot = (start: string, minutes = 30): Interval => ({
  start,
  end: Temporal.Instant.from(start).add({ minutes }).toString(),
});

describe('formatSlot', () => {
  test('shows a slot in the reader’s zone with date, time range and zone name', () => {
    assert.deepEqual(formatSlot(slot('2026-03-10T13:00:00Z'), { timeZone: 'Asia/Kolkata', locale: 'en-US' }), {
      date: 'Tue, Mar 10',
      time: us('6:30', '7:00', 'PM'),
      zone: 'IST',
      dayOffset: 0,
    });
    assert.deepEqual(
      formatSlot(slot('2026-03-10T13:00:00Z'), { timeZone: 'Asia/Kolkata', locale: 'en-GB', hour12: false }),
      { date: 'Tue 10 Mar', time: gb('18:30', '19:00'), zone: 'IST', dayOffset: 0 },
    );
  });

  test('a slot that runs past midnight shows both ends', () => {
    assert.deepEqual(formatSlot(slot('2026-03-10T23:45:00Z'), { timeZone: 'UTC', locale: 'en-US' }), {
      date: 'Tue, Mar 10',
      time: '11:45 PM – 12:15 AM',
      zone: 'UTC',
      dayOffset: 0,
    });
  });

  test('dayOffset counts days from the reference zone’s date', () => {
    const at = slot('2026-03-10T13:00:00Z');
    assert.equal(formatSlot(at, { timeZone: 'Australia/Sydney', referenceTimeZone: 'America/New_York', locale: 'en-US' }).dayOffset, 1);
    assert.equal(formatSlot(at, { timeZone: 'America/New_York', referenceTimeZone: 'Australia/Sydney', locale: 'en-US' }).dayOffset, -1);
    assert.equal(formatSlot(at, { timeZone: 'Asia/Kolkata', referenceTimeZone: 'America/New_York', locale: 'en-US' }).dayOffset, 0);
  });

  test('an unknown zone is invalid input naming the field', () => {
    assert.throws(() => formatSlot(slot('2026-03-10T13:00:00Z'), { timeZone: 'Mars/Olympus_Mons' }), invalidInput('timeZone'));
    assert.throws(
      () => formatSlot(slot('2026-03-10T13:00:00Z'), { timeZone: 'UTC', referenceTimeZone: 'Nowhere/Else' }),
      invalidInput('referenceTimeZone'),
    );
  });

  test('a slot that is not an interval of instants is invalid input', () => {
    assert.throws(
      () => formatSlot({ start: '2026-03-08 14:30', end: '2026-03-08T15:00:00Z' }, { timeZone: 'UTC' }),
      invalidInput('slot.start'),
    );
    assert.throws(
      () => formatSlot({ start: '2026-03-08T15:00:00Z', end: '2026-03-08T14:30:00Z' }, { timeZone: 'UTC' }),
      invalidInput('slot'),
    );
  });

  test('a 24-hour clock in en-US shows a slot just after midnight as 00:xx', () => {
    const { time } = formatSlot(slot('2026-03-10T00:15:00Z'), { timeZone: 'UTC', locale: 'en-US', hour12: false });
    assert.match(time, /^00:15\D+00:45$/);
  });

  test('a 12-hour clock in en-GB shows a slot just after noon as 12:xx pm', () => {
    const { time } = formatSlot(slot('2026-03-10T12:15:00Z'), { timeZone: 'UTC', locale: 'en-GB', hour12: true });
    assert.match(time, /^12:15\D+12:45\s?pm$/);
  });
});

type DstCase = {
  name: string;
  slot: Interval;
  options: FormatSlotOptions;
} & (
  | { expected: FormattedSlot }
  | {
      /** What a reader must be able to see, whatever the exact wording: both wall clocks in order, both zone names. */
      readerSees: { clocks: [start: string, end: string]; zones: [string, string] };
    }
);

/** Asserts `label` shows the start clock, then the end clock, and names both zones. */
function assertReaderSees(label: string, { clocks, zones }: { clocks: [string, string]; zones: [string, string] }) {
  const startAt = label.indexOf(clocks[0]);
  assert.ok(startAt >= 0, `${JSON.stringify(label)} shows the start ${clocks[0]}`);
  assert.ok(label.indexOf(clocks[1], startAt + clocks[0].length) > startAt, `${JSON.stringify(label)} shows the end ${clocks[1]} after the start`);
  for (const zone of zones) assert.ok(label.includes(zone), `${JSON.stringify(label)} names ${zone}`);
}

const dstCases: DstCase[] = [
  // America/New_York, spring forward: 2026-03-08 02:00 EST → 03:00 EDT (07:00Z).
  {
    name: 'New York, Saturday before spring forward: 9 AM is EST (14:00Z)',
    slot: slot('2026-03-07T14:00:00Z'),
    options: { timeZone: 'America/New_York', locale: 'en-US' },
    expected: { date: 'Sat, Mar 7', time: us('9:00', '9:30', 'AM'), zone: 'EST', dayOffset: 0 },
  },
  {
    name: 'New York, Monday after spring forward: 9 AM is EDT (13:00Z)',
    slot: slot('2026-03-09T13:00:00Z'),
    options: { timeZone: 'America/New_York', locale: 'en-US' },
    expected: { date: 'Mon, Mar 9', time: us('9:00', '9:30', 'AM'), zone: 'EDT', dayOffset: 0 },
  },
  {
    name: 'New York, spring forward: a slot ending at the gap ends at 3:00 AM, not 2:00',
    slot: slot('2026-03-08T06:30:00Z'),
    options: { timeZone: 'America/New_York', locale: 'en-US' },
    expected: { date: 'Sun, Mar 8', time: ends('1:30 AM', '3:00 AM'), zone: 'EST/EDT', dayOffset: 0 },
  },
  {
    name: 'New York, spring forward: the instant after 1:59 AM reads 3:00 AM EDT (2:xx never shows)',
    slot: slot('2026-03-08T07:00:00Z'),
    options: { timeZone: 'America/New_York', locale: 'en-US' },
    expected: { date: 'Sun, Mar 8', time: us('3:00', '3:30', 'AM'), zone: 'EDT', dayOffset: 0 },
  },
  {
    name: 'New York, spring forward, 24-hour: a slot across the gap skips 02:xx',
    slot: slot('2026-03-08T06:30:00Z', 60),
    options: { timeZone: 'America/New_York', locale: 'en-GB', hour12: false },
    expected: { date: 'Sun 8 Mar', time: ends('01:30', '03:30'), zone: 'EST/EDT', dayOffset: 0 },
  },
  // America/New_York, fall back: 2026-11-01 02:00 EDT → 01:00 EST (06:00Z); 1 AM happens twice.
  {
    name: 'New York, fall back: the first 1:00 AM is EDT (05:00Z)',
    slot: slot('2026-11-01T05:00:00Z'),
    options: { timeZone: 'America/New_York', locale: 'en-US' },
    expected: { date: 'Sun, Nov 1', time: us('1:00', '1:30', 'AM'), zone: 'EDT', dayOffset: 0 },
  },
  {
    name: 'New York, fall back: the second 1:00 AM is EST (06:00Z)',
    slot: slot('2026-11-01T06:00:00Z'),
    options: { timeZone: 'America/New_York', locale: 'en-US' },
    expected: { date: 'Sun, Nov 1', time: us('1:00', '1:30', 'AM'), zone: 'EST', dayOffset: 0 },
  },
  {
    name: 'New York, fall back, 24-hour: the repeated 01:00 reads EDT then EST',
    slot: slot('2026-11-01T06:00:00Z'),
    options: { timeZone: 'America/New_York', locale: 'en-GB', hour12: false },
    expected: { date: 'Sun 1 Nov', time: gb('01:00', '01:30'), zone: 'EST', dayOffset: 0 },
  },
  {
    name: 'New York, Saturday before fall back: 9 AM is EDT (13:00Z)',
    slot: slot('2026-10-31T13:00:00Z'),
    options: { timeZone: 'America/New_York', locale: 'en-US' },
    expected: { date: 'Sat, Oct 31', time: us('9:00', '9:30', 'AM'), zone: 'EDT', dayOffset: 0 },
  },
  {
    name: 'New York, Monday after fall back: 9 AM is EST (14:00Z)',
    slot: slot('2026-11-02T14:00:00Z'),
    options: { timeZone: 'America/New_York', locale: 'en-US' },
    expected: { date: 'Mon, Nov 2', time: us('9:00', '9:30', 'AM'), zone: 'EST', dayOffset: 0 },
  },
  {
    name: 'New York, fall back: an hour-long slot from 1:30 EDT to 1:30 EST shows both ends and both zones',
    slot: slot('2026-11-01T05:30:00Z', 60),
    options: { timeZone: 'America/New_York', locale: 'en-US' },
    // Today: { time: '1:30 AM', zone: 'EDT' } — the end disappears.
    readerSees: { clocks: ['1:30', '1:30'], zones: ['EDT', 'EST'] },
  },
  // Australia/Lord_Howe: 30-minute DST. 2026-04-05 02:00 LHDT (+11) → 01:30 LHST (+10:30) at 15:00Z;
  // 2026-10-04 02:00 LHST → 02:30 LHDT at 15:30Z.
  {
    name: 'Lord Howe, DST ends: the first 1:30 AM is LHDT (14:30Z)',
    slot: slot('2026-04-04T14:30:00Z', 15),
    options: { timeZone: 'Australia/Lord_Howe', locale: 'en-US' },
    expected: { date: 'Sun, Apr 5', time: us('1:30', '1:45', 'AM'), zone: 'LHDT', dayOffset: 0 },
  },
  {
    name: 'Lord Howe, DST ends: the second 1:30 AM is LHST (15:00Z)',
    slot: slot('2026-04-04T15:00:00Z'),
    options: { timeZone: 'Australia/Lord_Howe', locale: 'en-US' },
    expected: { date: 'Sun, Apr 5', time: us('1:30', '2:00', 'AM'), zone: 'LHST', dayOffset: 0 },
  },
  {
    name: 'Lord Howe, DST ends: a 30-minute slot ending at the change shows its end',
    slot: slot('2026-04-04T14:30:00Z'),
    options: { timeZone: 'Australia/Lord_Howe', locale: 'en-US' },
    // Today: { time: '1:30 AM', zone: 'LHDT' } — start and end are both 1:30 on the wall.
    readerSees: { clocks: ['1:30', '1:30'], zones: ['LHDT', 'LHST'] },
  },
  {
    name: 'Lord Howe, DST starts: the half hour 02:00–02:30 is skipped',
    slot: slot('2026-10-03T15:00:00Z'),
    options: { timeZone: 'Australia/Lord_Howe', locale: 'en-GB', hour12: false },
    expected: { date: 'Sun 4 Oct', time: ends('01:30', '02:30'), zone: 'LHST/LHDT', dayOffset: 0 },
  },
  {
    name: 'Lord Howe, DST starts: the instant of the change reads 02:30 LHDT',
    slot: slot('2026-10-03T15:30:00Z'),
    options: { timeZone: 'Australia/Lord_Howe', locale: 'en-GB', hour12: false },
    expected: { date: 'Sun 4 Oct', time: gb('02:30', '03:00'), zone: 'LHDT', dayOffset: 0 },
  },
  // Asia/Kathmandu: +05:45 all year, no abbreviation in English.
  {
    name: 'Kathmandu (+05:45) shows quarter-hour offsets and a GMT offset name',
    slot: slot('2026-03-10T04:15:00Z'),
    options: { timeZone: 'Asia/Kathmandu', locale: 'en-US' },
    expected: { date: 'Tue, Mar 10', time: us('10:00', '10:30', 'AM'), zone: 'GMT+5:45', dayOffset: 0 },
  },
  {
    name: 'Kathmandu (+05:45), 24-hour',
    slot: slot('2026-03-10T04:15:00Z'),
    options: { timeZone: 'Asia/Kathmandu', locale: 'en-GB', hour12: false },
    expected: { date: 'Tue 10 Mar', time: gb('10:00', '10:30'), zone: 'GMT+5:45', dayOffset: 0 },
  },
  // Pacific/Chatham: +13:45 in (southern) summer, +12:45 in winter; DST ends 2026-04-05 03:45 → 02:45 (14:00Z).
  {
    name: 'Chatham in summer (+13:45) is CHADT',
    slot: slot('2026-03-10T04:15:00Z'),
    options: { timeZone: 'Pacific/Chatham', locale: 'en-US' },
    expected: { date: 'Tue, Mar 10', time: us('6:00', '6:30', 'PM'), zone: 'CHADT', dayOffset: 0 },
  },
  {
    name: 'Chatham in winter (+12:45) is CHAST',
    slot: slot('2026-07-10T04:15:00Z'),
    options: { timeZone: 'Pacific/Chatham', locale: 'en-GB', hour12: false },
    expected: { date: 'Fri 10 Jul', time: gb('17:00', '17:30'), zone: 'CHAST', dayOffset: 0 },
  },
  {
    name: 'Chatham, DST ends: 03:15 happens twice, the second time in CHAST (14:30Z)',
    slot: slot('2026-04-04T14:30:00Z'),
    options: { timeZone: 'Pacific/Chatham', locale: 'en-GB', hour12: false },
    expected: { date: 'Sun 5 Apr', time: gb('03:15', '03:45'), zone: 'CHAST', dayOffset: 0 },
  },
  {
    name: 'Chatham, DST ends: a slot ending at the change does not end before it starts',
    slot: slot('2026-04-04T13:30:00Z'),
    options: { timeZone: 'Pacific/Chatham', locale: 'en-GB', hour12: false },
    // Today: { time: '03:15–02:45', zone: 'CHADT' } — the end reads as earlier than the start.
    readerSees: { clocks: ['03:15', '02:45'], zones: ['CHADT', 'CHAST'] },
  },
  // America/St_Johns: −03:30 (NST) / −02:30 (NDT); fall back 2026-11-01 02:00 NDT → 01:00 NST (04:30Z).
  {
    name: 'St. John’s in winter (−03:30) is NST, just after midnight',
    slot: slot('2026-01-10T04:15:00Z'),
    options: { timeZone: 'America/St_Johns', locale: 'en-US' },
    expected: { date: 'Sat, Jan 10', time: us('12:45', '1:15', 'AM'), zone: 'NST', dayOffset: 0 },
  },
  {
    name: 'St. John’s in summer (−02:30) is NDT',
    slot: slot('2026-03-10T04:15:00Z'),
    options: { timeZone: 'America/St_Johns', locale: 'en-US' },
    expected: { date: 'Tue, Mar 10', time: us('1:45', '2:15', 'AM'), zone: 'NDT', dayOffset: 0 },
  },
  {
    name: 'St. John’s, fall back: the first 1:00 AM is NDT (03:30Z)',
    slot: slot('2026-11-01T03:30:00Z'),
    options: { timeZone: 'America/St_Johns', locale: 'en-US' },
    expected: { date: 'Sun, Nov 1', time: us('1:00', '1:30', 'AM'), zone: 'NDT', dayOffset: 0 },
  },
  {
    name: 'St. John’s, fall back: the second 1:00 AM is NST (04:30Z)',
    slot: slot('2026-11-01T04:30:00Z'),
    options: { timeZone: 'America/St_Johns', locale: 'en-US' },
    expected: { date: 'Sun, Nov 1', time: us('1:00', '1:30', 'AM'), zone: 'NST', dayOffset: 0 },
  },
  // Zones without DST.
  {
    name: 'Kolkata (no DST) is IST even in en-US, where Intl alone says GMT+5:30',
    slot: slot('2026-03-10T04:15:00Z'),
    options: { timeZone: 'Asia/Kolkata', locale: 'en-US' },
    expected: { date: 'Tue, Mar 10', time: us('9:45', '10:15', 'AM'), zone: 'IST', dayOffset: 0 },
  },
  {
    name: 'Tokyo (no DST), 24-hour, on the US spring-forward date: nothing moves',
    slot: slot('2026-03-08T07:00:00Z'),
    options: { timeZone: 'Asia/Tokyo', locale: 'en-GB', hour12: false },
    expected: { date: 'Sun 8 Mar', time: gb('16:00', '16:30'), zone: 'GMT+9', dayOffset: 0 },
  },
  // The date line: Kiritimati (+14) and Pago Pago (−11) see one instant 25 hours apart.
  {
    name: 'Kiritimati (+14) is a day ahead of Pago Pago (−11) for the same instant',
    slot: slot('2026-06-15T09:00:00Z'),
    options: { timeZone: 'Pacific/Kiritimati', referenceTimeZone: 'Pacific/Pago_Pago', locale: 'en-US' },
    expected: { date: 'Mon, Jun 15', time: us('11:00', '11:30', 'PM'), zone: 'GMT+14', dayOffset: 1 },
  },
  {
    name: 'Pago Pago (−11) is a day behind Kiritimati (+14) for the same instant',
    slot: slot('2026-06-15T09:00:00Z'),
    options: { timeZone: 'Pacific/Pago_Pago', referenceTimeZone: 'Pacific/Kiritimati', locale: 'en-GB', hour12: false },
    expected: { date: 'Sun 14 Jun', time: gb('22:00', '22:30'), zone: 'GMT-11', dayOffset: -1 },
  },
];

describe('formatSlot across DST changes and unusual offsets', () => {
  for (const c of dstCases) {
    if ('expected' in c) {
      test(c.name, () => {
        assert.deepEqual(formatSlot(c.slot, c.options), c.expected);
      });
    } else {
      test(c.name, () => {
        const { date, time, zone } = formatSlot(c.slot, c.options);
        assertReaderSees(`${date}, ${time} ${zone}`, c.readerSees);
      });
    }
  }
});

const alice: Participant = { id: 'alice', name: 'Alice', timeZone: 'America/New_York' };
const priya: Participant = { id: 'priya', name: 'Priya', timeZone: 'Asia/Kolkata' };
const sam: Participant = { id: 'sam', name: 'Sam', timeZone: 'Australia/Sydney' };

describe('describeForParticipants', () => {
  test('the viewer comes first with the date; others get their local time and name', () => {
    const labels = describeForParticipants(slot('2026-03-10T13:00:00Z'), [alice, priya], 'alice', 'en-GB');
    assert.deepEqual(labels, [
      { participantId: 'alice', label: `Tue 10 Mar, ${gb('09:00', '09:30')} EDT`, isViewer: true },
      { participantId: 'priya', label: `${gb('18:30', '19:00')} IST for Priya`, isViewer: false },
    ]);
  });

  test('the viewer comes first even when listed last', () => {
    const labels = describeForParticipants(slot('2026-03-10T13:00:00Z'), [alice, sam, priya], 'priya', 'en-US');
    assert.deepEqual(
      labels.map((l) => [l.participantId, l.isViewer]),
      [
        ['priya', true],
        ['alice', false],
        ['sam', false],
      ],
    );
    assert.equal(labels[0]?.label, `Tue, Mar 10, ${us('6:30', '7:00', 'PM')} IST`);
  });

  test('someone whose date differs from the viewer’s sees the date named', () => {
    const labels = describeForParticipants(slot('2026-03-10T13:00:00Z'), [alice, priya, sam], 'priya', 'en-US');
    assert.deepEqual(
      labels.map((l) => l.label),
      [
        `Tue, Mar 10, ${us('6:30', '7:00', 'PM')} IST`,
        `${us('9:00', '9:30', 'AM')} EDT for Alice`,
        `Wed, Mar 11, ${us('12:00', '12:30', 'AM')} AEDT for Sam`,
      ],
    );
  });

  test('across the date line each side sees the other’s date', () => {
    const kiri: Participant = { id: 'kiri', name: 'Teuea', timeZone: 'Pacific/Kiritimati' };
    const pago: Participant = { id: 'pago', name: 'Sina', timeZone: 'Pacific/Pago_Pago' };
    const at = slot('2026-06-15T09:00:00Z');
    assert.deepEqual(
      describeForParticipants(at, [kiri, pago], 'kiri', 'en-GB').map((l) => l.label),
      [`Mon 15 Jun, ${gb('23:00', '23:30')} GMT+14`, `Sun 14 Jun, ${gb('22:00', '22:30')} GMT-11 for Sina`],
    );
    assert.deepEqual(
      describeForParticipants(at, [kiri, pago], 'pago', 'en-US').map((l) => l.label),
      [`Sun, Jun 14, ${us('10:00', '10:30', 'PM')} GMT-11`, `Mon, Jun 15, ${us('11:00', '11:30', 'PM')} GMT+14 for Teuea`],
    );
  });

  test('a viewer who is not a participant is refused', () => {
    assert.throws(
      () => describeForParticipants(slot('2026-03-10T13:00:00Z'), [alice, priya], 'mallory', 'en-US'),
      (error: unknown) => error instanceof SchedulerError && error.code === 'not-a-participant',
    );
  });

  test('a participant in an unknown zone is invalid input', () => {
    const lost: Participant = { id: 'lost', name: 'Lost', timeZone: 'Atlantis/Capital' };
    assert.throws(
      () => describeForParticipants(slot('2026-03-10T13:00:00Z'), [alice, lost], 'alice', 'en-US'),
      invalidInput('timeZone'),
    );
  });
});

describe('groupSlotsByDay', () => {
  // 23:30 and 00:30 in New York (EDT) on 9/10 March are 09:00 and 10:00 on 10 March in Kolkata.
  const lateEvening = slot('2026-03-10T03:30:00Z');
  const afterMidnight = slot('2026-03-10T04:30:00Z');
  const nextAfternoon = slot('2026-03-10T18:00:00Z');

  test('slots either side of New York midnight are different days in New York', () => {
    assert.deepEqual(groupSlotsByDay([lateEvening, afterMidnight, nextAfternoon], 'America/New_York'), [
      { date: '2026-03-09', slots: [lateEvening] },
      { date: '2026-03-10', slots: [afterMidnight, nextAfternoon] },
    ]);
  });

  test('the same slots are all 10 March in Kolkata', () => {
    assert.deepEqual(groupSlotsByDay([lateEvening, afterMidnight, nextAfternoon], 'Asia/Kolkata'), [
      { date: '2026-03-10', slots: [lateEvening, afterMidnight, nextAfternoon] },
    ]);
  });

  test('days and slots come out in time order without reordering the input', () => {
    const input = [nextAfternoon, afterMidnight, lateEvening];
    const copy = structuredClone(input);
    assert.deepEqual(groupSlotsByDay(input, 'America/New_York'), [
      { date: '2026-03-09', slots: [lateEvening] },
      { date: '2026-03-10', slots: [afterMidnight, nextAfternoon] },
    ]);
    assert.deepEqual(input, copy);
  });

  test('the repeated hour of a fall-back night stays on one day', () => {
    const first = slot('2026-11-01T05:00:00Z');
    const second = slot('2026-11-01T06:00:00Z');
    assert.deepEqual(groupSlotsByDay([second, first], 'America/New_York'), [{ date: '2026-11-01', slots: [first, second] }]);
  });

  test('across the date line, one instant falls on different dates', () => {
    const at = slot('2026-06-15T09:00:00Z');
    assert.deepEqual(groupSlotsByDay([at], 'Pacific/Kiritimati'), [{ date: '2026-06-15', slots: [at] }]);
    assert.deepEqual(groupSlotsByDay([at], 'Pacific/Pago_Pago'), [{ date: '2026-06-14', slots: [at] }]);
  });

  test('no slots give no days', () => {
    assert.deepEqual(groupSlotsByDay([], 'UTC'), []);
  });

  test('an unknown zone or a malformed slot is invalid input', () => {
    assert.throws(() => groupSlotsByDay([lateEvening], 'Not/AZone'), invalidInput('timeZone'));
    assert.throws(
      () => groupSlotsByDay([lateEvening, { start: '2026-03-10', end: '2026-03-11' }], 'UTC'),
      invalidInput('slots[1].start'),
    );
  });
});
