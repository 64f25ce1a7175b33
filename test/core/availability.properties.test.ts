import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import {
  explainSlot,
  findSlots,
  mergeBusy,
  type AvailabilityParticipant,
  type AvailabilityQuery,
  type BusyInterval,
  type BusyPolicy,
  type Interval,
  type WorkingHours,
} from '@meeting-scheduler/core';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const RUNS = { numRuns: 1000 };

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const ms = (instant: string) => Date.parse(instant);

// ---------------------------------------------------------------------------------
// Generators: modest queries around the 2026 DST changes of zones with odd offsets.
// ---------------------------------------------------------------------------------

const ZONES = ['America/New_York', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns', 'Australia/Lord_Howe'] as const;

/** Instants of the 2026 offset changes in ZONES, and two quiet days. */
const ANCHORS = [
  '2026-03-08T07:00:00Z', // New York springs forward
  '2026-11-01T06:00:00Z', // New York falls back
  '2026-03-08T05:30:00Z', // St. John's springs forward
  '2026-11-01T04:30:00Z', // St. John's falls back
  '2026-04-04T15:00:00Z', // Lord Howe: 02:00 → 01:30
  '2026-10-03T15:30:00Z', // Lord Howe: 02:00 → 02:30
  '2026-04-04T14:00:00Z', // Chatham: 03:45 → 02:45
  '2026-09-26T14:00:00Z', // Chatham: 02:45 → 03:45
  '2026-03-10T12:00:00Z',
  '2026-06-15T00:00:00Z',
];

/** Local dates around those changes (for overrides). */
const OVERRIDE_DATES = ['2026-03-07', '2026-03-08', '2026-03-09', '2026-04-04', '2026-04-05', '2026-09-26', '2026-09-27', '2026-10-03', '2026-10-04', '2026-10-31', '2026-11-01', '2026-11-02'];

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** A quarter hour of the day, often in the small hours where clocks change. No 24:00. */
const quarterHour = fc.oneof(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 4, max: 16 })).map((q) => q * 15);
const wallRange = fc
  .tuple(quarterHour, quarterHour)
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => ({ start: hhmm(Math.min(a, b)), end: hhmm(Math.max(a, b)) }));
const dayRanges = fc.array(wallRange, { maxLength: 3 });

const workingHoursArb: fc.Arbitrary<WorkingHours> = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  weekly: fc.record({ 1: dayRanges, 2: dayRanges, 3: dayRanges, 4: dayRanges, 5: dayRanges, 6: dayRanges, 7: dayRanges }, { requiredKeys: [] }),
  overrides: fc.uniqueArray(fc.record({ date: fc.constantFrom(...OVERRIDE_DATES), ranges: dayRanges }), { maxLength: 3, selector: (o) => o.date }),
});

interface BusySpec {
  startShift: number;
  length: number;
  status: BusyInterval['status'] | undefined;
  allDay: boolean;
  label: string;
}

const busySpec: fc.Arbitrary<BusySpec> = fc.record({
  startShift: fc.integer({ min: -180, max: 36 * 60 }),
  length: fc.integer({ min: 1, max: 240 }),
  status: fc.constantFrom(undefined, 'busy', 'tentative', 'oof', 'free'),
  allDay: fc.boolean(),
  label: fc.constantFrom('Stand-up', 'Lunch', 'Design review'),
});

const policyArb: fc.Arbitrary<BusyPolicy> = fc.record(
  { tentative: fc.constantFrom('busy', 'free'), allDay: fc.constantFrom('busy', 'free'), oof: fc.constantFrom('busy', 'free') },
  { requiredKeys: [] },
);

function busyEntry(rangeStart: number, s: BusySpec): BusyInterval {
  const start = rangeStart + s.startShift * MINUTE_MS;
  const entry: BusyInterval = { start: iso(start), end: iso(start + s.length * MINUTE_MS), label: s.label };
  if (s.status !== undefined) entry.status = s.status;
  if (s.allDay) entry.allDay = true;
  return entry;
}

/**
 * Queries over at most `maxRangeMinutes`, starting within a day before or a few hours
 * after one of the ANCHORS, on any minute.
 */
