import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { offsetAt, offsetTable, wallToInstant } from '../../packages/core/src/internal/zone-offsets.ts';

const YEAR_START = Date.UTC(2026, 0, 1);
const YEAR_END = Date.UTC(2027, 0, 1);
const QUARTER_HOUR = 15 * 60_000;

/** Temporal's answer for a wall-clock time, the reference the fast path must match. */
function reference(timeZone: string, wall: number): number {
  const d = new Date(wall);
  return Temporal.PlainDateTime.from({
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(),
  }).toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

test('wall-clock times around every 2026 transition of every zone map to the instants Temporal gives', () => {
  let checks = 0;
  const mismatches: string[] = [];
  for (const timeZone of Intl.supportedValuesOf('timeZone')) {
    const table = offsetTable(timeZone, YEAR_START, YEAR_END);
    const transitions = table.segments.slice(1).map((s) => s.from).filter((t) => t >= YEAR_START && t < YEAR_END);
    for (const t of transitions) {
      const wallNear = t + offsetAt(table, t - 1);
      for (let wall = wallNear - 3 * 3_600_000; wall <= wallNear + 3 * 3_600_000; wall += QUARTER_HOUR) {
        const rounded = Math.floor(wall / QUARTER_HOUR) * QUARTER_HOUR;
        checks++;
        const got = wallToInstant(table, rounded);
        const want = reference(timeZone, rounded);
        if (got !== want) mismatches.push(`${timeZone} ${new Date(rounded).toISOString()}: ${got} ≠ ${want}`);
      }
    }
  }
  assert.ok(checks > 5_000, `only ${checks} checks ran`);
  assert.deepEqual(mismatches.slice(0, 20), []);
});

test('offsets come from the zone: Kathmandu +05:45, Chatham +13:45 in January, St John’s −03:30', () => {
  const at = (tz: string, iso: string) => offsetAt(offsetTable(tz, Date.parse(iso), Date.parse(iso)), Date.parse(iso)) / 60_000;
  assert.equal(at('Asia/Kathmandu', '2026-06-01T00:00:00Z'), 345);
  assert.equal(at('Pacific/Chatham', '2026-01-15T00:00:00Z'), 825);
  assert.equal(at('America/St_Johns', '2026-01-15T00:00:00Z'), -210);
});
