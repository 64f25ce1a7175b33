/**
 * Provider faults, call by call: every provider call the elements make (Google
 * calendarList, freeBusy, events insert/patch/delete; Graph calendars, getSchedule,
 * events create/update/cancel) × { 401, 429 with Retry-After, 503, timeout, malformed
 * body }. For each: the element shows a clear state (error text, a Retry button), the
 * user's work is kept (the scheduler's draft; the card's accept), the provider saw a
 * bounded number of requests (the adapter's retries + 1 at most), and once the fault
 * clears and the user presses Retry, the calendar holds the meeting exactly once.
 *
 * Also here: a card whose accept loses the race to another invitee's says "This invite
 * was updated" (the UI end of test/server/concurrency.test.ts).
 */
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html, type TemplateResult } from 'lit';
import 'axe-core';
import type { CalendarConnection, Interval, MeetingEvent, ThreadAdapter } from '@meeting-scheduler/core';
import { localConnectionStore } from '@meeting-scheduler/adapters/connections';
import { googleCalendar } from '@meeting-scheduler/adapters/google';
import { microsoftCalendar } from '@meeting-scheduler/adapters/microsoft';
import type { MockFaults } from '@meeting-scheduler/adapters/mocks';
import { storedEvents } from '../../packages/elements/src/card/calendar-sync-controller.ts';
import { ALICE, BOB, CAROL, createWorld, memoryStorage, until, type World } from './world.ts';

// ---------------------------------------------------------------------------
// The adapters as a host would configure them, with short timings.

/** Retries after the first attempt; so a failing call is tried at most RETRIES + 1 times. */
const RETRIES = 2;
const TIMEOUT_MS = 120;
const STALL_MS = 300;

type Provider = 'google' | 'microsoft';

/** Each user's Microsoft account sits next to their Google one in the same mock store. */
const msEmail = (userId: string) => `${userId}@outlook.example`;
const msCalendar = (userId: string) => `AAMk-${userId}`;

function addMicrosoftAccounts(world: World): void {
  for (const p of world.participants) {
    world.calendarStore.addAccount({
      email: msEmail(p.id),
      token: `ms-${p.id}`,
      calendars: [{ id: msCalendar(p.id), name: 'Calendar', timeZone: p.timeZone }],
    });
  }
}

/** The one connection a user has, on `provider`; Graph reads the user's own address with getSchedule. */
function connectionFor(provider: Provider, userId: string, email: string): CalendarConnection {
  return provider === 'google'
    ? { id: `google-${userId}`, provider, accountLabel: email, conflictCalendarIds: [email], targetCalendarId: email }
    : { id: `microsoft-${userId}`, provider, accountLabel: msEmail(userId), conflictCalendarIds: [msEmail(userId)], targetCalendarId: msCalendar(userId) };
}

/** Where the user's meetings are written, and what is live there now. */
function calendarEntries(world: World, provider: Provider, userId: string, email: string) {
  const account = world.calendarStore.account(provider === 'google' ? email : msEmail(userId))!;
  return world.calendarStore.eventsOf(account, provider === 'google' ? email : msCalendar(userId));
}

async function mount<T extends Element>(world: World, provider: Provider, userId: string, template: TemplateResult): Promise<T> {
  const person = world.participants.find((p) => p.id === userId)!;
  const env = world.environment(userId);
  const connections = localConnectionStore({ storage: memoryStorage(), userId });
  await connections.save(connectionFor(provider, userId, person.email!));
  const opts = { fetch: world.fetch, retry: { retries: RETRIES, baseDelayMs: 1, maxDelayMs: 1000 }, timeoutMs: TIMEOUT_MS };
  const calendarFor = (c: CalendarConnection) =>
    c.provider === 'google'
      ? googleCalendar({ getAccessToken: async () => `tok-${userId}`, ...opts })
      : c.provider === 'microsoft'
        ? microsoftCalendar({ getAccessToken: async () => `ms-${userId}`, ...opts })
        : undefined;
  const host = await fixture(html`
    <meeting-provider
      .thread=${env.thread}
      .connections=${connections}
      .calendarFor=${calendarFor}
      .settings=${env.settings}
      .now=${env.now}
      locale="en-US"
      time-zone=${person.timeZone}
    >
      ${template}
    </meeting-provider>
  `);
  const el = host.firstElementChild as T & { updateComplete: Promise<boolean> };
  await el.updateComplete;
  return el;
}

