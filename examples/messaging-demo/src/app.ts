/**
 * The messaging app: thread list, conversation (messages, meeting cards, composer),
 * header with the calendar icon (`<meeting-scheduler>`), meeting settings, toasts,
 * the email outbox, the demo clock and the in-app call room. Rendered in the light
 * DOM (one stylesheet, role queries from tests reach everything); every piece of text
 * that comes from people goes through Lit text bindings, never HTML.
 */
import {
  DEFAULT_NOTIFICATION_PREFERENCES,
  dueReminders,
  reduceThreadMeetings,
  shouldNotify,
  type CalendarConnection,
  type Meeting,
  type MeetingEvent,
  type NotificationPreferences,
  type ThreadInfo,
} from '@meeting-scheduler/core';
import { joinUrlConferencing } from '@meeting-scheduler/adapters/conferencing';
import { localConnectionStore } from '@meeting-scheduler/adapters/connections';
import type { HttpThread } from '@meeting-scheduler/adapters/http';
import type { MeetingSettingsChangeEvent, SettingsStore } from '@meeting-scheduler/elements';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { DemoPerson } from '../shared/people.ts';
import { demoApi, type OutboxEmail } from './api.ts';
import { feedUrlFor, type DemoCalendars } from './calendars.ts';
import type { DemoClock } from './clock.ts';
import { clockIn, fullTime, initials, messageTime, slotText } from './format.ts';
import { ThreadHub, type TimelineItem } from './hub.ts';

type Provider = 'google' | 'microsoft';

interface Toast {
  id: string;
  text: string;
  threadId?: string;
  tone: 'info' | 'reminder';
}

const MINUTE = 60_000;
const CALL_HOSTS = ['meet.google.com', 'teams.microsoft.com', 'teams.live.com', 'call.messaging-demo.example'];

function newId(prefix: string): string {
  return `${prefix}-${crypto.getRandomValues(new Uint32Array(4)).join('').slice(0, 24)}`;
}

export interface AppSetup {
  user: DemoPerson;
  people: DemoPerson[];
  http: HttpThread;
  calendars: DemoCalendars;
  clock: DemoClock;
}

export class DemoApp extends LitElement {
  setup!: AppSetup;

  @state() private threads: ThreadInfo[] = [];
  @state() private activeId: string | undefined;
  @state() private pane: 'list' | 'conversation' = 'list';
  @state() private zoneMode: 'profile' | 'browser' = (localStorage.getItem('meeting-demo:zone') as 'browser' | null) ?? 'profile';
  @state() private prefs: NotificationPreferences = DEFAULT_NOTIFICATION_PREFERENCES;
  @state() private toasts: Toast[] = [];
  @state() private outbox: OutboxEmail[] = [];
  @state() private outboxSeen = Number(sessionStorage.getItem('meeting-demo:outbox-seen') ?? 0);
  @state() private sending = false;
  @state() private sendError: string | undefined;
  @state() private clockOpen = false;
  @state() private call: { url: string; meeting: Meeting | undefined; threadId: string | undefined } | undefined;
  @state() private connecting: { provider: Provider; resolve: (c: CalendarConnection) => void; reject: (e: Error) => void } | undefined;
  @state() private connectError: string | undefined;
  @state() private loadError: string | undefined;
  @state() private tick = 0;
  @state() private nowFn: () => string = () => this.setup.clock.now();

  private hub!: ThreadHub;
  private drafts = new Map<string, { id: string; text: string }>();
  private readIds: Record<string, string[]> = {};
  private shownReminders = new Set<string>();
  private timers: Array<ReturnType<typeof setInterval>> = [];
  private stickToBottom = true;
  private scrolledFor: string | undefined;

  private readonly connections = () => localConnectionStore({ userId: this.setup.user.id, key: `meeting-demo:connections:v1:${this.setup.user.id}` });
  private connectionStore: ReturnType<typeof localConnectionStore> | undefined;
  private readonly conferencing = joinUrlConferencing({ template: 'https://call.messaging-demo.example/{meetingId}' });

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private get user(): DemoPerson {
    return this.setup.user;
  }

  private get zone(): string {
    return this.zoneMode === 'browser' ? Intl.DateTimeFormat().resolvedOptions().timeZone : this.user.timeZone;
  }

