/**
 * The user story of issue 8 end to end, on the messaging demo as `npm start` runs it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, signedInPage, startDemo, type Demo } from './support/demo.ts';
import { MessagingApp } from './support/pages.ts';

let demo: Demo;
let browser: Browser;

before(async () => {
  [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

test('Alice sees her threads', async () => {
  const alice = await signedInPage(browser, demo, 'alice', { timezoneId: 'America/New_York' });
  const app = new MessagingApp(alice.page);
  assert.deepEqual(await app.threadNames(), ['Bob Iyer', 'Carol Weber', 'Logo launch']);
  await app.openThread('Bob Iyer');
  await app.timeline('Bob Iyer').getByText('Great. Shall we walk through the feedback on a call this week?').waitFor();
  await alice.close();
});
