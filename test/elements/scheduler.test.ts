import { aTimeout, expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html, type TemplateResult } from 'lit';
import 'axe-core';
import { DEFAULT_NOTIFICATION_PREFERENCES, SchedulerError, type BusyInterval, type MeetingEvent, type Participant, type ProposedEvent } from '@meeting-scheduler/core';
import type { MemoryThread } from '@meeting-scheduler/adapters/memory';
import type { MeetingScheduler } from '../../packages/elements/src/scheduler/meeting-scheduler.ts';
import { zonedMidnight } from '../../packages/elements/src/scheduler/zoned-time.ts';
import type { MeetingSendRequestEvent, MeetingSentEvent } from '../../packages/elements/src/events.ts';
import { ALICE, BOB, CAROL, createWorld, until, type CalendarSeed, type World } from './world.ts';

// ── finding things the way people do: by role and accessible name ─────────

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

const IMPLICIT_ROLES: Record<string, string> = {
  BUTTON: 'button',
  DIALOG: 'dialog',
  TEXTAREA: 'textbox',
  H2: 'heading',
  H3: 'heading',
  UL: 'list',
  LI: 'listitem',
  FIELDSET: 'group',
  SECTION: 'region',
};

function roleOf(node: Element): string | undefined {
  const explicit = node.getAttribute('role');
  if (explicit) return explicit;
  if (node instanceof HTMLInputElement) {
    return { checkbox: 'checkbox', radio: 'radio', number: 'spinbutton', text: 'textbox' }[node.type];
  }
  return IMPLICIT_ROLES[node.tagName];
}

function nameOf(node: Element): string {
  const label = node.getAttribute('aria-label');
  if (label) return norm(label);
  const by = node.getAttribute('aria-labelledby');
  const root = node.getRootNode() as ShadowRoot | Document;
  if (by) return norm(by.split(/\s+/).map((id) => root.getElementById(id)?.textContent ?? '').join(' '));
  if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) {
    return norm(node.closest('label')?.textContent ?? [...(node.labels ?? [])].map((l) => l.textContent).join(' '));
  }
  return norm(node.textContent);
}

function everything(el: Element): Element[] {
  return [...el.shadowRoot!.querySelectorAll('*')];
}

function allByRole(el: Element, role: string, name?: string | RegExp): HTMLElement[] {
  return everything(el).filter((n): n is HTMLElement => {
    if (roleOf(n) !== role) return false;
    if (name === undefined) return true;
    const actual = nameOf(n);
    return typeof name === 'string' ? actual === name : name.test(actual);
  });
}

function byRole(el: Element, role: string, name?: string | RegExp): HTMLElement {
  const found = allByRole(el, role, name);
  if (found.length === 0) throw new Error(`no ${role} named ${String(name)}; have: ${allByRole(el, role).map(nameOf).slice(0, 20).join(' | ')}`);
  return found[0]!;
}

/** The grid cell whose name starts with `prefix` (date, time and zone). */
function cell(el: Element, prefix: string): HTMLElement {
  const found = allByRole(el, 'gridcell').find((c) => nameOf(c).startsWith(prefix));
  if (!found) throw new Error(`no cell "${prefix}…"; e.g. ${allByRole(el, 'gridcell').slice(0, 3).map(nameOf).join(' | ')}`);
  return found;
}

const focused = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;
const text = (el: Element) => norm(el.shadowRoot!.textContent);
const chips = (el: Element) => allByRole(el, 'listitem').map((li) => norm(li.textContent));

// ── mounting ────────────────────────────────────────────────────────────────

type Env = ReturnType<World['environment']>;

interface MountOptions {
  as?: string;
  timeZone?: string;
  locale?: string;
  /** Runs on the user's environment before the element appears (seed settings, add connections). */
  prepare?: (env: Env) => Promise<void> | void;
}

async function mount(world: World, template: TemplateResult, o: MountOptions = {}) {
  const userId = o.as ?? world.participants[0]!.id;
  const env = world.environment(userId);
  await o.prepare?.(env);
  const person = world.participants.find((p) => p.id === userId);
  const provider = await fixture(html`
    <meeting-provider
      .thread=${env.thread}
      .connections=${env.connections}
      .calendarFor=${env.calendarFor}
      .settings=${env.settings}
      .now=${env.now}
      locale=${o.locale ?? 'en-US'}
      time-zone=${o.timeZone ?? person?.timeZone ?? 'UTC'}
    >
      ${template}
    </meeting-provider>
  `);
  const el = provider.firstElementChild as MeetingScheduler;
  await el.updateComplete;
  return { el, env, provider: provider as HTMLElement, thread: env.thread as MemoryThread };
}

/** Waits until the thread and the availability of the week shown are loaded. */
async function settled(el: MeetingScheduler): Promise<void> {
  await until(() => {
    const grid = el.shadowRoot!.querySelector('[role="grid"]');
    const status = el.shadowRoot!.querySelector('.load-status');
    return grid?.getAttribute('aria-busy') === 'false' && norm(status?.textContent) === '' && !/Loading the conversation/.test(text(el));
  }, 'availability and thread');
  await el.updateComplete;
}

/** Waits until the thread holds `count` events. */
async function stored(world: World, count: number): Promise<MeetingEvent[]> {
  const started = performance.now();
  for (;;) {
    const events = await world.threads.listEvents('t1');
    if (events.length >= count) return events;
    if (performance.now() - started > 3000) throw new Error(`timed out waiting for ${count} stored events (have ${events.length})`);
    await aTimeout(10);
  }
}

async function click(el: MeetingScheduler, target: HTMLElement): Promise<void> {
  target.click();
  await el.updateComplete;
}

async function press(el: MeetingScheduler, key: string): Promise<void> {
  await sendKeys({ press: key });
  await el.updateComplete;
  await el.updateComplete;
}

/** Alice's calendar: a design review on Tuesday 9:00–10:00 New York time. */
const DESIGN_REVIEW: CalendarSeed = [{ summary: 'Design review', start: '2026-03-10T13:00:00Z', end: '2026-03-10T14:00:00Z' }];