// ---------------------------------------------------------------------------
// Queries by role and name inside an element's shadow root.

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

const SELECTORS: Record<string, string> = {
  button: 'button',
  alert: '[role=alert]',
  status: '[role=status]',
  radio: 'input[type=radio]',
  gridcell: '[role=gridcell]',
  textbox: 'textarea, input[type=text]',
  checkbox: 'input[type=checkbox]',
  listitem: 'li',
};

function nameOf(node: Element): string {
  const root = node.getRootNode() as ShadowRoot;
  const by = node.getAttribute('aria-labelledby');
  if (by) return squash(by.split(/\s+/).map((id) => root.getElementById(id)?.textContent).join(' '));
  const label = node.getAttribute('aria-label');
  if (label) return squash(label);
  if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) return squash([...(node.labels ?? [])].map((l) => l.textContent).join(' '));
  return squash(node.textContent);
}

function allByRole(el: Element, role: string, name?: string | RegExp): HTMLElement[] {
  const nodes = [...el.shadowRoot!.querySelectorAll<HTMLElement>(SELECTORS[role] ?? `[role=${role}]`)].filter((n) => n.getClientRects().length > 0);
  return name === undefined ? nodes : nodes.filter((n) => (typeof name === 'string' ? nameOf(n) === name : name.test(nameOf(n))));
}

function byRole<T extends HTMLElement = HTMLElement>(el: Element, role: string, name?: string | RegExp): T {
  const found = allByRole(el, role, name);
  if (found.length !== 1) throw new Error(`expected one ${role} named ${String(name)}, found ${found.length}: ${JSON.stringify(allByRole(el, role).map(nameOf))}`);
  return found[0] as T;
}

/** What is shown (the live region's text excluded). */
function textOf(el: Element): string {
  const parts: string[] = [];
  for (const child of el.shadowRoot!.children) {
    const clone = child.cloneNode(true) as Element;
    clone.querySelectorAll('[role=status].visually-hidden, style').forEach((n) => n.remove());
    parts.push(clone.textContent ?? '');
  }
  return squash(parts.join(' '));
}

const alertText = (el: Element) => allByRole(el, 'alert').map((a) => squash(a.textContent)).join(' | ');

// ---------------------------------------------------------------------------
// The faults

interface FaultCase {
  name: string;
  /** Queues the fault for every attempt a call makes (so the call fails). */
  arm(f: MockFaults): void;
  /** How many requests one failing call makes: the first, plus retries for what may be retried. */
  attempts: number;
  /** The error the element reports (for the card's and scheduler's `meeting-error` detail). */
  code: string;
}

const FAULTS: FaultCase[] = [
  { name: '401 (token revoked)', arm: (f) => f.unauthorizedNext(1), attempts: 1, code: 'provider-auth' },
  { name: '429 with Retry-After', arm: (f) => f.rateLimitNext(RETRIES + 1, '0.02'), attempts: RETRIES + 1, code: 'provider-rate-limited' },
  { name: '503', arm: (f) => f.failNext(RETRIES + 1, 503), attempts: RETRIES + 1, code: 'provider-unavailable' },
  { name: 'timeout', arm: (f) => f.stallNext(RETRIES + 1, STALL_MS), attempts: RETRIES + 1, code: 'network' },
  { name: 'malformed body', arm: (f) => f.malformedNext(1), attempts: 1, code: 'provider-unavailable' },
];

/** After a timeout the stalled requests still reach the provider: wait for them before judging the calendar. */
const lateArrivals = (fault: FaultCase) => new Promise((r) => setTimeout(r, fault.code === 'network' ? STALL_MS : 0));

/** Requests of one operation the mock saw, e.g. `POST /calendar/v3/freeBusy`. */
const seen = (world: World, call: RegExp) => world.faults.log.filter((l) => call.test(l)).length;

// ---------------------------------------------------------------------------
// A thread: Alice (New York) invites Bob (Kolkata) or Bob and Carol.

const O1: Interval = { start: '2026-03-10T13:00:00Z', end: '2026-03-10T13:30:00Z' };
const O2: Interval = { start: '2026-03-11T13:00:00Z', end: '2026-03-11T13:30:00Z' };

