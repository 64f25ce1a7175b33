#!/usr/bin/env node
/**
 * Opens every story of the built Storybook (storybook-static/) in Debian's Chromium,
 * waits until the story has rendered (play function included) and its elements have
 * settled, then runs axe-core on it. A story fails on any axe violation, on any
 * console error or uncaught page error, and when Storybook shows its error screen.
 *
 *   node scripts/storybook-axe.mjs [--dir storybook-static] [--filter text] [--concurrency 2]
 *
 * Prints `N passed, N failed` and exits non-zero on any failure. Never downloads a
 * browser: CHROME_PATH or /usr/bin/chromium.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: opts } = parseArgs({
  options: {
    dir: { type: 'string', default: 'storybook-static' },
    filter: { type: 'string' },
    concurrency: { type: 'string', default: '2' },
  },
});

const root = resolve(opts.dir);
if (!existsSync(join(root, 'index.json'))) {
  console.error(`No built Storybook in ${root}: run npm run build-storybook first.`);
  process.exit(2);
}
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// ── a tiny static server ──────────────────────────────────────────────────────
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  let file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end();
    return;
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (path === '/favicon.ico') file = join(root, 'favicon.svg');
  if (!existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const address = server.address();
const base = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;

// ── the stories ───────────────────────────────────────────────────────────────
const index = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8'));
const stories = Object.values(index.entries)
  .filter((e) => e.type === 'story')
  .filter((e) => !opts.filter || e.id.includes(opts.filter));

/** Hosts the stories' msw worker answers: their mocked 4xx/5xx (on purpose, e.g. a provider outage) are not page errors. */
const MOCKED_HOSTS = new Set(['www.googleapis.com', 'graph.microsoft.com', 'feeds.example']);

/** Waits for the story to finish (loaders, render, play) and for every element inside to stop changing. */
async function settle(page, id) {
  await page.waitForFunction(
    (id) => {
      const render = window.__STORYBOOK_PREVIEW__?.currentRender;
      return document.body.classList.contains('sb-show-errordisplay') || (render?.id === id && render.phase === 'finished');
    },
    id,
    { timeout: 90_000, polling: 50 },
  );
  await page.evaluate(async () => {
    /** Every node's text and attributes, shadow roots included: what changes while elements load. */
    const snapshot = () => {
      const parts = [];
      let pending = 0;
      const walk = (node) => {
        for (const child of node.children) {
          parts.push(child.localName);
          for (const a of child.attributes) parts.push(a.name, a.value);
          if (child.shadowRoot) walk(child.shadowRoot);
          if ('isUpdatePending' in child && child.isUpdatePending) pending++;
          walk(child);
        }
        if (node.childElementCount === 0) parts.push(node.textContent ?? '');
      };
      walk(document.getElementById('storybook-root') ?? document.body);
      return { text: parts.join('\u0001'), pending };
    };
    const started = performance.now();
    let last = '';
    let stableSince = performance.now();
    while (performance.now() - started < 10_000) {
      await new Promise((r) => setTimeout(r, 100));
      const { text, pending } = snapshot();
      if (text !== last || pending > 0) {
        last = text;
        stableSince = performance.now();
      } else if (performance.now() - stableSince >= 500) {
        return;
      }
    }
  });
}

/**
 * One browser page per worker, loaded once; each story is then shown the way the
 * Storybook UI switches stories (`setCurrentStory` on the preview's channel), which
 * spares parsing the preview bundle and starting msw again for every story.
 * The a11y addon's own axe run is switched off (`a11y.manual`): this sweep runs axe
 * itself, after the elements have settled.
 */
