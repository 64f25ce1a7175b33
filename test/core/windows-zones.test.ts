import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { SchedulerError, windowsZoneToIana } from '@meeting-scheduler/core';

interface WindowsZonesJson {
  supplemental: {
    windowsZones: { mapTimezones: { mapZone: { _other: string; _type: string; _territory: string } }[] };
  };
}

const cldr = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('cldr-core/supplemental/windowsZones.json'), 'utf8'),
) as WindowsZonesJson;
const goldenZones = new Map(
  cldr.supplemental.windowsZones.mapTimezones
    .map(({ mapZone }) => mapZone)
    .filter((zone) => zone._territory === '001')
    .map((zone) => [zone._other, zone._type]),
);
const windowsNames = [...new Set(cldr.supplemental.windowsZones.mapTimezones.map(({ mapZone }) => mapZone._other))];

/** The runtime's canonical id: old and new IANA spellings of one zone agree here. */
function runtimeZone(timeZone: string): string {
  return new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
}

/** The UTC offset in `timeZone` at `instant`, in minutes (Nepal: 345). */
function offsetMinutes(timeZone: string, instant: string): number {
  const at = new Date(instant);
  const parts = new Intl.DateTimeFormat('en', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wallClock = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return (wallClock - at.getTime()) / 60_000;
}

function invalidTimeZone(value: unknown) {
  return (error: unknown) => {
    assert.ok(error instanceof SchedulerError);
    assert.equal(error.code, 'invalid-input');
    assert.deepEqual(error.details, { field: 'timeZone', value });
    return true;
  };
}

test('every Windows name Microsoft Graph returns maps to a zone the runtime knows', () => {
  assert.ok(windowsNames.length >= 139, `CLDR lists ${windowsNames.length} Windows names`);
  for (const name of windowsNames) {
    const zone = windowsZoneToIana(name);
    assert.doesNotThrow(() => new Intl.DateTimeFormat(undefined, { timeZone: zone }), `${name} → ${zone}`);
  }
});

test('every Windows name maps to the same zone as CLDR’s golden zone for it', () => {
  assert.equal(goldenZones.size, windowsNames.length);
  for (const [name, golden] of goldenZones) {
    assert.equal(runtimeZone(windowsZoneToIana(name)), runtimeZone(golden), name);
  }
});

test('zones IANA has renamed come back under their current names', () => {
  assert.equal(windowsZoneToIana('India Standard Time'), 'Asia/Kolkata');
  assert.equal(windowsZoneToIana('Nepal Standard Time'), 'Asia/Kathmandu');
  assert.equal(windowsZoneToIana('Myanmar Standard Time'), 'Asia/Yangon');
  assert.equal(windowsZoneToIana('FLE Standard Time'), 'Europe/Kyiv');
  assert.equal(windowsZoneToIana('Greenland Standard Time'), 'America/Nuuk');
  assert.equal(windowsZoneToIana('Argentina Standard Time'), 'America/Argentina/Buenos_Aires');
  assert.equal(windowsZoneToIana('US Eastern Standard Time'), 'America/Indiana/Indianapolis');
});

test('common Windows names map to the zones people expect', () => {
  assert.equal(windowsZoneToIana('Pacific Standard Time'), 'America/Los_Angeles');
  assert.equal(windowsZoneToIana('Eastern Standard Time'), 'America/New_York');
  assert.equal(windowsZoneToIana('W. Europe Standard Time'), 'Europe/Berlin');
  assert.equal(windowsZoneToIana('GMT Standard Time'), 'Europe/London');
  assert.equal(windowsZoneToIana('Greenwich Standard Time'), 'Atlantic/Reykjavik');
  assert.equal(windowsZoneToIana('Tokyo Standard Time'), 'Asia/Tokyo');
  assert.equal(windowsZoneToIana('UTC-02'), 'Etc/GMT+2');
  assert.equal(windowsZoneToIana('UTC+12'), 'Etc/GMT-12');
});

test('zones with quarter- and half-hour offsets keep their offsets', () => {
  const cases: [name: string, instant: string, offsetMinutes: number][] = [
    ['Nepal Standard Time', '2026-01-15T12:00:00Z', 5 * 60 + 45],
    ['India Standard Time', '2026-01-15T12:00:00Z', 5 * 60 + 30],
    ['Chatham Islands Standard Time', '2026-07-15T12:00:00Z', 12 * 60 + 45],
    ['Chatham Islands Standard Time', '2026-01-15T12:00:00Z', 13 * 60 + 45],
    ['Newfoundland Standard Time', '2026-01-15T12:00:00Z', -(3 * 60 + 30)],
    ['Newfoundland Standard Time', '2026-07-15T12:00:00Z', -(2 * 60 + 30)],
    ['Lord Howe Standard Time', '2026-07-15T12:00:00Z', 10 * 60 + 30],
    ['Lord Howe Standard Time', '2026-01-15T12:00:00Z', 11 * 60],
  ];
  for (const [name, instant, offset] of cases) {
    assert.equal(offsetMinutes(windowsZoneToIana(name), instant), offset, `${name} at ${instant}`);
  }
});

test('UTC, whether Windows, IANA or Graph’s tzone name, is UTC', () => {
  assert.equal(windowsZoneToIana('UTC'), 'UTC');
  assert.equal(windowsZoneToIana('utc'), 'UTC');
  assert.equal(windowsZoneToIana('tzone://Microsoft/Utc'), 'UTC');
  assert.equal(windowsZoneToIana('TZONE://MICROSOFT/UTC'), 'UTC');
  assert.equal(offsetMinutes(windowsZoneToIana('UTC'), '2026-07-15T12:00:00Z'), 0);
});

test('Windows names are matched whatever their case and surrounding whitespace', () => {
  assert.equal(windowsZoneToIana('  pacific standard TIME\t'), 'America/Los_Angeles');
  assert.equal(windowsZoneToIana('\nnepal standard time '), 'Asia/Kathmandu');
  fc.assert(
    fc.property(
      fc.constantFrom(...windowsNames),
      fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
      fc.constantFrom('', ' ', '\t', '\n ', '  '),
      fc.constantFrom('', ' ', '\t', ' \n'),
      (name, upper, before, after) => {
        const spelled = [...name].map((char, i) => (upper[i % upper.length] ? char.toUpperCase() : char.toLowerCase()));
        assert.equal(windowsZoneToIana(`${before}${spelled.join('')}${after}`), windowsZoneToIana(name));
      },
    ),
  );
});

test('IANA names Graph returns under a Prefer: outlook.timezone header pass through unchanged', () => {
  for (const zone of ['Europe/Berlin', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Calcutta', 'Etc/GMT+5', 'Etc/UTC']) {
    assert.equal(windowsZoneToIana(zone), zone);
  }
  assert.equal(windowsZoneToIana(' Europe/Berlin '), 'Europe/Berlin');
});

test('an unknown, empty, custom or non-string zone is rejected as invalid input', () => {
  const rejected: unknown[] = [
    'Mars Standard Time',
    'Europe/Atlantis',
    '',
    '   ',
    'tzone://Microsoft/Custom',
    'tzone://Microsoft/Pacific',
    '+05:30',
    '2026-03-08T14:30:00Z[Europe/Berlin]',
    undefined,
    null,
    42,
    {},
  ];
  for (const value of rejected) {
    assert.throws(() => windowsZoneToIana(value as string), invalidTimeZone(value), JSON.stringify(value));
  }
});