// Each test has its own meeting id: the card remembers the entries it wrote per user and
// meeting in localStorage, and a previous test's late writes must not leak into the next.
let meetingId = 'm0';
const newMeeting = () => (meetingId = `m${Number(meetingId.slice(1)) + 1}`);

const proposal = (invitees = ['bob']): MeetingEvent => ({
  type: 'proposed', id: 'e1', meetingId, by: 'alice', at: '2026-03-09T13:00:00Z', threadId: 't1', invitees, options: [O1, O2], durationMinutes: 30,
});
const acceptedBy = (by: string, option: Interval, sequence: number, id: string): MeetingEvent => ({
  type: 'accepted', id, meetingId, by, at: '2026-03-09T13:30:00Z', sequence, option,
});

interface Operation {
  provider: Provider;
  name: string;
  /** `METHOD /path` of the operation's requests. */
  call: RegExp;
  /** `a11y`: also run axe on the failure state (once per operation is enough). */
  run(fault: FaultCase, a11y: boolean): Promise<void>;
}

/** The card writes, moves and removes the meeting in Bob's calendar; faults hit one call. */
function cardOperations(provider: Provider, calls: { create: RegExp; update: RegExp; cancel: RegExp }): Operation[] {
  const label = provider === 'google' ? 'Google' : 'Outlook';
  const setup = () => {
    const world = createWorld({ events: [proposal()], unconnected: ['alice', 'bob'] });
    addMicrosoftAccounts(world);
    return world;
  };
  const entries = (world: World) => calendarEntries(world, provider, 'bob', BOB.email!);
  return [
    {
      provider,
      name: 'create (on accept)',
      call: calls.create,
      async run(fault, a11y) {
        const world = setup();
        const bob = await mount(world, provider, 'bob', html`<meeting-card meeting-id=${meetingId} thread-id="t1"></meeting-card>`);
        await until(() => !textOf(bob).includes('Checking your calendar'), 'the conflict check');
        world.faults.only(calls.create);
        fault.arm(world.faults);
        byRole(bob, 'radio', /Mar 10, 6:30 – 7:00 PM IST/).click();
        await (bob as unknown as { updateComplete: Promise<unknown> }).updateComplete;
        byRole(bob, 'button', 'Accept').click();
        await until(() => allByRole(bob, 'alert', new RegExp(`Couldn’t add to your ${label} calendar`)).length === 1, 'the failed write', 5000);
        expect(textOf(bob), 'the accept itself is kept and stored').to.contain('You accepted');
        expect((await world.threads.listEvents('t1')).map((e) => e.type)).to.deep.equal(['proposed', 'accepted']);
        expect(seen(world, calls.create), 'bounded retries').to.equal(fault.attempts);
        if (a11y) await expect(bob).to.be.accessible();

        await lateArrivals(fault); // a stalled request lands late: still one entry
        expect(entries(world).length, 'never more than one entry').to.be.at.most(1);
        byRole(bob, 'button', 'Retry').click();
        await until(() => allByRole(bob, 'alert').length === 0, 'the failure to go');
        await until(() => entries(world).length === 1 && allByRole(bob, 'status').some((s) => /Added to your/.test(s.textContent ?? '')), 'the retried write');
        expect(entries(world)[0]).to.include({ start: O1.start, end: O1.end });
      },
    },
    {
      provider,
      name: 'update (a reschedule accepted again)',
      call: calls.update,
      async run(fault, a11y) {
        const world = setup();
        await world.threads.as('bob').appendEvent('t1', acceptedBy('bob', O1, 0, 'e2'), { expectedSequence: 0 });
        const bob = await mount(world, provider, 'bob', html`<meeting-card meeting-id=${meetingId} thread-id="t1"></meeting-card>`);
        await until(() => entries(world).length === 1 && Object.keys(storedEvents.get('bob', meetingId)).length === 1, 'Bob’s entry for the confirmed time');
        const entryId = entries(world)[0]!.id;
        world.faults.only(calls.update);
        fault.arm(world.faults);
        await world.threads.as('alice').appendEvent(
          't1',
          { type: 'rescheduled', id: 'e3', meetingId, by: 'alice', at: '2026-03-09T14:00:00Z', sequence: 1, options: [O2] },
          { expectedSequence: 1 },
        );
        await world.threads.as('bob').appendEvent('t1', acceptedBy('bob', O2, 2, 'e4'), { expectedSequence: 2 });
        await until(() => allByRole(bob, 'alert', new RegExp(`Couldn’t add to your ${label} calendar`)).length === 1, 'the failed move', 5000);
        expect(textOf(bob)).to.contain('Wed, Mar 11');
        expect(seen(world, calls.update), 'bounded retries').to.equal(fault.attempts);
        if (a11y) await expect(bob).to.be.accessible();

        await lateArrivals(fault);
        byRole(bob, 'button', 'Retry').click();
        await until(() => allByRole(bob, 'alert').length === 0 && entries(world)[0]?.start === O2.start, 'the retried move');
        expect(entries(world).map((e) => e.id), 'moved, not added').to.deep.equal([entryId]);
      },
    },
    {
      provider,
      name: 'cancel (the meeting is cancelled)',
      call: calls.cancel,
      async run(fault, a11y) {
        const world = setup();
        await world.threads.as('bob').appendEvent('t1', acceptedBy('bob', O1, 0, 'e2'), { expectedSequence: 0 });
        const bob = await mount(world, provider, 'bob', html`<meeting-card meeting-id=${meetingId} thread-id="t1"></meeting-card>`);
        await until(() => entries(world).length === 1 && Object.keys(storedEvents.get('bob', meetingId)).length === 1, 'Bob’s entry for the confirmed time');
        world.faults.only(calls.cancel);
        fault.arm(world.faults);
        await world.threads.as('alice').appendEvent(
          't1',
          { type: 'cancelled', id: 'e3', meetingId, by: 'alice', at: '2026-03-09T14:00:00Z', sequence: 1, reason: 'Client moved it' },
          { expectedSequence: 1 },
        );
        await until(() => allByRole(bob, 'alert', new RegExp(`Couldn’t remove it from your ${label} calendar`)).length === 1, 'the failed removal', 5000);
        expect(textOf(bob)).to.contain('Cancelled by Alice');
        expect(seen(world, calls.cancel), 'bounded retries').to.equal(fault.attempts);
        if (a11y) await expect(bob).to.be.accessible();

        await lateArrivals(fault);
        byRole(bob, 'button', 'Retry').click();
        await until(() => allByRole(bob, 'alert').length === 0 && entries(world).length === 0, 'the retried removal');
      },
    },
  ];
}