function queryArb({ maxRangeMinutes, workingHoursRate }: { maxRangeMinutes: number; workingHoursRate: number }): fc.Arbitrary<AvailabilityQuery> {
  const participant = fc.record({
    busy: fc.array(busySpec, { maxLength: 5 }),
    workingHours: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: Math.round((1 - workingHoursRate) * 100) },
      { arbitrary: workingHoursArb, weight: Math.round(workingHoursRate * 100) },
    ),
  });
  return fc
    .record({
      anchor: fc.constantFrom(...ANCHORS),
      startShift: fc.integer({ min: -24 * 60, max: 6 * 60 }),
      length: fc.integer({ min: 1, max: maxRangeMinutes }),
      duration: fc.oneof(fc.constantFrom(15, 30, 45, 60, 90), fc.integer({ min: 1, max: 120 })),
      step: fc.option(fc.constantFrom(5, 7, 10, 15, 20, 30, 60), { nil: undefined }),
      bufferBefore: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
      bufferAfter: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
      now: fc.option(fc.record({ shift: fc.integer({ min: -60, max: maxRangeMinutes }), minNotice: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }) }), { nil: undefined }),
      policy: fc.option(policyArb, { nil: undefined }),
      participants: fc.array(participant, { minLength: 1, maxLength: 3 }),
    })
    .map((g) => {
      const start = ms(g.anchor) + g.startShift * MINUTE_MS;
      const q: AvailabilityQuery = {
        range: { start: iso(start), end: iso(start + g.length * MINUTE_MS) },
        durationMinutes: g.duration,
        participants: g.participants.map((p, i) => {
          const person: AvailabilityParticipant = { id: `p${i}`, busy: p.busy.map((b) => busyEntry(start, b)) };
          if (p.workingHours) person.workingHours = p.workingHours;
          return person;
        }),
      };
      if (g.step !== undefined) q.stepMinutes = g.step;
      if (g.bufferBefore !== undefined) q.bufferBeforeMinutes = g.bufferBefore;
      if (g.bufferAfter !== undefined) q.bufferAfterMinutes = g.bufferAfter;
      if (g.now) {
        q.now = iso(start + g.now.shift * MINUTE_MS);
        if (g.now.minNotice !== undefined) q.minNoticeMinutes = g.now.minNotice;
      }
      if (g.policy) q.busyPolicy = g.policy;
      return q;
    });
}

// ---------------------------------------------------------------------------------
// Independent oracles.
// ---------------------------------------------------------------------------------

/** The spec's rule, restated: `free` never blocks; a kind the policy calls free does not block. */
function blocksUnder(b: BusyInterval, policy: BusyPolicy | undefined): boolean {
  if (b.status === 'free') return false;
  const freeKinds = [b.status === 'tentative' && policy?.tentative === 'free', b.status === 'oof' && policy?.oof === 'free', b.allDay === true && policy?.allDay === 'free'];
  return !freeKinds.some(Boolean);
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** UTC offset of `timeZone` at an instant (instant → wall clock is never ambiguous). */
function offsetMs(timeZone: string, epochMs: number): number {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone).offsetNanoseconds / 1e6;
}

/**
 * The instant of a wall-clock time, by the classic two-offset search rather than
 * Temporal's disambiguation: a repeated time is its first occurrence; a skipped time
 * moves forward by the gap (it is read with the offset in force before the change).
 */
function wallToEpoch(date: Temporal.PlainDate, minutes: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, Math.floor(minutes / 60), minutes % 60);
  const before = offsetMs(timeZone, wall - DAY_MS);
  const after = offsetMs(timeZone, wall + DAY_MS);
  const valid = [wall - before, wall - after].filter((t) => offsetMs(timeZone, t) === wall - t);
  return valid.length > 0 ? Math.min(...valid) : wall - before;
}

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** A local date's working ranges as instants, each range mapped on its own (memoized: the model asks often). */
const daySpansCache = new WeakMap<WorkingHours, Map<string, Array<[number, number]>>>();
function daySpans(hours: WorkingHours, date: Temporal.PlainDate): Array<[number, number]> {
  let byDate = daySpansCache.get(hours);
  if (!byDate) daySpansCache.set(hours, (byDate = new Map()));
  const key = date.toString();
  let spans = byDate.get(key);
  if (!spans) {
    const override = hours.overrides?.find((o) => o.date === key);
    const ranges = override ? override.ranges : (hours.weekly[date.dayOfWeek as 1 | 2 | 3 | 4 | 5 | 6 | 7] ?? []);
    spans = ranges
      .map((r): [number, number] => [wallToEpoch(date, minutesOf(r.start), hours.timeZone), wallToEpoch(date, minutesOf(r.end), hours.timeZone)])
      .filter(([s, e]) => s < e);
    byDate.set(key, spans);
  }
  return spans;
}

/**
 * Whether `[start, end)` lies inside the person's working time: the ranges of the
 * local date it starts on (and the day before), joined where they overlap or touch.
 */
