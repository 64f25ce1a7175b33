/**
 * Security proof for the elements: the whole XSS corpus (test/fixtures/xss-payloads.ts)
 * in every field a person or a calendar controls — participant names, the thread
 * title, titles, messages, counter / reschedule / cancel / decline reasons, busy
 * calendar titles (Microsoft Graph and ICS feeds), account labels, calendar names —
 * rendered by the scheduler, the card in each state that shows them, and the settings.
 *
 * Each payload calls `__xss(id)` if it ever runs; the hook must never be called. Each
 * payload must appear verbatim as text, and no element, attribute or URL from it may
 * exist anywhere in the rendered tree (shadow roots included). Join links open only
 * when they are `https:` on an allowed host.
 */
import { expect, fixture } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import 'axe-core';
import { reduceMeeting, type CalendarAdapter, type CalendarConnection, type Interval, type Meeting, type MeetingEvent, type Participant, type ThreadAdapter } from '@meeting-scheduler/core';
import { icsFeedCalendar } from '@meeting-scheduler/adapters/ics-feed';
import type { MeetingCard } from '../../packages/elements/src/card/meeting-card.ts';
import type { MeetingScheduler } from '../../packages/elements/src/scheduler/meeting-scheduler.ts';
import type { MeetingSettings } from '../../packages/elements/src/settings/meeting-settings.ts';
import type { MeetingJoinRequestEvent } from '../../packages/elements/src/events.ts';
import { ALLOWED_JOIN, CRLF_PAYLOADS, FOREIGN_HTTPS_JOIN_URLS, HOSTILE_JOIN_URLS, XSS_HOOK, XSS_PAYLOADS, type XssPayload } from '../fixtures/xss-payloads.ts';
import { ALICE, BOB, createWorld, until, type World } from './world.ts';

/** Every payload: markup and script first, then the CR/LF group (plain text to the DOM). */
const PAYLOADS: readonly XssPayload[] = [...XSS_PAYLOADS, ...CRLF_PAYLOADS];
const N = PAYLOADS.length;
const payload = (i: number) => PAYLOADS[((i % N) + N) % N]!;

// ---------------------------------------------------------------------------
// The execution hook

const executed: string[] = [];

before(() => {
  (window as unknown as Record<string, unknown>)[XSS_HOOK] = (id: unknown) => void executed.push(String(id));
});
after(() => {
  delete (window as unknown as Record<string, unknown>)[XSS_HOOK];
});

/** Lets any onerror / onload / autofocus / animation a payload could have created fire. */
async function letHandlersFire(): Promise<void> {
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  await new Promise((r) => setTimeout(r, 150));
}

afterEach(async () => {
  await letHandlersFire();
  expect(executed, 'payloads that executed').to.deep.equal([]);
});

// ---------------------------------------------------------------------------
// Reading the rendered tree, through every shadow root

/** Every element under `root`, descending into open shadow roots. */
function deepElements(root: Element | ShadowRoot | Document): Element[] {
  const out: Element[] = [];
  const visit = (node: Element | ShadowRoot | Document) => {
    for (const el of node.querySelectorAll('*')) {
      out.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  if (root instanceof Element) {
    out.push(root);
    if (root.shadowRoot) visit(root.shadowRoot);
  }
  visit(root);
  return out;
}

/** The text a person gets: every text node in tree order, shadow roots included (style sheets left out). */
function deepText(root: Node): string {
  let text = '';
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      text += (node as Text).data;
      return;
    }
    if (node instanceof HTMLStyleElement) return;
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot);
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return text;
}

/** Every accessible name given by attribute (aria-label, title) under `root`. */
function deepLabels(root: Element): string[] {
  return deepElements(root).flatMap((el) => ['aria-label', 'title'].map((a) => el.getAttribute(a)).filter((v): v is string => v !== null));
}

/** Elements a payload would create if it were ever parsed as HTML. The elements render none of these. */
const FOREIGN =
  'script, img, iframe, frame, object, embed, math, video, audio, source, marquee, details, base, meta, link, style, noscript, foreignObject, animate, set, body, select, textarea[autofocus], [contenteditable]';
const ICON_PARTS = new Set(['svg', 'path', 'circle', 'rect', 'line', 'polyline', 'polygon', 'g']);

