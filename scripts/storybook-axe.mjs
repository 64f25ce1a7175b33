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

/** Waits for the story to finish (loaders, render, play) and for every element inside to stop changing. */
async function settle(page) {
  await page.waitForFunction(
    () => {
      const render = window.__STORYBOOK_PREVIEW__?.currentRender;
      return document.body.classList.contains('sb-show-errordisplay') || render?.phase === 'finished';
    },
    null,
    { timeout: 30_000, polling: 50 },
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
      walk(document.body);
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
      } else if (performance.now() - stableSince >= 600) {
        return;
      }
    }
  });
}

async function check(browser, story) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  try {
    await page.goto(`${base}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`, { waitUntil: 'load' });
    await settle(page);
    if (await page.evaluate(() => document.body.classList.contains('sb-show-errordisplay'))) {
      const message = await page.evaluate(() => document.querySelector('#error-message')?.textContent ?? '');
      problems.push(`Storybook error: ${message.trim()}`);
    }
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document.querySelector('#storybook-root') ?? document, {
        resultTypes: ['violations'],
        // The story is a fragment of a page: page-level landmark and heading rules do not apply.
        rules: { region: { enabled: false }, 'page-has-heading-one': { enabled: false }, 'landmark-one-main': { enabled: false } },
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)),
      }));
    });
    for (const v of violations) problems.push(`axe ${v.id} (${v.impact}): ${v.help} — ${v.targets.join(', ')}`);
  } catch (error) {
    problems.push(`could not check: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await context.close();
  }
  return problems;
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
  for (let story = queue.shift(); story; story = queue.shift()) {
    const problems = await check(browser, story);
    if (problems.length === 0) {
      passed++;
      console.log(`✓ ${story.title} › ${story.name}`);
    } else {
      failed++;
      console.log(`✗ ${story.title} › ${story.name} (${story.id})`);
      for (const p of problems) console.log(`    ${p}`);
    }
  }
}
await Promise.all(Array.from({ length: Math.max(1, Number(opts.concurrency)) }, worker));
await browser.close();
server.close();
console.log(`\n${passed} passed, ${failed} failed (${stories.length} stories, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
process.exit(failed === 0 && stories.length > 0 ? 0 : 1);
