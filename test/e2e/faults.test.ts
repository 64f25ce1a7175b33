/**
 * Server and network faults on the messaging demo, in Chromium: the server killed
 * while the invite is being sent, the network dropped mid-send, the page reloaded
 * mid-send — the proposal is stored once or is still a draft, never twice; and a
 * live stream cut by a server restart resumes with every event once.
 *
 * The send is caught in flight with `page.route`: the POST is held while the fault
 * happens, then let through to whatever is (or is not) there.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import type { MeetingEvent, ThreadInfo } from '@meeting-scheduler/core';
import { elapsed, launchChromium, signedInPage, startDemo, type Demo, type Session } from './support/demo.ts';
import { eventually } from './support/expect.ts';
import { MessagingApp, type SchedulerDialog } from './support/pages.ts';

let demo: Demo;
let browser: Browser;
const sessions: Session[] = [];

before(async () => {
  const t0 = performance.now();
  [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
  console.log(`  demo server and Chromium up in ${elapsed(t0)}`);
});

after(async () => {
  for (const s of sessions) await s.context.close();
  await browser?.close();
  await demo?.close();
});

async function person(userId: 'alice' | 'bob', timezoneId: string, expectConsole: RegExp[] = []): Promise<{ session: Session; app: MessagingApp }> {
  const session = await signedInPage(browser, demo, userId, { timezoneId, expectConsole });
  sessions.push(session);
  return { session, app: new MessagingApp(session.page) };
}

/** The API as the signed-in page sees it (its cookie goes along). */
async function api<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(new URL(`api${path}`, demo.url).href);
  assert.equal(res.status(), 200, `GET ${path}`);
  return (await res.json()) as T;
}

async function directThreadId(page: Page): Promise<string> {
  const threads = await api<ThreadInfo[]>(page, '/threads');
  const dm = threads.find((t) => t.participants.map((p) => p.id).sort().join() === 'alice,bob');
  assert.ok(dm, 'Alice and Bob have a direct thread');
  return dm.id;
}

const proposalsTitled = async (page: Page, threadId: string, title: string) =>
  (await api<MeetingEvent[]>(page, `/threads/${threadId}/events`)).filter((e) => e.type === 'proposed' && e.title === title);

/**
 * Holds the next POST of a meeting event until the test lets it go. On the context, not
 * the page: the demo's msw service worker passes the API's requests on, and only
 * `context.route` sees requests a service worker makes.
 */
async function holdNextSend(context: BrowserContext): Promise<{ held: Promise<Route> }> {
  let grab!: (r: Route) => void;
  const held = new Promise<Route>((resolve) => (grab = resolve));
  let taken = false;
  await context.route('**/api/threads/*/events', async (route) => {
    if (route.request().method() !== 'POST' || taken) return route.fallback();
    taken = true;
    grab(route);
  });
  return {
    held: Promise.race([
      held,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the send never reached the network')), 20_000)),
    ]),
  };
}

/** Alice's draft: one time, a title and a message, in the scheduler of her thread with Bob. */
async function draft(app: MessagingApp, title: string): Promise<SchedulerDialog> {
  await app.openThread('Bob Iyer');
  const scheduler = await app.openScheduler();
  await scheduler.length(30);
  await scheduler.pick('Wednesday, January 13, 11:00 – 11:30 AM EST');
  await scheduler.titleField.fill(title);
  await scheduler.messageField.fill('Kept through the fault');
  return scheduler;
}

/** The draft survived: the time, the title and the message are still there, and an error says why. */
async function assertDraftKept(scheduler: SchedulerDialog, title: string): Promise<void> {
  await scheduler.root.getByRole('alert').filter({ hasText: /could not be sent/ }).waitFor();
  assert.equal(await scheduler.chips.count(), 1);
  assert.equal(await scheduler.titleField.inputValue(), title);
  assert.equal(await scheduler.messageField.inputValue(), 'Kept through the fault');
}