/** Asserts the tree holds nothing a payload could have made: no foreign element, handler, script URL or stray attribute. */
function expectNoInjectedMarkup(root: Element): void {
  const elements = deepElements(root);
  const foreign = elements.filter((el) => el.matches(FOREIGN));
  expect(foreign.map((el) => el.outerHTML.slice(0, 120)), 'elements a payload would create').to.deep.equal([]);
  for (const el of elements) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      expect(name.startsWith('on'), `event handler attribute ${name} on <${el.localName}>`).to.equal(false);
      const stray = ['srcdoc', 'formaction', 'xlink:href', 'src', 'action', 'background', 'poster', 'data'].includes(name) || (name === 'style' && !/^--_days: \d+;?$/.test(attr.value.trim()));
      expect(stray, `${name}="${attr.value}" on <${el.localName}>`).to.equal(false);
      if (name === 'href') expect(attr.value, 'a link').to.match(/^(https:\/\/(calendar\.google\.com|outlook\.live\.com|outlook\.office\.com)\/|data:text\/calendar;charset=utf-8,)/);
    }
    if (el.namespaceURI === 'http://www.w3.org/2000/svg') {
      expect(ICON_PARTS.has(el.localName), `<${el.localName}> inside an icon`).to.equal(true);
      expect(el.closest('svg')?.getAttribute('aria-hidden'), 'icons are decorative').to.equal('true');
    }
  }
}

/** Asserts each payload shows up, exactly as written, in the text (or, for `labels`, an accessible name). */
function expectVerbatim(root: Element, texts: string[], where: 'text' | 'labels' = 'text'): void {
  const haystack = where === 'text' ? deepText(root) : deepLabels(root).join('\n');
  const missing = texts.filter((t) => !haystack.includes(t));
  expect(missing.map((t) => JSON.stringify(t)), `payloads missing from the ${where} (of ${texts.length})`).to.deep.equal([]);
}

/**
 * Text with explicit bidi controls, as the elements insert it into their own sentences:
 * between FSI and PDI, so an override it leaves open ends with it.
 */
const isolated = (text: string) => (/[\u202A-\u202E\u2066-\u2069]/u.test(text) ? `\u2068${text}\u2069` : text);

// ---------------------------------------------------------------------------
// Mounting

const OPT_A: Interval = { start: '2026-03-10T13:00:00Z', end: '2026-03-10T13:30:00Z' };
const OPT_B: Interval = { start: '2026-03-10T15:00:00Z', end: '2026-03-10T15:30:00Z' };
const OPT_C: Interval = { start: '2026-03-11T13:00:00Z', end: '2026-03-11T13:30:00Z' };

interface MountOptions {
  as: string;
  timeZone?: string;
  thread?: ThreadAdapter;
  calendarFor?: (c: CalendarConnection) => CalendarAdapter | undefined;
  joinHosts?: string[];
  createShareLink?: (meeting: Meeting, guestId: string) => Promise<string>;
  prepare?: (env: ReturnType<World['environment']>) => Promise<void>;
}

/** `<meeting-provider>` as one user of `world`, around `template`; resolves to the provider. */
async function mount(world: World, template: TemplateResult, o: MountOptions): Promise<HTMLElement> {
  const env = world.environment(o.as);
  await o.prepare?.(env);
  const person = world.participants.find((p) => p.id === o.as);
  return fixture<HTMLElement>(html`
    <meeting-provider
      .thread=${o.thread ?? env.thread}
      .connections=${env.connections}
      .calendarFor=${o.calendarFor ?? env.calendarFor}
      .settings=${env.settings}
      .openUrl=${env.openUrl}
      .now=${env.now}
      .joinHosts=${o.joinHosts}
      .createShareLink=${o.createShareLink}
      locale="en-US"
      time-zone=${o.timeZone ?? person?.timeZone ?? 'UTC'}
    >
      ${template}
    </meeting-provider>
  `);
}

/** The thread adapter with the thread's title replaced (no element shows it today; it must stay harmless if one does). */
function titled(adapter: ThreadAdapter, title: string): ThreadAdapter {
  return {
    getThread: async (id, o) => ({ ...(await adapter.getThread(id, o)), title }),
    listEvents: (id, o) => adapter.listEvents(id, o),
    appendEvent: (id, e, o) => adapter.appendEvent(id, e, o),
    ...(adapter.subscribe ? { subscribe: (id: string, on: (e: MeetingEvent[]) => void) => adapter.subscribe!(id, on) } : {}),
  };
}

const cardsIn = (provider: Element) => [...provider.querySelectorAll<MeetingCard>('meeting-card')];

async function cardsReady(provider: Element): Promise<MeetingCard[]> {
  const cards = cardsIn(provider);
  await until(() => cards.every((c) => c.shadowRoot?.querySelector('[role=heading]')), `${cards.length} cards to render`, 30_000);
  await Promise.all(cards.map((c) => c.updateComplete));
  return cards;
}