  private get active(): ThreadInfo | undefined {
    return this.threads.find((t) => t.id === this.activeId);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const key = `meeting-demo:read:v1:${this.user.id}`;
    this.readIds = JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, string[]>;
    this.shownReminders = new Set(JSON.parse(localStorage.getItem(`meeting-demo:reminders:v1:${this.user.id}`) ?? '[]') as string[]);
    this.connectionStore = this.connections();
    this.hub = new ThreadHub(this.setup.http, {
      fresh: (threadId, items) => this.onFresh(threadId, items),
      changed: () => {
        this.markRead();
        this.requestUpdate();
      },
    });
    this.setup.clock.onChange(() => {
      this.nowFn = () => this.setup.clock.now();
      this.checkReminders();
    });
    void this.boot();
    this.timers.push(setInterval(() => (this.tick += 1), 30_000));
    this.timers.push(setInterval(() => this.checkReminders(), 15_000));
    this.timers.push(setInterval(() => void this.loadOutbox(), 5_000));
    addEventListener('popstate', this.onPopState);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.hub.stop();
    for (const t of this.timers) clearInterval(t);
    removeEventListener('popstate', this.onPopState);
  }

  private async boot(): Promise<void> {
    try {
      const [threads, settings] = await Promise.all([this.hub.start(), demoApi.settings()]);
      this.prefs = settings.notifications;
      this.threads = threads;
      for (const t of threads) if (!this.readIds[t.id]) this.readIds[t.id] = this.hub.timeline(t.id).map((i) => i.id);
      this.saveRead();
      const fromUrl = new URLSearchParams(location.search).get('thread');
      const wide = matchMedia('(min-width: 760px)').matches;
      const first = threads.find((t) => t.id === fromUrl) ?? (wide ? threads[0] : undefined);
      if (first) this.open(first.id, false);
      void this.loadOutbox();
      this.checkReminders();
    } catch (error) {
      this.loadError = error instanceof Error ? error.message : String(error);
    }
  }

  // ── data ────────────────────────────────────────────────────────────────

  private name(id: string): string {
    return this.setup.people.find((p) => p.id === id)?.name ?? id;
  }

  private titleOf(t: ThreadInfo): string {
    return t.title ?? t.participants.filter((p) => p.id !== this.user.id).map((p) => p.name).join(', ');
  }

  private meetings(threadId: string): Meeting[] {
    const t = this.hub.threads.get(threadId);
    return t ? reduceThreadMeetings(this.hub.events(threadId), t) : [];
  }

  private meetingTitle(threadId: string, meetingId: string): string {
    return this.meetings(threadId).find((m) => m.id === meetingId)?.title?.trim() || 'the meeting';
  }

  private authorOf(i: TimelineItem): string {
    return i.kind === 'message' ? i.message.by : i.event.by;
  }

  private unread(threadId: string): number {
    const read = new Set(this.readIds[threadId] ?? []);
    return this.hub.timeline(threadId).filter((i) => !read.has(i.id) && this.authorOf(i) !== this.user.id).length;
  }

  private markRead(): void {
    const id = this.activeId;
    if (!id || document.hidden || (this.pane !== 'conversation' && !matchMedia('(min-width: 760px)').matches)) return;
    const all = this.hub.timeline(id).map((i) => i.id);
    if ((this.readIds[id]?.length ?? 0) === all.length) return;
    this.readIds[id] = all;
    this.saveRead();
  }

  private saveRead(): void {
    localStorage.setItem(`meeting-demo:read:v1:${this.user.id}`, JSON.stringify(this.readIds));
  }

  private async loadOutbox(): Promise<void> {
    try {
      this.outbox = await demoApi.outbox();
    } catch {
      // the next poll tries again
    }
  }

  // ── notifications ───────────────────────────────────────────────────────

  private onFresh(threadId: string, items: TimelineItem[]): void {
    for (const item of items) {
      if (item.kind !== 'event' || item.event.by === this.user.id) continue;
      const e = item.event;
      if (!shouldNotify(this.prefs, e.type, 'inApp', threadId)) continue;
      this.toast({ id: e.id, text: this.describe(threadId, e, 'toast'), threadId, tone: 'info' });
    }
    if (items.some((i) => i.kind === 'event')) void this.loadOutbox();
  }