describe('faults while sending and streaming on the messaging demo', { timeout: 120_000 }, () => {
  test('the server killed while the invite is sent: the draft is kept, and after the restart it is stored exactly once', async () => {
    // The browser reports the refused connections of the send and of the stream while the server is down.
    const { session, app } = await person('alice', 'America/New_York', [/Failed to load resource/, /ERR_CONNECTION_REFUSED/]);
    const threadId = await directThreadId(session.page);
    const title = 'Kill during send';
    const scheduler = await draft(app, title);
    const { held } = await holdNextSend(session.context);
    await scheduler.sendButton.click();
    const route = await held;
    await demo.stop();
    await route.continue(); // to a server that is gone
    await assertDraftKept(scheduler, title);

    await demo.restart();
    await session.context.unrouteAll({ behavior: 'ignoreErrors' });
    await scheduler.send();
    await eventually(async () => assert.equal((await proposalsTitled(session.page, threadId, title)).length, 1));
    await app.card(title).waitFor();
    assert.equal(await session.page.locator('meeting-card').filter({ hasText: title }).count(), 1);
  });

  test('the network dropped mid-send: the draft is kept, and once back online it is stored exactly once', async () => {
    const { session, app } = await person('alice', 'America/New_York', [/Failed to load resource/, /ERR_INTERNET_DISCONNECTED/]);
    const threadId = await directThreadId(session.page);
    const title = 'Offline during send';
    const scheduler = await draft(app, title);
    const { held } = await holdNextSend(session.context);
    await scheduler.sendButton.click();
    const route = await held;
    await session.context.setOffline(true);
    await route.abort('internetdisconnected');
    await assertDraftKept(scheduler, title);
    assert.equal((await proposalsTitled(session.page, threadId, title).catch(() => [])).length, 0);

    await session.context.setOffline(false);
    await session.context.unrouteAll({ behavior: 'ignoreErrors' });
    await scheduler.send();
    await eventually(async () => assert.equal((await proposalsTitled(session.page, threadId, title)).length, 1));
    assert.equal(await session.page.locator('meeting-card').filter({ hasText: title }).count(), 1);
  });

  test('a reload mid-send: the invite is stored once or not at all, never twice', async () => {
    const { session, app } = await person('alice', 'America/New_York', [/Failed to load resource/]);
    const threadId = await directThreadId(session.page);
    const title = 'Reload during send';
    const scheduler = await draft(app, title);
    const { held } = await holdNextSend(session.context);
    await scheduler.sendButton.click();
    const route = await held;
    const sent = route.continue().catch(() => undefined);
    await session.page.reload();
    await sent;
    await session.page.waitForFunction(() => (globalThis as { meetingDemo?: { user: unknown } }).meetingDemo?.user != null);
    await new Promise((r) => setTimeout(r, 1500));
    const stored = await proposalsTitled(session.page, threadId, title);
    assert.ok(stored.length <= 1, `stored ${stored.length} times`);
    await app.openThread('Bob Iyer');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await session.page.locator('meeting-card').filter({ hasText: title }).count(), stored.length, 'the thread shows what is stored');
  });

  test('the live stream cut by a server restart resumes: every event shown once', async () => {
    const expect = [/Failed to load resource/, /ERR_CONNECTION_REFUSED/, /ERR_INCOMPLETE_CHUNKED_ENCODING/, /ERR_EMPTY_RESPONSE/];
    const alice = await person('alice', 'America/New_York', expect);
    const bob = await person('bob', 'Asia/Kolkata', expect);
    await bob.app.openThread('Alice Chen');
    const threadId = await directThreadId(alice.session.page);
    const cards = () => bob.session.page.locator('meeting-card');
    const before = await cards().count();

    const first = await draft(alice.app, 'Before the cut');
    await first.send();
    await eventually(async () => assert.equal(await cards().count(), before + 1));

    await demo.restart(); // Bob's stream is cut; his page reconnects with Last-Event-ID
    const second = await draft(alice.app, 'During the reconnect');
    await second.send();
    const third = await draft(alice.app, 'After the reconnect');
    await third.send();

    const stored = (await api<MeetingEvent[]>(alice.session.page, `/threads/${threadId}/events`)).filter((e) => e.type === 'proposed');
    await eventually(async () => assert.equal(await cards().count(), stored.length), 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    for (const title of ['Before the cut', 'During the reconnect', 'After the reconnect']) {
      assert.equal(await cards().filter({ hasText: title }).count(), 1, `${title} shown once`);
    }
    assert.equal(await cards().count(), stored.length, 'nothing shown twice');
  });
});
