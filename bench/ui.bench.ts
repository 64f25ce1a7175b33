/**
 * `npm run bench:ui` (also part of `npm run bench`): how fast `<meeting-scheduler>` answers
 * in Chromium, from its own performance measures (`meeting-scheduler:slots`: the busy
 * times of three connected calendars arrived → the week rendered with them;
 * `meeting-scheduler:toggle`: a cell clicked → the selection rendered). The page
 * (bench/ui/) is a production Vite build of the library's sources, served locally and
 * driven by playwright-core in Debian's Chromium (`CHROME_PATH`, default
 * /usr/bin/chromium). Prints median and p95 against the budgets; never fails on them.
 *
 * Options: `--runs N` (default 20 mounts and 2×N toggles), `--open` (keep the page
 * served for a look in a browser: prints the URL).
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
const BUDGET = { slots: 50, toggle: 16 };

interface UiBench {
  mount(): Promise<{ slots: number; toFrame: number; busyCells: number; freeCells: number }>;
  toggle(index: number): Promise<number>;
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
  build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 2000 },
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

  const slots: number[] = [];
  const toFrame: number[] = [];
  let cells = { busy: 0, free: 0 };
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    const r = await page.evaluate(() => (globalThis as unknown as { uiBench: UiBench }).uiBench.mount());
    cells = { busy: r.busyCells, free: r.freeCells };
    if (i < WARM_UP) continue;
    slots.push(r.slots);
    toFrame.push(r.toFrame);
  }
  const toggles: number[] = [];
  for (let i = 0; i < WARM_UP + 2 * RUNS; i++) {
    // choose cells 0, 1, 2… then take them back: half the toggles add, half remove
    const index = i < WARM_UP + RUNS ? i : i - RUNS;
    const duration = await page.evaluate((n) => (globalThis as unknown as { uiBench: UiBench }).uiBench.toggle(n), index);
    if (i >= WARM_UP) toggles.push(duration);
  }

  console.log(`\n<meeting-scheduler> in Chromium ${version}: 3 calendars (Google, Microsoft 365, ICS), 150 events this week,`);
  console.log(`week view ${cells.busy} busy / ${cells.free} free cells; ${RUNS} mounts, ${2 * RUNS} toggles after ${WARM_UP} warm-up each\n`);
  report('busy times arrived → slots rendered', slots, BUDGET.slots);
  report('  … → next frame (style, layout, paint)', toFrame);
  report('slot toggle → rendered', toggles, BUDGET.toggle);

  if (process.argv.includes('--open')) {
    console.log(`\nserving ${url} — Ctrl-C to stop`);
    await new Promise(() => {});
  }
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  rmSync(outDir, { recursive: true, force: true });
}
