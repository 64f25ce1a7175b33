import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import 'axe-core';
import {
  reduceMeeting,
  SchedulerError,
  type BusyInterval,
  type CalendarAdapter,
  type CalendarConnection,
  type Interval,
  type Meeting,
  type MeetingEvent,
  type ThreadAdapter,
} from '@meeting-scheduler/core';
import type { MeetingCard } from '../../packages/elements/src/card/meeting-card.ts';
import { storedEvents } from '../../packages/elements/src/card/calendar-sync-controller.ts';
import type {
  MeetingActionEvent,
  MeetingCalendarSyncEvent,
  MeetingCounterRequestEvent,
  MeetingJoinRequestEvent,
} from '../../packages/elements/src/events.ts';
import { ALICE, BOB, createWorld, until, type World } from './world.ts';

// ---------------------------------------------------------------------------
// The meeting: Alice (New York) invites Bob (Kolkata) to one of three times.

const O1: Interval = { start: '2026-03-10T13:00:00Z', end: '2026-03-10T13:30:00Z' }; // 9:00 AM EDT · 6:30 PM IST
const O2: Interval = { start: '2026-03-10T15:00:00Z', end: '2026-03-10T15:30:00Z' }; // 11:00 AM EDT · 8:30 PM IST
const O3: Interval = { start: '2026-03-11T13:00:00Z', end: '2026-03-11T13:30:00Z' };
const JOIN = 'https://meet.example.com/abc-defg-hij';

function proposal(extra: Partial<Extract<MeetingEvent, { type: 'proposed' }>> = {}): MeetingEvent {
  return {
    type: 'proposed',
    id: 'e1',
    meetingId: 'm1',
    by: 'alice',
    at: '2026-03-09T13:00:00Z',
    threadId: 't1',
    invitees: ['bob'],
    options: [O1, O2, O3],
    durationMinutes: 30,
    message: 'Let’s go through the logo drafts',
    ...extra,
  };
}

function accepted(option: Interval = O1, sequence = 0): MeetingEvent {
  return { type: 'accepted', id: 'e2', meetingId: 'm1', by: 'bob', at: '2026-03-09T13:30:00Z', sequence, option };
}

/** A confirmed meeting at O1 with a join link. */
const confirmedEvents = (): MeetingEvent[] => [proposal({ joinUrl: JOIN }), accepted()];

// ---------------------------------------------------------------------------
// Queries by role and accessible name, inside the card's shadow root.

const ROLES: Record<string, string> = {
  button: 'button',
  radio: 'input[type=radio]',
  textbox: 'textarea, input[type=text], input[type=url], input:not([type])',
  link: 'a[href]',
  alert: '[role=alert]',
  status: '[role=status]',
  heading: '[role=heading], h1, h2, h3, h4, h5, h6',
  group: 'fieldset, [role=group]',
  list: 'ul, ol',
};

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

function accessibleName(node: Element): string {
  const root = node.getRootNode() as ShadowRoot | Document;
  const labelledBy = node.getAttribute('aria-labelledby');
  if (labelledBy) return squash(labelledBy.split(/\s+/).map((id) => root.getElementById(id)?.textContent).join(' '));
  const label = node.getAttribute('aria-label');
  if (label) return squash(label);
  if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) {
    return squash([...(node.labels ?? [])].map((l) => l.textContent).join(' '));
  }
  if (node instanceof HTMLFieldSetElement) return squash(node.querySelector('legend')?.textContent);
  return squash(node.textContent);
}

/** Rendered (not `display: none` anywhere up the tree); visually hidden text still counts. */
function visible(node: Element): boolean {
  return node.getClientRects().length > 0 || getComputedStyle(node).display === 'contents';
}

function allByRole(card: Element, role: string, name?: string | RegExp): HTMLElement[] {
  const nodes = [...card.shadowRoot!.querySelectorAll<HTMLElement>(ROLES[role] ?? `[role=${role}]`)].filter(visible);
  if (name === undefined) return nodes;
  return nodes.filter((n) => (typeof name === 'string' ? accessibleName(n) === name : name.test(accessibleName(n))));
}

function queryByRole<T extends HTMLElement = HTMLElement>(card: Element, role: string, name?: string | RegExp): T | undefined {
  return allByRole(card, role, name)[0] as T | undefined;
}

function getByRole<T extends HTMLElement = HTMLElement>(card: Element, role: string, name?: string | RegExp): T {
  const found = allByRole(card, role, name);
  if (found.length !== 1) {
    const names = allByRole(card, role).map(accessibleName);
    throw new Error(`expected one ${role} named ${String(name)}, found ${found.length}; ${role}s: ${JSON.stringify(names)}`);
  }
  return found[0] as T;
}

/** What a sighted reader sees (live-region text excluded). */
function textOf(card: Element): string {
  const parts: string[] = [];
  for (const child of card.shadowRoot!.children) {
    const clone = child.cloneNode(true) as Element;
    clone.querySelectorAll('[role=status].visually-hidden, style').forEach((n) => n.remove());
    parts.push(clone.textContent ?? '');
  }
  return squash(parts.join(' '));
}

function announced(card: Element): string {
  return squash(card.shadowRoot!.querySelector('[role=status]')?.textContent);
}

/** The element focused inside the card, if any. */
function focused(card: Element): Element | null {
  return card.shadowRoot!.activeElement;
}

async function settle(card: MeetingCard): Promise<void> {
  await card.updateComplete;
  await new Promise((r) => setTimeout(r, 0));
  await card.updateComplete;
}

// ---------------------------------------------------------------------------
// Mounting

