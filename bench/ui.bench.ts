/**
 * `npm run bench:ui` (also part of `npm run bench`): how fast `<meeting-scheduler>` answers
 * in Chromium, from its own performance measures (`meeting-scheduler:slots`: the busy
 * times of three connected calendars arrived → the week rendered with them;
 * `meeting-scheduler:toggle`: a cell clicked → the selection rendered). The page
 * (bench/ui/) is a production Vite build of the library's sources, served locally and
 * driven by playwright-core in Debian's Chromium (`CHROME_PATH`, default
 * /usr/bin/chromium). Prints median and p95 against the budgets; never fails on them.
 *
 * Options: `--runs N` (default 20 mounts and 2×N toggles), `--profile` (a CPU profile
 * of the mounts and of the toggles: prints the functions with the most self time),
 * `--open` (keep the page served for a look in a browser: prints the URL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(argValue('--runs') ?? 20);
const WARM_UP = 3;
const profiling = process.argv.includes('--profile');
const BUDGET = { slots: 50, toggle: 16 };

interface UiBench {
  mount(): Promise<{ slots: number; toFrame: number; busyCells: number; freeCells: number }>;
  toggle(index: number): Promise<number>;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

/** The functions with the most self time in a V8 CPU profile (source-mapped names are the build's). */
function topSelfTime(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }, limit = 12): string[] {
  const selfMs = new Map<number, number>();
  profile.samples?.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000));
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    total += ms;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}:${columnNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  }
  return [...byFunction]
    .filter(([key]) => !key.startsWith('(idle)') && !key.startsWith('(program)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, ms]) => `  ${ms.toFixed(1).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${key}`);
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

function report(label: string, values: number[], budget?: number): void {
  const median = quantile(values, 0.5);
  const p95 = quantile(values, 0.95);
  const verdict = budget === undefined ? '' : p95 <= budget ? `  ✓ within ${budget} ms` : median <= budget ? `  ~ median within ${budget} ms, p95 over` : `  ✗ over ${budget} ms`;
  console.log(`${label.padEnd(46)} median ${median.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms   (n=${values.length})${verdict}`);
}

const outDir = mkdtempSync(join(tmpdir(), 'meeting-ui-bench-'));
console.log('building bench/ui (production, from the packages’ sources)…');
await build({
  root: join(root, 'bench/ui'),
  configFile: false,
  logLevel: 'error',
  resolve: { conditions: ['source', 'module', 'browser', 'production'] },
  build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 2000, minify: !profiling }, // readable names in profiles
});
const server = await preview({ root: join(root, 'bench/ui'), configFile: false, logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
const url = server.resolvedUrls?.local[0];
if (!url) throw new Error('the preview server has no URL');

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: 'America/New_York', locale: 'en-US' });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as unknown as { uiBench?: { ready: boolean } }).uiBench?.ready === true);
  const version = browser.version();

  const cdp = profiling ? await page.context().newCDPSession(page) : undefined;
  const profiles: Array<[string, string[]]> = [];
  const startProfile = async () => {
    await cdp?.send('Profiler.enable');
    await cdp?.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp?.send('Profiler.start');
  };
  const stopProfile = async (what: string) => {
    if (!cdp) return;
    const { profile } = await cdp.send('Profiler.stop');
    profiles.push([what, topSelfTime(profile as Parameters<typeof topSelfTime>[0])]);
  };

  const slots: number[] = [];
  const toFrame: number[] = [];
  let cells = { busy: 0, free: 0 };
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    if (i === WARM_UP) await startProfile();
    const r = await page.evaluate(() => (globalThis as unknown as { uiBench: UiBench }).uiBench.mount());
    cells = { busy: r.busyCells, free: r.freeCells };
    if (i < WARM_UP) continue;
    slots.push(r.slots);
    toFrame.push(r.toFrame);
  }
  await stopProfile('mounts (adapters, fold, render)');
  const toggles: number[] = [];
  for (let i = 0; i < WARM_UP + 2 * RUNS; i++) {
    if (i === WARM_UP) await startProfile();
    // choose cells 0, 1, 2… then take them back: half the toggles add, half remove
    const index = i < WARM_UP + RUNS ? i : i - RUNS;
    const duration = await page.evaluate((n) => (globalThis as unknown as { uiBench: UiBench }).uiBench.toggle(n), index);
    if (i >= WARM_UP) toggles.push(duration);
  }

  console.log(`\n<meeting-scheduler> in Chromium ${version}: 3 calendars (Google 60, Microsoft 365 50, ICS 40 events this week; 45 on two of them),`);
  console.log(`week view ${cells.busy} busy / ${cells.free} free cells; ${RUNS} mounts, ${2 * RUNS} toggles after ${WARM_UP} warm-up each\n`);
  report('busy times arrived → slots rendered', slots, BUDGET.slots);
  report('  … → next frame (style, layout, paint)', toFrame);
  report('slot toggle → rendered', toggles, BUDGET.toggle);
  await stopProfile('toggles');
  for (const [what, lines] of profiles) console.log(`\nself time, ${what}:\n${lines.join('\n')}`);

  if (process.argv.includes('--open')) {
    console.log(`\nserving ${url}?show — Ctrl-C to stop`);
    await new Promise(() => {});
  }
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  rmSync(outDir, { recursive: true, force: true });
}
