import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { SchedulerError, expandRecurrence } from '@meeting-scheduler/core';

const NY = 'America/New_York';

/** The wall clock of `instant` in `timeZone`, as "YYYY-MM-DDTHH:MM". */
function wallClock(instant: string, timeZone: string): string {
  return Temporal.Instant.from(instant).toZonedDateTimeISO(timeZone).toPlainDateTime().toString().slice(0, 16);
}

async function newYorkWallClock(rrule: string, local: string, start: string, end: string): Promise<string[]> {
  const instants = await expandRecurrence(rrule, { local, timeZone: NY }, { start, end });
  return instants.map((instant) => wallClock(instant, NY));
}

/** Days of one month at 09:00, the way RFC 5545 lists them: `on('1997-09', 2, 9, 16)`. */
function on(month: string, ...days: number[]): string[] {
  return days.map((day) => `${month}-${String(day).padStart(2, '0')}T09:00`);
}

/** A run of days at 09:00, as in the RFC's "September 2-30": `span('1997-09', 2, 30)`. */
function span(month: string, first: number, last: number): string[] {
  return on(month, ...Array.from({ length: last - first + 1 }, (_, i) => first + i));
}

/** Times on one day, as in the RFC's "(September 2, 1997 EDT) 09:00,09:15". */
function at(date: string, ...times: string[]): string[] {
  return times.map((time) => `${date}T${time}`);
}

function invalidInput(error: unknown): boolean {
  assert.ok(error instanceof SchedulerError, `expected a SchedulerError, got ${String(error)}`);
  assert.equal(error.code, 'invalid-input');
  return true;
}

interface RfcExample {
  /** The example's heading in RFC 5545 §3.8.5.3. */
  title: string;
  dtstart: string;
  /** The RRULE, or each of the RFC's equivalent "or" forms. */
  rules: string[];
  /** The end of the range asked for; open-ended rules are cut after the dates the RFC lists. */
  end: string;
  expected: string[];
}