interface MountOptions {
  as: string;
  locale?: string;
  timeZone?: string;
  /** Replaces the user's thread adapter (e.g. one without live updates). */
  thread?: ThreadAdapter;
  calendarFor?: (c: CalendarConnection) => CalendarAdapter | undefined;
  createShareLink?: (meeting: Meeting, guestId: string) => Promise<string>;
  joinHosts?: string[];
}

/** Like `world.mount`, plus what it does not pass on (share links, join hosts, adapter overrides). */
async function mountCard(world: World, o: MountOptions): Promise<MeetingCard> {
  const env = world.environment(o.as);
  const person = world.participants.find((p) => p.id === o.as);
  const provider = await fixture(html`
    <meeting-provider
      .thread=${o.thread ?? env.thread}
      .connections=${env.connections}
      .calendarFor=${o.calendarFor ?? env.calendarFor}
      .settings=${env.settings}
      .openUrl=${env.openUrl}
      .now=${env.now}
      .createShareLink=${o.createShareLink}
      .joinHosts=${o.joinHosts}
      locale=${o.locale ?? 'en-US'}
      time-zone=${o.timeZone ?? person?.timeZone ?? 'UTC'}
    >
      <meeting-card thread-id="t1" meeting-id="m1"></meeting-card>
    </meeting-provider>
  `);
  const card = provider.firstElementChild as MeetingCard;
  await until(() => queryByRole(card, 'heading'), 'the card to show the meeting');
  return card;
}

async function storedEventsOf(world: World, userId = 'bob'): Promise<MeetingEvent[]> {
  return (await world.threads.as(userId).listEvents('t1')).filter((e) => e.meetingId === 'm1');
}

/** Live (not cancelled) events in a user's mock Google calendar. */
function calendarOf(world: World, email: string) {
  const account = world.calendarStore.account(email)!;
  return world.calendarStore.eventsOf(account, email);
}

// The inline <meeting-scheduler> (another element) sizes itself with a ResizeObserver, and
// Chromium reports the benign "ResizeObserver loop completed with undelivered notifications"
// as a window error when it settles in a narrow card. Only that message is let through.
let previousOnError: OnErrorEventHandler = null;
before(() => {
  previousOnError = window.onerror;
  window.onerror = (message, ...rest) =>
    String(message).includes('ResizeObserver loop') ? true : (previousOnError?.call(window, message, ...rest) ?? false);
});
after(() => {
  window.onerror = previousOnError;
});

beforeEach(() => {
  for (const key of Object.keys(localStorage)) if (key.startsWith('meeting-scheduler:calendar-events:')) localStorage.removeItem(key);
});

// ---------------------------------------------------------------------------