/** People named after payloads: `o<i>` carries payload i + `nameShift`. */
function hostilePeople(nameShift: number): Participant[] {
  return PAYLOADS.map((_, i) => ({ id: `o${i}`, name: payload(i + nameShift).text, timeZone: i % 2 ? 'Europe/Berlin' : 'Asia/Kolkata', email: `o${i}@people.example` }));
}

const at = (minute: number) => new Date(Date.parse('2026-03-09T10:00:00Z') + minute * 60_000).toISOString().replace('.000Z', 'Z');

// ---------------------------------------------------------------------------

describe('the XSS corpus', () => {
  it(`has at least 50 distinct payloads of every kind, each calling the hook (${N})`, () => {
    expect(new Set(PAYLOADS.map((p) => p.text)).size).to.equal(N);
    expect(XSS_PAYLOADS.length).to.be.greaterThanOrEqual(50);
    expect(new Set(PAYLOADS.map((p) => p.kind)).size).to.equal(12);
    // Proof the hook works: a payload parsed as HTML (what the elements must never do) does call it.
    const probe = document.createElement('div');
    probe.innerHTML = PAYLOADS.find((p) => p.id === 'details-ontoggle')!.text;
    document.body.append(probe);
    return until(() => executed.length === 1, 'the probe payload to run').then(() => {
      expect(executed).to.deep.equal(['details-ontoggle']);
      executed.length = 0;
      probe.remove();
    });
  });
});