/** RFC 5545 §3.8.5.3, "All examples assume the Eastern United States time zone". */
const RFC_EXAMPLES: RfcExample[] = [
  {
    title: 'Daily for 10 occurrences',
    dtstart: '1997-09-02T09:00',
    rules: ['RRULE:FREQ=DAILY;COUNT=10'],
    end: '2000-01-01T00:00:00Z',
    expected: span('1997-09', 2, 11),
  },
  {
    title: 'Daily until December 24, 1997',
    dtstart: '1997-09-02T09:00',
    rules: ['RRULE:FREQ=DAILY;UNTIL=19971224T000000Z'],
    end: '2000-01-01T00:00:00Z',
    expected: [
      ...span('1997-09', 2, 30),
      ...span('1997-10', 1, 25),
      ...span('1997-10', 26, 31),
      ...span('1997-11', 1, 30),
      ...span('1997-12', 1, 23),
    ],
  },
  {
    title: 'Every other day - forever',
    dtstart: '1997-09-02T09:00',
    rules: ['RRULE:FREQ=DAILY;INTERVAL=2'],
    end: '1997-12-04T00:00:00Z',
    expected: [
      ...on('1997-09', 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30),
      ...on('1997-10', 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24),
      ...on('1997-10', 26, 28, 30),
      ...on('1997-11', 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29),
      ...on('1997-12', 1, 3),
    ],
  },
  {
    title: 'Every 10 days, 5 occurrences',
    dtstart: '1997-09-02T09:00',
    rules: ['RRULE:FREQ=DAILY;INTERVAL=10;COUNT=5'],
    end: '2000-01-01T00:00:00Z',
    expected: [...on('1997-09', 2, 12, 22), ...on('1997-10', 2, 12)],
  },
  {
    title: 'Every day in January, for 3 years',
    dtstart: '1998-01-01T09:00',
    rules: [
      'RRULE:FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA',
      'RRULE:FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1',
    ],
    end: '2005-01-01T00:00:00Z',
    expected: [...span('1998-01', 1, 31), ...span('1999-01', 1, 31), ...span('2000-01', 1, 31)],
  },
  {
    title: 'Weekly for 10 occurrences',
    dtstart: '1997-09-02T09:00',
    rules: ['RRULE:FREQ=WEEKLY;COUNT=10'],
    end: '2000-01-01T00:00:00Z',
    expected: [...on('1997-09', 2, 9, 16, 23, 30), ...on('1997-10', 7, 14, 21), ...on('1997-10', 28), ...on('1997-11', 4)],
  },
  {
    title: 'Weekly until December 24, 1997',
    dtstart: '1997-09-02T09:00',
    rules: ['RRULE:FREQ=WEEKLY;UNTIL=19971224T000000Z'],
    end: '2000-01-01T00:00:00Z',
    expected: [
      ...on('1997-09', 2, 9, 16, 23, 30),
      ...on('1997-10', 7, 14, 21),
      ...on('1997-10', 28),
      ...on('1997-11', 4, 11, 18, 25),
      ...on('1997-12', 2, 9, 16, 23),
    ],
  },
  {
    title: 'Every other week - forever',
    dtstart: '1997-09-02T09:00',
    rules: ['RRULE:FREQ=WEEKLY;INTERVAL=2;WKST=SU'],
    end: '1998-02-18T00:00:00Z',
    expected: [
      ...on('1997-09', 2, 16, 30),
      ...on('1997-10', 14),
      ...on('1997-10', 28),
      ...on('1997-11', 11, 25),
      ...on('1997-12', 9, 23),
      ...on('1998-01', 6, 20),
      ...on('1998-02', 3, 17),
    ],
  },
  {
    title: 'Weekly on Tuesday and Thursday for five weeks',
    dtstart: '1997-09-02T09:00',
    rules: ['RRULE:FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH', 'RRULE:FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH'],
    end: '2000-01-01T00:00:00Z',
    expected: [...on('1997-09', 2, 4, 9, 11, 16, 18, 23, 25, 30), ...on('1997-10', 2)],
  },
  {
    title: 'Every other week on Monday, Wednesday, and Friday until December 24, 1997',
    dtstart: '1997-09-01T09:00',
    rules: ['RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR'],
    end: '2000-01-01T00:00:00Z',
    expected: [
      ...on('1997-09', 1, 3, 5, 15, 17, 19, 29),
      ...on('1997-10', 1, 3, 13, 15, 17),
      ...on('1997-10', 27, 29, 31),
      ...on('1997-11', 10, 12, 14, 24, 26, 28),
      ...on('1997-12', 8, 10, 12, 22),
    ],
  },
  {
    title: 'Every other week on Tuesday and Thursday, for 8 occurrences',
    dtstart: '1997-09-02T09:00',
    rules: ['RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH'],
    end: '2000-01-01T00:00:00Z',
    expected: [...on('1997-09', 2, 4, 16, 18, 30), ...on('1997-10', 2, 14, 16)],
  },
  {
    title: 'Monthly on the first Friday for 10 occurrences',
    dtstart: '1997-09-05T09:00',
    rules: ['RRULE:FREQ=MONTHLY;COUNT=10;BYDAY=1FR'],
    end: '2000-01-01T00:00:00Z',
    expected: [
      ...on('1997-09', 5),
      ...on('1997-10', 3),
      ...on('1997-11', 7),
      ...on('1997-12', 5),
      ...on('1998-01', 2),
      ...on('1998-02', 6),
      ...on('1998-03', 6),
      ...on('1998-04', 3),
      ...on('1998-05', 1),
      ...on('1998-06', 5),
    ],
  },
  {
    title: 'Monthly on the first Friday until December 24, 1997',
    dtstart: '1997-09-05T09:00',
    rules: ['RRULE:FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR'],
    end: '2000-01-01T00:00:00Z',
    expected: [...on('1997-09', 5), ...on('1997-10', 3), ...on('1997-11', 7), ...on('1997-12', 5)],
  },
  {
    title: 'Every other month on the first and last Sunday of the month for 10 occurrences',
    dtstart: '1997-09-07T09:00',
    rules: ['RRULE:FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU'],
    end: '2000-01-01T00:00:00Z',
    expected: [
      ...on('1997-09', 7, 28),
      ...on('1997-11', 2, 30),
      ...on('1998-01', 4, 25),
      ...on('1998-03', 1, 29),
      ...on('1998-05', 3, 31),
    ],
  },
  {
    title: 'Monthly on the second-to-last Monday of the month for 6 months',
    dtstart: '1997-09-22T09:00',
    rules: ['RRULE:FREQ=MONTHLY;COUNT=6;BYDAY=-2MO'],
    end: '2000-01-01T00:00:00Z',
    expected: [
      ...on('1997-09', 22),
      ...on('1997-10', 20),
      ...on('1997-11', 17),
      ...on('1997-12', 22),
      ...on('1998-01', 19),
      ...on('1998-02', 16),
    ],
  },
  {
    title: 'Monthly on the third-to-the-last day of the month, forever',
    dtstart: '1997-09-28T09:00',
    rules: ['RRULE:FREQ=MONTHLY;BYMONTHDAY=-3'],
    end: '1998-03-01T00:00:00Z',
    expected: [
      ...on('1997-09', 28),
      ...on('1997-10', 29),
      ...on('1997-11', 28),
      ...on('1997-12', 29),
      ...on('1998-01', 29),
      ...on('1998-02', 26),
    ],
  },
  {
    title: 'Monthly on the 2nd and 15th of the month for 10 occurrences',
    dtstart: '1997-09-02T09:00',
    rules: ['RRULE:FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15'],
    end: '2000-01-01T00:00:00Z',
    expected: [
      ...on('1997-09', 2, 15),
      ...on('1997-10', 2, 15),
      ...on('1997-11', 2, 15),
      ...on('1997-12', 2, 15),
      ...on('1998-01', 2, 15),
    ],
  },
  {
    title: 'Monthly on the first and last day of the month for 10 occurrences',
    dtstart: '1997-09-30T09:00',
    rules: ['RRULE:FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1'],
    end: '2000-01-01T00:00:00Z',
    expected: [
      ...on('1997-09', 30),
      ...on('1997-10', 1),
      ...on('1997-10', 31),
      ...on('1997-11', 1, 30),
      ...on('1997-12', 1, 31),
      ...on('1998-01', 1, 31),
      ...on('1998-02', 1),
    ],
  },
  {
    title: 'Every 18 months on the 10th thru 15th of the month for 10 occurrences',
    dtstart: '1997-09-10T09:00',
    rules: ['RRULE:FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15'],
    end: '2005-01-01T00:00:00Z',
    expected: [...on('1997-09', 10, 11, 12, 13, 14, 15), ...on('1999-03', 10, 11, 12, 13)],
  },
  {
    title: 'Every Tuesday, every other month',
    dtstart: '1997-09-02T09:00',
    rules: ['RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=TU'],
    end: '1998-04-01T00:00:00Z',
    expected: [
      ...on('1997-09', 2, 9, 16, 23, 30),
      ...on('1997-11', 4, 11, 18, 25),
      ...on('1998-01', 6, 13, 20, 27),
      ...on('1998-03', 3, 10, 17, 24, 31),
    ],
  },
  {
    title: 'Yearly in June and July for 10 occurrences',
    dtstart: '1997-06-10T09:00',
    rules: ['RRULE:FREQ=YEARLY;COUNT=10;BYMONTH=6,7'],
    end: '2010-01-01T00:00:00Z',
    expected: [
      ...on('1997-06', 10),
      ...on('1997-07', 10),
      ...on('1998-06', 10),
      ...on('1998-07', 10),
      ...on('1999-06', 10),
      ...on('1999-07', 10),
      ...on('2000-06', 10),
      ...on('2000-07', 10),
      ...on('2001-06', 10),
      ...on('2001-07', 10),
    ],
  },
  {
    title: 'Every other year on January, February, and March for 10 occurrences',
    dtstart: '1997-03-10T09:00',
    rules: ['RRULE:FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3'],
    end: '2010-01-01T00:00:00Z',
    expected: [
      ...on('1997-03', 10),
      ...on('1999-01', 10),
      ...on('1999-02', 10),
      ...on('1999-03', 10),
      ...on('2001-01', 10),
      ...on('2001-02', 10),
      ...on('2001-03', 10),
      ...on('2003-01', 10),
      ...on('2003-02', 10),
      ...on('2003-03', 10),
    ],
  },
  {
    title: 'Every third year on the 1st, 100th, and 200th day for 10 occurrences',
    dtstart: '1997-01-01T09:00',
    rules: ['RRULE:FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200'],
    end: '2010-01-01T00:00:00Z',
    expected: [
      ...on('1997-01', 1),
      ...on('1997-04', 10),
      ...on('1997-07', 19),
      ...on('2000-01', 1),
      ...on('2000-04', 9),
      ...on('2000-07', 18),
      ...on('2003-01', 1),
      ...on('2003-04', 10),
      ...on('2003-07', 19),
      ...on('2006-01', 1),
    ],
  },
  {
    title: 'Every 20th Monday of the year, forever',
    dtstart: '1997-05-19T09:00',
    rules: ['RRULE:FREQ=YEARLY;BYDAY=20MO'],
    end: '2000-01-01T00:00:00Z',
    expected: [...on('1997-05', 19), ...on('1998-05', 18), ...on('1999-05', 17)],
  },
  {
    title: 'Monday of week number 20 (where the default start of the week is Monday), forever',
    dtstart: '1997-05-12T09:00',
    rules: ['RRULE:FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO'],
    end: '2000-01-01T00:00:00Z',
    expected: [...on('1997-05', 12), ...on('1998-05', 11), ...on('1999-05', 17)],
  },
  {
    title: 'Every Thursday in March, forever',
    dtstart: '1997-03-13T09:00',
    rules: ['RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=TH'],
    end: '2000-01-01T00:00:00Z',
    expected: [...on('1997-03', 13, 20, 27), ...on('1998-03', 5, 12, 19, 26), ...on('1999-03', 4, 11, 18, 25)],
  },
  {
    title: 'Every Thursday, but only during June, July, and August, forever',
    dtstart: '1997-06-05T09:00',
    rules: ['RRULE:FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8'],
    end: '2000-01-01T00:00:00Z',
    expected: [
      ...on('1997-06', 5, 12, 19, 26),
      ...on('1997-07', 3, 10, 17, 24, 31),
      ...on('1997-08', 7, 14, 21, 28),
      ...on('1998-06', 4, 11, 18, 25),
      ...on('1998-07', 2, 9, 16, 23, 30),
      ...on('1998-08', 6, 13, 20, 27),
      ...on('1999-06', 3, 10, 17, 24),
      ...on('1999-07', 1, 8, 15, 22, 29),
      ...on('1999-08', 5, 12, 19, 26),
    ],
  },
  {
    // The RFC adds EXDATE 19970902T090000 to drop DTSTART; rrule never emits a DTSTART
    // that does not match the rule, so the RRULE alone gives the listed dates.
    title: 'Every Friday the 13th, forever',
    dtstart: '1997-09-02T09:00',
    rules: ['RRULE:FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13'],
    end: '2001-01-01T00:00:00Z',
    expected: [...on('1998-02', 13), ...on('1998-03', 13), ...on('1998-11', 13), ...on('1999-08', 13), ...on('2000-10', 13)],
  },
  {
    title: 'The first Saturday that follows the first Sunday of the month, forever',
    dtstart: '1997-09-13T09:00',
    rules: ['RRULE:FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13'],
    end: '1998-06-14T00:00:00Z',
    expected: [
      ...on('1997-09', 13),
      ...on('1997-10', 11),
      ...on('1997-11', 8),
      ...on('1997-12', 13),
      ...on('1998-01', 10),
      ...on('1998-02', 7),
      ...on('1998-03', 7),
      ...on('1998-04', 11),
      ...on('1998-05', 9),
      ...on('1998-06', 13),
    ],
  },
  {
    title: 'Every 4 years, the first Tuesday after a Monday in November, forever (U.S. Presidential Election day)',
    dtstart: '1996-11-05T09:00',
    rules: ['RRULE:FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8'],
    end: '2005-01-01T00:00:00Z',
    expected: [...on('1996-11', 5), ...on('2000-11', 7), ...on('2004-11', 2)],
  },
  {
    title: 'The third instance into the month of one of Tuesday, Wednesday, or Thursday, for the next 3 months',
    dtstart: '1997-09-04T09:00',
    rules: ['RRULE:FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3'],
    end: '2000-01-01T00:00:00Z',
    expected: [...on('1997-09', 4), ...on('1997-10', 7), ...on('1997-11', 6)],
  },
  {
    title: 'The second-to-last weekday of the month',
    dtstart: '1997-09-29T09:00',
    rules: ['RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2'],
    end: '1998-04-01T00:00:00Z',
    expected: [
      ...on('1997-09', 29),
      ...on('1997-10', 30),
      ...on('1997-11', 27),
      ...on('1997-12', 30),
      ...on('1998-01', 29),
      ...on('1998-02', 26),
      ...on('1998-03', 30),
    ],
  },
  {
    title: 'Every 15 minutes for 6 occurrences',
    dtstart: '1997-09-02T09:00',
    rules: ['RRULE:FREQ=MINUTELY;INTERVAL=15;COUNT=6'],
    end: '2000-01-01T00:00:00Z',
    expected: at('1997-09-02', '09:00', '09:15', '09:30', '09:45', '10:00', '10:15'),
  },
  {
    title: 'Every hour and a half for 4 occurrences',
    dtstart: '1997-09-02T09:00',
    rules: ['RRULE:FREQ=MINUTELY;INTERVAL=90;COUNT=4'],
    end: '2000-01-01T00:00:00Z',
    expected: at('1997-09-02', '09:00', '10:30', '12:00', '13:30'),
  },
  {
    title: 'Every 20 minutes from 9:00 AM to 4:40 PM every day',
    dtstart: '1997-09-02T09:00',
    rules: [
      'RRULE:FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40',
      'RRULE:FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16',
    ],
    end: '1997-09-04T00:00:00Z',
    expected: ['1997-09-02', '1997-09-03'].flatMap((date) =>
      ['09', '10', '11', '12', '13', '14', '15', '16'].flatMap((hour) =>
        at(date, `${hour}:00`, `${hour}:20`, `${hour}:40`),
      ),
    ),
  },
  {
    title: 'An example where the days generated makes a difference because of WKST (WKST=MO)',
    dtstart: '1997-08-05T09:00',
    rules: ['RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO'],
    end: '2000-01-01T00:00:00Z',
    expected: on('1997-08', 5, 10, 19, 24),
  },
  {
    title: 'changing only WKST from MO to SU, yields different results',
    dtstart: '1997-08-05T09:00',
    rules: ['RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU'],
    end: '2000-01-01T00:00:00Z',
    expected: on('1997-08', 5, 17, 19, 31),
  },
  {
    title: 'An example where an invalid date (i.e., February 30) is ignored',
    dtstart: '2007-01-15T09:00',
    rules: ['RRULE:FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5'],
    end: '2010-01-01T00:00:00Z',
    expected: [...on('2007-01', 15, 30), ...on('2007-02', 15), ...on('2007-03', 15, 30)],
  },
];

