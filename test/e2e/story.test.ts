/**
 * The user story of issue 8 end to end, on the messaging demo as `npm start` runs it:
 * Alice in New York and Bob in Kolkata, each in their own browser (context time zone
 * = profile zone), with their mocked Google calendars connected through the UI.
 *
 * Every browser clock starts at Monday 11 January 2027, 8:45 AM in New York (13:45 UTC),
 * 7:15 PM in Kolkata. The expected labels below are written out by hand from that:
 * New York is UTC−5 (EST), Kolkata UTC+5:30 (IST), London UTC+0 (GMT) all month.
 *
 * One demo server and one Chromium for the file; the steps share them in order (a
 * story), each printing how long it took.
 */
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Browser, Locator } from 'playwright-core';
import { anonymousPage, elapsed, launchChromium, signedInPage, startDemo, storySteps, type Demo, type Session } from './support/demo.ts';
import { eventually, names, normalize, snap, text } from './support/expect.ts';
import { GuestView, MessagingApp } from './support/pages.ts';

let demo: Demo;
let browser: Browser;
let alice: Session;
let bob: Session;
let aliceApp: MessagingApp;
let bobApp: MessagingApp;
let guest: Session | undefined;
/** The call link of the first meeting, as Bob's calendar made it. */
let meetingACallLink = '';
const started = performance.now();