/** The scheduler's availability: the draft (times, length, message) survives the failure and is sent once. */
function availabilityOperation(provider: Provider, call: RegExp): Operation {
  return {
    provider,
    name: provider === 'google' ? 'freeBusy (availability)' : 'getSchedule (availability)',
    call,
    async run(fault, a11y) {
      const world = createWorld({ unconnected: ['alice', 'bob'] });
      addMicrosoftAccounts(world);
      const el = await mount(world, provider, 'alice', html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`);
      const settled = () =>
        until(() => {
          const grid = el.shadowRoot!.querySelector('[role="grid"]');
          return grid?.getAttribute('aria-busy') === 'false' && squash(el.shadowRoot!.querySelector('.load-status')?.textContent) === '';
        }, 'availability');
      await settled();
      byRole(el, 'gridcell', /^Wednesday, March 11, 11:00 – 11:30 AM EDT/).click();
      byRole<HTMLTextAreaElement>(el, 'textbox', 'Message (optional)').focus();
      await sendKeys({ type: 'Logo drafts' });
      const errors: string[] = [];
      el.addEventListener('meeting-error', (e) => errors.push((e as Event & { error: { code: string } }).error.code));

      world.faults.only(call);
      fault.arm(world.faults);
      const before = seen(world, call);
      byRole(el, 'button', 'Next week').click();
      await until(() => /Your availability could not be loaded/.test(alertText(el)), 'the availability error', 5000);
      expect(seen(world, call) - before, 'bounded retries').to.equal(fault.attempts);
      expect(errors).to.deep.equal([fault.code]);
      expect(allByRole(el, 'listitem').map((li) => squash(li.textContent)).join()).to.contain('Wed, Mar 11, 11:00 – 11:30 AM EDT');
      expect(byRole<HTMLTextAreaElement>(el, 'textbox', 'Message (optional)').value).to.equal('Logo drafts');
      if (a11y) await expect(el).to.be.accessible();

      byRole(el, 'button', 'Retry').click();
      await settled();
      expect(allByRole(el, 'alert')).to.have.length(0);
      byRole(el, 'button', 'Send invite').click();
      await until(async () => (await world.threads.listEvents('t1')).length === 1, 'the invite');
      await new Promise((r) => setTimeout(r, 50));
      const stored = await world.threads.listEvents('t1');
      expect(stored.map((e) => e.type)).to.deep.equal(['proposed']);
      expect(stored[0]).to.deep.include({ message: 'Logo drafts', options: [{ start: '2026-03-11T15:00:00Z', end: '2026-03-11T15:30:00Z' }] });
    },
  };
}

/** Manage calendars: the account stays connected and says why its calendars are missing. */
function calendarListOperation(provider: Provider, call: RegExp): Operation {
  return {
    provider,
    name: provider === 'google' ? 'calendarList (Manage calendars)' : 'calendars (Manage calendars)',
    call,
    async run(fault, a11y) {
      const world = createWorld({ unconnected: ['alice', 'bob'] });
      addMicrosoftAccounts(world);
      world.faults.only(call);
      fault.arm(world.faults);
      const account = provider === 'google' ? ALICE.email! : msEmail('alice');
      const el = await mount(world, provider, 'alice', html`<meeting-settings></meeting-settings>`);
      const retry = () => allByRole(el, 'button', `Retry loading ${account}`);
      await until(() => retry().length === 1, 'the failed calendar list', 5000);
      const expected = fault.code === 'provider-auth' ? 'This account needs to be connected again' : 'Couldn’t load this account’s calendars';
      expect(textOf(el)).to.contain(expected);
      expect(textOf(el), 'the connection is kept').to.contain(account);
      expect(seen(world, call), 'bounded retries').to.equal(fault.attempts);
      if (a11y) await expect(el).to.be.accessible();

      retry()[0]!.click();
      await until(() => retry().length === 0 && allByRole(el, 'checkbox', /^Count for conflicts/).length > 0, 'the calendars');
      expect(textOf(el)).not.to.contain(expected);
      expect(seen(world, call)).to.equal(fault.attempts + 1);
    },
  };
}

const GOOGLE = '/calendar/v3';
const GRAPH = '/v1.0';
const OPERATIONS: Operation[] = [
  calendarListOperation('google', new RegExp(`^GET ${GOOGLE}/users/me/calendarList$`)),
  availabilityOperation('google', new RegExp(`^POST ${GOOGLE}/freeBusy$`)),
  ...cardOperations('google', {
    create: new RegExp(`^POST ${GOOGLE}/calendars/[^/]+/events$`),
    update: new RegExp(`^PATCH ${GOOGLE}/calendars/[^/]+/events/[^/]+$`),
    cancel: new RegExp(`^DELETE ${GOOGLE}/calendars/[^/]+/events/[^/]+$`),
  }),
  calendarListOperation('microsoft', new RegExp(`^GET ${GRAPH}/me/calendars$`)),
  availabilityOperation('microsoft', new RegExp(`^POST ${GRAPH}/me/calendar/getSchedule$`)),
  ...cardOperations('microsoft', {
    create: new RegExp(`^POST ${GRAPH}/me/calendars/[^/]+/events$`),
    update: new RegExp(`^PATCH ${GRAPH}/me/events/[^/]+$`),
    cancel: new RegExp(`^POST ${GRAPH}/me/events/[^/]+/cancel$`),
  }),
];

// ---------------------------------------------------------------------------

beforeEach(() => {
  newMeeting();
  localStorage.clear();
});

describe('provider faults', () => {
  for (const op of OPERATIONS) {
    describe(`${op.provider} ${op.name}`, () => {
      for (const [i, fault] of FAULTS.entries()) {
        it(`${fault.name}: says so, keeps the work, retries at most ${fault.attempts} time(s), and Retry finishes it once`, async () => {
          await op.run(fault, i === 0);
        });
      }
    });
  }
});

describe('racing accepts in the card', () => {
  it('an accept that loses the race to another invitee says “This invite was updated” and takes back its calendar entry', async () => {
    const world = createWorld({ participants: [ALICE, BOB, CAROL], events: [proposal(['bob', 'carol'])], unconnected: ['alice', 'carol'] });
    const bobView = world.threads.as('bob');
    // Bob's tab missed the live update (asleep, or its stream was down): it still shows the open invite.
    const asleep: ThreadAdapter = {
      getThread: (id, o) => bobView.getThread(id, o),
      listEvents: (id, o) => bobView.listEvents(id, o),
      appendEvent: (id, e, o) => bobView.appendEvent(id, e, o),
    };
    const env = world.environment('bob');
    const host = await fixture(html`
      <meeting-provider .thread=${asleep} .connections=${env.connections} .calendarFor=${env.calendarFor} .now=${env.now} locale="en-US" time-zone="Asia/Kolkata">
        <meeting-card meeting-id=${meetingId} thread-id="t1"></meeting-card>
      </meeting-provider>
    `);
    const bob = host.firstElementChild as HTMLElement & { updateComplete: Promise<unknown> };
    await until(() => !textOf(bob).includes('Checking your calendar'), 'the conflict check');
    await world.threads.as('carol').appendEvent('t1', acceptedBy('carol', O2, 0, 'carol-accept'), { expectedSequence: 0 });

    byRole(bob, 'radio', /Mar 10, 6:30 – 7:00 PM IST/).click();
    await bob.updateComplete;
    byRole(bob, 'button', 'Accept').click();
    await until(() => allByRole(bob, 'alert', /This invite was updated/).length === 1, 'the stale notice');
    await until(() => textOf(bob).includes('Wed, Mar 11'), 'the confirmed time Carol chose');
    expect(textOf(bob)).not.to.contain('You accepted');
    const stored = await world.threads.listEvents('t1');
    expect(stored.filter((e) => e.type === 'accepted').map((e) => e.by)).to.deep.equal(['carol']);
    // Bob is still attending the confirmed meeting: his calendar ends with exactly the confirmed entry.
    await until(
      () => {
        const live = world.calendarStore.eventsOf(world.calendarStore.account(BOB.email!)!, BOB.email!);
        return live.length === 1 && live[0]!.start === O2.start;
      },
      'Bob’s calendar to hold the confirmed time once',
    );
    await expect(bob).to.be.accessible();
  });
});

describe('calendar writes that overlap', () => {
  it('a new time confirmed while the first calendar entry is still being written moves that entry instead of adding a second', async () => {
    newMeeting();
    const world = createWorld({ events: [proposal(), acceptedBy('bob', O1, 0, 'a1')], unconnected: ['alice'] });
    // Google takes its time creating Bob's entry for the first time…
    world.faults.only(/^POST .*\/events/).stallNext(1, STALL_MS * 2);
    const card = await world.mount<HTMLElement & { updateComplete: Promise<unknown> }>(
      html`<meeting-card meeting-id=${meetingId} thread-id="t1"></meeting-card>`,
      { as: 'bob' },
    );
    await until(() => seen(world, /^POST .*\/events/) === 1, 'the first create to be under way');
    // …and meanwhile Alice moves the meeting and Bob accepts the new time.
    await world.threads.as('alice').appendEvent('t1', { type: 'rescheduled', id: 'r1', meetingId, by: 'alice', at: '2026-03-09T14:00:00Z', sequence: 1, options: [O2] }, { expectedSequence: 1 });
    await world.threads.as('bob').appendEvent('t1', acceptedBy('bob', O2, 2, 'a2'), { expectedSequence: 2 });
    await until(() => textOf(card).includes('Wed, Mar 11'), 'the card to show the new time');
    await until(
      () => {
        const entries = calendarEntries(world, 'google', 'bob', BOB.email!);
        return entries.length === 1 && entries[0]!.start === O2.start;
      },
      'Bob’s calendar to hold one entry, at the new time',
      STALL_MS * 10,
    );
    // Settled: still one entry, moved rather than created twice.
    await new Promise((r) => setTimeout(r, STALL_MS));
    expect(calendarEntries(world, 'google', 'bob', BOB.email!).map((e) => e.start)).to.deep.equal([O2.start]);
    expect(seen(world, /^POST .*\/events/)).to.equal(1);
  });
});