describe('RFC 5545 §3.8.5.3 recurrence examples, in New York wall-clock time', () => {
  for (const example of RFC_EXAMPLES) {
    test(example.title, async () => {
      for (const rule of example.rules) {
        const actual = await newYorkWallClock(rule, example.dtstart, '1990-01-01T00:00:00Z', example.end);
        assert.deepEqual(actual, example.expected, rule);
      }
    });
  }

  test('9:00 AM EDT is 13:00 UTC and 9:00 AM EST is 14:00 UTC across the 1997-10-26 change', async () => {
    const instants = await expandRecurrence(
      'RRULE:FREQ=DAILY;UNTIL=19971224T000000Z',
      { local: '1997-09-02T09:00', timeZone: NY },
      { start: '1997-10-24T00:00:00Z', end: '1997-10-29T00:00:00Z' },
    );
    assert.deepEqual(instants, [
      '1997-10-24T13:00:00Z',
      '1997-10-25T13:00:00Z',
      '1997-10-26T14:00:00Z',
      '1997-10-27T14:00:00Z',
      '1997-10-28T14:00:00Z',
    ]);
  });

  test('the last daily occurrence before UNTIL=19971224T000000Z is 9:00 AM EST on December 23', async () => {
    const instants = await expandRecurrence(
      'RRULE:FREQ=DAILY;UNTIL=19971224T000000Z',
      { local: '1997-09-02T09:00', timeZone: NY },
      { start: '1997-12-20T00:00:00Z', end: '1998-01-01T00:00:00Z' },
    );
    assert.deepEqual(instants, [
      '1997-12-20T14:00:00Z',
      '1997-12-21T14:00:00Z',
      '1997-12-22T14:00:00Z',
      '1997-12-23T14:00:00Z',
    ]);
  });
});

