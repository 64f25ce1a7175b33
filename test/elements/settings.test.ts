import { expect, fixture, oneEvent } from '@open-wc/testing';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { sendKeys } from '@web/test-runner-commands';
import 'axe-core';
import { SchedulerError, type CalendarConnection, type ConnectionStore } from '@meeting-scheduler/core';
import { googleCalendar } from '@meeting-scheduler/adapters/google';
import { icsFeedCalendar } from '@meeting-scheduler/adapters/ics-feed';
import { microsoftCalendar } from '@meeting-scheduler/adapters/microsoft';
import type { SettingsStore, UserSettings } from '../../packages/elements/src/context.ts';
import type { MeetingSettingsChangeEvent } from '../../packages/elements/src/events.ts';
import type { MeetingSettings } from '../../packages/elements/src/settings/meeting-settings.ts';
import { createWorld, until, type World } from './world.ts';

// ---- Finding things the way a person (or a screen reader) does -------------------------

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** A simplified accessible name: aria-labelledby, aria-label, <label>, <legend>, then text. */
function nameOf(el: Element): string {
  const root = el.getRootNode() as ShadowRoot | Document;
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) return squash(labelledBy.split(/\s+/).map((id) => root.getElementById(id)?.textContent ?? '').join(' '));
  const label = el.getAttribute('aria-label');
  if (label) return squash(label);
  if (el instanceof HTMLInputElement && el.labels?.length) return squash([...el.labels].map((l) => l.textContent).join(' '));
  if (el instanceof HTMLFieldSetElement) return squash(el.querySelector('legend')?.textContent);
  if (el instanceof HTMLTableElement) return squash(el.caption?.textContent);
  return squash(el.textContent);
}

const ROLES: Record<string, string> = {
  button: 'button:not([role]), [role="button"]',
  checkbox: 'input[type="checkbox"]:not([role])',
  switch: '[role="switch"]',
  radio: 'input[type="radio"]',
  textbox: 'input[type="url"], input[type="text"]',
  heading: 'h1, h2, h3, h4, h5, h6',
  group: 'fieldset, [role="group"]',
  list: 'ul',
  listitem: 'li',
  table: 'table',
  status: '[role="status"]',
};

function allByRole<T extends HTMLElement = HTMLElement>(within: ParentNode, role: string, name?: string | RegExp): T[] {
  const found = [...within.querySelectorAll<T>(ROLES[role] ?? `[role="${role}"]`)];
  if (name === undefined) return found;
  return found.filter((el) => (typeof name === 'string' ? nameOf(el) === name : name.test(nameOf(el))));
}

function byRole<T extends HTMLElement = HTMLElement>(within: ParentNode, role: string, name?: string | RegExp): T {
  const [first] = allByRole<T>(within, role, name);
  if (!first) throw new Error(`no ${role} named ${String(name)}; have: ${allByRole(within, role).map(nameOf).join(' | ')}`);
  return first;
}

/** A form control by its accessible name, whatever its type (time inputs have no ARIA role). */
function byLabel<T extends HTMLElement = HTMLInputElement>(within: ParentNode, name: string | RegExp): T {
  const found = [...within.querySelectorAll<T>('input, select, textarea')].find((el) =>
    typeof name === 'string' ? nameOf(el) === name : name.test(nameOf(el)),
  );
  if (!found) throw new Error(`no field named ${String(name)}`);
  return found;
}

const shadow = (el: MeetingSettings) => el.shadowRoot!;
const textOf = (el: Element | ShadowRoot) => squash(el.textContent);
/** The connection (list item) whose heading names `account`. */
const connectionOf = (el: MeetingSettings, account: string) =>
  allByRole(shadow(el), 'listitem').find((li) => li.querySelector('h3') && textOf(li.querySelector('h3')!).includes(account))!;
const announced = (el: MeetingSettings) => textOf(byRole(shadow(el), 'status'));