describe('<meeting-card>', () => {
  describe('invited (the invite awaits the viewer)', () => {
    it('shows the options in the invitee’s zone with the organizer’s local time, and accepting one confirms it for both', async () => {
      const world = createWorld({ events: [proposal()] });
      const bob = await mountCard(world, { as: 'bob' });
      const alice = await mountCard(world, { as: 'alice' });

      expect(accessibleName(getByRole(bob, 'heading'))).to.equal('Meeting invite from Alice');
      expect(textOf(bob)).to.contain('Let’s go through the logo drafts');
      expect(accessibleName(getByRole(bob, 'group'))).to.equal('Pick a time that works for you');
      const radios = allByRole(bob, 'radio');
      expect(radios).to.have.length(3);
      expect(accessibleName(radios[0]!)).to.contain('Tue, Mar 10, 6:30 – 7:00 PM IST');
      expect(accessibleName(radios[0]!)).to.contain('9:00 – 9:30 AM EDT for Alice');
      expect(getByRole<HTMLButtonElement>(bob, 'button', 'Accept').disabled, 'nothing picked yet').to.equal(true);
      await expect(bob).to.be.accessible();

      getByRole(bob, 'radio', /Mar 10, 6:30 – 7:00 PM IST/).click();
      await settle(bob);
      getByRole(bob, 'button', 'Accept').click();
      await until(() => textOf(bob).includes('You accepted — Tue, Mar 10, 6:30 PM'), 'Bob’s card to confirm');

      const stored = (await storedEventsOf(world)).find((e) => e.type === 'accepted');
      expect(stored).to.include({ by: 'bob', sequence: 0 });
      expect(stored && 'option' in stored && stored.option).to.deep.equal(O1);
      expect(announced(bob)).to.contain('You accepted Tue, Mar 10, 6:30 – 7:00 PM IST');
      expect(textOf(bob)).to.contain('9:00 – 9:30 AM EDT for Alice');

      await until(() => textOf(alice).includes('Bob accepted — Tue, Mar 10, 9:00 AM'), 'Alice’s card to update live');
      expect(textOf(alice)).to.contain('Tue, Mar 10, 9:00 – 9:30 AM EDT');
      expect(textOf(alice)).to.contain('6:30 – 7:00 PM IST for Bob');
      await expect(bob).to.be.accessible();
      await expect(alice).to.be.accessible();
    });

    it('accepting by keyboard: arrow keys pick a time, Enter accepts', async () => {
      const world = createWorld({ events: [proposal()] });
      const bob = await mountCard(world, { as: 'bob' });
      const actions: MeetingActionEvent[] = [];
      bob.addEventListener('meeting-action', (e) => actions.push(e));

      allByRole(bob, 'radio')[0]!.focus();
      await sendKeys({ press: 'Space' });
      await sendKeys({ press: 'ArrowDown' });
      await settle(bob);
      expect(getByRole<HTMLInputElement>(bob, 'radio', /Mar 10, 8:30 – 9:00 PM IST/).checked).to.equal(true);
      await sendKeys({ press: 'Tab' });
      expect(accessibleName(focused(bob)!)).to.equal('Accept');
      await sendKeys({ press: 'Enter' });
      await until(() => textOf(bob).includes('You accepted — Tue, Mar 10, 8:30 PM'), 'the confirmation');

      expect(actions.map((a) => a.action)).to.deep.equal(['accept']);
      expect(actions[0]!.meeting.confirmed).to.deep.equal(O2);
      expect(focused(bob)?.textContent).to.contain('You accepted');
    });

    it('marks the times that clash with the invitee’s own calendar', async () => {
      const world = createWorld({
        events: [proposal()],
        calendars: { bob: [{ summary: 'Design review', start: '2026-03-10T15:00:00Z', end: '2026-03-10T16:00:00Z' }] },
      });
      const bob = await mountCard(world, { as: 'bob' });
      await until(() => textOf(bob).includes('Conflicts with'), 'conflicts from Bob’s Google calendar');
      // Google's freeBusy gives no titles: the account is named instead.
      expect(accessibleName(getByRole(bob, 'radio', /Mar 10, 8:30 – 9:00 PM IST/))).to.contain('Conflicts with an event in bob@studio.example');
      expect(accessibleName(getByRole(bob, 'radio', /Mar 10, 6:30 – 7:00 PM IST/))).not.to.contain('Conflicts');
      await expect(bob).to.be.accessible();
    });

    it('names the clashing event when the calendar says what it is', async () => {
      const world = createWorld({ events: [proposal()] });
      const labelled: CalendarAdapter = {
        provider: 'microsoft',
        listCalendars: async () => [],
        getBusy: async (): Promise<BusyInterval[]> => [{ start: '2026-03-10T12:45:00Z', end: '2026-03-10T13:15:00Z', label: 'Design review' }],
      };
      const bob = await mountCard(world, { as: 'bob', calendarFor: () => labelled });
      await until(() => textOf(bob).includes('Conflicts with Design review'), 'the labelled conflict');
      expect(accessibleName(getByRole(bob, 'radio', /Mar 10, 6:30 – 7:00 PM IST/))).to.contain('Conflicts with Design review');
    });

    it('“Suggest a different time” asks the host for the scheduler in counter mode, else opens it inline', async () => {
      const world = createWorld({ events: [proposal()] });
      const bob = await mountCard(world, { as: 'bob' });
      const requests: MeetingCounterRequestEvent[] = [];
      const veto = (e: MeetingCounterRequestEvent) => {
        requests.push(e);
        e.preventDefault();
      };
      bob.addEventListener('meeting-counter-request', veto);
      getByRole(bob, 'button', 'Suggest a different time').click();
      await settle(bob);
      expect(requests.map((r) => [r.mode, r.meeting.id])).to.deep.equal([['counter', 'm1']]);
      expect(bob.shadowRoot!.querySelector('meeting-scheduler'), 'the host took over').to.equal(null);

      bob.removeEventListener('meeting-counter-request', veto);
      getByRole(bob, 'button', 'Suggest a different time').click();
      await settle(bob);
      const inline = bob.shadowRoot!.querySelector('meeting-scheduler')!;
      expect(inline.getAttribute('mode')).to.equal('counter');
      expect(inline.getAttribute('meeting-id')).to.equal('m1');
      expect(inline.getAttribute('thread-id')).to.equal('t1');
      expect(inline.hasAttribute('inline')).to.equal(true);
      getByRole(bob, 'button', 'Close').click();
      await settle(bob);
      expect(bob.shadowRoot!.querySelector('meeting-scheduler')).to.equal(null);
    });

    it('after the inline scheduler sends (or is closed), the focus lands on the card’s status, not on the page', async () => {
      const world = createWorld({ events: [proposal()] });
      const bob = await mountCard(world, { as: 'bob' });
      getByRole(bob, 'button', 'Suggest a different time').click();
      await settle(bob);
      getByRole(bob, 'button', 'Close').click();
      await settle(bob);
      await until(() => focused(bob)?.id === 'heading', 'the focus on the card after Close');

      getByRole(bob, 'button', 'Suggest a different time').click();
      await settle(bob);
      const inline = bob.shadowRoot!.querySelector('meeting-scheduler')!;
      const freeCell = () => inline.shadowRoot!.querySelector<HTMLElement>('[role="gridcell"][aria-label$=", available"]');
      await until(freeCell, 'a free time');
      freeCell()!.click();
      await until(() => !inline.shadowRoot!.querySelector<HTMLButtonElement>('[part="send"]')!.disabled, 'Send enabled');
      inline.shadowRoot!.querySelector<HTMLButtonElement>('[part="send"]')!.click();
      await until(() => focused(bob)?.id === 'status', 'the focus on the status line after sending');
      expect(squash(focused(bob)!.textContent)).to.equal('Waiting for Alice');
      expect((await storedEventsOf(world)).map((e) => e.type)).to.deep.equal(['proposed', 'countered']);
      await expect(bob).to.be.accessible();
    });

    it('declining asks to confirm, takes an optional reason, and the organizer sees who declined and why', async () => {
      const world = createWorld({ events: [proposal()] });
      const bob = await mountCard(world, { as: 'bob' });
      const alice = await mountCard(world, { as: 'alice' });

      // Keyboard: open the confirm step, Escape goes back to where we were.
      getByRole(bob, 'button', 'Decline').focus();
      await sendKeys({ press: 'Enter' });
      await settle(bob);
      expect(focused(bob)).to.equal(getByRole(bob, 'textbox', 'Reason (optional)'));
      await expect(bob).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      await settle(bob);
      expect(accessibleName(focused(bob)!)).to.equal('Decline');
      expect((await storedEventsOf(world)).map((e) => e.type)).to.deep.equal(['proposed']);

      getByRole(bob, 'button', 'Decline').click();
      await settle(bob);
      await sendKeys({ type: 'Travelling that week' });
      getByRole(bob, 'button', 'Decline invite').click();
      await until(() => textOf(bob).includes('You declined'), 'Bob’s card to show the decline');

      const declined = (await storedEventsOf(world)).find((e) => e.type === 'declined');
      expect(declined).to.include({ by: 'bob', reason: 'Travelling that week', sequence: 0 });
      expect(announced(bob)).to.equal('You declined the invite');
      await until(() => textOf(alice).includes('Bob declined'), 'Alice’s card to update');
      expect(textOf(alice)).to.contain('Reason: Travelling that week');
      expect(alice.shadowRoot!.querySelector('s')?.textContent).to.contain('Tue, Mar 10, 9:00 – 9:30 AM EDT');
      expect(allByRole(alice, 'button'), 'nothing left to do').to.have.length(0);
      await expect(alice).to.be.accessible();
    });
  });

  describe('organizer', () => {
    it('sees who the invite is waiting for, with the options', async () => {
      const world = createWorld({ events: [proposal({ title: 'Logo review' })] });
      const alice = await mountCard(world, { as: 'alice' });
      expect(accessibleName(getByRole(alice, 'heading'))).to.equal('Logo review');
      expect(textOf(alice)).to.contain('Waiting for Bob');
      expect(textOf(alice)).to.contain('Tue, Mar 10, 9:00 – 9:30 AM EDT');
      expect(textOf(alice)).to.contain('6:30 – 7:00 PM IST for Bob');
      expect(allByRole(alice, 'radio')).to.have.length(0);
      expect(queryByRole(alice, 'button', 'Accept')).to.equal(undefined);
      expect(queryByRole(alice, 'button', 'Reschedule')).to.be.instanceOf(HTMLElement);
      expect(queryByRole(alice, 'button', 'Cancel meeting')).to.be.instanceOf(HTMLElement);
      await expect(alice).to.be.accessible();
    });

    it('Reschedule dispatches the counter request in reschedule mode', async () => {
      const world = createWorld({ events: confirmedEvents() });
      const alice = await mountCard(world, { as: 'alice' });
      const requests: MeetingCounterRequestEvent[] = [];
      document.addEventListener('meeting-counter-request', (e) => requests.push(e as MeetingCounterRequestEvent), { once: true });
      getByRole(alice, 'button', 'Reschedule').click();
      await settle(alice);
      expect(requests.map((r) => r.mode)).to.deep.equal(['reschedule']);
      expect(requests[0]!.cancelable && requests[0]!.composed && requests[0]!.bubbles).to.equal(true);
      expect(alice.shadowRoot!.querySelector('meeting-scheduler')?.getAttribute('mode')).to.equal('reschedule');
    });

    it('cancelling needs a confirm step, carries the reason, and takes the meeting out of the calendar', async () => {
      const world = createWorld({ events: confirmedEvents() });
      const alice = await mountCard(world, { as: 'alice' });
      const bob = await mountCard(world, { as: 'bob' });
      await until(() => calendarOf(world, ALICE.email!).length === 1, 'Alice’s calendar entry');

      getByRole(alice, 'button', 'Cancel meeting').click();
      await settle(alice);
      expect(focused(alice)).to.equal(getByRole(alice, 'textbox', 'Reason (optional)'));
      expect(getByRole(alice, 'button', 'Yes, cancel meeting')).to.be.instanceOf(HTMLElement);
      getByRole(alice, 'button', 'Back').click();
      await settle(alice);
      expect(accessibleName(focused(alice)!)).to.equal('Cancel meeting');
      expect((await storedEventsOf(world)).some((e) => e.type === 'cancelled'), 'Back cancels nothing').to.equal(false);

      getByRole(alice, 'button', 'Cancel meeting').click();
      await settle(alice);
      const reason = getByRole<HTMLTextAreaElement>(alice, 'textbox', 'Reason (optional)');
      reason.value = 'Client postponed';
      reason.dispatchEvent(new Event('input'));
      getByRole(alice, 'button', 'Yes, cancel meeting').focus();
      await sendKeys({ press: 'Enter' });
      await until(() => textOf(alice).includes('You cancelled this meeting'), 'Alice’s card to show it cancelled');

      expect((await storedEventsOf(world)).find((e) => e.type === 'cancelled')).to.include({ by: 'alice', reason: 'Client postponed' });
      expect(announced(alice)).to.equal('Meeting cancelled');
      await until(() => textOf(bob).includes('Cancelled by Alice'), 'Bob’s card to update');
      expect(textOf(bob)).to.contain('Reason: Client postponed');
      expect(bob.shadowRoot!.querySelector('s')?.textContent).to.contain('6:30 – 7:00 PM IST');
      expect(queryByRole(bob, 'button', 'Join')).to.equal(undefined);
      await until(() => calendarOf(world, ALICE.email!).length === 0, 'Alice’s calendar entry to be cancelled');
      await until(() => calendarOf(world, BOB.email!).length === 0, 'Bob’s calendar entry to be cancelled');
      await expect(bob).to.be.accessible();
    });
  });

  describe('confirmed', () => {
    it('Join is disabled until the join window opens and shows when it opens', async () => {
      const world = createWorld({ events: confirmedEvents(), now: '2026-03-10T11:00:00Z' });
      const alice = await mountCard(world, { as: 'alice' });
      const join = getByRole<HTMLButtonElement>(alice, 'button', 'Join opens at 8:55 AM');
      expect(join.disabled).to.equal(true);
      await expect(alice).to.be.accessible();

      world.setNow('2026-03-09T14:00:00Z');
      alice.refresh();
      await settle(alice);
      expect(getByRole<HTMLButtonElement>(alice, 'button', 'Join opens Tue, Mar 10, 8:55 AM').disabled).to.equal(true);

      world.setNow('2026-03-10T13:40:00Z');
      alice.refresh();
      await settle(alice);
      expect(getByRole<HTMLButtonElement>(alice, 'button', 'Meeting ended').disabled).to.equal(true);
    });

    it('Join opens the call once inside the window, in the viewer’s own zone', async () => {
      const world = createWorld({ events: confirmedEvents(), now: '2026-03-10T12:56:00Z' });
      const bob = await mountCard(world, { as: 'bob' });
      expect(textOf(bob)).to.contain('Starts in 4 minutes');
      const join = getByRole<HTMLButtonElement>(bob, 'button', 'Join');
      expect(join.disabled).to.equal(false);
      join.click();
      expect(world.opened).to.deep.equal([JOIN]);
      await expect(bob).to.be.accessible();
    });

    it('Join enables itself when the window opens, without a refresh', async () => {
      const world = createWorld({ events: confirmedEvents(), now: '2026-03-10T12:54:59.900Z' });
      const alice = await mountCard(world, { as: 'alice' });
      expect(queryByRole(alice, 'button', 'Join opens at 8:55 AM')).to.be.instanceOf(HTMLElement);
      setTimeout(() => world.setNow('2026-03-10T12:55:00Z'), 30);
      await until(() => queryByRole(alice, 'button', 'Join'), 'the clock to open Join');
    });

    it('a host that vetoes the join request opens the call itself; the card opens nothing', async () => {
      const world = createWorld({ events: confirmedEvents(), now: '2026-03-10T13:05:00Z' });
      const bob = await mountCard(world, { as: 'bob' });
      const requests: MeetingJoinRequestEvent[] = [];
      bob.addEventListener('meeting-join-request', (e) => {
        requests.push(e);
        e.preventDefault();
      });
      getByRole(bob, 'button', 'Join').focus();
      await sendKeys({ press: 'Enter' });
      expect(requests.map((r) => r.joinUrl)).to.deep.equal([JOIN]);
      expect(world.opened).to.deep.equal([]);
    });

    it('Join only offers links on the hosts the host allows', async () => {
      const world = createWorld({ events: confirmedEvents(), now: '2026-03-10T13:05:00Z' });
      const bob = await mountCard(world, { as: 'bob', joinHosts: ['zoom.us'] });
      expect(queryByRole(bob, 'button', 'Join')).to.equal(undefined);
      expect(textOf(bob)).to.contain('This call link can’t be opened here');
      const ok = await mountCard(createWorld({ events: confirmedEvents(), now: '2026-03-10T13:05:00Z' }), { as: 'bob', joinHosts: ['MEET.example.com'] });
      expect(queryByRole(ok, 'button', 'Join')).to.be.instanceOf(HTMLElement);
    });

    it('without a call link, Join is replaced by “No call link yet”', async () => {
      const world = createWorld({ events: [proposal(), accepted()], now: '2026-03-10T13:05:00Z', unconnected: ['alice', 'bob'] });
      const alice = await mountCard(world, { as: 'alice' });
      expect(queryByRole(alice, 'button', /Join/)).to.equal(undefined);
      expect(textOf(alice)).to.contain('No call link yet');
    });

    it('Add to calendar offers Google, Outlook, Microsoft 365 and an .ics download', async () => {
      const world = createWorld({ events: confirmedEvents() });
      const bob = await mountCard(world, { as: 'bob' });
      const toggle = getByRole(bob, 'button', 'Add to calendar');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(allByRole(bob, 'link')).to.have.length(0);

      toggle.focus();
      await sendKeys({ press: 'Enter' });
      await settle(bob);
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      const google = getByRole<HTMLAnchorElement>(bob, 'link', 'Google Calendar');
      expect(new URL(google.href).host).to.equal('calendar.google.com');
      expect(google.target).to.equal('_blank');
      expect(google.rel).to.contain('noopener');
      expect(new URL(getByRole<HTMLAnchorElement>(bob, 'link', 'Outlook.com').href).host).to.equal('outlook.live.com');
      expect(new URL(getByRole<HTMLAnchorElement>(bob, 'link', 'Microsoft 365').href).host).to.equal('outlook.office.com');
      const ics = getByRole<HTMLAnchorElement>(bob, 'link', /\.ics/);
      expect(ics.getAttribute('download')).to.equal('meeting.ics');
      expect(ics.href.startsWith('data:text/calendar')).to.equal(true);
      expect(decodeURIComponent(ics.href)).to.contain('DTSTART:20260310T130000Z');
      await expect(bob).to.be.accessible();

      google.focus();
      await sendKeys({ press: 'Escape' });
      await settle(bob);
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(focused(bob)).to.equal(toggle);
    });

    it('Share link records a guest and shows the link to copy', async () => {
      const world = createWorld({ events: confirmedEvents() });
      const made: Array<[string, string]> = [];
      const createShareLink = async (m: Meeting, guestId: string) => {
        made.push([m.id, guestId]);
        return `https://app.example/guest/${guestId}`;
      };
      const alice = await mountCard(world, { as: 'alice', createShareLink });
      getByRole(alice, 'button', 'Share link').click();
      await until(() => queryByRole(alice, 'textbox', 'Guest link'), 'the guest link');

      const shared = (await storedEventsOf(world)).find((e) => e.type === 'link-shared');
      const guestId = shared && 'guestId' in shared ? shared.guestId : '';
      expect(guestId).to.match(/^guest-[0-9a-f-]{36}$/);
      expect(made).to.deep.equal([['m1', guestId]]);
      const input = getByRole<HTMLInputElement>(alice, 'textbox', 'Guest link');
      expect(input.readOnly).to.equal(true);
      expect(input.value).to.equal(`https://app.example/guest/${guestId}`);
      expect(getByRole(alice, 'button', 'Copy')).to.be.instanceOf(HTMLElement);
      await expect(alice).to.be.accessible();

      const withoutHost = await mountCard(world, { as: 'bob' });
      expect(queryByRole(withoutHost, 'button', 'Share link'), 'no createShareLink, no button').to.equal(undefined);
    });
  });

  describe('calendar writes', () => {
    it('accepting writes the meeting to the invitee’s calendar exactly once, with its Meet link on the accept', async () => {
      const world = createWorld({ events: [proposal()], unconnected: ['alice'] });
      const bob = await mountCard(world, { as: 'bob' });
      getByRole(bob, 'radio', /Mar 10, 6:30 – 7:00 PM IST/).click();
      await settle(bob);
      getByRole(bob, 'button', 'Accept').click();
      await until(() => textOf(bob).includes('You accepted'), 'the accept');

      expect(calendarOf(world, BOB.email!).filter((e) => e.start === O1.start)).to.have.length(1);
      const stored = (await storedEventsOf(world)).find((e) => e.type === 'accepted');
      expect(stored && 'joinUrl' in stored ? stored.joinUrl : undefined).to.match(/^https:\/\/meet\.google\.com\//);

      bob.requestUpdate();
      await settle(bob);
      const again = await mountCard(world, { as: 'bob' });
      await settle(again);
      await new Promise((r) => setTimeout(r, 50));
      expect(calendarOf(world, BOB.email!), 'no duplicate after re-render or a second card').to.have.length(1);
      expect(Object.keys(storedEvents.get('bob', 'm1'))).to.deep.equal(['google-bob']);
    });

    it('the organizer’s card writes her own calendar when the confirmation arrives', async () => {
      const world = createWorld({ events: [proposal()] });
      const alice = await mountCard(world, { as: 'alice' });
      const synced: MeetingCalendarSyncEvent[] = [];
      alice.addEventListener('meeting-calendar-sync', (e) => synced.push(e));
      await world.threads.as('bob').appendEvent('t1', accepted(O2), { expectedSequence: 0 });
      await until(() => calendarOf(world, ALICE.email!).length === 1, 'Alice’s calendar entry');
      expect(calendarOf(world, ALICE.email!)[0]).to.include({ start: O2.start, end: O2.end });
      await until(() => synced.length === 1, 'the sync event');
      expect(synced.map((s) => [s.connectionId, s.state])).to.deep.equal([['google-alice', 'written']]);
    });

    it('a failed calendar write is shown with Retry, and retrying writes it', async () => {
      const world = createWorld({ events: [proposal()], unconnected: ['alice'] });
      const bob = await mountCard(world, { as: 'bob' });
      await until(() => !textOf(bob).includes('Checking your calendar'), 'the conflict check');
      const synced: MeetingCalendarSyncEvent[] = [];
      bob.addEventListener('meeting-calendar-sync', (e) => synced.push(e));
      world.faults.expireToken('tok-bob');

      getByRole(bob, 'radio', /Mar 10, 6:30 – 7:00 PM IST/).click();
      await settle(bob);
      getByRole(bob, 'button', 'Accept').click();
      await until(() => queryByRole(bob, 'alert', 'Couldn’t add to your Google calendar'), 'the failure');
      expect(textOf(bob), 'the accept itself is stored').to.contain('You accepted');
      expect(calendarOf(world, BOB.email!)).to.have.length(0);
      expect(synced.map((s) => [s.state, s.error?.code])).to.deep.equal([['failed', 'provider-auth']]);
      await expect(bob).to.be.accessible();

      world.faults.expiredTokens.delete('tok-bob');
      getByRole(bob, 'button', 'Retry').click();
      await until(() => calendarOf(world, BOB.email!).length === 1, 'the retried write');
      await until(() => !queryByRole(bob, 'alert'), 'the failure to go');
      await until(() => announced(bob) === 'Added to your Google calendar', 'the announcement');
    });
  });

  describe('failures', () => {
    it('a failed accept says so and keeps the chosen time for another try', async () => {
      const world = createWorld({ events: [proposal()], unconnected: ['alice'] });
      const bobView = world.threads.as('bob');
      const bob = await mountCard(world, { as: 'bob', thread: bobView });
      const errors: string[] = [];
      bob.addEventListener('meeting-error', (e) => errors.push(e.error.code));
      bobView.failNext(new SchedulerError('network', 'offline'));

      getByRole(bob, 'radio', /Mar 10, 8:30 – 9:00 PM IST/).click();
      await settle(bob);
      getByRole(bob, 'button', 'Accept').click();
      await until(() => queryByRole(bob, 'alert', 'Couldn’t reach the server. Try again.'), 'the error');
      expect(errors).to.deep.equal(['network']);
      expect(getByRole<HTMLInputElement>(bob, 'radio', /Mar 10, 8:30 – 9:00 PM IST/).checked).to.equal(true);
      expect((await storedEventsOf(world)).map((e) => e.type)).to.deep.equal(['proposed']);
      await until(() => calendarOf(world, BOB.email!).length === 0, 'the calendar entry to be taken back');
      await expect(bob).to.be.accessible();

      getByRole(bob, 'button', 'Accept').click();
      await until(() => textOf(bob).includes('You accepted — Tue, Mar 10, 8:30 PM'), 'the second try');
      expect(queryByRole(bob, 'alert')).to.equal(undefined);
      await until(() => calendarOf(world, BOB.email!).length === 1, 'the calendar entry');
    });

    it('an accept refused because the session ended, or because of a flood, says which and keeps the chosen time', async () => {
      const world = createWorld({ events: [proposal()], unconnected: ['alice', 'bob'] });
      const bobView = world.threads.as('bob');
      const bob = await mountCard(world, { as: 'bob', thread: bobView });
      getByRole(bob, 'radio', /Mar 10, 8:30 – 9:00 PM IST/).click();
      await settle(bob);
      for (const [error, says] of [
        [new SchedulerError('unauthenticated'), 'You are signed out. Sign in and try again.'],
        [new SchedulerError('rate-limited'), 'Too many changes at once. Try again in a moment.'],
      ] as const) {
        bobView.failNext(error);
        getByRole(bob, 'button', 'Accept').click();
        await until(() => queryByRole(bob, 'alert', says), says);
        expect(getByRole<HTMLInputElement>(bob, 'radio', /Mar 10, 8:30 – 9:00 PM IST/).checked).to.equal(true);
      }
      expect((await storedEventsOf(world)).map((e) => e.type)).to.deep.equal(['proposed']);
    });

    it('a reschedule that is accepted again moves the calendar entry instead of adding another', async () => {
      const world = createWorld({ events: confirmedEvents(), unconnected: ['bob'] });
      const alice = await mountCard(world, { as: 'alice' });
      await until(() => calendarOf(world, ALICE.email!).length === 1, 'Alice’s calendar entry');
      const first = calendarOf(world, ALICE.email!)[0]!;

      await world.threads.as('alice').appendEvent(
        't1',
        { type: 'rescheduled', id: 'e3', meetingId: 'm1', by: 'alice', at: '2026-03-09T14:00:00Z', sequence: 1, options: [O3] },
        { expectedSequence: 1 },
      );
      await until(() => textOf(alice).includes('Waiting for Bob'), 'the reschedule');
      expect(textOf(alice)).to.contain('Previously Tue, Mar 10, 9:00 – 9:30 AM EDT');
      await world.threads.as('bob').appendEvent(
        't1',
        { type: 'accepted', id: 'e4', meetingId: 'm1', by: 'bob', at: '2026-03-09T14:10:00Z', sequence: 2, option: O3 },
        { expectedSequence: 2 },
      );
      await until(() => calendarOf(world, ALICE.email!)[0]?.start === O3.start, 'the entry to move');
      expect(calendarOf(world, ALICE.email!)).to.have.length(1);
      expect(calendarOf(world, ALICE.email!)[0]!.id).to.equal(first.id);
    });
  });

  describe('stale actions', () => {
    it('accepting an invite that changed meanwhile says so and shows the new times, never a wrong confirmation', async () => {
      const world = createWorld({ events: [proposal()], unconnected: ['alice'] });
      const bobView = world.threads.as('bob');
      // A card that missed the live update (e.g. a tab that was asleep).
      const asleep: ThreadAdapter = {
        getThread: (id, o) => bobView.getThread(id, o),
        listEvents: (id, o) => bobView.listEvents(id, o),
        appendEvent: (id, e, o) => bobView.appendEvent(id, e, o),
      };
      const stale = await mountCard(world, { as: 'bob', thread: asleep });
      await world.threads.as('alice').appendEvent(
        't1',
        { type: 'rescheduled', id: 'e2', meetingId: 'm1', by: 'alice', at: '2026-03-09T14:00:00Z', sequence: 0, options: [O3], reason: 'Moved to Wednesday' },
        { expectedSequence: 0 },
      );

      getByRole(stale, 'radio', /Mar 10, 6:30 – 7:00 PM IST/).click();
      await settle(stale);
      getByRole(stale, 'button', 'Accept').click();
      await until(() => queryByRole(stale, 'alert', /This invite was updated/), 'the stale notice');
      await until(() => allByRole(stale, 'radio').length === 1, 'the new options');
      expect(accessibleName(getByRole(stale, 'radio'))).to.contain('Wed, Mar 11, 6:30 – 7:00 PM IST');
      expect(textOf(stale)).to.contain('Alice asked to reschedule');
      expect(textOf(stale)).to.contain('Reason: Moved to Wednesday');
      expect(textOf(stale)).not.to.contain('You accepted');
      expect((await storedEventsOf(world)).map((e) => e.type)).to.deep.equal(['proposed', 'rescheduled']);
      await until(() => calendarOf(world, BOB.email!).length === 0, 'the optimistic calendar entry to be taken back');
      expect(focused(stale)?.textContent).to.contain('This invite was updated');
      await expect(stale).to.be.accessible();
    });
  });

  describe('guest view', () => {
    it('a guest sees only the time in their own zone, Join and Add to calendar', async () => {
      const world = createWorld({ events: confirmedEvents() });
      const thread = await world.threads.as('alice').getThread('t1');
      const meeting = reduceMeeting(confirmedEvents(), thread);
      const provider = await fixture(html`
        <meeting-provider locale="en-GB" time-zone="Europe/Berlin" .now=${() => '2026-03-10T12:58:00Z'} .openUrl=${(u: string) => world.opened.push(u)}>
          <meeting-card guest guest-id="guest-1" .meeting=${meeting}></meeting-card>
        </meeting-provider>
      `);
      const card = provider.firstElementChild as MeetingCard;
      await settle(card);
      expect(accessibleName(getByRole(card, 'heading'))).to.equal('Meeting');
      expect(textOf(card)).to.contain('14:00–14:30 CET');
      expect(allByRole(card, 'button').map(accessibleName)).to.deep.equal(['Join', 'Add to calendar']);
      expect(textOf(card)).not.to.contain('Alice');
      expect(textOf(card)).not.to.contain('logo drafts');
      getByRole(card, 'button', 'Join').click();
      expect(world.opened).to.deep.equal([JOIN]);
      await expect(card).to.be.accessible();
    });

    it('a guest view as the server sends it (no history) still offers Add to calendar with an .ics', async () => {
      const world = createWorld({ events: confirmedEvents() });
      const thread = await world.threads.as('alice').getThread('t1');
      const { history: _history, message: _message, ...rest } = reduceMeeting(confirmedEvents(), thread);
      const meeting: Meeting = { ...rest, history: [] };
      const provider = await fixture(html`
        <meeting-provider locale="en-US" time-zone="Europe/London" .now=${() => '2026-03-10T12:00:00Z'}>
          <meeting-card guest guest-id="guest-1" .meeting=${meeting}></meeting-card>
        </meeting-provider>
      `);
      const card = provider.firstElementChild as MeetingCard;
      await settle(card);
      const buttons = allByRole(card, 'button').map(accessibleName);
      expect(buttons.length).to.equal(2);
      expect(buttons[0]).to.match(/^Join opens at 12:55\sPM$/);
      expect(buttons[1]).to.equal('Add to calendar');
      const ics = card.shadowRoot!.querySelector<HTMLAnchorElement>('a[download="meeting.ics"]')!;
      expect(decodeURIComponent(ics.href)).to.contain('DTSTAMP:20260310T120000Z');
      await expect(card).to.be.accessible();
    });

    it('a javascript: join link passed in by a host is never offered', async () => {
      const world = createWorld({ events: confirmedEvents() });
      const thread = await world.threads.as('alice').getThread('t1');
      // Core refuses such a link in events; a host can still hand one over in `.meeting`.
      const forged: Meeting = { ...reduceMeeting(confirmedEvents(), thread), joinUrl: 'javascript:alert(document.domain)' };
      const provider = await fixture(html`
        <meeting-provider locale="en-US" time-zone="UTC" .now=${() => '2026-03-10T13:05:00Z'} .openUrl=${(u: string) => world.opened.push(u)}>
          <meeting-card guest .meeting=${forged}></meeting-card>
        </meeting-provider>
      `);
      const card = provider.firstElementChild as MeetingCard;
      await settle(card);
      expect(queryByRole(card, 'button', /Join/)).to.equal(undefined);
      expect(card.shadowRoot!.innerHTML).not.to.contain('javascript:');
      expect(world.opened).to.deep.equal([]);
      await expect(card).to.be.accessible();
    });
  });

  describe('untrusted text', () => {
    it('renders markup in names, messages and reasons as text', async () => {
      const xss = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
      const world = createWorld({
        participants: [
          { ...ALICE, name: `Alice ${xss}` },
          { ...BOB, name: `Bob <b onmouseover=alert(1)>bold</b>` },
        ],
        events: [
          proposal({ title: `Title ${xss}`, message: `Message ${xss}` }),
          { type: 'declined', id: 'e2', meetingId: 'm1', by: 'bob', at: '2026-03-09T14:00:00Z', sequence: 0, reason: `Reason ${xss}` },
        ],
      });
      const alice = await mountCard(world, { as: 'alice' });
      expect(textOf(alice)).to.contain('Bob <b onmouseover=alert(1)>bold</b> declined');
      expect(textOf(alice)).to.contain(`Reason: Reason ${xss}`);
      expect(accessibleName(getByRole(alice, 'heading'))).to.equal(`Title ${xss}`);
      expect(alice.shadowRoot!.querySelector('img, script, b')).to.equal(null);

      const world2 = createWorld({
        participants: [{ ...ALICE, name: `Alice ${xss}` }, BOB],
        events: [proposal({ message: `Message ${xss}` })],
      });
      const bob = await mountCard(world2, { as: 'bob' });
      expect(textOf(bob)).to.contain(`Meeting invite from Alice ${xss}`);
      expect(textOf(bob)).to.contain(`Message ${xss}`);
      expect(bob.shadowRoot!.querySelector('img, script, b')).to.equal(null);
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
      await expect(bob).to.be.accessible();
    });
  });

  describe('languages', () => {
    it('speaks German with German dates', async () => {
      const world = createWorld({ events: [proposal()] });
      const bob = await mountCard(world, { as: 'bob', locale: 'de-DE' });
      expect(accessibleName(getByRole(bob, 'heading'))).to.equal('Termineinladung von Alice');
      expect(accessibleName(getByRole(bob, 'radio', /10. März, 18:30–19:00/))).to.contain('Di., 10. März');
      expect(accessibleName(getByRole(bob, 'radio', /10. März, 18:30–19:00/))).to.contain('für Alice');
      expect(getByRole(bob, 'button', 'Annehmen')).to.be.instanceOf(HTMLElement);
      getByRole(bob, 'button', 'Ablehnen').click();
      await settle(bob);
      expect(getByRole(bob, 'button', 'Einladung ablehnen')).to.be.instanceOf(HTMLElement);
      await expect(bob).to.be.accessible();
    });

    it('speaks Arabic, right to left', async () => {
      const world = createWorld({ events: confirmedEvents(), now: '2026-03-10T13:05:00Z' });
      const bob = await mountCard(world, { as: 'bob', locale: 'ar-EG' });
      expect(bob.parentElement!.getAttribute('dir')).to.equal('rtl');
      expect(getComputedStyle(bob.shadowRoot!.querySelector('article')!).direction).to.equal('rtl');
      expect(getByRole(bob, 'button', 'انضمام')).to.be.instanceOf(HTMLElement);
      expect(getByRole(bob, 'button', 'إضافة إلى التقويم')).to.be.instanceOf(HTMLElement);
      expect(textOf(bob)).to.contain('قبلتَ');
      await expect(bob).to.be.accessible();
    });
  });
});
