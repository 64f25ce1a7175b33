/**
 * The same story by keyboard only: no click, no fill — Tab, Shift+Tab, arrows, Space,
 * Enter, Escape and typed characters — asserting where focus lands after each step,
 * as a keyboard or screen reader user relies on it.
 *
 * Alice (New York) invites Bob (Kolkata) to two times picked in the week grid with
 * arrows and Space; Bob accepts one; Alice reschedules with a reason; Bob accepts the
 * new time, then cancels it with a reason. Clocks start Monday 11 January 2027, 8:45 AM
 * in New York (13:45 UTC), 7:15 PM in Kolkata.
 */
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { elapsed, launchChromium, signedInPage, startDemo, storySteps, type Demo, type Session } from './support/demo.ts';
import { normalize, snap } from './support/expect.ts';
import { MessagingApp } from './support/pages.ts';

let demo: Demo;
let browser: Browser;
let alice: Session;
let bob: Session;
let aliceApp: MessagingApp;
let bobApp: MessagingApp;
const started = performance.now();

before(async () => {
  const t0 = performance.now();
  [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
  console.log(`  demo server and Chromium up in ${elapsed(t0)}`);
});

after(async () => {
  await alice?.context.close();
  await bob?.context.close();
  await browser?.close();
  await demo?.close();
  console.log(`  keyboard story total ${elapsed(started)}`);
});

const step = storySteps({ healthy: () => [alice, bob], shots: () => [['alice', alice], ['bob', bob]], prefix: 'keyboard-' });

/** Describes the focused element (through open shadow roots): its role-ish tag and its accessible name. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    type El = { shadowRoot: { activeElement: El | null } | null; tagName: string; getAttribute(n: string): string | null; textContent: string | null; labels?: ArrayLike<{ textContent: string | null }> | null; id: string };
    const doc = (globalThis as unknown as { document: { activeElement: El | null } }).document;
    let el = doc.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return '(nothing)';
    const label = el.getAttribute('aria-label') ?? (el.labels && el.labels.length > 0 ? el.labels[0]!.textContent : null) ?? el.textContent ?? '';
    return `${el.getAttribute('role') ?? el.tagName.toLowerCase()}: ${label}`.replace(/\s+/g, ' ').trim();
  });
}

/** Whether `locator`'s element has the focus (looking through open shadow roots). */
function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((target) => {
    type El = { shadowRoot: { activeElement: El | null } | null };
    let el = (globalThis as unknown as { document: { activeElement: El | null } }).document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el === (target as unknown as El);
  });
}