function insideWorkingHours(hours: WorkingHours, start: number, end: number): boolean {
  const startDate = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(hours.timeZone).toPlainDate();
  const spans = [...daySpans(hours, startDate.subtract({ days: 1 })), ...daySpans(hours, startDate)].sort((a, b) => a[0] - b[0]);
  let reach = -Infinity;
  let from = -Infinity;
  for (const [s, e] of spans) {
    if (s > reach) from = s;
    reach = Math.max(reach, e);
    if (from <= start && end <= reach) return true;
  }
  return false;
}

/** Every grid start of the query: range.start + k × step with the slot inside the range. */
function gridCandidates(q: AvailabilityQuery): Interval[] {
  const step = (q.stepMinutes ?? 15) * MINUTE_MS;
  const duration = q.durationMinutes * MINUTE_MS;
  const out: Interval[] = [];
  for (let t = ms(q.range.start); t + duration <= ms(q.range.end); t += step) out.push({ start: iso(t), end: iso(t + duration) });
  return out;
}

const span = (i: Interval) => ({ start: ms(i.start), end: ms(i.end) });

// ---------------------------------------------------------------------------------
// Properties.
// ---------------------------------------------------------------------------------

test('no slot (with its buffers) overlaps a calendar entry that blocks under the policy', (t) => {
  let slotsChecked = 0;
  fc.assert(
    fc.property(queryArb({ maxRangeMinutes: 36 * 60, workingHoursRate: 0.25 }), (q) => {
      for (const slot of findSlots(q)) {
        slotsChecked++;
        const padded = { start: ms(slot.start) - (q.bufferBeforeMinutes ?? 0) * MINUTE_MS, end: ms(slot.end) + (q.bufferAfterMinutes ?? 0) * MINUTE_MS };
        for (const p of q.participants) {
          for (const b of p.busy) {
            if (blocksUnder(b, q.busyPolicy)) {
              assert.ok(!overlaps(padded, span(b)), `${slot.start}–${slot.end} overlaps ${p.id}'s ${JSON.stringify(b)}`);
            }
          }
        }
      }
    }),
    RUNS,
  );
  t.diagnostic(`${slotsChecked} slots checked`);
  assert.ok(slotsChecked > 10_000, 'the generator produces free time');
});

test('every slot lies inside every participant’s working hours, read on their own wall clock', (t) => {
  let runsWithSlots = 0;
  fc.assert(
    fc.property(queryArb({ maxRangeMinutes: 30 * 60, workingHoursRate: 1 }), (q) => {
      const slots = findSlots(q);
      if (slots.length > 0) runsWithSlots++;
      for (const slot of slots) {
        for (const p of q.participants) {
          if (!p.workingHours) continue;
          assert.ok(
            insideWorkingHours(p.workingHours, ms(slot.start), ms(slot.end)),
            `${slot.start}–${slot.end} is outside ${p.id}'s hours in ${p.workingHours.timeZone}`,
          );
        }
      }
    }),
    RUNS,
  );
  t.diagnostic(`${runsWithSlots} of ${RUNS.numRuns} runs found slots`);
  assert.ok(runsWithSlots > 50, 'the generator produces overlapping working hours');
});

test('slots are sorted, distinct, on the step grid, inside the range, past the notice, and last the duration', () => {
  fc.assert(
    fc.property(queryArb({ maxRangeMinutes: 36 * 60, workingHoursRate: 0.5 }), (q) => {
      const slots = findSlots(q);
      const rangeStart = ms(q.range.start);
      const step = (q.stepMinutes ?? 15) * MINUTE_MS;
      const earliest = q.now === undefined ? -Infinity : ms(q.now) + (q.minNoticeMinutes ?? 0) * MINUTE_MS;
      slots.forEach((slot, i) => {
        const { start, end } = span(slot);
        assert.equal(slot.start, iso(start), 'starts are canonical UTC instants');
        assert.equal(end - start, q.durationMinutes * MINUTE_MS);
        assert.equal((start - rangeStart) % step, 0, `${slot.start} is on the grid from ${q.range.start}`);
        assert.ok(rangeStart <= start && end <= ms(q.range.end), `${slot.start} is inside the range`);
        assert.ok(start >= earliest, `${slot.start} respects the notice`);
        const previous = slots[i - 1];
        if (previous) assert.ok(ms(previous.start) < start, 'strictly increasing starts');
      });
    }),
    RUNS,
  );
});

