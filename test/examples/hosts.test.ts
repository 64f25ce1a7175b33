/**
 * The host examples as built (`npm run build` first): each `dist/` served by a tiny
 * static server and used in Debian's Chromium like a person would — by role and name —
 * with no console error, failed request or 4xx/5xx response allowed.
 *
 * The page clock is fixed at Tuesday 10 March 2026, 14:00 UTC (the US is already on
 * summer time, India never is), so what core computes in the page is known exactly.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const NOW = '2026-03-10T14:00:00Z';
const root = fileURLToPath(new URL('../../examples/', import.meta.url));
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

/** Serves `dir` on a free port; resolves to its base URL. */
async function serve(dir: string): Promise<{ url: string; server: Server }> {
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`${dir}/index.html is missing: run npm run build first`);
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}/`, server };
}

let browser: Browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
});
after(async () => {
  await browser?.close();
});

/** A browser context in `timezoneId` at the fixed time, collecting every problem a page reports. */
async function person(timezoneId: string) {
  const context: BrowserContext = await browser.newContext({ timezoneId, locale: 'en-US', viewport: { width: 1100, height: 900 } });
  const problems: string[] = [];
  async function open(url: string): Promise<Page> {
    const page = await context.newPage();
    await page.clock.setFixedTime(NOW);
    page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()}`)));
    page.on('pageerror', (e) => void problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => void problems.push(`request failed: ${r.url()}`));
    page.on('response', (r) => void (r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`)));
    await page.goto(url);
    return page;
  }
  return { context, problems, open };
}

describe('plain-html example (standalone.js and a 20-line adapter)', () => {
  let site: { url: string; server: Server };
  before(async () => {
    site = await serve(join(root, 'plain-html/dist'));
  });
  after(() => site?.server.close());

  test('Alice proposes from the calendar button, Bob in another tab sees the invite at once and accepts', async () => {
    const { context, problems, open } = await person('Asia/Kolkata');
    try {
      const alice = await open(site.url);
      await alice.getByRole('button', { name: 'Schedule a meeting' }).click();
      const dialog = alice.getByRole('dialog', { name: 'Schedule a meeting' });
      // Wednesday 11 March, 10:00 in the viewer's zone (the browser's: Kolkata)
      await dialog.getByRole('gridcell', { name: /^Wednesday, March 11, 10:00 – 10:30 AM IST, available$/ }).click();
      await dialog.getByRole('textbox', { name: 'Message (optional)' }).fill('Logo review <img src=x onerror=alert(1)>');
      await dialog.getByRole('button', { name: 'Send invite' }).click();
      const aliceCard = alice.getByRole('list', { name: 'Meetings in this thread' }).getByRole('article');
      // the message is text, never HTML
      await aliceCard.getByText(/Logo review <img src=x onerror=alert\(1\)>/).waitFor();
      assert.equal(await alice.getByText('No meetings in this thread yet').isHidden(), true);

      const bob = await open(`${site.url}?as=bob`);
      const bobCard = bob.getByRole('article');
      await bobCard.getByRole('heading', { name: 'Meeting invite from Alice' }).waitFor();
      await bobCard.getByRole('radio', { name: /Wed, Mar 11, 10:00 – 10:30 AM IST/ }).check();
      await bobCard.getByRole('button', { name: 'Accept' }).click();
      await bobCard.getByText('Confirmed').waitFor();
      // Alice's tab hears it through the adapter's `storage` listener, without a reload.
      await aliceCard.getByText('Bob accepted', { exact: false }).waitFor();
      // <meeting-settings> is a lazy chunk beside standalone.js: the copy must have it.
      await alice.getByRole('button', { name: 'Schedule a meeting' }).click();
      await alice.getByRole('button', { name: 'Manage calendars' }).click();
      await alice.getByRole('button', { name: 'Back to scheduling' }).waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

describe('react-host example (React 19, the packages built dist, core directly)', () => {
  let site: { url: string; server: Server };
  before(async () => {
    site = await serve(join(root, 'react-host/dist'));
  });
  after(() => site?.server.close());

  test('findSlots in the page offers the first time free for both, in the viewer zone first', async () => {
    const { context, problems, open } = await person('UTC');
    try {
      const page = await open(site.url);
      const panel = page.getByRole('region', { name: 'Next free 30 min for Alice and Bob' });
      await panel.getByRole('listitem').first().waitFor();
      // Alice: New York, 8–17, standup 9:00; Bob: Kolkata, 10–20, team sync Mon/Wed/Fri 18:00–19:00.
      assert.deepEqual(await panel.getByRole('listitem').allInnerTexts(), [
        'Wed, Mar 11, 8:00 – 8:30 AM EDT\n5:30 – 6:00 PM IST for Bob',
        'Wed, Mar 11, 9:30 – 10:00 AM EDT\n7:00 – 7:30 PM IST for Bob',
        'Wed, Mar 11, 10:00 – 10:30 AM EDT\n7:30 – 8:00 PM IST for Bob',
      ]);
      await page.getByRole('radio', { name: /Bob/ }).check();
      assert.equal(
        await panel.getByRole('listitem').first().innerText(),
        'Wed, Mar 11, 5:30 – 6:00 PM IST\n8:00 – 8:30 AM EDT for Alice',
      );
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a proposal from the panel becomes a card; accepting it as Bob takes the time out of the free list', async () => {
    const { context, problems, open } = await person('UTC');
    try {
      const page = await open(site.url);
      const panel = page.getByRole('region', { name: /Next free/ });
      await panel.getByRole('listitem').first().waitFor();
      await panel.getByRole('button', { name: 'Propose these 3 times' }).click();
      await page.getByRole('status').getByText('You proposed 3 times.').waitFor();
      await page.getByRole('radio', { name: /Bob/ }).check();
      const card = page.getByRole('list', { name: 'Meetings in this thread' }).getByRole('article');
      await card.getByRole('radio', { name: /Wed, Mar 11, 5:30 – 6:00 PM IST/ }).check();
      await card.getByRole('button', { name: 'Accept' }).click();
      // the typed `onmeeting-action` prop heard the card's event
      await page.getByRole('status').getByText('You accepted.').waitFor();
      await card.getByText('Confirmed').waitFor();
      assert.match(await panel.getByRole('listitem').first().innerText(), /^Wed, Mar 11, 7:00 – 7:30 PM IST/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the scheduler sends through the thread adapter and the typed onmeeting-sent prop hears it', async () => {
    const { context, problems, open } = await person('UTC');
    try {
      const page = await open(site.url);
      await page.getByRole('button', { name: 'Schedule a meeting' }).click();
      const dialog = page.getByRole('dialog', { name: 'Schedule a meeting' });
      // The viewer's calendar, the other side's busy time and working hours all reach the grid.
      await dialog.getByRole('gridcell', { name: /^Wednesday, March 11, 9:00 – 9:30 AM EDT, Busy: Standup$/ }).waitFor();
      await dialog.getByRole('gridcell', { name: /^Wednesday, March 11, 8:30 – 9:00 AM EDT, Busy for Bob$/ }).waitFor();
      await dialog.getByRole('gridcell', { name: /^Wednesday, March 11, 7:30 – 8:00 AM EDT, Outside your working hours$/ }).waitFor();
      await dialog.getByRole('gridcell', { name: /^Wednesday, March 11, 8:00 – 8:30 AM EDT, available$/ }).click();
      await dialog.getByRole('button', { name: 'Send invite' }).click();
      await page.getByRole('status').getByText('You proposed 1 time.').waitFor();
      await page.getByRole('article').getByRole('heading', { name: 'Meeting with Bob' }).waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