/** Presses Tab until `target` has focus (proves it is reachable by keyboard). */
async function tabTo(el: MeetingSettings, target: HTMLElement, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (shadow(el).activeElement === target) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${nameOf(target)}`);
}

/** What a date/time picker does: set the value and say so. */
function pick(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

// ---- The world: Alice with a Google account, feeds served by a fake fetch ---------------

const FAMILY_FEED = 'https://feeds.example/family.ics';
const familyIcs = (name: string) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//settings//EN',
    `X-WR-CALNAME:${name}`,
    'BEGIN:VEVENT',
    'UID:school-run@feeds.example',
    'DTSTAMP:20260301T000000Z',
    'DTSTART:20260310T120000Z',
    'DTEND:20260310T130000Z',
    'SUMMARY:School run',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

interface Setup {
  world?: World;
  connect?: (provider: 'google' | 'microsoft') => Promise<CalendarConnection>;
  connections?: (store: ConnectionStore) => ConnectionStore;
  settings?: (store: SettingsStore) => SettingsStore;
  /** Feed bodies by https URL; a URL not listed answers 404. */
  feeds?: Map<string, string>;
  locale?: string;
  threadId?: string;
  section?: string;
}

/** Alice's `<meeting-settings>` in a provider, with calendars read per account (Google, Microsoft, ICS). */
async function mountSettings(o: Setup = {}) {
  const world = o.world ?? createWorld();
  const env = world.environment('alice');
  const connections = o.connections ? o.connections(env.connections!) : env.connections!;
  const settings = o.settings ? o.settings(env.settings!) : env.settings!;
  const feeds = o.feeds ?? new Map<string, string>();
  const feedFetch: typeof fetch = async (input) => {
    const url = input instanceof Request ? input.url : String(input);
    const body = feeds.get(url);
    return body === undefined ? new Response('Not Found', { status: 404 }) : new Response(body, { headers: { 'content-type': 'text/calendar' } });
  };
  const token = (c: CalendarConnection) => async () =>
    c.id === 'google-alice' ? 'tok-alice' : (world.calendarStore.account(c.accountLabel)?.tokens[0] ?? 'no-such-token');
  const calendarFor = (c: CalendarConnection) =>
    c.provider === 'google'
      ? googleCalendar({ getAccessToken: token(c), fetch: world.fetch, retry: { baseDelayMs: 1 } })
      : c.provider === 'microsoft'
        ? microsoftCalendar({ getAccessToken: token(c), fetch: world.fetch, retry: { baseDelayMs: 1 } })
        : c.provider === 'ics' && c.url
          ? icsFeedCalendar({ url: c.url, fetch: feedFetch, retry: { retries: 0 } })
          : undefined;
  const changes: UserSettings[] = [];
  const provider = await fixture(html`
    <meeting-provider
      .thread=${env.thread}
      .connections=${connections}
      .calendarFor=${calendarFor}
      .connect=${o.connect}
      .settings=${settings}
      .now=${env.now}
      locale=${o.locale ?? 'en-US'}
      time-zone="America/New_York"
    >
      <meeting-settings
        thread-id=${ifDefined(o.threadId)}
        section=${ifDefined(o.section)}
        @meeting-settings-change=${(e: MeetingSettingsChangeEvent) => changes.push(e.settings)}
      ></meeting-settings>
    </meeting-provider>
  `);
  const el = provider.firstElementChild as MeetingSettings;
  await el.updateComplete;
  return { world, el, store: env.connections!, settings: env.settings!, changes, feeds };
}

/** A world where Alice's Google account has a second, writable calendar and a read-only one. */
function worldWithCalendars(): World {
  const world = createWorld();
  const alice = world.calendarStore.account('alice@acme.example')!;
  alice.calendars.push(
    { id: 'team@acme.example', name: 'Team', timeZone: 'America/New_York' },
    { id: 'holidays@acme.example', name: 'US Holidays', timeZone: 'America/New_York', readOnly: true },
  );
  return world;
}

/** Alice's personal Google account, as the host's OAuth would return it. */
function personalAccount(world: World): CalendarConnection {
  world.calendarStore.addAccount({
    email: 'alice@personal.example',
    token: 'tok-alice-personal',
    calendars: [{ name: 'Personal', timeZone: 'America/New_York' }],
  });
  return {
    id: 'google-alice-personal',
    provider: 'google',
    accountLabel: 'alice@personal.example',
    conflictCalendarIds: ['alice@personal.example'],
  };
}

/** Like `until`, for checks that must read an async store. */
async function eventually(check: () => Promise<boolean>, what: string, ms = 3000): Promise<void> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const saved = async (store: ConnectionStore, id: string) => (await store.list()).find((c) => c.id === id);
const calendarsShown = (el: MeetingSettings) => until(() => !textOf(shadow(el)).includes('Loading calendars'), 'calendars to load');

// ---- Behaviour ----------------------------------------------------------------------------

describe('<meeting-settings>', () => {
  describe('calendars', () => {
    it('lists Alice’s Google account with its calendars and what each is used for', async () => {
      const { el } = await mountSettings({ world: worldWithCalendars() });
      await calendarsShown(el);
      byRole(shadow(el), 'heading', 'Calendars');
      const google = connectionOf(el, 'alice@acme.example');
      expect(textOf(byRole(google, 'heading'))).to.equal('Google alice@acme.example');
      const list = byRole(google, 'list', 'Calendars of alice@acme.example');
      expect(allByRole(list, 'listitem').map((li) => textOf(li.querySelector('.calendar-name')!))).to.deep.equal([
        'alice@acme.examplePrimary',
        'Team',
        'US HolidaysRead-only',
      ]);
      expect(byRole<HTMLInputElement>(list, 'checkbox', 'Count for conflicts: alice@acme.example').checked).to.equal(true);
      expect(byRole<HTMLInputElement>(list, 'checkbox', 'Count for conflicts: Team').checked).to.equal(false);
      const target = byRole(shadow(el), 'group', 'Add new meetings to');
      expect(allByRole(target, 'radio').map(nameOf)).to.deep.equal([
        'alice@acme.example',
        'Team (alice@acme.example)',
        'Don’t add to a calendar',
      ]);
      expect(byRole<HTMLInputElement>(target, 'radio', 'alice@acme.example').checked).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('shows each account’s calendars loading on their own', async () => {
      const world = createWorld();
      world.faults.slow(300);
      const { el } = await mountSettings({ world });
      await until(() => textOf(connectionOf(el, 'alice@acme.example')).includes('Loading calendars…'), 'loading state');
      await calendarsShown(el);
      byRole(connectionOf(el, 'alice@acme.example'), 'checkbox', 'Count for conflicts: alice@acme.example');
    });

    it('ticking “Count for conflicts” saves the connection at once, by mouse and by keyboard', async () => {
      const { el, store } = await mountSettings({ world: worldWithCalendars() });
      await calendarsShown(el);
      const team = byRole<HTMLInputElement>(shadow(el), 'checkbox', 'Count for conflicts: Team');
      team.click();
      await until(() => announced(el) === 'Saved', 'Saved announced');
      expect((await saved(store, 'google-alice'))!.conflictCalendarIds).to.deep.equal(['alice@acme.example', 'team@acme.example']);

      const primary = byRole<HTMLInputElement>(shadow(el), 'checkbox', 'Count for conflicts: alice@acme.example');
      primary.focus();
      await sendKeys({ press: 'Space' });
      await eventually(async () => (await saved(store, 'google-alice'))!.conflictCalendarIds.length === 1, 'saved by keyboard');
      expect((await saved(store, 'google-alice'))!.conflictCalendarIds).to.deep.equal(['team@acme.example']);
      expect(primary.checked).to.equal(false);
    });

    it('a change the store refuses is undone and explained', async () => {
      let refuse = false;
      const { el, store } = await mountSettings({
        world: worldWithCalendars(),
        connections: (inner) => ({
          list: (o) => inner.list(o),
          remove: (id, o) => inner.remove(id, o),
          save: async (c, o) => {
            if (refuse) throw new SchedulerError('network', 'offline');
            return inner.save(c, o);
          },
        }),
      });
      await calendarsShown(el);
      refuse = true;
      const team = byRole<HTMLInputElement>(shadow(el), 'checkbox', 'Count for conflicts: Team');
      team.click();
      expect(team.checked).to.equal(true);
      await until(() => !team.checked, 'the tick undone');
      const google = connectionOf(el, 'alice@acme.example');
      expect(textOf(google)).to.contain('Couldn’t save your change. Check your connection and try again.');
      expect(announced(el)).to.equal('Couldn’t save your change. Check your connection and try again.');
      expect((await saved(store, 'google-alice'))!.conflictCalendarIds).to.deep.equal(['alice@acme.example']);
    });

    it('choosing where new meetings go moves the target between accounts, by mouse and by keyboard', async () => {
      const world = worldWithCalendars();
      const personal = personalAccount(world);
      const { el: settings, store } = await mountSettings({
        world,
        connections: (inner) => {
          void inner.save(personal);
          return inner;
        },
      });
      await until(() => allByRole(shadow(settings), 'radio').length === 4, 'both accounts’ writable calendars');
      const target = byRole(shadow(settings), 'group', 'Add new meetings to');

      byRole(target, 'radio', 'Personal (alice@personal.example)').click();
      await eventually(async () => (await saved(store, personal.id))?.targetCalendarId === 'alice@personal.example', 'personal chosen');
      expect((await saved(store, 'google-alice'))!.targetCalendarId).to.equal(undefined);

      // Keyboard: arrows move the choice within the one radio group.
      byRole(target, 'radio', 'Personal (alice@personal.example)').focus();
      await sendKeys({ press: 'ArrowDown' });
      await eventually(async () => (await saved(store, personal.id))?.targetCalendarId === undefined, 'moved to “Don’t add”');
      expect(byRole<HTMLInputElement>(target, 'radio', 'Don’t add to a calendar').checked).to.equal(true);
      expect((await store.list()).every((c) => c.targetCalendarId === undefined)).to.equal(true);

      byRole(target, 'radio', 'Team (alice@acme.example)').click();
      await eventually(async () => (await saved(store, 'google-alice'))?.targetCalendarId === 'team@acme.example', 'team chosen');
    });

    it('a connection saved elsewhere (another tab, another settings view) shows up by itself', async () => {
      const world = createWorld();
      const personal = personalAccount(world);
      const { el, store } = await mountSettings({ world });
      await calendarsShown(el);
      await store.save(personal);
      await until(() => byRole(shadow(el), 'checkbox', 'Count for conflicts: Personal'), 'the other account listed');
    });

    it('Connect Google adds the account the host’s sign-in returns, with its calendars', async () => {
      const world = createWorld();
      const personal = personalAccount(world);
      const asked: string[] = [];
      const { el, store } = await mountSettings({
        world,
        connect: async (provider) => {
          asked.push(provider);
          return personal;
        },
      });
      await calendarsShown(el);
      byRole(shadow(el), 'button', 'Connect Google').click();
      await until(() => connectionOf(el, 'alice@personal.example'), 'the new account listed');
      expect(asked).to.deep.equal(['google']);
      await until(() => byRole(shadow(el), 'checkbox', 'Count for conflicts: Personal'), 'its calendar listed');
      expect(await saved(store, personal.id)).to.deep.equal(personal);
      expect(announced(el)).to.equal('Connected alice@personal.example');
      byRole(shadow(el), 'button', 'Connect Microsoft');
    });

    it('a refused sign-in says “Couldn’t connect Google” and changes nothing', async () => {
      const { el, store } = await mountSettings({
        connect: async () => {
          throw new SchedulerError('provider-auth', 'consent denied');
        },
      });
      await calendarsShown(el);
      const button = byRole(shadow(el), 'button', 'Connect Google');
      button.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => textOf(shadow(el)).includes('Couldn’t connect Google.'), 'the error');
      expect(textOf(shadow(el))).to.contain('Couldn’t connect Google. Access was refused or the sign-in was cancelled.');
      expect(announced(el)).to.contain('Couldn’t connect Google.');
      expect((await store.list()).map((c) => c.id)).to.deep.equal(['google-alice']);
      await expect(el).to.be.accessible();
    });

    it('has no Connect buttons when the host gives no sign-in', async () => {
      const { el } = await mountSettings();
      await calendarsShown(el);
      expect(allByRole(shadow(el), 'button', /^Connect/)).to.have.length(0);
      byRole(shadow(el), 'textbox', 'Feed address');
    });

    it('subscribing to an ICS feed refuses a bad address visibly, then saves a good one and lists its calendar', async () => {
      const feeds = new Map([[FAMILY_FEED, familyIcs('Family')]]);
      const { el, store } = await mountSettings({ feeds });
      await calendarsShown(el);
      const url = byRole<HTMLInputElement>(shadow(el), 'textbox', 'Feed address');
      const name = byRole<HTMLInputElement>(shadow(el), 'textbox', 'Name (optional)');
      url.value = 'ftp://feeds.example/family.ics';
      byRole(shadow(el), 'button', 'Subscribe').click();
      await el.updateComplete;
      expect(url.getAttribute('aria-invalid')).to.equal('true');
      expect(textOf(shadow(el).getElementById('feed-error')!)).to.equal('Enter an address that starts with https:// or webcal://');
      expect(shadow(el).activeElement).to.equal(url);
      expect(await store.list()).to.have.length(1);

      url.value = FAMILY_FEED;
      name.value = 'Kids';
      // Enter in the form submits it.
      name.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => connectionOf(el, 'Kids'), 'the feed listed');
      const feed = connectionOf(el, 'Kids');
      expect(textOf(byRole(feed, 'heading'))).to.equal('ICS feed Kids');
      await until(() => byRole(feed, 'checkbox', 'Count for conflicts: Family'), 'the feed’s calendar');
      expect(byRole<HTMLInputElement>(feed, 'checkbox', 'Count for conflicts: Family').checked).to.equal(true);
      const stored = (await store.list()).find((c) => c.provider === 'ics')!;
      expect(stored).to.deep.include({ provider: 'ics', accountLabel: 'Kids', url: FAMILY_FEED, conflictCalendarIds: [FAMILY_FEED] });
      expect(stored.id).to.match(/^ics-/);
      expect(url.value).to.equal('');
      // A read-only feed cannot receive meetings.
      expect(allByRole(byRole(shadow(el), 'group', 'Add new meetings to'), 'radio', /Family/)).to.have.length(0);
    });

    it('a webcal:// feed without a name is labelled with its host', async () => {
      const feeds = new Map([['https://p52-caldav.icloud.example/published/2/abc', familyIcs('Home')]]);
      const { el, store } = await mountSettings({ feeds });
      await calendarsShown(el);
      byRole<HTMLInputElement>(shadow(el), 'textbox', 'Feed address').value = 'webcal://p52-caldav.icloud.example/published/2/abc';
      byRole(shadow(el), 'button', 'Subscribe').click();
      await until(() => connectionOf(el, 'p52-caldav.icloud.example'), 'the feed listed by host');
      await until(() => byRole(shadow(el), 'checkbox', 'Count for conflicts: Home'), 'its calendar');
      expect((await store.list()).find((c) => c.provider === 'ics')!.url).to.equal('webcal://p52-caldav.icloud.example/published/2/abc');
    });

    it('a feed that answers 404 says it couldn’t be loaded, and Retry loads it once it is back', async () => {
      const feeds = new Map<string, string>();
      const { el } = await mountSettings({ feeds });
      await calendarsShown(el);
      byRole<HTMLInputElement>(shadow(el), 'textbox', 'Feed address').value = FAMILY_FEED;
      byRole<HTMLInputElement>(shadow(el), 'textbox', 'Name (optional)').value = 'Family';
      byRole(shadow(el), 'button', 'Subscribe').click();
      await until(() => textOf(connectionOf(el, 'Family')).includes('Couldn’t load this feed'), 'the feed error');
      const feed = connectionOf(el, 'Family');
      expect(textOf(feed)).to.contain('Couldn’t load this feed. Nothing was found at this address.');
      // Alice's Google account is unaffected.
      byRole(connectionOf(el, 'alice@acme.example'), 'checkbox', 'Count for conflicts: alice@acme.example');
      await expect(el).to.be.accessible();

      feeds.set(FAMILY_FEED, familyIcs('Family'));
      byRole(feed, 'button', 'Retry loading Family').click();
      await until(() => byRole(connectionOf(el, 'Family'), 'checkbox', 'Count for conflicts: Family'), 'the feed loaded');
      expect(textOf(connectionOf(el, 'Family'))).not.to.contain('Couldn’t load');
    });

    it('disconnecting asks for confirmation first', async () => {
      const { el, store } = await mountSettings();
      await calendarsShown(el);
      const disconnect = byRole(shadow(el), 'button', 'Disconnect alice@acme.example');
      disconnect.click();
      await el.updateComplete;
      const confirm = byRole(shadow(el), 'group', /^Disconnect alice@acme.example\?/);
      expect(shadow(el).activeElement).to.equal(byRole(confirm, 'button', 'Cancel'));
      expect(await store.list()).to.have.length(1);
      await expect(el).to.be.accessible();

      // Cancel by keyboard: nothing removed, focus back on Disconnect.
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(allByRole(shadow(el), 'group', /^Disconnect/)).to.have.length(0);
      expect(shadow(el).activeElement).to.equal(byRole(shadow(el), 'button', 'Disconnect alice@acme.example'));
      expect(await store.list()).to.have.length(1);

      byRole(shadow(el), 'button', 'Disconnect alice@acme.example').click();
      await el.updateComplete;
      byRole(shadow(el), 'button', 'Yes, disconnect').click();
      await eventually(async () => (await store.list()).length === 0, 'removed from the store');
      await until(() => textOf(shadow(el)).includes('No calendars connected yet'), 'the empty state');
      expect(announced(el)).to.equal('Disconnected alice@acme.example');
      expect(shadow(el).activeElement).to.equal(byRole(shadow(el), 'heading', 'Calendars'));
    });

    it('with no calendar connected, explains why to connect one and offers every way to', async () => {
      const { el } = await mountSettings({ world: createWorld({ unconnected: ['alice'] }), connect: async () => Promise.reject(new Error('unused')) });
      await until(() => textOf(shadow(el)).includes('No calendars connected yet'), 'the empty state');
      expect(textOf(shadow(el))).to.contain('Connect a calendar so your busy times show while you pick slots');
      byRole(shadow(el), 'button', 'Connect Google');
      byRole(shadow(el), 'button', 'Connect Microsoft');
      byRole(shadow(el), 'textbox', 'Feed address');
      expect(allByRole(shadow(el), 'group', 'Add new meetings to')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('account labels and calendar names render as text, never as markup', async () => {
      const world = createWorld();
      const evil = '<img src=x onerror="window.__settingsXss=1">';
      world.calendarStore.account('alice@acme.example')!.calendars[0]!.name = '<script>window.__settingsXss=2</script>Work';
      const { el } = await mountSettings({
        world,
        connections: (inner) => {
          void inner.save({ id: 'google-alice', provider: 'google', accountLabel: evil, conflictCalendarIds: [] });
          return inner;
        },
      });
      await calendarsShown(el);
      const text = textOf(shadow(el));
      expect(text).to.contain(evil);
      expect(text).to.contain('<script>window.__settingsXss=2</script>Work');
      expect(shadow(el).querySelector('img, script')).to.equal(null);
      expect((window as { __settingsXss?: number }).__settingsXss).to.equal(undefined);
    });
  });

  describe('working hours', () => {
    it('are saved in the viewer’s zone, and an end before the start is refused', async () => {
      const { el, settings, changes } = await mountSettings();
      await until(() => byLabel(shadow(el), 'Start on Monday'), 'the working hours form');
      const form = shadow(el).querySelector('[part="working-hours"]')!;
      expect(textOf(form)).to.contain('Times are in your time zone: America/New_York (Eastern Time).');
      expect(textOf(form)).to.contain('No working hours set');
      expect(byLabel(shadow(el), 'Start on Monday').disabled).to.equal(true);

      byRole(form, 'checkbox', 'Monday').click();
      byRole(form, 'checkbox', 'Tuesday').click();
      await el.updateComplete;
      pick(byLabel(shadow(el), 'Start on Monday'), '08:30');
      pick(byLabel(shadow(el), 'End on Monday'), '16:00');
      pick(byLabel(shadow(el), 'Start on Tuesday'), '17:00');
      pick(byLabel(shadow(el), 'End on Tuesday'), '09:00');
      byRole(form, 'button', 'Save working hours').click();
      await el.updateComplete;
      const tuesdayEnd = byLabel(shadow(el), 'End on Tuesday');
      expect(tuesdayEnd.getAttribute('aria-invalid')).to.equal('true');
      expect(textOf(shadow(el).getElementById(tuesdayEnd.getAttribute('aria-describedby')!)!)).to.equal('End must be after start');
      expect(shadow(el).activeElement).to.equal(tuesdayEnd);
      expect(announced(el)).to.equal('Check the highlighted days.');
      expect((await settings.load()).workingHours).to.equal(undefined);
      expect(changes).to.have.length(0);
      await expect(el).to.be.accessible();

      pick(tuesdayEnd, '18:00');
      byRole(form, 'button', 'Save working hours').click();
      await until(() => changes.length === 1, 'meeting-settings-change');
      const expected = { timeZone: 'America/New_York', weekly: { 1: [{ start: '08:30', end: '16:00' }], 2: [{ start: '17:00', end: '18:00' }] } };
      expect(changes[0]!.workingHours).to.deep.equal(expected);
      expect((await settings.load()).workingHours).to.deep.equal(expected);
      expect(announced(el)).to.equal('Saved');
      expect(tuesdayEnd.getAttribute('aria-invalid')).to.equal('false');
    });

    it('shows hours saved before, and can be edited with the keyboard', async () => {
      const world = createWorld();
      const { el, settings, changes } = await mountSettings({
        world,
        settings: (inner) => {
          void inner.save({
            notifications: { channels: {}, remindersMinutesBefore: [10], mutedThreadIds: [] },
            workingHours: { timeZone: 'America/New_York', weekly: { 3: [{ start: '10:00', end: '24:00' }] } },
          });
          return inner;
        },
      });
      await until(() => byLabel(shadow(el), 'Start on Wednesday'), 'the working hours form');
      expect(byRole<HTMLInputElement>(shadow(el), 'checkbox', 'Wednesday').checked).to.equal(true);
      expect(byLabel(shadow(el), 'Start on Wednesday').value).to.equal('10:00');
      expect(byLabel(shadow(el), 'End on Wednesday').value).to.equal('00:00'); // midnight, the end of the day

      const friday = byRole<HTMLInputElement>(shadow(el), 'checkbox', 'Friday');
      friday.focus();
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      const start = byLabel(shadow(el), 'Start on Friday');
      start.focus();
      await sendKeys({ type: '0730AM' });
      await until(() => start.value === '07:30', `typed start (got ${start.value})`);
      await tabTo(el, byLabel(shadow(el), 'End on Friday')); // Tab walks the time's fields, then on to the end time
      await sendKeys({ type: '0115PM' });
      await until(() => byLabel(shadow(el), 'End on Friday').value === '13:15', `typed end (got ${byLabel(shadow(el), 'End on Friday').value}, focus ${nameOf(shadow(el).activeElement!)})`);
      await tabTo(el, byRole(shadow(el), 'button', 'Save working hours'));
      await sendKeys({ press: 'Enter' });
      await until(() => changes.length === 1, 'saved');
      expect(changes[0]!.workingHours!.weekly).to.deep.equal({ 3: [{ start: '10:00', end: '24:00' }], 5: [{ start: '07:30', end: '13:15' }] });
      expect((await settings.load()).workingHours!.weekly[5]).to.deep.equal([{ start: '07:30', end: '13:15' }]);
    });
  });

  describe('notifications', () => {
    it('channels and reminders are saved and dispatched as meeting-settings-change', async () => {
      const { el, settings, changes } = await mountSettings();
      await until(() => byRole(shadow(el), 'table', 'Notify me when'), 'the notification table');
      const table = byRole(shadow(el), 'table', 'Notify me when');
      expect(allByRole(table, 'checkbox').map(nameOf)).to.deep.equal(
        ['New invite', 'Invite accepted', 'New time suggested', 'Invite declined', 'Meeting rescheduled', 'Meeting cancelled'].flatMap((k) => [
          `${k}: In-app`,
          `${k}: Email`,
        ]),
      );
      const email = byRole<HTMLInputElement>(table, 'checkbox', 'New invite: Email');
      expect(email.checked).to.equal(true);
      const fired = oneEvent(el, 'meeting-settings-change');
      email.click();
      const event = (await fired) as unknown as MeetingSettingsChangeEvent;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.settings.notifications.channels.proposed).to.deep.equal({ inApp: true, email: false });
      expect((await settings.load()).notifications.channels.proposed).to.deep.equal({ inApp: true, email: false });
      await until(() => announced(el) === 'Saved', 'Saved announced');

      const reminders = byRole(shadow(el), 'group', 'Remind me before a meeting starts');
      expect(allByRole(reminders, 'checkbox').map(nameOf)).to.deep.equal(['5 minutes', '10 minutes', '15 minutes', '30 minutes', '1 hour', '1 day']);
      expect(byRole<HTMLInputElement>(reminders, 'checkbox', '10 minutes').checked).to.equal(true);
      byRole(reminders, 'checkbox', '1 hour').click();
      await until(() => changes.length === 2, 'second save');
      const five = byRole<HTMLInputElement>(reminders, 'checkbox', '5 minutes');
      five.focus();
      await sendKeys({ press: 'Space' });
      await until(() => changes.length === 3, 'third save');
      byRole(table, 'checkbox', 'Meeting cancelled: In-app').focus();
      await sendKeys({ press: 'Space' });
      await until(() => changes.length === 4, 'fourth save');
      const last = (await settings.load()).notifications;
      expect(last.remindersMinutesBefore).to.deep.equal([5, 10, 60]);
      expect(last.channels.cancelled).to.deep.equal({ inApp: false, email: true });
      expect(changes[3]).to.deep.equal(await settings.load());
      await expect(el).to.be.accessible();
    });

    it('a settings save that fails is undone and the error announced', async () => {
      const { el, changes } = await mountSettings({
        settings: (inner) => ({
          load: () => inner.load(),
          save: async () => {
            throw new SchedulerError('provider-unavailable', 'down');
          },
        }),
      });
      await until(() => byRole(shadow(el), 'table', 'Notify me when'), 'the notification table');
      const box = byRole<HTMLInputElement>(shadow(el), 'checkbox', 'Invite declined: Email');
      box.click();
      await until(() => box.checked === true, 'undone');
      await until(() => announced(el) === 'Couldn’t save your change. The service is unavailable right now.', 'error announced');
      expect(textOf(shadow(el).querySelector('[part="notifications"]')!)).to.contain('Couldn’t save your change.');
      expect(changes).to.have.length(0);
    });

    it('“Mute this thread” adds the thread to the muted list and removes it again', async () => {
      const { el, settings, changes } = await mountSettings({ threadId: 't1' });
      await until(() => byRole(shadow(el), 'switch', 'Mute this thread'), 'the mute switch');
      const mute = byRole<HTMLInputElement>(shadow(el), 'switch', 'Mute this thread');
      expect(mute.checked).to.equal(false);
      mute.click();
      await until(() => changes.length === 1, 'muted');
      expect((await settings.load()).notifications.mutedThreadIds).to.deep.equal(['t1']);
      mute.focus();
      await sendKeys({ press: 'Space' });
      await until(() => changes.length === 2, 'unmuted');
      expect((await settings.load()).notifications.mutedThreadIds).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });

    it('offers no mute switch outside a thread', async () => {
      const { el } = await mountSettings();
      await until(() => byRole(shadow(el), 'table', 'Notify me when'), 'the notification table');
      expect(allByRole(shadow(el), 'switch')).to.have.length(0);
    });
  });

  describe('sections and languages', () => {
    it('section="notifications" shows only the notification settings', async () => {
      const { el } = await mountSettings({ section: 'notifications' });
      await until(() => byRole(shadow(el), 'table', 'Notify me when'), 'the notification table');
      expect(allByRole(shadow(el), 'heading').map(nameOf)).to.deep.equal(['Notifications']);
      el.section = 'calendars';
      await el.updateComplete;
      expect(allByRole(shadow(el), 'heading', 'Notifications')).to.have.length(0);
      byRole(shadow(el), 'heading', 'Calendars');
    });

    it('speaks German', async () => {
      const { el } = await mountSettings({ locale: 'de-DE', threadId: 't1', world: worldWithCalendars() });
      await until(() => byRole(shadow(el), 'checkbox', 'Für Überschneidungen berücksichtigen: Team'), 'German calendars');
      await until(() => byRole(shadow(el), 'table', 'Benachrichtige mich bei'), 'German notifications');
      byRole(shadow(el), 'heading', 'Kalender');
      byRole(shadow(el), 'heading', 'Benachrichtigungen');
      byRole(shadow(el), 'checkbox', 'Für Überschneidungen berücksichtigen: Team');
      byRole(shadow(el), 'group', 'Neue Meetings eintragen in');
      byRole(shadow(el), 'checkbox', 'Montag');
      byRole(shadow(el), 'checkbox', '1 Stunde');
      byRole(shadow(el), 'switch', 'Diese Unterhaltung stummschalten');
      expect(shadow(el).querySelector('.root')!.getAttribute('lang')).to.equal('de-DE');
      await expect(el).to.be.accessible();
    });

    it('speaks Arabic, right to left', async () => {
      const { el } = await mountSettings({ locale: 'ar-EG', threadId: 't1' });
      await calendarsShown(el);
      await until(() => byRole(shadow(el), 'heading', 'الإشعارات'), 'Arabic notifications');
      byRole(shadow(el), 'heading', 'التقويمات');
      byRole(shadow(el), 'button', 'فصل alice@acme.example');
      byRole(shadow(el), 'switch', 'كتم هذه المحادثة');
      const root = shadow(el).querySelector('.root')!;
      expect(root.getAttribute('dir')).to.equal('rtl');
      expect(getComputedStyle(root).direction).to.equal('rtl');
      await expect(el).to.be.accessible();
    });
  });

  it('keyboard only: connect Google, make it receive new meetings, count its calendar, save working hours', async () => {
    const world = createWorld();
    const personal = personalAccount(world);
    const { el, store, changes } = await mountSettings({ world, connect: async () => personal });
    await calendarsShown(el);
    shadow(el).querySelector<HTMLElement>('#calendars-heading')!.focus();

    await tabTo(el, byRole(shadow(el), 'button', 'Connect Google'));
    await sendKeys({ press: 'Enter' });
    await until(() => byRole(shadow(el), 'radio', 'Personal (alice@personal.example)'), 'the new account’s calendar offered');

    // From the current choice (the work calendar), the arrow moves to the new account's calendar.
    const current = byRole(shadow(el), 'radio', 'alice@acme.example');
    current.focus();
    await sendKeys({ press: 'ArrowDown' });
    await eventually(async () => (await saved(store, personal.id))?.targetCalendarId === 'alice@personal.example', 'target saved');
    expect((await saved(store, 'google-alice'))!.targetCalendarId).to.equal(undefined);

    // Shift+Tab back into the list to untick the personal calendar for conflicts.
    const count = byRole<HTMLInputElement>(shadow(el), 'checkbox', 'Count for conflicts: Personal');
    await sendKeys({ down: 'Shift' });
    for (let i = 0; i < 10 && shadow(el).activeElement !== count; i++) await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(shadow(el).activeElement).to.equal(count);
    await sendKeys({ press: 'Space' });
    await eventually(async () => (await saved(store, personal.id))?.conflictCalendarIds.length === 0, 'conflicts saved');

    await tabTo(el, byRole(shadow(el), 'checkbox', 'Monday'));
    await sendKeys({ press: 'Space' });
    await tabTo(el, byRole(shadow(el), 'button', 'Save working hours'));
    await sendKeys({ press: 'Enter' });
    await until(() => changes.length === 1, 'working hours saved');
    expect(changes[0]!.workingHours).to.deep.equal({ timeZone: 'America/New_York', weekly: { 1: [{ start: '09:00', end: '17:00' }] } });
  });
});