describe('daylight saving time', () => {
  test('a weekly 9 AM meeting in New York stays at 9 AM after the clocks change', async () => {
    const rule = 'FREQ=WEEKLY;BYDAY=MO';
    const dtstart = { local: '2026-03-02T09:00', timeZone: NY };
    const march = await expandRecurrence(rule, dtstart, { start: '2026-02-28T00:00:00Z', end: '2026-03-17T00:00:00Z' });
    assert.deepEqual(march, ['2026-03-02T14:00:00Z', '2026-03-09T13:00:00Z', '2026-03-16T13:00:00Z']);
    const november = await expandRecurrence(rule, dtstart, {
      start: '2026-10-19T00:00:00Z',
      end: '2026-11-10T00:00:00Z',
    });
    assert.deepEqual(november, [
      '2026-10-19T13:00:00Z',
      '2026-10-26T13:00:00Z',
      '2026-11-02T14:00:00Z',
      '2026-11-09T14:00:00Z',
    ]);
    const wholeYear = await expandRecurrence(rule, dtstart, { start: '2026-03-01T00:00:00Z', end: '2027-01-01T00:00:00Z' });
    assert.equal(wholeYear.length, 44);
    for (const instant of wholeYear) assert.match(wallClock(instant, NY), /T09:00$/, instant);
  });

  test('a daily 2:30 AM in New York lands at 3:30 AM EDT on the day the 2 AM hour is skipped', async () => {
    const instants = await expandRecurrence(
      'FREQ=DAILY',
      { local: '2026-03-06T02:30', timeZone: NY },
      { start: '2026-03-06T00:00:00Z', end: '2026-03-10T00:00:00Z' },
    );
    assert.deepEqual(instants, [
      '2026-03-06T07:30:00Z',
      '2026-03-07T07:30:00Z',
      '2026-03-08T07:30:00Z',
      '2026-03-09T06:30:00Z',
    ]);
    assert.deepEqual(
      instants.map((instant) => wallClock(instant, NY)),
      ['2026-03-06T02:30', '2026-03-07T02:30', '2026-03-08T03:30', '2026-03-09T02:30'],
    );
    // A range starting at 03:00 EDT still holds the 02:30 that moved to 03:30.
    const fromThree = await expandRecurrence(
      'FREQ=DAILY',
      { local: '2026-03-06T02:30', timeZone: NY },
      { start: '2026-03-08T07:00:00Z', end: '2026-03-08T08:00:00Z' },
    );
    assert.deepEqual(fromThree, ['2026-03-08T07:30:00Z']);
  });

  test('a daily 1:30 AM in New York happens once, at the first 1:30 AM, on the day the hour repeats', async () => {
    const instants = await expandRecurrence(
      'FREQ=DAILY',
      { local: '2026-10-30T01:30', timeZone: NY },
      { start: '2026-10-30T00:00:00Z', end: '2026-11-03T00:00:00Z' },
    );
    assert.deepEqual(instants, [
      '2026-10-30T05:30:00Z',
      '2026-10-31T05:30:00Z',
      '2026-11-01T05:30:00Z', // 01:30 EDT; 01:30 EST (06:30Z) is not an occurrence
      '2026-11-02T06:30:00Z',
    ]);
  });

  test('half-hourly times across the skipped hour come back sorted and once each', async () => {
    const instants = await expandRecurrence(
      'FREQ=MINUTELY;INTERVAL=30;COUNT=7',
      { local: '2026-03-08T01:00', timeZone: NY },
      { start: '2026-03-08T00:00:00Z', end: '2026-03-09T00:00:00Z' },
    );
    // 01:00, 01:30 EST; 02:00 and 02:30 do not exist and move to 03:00 and 03:30 EDT,
    // which the rule also produces; then 04:00 EDT.
    assert.deepEqual(instants, [
      '2026-03-08T06:00:00Z',
      '2026-03-08T06:30:00Z',
      '2026-03-08T07:00:00Z',
      '2026-03-08T07:30:00Z',
      '2026-03-08T08:00:00Z',
    ]);
  });

  test('a daily 9 AM on Lord Howe Island moves by half an hour of UTC when its clocks change', async () => {
    const timeZone = 'Australia/Lord_Howe';
    const april = await expandRecurrence(
      'FREQ=DAILY',
      { local: '2026-04-03T09:00', timeZone },
      { start: '2026-04-01T00:00:00Z', end: '2026-04-06T00:00:00Z' },
    );
    assert.deepEqual(april, [
      '2026-04-02T22:00:00Z', // +11:00
      '2026-04-03T22:00:00Z',
      '2026-04-04T22:30:00Z', // +10:30 from 5 April
      '2026-04-05T22:30:00Z',
    ]);
    const october = await expandRecurrence(
      'FREQ=DAILY',
      { local: '2026-10-02T09:00', timeZone },
      { start: '2026-10-01T00:00:00Z', end: '2026-10-05T00:00:00Z' },
    );
    assert.deepEqual(october, [
      '2026-10-01T22:30:00Z',
      '2026-10-02T22:30:00Z',
      '2026-10-03T22:00:00Z', // +11:00 from 4 October
      '2026-10-04T22:00:00Z',
    ]);
    for (const instant of [...april, ...october]) assert.match(wallClock(instant, timeZone), /T09:00$/);
  });

  test('a daily 2:15 AM on Lord Howe Island moves to 2:45 AM in its 30-minute gap', async () => {
    const timeZone = 'Australia/Lord_Howe';
    const instants = await expandRecurrence(
      'FREQ=DAILY',
      { local: '2026-10-03T02:15', timeZone },
      { start: '2026-10-01T00:00:00Z', end: '2026-10-05T00:00:00Z' },
    );
    assert.deepEqual(instants, ['2026-10-02T15:45:00Z', '2026-10-03T15:45:00Z', '2026-10-04T15:15:00Z']);
    assert.deepEqual(
      instants.map((instant) => wallClock(instant, timeZone)),
      ['2026-10-03T02:15', '2026-10-04T02:45', '2026-10-05T02:15'],
    );
  });

  test('a daily 9 AM in Kathmandu (+05:45) is 03:15 UTC every day of the year', async () => {
    const instants = await expandRecurrence(
      'FREQ=DAILY',
      { local: '2026-01-01T09:00', timeZone: 'Asia/Kathmandu' },
      { start: '2026-01-01T00:00:00Z', end: '2027-01-01T00:00:00Z' },
    );
    assert.equal(instants.length, 365);
    assert.equal(instants[0], '2026-01-01T03:15:00Z');
    assert.equal(instants.at(-1), '2026-12-31T03:15:00Z');
    for (const instant of instants) assert.match(instant, /T03:15:00Z$/);
  });
});

