/**
 * `npm run bench`: the slot search against a naive per-candidate scan of the same
 * data (3 participants × 2,000 busy intervals × 60 days, 15-minute grid, 30-minute
 * meetings), checked to give identical slots; then the gzipped size of core's
 * built entry. Figures, not assertions: run it on the machine you care about.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { findSlots, type AvailabilityQuery, type BusyInterval } from '@meeting-scheduler/core';
import { fromEpochMs } from '../packages/core/src/internal/instant.ts';
import { prepareQuery } from '../packages/core/src/availability/query.ts';

const DAY = 86_400_000;
const MIN = 60_000;
const RUNS = 31;
const WARM_UP = 5;

/** A small deterministic PRNG so every run measures the same data. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeQuery(): AvailabilityQuery {
  const random = mulberry32(20261125);
  const start = Date.UTC(2026, 2, 2);
  const end = start + 60 * DAY;
  const zones = ['America/New_York', 'Europe/London', 'America/Sao_Paulo'];
  return {
    range: { start: fromEpochMs(start), end: fromEpochMs(end) },
    durationMinutes: 30,
    stepMinutes: 15,
    bufferBeforeMinutes: 5,
    participants: zones.map((timeZone, i) => {
      const busy: BusyInterval[] = Array.from({ length: 2000 }, () => {
        const s = start + Math.floor(random() * (end - start) / (5 * MIN)) * 5 * MIN;
        return { start: fromEpochMs(s), end: fromEpochMs(s + (15 + Math.floor(random() * 3) * 15) * MIN), status: 'busy' };
      });
      return {
        id: `p${i}`,
        busy,
        workingHours: {
          timeZone,
          weekly: Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [{ start: '07:00', end: '12:30' }, { start: '13:30', end: '21:00' }]])),
        },
      };
    }),
  };
}

/** The obvious algorithm: for each candidate on the grid, scan every participant's busy list and working hours. */
function naiveFindSlots(q: AvailabilityQuery) {
  const p = prepareQuery(q);
  const raw = q.participants.map((person) => person.busy.map((b) => [Date.parse(b.start), Date.parse(b.end)] as const));
  const slots: Array<{ start: string; end: string }> = [];
  for (let t = p.start; t + p.duration <= p.end; t += p.step) {
    if (t < p.earliest) continue;
    const s = t - p.bufferBefore;
    const e = t + p.duration + p.bufferAfter;
    const free = p.participants.every((person, i) =>
      raw[i]!.every(([bs, be]) => be <= s || e <= bs) &&
      (person.working === null || person.working.some(([ws, we]) => ws <= t && t + p.duration <= we)),
    );
    if (free) slots.push({ start: fromEpochMs(t), end: fromEpochMs(t + p.duration) });
  }
  return slots;
}

function median(xs: number[]) {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time<T>(fn: () => T): { ms: number[]; result: T } {
  let result = fn();
  for (let i = 1; i < WARM_UP; i++) result = fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = fn();
    ms.push(performance.now() - t0);
  }
  return { ms, result };
}

const q = makeQuery();
const fast = time(() => findSlots(q));
const naive = time(() => naiveFindSlots(q));
const same = JSON.stringify(fast.result) === JSON.stringify(naive.result);
const fastMs = median(fast.ms);
const naiveMs = median(naive.ms);
console.log('findSlots — 3 participants × 2,000 busy intervals × 60 days, 15-min grid, 30-min meetings');
console.log(`  sweep line : ${fastMs.toFixed(2)} ms median of ${RUNS} (${fast.result.length} slots)`);
console.log(`  naive scan : ${naiveMs.toFixed(2)} ms median of ${RUNS}`);
console.log(`  speed-up   : ${(naiveMs / fastMs).toFixed(1)}×   identical slots: ${same ? 'yes' : 'NO'}`);
console.log(`  targets    : ≤ 25 ms ${fastMs <= 25 ? 'met' : 'MISSED'}, ≥ 20× ${naiveMs / fastMs >= 20 ? 'met' : 'MISSED'}`);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = readFileSync(join(root, 'packages/core/dist/index.js'));
console.log(`core dist/index.js: ${(entry.length / 1024).toFixed(1)} kB raw, ${(gzipSync(entry, { level: 9 }).length / 1024).toFixed(1)} kB gzipped (dependencies external)`);
if (!same) process.exitCode = 1;