/** A Microsoft connection to the same mock account: Graph's calendarView reports event titles, Google's freeBusy does not. */
const withOutlook = (email: string) => async (env: Env) => {
  await env.connections!.save({
    id: `ms-${email}`,
    provider: 'microsoft',
    accountLabel: email,
    conflictCalendarIds: [email],
  });
};

// ── tests ─────────────────────────────────────────────────────────────────

describe('<meeting-scheduler>', () => {
  it('opens from the "Schedule a meeting" button and restores focus on close (mouse and keyboard)', async () => {
    const world = createWorld();
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1"></meeting-scheduler>`);
    const trigger = byRole(el, 'button', 'Schedule a meeting');
    expect(trigger.querySelector('svg')?.getAttribute('aria-hidden')).to.equal('true');
    const dialog = byRole(el, 'dialog');
    expect((dialog as HTMLDialogElement).open).to.equal(false);

    // mouse
    await click(el, trigger);
    expect((dialog as HTMLDialogElement).open).to.equal(true);
    expect(el.open).to.equal(true);
    expect(el.hasAttribute('open')).to.equal(true);
    expect(nameOf(dialog)).to.equal('Schedule a meeting');
    expect(dialog.contains(focused(el))).to.equal(true);
    await click(el, byRole(el, 'button', 'Close'));
    await until(() => focused(el) === trigger, 'focus back on the trigger');
    expect((dialog as HTMLDialogElement).open).to.equal(false);
    expect(el.hasAttribute('open')).to.equal(false);

    // keyboard
    trigger.focus();
    await press(el, 'Enter');
    expect((dialog as HTMLDialogElement).open).to.equal(true);
    expect(dialog.contains(focused(el))).to.equal(true);
    await press(el, 'Escape');
    await until(() => !el.open && focused(el) === trigger, 'closed by Escape with focus restored');

    // host API
    el.show();
    await el.updateComplete;
    expect((dialog as HTMLDialogElement).open).to.equal(true);
    el.close();
    await el.updateComplete;
    expect((dialog as HTMLDialogElement).open).to.equal(false);
  });

  it('inline renders the panel in place, without a trigger or dialog', async () => {
    const world = createWorld();
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`);
    await settled(el);
    expect(allByRole(el, 'dialog')).to.have.length(0);
    expect(allByRole(el, 'button', 'Schedule a meeting')).to.have.length(0);
    expect(byRole(el, 'heading', 'Schedule a meeting')).to.be.instanceOf(HTMLElement);
    expect(byRole(el, 'grid')).to.be.instanceOf(HTMLElement);
    expect(text(el)).to.contain('Inviting Bob');
    await expect(el).to.be.accessible();
  });

  it('length presets and a custom length change the slots and drop selections that no longer fit', async () => {
    const world = createWorld({ calendars: { alice: [{ summary: 'Standup', start: '2026-03-10T14:00:00Z', end: '2026-03-10T15:00:00Z' }] } });
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`);
    await settled(el);
    expect((byRole(el, 'radio', '30 min') as HTMLInputElement).checked).to.equal(true);
    expect(allByRole(el, 'radio').map(nameOf)).to.deep.equal(['15 min', '30 min', '45 min', '60 min', '90 min']);

    await click(el, cell(el, 'Tuesday, March 10, 9:30 – 10:00 AM EDT'));
    await click(el, cell(el, 'Tuesday, March 10, 11:00 – 11:30 AM EDT'));
    expect(chips(el)).to.have.length(2);

    // 60 minutes from 9:30 runs into the 10:00 busy hour: that choice goes, 11:00 stays.
    await click(el, byRole(el, 'radio', '60 min'));
    await settled(el);
    expect(el.duration).to.equal(60);
    expect(chips(el)).to.have.length(1);
    expect(chips(el)[0]).to.contain('11:00 AM – 12:00 PM');
    expect(nameOf(cell(el, 'Tuesday, March 10, 8:00 – 9:00 AM EDT'))).to.match(/available$/);
    expect(cell(el, 'Tuesday, March 10, 9:30 – 10:30 AM EDT').getAttribute('aria-disabled')).to.equal('true');

    // keyboard on the radio group
    (byRole(el, 'radio', '60 min') as HTMLInputElement).focus();
    await press(el, 'ArrowRight');
    expect(el.duration).to.equal(90);

    // a custom length, typed
    const custom = byRole(el, 'spinbutton', /Custom length/) as HTMLInputElement;
    // Typed value committed on change (sendKeys typing into number inputs is unreliable when the page is not focused).
    custom.focus();
    custom.value = '50';
    custom.dispatchEvent(new Event('change'));
    await settled(el);
    expect(el.duration).to.equal(50);
    expect(cell(el, 'Tuesday, March 10, 8:00 – 8:50 AM EDT')).to.be.instanceOf(HTMLElement);
    expect(allByRole(el, 'radio').some((r) => (r as HTMLInputElement).checked)).to.equal(false);

    // out of range: refused and marked invalid
    custom.value = '600';
    custom.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.duration).to.equal(50);
    expect(custom.getAttribute('aria-invalid')).to.equal('true');
  });

  it('previous week, next week and today move the week shown', async () => {
    const world = createWorld();
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`);
    await settled(el);
    const heading = () => norm(el.shadowRoot!.getElementById('week-heading')!.textContent);
    expect(heading()).to.equal('Mar 8 – 14, 2026');
    const today = el.shadowRoot!.querySelector('[role="columnheader"][aria-current="date"]');
    expect(norm(today?.textContent)).to.equal('Mon 9');

    await click(el, byRole(el, 'button', 'Next week'));
    expect(heading()).to.equal('Mar 15 – 21, 2026');
    expect(el.shadowRoot!.querySelector('[aria-current="date"]')).to.equal(null);
    await settled(el);
    expect(cell(el, 'Monday, March 16, 9:00 – 9:30 AM EDT')).to.be.instanceOf(HTMLElement);

    await click(el, byRole(el, 'button', 'Today'));
    expect(heading()).to.equal('Mar 8 – 14, 2026');
    await settled(el);

    // while the calendars answer, the week says it is loading
    world.faults.slow(300);
    await click(el, byRole(el, 'button', 'Next week'));
    expect(byRole(el, 'grid').getAttribute('aria-busy')).to.equal('true');
    expect(allByRole(el, 'status').some((s) => norm(s.textContent) === 'Loading availability…')).to.equal(true);
    await settled(el);
    world.faults.reset();
    await click(el, byRole(el, 'button', 'Today'));

    byRole(el, 'button', 'Previous week').focus();
    await press(el, 'Enter');
    expect(heading()).to.equal('Mar 1 – 7, 2026');
    await press(el, 'Space');
    expect(heading()).to.equal('Feb 22 – 28, 2026');
  });

  it('a busy time is disabled with the calendar entry as reason, shown on hover and focus', async () => {
    const world = createWorld({ calendars: { alice: DESIGN_REVIEW } });
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`, { prepare: withOutlook(ALICE.email!) });
    await settled(el);
    const busy = cell(el, 'Tuesday, March 10, 9:00 – 9:30 AM EDT');
    expect(nameOf(busy)).to.equal('Tuesday, March 10, 9:00 – 9:30 AM EDT, Busy: Design review');
    expect(busy.getAttribute('aria-disabled')).to.equal('true');
    expect(nameOf(cell(el, 'Tuesday, March 10, 9:30 – 10:00 AM EDT'))).to.match(/Busy: Design review$/);
    expect(nameOf(cell(el, 'Tuesday, March 10, 10:00 – 10:30 AM EDT'))).to.match(/available$/);

    await click(el, busy);
    expect(busy.getAttribute('aria-selected')).to.equal('false');
    expect(chips(el)).to.have.length(0);

    busy.dispatchEvent(new MouseEvent('mouseenter'));
    await el.updateComplete;
    expect(norm(el.shadowRoot!.querySelector('.hint')!.textContent)).to.contain('Busy: Design review');

    const free = cell(el, 'Tuesday, March 10, 10:00 – 10:30 AM EDT');
    free.focus();
    await el.updateComplete;
    expect(norm(el.shadowRoot!.querySelector('.hint')!.textContent)).to.contain('10:00 – 10:30 AM EDT, available');
    await press(el, 'ArrowUp');
    expect(nameOf(focused(el)!)).to.contain('Busy: Design review');
    expect(norm(el.shadowRoot!.querySelector('.hint')!.textContent)).to.contain('Busy: Design review');
    await press(el, 'Enter');
    expect(chips(el)).to.have.length(0);
  });

  it('a Google calendar (free/busy without titles) still blocks the time, reason "Busy"', async () => {
    const world = createWorld({ calendars: { alice: DESIGN_REVIEW } });
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`);
    await settled(el);
    expect(nameOf(cell(el, 'Tuesday, March 10, 9:00 – 9:30 AM EDT'))).to.equal('Tuesday, March 10, 9:00 – 9:30 AM EDT, Busy');
  });

  it('times outside the viewer’s working hours are disabled with that reason', async () => {
    const world = createWorld();
    const nineToFive = [{ start: '09:00', end: '17:00' }];
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`, {
      prepare: (env) =>
        env.settings!.save({
          notifications: DEFAULT_NOTIFICATION_PREFERENCES,
          workingHours: { timeZone: 'America/New_York', weekly: { 1: nineToFive, 2: nineToFive, 3: nineToFive, 4: nineToFive, 5: nineToFive } },
        }),
    });
    await settled(el);
    const early = cell(el, 'Tuesday, March 10, 8:30 – 9:00 AM EDT');
    expect(nameOf(early)).to.match(/Outside your working hours$/);
    expect(early.getAttribute('aria-disabled')).to.equal('true');
    expect(nameOf(cell(el, 'Tuesday, March 10, 4:30 – 5:00 PM EDT'))).to.match(/available$/);
    expect(nameOf(cell(el, 'Tuesday, March 10, 5:00 – 5:30 PM EDT'))).to.match(/Outside your working hours$/);
    expect(nameOf(cell(el, 'Saturday, March 14, 11:00 – 11:30 AM EDT'))).to.match(/Outside your working hours$/);
    await click(el, early);
    expect(chips(el)).to.have.length(0);
  });

  it('times before now are disabled', async () => {
    const world = createWorld(); // now: Monday 9 March, 10:00 New York
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`);
    await settled(el);
    const past = cell(el, 'Monday, March 9, 9:30 – 10:00 AM EDT');
    expect(nameOf(past)).to.match(/In the past$/);
    expect(past.getAttribute('aria-disabled')).to.equal('true');
    expect(nameOf(cell(el, 'Sunday, March 8, 3:00 – 3:30 PM EDT'))).to.match(/In the past$/);
    expect(nameOf(cell(el, 'Monday, March 9, 10:00 – 10:30 AM EDT'))).to.match(/available$/);
    await click(el, past);
    expect(chips(el)).to.have.length(0);
  });

  it('the week is one keyboard grid: arrows, Home/End, PageDown, and Space selects', async () => {
    const world = createWorld();
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`);
    await settled(el);
    const grid = byRole(el, 'grid');
    expect(grid.getAttribute('aria-multiselectable')).to.equal('true');
    const stops = allByRole(el, 'gridcell').filter((c) => c.tabIndex === 0);
    expect(stops).to.have.length(1);
    // The tab stop starts at today's first time still ahead.
    expect(nameOf(stops[0]!)).to.equal('Monday, March 9, 10:00 – 10:30 AM EDT, available');
    stops[0]!.focus();

    await press(el, 'ArrowDown');
    expect(nameOf(focused(el)!)).to.match(/^Monday, March 9, 10:30 – 11:00 AM EDT/);
    await press(el, 'ArrowRight');
    expect(nameOf(focused(el)!)).to.match(/^Tuesday, March 10, 10:30 – 11:00 AM EDT/);
    await press(el, 'ArrowLeft');
    await press(el, 'ArrowLeft');
    expect(nameOf(focused(el)!)).to.match(/^Sunday, March 8, 10:30 – 11:00 AM EDT/);
    await press(el, 'ArrowRight');
    await press(el, 'Home');
    expect(nameOf(focused(el)!)).to.match(/^Monday, March 9, 7:00 – 7:30 AM EDT/);
    await press(el, 'End');
    expect(nameOf(focused(el)!)).to.match(/^Monday, March 9, 8:30 – 9:00 PM EDT/);
    await press(el, 'ArrowUp');
    await press(el, 'PageDown');
    expect(nameOf(focused(el)!)).to.match(/^Monday, March 16, 8:00 – 8:30 PM EDT/);
    expect(norm(el.shadowRoot!.getElementById('week-heading')!.textContent)).to.equal('Mar 15 – 21, 2026');
    expect(allByRole(el, 'gridcell').filter((c) => c.tabIndex === 0)).to.have.length(1);

    await press(el, 'Space');
    expect(focused(el)!.getAttribute('aria-selected')).to.equal('true');
    expect(nameOf(focused(el)!)).to.match(/selected$/);
    expect(chips(el)[0]).to.contain('Mon, Mar 16, 8:00 – 8:30 PM EDT');
    await press(el, 'Enter');
    expect(focused(el)!.getAttribute('aria-selected')).to.equal('false');
    expect(chips(el)).to.have.length(0);

    await press(el, 'PageUp');
    expect(nameOf(focused(el)!)).to.match(/^Monday, March 9, 8:00 – 8:30 PM EDT/);
    // Right from the last day goes on into the next week.
    for (let i = 0; i < 6; i++) await press(el, 'ArrowRight');
    expect(nameOf(focused(el)!)).to.match(/^Sunday, March 15, 8:00 – 8:30 PM EDT/);
  });

  it('selected times are chips with both zones; Delete or the × button removes one', async () => {
    const world = createWorld();
    const selections: number[] = [];
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1" inline @meeting-selection-change=${(e: Event & { slots: unknown[] }) => selections.push(e.slots.length)}></meeting-scheduler>`);
    await settled(el);
    await click(el, cell(el, 'Tuesday, March 10, 9:00 – 9:30 AM EDT'));
    await click(el, cell(el, 'Wednesday, March 11, 11:00 – 11:30 AM EDT'));
    expect(chips(el)).to.deep.equal([
      'Tue, Mar 10, 9:00 – 9:30 AM EDT 6:30 – 7:00 PM IST for Bob',
      'Wed, Mar 11, 11:00 – 11:30 AM EDT 8:30 – 9:00 PM IST for Bob',
    ]);
    expect(selections).to.deep.equal([1, 2]);

    const remove = byRole(el, 'button', 'Remove Tue, Mar 10, 9:00 – 9:30 AM EDT');
    remove.focus();
    await press(el, 'Delete');
    expect(chips(el)).to.have.length(1);
    expect(chips(el)[0]).to.contain('Wed, Mar 11');
    // focus stays in the list, on the next remaining chip
    expect(nameOf(focused(el)!)).to.equal('Remove Wed, Mar 11, 11:00 – 11:30 AM EDT');
    expect(cell(el, 'Tuesday, March 10, 9:00 – 9:30 AM EDT').getAttribute('aria-selected')).to.equal('false');

    await click(el, byRole(el, 'button', 'Remove Wed, Mar 11, 11:00 – 11:30 AM EDT'));
    expect(chips(el)).to.have.length(0);
    expect(selections).to.deep.equal([1, 2, 1, 0]);
  });

  it('a group thread shows a checkbox per invitee, all checked, and invites only the checked ones', async () => {
    const world = createWorld({ participants: [ALICE, BOB, CAROL] });
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`);
    await settled(el);
    const boxes = allByRole(el, 'checkbox') as HTMLInputElement[];
    expect(boxes.map(nameOf)).to.deep.equal(['Bob', 'Carol']);
    expect(boxes.every((b) => b.checked)).to.equal(true);
    expect(nameOf(byRole(el, 'group', /Invite/))).to.contain('Invite');
    // No way to add anyone else.
    expect(allByRole(el, 'textbox').map(nameOf)).to.deep.equal(['Title (optional)', 'Message (optional)']);

    await click(el, cell(el, 'Tuesday, March 10, 9:00 – 9:30 AM EDT'));
    expect(chips(el)[0]).to.contain('6:30 – 7:00 PM IST for Bob');
    expect(chips(el)[0]).to.contain('2:00 – 2:30 PM CET for Carol');

    // keyboard: Space unchecks Carol
    boxes[1]!.focus();
    await press(el, 'Space');
    expect(boxes[1]!.checked).to.equal(false);
    expect(chips(el)[0]).not.to.contain('Carol');

    await click(el, byRole(el, 'button', 'Send invite'));
    const [proposed] = (await stored(world, 1)) as ProposedEvent[];
    expect(proposed!.invitees).to.deep.equal(['bob']);

    // after sending, the next draft invites everyone again; unchecking everyone disables Send
    expect(boxes.every((b) => b.checked)).to.equal(true);
    await click(el, cell(el, 'Tuesday, March 10, 10:00 – 10:30 AM EDT'));
    expect((byRole(el, 'button', 'Send invite') as HTMLButtonElement).disabled).to.equal(false);
    await click(el, boxes[0]!);
    await click(el, boxes[1]!);
    expect((byRole(el, 'button', 'Send invite') as HTMLButtonElement).disabled).to.equal(true);
  });

  it('sending stores exactly one proposed event, even on a double click, and closes with "Invite sent"', async () => {
    const world = createWorld();
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1"></meeting-scheduler>`);
    const sent: MeetingSentEvent[] = [];
    const requests: MeetingSendRequestEvent[] = [];
    el.addEventListener('meeting-sent', (e) => sent.push(e));
    el.addEventListener('meeting-send-request', (e) => requests.push(e));
    const trigger = byRole(el, 'button', 'Schedule a meeting');
    await click(el, trigger);
    await settled(el);
    const send = byRole(el, 'button', 'Send invite') as HTMLButtonElement;
    expect(send.disabled).to.equal(true);

    // picked in reverse order: stored sorted
    await click(el, cell(el, 'Wednesday, March 11, 11:00 – 11:30 AM EDT'));
    await click(el, cell(el, 'Tuesday, March 10, 9:00 – 9:30 AM EDT'));
    const title = byRole(el, 'textbox', 'Title (optional)') as HTMLInputElement;
    title.focus();
    await sendKeys({ type: 'Logo review' });
    const message = byRole(el, 'textbox', 'Message (optional)') as HTMLTextAreaElement;
    expect(message.maxLength).to.equal(1000);
    message.focus();
    await sendKeys({ type: 'Let us look at the drafts' });
    await el.updateComplete;
    expect(send.disabled).to.equal(false);

    send.click();
    send.click();
    send.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    await until(() => sent.length === 1, 'meeting-sent');
    await aTimeout(50);
    const events = await world.threads.listEvents('t1');
    expect(events).to.have.length(1);
    expect(requests).to.have.length(1);
    expect(sent).to.have.length(1);
    const e = events[0] as ProposedEvent;
    expect(e.type).to.equal('proposed');
    expect(e.by).to.equal('alice');
    expect(e.at).to.equal('2026-03-09T14:00:00Z');
    expect(e.threadId).to.equal('t1');
    expect(e.invitees).to.deep.equal(['bob']);
    expect(e.durationMinutes).to.equal(30);
    expect(e.title).to.equal('Logo review');
    expect(e.message).to.equal('Let us look at the drafts');
    expect(e.options).to.deep.equal([
      { start: '2026-03-10T13:00:00Z', end: '2026-03-10T13:30:00Z' },
      { start: '2026-03-11T15:00:00Z', end: '2026-03-11T15:30:00Z' },
    ]);
    expect(e.id).to.match(/^[0-9a-f-]{36}$/);
    expect(e.meetingId).to.match(/^[0-9a-f-]{36}$/);
    expect(e.meetingId).not.to.equal(e.id);

    await until(() => !el.open && focused(el) === trigger, 'dialog closed, focus on the trigger');
    await until(() => allByRole(el, 'status').some((s) => norm(s.textContent) === 'Invite sent'), 'announced');
    // the draft is reset for the next meeting
    await click(el, trigger);
    await settled(el);
    expect(chips(el)).to.have.length(0);
    expect((byRole(el, 'textbox', 'Message (optional)') as HTMLTextAreaElement).value).to.equal('');
  });

  it('a vetoed send request keeps the draft and stores nothing', async () => {
    const world = createWorld();
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1" inline @meeting-send-request=${(e: Event) => e.preventDefault()}></meeting-scheduler>`);
    await settled(el);
    await click(el, cell(el, 'Tuesday, March 10, 9:00 – 9:30 AM EDT'));
    const message = byRole(el, 'textbox', 'Message (optional)') as HTMLTextAreaElement;
    message.focus();
    await sendKeys({ type: 'Hello' });
    await click(el, byRole(el, 'button', 'Send invite'));
    await aTimeout(50);
    expect(await world.threads.listEvents('t1')).to.have.length(0);
    expect(chips(el)).to.have.length(1);
    expect(message.value).to.equal('Hello');
    expect((byRole(el, 'button', 'Send invite') as HTMLButtonElement).disabled).to.equal(false);
  });

  it('a failed send keeps the times, length and message, shows the error, and a retry sends', async () => {
    const world = createWorld();
    const { el, thread } = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`);
    await settled(el);
    await click(el, byRole(el, 'radio', '45 min'));
    await settled(el);
    await click(el, cell(el, 'Tuesday, March 10, 9:00 – 9:45 AM EDT'));
    const message = byRole(el, 'textbox', 'Message (optional)') as HTMLTextAreaElement;
    message.focus();
    await sendKeys({ type: 'Draft text' });
    const errors: Event[] = [];
    el.addEventListener('meeting-error', (e) => errors.push(e));

    thread.failNext(new SchedulerError('network', 'offline'));
    const send = byRole(el, 'button', 'Send invite');
    send.focus();
    await press(el, 'Enter');
    await until(() => allByRole(el, 'alert').length > 0, 'error shown');
    expect(norm(byRole(el, 'alert').textContent)).to.contain('The invite could not be sent');
    expect(errors).to.have.length(1);
    expect(await world.threads.listEvents('t1')).to.have.length(0);
    expect(chips(el)).to.have.length(1);
    expect((byRole(el, 'radio', '45 min') as HTMLInputElement).checked).to.equal(true);
    expect(message.value).to.equal('Draft text');

    await click(el, byRole(el, 'button', 'Send invite'));
    await stored(world, 1);
    await until(() => allByRole(el, 'status').some((s) => norm(s.textContent) === 'Invite sent'), 'announced');
    expect(allByRole(el, 'alert')).to.have.length(0);
  });

  it('a send refused because the session ended or the backend is flooded says so, and keeps the draft', async () => {
    const world = createWorld();
    const { el, thread } = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`);
    await settled(el);
    await click(el, cell(el, 'Tuesday, March 10, 9:00 – 9:30 AM EDT'));
    for (const [error, says] of [
      [new SchedulerError('unauthenticated'), 'you are signed out'],
      [new SchedulerError('rate-limited'), 'Too many changes at once'],
    ] as const) {
      thread.failNext(error);
      await click(el, byRole(el, 'button', 'Send invite'));
      await until(() => allByRole(el, 'alert').some((a) => norm(a.textContent).includes(says)), says);
      expect(chips(el)).to.have.length(1);
      expect(await world.threads.listEvents('t1')).to.have.length(0);
    }
    await click(el, byRole(el, 'button', 'Send invite'));
    await stored(world, 1);
  });

  it('a stale counter says the invite was updated and reloads', async () => {
    const world = createWorld({ events: [proposal()] });
    const { el, thread } = await mount(world, html`<meeting-scheduler thread-id="t1" mode="counter" meeting-id="m1" inline></meeting-scheduler>`, { as: 'bob' });
    await settled(el);
    await click(el, cell(el, 'Wednesday, March 11, 7:30 – 8:00 PM IST'));
    thread.failNext(new SchedulerError('conflict'));
    await click(el, byRole(el, 'button', 'Suggest these times'));
    await until(() => allByRole(el, 'alert').length > 0, 'error shown');
    expect(norm(byRole(el, 'alert').textContent)).to.contain('This invite was updated');
    expect(chips(el)).to.have.length(1);
  });

  it('an availability error shows Retry and keeps the selection', async () => {
    const world = createWorld({ calendars: { alice: DESIGN_REVIEW } });
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`);
    await settled(el);
    await click(el, cell(el, 'Wednesday, March 11, 11:00 – 11:30 AM EDT'));
    const errors: Event[] = [];
    el.addEventListener('meeting-error', (e) => errors.push(e));

    world.faults.failNext(20, 503);
    await click(el, byRole(el, 'button', 'Next week'));
    await until(() => allByRole(el, 'alert').length > 0, 'availability error');
    expect(norm(byRole(el, 'alert').textContent)).to.contain('Your availability could not be loaded');
    expect(errors).to.have.length(1);
    expect(chips(el)).to.have.length(1);

    world.faults.reset();
    await click(el, byRole(el, 'button', 'Today'));
    await settled(el);
    // the expired-token path: every calendar failure is an error, never free time
    world.faults.expireToken('tok-alice');
    await click(el, byRole(el, 'button', 'Next week'));
    await until(() => allByRole(el, 'alert').length > 0, 'auth error');
    world.faults.reset();
    await click(el, byRole(el, 'button', 'Retry'));
    await settled(el);
    expect(allByRole(el, 'alert')).to.have.length(0);
    expect(chips(el)).to.have.length(1);
    expect(chips(el)[0]).to.contain('Wed, Mar 11, 11:00 – 11:30 AM EDT');
  });

  it('counter mode suggests other times to the organizer, with the organizer’s busy times shaded', async () => {
    const world = createWorld({ events: [proposal()] });
    const aliceBusy: BusyInterval[] = [{ start: '2026-03-11T14:00:00Z', end: '2026-03-11T15:00:00Z' }];
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1" mode="counter" meeting-id="m1" inline .otherBusy=${aliceBusy}></meeting-scheduler>`, {
      as: 'bob',
    });
    await settled(el);
    expect(byRole(el, 'heading', 'Suggest a different time')).to.be.instanceOf(HTMLElement);
    expect(text(el)).to.contain('Suggesting to Alice');
    expect(text(el)).to.contain('Length: 30 min');
    expect(allByRole(el, 'radio')).to.have.length(0);
    const aliceBusyCell = cell(el, 'Wednesday, March 11, 7:30 – 8:00 PM IST');
    expect(nameOf(aliceBusyCell)).to.match(/Busy for Alice$/);
    expect(aliceBusyCell.getAttribute('aria-disabled')).to.equal('true');

    await click(el, cell(el, 'Wednesday, March 11, 8:30 – 9:00 PM IST'));
    expect(chips(el)[0]).to.contain('11:00 – 11:30 AM EDT for Alice');
    (byRole(el, 'textbox', 'Message (optional)') as HTMLTextAreaElement).focus();
    await sendKeys({ type: 'Evening works better' });
    await click(el, byRole(el, 'button', 'Suggest these times'));
    await stored(world, 2);
    const e = (await world.threads.listEvents('t1'))[1]!;
    expect(e.type).to.equal('countered');
    expect(e).to.include({ meetingId: 'm1', by: 'bob', sequence: 0, message: 'Evening works better' });
    expect((e as MeetingEvent & { options: unknown }).options).to.deep.equal([{ start: '2026-03-11T15:00:00Z', end: '2026-03-11T15:30:00Z' }]);
    await until(() => allByRole(el, 'status').some((s) => norm(s.textContent) === 'Suggestion sent'), 'announced');
  });

  it('reschedule mode stores a rescheduled event with the reason', async () => {
    const world = createWorld({ events: [proposal()] });
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1" mode="reschedule" meeting-id="m1" inline></meeting-scheduler>`);
    await settled(el);
    expect(byRole(el, 'heading', 'Reschedule the meeting')).to.be.instanceOf(HTMLElement);
    expect(text(el)).to.contain('Rescheduling with Bob');
    await click(el, cell(el, 'Thursday, March 12, 9:00 – 9:30 AM EDT'));
    (byRole(el, 'textbox', 'Reason (optional)') as HTMLTextAreaElement).focus();
    await sendKeys({ type: 'Clash' });
    await click(el, byRole(el, 'button', 'Send new times'));
    await stored(world, 2);
    expect((await world.threads.listEvents('t1'))[1]).to.include({ type: 'rescheduled', sequence: 0, reason: 'Clash', by: 'alice' });
  });

  it('the DST week (8 March 2026, New York) has a 23-hour Sunday with no 2:00 AM', async () => {
    expect(zonedMidnight('2026-03-09', 'America/New_York') - zonedMidnight('2026-03-08', 'America/New_York')).to.equal(23 * 3600_000);
    expect(zonedMidnight('2026-03-10', 'America/New_York') - zonedMidnight('2026-03-09', 'America/New_York')).to.equal(24 * 3600_000);
    expect(zonedMidnight('2026-11-02', 'America/New_York') - zonedMidnight('2026-11-01', 'America/New_York')).to.equal(25 * 3600_000);
    expect(new Date(zonedMidnight('2026-03-08', 'America/New_York')).toISOString()).to.equal('2026-03-08T05:00:00.000Z');
    expect(new Date(zonedMidnight('2026-03-09', 'Asia/Kolkata')).toISOString()).to.equal('2026-03-08T18:30:00.000Z');

    const world = createWorld({ now: '2026-03-08T05:30:00Z' }); // Sunday 0:30 EST
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1" inline day-start="0" day-end="24"></meeting-scheduler>`);
    await settled(el);
    const sunday = allByRole(el, 'gridcell').filter((c) => nameOf(c).startsWith('Sunday, March 8'));
    const skipped = sunday.filter((c) => /skipped by the clock change/.test(nameOf(c)));
    expect(sunday.length - skipped.length).to.equal(46); // 23 hours of half-hour slots
    expect(skipped.map(nameOf)).to.deep.equal([
      'Sunday, March 8, 2:00 AM: skipped by the clock change',
      'Sunday, March 8, 2:30 AM: skipped by the clock change',
    ]);
    expect(skipped.every((c) => c.getAttribute('aria-disabled') === 'true')).to.equal(true);
    expect(sunday.some((c) => nameOf(c).startsWith('Sunday, March 8, 2:00 – 2:30 AM'))).to.equal(false);
    expect(nameOf(cell(el, 'Sunday, March 8, 1:00 – 1:30 AM EST'))).to.match(/available$/);
    expect(nameOf(cell(el, 'Sunday, March 8, 3:00 – 3:30 AM EDT'))).to.match(/available$/);
    expect(cell(el, 'Monday, March 9, 2:00 – 2:30 AM EDT')).to.be.instanceOf(HTMLElement);
    expect(nameOf(cell(el, 'Sunday, March 8, 12:00 – 12:30 AM EST'))).to.match(/In the past$/);

    // the 3:00 row is the real instant 07:00Z
    await click(el, cell(el, 'Sunday, March 8, 3:00 – 3:30 AM EDT'));
    expect(chips(el)[0]).to.contain('Sun, Mar 8, 3:00 – 3:30 AM EDT');
    expect(chips(el)[0]).to.contain('12:30 – 1:00 PM IST for Bob');
    // keyboard walks through the skipped rows (they are announced, not selectable)
    cell(el, 'Sunday, March 8, 1:30').focus();
    await press(el, 'ArrowDown');
    expect(nameOf(focused(el)!)).to.equal('Sunday, March 8, 2:00 AM: skipped by the clock change');
    await press(el, 'Space');
    expect(chips(el)).to.have.length(1);
  });

  it('a viewer in Asia/Kolkata sees the same instant labelled in IST', async () => {
    const world = createWorld();
    const ny = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`);
    await settled(ny.el);
    await click(ny.el, cell(ny.el, 'Tuesday, March 10, 9:00 – 9:30 AM EDT'));
    expect(chips(ny.el)[0]).to.equal('Tue, Mar 10, 9:00 – 9:30 AM EDT 6:30 – 7:00 PM IST for Bob');

    const kolkata = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`, { as: 'bob' });
    await settled(kolkata.el);
    expect(text(kolkata.el)).to.contain('Times in India Standard Time');
    expect(text(kolkata.el)).to.contain('Inviting Alice');
    await click(kolkata.el, cell(kolkata.el, 'Tuesday, March 10, 6:30 – 7:00 PM IST'));
    expect(chips(kolkata.el)[0]).to.equal('Tue, Mar 10, 6:30 – 7:00 PM IST 9:00 – 9:30 AM EDT for Alice');
  });

  it('speaks German with a 24-hour clock, and Arabic right to left where ArrowLeft moves forward', async () => {
    const world = createWorld();
    const de = await mount(world, html`<meeting-scheduler thread-id="t1"></meeting-scheduler>`, { locale: 'de-DE' });
    await click(de.el, byRole(de.el, 'button', 'Besprechung planen'));
    await settled(de.el);
    expect(nameOf(byRole(de.el, 'dialog'))).to.equal('Besprechung planen');
    expect(nameOf(cell(de.el, 'Dienstag, 10. März, 09:00'))).to.equal('Dienstag, 10. März, 09:00–09:30 Uhr GMT-4, frei');
    expect(byRole(de.el, 'button', 'Nächste Woche')).to.be.instanceOf(HTMLElement);
    expect(byRole(de.el, 'button', 'Einladung senden')).to.be.instanceOf(HTMLElement);
    expect(allByRole(de.el, 'radio').map(nameOf)).to.include('30 Min.');
    // German weeks start on Monday
    expect(norm(de.el.shadowRoot!.getElementById('week-heading')!.textContent)).to.match(/^9\.[–\s]+15\. März 2026$/);
    await expect(de.el).to.be.accessible();
    de.el.close();
    await de.el.updateComplete;

    const ar = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`, { locale: 'ar' });
    await settled(ar.el);
    expect(ar.provider.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(ar.el).direction).to.equal('rtl');
    expect(byRole(ar.el, 'heading', 'جدولة اجتماع')).to.be.instanceOf(HTMLElement);
    const start = allByRole(ar.el, 'gridcell').find((c) => c.tabIndex === 0)!;
    const row = start.parentElement!;
    const index = [...row.children].indexOf(start);
    start.focus();
    await press(ar.el, 'ArrowLeft');
    expect(focused(ar.el) === row.children[index + 1], 'focus moved to the next day').to.equal(true);
    // …and it is to the left on screen
    expect(focused(ar.el)!.getBoundingClientRect().left).to.be.below(start.getBoundingClientRect().left);
    await press(ar.el, 'ArrowRight');
    expect(focused(ar.el) === start, 'focus back on the first day').to.equal(true);
    await expect(ar.el).to.be.accessible();
  });

  it('participant names and calendar titles with markup render as text', async () => {
    const evil: Participant = { ...BOB, name: '<img src=x onerror="window.__xss=1">Bob' };
    const world = createWorld({
      participants: [ALICE, evil, { ...CAROL, name: '<script>window.__xss=2</script>' }],
      calendars: { alice: [{ summary: '<b onmouseover="window.__xss=3">Review</b>', start: '2026-03-10T13:00:00Z', end: '2026-03-10T14:00:00Z' }] },
    });
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`, { prepare: withOutlook(ALICE.email!) });
    await settled(el);
    await click(el, cell(el, 'Tuesday, March 10, 10:00 – 10:30 AM EDT'));
    const busy = cell(el, 'Tuesday, March 10, 9:00 – 9:30 AM EDT');
    expect(nameOf(busy)).to.contain('Busy: <b onmouseover="window.__xss=3">Review</b>');
    busy.focus();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('img, script, b')).to.equal(null);
    expect(text(el)).to.contain('<img src=x onerror="window.__xss=1">Bob');
    expect(text(el)).to.contain('<b onmouseover="window.__xss=3">Review</b>');
    expect(allByRole(el, 'checkbox').map(nameOf)).to.deep.equal(['<img src=x onerror="window.__xss=1">Bob', '<script>window.__xss=2</script>']);
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
  });

  it('at 320 px wide the week becomes a day-by-day list', async () => {
    const world = createWorld({ calendars: { alice: DESIGN_REVIEW } });
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1" inline style="width: 320px"></meeting-scheduler>`, { prepare: withOutlook(ALICE.email!) });
    await settled(el);
    await until(() => allByRole(el, 'button', 'Next day').length === 1, 'day view');
    const heading = () => norm(el.shadowRoot!.getElementById('week-heading')!.textContent);
    expect(heading()).to.equal('Monday, March 9, 2026');
    expect(allByRole(el, 'button', 'Next week')).to.have.length(0);
    const rows = allByRole(el, 'row').slice(1);
    expect(rows.every((r) => r.querySelectorAll('[role="gridcell"]').length === 1)).to.equal(true);
    expect(allByRole(el, 'gridcell').every((c) => nameOf(c).startsWith('Monday, March 9'))).to.equal(true);

    await click(el, byRole(el, 'button', 'Next day'));
    expect(heading()).to.equal('Tuesday, March 10, 2026');
    const busy = cell(el, 'Tuesday, March 10, 9:00 – 9:30 AM EDT');
    expect(norm(busy.textContent)).to.contain('Busy: Design review');
    // by touch (a click) and keyboard
    await click(el, cell(el, 'Tuesday, March 10, 11:00 – 11:30 AM EDT'));
    expect(chips(el)).to.have.length(1);
    cell(el, 'Tuesday, March 10, 11:00').focus();
    await press(el, 'ArrowRight');
    expect(heading()).to.equal('Wednesday, March 11, 2026');
    expect(nameOf(focused(el)!)).to.match(/^Wednesday, March 11, 11:00 – 11:30 AM EDT/);
    await click(el, byRole(el, 'button', 'Previous day'));
    await click(el, byRole(el, 'button', 'Previous day'));
    expect(heading()).to.equal('Monday, March 9, 2026');

    const panel = el.shadowRoot!.querySelector('[part~="panel"]') as HTMLElement;
    expect(panel.getBoundingClientRect().width).to.be.at.most(320);
    expect(panel.scrollWidth).to.be.at.most(panel.clientWidth + 1);
    await expect(el).to.be.accessible();
  });

  it('"Manage calendars" opens <meeting-settings> inside, unless the host takes it', async () => {
    const world = createWorld();
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`);
    await settled(el);
    let asked = 0;
    el.addEventListener('meeting-manage-calendars', () => asked++);
    await click(el, byRole(el, 'button', 'Manage calendars'));
    expect(asked).to.equal(1);
    const settings = el.shadowRoot!.querySelector('meeting-settings');
    expect(settings?.getAttribute('thread-id')).to.equal('t1');
    expect(allByRole(el, 'grid')).to.have.length(0);
    await until(() => nameOf(focused(el)!) === 'Back to scheduling', 'focus on Back');
    const requests = world.faults.log.length;
    await press(el, 'Enter');
    expect(el.shadowRoot!.querySelector('meeting-settings')).to.equal(null);
    await until(() => nameOf(focused(el)!) === 'Manage calendars', 'focus back on Manage calendars');
    await settled(el);
    // calendars may have changed meanwhile: availability was asked for again
    expect(world.faults.log.length).to.be.above(requests);

    el.addEventListener('meeting-manage-calendars', (e) => e.preventDefault());
    await click(el, byRole(el, 'button', 'Manage calendars'));
    expect(asked).to.equal(2);
    expect(el.shadowRoot!.querySelector('meeting-settings')).to.equal(null);
  });

  it('Escape in "Manage calendars" goes back to scheduling and keeps the dialog open', async () => {
    const world = createWorld();
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1"></meeting-scheduler>`);
    await click(el, byRole(el, 'button', 'Schedule a meeting'));
    await settled(el);
    await click(el, byRole(el, 'button', 'Manage calendars'));
    await until(() => nameOf(focused(el)!) === 'Back to scheduling', 'focus on Back');
    await press(el, 'Escape');
    await until(() => el.shadowRoot!.querySelector('meeting-settings') === null, 'settings to close');
    expect(el.open).to.equal(true);
    expect(allByRole(el, 'grid')).to.have.length(1);
    await press(el, 'Escape');
    await until(() => el.open === false, 'the dialog to close');
  });

  it('is accessible (axe) in the open dialog with a draft, and inline', async () => {
    const world = createWorld({ participants: [ALICE, BOB, CAROL], calendars: { alice: DESIGN_REVIEW } });
    const { el } = await mount(world, html`<meeting-scheduler thread-id="t1"></meeting-scheduler>`, { prepare: withOutlook(ALICE.email!) });
    await expect(el).to.be.accessible();
    await click(el, byRole(el, 'button', 'Schedule a meeting'));
    await settled(el);
    await click(el, cell(el, 'Tuesday, March 10, 10:00 – 10:30 AM EDT'));
    await expect(el).to.be.accessible();

    const inline = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`);
    await settled(inline.el);
    await click(inline.el, cell(inline.el, 'Tuesday, March 10, 10:00 – 10:30 AM EDT'));
    await expect(inline.el).to.be.accessible();
  });
});

/** Alice proposed Tuesday 9:00 New York time to Bob. */
function proposal(): ProposedEvent {
  return {
    type: 'proposed',
    id: 'e1',
    meetingId: 'm1',
    by: 'alice',
    at: '2026-03-09T13:00:00Z',
    threadId: 't1',
    invitees: ['bob'],
    options: [{ start: '2026-03-10T13:00:00Z', end: '2026-03-10T13:30:00Z' }],
    durationMinutes: 30,
  };
}