describe('UNTIL, COUNT and the range', () => {
  const dtstart = { local: '2026-03-06T09:00', timeZone: NY };
  const march = { start: '2026-03-01T00:00:00Z', end: '2026-04-01T00:00:00Z' };

  test('an occurrence exactly at a UTC UNTIL is the last one', async () => {
    // 2026-03-10 09:00 EDT is 13:00Z.
    assert.deepEqual(await expandRecurrence('FREQ=DAILY;UNTIL=20260310T130000Z', dtstart, march), [
      '2026-03-06T14:00:00Z',
      '2026-03-07T14:00:00Z',
      '2026-03-08T13:00:00Z',
      '2026-03-09T13:00:00Z',
      '2026-03-10T13:00:00Z',
    ]);
    const secondEarlier = await expandRecurrence('FREQ=DAILY;UNTIL=20260310T125959Z', dtstart, march);
    assert.equal(secondEarlier.at(-1), '2026-03-09T13:00:00Z');
  });

  test('a date-only UNTIL includes the whole of that day in the meeting’s zone', async () => {
    // 23:30 EDT on 10 March is already 11 March in UTC.
    const lateEvening = await expandRecurrence(
      'FREQ=DAILY;UNTIL=20260310',
      { local: '2026-03-08T23:30', timeZone: NY },
      march,
    );
    assert.deepEqual(lateEvening, ['2026-03-09T03:30:00Z', '2026-03-10T03:30:00Z', '2026-03-11T03:30:00Z']);
  });

  test('an UNTIL without Z is read as wall-clock time in the meeting’s zone', async () => {
    const inclusive = await expandRecurrence('FREQ=DAILY;UNTIL=20260310T090000', dtstart, march);
    assert.equal(inclusive.at(-1), '2026-03-10T13:00:00Z');
    const minuteEarlier = await expandRecurrence('FREQ=DAILY;UNTIL=20260310T085900', dtstart, march);
    assert.equal(minuteEarlier.at(-1), '2026-03-09T13:00:00Z');
  });

  test('COUNT counts from the first meeting, not from the start of the range', async () => {
    const instants = await expandRecurrence(
      'FREQ=DAILY;COUNT=5',
      { local: '2026-01-01T09:00', timeZone: NY },
      { start: '2026-01-04T00:00:00Z', end: '2026-02-01T00:00:00Z' },
    );
    assert.deepEqual(instants, ['2026-01-04T14:00:00Z', '2026-01-05T14:00:00Z']);
  });

  test('a rule repeating every 13 minutes since 1970 keeps its rhythm in 2026', async () => {
    const instants = await expandRecurrence(
      'FREQ=MINUTELY;INTERVAL=13',
      { local: '1970-01-01T00:05', timeZone: 'UTC' },
      { start: '2026-01-01T00:00:00Z', end: '2026-01-01T01:00:00Z' },
    );
    assert.deepEqual(instants, [
      '2026-01-01T00:07:00Z',
      '2026-01-01T00:20:00Z',
      '2026-01-01T00:33:00Z',
      '2026-01-01T00:46:00Z',
      '2026-01-01T00:59:00Z',
    ]);
  });

  test('a meeting at the start of the range is included and one at its end is not', async () => {
    const instants = await expandRecurrence('FREQ=DAILY', dtstart, {
      start: '2026-03-06T14:00:00Z',
      end: '2026-03-08T13:00:00Z',
    });
    assert.deepEqual(instants, ['2026-03-06T14:00:00Z', '2026-03-07T14:00:00Z']);
  });

  test('a range before the first meeting is empty', async () => {
    assert.deepEqual(
      await expandRecurrence('FREQ=DAILY', dtstart, { start: '2026-01-01T00:00:00Z', end: '2026-03-06T13:59:59Z' }),
      [],
    );
  });

  test('the rule may be given with or without the "RRULE:" prefix', async () => {
    const bare = await expandRecurrence('FREQ=WEEKLY;COUNT=3', dtstart, march);
    const prefixed = await expandRecurrence('RRULE:FREQ=WEEKLY;COUNT=3', dtstart, march);
    const lowerCase = await expandRecurrence('rrule:freq=weekly;count=3', dtstart, march);
    assert.deepEqual(bare, ['2026-03-06T14:00:00Z', '2026-03-13T13:00:00Z', '2026-03-20T13:00:00Z']);
    assert.deepEqual(prefixed, bare);
    assert.deepEqual(lowerCase, bare);
  });

  test('splitting a range in two returns the same meetings, sorted, none twice', async () => {
    const zones = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Apia'];
    const rules = [
      'FREQ=DAILY',
      'FREQ=WEEKLY;BYDAY=MO,WE,FR',
      'FREQ=HOURLY;INTERVAL=5',
      'FREQ=MONTHLY;BYDAY=-1FR',
      'FREQ=MINUTELY;INTERVAL=45;BYHOUR=0,1,2,3',
      'FREQ=MINUTELY;INTERVAL=97;BYDAY=SA,SU',
      'FREQ=SECONDLY;INTERVAL=7919;BYSECOND=0,1,2,3,4,5,6,7,8,9',
    ];
    const day = 86_400_000;
    const base = Date.parse('2026-01-01T00:00:00Z');
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...zones),
        fc.constantFrom(...rules),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 1, max: 60 * day }),
        fc.integer({ min: 1, max: 60 * day }),
        async (timeZone, rule, startDay, hour, firstLength, secondLength) => {
          const local = `2026-01-01T${String(hour).padStart(2, '0')}:30`;
          const start = base + startDay * day;
          const middle = start + firstLength;
          const end = middle + secondLength;
          const whole = await expandRecurrence(rule, { local, timeZone }, { start: iso(start), end: iso(end) });
          const first = await expandRecurrence(rule, { local, timeZone }, { start: iso(start), end: iso(middle) });
          const second = await expandRecurrence(rule, { local, timeZone }, { start: iso(middle), end: iso(end) });
          assert.deepEqual([...first, ...second], whole);
          const ms = whole.map((instant) => Date.parse(instant));
          for (let i = 0; i < ms.length; i++) {
            assert.ok(ms[i]! >= start && ms[i]! < end);
            if (i > 0) assert.ok(ms[i]! > ms[i - 1]!);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('invalid input', () => {
  const dtstart = { local: '2026-03-06T09:00', timeZone: NY };
  const range = { start: '2026-03-01T00:00:00Z', end: '2026-04-01T00:00:00Z' };

  test('a rule rrule cannot read is rejected as invalid input', async () => {
    for (const rule of [
      '',
      'not a rule',
      'FREQ=FORTNIGHTLY',
      'COUNT=3',
      'FREQ=DAILY;COUNT=three',
      'FREQ=DAILY;INTERVAL=0',
      'FREQ=MONTHLY;BYMONTHDAY=32',
      'FREQ=YEARLY;BYMONTH=13',
      'FREQ=WEEKLY;BYDAY=XX',
      'FREQ=DAILY;UNTIL=20260230T000000Z',
      'FREQ=DAILY;COUNT=3;UNTIL=20260310T000000Z',
      'FREQ=DAILY;FREQ=WEEKLY',
      'FREQ=DAILY;X-NAME=1',
    ]) {
      await assert.rejects(expandRecurrence(rule, dtstart, range), invalidInput, JSON.stringify(rule));
    }
  });

  test('a rule carrying its own DTSTART or other lines is rejected', async () => {
    for (const rule of [
      'DTSTART;TZID=America/New_York:19970902T090000\nRRULE:FREQ=DAILY;COUNT=10',
      'RRULE:FREQ=DAILY;COUNT=10\nEXDATE;TZID=America/New_York:19970902T090000',
      'FREQ=DAILY;DTSTART=19970902T090000',
      'DTSTART:19970902T090000',
    ]) {
      await assert.rejects(expandRecurrence(rule, dtstart, range), invalidInput, JSON.stringify(rule));
    }
  });

  test('an unknown time zone or an impossible local start is rejected', async () => {
    for (const start of [
      { local: '2026-03-06T09:00', timeZone: 'Mars/Olympus_Mons' },
      { local: '2026-02-30T09:00', timeZone: NY },
      { local: '9am', timeZone: NY },
      { local: '2026-03-06T09:00:00Z', timeZone: NY },
    ]) {
      await assert.rejects(expandRecurrence('FREQ=DAILY', start, range), invalidInput, JSON.stringify(start));
    }
  });

  test('a range that ends before it starts, or is not made of instants, is rejected', async () => {
    for (const bad of [
      { start: '2026-04-01T00:00:00Z', end: '2026-03-01T00:00:00Z' },
      { start: '2026-03-01T00:00:00Z', end: '2026-03-01T00:00:00Z' },
      { start: '2026-03-01', end: '2026-04-01' },
    ]) {
      await assert.rejects(expandRecurrence('FREQ=DAILY', dtstart, bad), invalidInput, JSON.stringify(bad));
    }
  });

  test('a range holding more than 10,000 meetings is rejected instead of cut short', async () => {
    await assert.rejects(
      expandRecurrence('FREQ=MINUTELY', dtstart, { start: '2026-03-06T00:00:00Z', end: '2026-03-16T00:00:00Z' }),
      (error: unknown) => invalidInput(error) && (error as SchedulerError).message.includes('10000'),
    );
  });
});

test('importing the library does not load rrule until a rule is expanded', () => {
  const script = `
    import { createRequire } from 'node:module';
    const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('/rrule/'));
    const core = await import('@meeting-scheduler/core');
    const before = loaded();
    await core.expandRecurrence('FREQ=DAILY;COUNT=1', { local: '2026-01-01T09:00', timeZone: 'UTC' },
      { start: '2026-01-01T00:00:00Z', end: '2026-01-02T00:00:00Z' });
    console.log(JSON.stringify({ before, after: loaded() }));
  `;
  const output = execFileSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', '--input-type=module', '--eval', script],
    { encoding: 'utf8', cwd: fileURLToPath(new URL('../../', import.meta.url)) },
  );
  assert.deepEqual(JSON.parse(output), { before: false, after: true });
});