async function openPreview(browser, problems) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  // Warm-up: the first visit installs msw's service worker (msw may reload the page
  // while it takes control); once a worker controls the page, load it once more so
  // every story runs in the steady state a returning visitor sees. What happens
  // during the warm-up is not any story's doing; each story is rendered again below.
  const url = `${base}/iframe.html?id=${encodeURIComponent(stories[0].id)}&viewMode=story&globals=a11y.manual:!true`;
  const ready = () =>
    page.waitForFunction(
      () => navigator.serviceWorker.controller !== null && window.__STORYBOOK_PREVIEW__?.currentRender?.phase === 'finished' && window.__STORYBOOK_ADDONS_CHANNEL__ !== undefined,
      null,
      { timeout: 90_000, polling: 100 },
    );
  await page.goto(url, { waitUntil: 'load' });
  await ready();
  await page.reload({ waitUntil: 'load' });
  await ready();
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location()?.url ?? '';
    if (m.text().startsWith('Failed to load resource') && url && MOCKED_HOSTS.has(new URL(url).hostname)) return;
    problems.push(`console error: ${m.text()}${url ? ` (${url})` : ''}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { context, page };
}

async function check(page, story, problems) {
  try {
    await page.evaluate((id) => {
      document.body.classList.remove('sb-show-errordisplay');
      const channel = window.__STORYBOOK_ADDONS_CHANNEL__;
      // The story already shown (the warm-up's) is rendered afresh, loaders and play included.
      if (window.__STORYBOOK_PREVIEW__?.currentRender?.id === id) {
        window.__STORYBOOK_PREVIEW__.currentRender.phase = 'remounting';
        channel.emit('forceRemount', { storyId: id });
      } else channel.emit('setCurrentStory', { storyId: id, viewMode: 'story' });
    }, story.id);
    const t0 = performance.now();
    await settle(page, story.id);
    if (process.env.AXE_SWEEP_TIMING) console.log(`  settled ${story.id} in ${Math.round(performance.now() - t0)} ms`);
    if (await page.evaluate(() => document.body.classList.contains('sb-show-errordisplay'))) {
      const message = await page.evaluate(() => document.querySelector('#error-message')?.textContent ?? '');
      problems.push(`Storybook error: ${message.trim()}`);
    }
    // A story may have reloaded the preview (a full navigation drops the injected axe).
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document.getElementById('storybook-root') ?? document, {
        resultTypes: ['violations'],
        // A story is a fragment of a page: page-level landmark and heading rules do not apply.
        rules: { region: { enabled: false }, 'page-has-heading-one': { enabled: false }, 'landmark-one-main': { enabled: false } },
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)),
      }));
    });
    if (process.env.AXE_SWEEP_TIMING) console.log(`  axe done ${story.id} at ${Math.round(performance.now() - t0)} ms`);
    for (const v of violations) problems.push(`axe ${v.id} (${v.impact}): ${v.help} — ${v.targets.join(', ')}`);
    return true;
  } catch (error) {
    problems.push(`could not check: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

const started = performance.now();
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-gpu'],
});
let passed = 0;
let failed = 0;
const queue = [...stories];
async function worker() {
  const problems = [];
  let preview;
  for (let story = queue.shift(); story; story = queue.shift()) {
    preview ??= await openPreview(browser, problems);
    problems.length = 0;
    const usable = await check(preview.page, story, problems);
    // Errors logged a moment after the check still belong to this story.
    await preview.page.waitForTimeout(50);
    if (problems.length === 0) {
      passed++;
      console.log(`✓ ${story.title} › ${story.name}`);
    } else {
      failed++;
      console.log(`✗ ${story.title} › ${story.name} (${story.id})`);
      for (const p of problems) console.log(`    ${p}`);
    }
    if (!usable) {
      // A story that never finished leaves the page in an unknown state: start afresh.
      await preview.context.close();
      preview = undefined;
    }
  }
  await preview?.context.close();
}
await Promise.all(Array.from({ length: Math.max(1, Number(opts.concurrency)) }, worker));
await browser.close();
server.close();
console.log(`\n${passed} passed, ${failed} failed (${stories.length} stories, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
process.exit(failed === 0 && stories.length > 0 ? 0 : 1);