  private toast(t: Toast): void {
    if (this.toasts.some((x) => x.id === t.id)) return;
    this.toasts = [...this.toasts.slice(-3), t];
    setTimeout(() => this.dismiss(t.id), t.tone === 'reminder' ? 20_000 : 9_000);
  }

  private dismiss(id: string): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  private checkReminders(): void {
    if (!this.threads.length) return;
    const all = this.threads.flatMap((t) => this.meetings(t.id));
    const now = this.setup.clock.now();
    for (const r of dueReminders(all, this.prefs, now)) {
      if (this.shownReminders.has(r.id)) continue;
      this.shownReminders.add(r.id);
      const title = this.meetingTitle(r.threadId, r.meetingId);
      const minutes = Math.round((Date.parse(r.startsAt) - Date.parse(now)) / MINUTE);
      const when = minutes <= 0 ? 'now' : minutes === 1 ? 'in 1 minute' : `in ${minutes} minutes`;
      this.toast({ id: r.id, text: `Reminder: “${title}” starts ${when} (${fullTime(r.startsAt, this.zone)})`, threadId: r.threadId, tone: 'reminder' });
    }
    localStorage.setItem(`meeting-demo:reminders:v1:${this.user.id}`, JSON.stringify([...this.shownReminders].slice(-200)));
  }

  /** A meeting event in words: for a toast, or as the thread's system line. */
  private describe(threadId: string, e: MeetingEvent, use: 'toast' | 'line'): string {
    const who = e.by === this.user.id ? 'You' : this.name(e.by);
    const title = `“${this.meetingTitle(threadId, e.meetingId)}”`;
    const reason = 'reason' in e && e.reason ? ` — “${e.reason}”` : '';
    switch (e.type) {
      case 'proposed':
        return e.invitees.includes(this.user.id) && use === 'toast' ? `${who} invited you to ${title}` : `${who} proposed ${title}`;
      case 'accepted':
        return `${who} accepted ${title} for ${slotText(e.option, this.zone)}`;
      case 'countered':
        return `${who} suggested ${e.options.length === 1 ? 'another time' : 'other times'} for ${title}`;
      case 'declined':
        return `${who} declined ${title}${reason}`;
      case 'rescheduled':
        return `${who} asked to reschedule ${title}${reason}`;
      case 'cancelled':
        return `${who} cancelled ${title}${reason}`;
      case 'link-shared':
        return `${who} created a guest link for ${title}`;
    }
  }

  // ── actions ─────────────────────────────────────────────────────────────

  private open(threadId: string, push = true): void {
    this.activeId = threadId;
    this.pane = 'conversation';
    this.sendError = undefined;
    this.stickToBottom = true;
    this.hub.watch(threadId);
    if (push) history.pushState({ thread: threadId }, '', `?thread=${encodeURIComponent(threadId)}`);
    this.markRead();
  }

  private readonly onPopState = () => {
    const id = new URLSearchParams(location.search).get('thread');
    if (id && this.threads.some((t) => t.id === id)) this.open(id, false);
    else this.pane = 'list';
  };

  private async send(e: Event): Promise<void> {
    e.preventDefault();
    const thread = this.active;
    const field = this.querySelector<HTMLTextAreaElement>('#composer');
    if (!thread || !field || this.sending) return;
    const text = field.value.trim();
    if (text === '') return;
    // The same id until it is stored: a retry after a failure is never posted twice.
    const draft = this.drafts.get(thread.id);
    const id = draft && draft.text === text ? draft.id : newId('msg');
    this.drafts.set(thread.id, { id, text });
    this.sending = true;
    this.sendError = undefined;
    try {
      await this.hub.sendMessage(thread.id, { id, text: field.value });
      this.drafts.delete(thread.id);
      field.value = '';
      this.stickToBottom = true;
    } catch (error) {
      this.sendError = `Not sent — your message is kept. ${error instanceof Error ? error.message : ''}`.trim();
    } finally {
      this.sending = false;
      field.focus();
    }
  }

  private onComposerKey(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      (e.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
    }
  }

  private async switchUser(id: string): Promise<void> {
    if (id === this.user.id) return;
    await demoApi.signIn(id);
    location.assign('/');
  }

  private async signOut(): Promise<void> {
    await demoApi.signOut();
    location.assign('/');
  }