describe('<meeting-card> renders hostile text as text', function () {
  // Dozens of elements per test, each with every payload: more than the default 10 s on a busy machine.
  this.timeout(60_000);
  /**
   * One card per payload, each meeting with its own author `o<i>`: the title carries
   * payload i, the message (or reason) payload i+1, the author's name payload i+2.
   */
  async function cards(viewer: string, events: (i: number) => MeetingEvent[], o: Partial<MountOptions> = {}) {
    const people = [ALICE, BOB, ...hostilePeople(2)];
    const world = createWorld({ participants: people, events: PAYLOADS.flatMap((_, i) => events(i)), unconnected: people.map((p) => p.id), now: '2026-03-09T14:00:00Z' });
    const provider = await mount(
      world,
      html`${PAYLOADS.map((_, i) => html`<meeting-card thread-id="t1" meeting-id=${`m${i}`}></meeting-card>`)}`,
      { as: viewer, ...o, thread: titled(world.threads.as(viewer), payload(0).text) },
    );
    return { world, provider, cards: await cardsReady(provider) };
  }

  const proposed = (i: number, by: string, invitee: string, extra: Partial<Extract<MeetingEvent, { type: 'proposed' }>> = {}): MeetingEvent => ({
    type: 'proposed', id: `p${i}`, meetingId: `m${i}`, by, at: at(0), threadId: 't1', invitees: [invitee],
    options: [OPT_A, OPT_B], durationMinutes: 30, title: payload(i).text, message: payload(i + 1).text, ...extra,
  });
  const followUp = (i: number, type: string, by: string, sequence: number, extra: Record<string, unknown>) =>
    ({ type, id: `${type}${i}`, meetingId: `m${i}`, by, at: at(type.length), sequence, ...extra }) as MeetingEvent;

  function expectEachCard(cs: MeetingCard[], expected: (i: number) => string[]): void {
    cs.forEach((card, i) => expectVerbatim(card, expected(i)));
  }

  it('invited: title, message and the organizer’s name', async () => {
    const { provider, cards: cs } = await cards('bob', (i) => [proposed(i, `o${i}`, 'bob')]);
    expect(cs.every((c) => c.shadowRoot!.querySelectorAll('input[type=radio]').length === 2)).to.equal(true);
    expectEachCard(cs, (i) => [payload(i).text, payload(i + 1).text, payload(i + 2).text]);
    expectNoInjectedMarkup(provider);
    await expect(cs[N - 7]).to.be.accessible();
  });

  it('waiting: the invitee’s name for the organizer', async () => {
    const { provider, cards: cs } = await cards('alice', (i) => [proposed(i, 'alice', `o${i}`)]);
    expectEachCard(cs, (i) => [payload(i).text, payload(i + 2).text]);
    expectNoInjectedMarkup(provider);
  });

  it('countered: the counter’s message and who suggested it', async () => {
    const { provider, cards: cs } = await cards('bob', (i) => [
      proposed(i, 'bob', `o${i}`, { message: 'plain' }),
      followUp(i, 'countered', `o${i}`, 0, { options: [OPT_C], message: payload(i + 1).text }),
    ]);
    expectEachCard(cs, (i) => [payload(i).text, payload(i + 1).text, payload(i + 2).text]);
    expectNoInjectedMarkup(provider);
  });

  it('rescheduled: the reason and who asked', async () => {
    const { provider, cards: cs } = await cards('bob', (i) => [
      proposed(i, `o${i}`, 'bob', { message: 'plain' }),
      followUp(i, 'accepted', 'bob', 0, { option: OPT_A }),
      followUp(i, 'rescheduled', `o${i}`, 1, { options: [OPT_C], reason: payload(i + 1).text }),
    ]);
    expectEachCard(cs, (i) => [payload(i).text, payload(i + 1).text, payload(i + 2).text]);
    expectNoInjectedMarkup(provider);
  });

  it('cancelled: the reason and who cancelled', async () => {
    const { provider, cards: cs } = await cards('bob', (i) => [
      proposed(i, `o${i}`, 'bob', { message: 'plain' }),
      followUp(i, 'accepted', 'bob', 0, { option: OPT_A }),
      followUp(i, 'cancelled', `o${i}`, 1, { reason: payload(i + 1).text }),
    ]);
    expectEachCard(cs, (i) => [payload(i).text, payload(i + 1).text, payload(i + 2).text]);
    expectNoInjectedMarkup(provider);
  });

  it('declined: the reason and who declined', async () => {
    const { provider, cards: cs } = await cards('bob', (i) => [
      proposed(i, 'bob', `o${i}`, { message: 'plain' }),
      followUp(i, 'declined', `o${i}`, 0, { reason: payload(i + 1).text }),
    ]);
    expectEachCard(cs, (i) => [payload(i).text, payload(i + 1).text, payload(i + 2).text]);
    expectNoInjectedMarkup(provider);
  });

  it('confirmed: title and names, with the Add to calendar menu open', async () => {
    const { provider, cards: cs } = await cards('bob', (i) => [
      proposed(i, `o${i}`, 'bob', { joinUrl: ALLOWED_JOIN.url }),
      followUp(i, 'accepted', 'bob', 0, { option: OPT_A }),
    ]);
    for (const card of cs) card.shadowRoot!.querySelector<HTMLButtonElement>('#calendar-toggle')!.click();
    await Promise.all(cs.map((c) => c.updateComplete));
    expect(cs.every((c) => c.shadowRoot!.querySelectorAll('#calendar-menu a[href]').length === 4)).to.equal(true);
    expectEachCard(cs, (i) => [payload(i).text, payload(i + 2).text]);
    expectNoInjectedMarkup(provider);
  });

  it('a right-to-left override in a name cannot reorder the card’s own words', async () => {
    const names = ['\u202EAlice', '\u202BAlice', '\u2067Alice'];
    const people = names.map((name, i) => ({ id: `o${i}`, name, timeZone: 'America/New_York', email: `o${i}@x.example` }));
    const world = createWorld({ participants: [BOB, ...people], events: names.map((_, i) => proposed(i, `o${i}`, 'bob', { title: 'Logo review', options: [OPT_A] })), unconnected: ['bob'] });
    const provider = await mount(world, html`${names.map((_, i) => html`<meeting-card thread-id="t1" meeting-id=${`m${i}`}></meeting-card>`)}`, { as: 'bob' });
    const cs = await cardsReady(provider);
    /** Where a piece of the subtitle is drawn. */
    const left = (node: Text, piece: string) => {
      const range = document.createRange();
      const at = node.data.indexOf(piece);
      range.setStart(node, at);
      range.setEnd(node, at + piece.length);
      return range.getBoundingClientRect().left;
    };
    for (const [i, card] of cs.entries()) {
      const subtitle = card.shadowRoot!.querySelector('.subtitle')!;
      expect(subtitle.textContent).to.equal(`Invite from \u2068${names[i]}\u2069 · 30 minutes`);
      const text = [...subtitle.childNodes].find((n): n is Text => n instanceof Text && n.data.includes('Invite'))!;
      // Left to right as written: the name stays between "Invite from" and "30 minutes".
      expect(left(text, 'Invite'), names[i]).to.be.below(left(text, 'Alice'));
      expect(left(text, 'Alice'), names[i]).to.be.below(left(text, '30'));
      expect(left(text, '30'), names[i]).to.be.below(left(text, 'minutes'));
    }
  });

  it('a reason typed into the decline form is sent and shown as text', async () => {
    const world = createWorld({ events: [proposed(0, 'alice', 'bob')], unconnected: ['alice', 'bob'] });
    const provider = await mount(world, html`<meeting-card thread-id="t1" meeting-id="m0"></meeting-card>`, { as: 'bob' });
    const [card] = await cardsReady(provider);
    const decline = [...card!.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Decline')!;
    decline.click();
    await card!.updateComplete;
    const reason = PAYLOADS.slice(0, 8).map((p) => p.text).join(' ').slice(0, 500);
    const textarea = card!.shadowRoot!.querySelector<HTMLTextAreaElement>('#reason')!;
    textarea.value = reason;
    textarea.dispatchEvent(new Event('input'));
    card!.shadowRoot!.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await until(async () => (await world.threads.listEvents('t1')).length === 2, 'the decline stored');
    const stored = (await world.threads.listEvents('t1'))[1];
    expect(stored && 'reason' in stored ? stored.reason : undefined).to.equal(reason.trim());
    const alice = await mount(world, html`<meeting-card thread-id="t1" meeting-id="m0"></meeting-card>`, { as: 'alice' });
    const [aliceCard] = await cardsReady(alice);
    await until(() => deepText(aliceCard!).includes('declined'), 'the decline shown');
    expectVerbatim(aliceCard!, [reason.trim()]);
    expectNoInjectedMarkup(alice);
  });

  it('guest view: a meeting the host passes in, with hostile title and participants', async () => {
    const thread = { id: 't1', currentUserId: 'alice', participants: [ALICE, BOB, ...hostilePeople(2)] };
    const meetings = PAYLOADS.map((_, i) =>
      reduceMeeting([proposed(i, `o${i}`, 'bob', { joinUrl: ALLOWED_JOIN.url }), followUp(i, 'accepted', 'bob', 0, { option: OPT_A })], thread),
    );
    const provider = await fixture<HTMLElement>(html`
      <meeting-provider locale="en-US" time-zone="Asia/Kolkata" .now=${() => '2026-03-10T12:58:00Z'} .openUrl=${() => executed.push('guest-open')}>
        ${meetings.map((m) => html`<meeting-card guest guest-id="g1" .meeting=${m}></meeting-card>`)}
      </meeting-provider>
    `);
    const cs = await cardsReady(provider);
    expectEachCard(cs, (i) => [payload(i).text]);
    expectNoInjectedMarkup(provider);
  });
});

describe('<meeting-scheduler> renders hostile text as text', function () {
  // Dozens of elements per test, each with every payload: more than the default 10 s on a busy machine.
  this.timeout(60_000);
  /** Tuesday to Saturday (an en-US week starts on Sunday), 9:00 to 17:30 New York time: a half hour for each payload. */
  const busySlot = (i: number): Interval => {
    const day = 10 + Math.floor(i / 18);
    const minutes = 9 * 60 + (i % 18) * 30;
    const start = Date.UTC(2026, 2, day, 13, 0) + (minutes - 9 * 60) * 60_000;
    return { start: new Date(start).toISOString().replace('.000Z', 'Z'), end: new Date(start + 30 * 60_000).toISOString().replace('.000Z', 'Z') };
  };
  const settled = async (el: MeetingScheduler) => {
    await until(() => el.shadowRoot!.querySelector('[role="grid"]')?.getAttribute('aria-busy') === 'false' && !/Loading/.test(deepText(el)), 'availability', 10_000);
    await el.updateComplete;
  };

  it('participant names (invitee list and chips), with a hostile thread title', async () => {
    const people = [ALICE, ...hostilePeople(0)];
    const world = createWorld({ participants: people, unconnected: people.map((p) => p.id) });
    const provider = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`, { as: 'alice', thread: titled(world.threads.as('alice'), payload(1).text) });
    const el = provider.firstElementChild as MeetingScheduler;
    await settled(el);
    const cell = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="gridcell"]')].find((c) => /Tuesday, March 10, 10:00/.test(c.getAttribute('aria-label') ?? ''))!;
    cell.click();
    await el.updateComplete;
    expectVerbatim(el, PAYLOADS.map((p) => p.text));
    expectNoInjectedMarkup(provider);
    await expect(el).to.be.accessible({ ignoredRules: ['color-contrast'] });
  });

  it('busy titles from Microsoft 365 are shown as “Busy: …” in cell names and the hint', async () => {
    const world = createWorld({ calendars: { alice: PAYLOADS.map((p, i) => ({ summary: p.text, ...busySlot(i) })) }, unconnected: ['alice'] });
    const provider = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`, {
      as: 'alice',
      prepare: (env) => env.connections!.save({ id: 'ms-alice', provider: 'microsoft', accountLabel: ALICE.email!, conflictCalendarIds: [ALICE.email!] }),
    });
    const el = provider.firstElementChild as MeetingScheduler;
    await settled(el);
    await until(() => deepLabels(el).some((l) => l.includes('Busy: ')), 'busy cells');
    expectVerbatim(el, PAYLOADS.map((p) => `Busy: ${isolated(p.text.trim())}`), 'labels');
    const busy = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="gridcell"]')].find((c) => c.getAttribute('aria-label')?.includes(`Busy: ${payload(6).text}`))!;
    busy.focus();
    busy.dispatchEvent(new MouseEvent('mouseenter'));
    await el.updateComplete;
    expectVerbatim(el, [`Busy: ${payload(6).text}`]);
    expectNoInjectedMarkup(provider);
  });

  it('busy titles, places and descriptions from an ICS feed', async () => {
    const url = 'https://feeds.example/hostile.ics';
    const feed = hostileFeed(url, (i) => busySlot(i));
    const world = createWorld({ unconnected: ['alice', 'bob'] });
    const provider = await mount(world, html`<meeting-scheduler thread-id="t1" inline></meeting-scheduler>`, {
      as: 'alice',
      calendarFor: (c) => (c.provider === 'ics' && c.url ? icsFeedCalendar({ url: c.url, fetch: feedFetch(new Map([[url, feed]])), retry: { retries: 0 } }) : undefined),
      prepare: async (env) => env.connections!.save({ id: 'ics-hostile', provider: 'ics', accountLabel: payload(0).text, url, conflictCalendarIds: [url] }),
    });
    const el = provider.firstElementChild as MeetingScheduler;
    await settled(el);
    await until(() => deepLabels(el).some((l) => l.includes('Busy: ')), 'busy cells from the feed');
    expectVerbatim(el, PAYLOADS.map((p) => `Busy: ${isolated(icsText(p.text).trim())}`), 'labels');
    expectNoInjectedMarkup(provider);
  });
});

