import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Temporal } from 'temporal-polyfill';
import { formatSlot } from '@meeting-scheduler/core';

/**
 * Every zone the runtime knows, around every UTC-offset change it makes in 2026:
 * the slot's start as formatSlot shows it must be the wall clock Intl shows for
 * that instant in that zone.
 */

const MINUTE_MS = 60_000;
const AROUND_MINUTES = [-90, -60, -30, -1, 0, 1, 30, 60, 90];
const YEAR_START = Temporal.Instant.from('2026-01-01T00:00:00Z');
const YEAR_END = Temporal.Instant.from('2027-01-01T00:00:00Z');
const MID_YEAR_MS = Date.parse('2026-07-01T12:00:00Z');

/** The 2026 instants at which `timeZone` changes its UTC offset, in order. */
function transitions2026(timeZone: string): number[] {
  const found: number[] = [];
  let at: Temporal.ZonedDateTime | null = YEAR_START.toZonedDateTimeISO(timeZone);
  for (;;) {
    at = at.getTimeZoneTransition('next');
    if (at === null || Temporal.Instant.compare(at.toInstant(), YEAR_END) >= 0) return found;
    found.push(at.epochMilliseconds);
  }
}

/** "HH:MM" of the first clock time in `text` ("9:05–9:35" → "09:05"). */
function firstClock(text: string): string | undefined {
  const m = /(\d{1,2}):(\d{2})/.exec(text);
  return m ? `${m[1]?.padStart(2, '0')}:${m[2]}` : undefined;
}

test('every zone shows the wall clock Intl shows, around every 2026 offset change', (t) => {
  const zones = Intl.supportedValuesOf('timeZone');
  const mismatches: string[] = [];
  let checks = 0;
  let transitionCount = 0;
  let zonesWithTransitions = 0;

  for (const timeZone of zones) {
    const oracle = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const check = (ms: number) => {
      checks++;
      const start = new Date(ms).toISOString();
      const end = new Date(ms + 30 * MINUTE_MS).toISOString();
      const expected = oracle.format(ms);
      let actual: string | undefined;
      try {
        actual = firstClock(formatSlot({ start, end }, { timeZone, locale: 'en-GB', hour12: false }).time);
      } catch (error) {
        actual = `threw ${String(error)}`;
      }
      if (actual !== expected) mismatches.push(`${timeZone} @ ${start}: formatSlot ${String(actual)}, Intl ${expected}`);
    };

    const changes = transitions2026(timeZone);
    if (changes.length > 0) zonesWithTransitions++;
    transitionCount += changes.length;
    for (const change of changes) {
      for (const minutes of AROUND_MINUTES) check(change + minutes * MINUTE_MS);
    }
    // Zones that never change (and those that do) are also checked once mid-year.
    check(MID_YEAR_MS);
  }

  t.diagnostic(
    `${zones.length} zones (${zonesWithTransitions} with 2026 offset changes, ${transitionCount} changes), ${checks} instants checked, ${mismatches.length} mismatches`,
  );
  assert.ok(zones.length > 300, `the runtime lists ${zones.length} zones`);
  assert.ok(transitionCount > 100, `found ${transitionCount} offset changes in 2026`);
  assert.equal(mismatches.length, 0, `${mismatches.length} mismatches:\n${mismatches.slice(0, 50).join('\n')}`);
});