  private setZoneMode(mode: 'profile' | 'browser'): void {
    this.zoneMode = mode;
    localStorage.setItem('meeting-demo:zone', mode);
  }

  private moveClock(ms: number | 'next' | 'reset'): void {
    const clock = this.setup.clock;
    if (ms === 'reset') return clock.set(0);
    if (ms === 'next') {
      const now = Date.parse(clock.now());
      const starts = this.threads
        .flatMap((t) => this.meetings(t.id))
        .flatMap((m) => (m.status === 'confirmed' && m.confirmed ? [Date.parse(m.confirmed.start)] : []))
        .filter((s) => s - 5 * MINUTE > now)
        .sort((a, b) => a - b);
      if (starts[0] === undefined) {
        this.toast({ id: newId('clock'), text: 'No confirmed meeting ahead to jump to.', tone: 'info' });
        return;
      }
      return clock.set(starts[0] - 5 * MINUTE - Date.now());
    }
    clock.set(clock.offsetMs + ms);
  }

  private readonly openUrl = (url: string) => {
    if (url.startsWith('data:')) {
      const a = document.createElement('a');
      a.href = url;
      a.download = 'meeting.ics';
      a.click();
      return;
    }
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      return;
    }
    if (CALL_HOSTS.includes(host)) {
      let found: { meeting: Meeting; threadId: string } | undefined;
      for (const t of this.threads) {
        const m = this.meetings(t.id).find((x) => x.joinUrl === url);
        if (m) found = { meeting: m, threadId: t.id };
      }
      this.call = { url, meeting: found?.meeting, threadId: found?.threadId };
      void this.updateComplete.then(() => this.querySelector<HTMLDialogElement>('#call')?.showModal());
      return;
    }
    open(url, '_blank', 'noopener');
  };

  private readonly connect = (provider: Provider) =>
    new Promise<CalendarConnection>((resolve, reject) => {
      this.connectError = undefined;
      this.connecting = { provider, resolve, reject };
      void this.updateComplete.then(() => this.querySelector<HTMLDialogElement>('#connect')?.showModal());
    });

  private finishConnect(e: SubmitEvent): void {
    e.preventDefault();
    const pending = this.connecting;
    if (!pending) return;
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const choice = String(data.get('account') ?? '');
    const email = choice === 'other' ? String(data.get('other') ?? '') : choice;
    try {
      const connection = this.setup.calendars.connectAccount(pending.provider, email);
      this.connecting = undefined;
      this.querySelector<HTMLDialogElement>('#connect')?.close();
      pending.resolve(connection);
    } catch (error) {
      this.connectError = error instanceof Error ? error.message : String(error);
    }
  }

  private cancelConnect(): void {
    const pending = this.connecting;
    this.connecting = undefined;
    this.querySelector<HTMLDialogElement>('#connect')?.close();
    pending?.reject(new Error('You cancelled the sign-in.'));
  }

  private readonly settingsStore: SettingsStore = {
    load: () => demoApi.settings(),
    save: async (s) => {
      await demoApi.saveSettings(s);
      this.prefs = s.notifications;
    },
  };

  private readonly createShareLink = async (meeting: Meeting, guestId: string) => (await this.setup.http.share(meeting.id, { guestId })).url;

  private showDialog(id: string): void {
    this.querySelector<HTMLDialogElement>(`#${id}`)?.showModal();
    if (id === 'outbox') {
      void this.loadOutbox();
      this.outboxSeen = this.outbox.length;
      sessionStorage.setItem('meeting-demo:outbox-seen', String(this.outboxSeen));
    }
  }

  // ── rendering ───────────────────────────────────────────────────────────

  protected override updated(changed: PropertyValues): void {
    const log = this.querySelector<HTMLElement>('.timeline');
    if (!log) return;
    if (this.scrolledFor !== this.activeId || this.stickToBottom) {
      log.scrollTop = log.scrollHeight;
      this.scrolledFor = this.activeId;
    }
    if (changed.has('outbox') && this.querySelector<HTMLDialogElement>('#outbox')?.open) {
      this.outboxSeen = this.outbox.length;
    }
  }

  protected override render(): TemplateResult {
    void this.tick;
    const now = this.nowFn();
    return html`
      <meeting-provider
        .thread=${this.hub.adapter}
        .connections=${this.connectionStore}
        .calendarFor=${this.setup.calendars.calendarFor}
        .connect=${this.connect}
        .conferencing=${this.conferencing}
        .settings=${this.settingsStore}
        .createShareLink=${this.createShareLink}
        .openUrl=${this.openUrl}
        .now=${this.nowFn}
        locale="en-US"
        time-zone=${this.zone}
        @meeting-settings-change=${(e: MeetingSettingsChangeEvent) => (this.prefs = e.settings.notifications)}
      >
        <div class="shell" data-pane=${this.pane}>
          ${this.renderTopBar(now)}
          ${this.renderThreadList(now)}
          <main class="conversation" id="main" aria-labelledby="conversation-title">${this.renderConversation(now)}</main>
        </div>
        ${this.clockOpen ? this.renderClock(now) : nothing} ${this.renderSettings()} ${this.renderOutbox()} ${this.renderConnect()} ${this.renderCall(now)}
        <section class="toasts" aria-label="Notifications">
          <div role="status" aria-live="polite" aria-atomic="false">
            ${repeat(
              this.toasts,
              (t) => t.id,
              (t) => html`<div class="toast ${t.tone}">
                <p>${t.text}</p>
                ${t.threadId && t.threadId !== this.activeId
                  ? html`<button type="button" class="link" @click=${() => (this.open(t.threadId!), this.dismiss(t.id))}>Open</button>`
                  : nothing}
                <button type="button" class="icon" aria-label="Dismiss notification" @click=${() => this.dismiss(t.id)}>×</button>
              </div>`,
            )}
          </div>
        </section>
      </meeting-provider>
    `;
  }

  private renderTopBar(now: string): TemplateResult {
    const newMail = Math.max(0, this.outbox.length - this.outboxSeen);
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return html`<header class="topbar">
      <a class="brand" href="/" aria-label="Parley, home"><span class="logo" aria-hidden="true">P</span><span>Parley</span></a>
      <div class="top-actions">
        <label class="zone-switch">
          <span>Times in</span>
          <select @change=${(e: Event) => this.setZoneMode((e.target as HTMLSelectElement).value as 'profile' | 'browser')}>
            <option value="profile" ?selected=${this.zoneMode === 'profile'}>Profile zone · ${this.user.city}</option>
            <option value="browser" ?selected=${this.zoneMode === 'browser'}>Browser zone · ${browserZone.split('/').at(-1)!.replace(/_/g, ' ')}</option>
          </select>
        </label>
        <button type="button" class="top-button" aria-label="Demo clock" aria-expanded=${this.clockOpen ? 'true' : 'false'} aria-controls="clock-panel"
          @click=${() => (this.clockOpen = !this.clockOpen)}>
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><circle cx="12" cy="13" r="8"></circle><path d="M12 9v4l2.5 2.5M9 2h6"></path></svg> <span class="label">Demo clock</span>${this.setup.clock.offsetMs !== 0 ? html` <span class="pill">${fullTime(now, this.zone)}</span>` : nothing}
        </button>
        <button type="button" class="top-button" @click=${() => this.showDialog('outbox')}
          aria-label=${newMail > 0 ? `Email outbox, ${newMail} new` : 'Email outbox'}>
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"><rect x="3" y="5" width="18" height="14" rx="2"></rect><path d="M3 7l9 6 9-6"></path></svg> <span class="label">Outbox</span>${newMail > 0 ? html`<span class="badge" aria-hidden="true">${newMail}</span>` : nothing}
        </button>
        <div class="who">
          <span class="avatar" aria-hidden="true" data-user=${this.user.id}>${initials(this.user.name)}</span>
          <label class="switch-user">
            <span class="demo-only">Demo only · signed in as</span>
            <select aria-label="Signed in as (demo only: switch user)" @change=${(e: Event) => void this.switchUser((e.target as HTMLSelectElement).value)}>
              ${this.setup.people.map((p) => html`<option value=${p.id} ?selected=${p.id === this.user.id}>${p.name} · ${p.city}</option>`)}
            </select>
          </label>
          <button type="button" class="link" @click=${() => void this.signOut()}>Sign out</button>
        </div>
      </div>
    </header>`;
  }

  private renderThreadList(now: string): TemplateResult {
    return html`<nav class="threads" aria-label="Conversations">
      <h2 class="threads-title">Conversations</h2>
      ${this.loadError ? html`<p class="error" role="alert">Could not load your threads: ${this.loadError}</p>` : nothing}
      <ul>
        ${this.threads.map((t) => {
          const last = this.hub.timeline(t.id).at(-1);
          const unread = this.unread(t.id);
          const title = this.titleOf(t);
          const preview = last ? (last.kind === 'message' ? `${last.message.by === this.user.id ? 'You: ' : ''}${last.message.text}` : this.describe(t.id, last.event, 'line')) : 'No messages yet';
          const at = last ? (last.kind === 'message' ? last.message.at : undefined) : undefined;
          return html`<li>
            <button type="button" class="thread ${t.id === this.activeId ? 'active' : ''}" aria-current=${t.id === this.activeId ? 'true' : 'false'}
              aria-label=${`${title}${unread ? `, ${unread} unread` : ''}`} @click=${() => this.open(t.id)}>
              <span class="avatar ${t.participants.length > 2 ? 'group' : ''}" aria-hidden="true" data-user=${t.participants.length > 2 ? '' : (t.participants.find((p) => p.id !== this.user.id)?.id ?? '')}>${t.participants.length > 2 ? '#' : initials(title)}</span>
              <span class="thread-text">
                <span class="thread-title">${title}</span>
                <span class="preview">${preview}</span>
              </span>
              <span class="thread-meta">
                ${at ? html`<time datetime=${at}>${messageTime(at, this.zone, now)}</time>` : nothing}
                ${unread ? html`<span class="badge" aria-hidden="true">${unread}</span>` : nothing}
              </span>
            </button>
          </li>`;
        })}
      </ul>
    </nav>`;
  }

  private renderConversation(now: string): TemplateResult {
    const t = this.active;
    if (!t) {
      return html`<div class="empty-conversation"><h1 id="conversation-title">Pick a conversation</h1>
        <p>Your threads with Alice, Bob and Carol are on the left. Press the calendar icon in a thread to schedule a meeting.</p></div>`;
    }
    const others = t.participants.filter((p) => p.id !== this.user.id);
    const title = this.titleOf(t);
    const items = this.hub.timeline(t.id);
    return html`
      <header class="conversation-header">
        <button type="button" class="back" aria-label="Back to conversations" @click=${() => history.back()}>‹</button>
        <div class="conversation-heading">
          <h1 id="conversation-title">${title}</h1>
          <p class="participants">
            ${others.map(
              (p, i) => html`${i > 0 ? ' · ' : ''}<span>${p.name.split(' ')[0]} <span class="local-time">${clockIn(p.timeZone, now)} ${this.setup.people.find((x) => x.id === p.id)?.city ?? p.timeZone}</span></span>`,
            )}
            ${this.hub.status === 'reconnecting' ? html` · <span class="status">reconnecting…</span>` : nothing}
          </p>
        </div>
        <div class="conversation-actions">
          <meeting-scheduler thread-id=${t.id} @meeting-sent=${() => (this.stickToBottom = true)}></meeting-scheduler>
          <button type="button" class="icon-button" aria-label="Meeting settings" title="Meeting settings" @click=${() => this.showDialog('settings')}>
            <svg viewBox="0 0 24 24" aria-hidden="true" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2"><circle cx="12" cy="12" r="3"></circle><path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z"></path></svg>
          </button>
        </div>
      </header>
      <ol class="timeline" aria-label=${`Messages with ${title}`} tabindex="0"
        @scroll=${(e: Event) => {
          const el = e.currentTarget as HTMLElement;
          this.stickToBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
        }}>
        ${repeat(items, (i) => i.id, (i) => this.renderItem(t, i, now))}
      </ol>
      <form class="composer" @submit=${(e: Event) => void this.send(e)}>
        <label for="composer" class="visually-hidden">Message ${title}</label>
        <textarea id="composer" rows="1" placeholder=${`Message ${title}`} maxlength="4000" @keydown=${this.onComposerKey}
          aria-describedby=${this.sendError ? 'send-error' : nothing}></textarea>
        <button type="submit" class="primary" ?disabled=${this.sending}>Send</button>
        ${this.sendError ? html`<p id="send-error" class="error" role="alert">${this.sendError}</p>` : nothing}
      </form>
    `;
  }

  private renderItem(t: ThreadInfo, i: TimelineItem, now: string): TemplateResult {
    if (i.kind === 'message') {
      const m = i.message;
      const mine = m.by === this.user.id;
      return html`<li class="message ${mine ? 'mine' : ''}">
        ${mine ? nothing : html`<span class="avatar small" aria-hidden="true" data-user=${m.by}>${initials(this.name(m.by))}</span>`}
        <div class="bubble">
          <span class="author">${mine ? 'You' : this.name(m.by)}</span>
          <p class="text">${m.text}</p>
          <time datetime=${m.at}>${messageTime(m.at, this.zone, now)}</time>
        </div>
      </li>`;
    }
    const e = i.event;
    if (e.type === 'proposed') {
      return html`<li class="meeting">
        <span class="author">${e.by === this.user.id ? 'You' : this.name(e.by)} proposed a meeting</span>
        <meeting-card thread-id=${t.id} meeting-id=${e.meetingId} heading-level="2"></meeting-card>
      </li>`;
    }
    // Guest links are the sharer's business (and the card shows them): no line in the thread.
    if (e.type === 'link-shared') return html``;
    return html`<li class="system ${e.type}"><p>${this.describe(t.id, e, 'line')}</p></li>`;
  }

  private renderClock(now: string): TemplateResult {
    const offset = this.setup.clock.offsetMs;
    const sign = offset < 0 ? '−' : '+';
    const abs = Math.abs(offset);
    const d = Math.floor(abs / 86_400_000);
    const h = Math.floor((abs % 86_400_000) / 3_600_000);
    const m = Math.round((abs % 3_600_000) / MINUTE);
    return html`<section class="clock-panel" id="clock-panel" aria-labelledby="clock-title">
      <h2 id="clock-title">Demo clock</h2>
      <p>It is <strong>${fullTime(now, this.zone)}</strong>${offset !== 0 ? html` <span class="muted">(real time ${sign}${d ? `${d} d ` : ''}${h} h ${m} min)</span>` : html` <span class="muted">(real time)</span>`}.</p>
      <p class="muted">Moves this window's clock only: try the Join window and reminders without waiting.</p>
      <div class="button-row">
        <button type="button" @click=${() => this.moveClock(15 * MINUTE)}>+15 min</button>
        <button type="button" @click=${() => this.moveClock(60 * MINUTE)}>+1 hour</button>
        <button type="button" @click=${() => this.moveClock(24 * 60 * MINUTE)}>+1 day</button>
        <button type="button" @click=${() => this.moveClock('next')}>5 min before the next meeting</button>
        <button type="button" @click=${() => this.moveClock('reset')} ?disabled=${offset === 0}>Back to real time</button>
      </div>
      <button type="button" class="icon close" aria-label="Close the demo clock" @click=${() => (this.clockOpen = false)}>×</button>
    </section>`;
  }

  private renderSettings(): TemplateResult {
    return html`<dialog id="settings" class="sheet" aria-labelledby="settings-title">
      <header><h2 id="settings-title">Meeting settings</h2>
        <button type="button" class="icon" aria-label="Close meeting settings" @click=${() => this.querySelector<HTMLDialogElement>('#settings')?.close()}>×</button></header>
      <p class="muted">Calendars connect once for every thread. The Google and Microsoft sign-ins are mocked in this browser; your personal ICS feed is
        <code>${feedUrlFor(this.user)}</code> — paste it under “Subscribe to a calendar feed”.</p>
      <meeting-settings thread-id=${this.activeId ?? nothing}></meeting-settings>
    </dialog>`;
  }

  private renderOutbox(): TemplateResult {
    return html`<dialog id="outbox" class="sheet" aria-labelledby="outbox-title">
      <header><h2 id="outbox-title">Email outbox</h2>
        <button type="button" class="icon" aria-label="Close the outbox" @click=${() => this.querySelector<HTMLDialogElement>('#outbox')?.close()}>×</button></header>
      <p class="muted">What the server's notify hook would have emailed to ${this.user.email} (following your notification settings). Nothing leaves this machine.</p>
      ${this.outbox.length === 0
        ? html`<p class="empty">No emails yet. They appear when someone invites you, accepts, reschedules or cancels.</p>`
        : html`<ol class="mails">
            ${this.outbox.map(
              (m) => html`<li class="mail">
                <article aria-labelledby=${`mail-${m.id}`}>
                  <h3 id=${`mail-${m.id}`}>${m.subject}</h3>
                  <p class="muted">From ${m.from} via Parley · to ${m.to.email} · <time datetime=${m.at}>${fullTime(m.at, this.zone)}</time></p>
                  <pre>${m.text}</pre>
                  ${m.ics
                    ? html`<a download=${m.ics.filename} href=${`data:text/calendar;charset=utf-8,${encodeURIComponent(m.ics.content)}`}>📎 ${m.ics.filename}</a>`
                    : nothing}
                </article>
              </li>`,
            )}
          </ol>`}
    </dialog>`;
  }

  private renderConnect(): TemplateResult {
    const pending = this.connecting;
    const provider = pending?.provider ?? 'google';
    const brand = provider === 'google' ? 'Google' : 'Microsoft';
    const suggestions = this.setup.calendars.suggestedAccounts(provider);
    return html`<dialog id="connect" class="oauth ${provider}" aria-labelledby="connect-title" @cancel=${(e: Event) => (e.preventDefault(), this.cancelConnect())}>
      ${pending
        ? html`<form @submit=${(e: SubmitEvent) => this.finishConnect(e)}>
            <p class="mock-note">Mock sign-in — no account, no network</p>
            <h2 id="connect-title">Sign in to ${brand} (mock)</h2>
            <p>Parley wants to see when you are busy and add meetings you accept to your calendar.</p>
            <fieldset>
              <legend>Choose an account</legend>
              ${suggestions.map(
                (s, i) => html`<label class="account"><input type="radio" name="account" value=${s.email} ?checked=${i === 0} />
                  <span><strong>${s.email}</strong><br /><span class="muted">${s.note}</span></span></label>`,
              )}
              <label class="account"><input type="radio" name="account" value="other" />
                <span>Another address (any domain)</span></label>
              <label class="other"><span class="visually-hidden">Another address</span>
                <input name="other" type="email" placeholder="you@your-company.example" autocomplete="off"
                  @input=${(e: Event) => {
                    const form = (e.target as HTMLInputElement).form;
                    const radio = form?.querySelector<HTMLInputElement>('input[value="other"]');
                    if (radio) radio.checked = true;
                  }} /></label>
            </fieldset>
            ${this.connectError ? html`<p class="error" role="alert">${this.connectError}</p>` : nothing}
            <div class="button-row end">
              <button type="button" @click=${() => this.cancelConnect()}>Cancel</button>
              <button type="submit" class="primary">Allow</button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }

  private renderCall(now: string): TemplateResult {
    const c = this.call;
    const m = c?.meeting;
    const people = m ? [m.organizerId, ...m.attendeeIds] : [this.user.id];
    const thread = c?.threadId ? this.hub.threads.get(c.threadId) : undefined;
    return html`<dialog id="call" class="call" aria-labelledby="call-title" @close=${() => (this.call = undefined)}>
      ${c
        ? html`<header>
              <h2 id="call-title">${m?.title?.trim() || 'Call'}</h2>
              <p class="muted">${m?.confirmed ? slotText(m.confirmed, this.zone) : ''}</p>
            </header>
            <ul class="tiles" aria-label="People in the call">
              ${people.map((id) => {
                const p = thread?.participants.find((x) => x.id === id);
                return html`<li class="tile">
                  <span class="avatar large" aria-hidden="true" data-user=${id}>${initials(this.name(id))}</span>
                  <span>${id === this.user.id ? `${this.name(id)} (you)` : this.name(id)}</span>
                  ${p ? html`<span class="muted">${clockIn(p.timeZone, now)} local time</span>` : nothing}
                </li>`;
              })}
            </ul>
            <p class="muted call-url">Demo call room for <code>${c.url}</code> — in a real app Join opens this link.</p>
            <div class="button-row center">
              <button type="button" aria-pressed="false" @click=${(e: Event) => {
                const b = e.currentTarget as HTMLButtonElement;
                b.setAttribute('aria-pressed', b.getAttribute('aria-pressed') === 'true' ? 'false' : 'true');
              }}>Mute</button>
              <button type="button" class="danger" @click=${() => this.querySelector<HTMLDialogElement>('#call')?.close()}>Leave call</button>
            </div>`
        : nothing}
    </dialog>`;
  }
}

customElements.define('demo-app', DemoApp);