test('mergeBusy is idempotent and does not depend on the order of its input', () => {
  const entries = fc
    .record({ base: fc.constantFrom(...ANCHORS), specs: fc.array(busySpec, { maxLength: 12 }), policy: fc.option(policyArb, { nil: undefined }) })
    .chain(({ base, specs, policy }) => {
      const busy = specs.map((s) => busyEntry(ms(base), s));
      return fc.record({
        busy: fc.constant(busy),
        shuffled: fc.shuffledSubarray(busy, { minLength: busy.length, maxLength: busy.length }),
        policy: fc.constant(policy),
      });
    });
  fc.assert(
    fc.property(entries, ({ busy, shuffled, policy }) => {
      const merged = mergeBusy(busy, policy);
      assert.deepEqual(mergeBusy(merged), merged, 'idempotent');
      assert.deepEqual(mergeBusy(shuffled, policy), merged, 'order-independent');
      // Sorted, disjoint and not touching; covering exactly the blocking entries.
      merged.forEach((m, i) => {
        const previous = merged[i - 1];
        if (previous) assert.ok(ms(previous.end) < ms(m.start), 'separated by a gap');
      });
      for (const b of busy.filter((e) => blocksUnder(e, policy))) {
        assert.ok(merged.some((m) => ms(m.start) <= ms(b.start) && ms(b.end) <= ms(m.end)), `${JSON.stringify(b)} is covered`);
      }
      for (const m of merged) {
        assert.ok(busy.some((b) => blocksUnder(b, policy) && b.start === m.start), `${m.start} starts a blocking entry`);
        assert.ok(busy.some((b) => blocksUnder(b, policy) && b.end === m.end), `${m.end} ends a blocking entry`);
      }
    }),
    RUNS,
  );
});

test('findSlots offers exactly the grid slots an independent model of the rules allows', (t) => {
  let offeredTotal = 0;
  fc.assert(
    fc.property(queryArb({ maxRangeMinutes: 16 * 60, workingHoursRate: 0.75 }), (q) => {
      const earliest = q.now === undefined ? -Infinity : ms(q.now) + (q.minNoticeMinutes ?? 0) * MINUTE_MS;
      const expected = gridCandidates(q).filter((candidate) => {
        const c = span(candidate);
        const padded = { start: c.start - (q.bufferBeforeMinutes ?? 0) * MINUTE_MS, end: c.end + (q.bufferAfterMinutes ?? 0) * MINUTE_MS };
        return (
          c.start >= earliest &&
          q.participants.every(
            (p) =>
              (!p.workingHours || insideWorkingHours(p.workingHours, c.start, c.end)) &&
              !p.busy.some((b) => blocksUnder(b, q.busyPolicy) && overlaps(padded, span(b))),
          )
        );
      });
      const offered = findSlots(q);
      offeredTotal += offered.length;
      assert.deepEqual(offered, expected);
    }),
    RUNS,
  );
  t.diagnostic(`${offeredTotal} slots offered in all`);
});

test('nothing free is missed: a grid slot is offered exactly when explainSlot finds no reason against it', (t) => {
  let candidatesChecked = 0;
  fc.assert(
    fc.property(queryArb({ maxRangeMinutes: 10 * 60, workingHoursRate: 0.5 }), (q) => {
      const offered = new Set(findSlots(q).map((s) => s.start));
      const earliest = q.now === undefined ? -Infinity : ms(q.now) + (q.minNoticeMinutes ?? 0) * MINUTE_MS;
      for (const candidate of gridCandidates(q)) {
        candidatesChecked++;
        const reasons = explainSlot(candidate, q);
        if (offered.has(candidate.start)) {
          assert.deepEqual(reasons, [], `${candidate.start} is offered, so nothing speaks against it`);
          continue;
        }
        assert.ok(reasons.length > 0, `${candidate.start} is not offered, so explainSlot must say why`);
        // Every reason given is true.
        const c = span(candidate);
        const padded = { start: c.start - (q.bufferBeforeMinutes ?? 0) * MINUTE_MS, end: c.end + (q.bufferAfterMinutes ?? 0) * MINUTE_MS };
        for (const r of reasons) {
          if (r.reason === 'min-notice') {
            assert.equal(r.participantId, '*');
            assert.ok(c.start < earliest);
            continue;
          }
          const person = q.participants.find((p) => p.id === r.participantId);
          assert.ok(person, `${r.participantId} is a participant`);
          if (r.reason === 'outside-working-hours') {
            assert.ok(person.workingHours && !insideWorkingHours(person.workingHours, c.start, c.end));
          } else {
            assert.ok(r.interval && person.busy.includes(r.interval) && blocksUnder(r.interval, q.busyPolicy));
            assert.ok(overlaps(r.reason === 'busy' ? c : padded, span(r.interval)), `${r.reason} ${JSON.stringify(r.interval)}`);
          }
        }
      }
    }),
    RUNS,
  );
  t.diagnostic(`${candidatesChecked} grid slots checked`);
});