// ---------------------------------------------------------------------------
// ICS feeds

/** What a TEXT value reads back as: iCalendar has no CR, so a CRLF comes back as LF. */
const icsText = (s: string) => s.replace(/\r\n?/g, '\n');
const escapeText = (s: string) => s.replace(/\r\n?/g, '\n').replace(/[\\;,\n]/g, (ch) => (ch === '\n' ? '\\n' : `\\${ch}`));
const icsStamp = (iso: string) => iso.replace(/[-:]/g, '');

/** A feed with one event per payload: SUMMARY, LOCATION and DESCRIPTION hostile; its name too. */
function hostileFeed(url: string, when: (i: number) => Interval, name = payload(1).text): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${escapeText(payload(2).text)}`, `X-WR-CALNAME:${escapeText(name)}`];
  PAYLOADS.forEach((p, i) => {
    const slot = when(i);
    lines.push(
      'BEGIN:VEVENT',
      `UID:hostile-${i}@feeds.example`,
      'DTSTAMP:20260301T000000Z',
      `DTSTART:${icsStamp(slot.start)}`,
      `DTEND:${icsStamp(slot.end)}`,
      `SUMMARY:${escapeText(p.text)}`,
      `LOCATION:${escapeText(payload(i + 1).text)}`,
      `DESCRIPTION:${escapeText(payload(i + 2).text)}`,
      `URL:javascript:${XSS_HOOK}('feed-url-${i}')`,
      'END:VEVENT',
    );
  });
  lines.push('END:VCALENDAR', '');
  return lines.join('\r\n');
}

const feedFetch = (feeds: Map<string, string>): typeof fetch => async (input) => {
  const body = feeds.get(input instanceof Request ? input.url : String(input));
  return body === undefined ? new Response('Not Found', { status: 404 }) : new Response(body, { headers: { 'content-type': 'text/calendar' } });
};

describe('<meeting-settings> renders hostile text as text', function () {
  // Dozens of elements per test, each with every payload: more than the default 10 s on a busy machine.
  this.timeout(60_000);
  it('account labels, calendar names and ICS feed names', async () => {
    const world = createWorld();
    const account = world.calendarStore.account(ALICE.email!)!;
    account.calendars.push(...PAYLOADS.map((p, i) => ({ id: `cal-${i}@acme.example`, name: p.text, timeZone: 'UTC' })));
    const feeds = new Map<string, string>();
    const feedCount = 12;
    for (let i = 0; i < feedCount; i++) feeds.set(`https://feeds.example/${i}.ics`, hostileFeed(`https://feeds.example/${i}.ics`, () => OPT_A, payload(i + 1).text));
    const google = world.environment('alice').calendarFor!;
    const provider = await mount(world, html`<meeting-settings></meeting-settings>`, {
      as: 'alice',
      calendarFor: (c) => (c.provider === 'ics' && c.url ? icsFeedCalendar({ url: c.url, fetch: feedFetch(feeds), retry: { retries: 0 } }) : google(c)),
      prepare: async (env) => {
        for (let i = 0; i < feedCount; i++) {
          await env.connections!.save({ id: `ics-${i}`, provider: 'ics', accountLabel: payload(i + 40).text, url: `https://feeds.example/${i}.ics`, conflictCalendarIds: [] });
        }
      },
    });
    const el = provider.firstElementChild as MeetingSettings;
    await until(() => !deepText(el).includes('Loading calendars') && deepText(el).includes(payload(N - 1).text), 'calendars to load', 10_000);
    await until(() => deepText(el).includes(payload(feedCount).text), 'feed calendars to load', 10_000);
    expectVerbatim(el, PAYLOADS.map((p) => p.text));
    expectVerbatim(el, Array.from({ length: feedCount }, (_, i) => payload(i + 40).text));
    expectNoInjectedMarkup(provider);
    await expect(el).to.be.accessible({ ignoredRules: ['color-contrast'] });
  });
});