before(async () => {
  const t0 = performance.now();
  [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
  console.log(`  demo server and Chromium up in ${elapsed(t0)}`);
});

after(async () => {
  await alice?.context.close();
  await bob?.context.close();
  await guest?.context.close();
  await browser?.close();
  await demo?.close();
  console.log(`  story total ${elapsed(started)}`);
});

const step = storySteps({ healthy: () => [alice, bob], shots: () => [['alice', alice], ['bob', bob], ['guest', guest]] });

/** The thread's one-line system messages ("Bob Iyer accepted …"). */
function systemLines(app: MessagingApp, thread: string): Locator {
  return app.timeline(thread).locator('li.system');
}

describe('Alice (New York) and Bob (Kolkata) schedule, change and cancel meetings in their thread', () => {
  step('both sign in in their own zone and connect their mocked Google calendar', async () => {
    [alice, bob] = await Promise.all([
      signedInPage(browser, demo, 'alice', { timezoneId: 'America/New_York' }),
      signedInPage(browser, demo, 'bob', { timezoneId: 'Asia/Kolkata' }),
    ]);
    aliceApp = new MessagingApp(alice.page);
    bobApp = new MessagingApp(bob.page);
    assert.deepEqual(await aliceApp.threadNames(), ['Bob Iyer', 'Carol Weber', 'Logo launch']);
    assert.deepEqual(await bobApp.threadNames(), ['Alice Chen', 'Logo launch']);
    await aliceApp.connectCalendar('google');
    await bobApp.connectCalendar('google');
    // The seeded week is there, and nothing a meeting wrote yet.
    assert.ok((await aliceApp.calendarEvents()).some((e) => e.summary === 'Team standup'));
    assert.deepEqual(await aliceApp.meetingEvents(), []);
    assert.deepEqual(await bobApp.meetingEvents(), []);
    // Bob reads the launch thread while Alice writes to him.
    await bobApp.openThread('Logo launch');
  });

  step('Alice presses the calendar icon, picks 30 minutes and two times, writes a message and sends the invite', async () => {
    await aliceApp.openThread('Bob Iyer');
    const scheduler = await aliceApp.openScheduler();
    await scheduler.weekHeading.filter({ hasText: /^Jan 10 – 16, 2027$/ }).waitFor();
    await scheduler.length(30);
    // Her calendar is in the grid: the standup is busy (Google's freeBusy gives no names).
    await scheduler.grid.getByRole('gridcell', { name: 'Wednesday, January 13, 9:30 – 10:00 AM EST, Busy', exact: true }).waitFor();
    await scheduler.pick('Wednesday, January 13, 9:00 – 9:30 AM EST');
    await scheduler.pick('Thursday, January 14, 9:00 – 9:30 AM EST');
    assert.deepEqual(await text(scheduler.chips), [
      'Wed, Jan 13, 9:00 – 9:30 AM EST 7:30 – 8:00 PM IST for Bob Iyer',
      'Thu, Jan 14, 9:00 – 9:30 AM EST 7:30 – 8:00 PM IST for Bob Iyer',
    ]);
    await scheduler.titleField.fill('Logo feedback');
    await scheduler.messageField.fill('Walk through the round mark and the two alternates?');
    await snap(alice.page, 'alice-scheduler');
    await scheduler.send();
    const card = aliceApp.card('Logo feedback');
    await card.status.filter({ hasText: 'Waiting for Bob Iyer' }).waitFor();
    assert.deepEqual(await text(card.proposedTimes), [
      'Wed, Jan 13, 9:00 – 9:30 AM EST 7:30 – 8:00 PM IST for Bob Iyer',
      'Thu, Jan 14, 9:00 – 9:30 AM EST 7:30 – 8:00 PM IST for Bob Iyer',
    ]);
  });

  step('Bob is notified, sees both options in India time with Alice’s time beside them, and accepts one', async () => {
    const toast = await bobApp.toast('Alice Chen invited you to “Logo feedback”');
    await bobApp.thread('Alice Chen').and(bob.page.getByRole('button', { name: /^Alice Chen, \d+ unread$/ })).waitFor();
    await snap(bob.page, 'bob-notified');
    await toast.getByRole('button', { name: 'Open' }).click();
    await bobApp.conversationHeading.filter({ hasText: 'Alice Chen' }).waitFor();
    // The email the server would have sent is in his outbox.
    await eventually(async () => {
      const mail = (await bobApp.outboxEmails()).find((m) => m.kind === 'proposed');
      assert.equal(mail?.subject, 'Alice Chen invited you: Logo feedback');
      assert.match(normalize(mail.text), /• Wed, Jan 13, 7:30 – 8:00 PM IST • Thu, Jan 14, 7:30 – 8:00 PM IST/);
    });

    const card = bobApp.card('Logo feedback');
    await card.waitFor();
    await card.root.getByText('Walk through the round mark and the two alternates?').waitFor();
    assert.deepEqual(await names(card.options), [
      'Wed, Jan 13, 7:30 – 8:00 PM IST 9:00 – 9:30 AM EST for Alice Chen',
      'Thu, Jan 14, 7:30 – 8:00 PM IST 9:00 – 9:30 AM EST for Alice Chen',
    ]);
    await snap(bob.page, 'bob-invite');
    await card.accept('Thu, Jan 14, 7:30 – 8:00 PM IST');
    assert.equal(await card.confirmedTime.innerText(), 'Thu, Jan 14, 7:30 – 8:00 PM IST');
    assert.deepEqual(await text(card.otherTimes), ['9:00 – 9:30 AM EST for Alice Chen']);
  });

  step('Alice sees the confirmation in the thread and the confirmed card; each calendar holds the one meeting with a call link', async () => {
    const card = aliceApp.card('Logo feedback');
    await card.confirmedBadge.waitFor();
    assert.match(await card.status.innerText(), /^Bob Iyer accepted — Thu, Jan 14, 9:00\sAM$/);
    assert.equal(await card.confirmedTime.innerText(), 'Thu, Jan 14, 9:00 – 9:30 AM EST');
    assert.deepEqual(await text(card.otherTimes), ['7:30 – 8:00 PM IST for Bob Iyer']);
    await systemLines(aliceApp, 'Bob Iyer').filter({ hasText: 'Bob Iyer accepted “Logo feedback” for Thu, Jan 14, 9:00 – 9:30 AM EST' }).waitFor();
    await snap(alice.page, 'alice-confirmed');

    for (const app of [aliceApp, bobApp]) {
      await eventually(async () => {
        const events = await app.meetingEvents();
        assert.equal(events.length, 1, JSON.stringify(events));
        const [e] = events;
        assert.equal(e!.summary, 'Logo feedback');
        assert.equal(Date.parse(e!.start), Date.parse('2027-01-14T14:00:00Z'));
        assert.equal(Date.parse(e!.end), Date.parse('2027-01-14T14:30:00Z'));
        assert.match(e!.joinUrl!, /^https:\/\//);
      });
    }
    // Bob accepted, so his calendar made the call link the meeting carries (checked again when Alice joins).
    meetingACallLink = (await bobApp.meetingEvents())[0]!.joinUrl!;
  });

  step('Alice’s calendar entry carries the call link of the meeting, not a second call', async () => {
    const [entry] = (await aliceApp.meetingEvents()).filter((e) => e.summary === 'Logo feedback');
    assert.equal(entry?.joinUrl, meetingACallLink);
  });

  step('on a second meeting Bob suggests a different time, and Alice accepts his suggestion', async () => {
    const scheduler = await aliceApp.openScheduler();
    await scheduler.pick('Tuesday, January 12, 9:00 – 9:30 AM EST');
    await scheduler.titleField.fill('Print files');
    await scheduler.send();
    await aliceApp.card('Print files').status.filter({ hasText: 'Waiting for Bob Iyer' }).waitFor();

    const card = bobApp.card('Print files');
    await card.option('Tue, Jan 12, 7:30 – 8:00 PM IST').waitFor();
    const counter = await card.suggestDifferentTime();
    // His own zone in the grid; the length is the meeting's.
    await counter.root.getByText('Length: 30 min').waitFor();
    await counter.pick('Friday, January 15, 7:30 – 8:00 PM IST');
    assert.deepEqual(await text(counter.chips), ['Fri, Jan 15, 7:30 – 8:00 PM IST 9:00 – 9:30 AM EST for Alice Chen']);
    await counter.messageField.fill('Friday evening suits me better.');
    await counter.send();
    await card.status.filter({ hasText: 'Waiting for Alice Chen' }).waitFor();

    const aliceCard = aliceApp.card('Print files');
    await aliceCard.root.getByText('Bob Iyer suggested different times').waitFor();
    await aliceCard.root.getByText('Friday evening suits me better.').waitFor();
    assert.deepEqual(await names(aliceCard.options), ['Fri, Jan 15, 9:00 – 9:30 AM EST 7:30 – 8:00 PM IST for Bob Iyer']);
    await snap(alice.page, 'alice-counter');
    await aliceCard.accept('Fri, Jan 15, 9:00 – 9:30 AM EST');
    await card.confirmedBadge.waitFor();
    assert.equal(await card.confirmedTime.innerText(), 'Fri, Jan 15, 7:30 – 8:00 PM IST');
    assert.match(await card.status.innerText(), /^Alice Chen accepted — Fri, Jan 15, 7:30\sPM$/);
    for (const app of [aliceApp, bobApp]) {
      await eventually(async () => {
        const e = (await app.meetingEvents()).find((x) => x.summary === 'Print files');
        assert.equal(Date.parse(e?.start ?? ''), Date.parse('2027-01-15T14:00:00Z'));
      });
    }
  });

  step('Alice reschedules with a reason; Bob sees the reason and accepts the new time', async () => {
    const card = aliceApp.card('Print files');
    const scheduler = await card.reschedule();
    await scheduler.pick('Friday, January 15, 10:00 – 10:30 AM EST');
    await scheduler.messageField.fill('The print shop moved its deadline to Friday noon.');
    await scheduler.send();
    await card.status.filter({ hasText: 'Waiting for Bob Iyer' }).waitFor();

    const bobCard = bobApp.card('Print files');
    await bobCard.root.getByText('Alice Chen asked to reschedule').waitFor();
    await bobCard.root.getByText('Reason: The print shop moved its deadline to Friday noon.').waitFor();
    await bobCard.root.getByText('Previously Fri, Jan 15, 7:30 – 8:00 PM IST').waitFor();
    assert.deepEqual(await names(bobCard.options), ['Fri, Jan 15, 8:30 – 9:00 PM IST 10:00 – 10:30 AM EST for Alice Chen']);
    await snap(bob.page, 'bob-reschedule');
    await bobCard.accept('Fri, Jan 15, 8:30 – 9:00 PM IST');
    await card.confirmedBadge.waitFor();
    assert.equal(await card.confirmedTime.innerText(), 'Fri, Jan 15, 10:00 – 10:30 AM EST');
    // The calendar entries moved with it: still one per meeting.
    for (const app of [aliceApp, bobApp]) {
      await eventually(async () => {
        const events = (await app.meetingEvents()).filter((x) => x.summary === 'Print files');
        assert.deepEqual(events.map((e) => Date.parse(e.start)), [Date.parse('2027-01-15T15:00:00Z')]);
      });
    }
  });

  step('Bob cancels with a reason; Alice sees it and the calendar entries are gone', async () => {
    const card = bobApp.card('Print files');
    await card.cancel('Carol already sent the files to the print shop.');
    await card.status.filter({ hasText: 'You cancelled this meeting' }).waitFor();

    const aliceCard = aliceApp.card('Print files');
    await aliceCard.status.filter({ hasText: 'Cancelled by Bob Iyer' }).waitFor();
    await aliceCard.root.getByText('Reason: Carol already sent the files to the print shop.').waitFor();
    await systemLines(aliceApp, 'Bob Iyer').filter({ hasText: 'Bob Iyer cancelled “Print files” — “Carol already sent the files to the print shop.”' }).waitFor();
    await snap(alice.page, 'alice-cancelled');
    // The email the server would have sent her, in the Email outbox.
    const outbox = await aliceApp.openOutbox();
    const mail = outbox.getByRole('article', { name: 'Cancelled: Print files' });
    await mail.getByText('Carol already sent the files to the print shop.', { exact: false }).waitFor();
    await aliceApp.closeOutbox();
    for (const app of [aliceApp, bobApp]) {
      await eventually(async () => {
        assert.deepEqual((await app.meetingEvents()).map((e) => e.summary), ['Logo feedback']);
      });
    }
  });

  step('a guest opens the share link: sees the time in their own zone and Join, but cannot reschedule or cancel', async () => {
    const url = await aliceApp.card('Logo feedback').shareLink();
    assert.match(url, new RegExp(`^${demo.url}guest/`));
    guest = await anonymousPage(browser, demo, url, { timezoneId: 'Europe/London' });
    const view = new GuestView(guest.page);
    await view.heading.filter({ hasText: 'You are invited as a guest' }).waitFor();
    await view.intro.filter({ hasText: 'With Alice Chen, Bob Iyer. Times are shown in your zone (Europe/London).' }).waitFor();
    const card = view.card;
    await card.confirmedBadge.waitFor();
    assert.equal(await card.confirmedTime.innerText(), 'Thu, Jan 14, 2:00 – 2:30 PM GMT');
    assert.match(await card.joinButton.innerText(), /^Join opens Thu, Jan 14, 1:55\sPM$/);
    assert.equal(await card.joinButton.isDisabled(), true);
    await card.addToCalendar.waitFor();
    for (const name of ['Reschedule', 'Cancel meeting', 'Share link', 'Accept']) {
      assert.equal(await card.button(name).count(), 0, `a guest has no ${name}`);
    }
    // Nothing of the thread.
    assert.equal(await guest.page.getByText('Shall we walk through the feedback').count(), 0);
    await snap(guest.page, 'guest');

    // Joining time: the guest's Join opens the call link in a new tab.
    await guest.context.route('https://meet.google.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Call</title><p>In the call</p>' }));
    await guest.page.clock.pauseAt('2027-01-14T13:57:00Z');
    await guest.page.clock.resume();
    await card.button('Join').waitFor();
    const [call] = await Promise.all([guest.context.waitForEvent('page'), card.button('Join').click()]);
    assert.equal(call.url(), meetingACallLink);
    await guest.close();
  });

  step('the demo clock moves on: Join is disabled before the window and opens the call inside it', async () => {
    const card = aliceApp.card('Logo feedback');
    assert.match(await card.joinButton.innerText(), /^Join opens Thu, Jan 14, 8:55\sAM$/);
    assert.equal(await card.joinButton.isDisabled(), true);
    await aliceApp.moveClock('+1 day');
    await card.joinButton.filter({ hasText: /^Join opens Thu, Jan 14, 8:55\sAM$/ }).waitFor();
    assert.equal(await card.joinButton.isDisabled(), true);
    await aliceApp.moveClock('5 min before the next meeting');
    await card.button('Join').waitFor();
    await card.root.getByText('Starts in 5 minutes').waitFor();
    await snap(alice.page, 'alice-join-open');
    await card.button('Join').click();
    const call = aliceApp.callDialog;
    await call.getByRole('heading', { name: 'Logo feedback' }).waitFor();
    await call.getByText(meetingACallLink).waitFor();
    await snap(alice.page, 'alice-call');
    await call.getByRole('button', { name: 'Leave call' }).click();
    await call.waitFor({ state: 'hidden' });
  });
});