/** Presses Tab (or Shift+Tab) until `locator` has the focus, as a keyboard user moves through the page. */
async function tabTo(page: Page, locator: Locator, { back = false, max = 80 } = {}): Promise<void> {
  await locator.waitFor();
  for (let i = 0; i < max; i++) {
    if (await hasFocus(locator)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${back ? 'Shift+Tab' : 'Tab'} never reached ${locator}; the focus is on ${await focused(page)}`);
}

/** Asserts the focus is on `locator`, waiting briefly for a re-render to move it there. */
async function expectFocus(page: Page, locator: Locator, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await locator.count() > 0 && (await hasFocus(locator.first())))) {
    if (Date.now() > deadline) assert.fail(`the focus should be on ${what}, but it is on ${await focused(page)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function press(page: Page, key: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

describe('the story by keyboard only', () => {
  step('Alice and Bob sign in; their 1:1 thread is open', async () => {
    [alice, bob] = await Promise.all([
      signedInPage(browser, demo, 'alice', { timezoneId: 'America/New_York' }),
      signedInPage(browser, demo, 'bob', { timezoneId: 'Asia/Kolkata' }),
    ]);
    aliceApp = new MessagingApp(alice.page);
    bobApp = new MessagingApp(bob.page);
    await aliceApp.conversationHeading.filter({ hasText: 'Bob Iyer' }).waitFor();
    await bobApp.conversationHeading.filter({ hasText: 'Alice Chen' }).waitFor();
  });

  step('Alice opens the scheduler with Enter, Escape closes it back onto the calendar icon', async () => {
    const page = alice.page;
    const trigger = aliceApp.scheduleButton;
    await tabTo(page, trigger);
    await press(page, 'Enter');
    const dialog = page.getByRole('dialog', { name: 'Schedule a meeting' });
    await dialog.waitFor();
    assert.equal(await hasFocus(trigger), false, 'the focus moved into the dialog');
    await press(page, 'Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expectFocus(page, trigger, 'the calendar icon');
  });

  step('Alice picks two times in the grid with arrows and Space, types a title and a message, and sends', async () => {
    const page = alice.page;
    await press(page, 'Enter');
    const dialog = page.getByRole('dialog', { name: 'Schedule a meeting' });
    const grid = dialog.getByRole('grid');
    await grid.and(dialog.locator('[aria-busy="false"]')).waitFor();

    // The length: Tab reaches the checked preset; the arrows move along the group.
    const thirty = dialog.getByRole('radio', { name: '30 min', exact: true });
    await tabTo(page, dialog.getByRole('radio', { checked: true }));
    if (!(await thirty.isChecked())) {
      await press(page, 'ArrowRight');
      await expectFocus(page, thirty, 'the 30 min preset');
    }
    assert.equal(await thirty.isChecked(), true);

    // The grid is one tab stop: today's first time still ahead.
    const active = grid.locator('[role="gridcell"][tabindex="0"]');
    await tabTo(page, active);
    assert.equal(await focused(page), 'gridcell: Monday, January 11, 9:00 – 9:30 AM EST, available');
    await press(page, 'ArrowRight', 2);
    assert.equal(await focused(page), 'gridcell: Wednesday, January 13, 9:00 – 9:30 AM EST, available');
    await press(page, ' ');
    await expectFocus(page, grid.getByRole('gridcell', { name: 'Wednesday, January 13, 9:00 – 9:30 AM EST, selected', exact: true }), 'the chosen Wednesday cell');
    await press(page, 'ArrowRight');
    await press(page, 'Enter');
    await expectFocus(page, grid.getByRole('gridcell', { name: 'Thursday, January 14, 9:00 – 9:30 AM EST, selected', exact: true }), 'the chosen Thursday cell');
    assert.deepEqual((await dialog.getByRole('list', { name: 'Selected times' }).getByRole('listitem').allInnerTexts()).map(normalize), [
      'Wed, Jan 13, 9:00 – 9:30 AM EST 7:30 – 8:00 PM IST for Bob Iyer',
      'Thu, Jan 14, 9:00 – 9:30 AM EST 7:30 – 8:00 PM IST for Bob Iyer',
    ]);

    await tabTo(page, dialog.getByRole('textbox', { name: 'Title (optional)' }));
    await page.keyboard.type('Brand check-in');
    await press(page, 'Tab');
    await expectFocus(page, dialog.getByRole('textbox', { name: 'Message (optional)' }), 'the message field');
    await page.keyboard.type('Keyboard only, as promised.');
    await press(page, 'Tab');
    await expectFocus(page, dialog.getByRole('button', { name: 'Send invite' }), 'Send invite');
    await snap(page, 'keyboard-alice-send');
    await press(page, 'Enter');
    await dialog.waitFor({ state: 'hidden' });
    await expectFocus(page, aliceApp.scheduleButton, 'the calendar icon again');
    await aliceApp.card('Brand check-in').status.filter({ hasText: 'Waiting for Bob Iyer' }).waitFor();
  });

  step('Bob picks the second time with the arrow keys and accepts with Enter; the focus lands on the confirmation', async () => {
    const page = bob.page;
    const card = bobApp.card('Brand check-in');
    const first = card.option('Wed, Jan 13, 7:30 – 8:00 PM IST');
    const second = card.option('Thu, Jan 14, 7:30 – 8:00 PM IST');
    await tabTo(page, first);
    await press(page, 'ArrowDown');
    await expectFocus(page, second, 'the Thursday option');
    assert.equal(await second.isChecked(), true);
    await press(page, 'Tab');
    await expectFocus(page, card.button('Accept'), 'Accept');
    await press(page, 'Enter');
    await card.confirmedBadge.waitFor();
    await expectFocus(page, card.status, 'the card’s status line');
    assert.match(normalize(await card.status.innerText()), /^You accepted — Thu, Jan 14, 7:30 PM$/);
  });

  step('Alice reschedules with a reason: Enter on Reschedule, arrows and Space in the day view, Tab to the reason, Enter to send', async () => {
    const page = alice.page;
    const card = aliceApp.card('Brand check-in');
    await card.confirmedBadge.waitFor();
    await tabTo(page, card.button('Reschedule'));
    await press(page, 'Enter');
    const panel = card.root.getByRole('region', { name: 'Reschedule the meeting' });
    const grid = panel.getByRole('grid');
    await grid.and(panel.locator('[aria-busy="false"]')).waitFor();
    await tabTo(page, grid.locator('[role="gridcell"][tabindex="0"]'));
    assert.equal(await focused(page), 'gridcell: Monday, January 11, 9:00 – 9:30 AM EST, available');
    // Day by day in the card's narrow view: four days on, two rows down to 10:00.
    await press(page, 'ArrowRight', 4);
    await press(page, 'ArrowDown', 2);
    assert.equal(await focused(page), 'gridcell: Friday, January 15, 10:00 – 10:30 AM EST, available');
    await press(page, ' ');
    await expectFocus(page, grid.getByRole('gridcell', { name: 'Friday, January 15, 10:00 – 10:30 AM EST, selected', exact: true }), 'the chosen cell');
    await tabTo(page, panel.getByRole('textbox', { name: 'Reason (optional)' }));
    await page.keyboard.type('Thursday filled up.');
    await press(page, 'Tab');
    await expectFocus(page, panel.getByRole('button', { name: 'Send new times' }), 'Send new times');
    await press(page, 'Enter');
    await panel.waitFor({ state: 'hidden' });
    await card.status.filter({ hasText: 'Waiting for Bob Iyer' }).waitFor();
    await expectFocus(page, card.status, 'the card’s status line');
  });

  step('Bob reads the reason and accepts the new time by keyboard', async () => {
    const page = bob.page;
    const card = bobApp.card('Brand check-in');
    await card.root.getByText('Reason: Thursday filled up.').waitFor();
    const option = card.option('Fri, Jan 15, 8:30 – 9:00 PM IST');
    await tabTo(page, option);
    await press(page, ' ');
    assert.equal(await option.isChecked(), true);
    await tabTo(page, card.button('Accept'));
    await press(page, 'Enter');
    await card.confirmedBadge.waitFor();
    await expectFocus(page, card.status, 'the card’s status line');
  });

  step('Bob cancels with a reason: Enter on Cancel meeting puts the focus in the reason, Enter on the confirm button cancels', async () => {
    const page = bob.page;
    const card = bobApp.card('Brand check-in');
    await tabTo(page, card.button('Cancel meeting'));
    await press(page, 'Enter');
    await expectFocus(page, card.reasonField, 'the reason field');
    await page.keyboard.type('Moving it to the launch thread.');
    await tabTo(page, card.button('Yes, cancel meeting'));
    await press(page, 'Enter');
    await card.status.filter({ hasText: 'You cancelled this meeting' }).waitFor();
    await expectFocus(page, card.status, 'the card’s status line');

    const aliceCard = aliceApp.card('Brand check-in');
    await aliceCard.status.filter({ hasText: 'Cancelled by Bob Iyer' }).waitFor();
    await aliceCard.root.getByText('Reason: Moving it to the launch thread.').waitFor();
    await snap(alice.page, 'keyboard-alice-cancelled');
  });
});