// ---------------------------------------------------------------------------
// Links

describe('join links and calendar links', function () {
  // Dozens of elements per test, each with every payload: more than the default 10 s on a busy machine.
  this.timeout(60_000);
  const NOW_IN_WINDOW = '2026-03-10T13:05:00Z';
  const confirmedWith = (joinUrl: string): MeetingEvent[] => [
    { type: 'proposed', id: 'p', meetingId: 'm1', by: 'alice', at: at(0), threadId: 't1', invitees: ['bob'], options: [OPT_A], durationMinutes: 30, title: 'Logo', joinUrl },
    { type: 'accepted', id: 'a', meetingId: 'm1', by: 'bob', at: at(1), sequence: 0, option: OPT_A },
  ];
  const buttons = (card: MeetingCard) => [...card.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.trim());
  const allLinks = (card: MeetingCard) => [...card.shadowRoot!.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!);

  it('Join on an allowed https host opens the call', async () => {
    const world = createWorld({ events: confirmedWith(ALLOWED_JOIN.url), now: NOW_IN_WINDOW, unconnected: ['alice', 'bob'] });
    const provider = await mount(world, html`<meeting-card thread-id="t1" meeting-id="m1"></meeting-card>`, { as: 'bob', joinHosts: [ALLOWED_JOIN.host] });
    const [card] = await cardsReady(provider);
    const requests: string[] = [];
    card!.addEventListener('meeting-join-request', (e) => requests.push((e as MeetingJoinRequestEvent).joinUrl));
    [...card!.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Join')!.click();
    expect(world.opened).to.deep.equal([ALLOWED_JOIN.url]);
    expect(requests).to.deep.equal([ALLOWED_JOIN.url]);
    await expect(card).to.be.accessible();
  });

  it('https links outside the host’s joinHosts are not offered, opened or put into calendar links', async () => {
    for (const url of FOREIGN_HTTPS_JOIN_URLS) {
      const world = createWorld({ events: confirmedWith(ALLOWED_JOIN.url), now: NOW_IN_WINDOW, unconnected: ['alice', 'bob'] });
      // The fold stores any https link; the host's allow-list is the card's to enforce.
      const thread = world.threads.as('bob');
      const adapter: ThreadAdapter = {
        getThread: (id, o) => thread.getThread(id, o),
        listEvents: async () => confirmedWith(url),
        appendEvent: (id, e, o) => thread.appendEvent(id, e, o),
      };
      let folded: string | undefined;
      try {
        folded = reduceMeeting(confirmedWith(url), await thread.getThread('t1')).joinUrl;
      } catch {
        continue; // core refuses the link outright (safe-join-url.test.ts): there is no meeting to show
      }
      const provider = await mount(world, html`<meeting-card thread-id="t1" meeting-id="m1"></meeting-card>`, { as: 'bob', joinHosts: [ALLOWED_JOIN.host], thread: adapter });
      const [card] = await cardsReady(provider);
      expect(folded, url).to.be.a('string');
      expect(buttons(card!), url).not.to.include('Join');
      expect(deepText(card!), url).to.contain('call link');
      card!.shadowRoot!.querySelector<HTMLButtonElement>('#calendar-toggle')!.click();
      await card!.updateComplete;
      const links = allLinks(card!);
      expect(links, url).to.have.length(4);
      for (const link of links) {
        const decoded = decodeURIComponent(link);
        expect(decoded.includes(folded!), `${url} in ${link.slice(0, 60)}…`).to.equal(false);
      }
      expect(world.opened, url).to.deep.equal([]);
      expectNoInjectedMarkup(provider);
    }
  });

  it('javascript:, data:, http: and malformed join links passed in by a host are never offered or opened', async () => {
    const thread = { id: 't1', currentUserId: 'alice', participants: [ALICE, BOB] };
    const base = reduceMeeting(confirmedWith(ALLOWED_JOIN.url), thread);
    const opened: string[] = [];
    const provider = await fixture<HTMLElement>(html`
      <meeting-provider locale="en-US" time-zone="UTC" .now=${() => NOW_IN_WINDOW} .openUrl=${(u: string) => opened.push(u)}>
        ${HOSTILE_JOIN_URLS.map(({ url }) => html`<meeting-card guest .meeting=${{ ...base, joinUrl: url }}></meeting-card>`)}
      </meeting-provider>
    `);
    const cs = await cardsReady(provider);
    for (const [i, card] of cs.entries()) {
      const { url, why } = HOSTILE_JOIN_URLS[i]!;
      expect(buttons(card), why).not.to.include('Join');
      expect(deepText(card), why).to.contain('call link');
      card.shadowRoot!.querySelector<HTMLButtonElement>('#calendar-toggle')!.click();
      await card.updateComplete;
      for (const link of allLinks(card)) expect(decodeURIComponent(link).includes(url.trim()), `${why} in a calendar link`).to.equal(false);
      // Even a click on every button opens nothing.
      for (const b of card.shadowRoot!.querySelectorAll('button')) b.click();
      await card.updateComplete;
    }
    expect(opened).to.deep.equal([]);
    expectNoInjectedMarkup(provider);
  });

  it('a backend that serves events with javascript: or data: join links gets them ignored by the fold', async () => {
    const world = createWorld({ now: NOW_IN_WINDOW, unconnected: ['alice', 'bob'] });
    const inner = world.threads.as('bob');
    const forged = HOSTILE_JOIN_URLS.flatMap(({ url }, i) =>
      confirmedWith(url).map((e) => ({ ...e, id: `${e.id}${i}`, meetingId: `m${i}` }) as MeetingEvent),
    );
    const adapter: ThreadAdapter = { getThread: (id, o) => inner.getThread(id, o), listEvents: async () => forged, appendEvent: (id, e, o) => inner.appendEvent(id, e, o) };
    const provider = await mount(world, html`${HOSTILE_JOIN_URLS.map((_, i) => html`<meeting-card thread-id="t1" meeting-id=${`m${i}`}></meeting-card>`)}`, { as: 'bob', thread: adapter });
    await until(() => cardsIn(provider).every((c) => deepText(c).trim() !== ''), 'the cards to settle');
    for (const card of cardsIn(provider)) {
      expect(buttons(card)).not.to.include('Join');
      for (const b of card.shadowRoot!.querySelectorAll('button')) b.click();
    }
    expect(world.opened).to.deep.equal([]);
    expectNoInjectedMarkup(provider);
  });

  it('a share link is shown as text to copy, never as a link, and opens nothing', async () => {
    const world = createWorld({ events: confirmedWith(ALLOWED_JOIN.url), unconnected: ['alice', 'bob'] });
    const provider = await mount(world, html`<meeting-card thread-id="t1" meeting-id="m1"></meeting-card>`, {
      as: 'alice',
      joinHosts: [ALLOWED_JOIN.host],
      createShareLink: async () => `javascript:${XSS_HOOK}('share-link')`,
    });
    const [card] = await cardsReady(provider);
    [...card!.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Share link')!.click();
    await until(() => card!.shadowRoot!.querySelector<HTMLInputElement>('#share-url'), 'the share link');
    const input = card!.shadowRoot!.querySelector<HTMLInputElement>('#share-url')!;
    expect(input.value).to.equal(`javascript:${XSS_HOOK}('share-link')`);
    expect(input.readOnly).to.equal(true);
    expect(allLinks(card!).some((href) => href.startsWith('javascript:'))).to.equal(false);
    expect(world.opened).to.deep.equal([]);
    expectNoInjectedMarkup(provider);
  });
});
