import { consume } from '@lit/context';
import type { CalendarConnection, CalendarInfo, ChannelPreference, MeetingEventType, SchedulerError } from '@meeting-scheduler/core';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { live } from 'lit/directives/live.js';
import { defaultEnvironment, meetingContext, type MeetingEnvironment, type UserSettings } from '../context.js';
import { asSchedulerError } from '../controllers/thread-controller.js';
import { MeetingErrorEvent, MeetingSettingsChangeEvent } from '../events.js';
import { messagesReady } from '../i18n/load.js';
import { directionOf, translator, type Translate } from '../i18n/translate.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { ConnectionsController, type CalendarsState } from './connections-controller.js';
import { messages, type SettingsMessage } from './meeting-settings.messages.js';
import { settingsStyles } from './meeting-settings.styles.js';
import { providerIcon } from './provider-icons.js';
import { SettingsController } from './settings-controller.js';
import { draftFrom, problems, workingHoursFrom, type DayDraft, type DayProblem, type IsoWeekday } from './working-hours.js';

type Section = 'calendars' | 'notifications' | 'all';
type OAuthProvider = 'google' | 'microsoft';

/** The event kinds a person can be notified about, in the order the table lists them. */
const KINDS = [
  ['proposed', 'kindProposed'],
  ['accepted', 'kindAccepted'],
  ['countered', 'kindCountered'],
  ['declined', 'kindDeclined'],
  ['rescheduled', 'kindRescheduled'],
  ['cancelled', 'kindCancelled'],
] as const satisfies ReadonlyArray<readonly [MeetingEventType, SettingsMessage]>;

const CHANNELS = [
  ['inApp', 'inApp'],
  ['email', 'email'],
] as const satisfies ReadonlyArray<readonly [keyof ChannelPreference, SettingsMessage]>;

/** Reminder choices, in minutes before the start. */
const REMINDERS = [5, 10, 15, 30, 60, 1440] as const;

/** `https://` or `webcal://` with a host: the addresses a connection store accepts for a feed. */
function feedAddress(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'webcal:') && url.hostname !== '' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** A stable id for a feed (cyrb53 of its URL), so subscribing to the same address twice updates one connection. */
function feedConnectionId(url: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < url.length; i++) {
    const ch = url.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `ics-${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
}

const upsert = (list: CalendarConnection[], c: CalendarConnection) =>
  list.some((x) => x.id === c.id) ? list.map((x) => (x.id === c.id ? c : x)) : [...list, c];

function withoutTarget(c: CalendarConnection): CalendarConnection {
  if (c.targetCalendarId === undefined) return c;
  const next = { ...c };
  delete next.targetCalendarId;
  return next;
}

/**
 * Manage calendars and notifications, once per user for every thread: connected
 * Google / Microsoft accounts and ICS feeds with their calendars, which calendars
 * count for conflicts and which one receives new meetings, working hours, and how
 * (in-app, email) and when (reminders) to be notified, plus muting one thread.
 *
 * Reads and writes through the host's adapters from `<meeting-provider>`:
 * `connections` (ConnectionStore), `calendarFor`, `connect` (the host's OAuth; the
 * Connect buttons are hidden without it) and `settings` (SettingsStore). Every
 * change is saved at once and shown before the store answers; a failed save is
 * undone and explained. Working hours are saved with their own button.
 *
 * @tagname meeting-settings
 * @summary Calendar connections, conflict and target calendars, working hours and notification settings.
 *
 * @fires {MeetingSettingsChangeEvent} meeting-settings-change - Notification settings or working hours were saved; `settings` is what was saved.
 * @fires {MeetingErrorEvent} meeting-error - A load or save failed (also shown in the element); for the host's logging.
 *
 * @slot - The host's own settings, shown after the built-in sections.
 *
 * @csspart section - Each section ("Calendars", "Notifications").
 * @csspart connection - One connected account or feed.
 * @csspart calendar-list - The calendars of one connection.
 * @csspart target - The "Add new meetings to" choice.
 * @csspart connect - The Connect Google / Connect Microsoft buttons.
 * @csspart feed-form - The ICS feed subscription form.
 * @csspart working-hours - The working hours form.
 * @csspart notifications - Event kinds × channels, reminders and "Mute this thread".
 *
 * @cssprop --meeting-settings-gap - Space between blocks (default 1rem).
 * @cssprop --meeting-settings-max-width - Widest the element grows (default 44rem).
 * @cssprop --meeting-accent - Primary buttons, checkboxes and radios.
 * @cssprop --meeting-accent-contrast - Text on primary buttons.
 * @cssprop --meeting-surface - Background of connections and inputs.
 * @cssprop --meeting-surface-raised - Background of the empty state and the disconnect confirmation.
 * @cssprop --meeting-text - Text colour.
 * @cssprop --meeting-muted - Hints and account labels.
 * @cssprop --meeting-border - Borders and separators.
 * @cssprop --meeting-danger - Errors and Disconnect.
 * @cssprop --meeting-radius - Corner radius.
 * @cssprop --meeting-focus-ring - Focus indicator (a box-shadow).
 * @cssprop --meeting-font - Font family.
 * @cssprop --meeting-font-size - Base font size.
 *
 * @example
 * ```html
 * <meeting-provider>
 *   <meeting-settings thread-id="t1" section="all"></meeting-settings>
 * </meeting-provider>
 * ```
 */
export class MeetingSettings extends LitElement {
  static override styles = [sharedStyles, settingsStyles];

  /** The thread the settings were opened from: enables "Mute this thread". */
  @property({ attribute: 'thread-id', reflect: true }) threadId: string | undefined;

  /** Which part to show: `calendars`, `notifications` or `all` (default). */
  @property({ reflect: true }) section: 'calendars' | 'notifications' | 'all' = 'all';

  @consume({ context: meetingContext, subscribe: true })
  @state()
  env: MeetingEnvironment = defaultEnvironment();

  @state() private confirming: string | undefined;
  @state() private connecting: OAuthProvider | undefined;
  @state() private subscribing = false;
  @state() private errors: Partial<Record<string, string>> = {};
  @state() private hours: DayDraft[] | undefined;
  @state() private hourProblems = new Map<IsoWeekday, DayProblem>();
  @state() private savingHours = false;
  @state() private announcement = '';
  @state() private announcements = 0;
  private focusAfterRender: string | undefined;
  private translation: { locale: string; t: Translate<SettingsMessage> } | undefined;

  private readonly connections = new ConnectionsController(this, () => ({
    store: this.env.connections,
    calendarFor: this.env.calendarFor,
  }));

  private readonly settings = new SettingsController(this, () => this.env.settings);

  private get t(): Translate<SettingsMessage> {
    if (this.translation?.locale !== this.env.locale) {
      this.translation = { locale: this.env.locale, t: translator(messages, this.env.locale) };
    }
    return this.translation.t;
  }

  /** Holds each update until the messages of a non-English locale are fetched (no English flash). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const ready = messagesReady(messages, 'settings', this.env.locale);
    if (!ready) return super.scheduleUpdate();
    return ready.then(() => super.scheduleUpdate());
  }

  protected override willUpdate(): void {
    if (this.settings.status !== 'ready') this.hours = undefined;
    else this.hours ??= draftFrom(this.settings.saved.workingHours);
  }

  protected override updated(): void {
    if (this.focusAfterRender) {
      this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender)?.focus();
      this.focusAfterRender = undefined;
    }
  }

  protected override render() {
    const locale = this.env.locale;
    const show = (s: Exclude<Section, 'all'>) => this.section === s || !['calendars', 'notifications'].includes(this.section);
    return html`<div class="root" lang=${locale} dir=${directionOf(locale)}>
      ${show('calendars') ? this.renderCalendars() : nothing} ${show('notifications') ? this.renderNotifications() : nothing}
      <slot></slot>
      <div class="visually-hidden" role="status" aria-live="polite">${keyed(this.announcements, html`<span>${this.announcement}</span>`)}</div>
    </div>`;
  }

  // ---- Calendars ------------------------------------------------------------------

  private renderCalendars(): TemplateResult {
    const t = this.t;
    const ctl = this.connections;
    let body: unknown;
    if (!this.env.connections) body = html`<p class="hint">${t('noConnectionStore')}</p>`;
    else if (ctl.status === 'loading' || ctl.status === 'idle') body = html`<p class="hint">${t('loadingConnections')}</p>`;
    else if (ctl.status === 'error') {
      body = html`<div class="state">
        <p class="error">${t('connectionsError')} ${this.reason(ctl.error)}</p>
        <button type="button" @click=${() => ctl.reload()}>${t('retry')}</button>
      </div>`;
    } else {
      const list = ctl.connections;
      body = html`${list.length === 0
          ? html`<div class="empty">
              <h3>${t('emptyTitle')}</h3>
              <p>${t('emptyBody')}</p>
            </div>`
          : html`<ul class="connections">
                ${list.map((c, i) => this.renderConnection(c, i))}
              </ul>
              ${this.renderTarget(list)}`}
        ${this.renderAdd()}`;
    }
    return html`<section part="section" aria-labelledby="calendars-heading">
      <h2 id="calendars-heading" tabindex="-1">${t('calendarsHeading')}</h2>
      <p class="hint">${t('calendarsIntro')}</p>
      ${body} ${this.renderWorkingHours()}
    </section>`;
  }

  private providerName(provider: string): string {
    const t = this.t;
    return provider === 'google'
      ? t('providerGoogle')
      : provider === 'microsoft'
        ? t('providerMicrosoft')
        : provider === 'ics'
          ? t('providerIcs')
          : t('providerOther');
  }

  private renderConnection(c: CalendarConnection, index: number): TemplateResult {
    const t = this.t;
    const account = c.accountLabel;
    const error = this.errors[`connection:${c.id}`];
    return html`<li part="connection" class="connection">
      <div class="connection-head">
        ${providerIcon(c.provider)}
        <h3 class="who">
          <span class="provider">${this.providerName(c.provider)}</span>
          <span class="account">${account}</span>
        </h3>
        <button
          type="button"
          class="danger"
          data-focus="disconnect-${index}"
          aria-label=${t('disconnectOf', { account })}
          aria-expanded=${this.confirming === c.id ? 'true' : 'false'}
          @click=${() => this.askDisconnect(c, index)}
        >
          ${t('disconnect')}
        </button>
      </div>
      ${this.confirming === c.id
        ? html`<div class="confirm" role="group" aria-labelledby="confirm-${index}">
            <p id="confirm-${index}">${t('confirmDisconnect', { account })}</p>
            <div class="buttons">
              <button type="button" class="danger" @click=${() => this.disconnect(c)}>${t('confirmDisconnectYes')}</button>
              <button type="button" data-focus="keep-${index}" @click=${() => this.cancelDisconnect(index)}>${t('cancel')}</button>
            </div>
          </div>`
        : nothing}
      ${this.renderCalendarList(c, this.connections.calendars(c.id))} ${error ? html`<p class="error">${error}</p>` : nothing}
    </li>`;
  }

  private renderCalendarList(c: CalendarConnection, state: CalendarsState): TemplateResult {
    const t = this.t;
    const account = c.accountLabel;
    switch (state.status) {
      case 'loading':
        return html`<p class="hint">${t('loadingCalendars')}</p>`;
      case 'unsupported':
        return html`<p class="hint">${t('unsupported')}</p>`;
      case 'error': {
        const what = c.provider === 'ics' ? t('feedError') : state.error.code === 'provider-auth' ? t('reconnectNeeded') : t('accountError');
        return html`<div class="state">
          <p class="error">${what}. ${this.reason(state.error)}</p>
          <button type="button" aria-label=${t('retryLoading', { account })} @click=${() => this.connections.retry(c.id)}>
            ${t('retry')}
          </button>
        </div>`;
      }
      case 'ready':
        if (state.calendars.length === 0) return html`<p class="hint">${t('noCalendars')}</p>`;
        return html`<ul part="calendar-list" class="calendars" aria-label=${t('calendarsOf', { account })}>
          ${state.calendars.map(
            (cal) => html`<li>
              <span class="calendar-name"
                >${cal.name}${cal.primary ? html`<span class="badge">${t('primary')}</span>` : nothing}${cal.writable
                  ? nothing
                  : html`<span class="badge">${t('readOnly')}</span>`}</span
              >
              <label class="check">
                <input
                  type="checkbox"
                  aria-label=${t('countForConflictsOf', { calendar: cal.name })}
                  .checked=${live(c.conflictCalendarIds.includes(cal.id))}
                  @change=${(e: Event) => this.setConflict(c.id, cal.id, (e.target as HTMLInputElement).checked)}
                />
                ${t('countForConflicts')}
              </label>
            </li>`,
          )}
        </ul>`;
    }
  }

  private renderTarget(list: CalendarConnection[]): TemplateResult {
    const t = this.t;
    const options: Array<{ connection: CalendarConnection; calendar: CalendarInfo }> = [];
    for (const connection of list) {
      const state = this.connections.calendars(connection.id);
      if (state.status !== 'ready') continue;
      for (const calendar of state.calendars) if (calendar.writable) options.push({ connection, calendar });
    }
    const none = list.every((c) => c.targetCalendarId === undefined);
    const error = this.errors.target;
    return html`<fieldset part="target" aria-describedby="target-hint">
      <legend>${t('targetLegend')}</legend>
      ${options.map(
        ({ connection, calendar }) => html`<label class="option">
          <input
            type="radio"
            name="target"
            .checked=${live(connection.targetCalendarId === calendar.id)}
            @change=${() => this.chooseTarget(connection.id, calendar.id)}
          />
          ${calendar.name === connection.accountLabel
            ? calendar.name
            : t('targetOption', { calendar: calendar.name, account: connection.accountLabel })}
        </label>`,
      )}
      <label class="option">
        <input type="radio" name="target" .checked=${live(none)} @change=${() => this.chooseTarget(undefined, undefined)} />
        ${t('targetNone')}
      </label>
      <p id="target-hint" class="hint">${t('targetHint')}</p>
      ${error ? html`<p class="error">${error}</p>` : nothing}
    </fieldset>`;
  }

  private renderAdd(): TemplateResult {
    const t = this.t;
    const connect = this.env.connect;
    const feedError = this.errors.feed;
    return html`<div class="block">
      <h3>${t('addHeading')}</h3>
      ${connect
        ? html`<div part="connect" class="block">
            <div class="buttons">
              ${(['google', 'microsoft'] as const).map(
                (provider) => html`<button
                  type="button"
                  aria-disabled=${this.connecting ? 'true' : 'false'}
                  @click=${() => this.connectProvider(provider)}
                >
                  ${providerIcon(provider)} ${provider === 'google' ? t('connectGoogle') : t('connectMicrosoft')}
                </button>`,
              )}
            </div>
            ${this.connecting ? html`<p class="hint">${t('connecting', { provider: this.providerName(this.connecting) })}</p>` : nothing}
            ${this.errors.connect ? html`<p class="error">${this.errors.connect}</p>` : nothing}
          </div>`
        : nothing}
      <form part="feed-form" novalidate aria-labelledby="feed-heading" @submit=${this.subscribeFeed}>
        <h4 id="feed-heading">${t('feedHeading')}</h4>
        <div class="field">
          <label for="feed-url">${t('feedUrl')}</label>
          <input
            id="feed-url"
            name="url"
            type="url"
            inputmode="url"
            autocomplete="off"
            spellcheck="false"
            dir="ltr"
            placeholder="webcal://"
            aria-invalid=${feedError ? 'true' : 'false'}
            aria-describedby="feed-url-hint feed-error"
            @input=${() => this.setError('feed', undefined)}
          />
          <p id="feed-url-hint" class="hint">${t('feedUrlHint')}</p>
        </div>
        <div class="field">
          <label for="feed-name">${t('feedName')}</label>
          <input id="feed-name" name="name" type="text" autocomplete="off" />
        </div>
        <p id="feed-error" class="error">${feedError ?? ''}</p>
        <button type="submit" class="primary" aria-disabled=${this.subscribing ? 'true' : 'false'}>${t('subscribe')}</button>
      </form>
    </div>`;
  }

  // ---- Working hours ----------------------------------------------------------------

  private renderWorkingHours(): TemplateResult | typeof nothing {
    if (!this.env.settings) return nothing;
    const t = this.t;
    const days = this.hours;
    let body: unknown;
    if (this.settings.status === 'error') body = this.renderSettingsError();
    else if (!days) body = html`<p class="hint">${t('loadingSettings')}</p>`;
    else {
      const stored = this.settings.saved.workingHours;
      const weekday = new Intl.DateTimeFormat(this.env.locale, { weekday: 'long', timeZone: 'UTC' });
      body = html`${stored && stored.timeZone !== this.env.timeZone
          ? html`<p class="hint">${t('workingHoursOtherZone', { zone: stored.timeZone, current: this.env.timeZone })}</p>`
          : nothing}
        ${days.every((d) => !d.works) ? html`<p class="hint">${t('workingHoursNone')}</p>` : nothing}
        <ul class="days">
          ${days.map((d) => {
            // 2024-01-01 was a Monday: ISO weekday n is January n.
            const day = weekday.format(Date.UTC(2024, 0, d.day));
            const problem = this.hourProblems.get(d.day);
            const invalid = problem ? 'true' : 'false';
            const describedBy = problem ? `hours-error-${d.day}` : nothing;
            return html`<li>
              <label class="check">
                <input
                  type="checkbox"
                  .checked=${live(d.works)}
                  @change=${(e: Event) => this.editDay(d.day, { works: (e.target as HTMLInputElement).checked })}
                />
                ${day}
              </label>
              <label class="time">
                <span aria-hidden="true">${t('start')}</span>
                <input
                  type="time"
                  data-focus="start-${d.day}"
                  aria-label=${t('startOn', { day })}
                  .value=${live(d.start)}
                  ?disabled=${!d.works}
                  aria-invalid=${invalid}
                  aria-describedby=${describedBy}
                  @input=${(e: Event) => this.editDay(d.day, { start: (e.target as HTMLInputElement).value })}
                />
              </label>
              <label class="time">
                <span aria-hidden="true">${t('end')}</span>
                <input
                  type="time"
                  data-focus="end-${d.day}"
                  aria-label=${t('endOn', { day })}
                  .value=${live(d.end)}
                  ?disabled=${!d.works}
                  aria-invalid=${invalid}
                  aria-describedby=${describedBy}
                  @input=${(e: Event) => this.editDay(d.day, { end: (e.target as HTMLInputElement).value })}
                />
              </label>
              ${problem
                ? html`<p class="error" id="hours-error-${d.day}">${problem === 'order' ? t('rangeInvalid') : t('rangeMissing')}</p>`
                : nothing}
            </li>`;
          })}
        </ul>
        ${this.errors.hours ? html`<p class="error">${this.errors.hours}</p>` : nothing}
        <button type="submit" class="primary" aria-disabled=${this.savingHours ? 'true' : 'false'}>${t('saveWorkingHours')}</button>`;
    }
    return html`<form part="working-hours" class="block" novalidate aria-labelledby="hours-heading" @submit=${this.saveHours}>
      <h3 id="hours-heading">${t('workingHoursHeading')}</h3>
      <p class="hint">${t('workingHoursZone', { zone: this.zoneName() })}</p>
      ${body}
    </form>`;
  }

  /** "America/New_York (Eastern Time)". */
  private zoneName(): string {
    const { timeZone, locale } = this.env;
    try {
      const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' })
        .formatToParts(0)
        .find((p) => p.type === 'timeZoneName')?.value;
      return name && name !== timeZone ? `${timeZone} (${name})` : timeZone;
    } catch {
      return timeZone;
    }
  }

  // ---- Notifications ----------------------------------------------------------------

  private renderNotifications(): TemplateResult {
    const t = this.t;
    let body: unknown;
    if (!this.env.settings) body = html`<p class="hint">${t('noSettingsStore')}</p>`;
    else if (this.settings.status === 'error') body = this.renderSettingsError();
    else if (this.settings.status !== 'ready') body = html`<p class="hint">${t('loadingSettings')}</p>`;
    else {
      const prefs = this.settings.settings.notifications;
      const threadId = this.threadId;
      body = html`<div part="notifications" class="block">
        <table>
          <caption>
            ${t('notifyCaption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('eventColumn')}</th>
              ${CHANNELS.map(([, label]) => html`<th scope="col" class="channel">${t(label)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${KINDS.map(
              ([kind, label]) => html`<tr>
                <th scope="row">${t(label)}</th>
                ${CHANNELS.map(
                  ([channel, channelLabel]) => html`<td>
                    <input
                      type="checkbox"
                      aria-label=${t('kindChannel', { kind: t(label), channel: t(channelLabel) })}
                      .checked=${live(prefs.channels[kind]?.[channel] ?? false)}
                      @change=${(e: Event) => this.setChannel(kind, channel, (e.target as HTMLInputElement).checked)}
                    />
                  </td>`,
                )}
              </tr>`,
            )}
          </tbody>
        </table>
        <fieldset class="reminders">
          <legend>${t('remindersLegend')}</legend>
          ${REMINDERS.map(
            (minutes) => html`<label class="check">
              <input
                type="checkbox"
                .checked=${live(prefs.remindersMinutesBefore.includes(minutes))}
                @change=${(e: Event) => this.setReminder(minutes, (e.target as HTMLInputElement).checked)}
              />
              ${this.duration(minutes)}
            </label>`,
          )}
        </fieldset>
        ${threadId
          ? html`<div class="switch">
              <label class="check">
                <input
                  type="checkbox"
                  role="switch"
                  aria-describedby="mute-hint"
                  .checked=${live(prefs.mutedThreadIds.includes(threadId))}
                  @change=${(e: Event) => this.setMuted(threadId, (e.target as HTMLInputElement).checked)}
                />
                ${t('muteThread')}
              </label>
              <p id="mute-hint" class="hint">${t('muteThreadHint')}</p>
            </div>`
          : nothing}
        ${this.errors.notifications ? html`<p class="error">${this.errors.notifications}</p>` : nothing}
      </div>`;
    }
    return html`<section part="section" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">${t('notificationsHeading')}</h2>
      ${body}
    </section>`;
  }

  private renderSettingsError(): TemplateResult {
    const t = this.t;
    return html`<div class="state">
      <p class="error">${t('settingsError')} ${this.reason(this.settings.error)}</p>
      <button type="button" @click=${() => this.settings.reload()}>${t('retry')}</button>
    </div>`;
  }

  /** "5 minutes", "1 hour", "1 day" in the viewer's language. */
  private duration(minutes: number): string {
    const [value, unit]: [number, string] =
      minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
    return new Intl.NumberFormat(this.env.locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
  }

  // ---- Actions ----------------------------------------------------------------------

  private async connectProvider(provider: OAuthProvider): Promise<void> {
    const connect = this.env.connect;
    if (!connect || this.connecting) return;
    const t = this.t;
    const name = this.providerName(provider);
    this.connecting = provider;
    this.setError('connect', undefined);
    let connection: CalendarConnection;
    try {
      connection = await connect(provider);
    } catch (e) {
      this.fail('connect', `${t('connectFailed', { provider: name })} ${this.reason(asSchedulerError(e))}`, e, 'connect');
      return;
    } finally {
      this.connecting = undefined;
    }
    try {
      await this.connections.change((list) => upsert(list, connection));
      this.announce(t('connected', { account: connection.accountLabel }));
    } catch (e) {
      this.fail('connect', `${t('connectFailed', { provider: name })} ${this.reason(asSchedulerError(e))}`, e, 'connect');
    }
  }

  private async subscribeFeed(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this.subscribing) return;
    const t = this.t;
    const form = e.currentTarget as HTMLFormElement;
    const urlInput = form.querySelector<HTMLInputElement>('#feed-url')!;
    const nameInput = form.querySelector<HTMLInputElement>('#feed-name')!;
    const url = urlInput.value.trim();
    const address = feedAddress(url);
    if (!address) {
      this.setError('feed', t('feedUrlInvalid'));
      this.announce(t('feedUrlInvalid'));
      urlInput.focus();
      return;
    }
    const connection: CalendarConnection = {
      id: feedConnectionId(url),
      provider: 'ics',
      accountLabel: nameInput.value.trim() || address.host,
      url,
      conflictCalendarIds: [url],
    };
    this.subscribing = true;
    this.setError('feed', undefined);
    try {
      await this.connections.change((list) => upsert(list, connection));
      form.reset();
      this.announce(t('subscribed', { account: connection.accountLabel }));
    } catch (err) {
      this.fail('feed', `${t('subscribeFailed')} ${this.reason(asSchedulerError(err))}`, err, 'subscribe-feed');
    } finally {
      this.subscribing = false;
    }
  }

  private askDisconnect(c: CalendarConnection, index: number): void {
    this.confirming = this.confirming === c.id ? undefined : c.id;
    this.focusAfterRender = this.confirming ? `[data-focus="keep-${index}"]` : undefined;
  }

  private cancelDisconnect(index: number): void {
    this.confirming = undefined;
    this.focusAfterRender = `[data-focus="disconnect-${index}"]`;
  }

  private async disconnect(c: CalendarConnection): Promise<void> {
    const t = this.t;
    this.confirming = undefined;
    this.setError(`connection:${c.id}`, undefined);
    // The connection leaves the list at once: focus goes to the section's heading.
    this.focusAfterRender = '#calendars-heading';
    try {
      await this.connections.change((list) => list.filter((x) => x.id !== c.id));
      this.announce(t('disconnected', { account: c.accountLabel }));
    } catch (e) {
      this.fail(`connection:${c.id}`, `${t('disconnectFailed', { account: c.accountLabel })} ${this.reason(asSchedulerError(e))}`, e, 'disconnect');
    }
  }

  private setConflict(connectionId: string, calendarId: string, on: boolean): void {
    void this.saveConnections(`connection:${connectionId}`, (list) =>
      list.map((c) => {
        if (c.id !== connectionId) return c;
        const others = c.conflictCalendarIds.filter((id) => id !== calendarId);
        return { ...c, conflictCalendarIds: on ? [...others, calendarId] : others };
      }),
    );
  }

  private chooseTarget(connectionId: string | undefined, calendarId: string | undefined): void {
    void this.saveConnections('target', (list) =>
      list.map((c) => (c.id === connectionId && calendarId !== undefined ? { ...c, targetCalendarId: calendarId } : withoutTarget(c))),
    );
  }

  private async saveConnections(area: string, change: (list: CalendarConnection[]) => CalendarConnection[]): Promise<void> {
    this.setError(area, undefined);
    try {
      await this.connections.change(change);
      this.announce(this.t('saved'));
    } catch (e) {
      this.fail(area, `${this.t('saveFailed')} ${this.reason(asSchedulerError(e))}`, e, 'save-connection');
    }
  }

  private setChannel(kind: MeetingEventType, channel: keyof ChannelPreference, on: boolean): void {
    void this.saveSettings('notifications', (s) => {
      const current = s.notifications.channels[kind] ?? { inApp: false, email: false };
      return { ...s, notifications: { ...s.notifications, channels: { ...s.notifications.channels, [kind]: { ...current, [channel]: on } } } };
    });
  }

  private setReminder(minutes: number, on: boolean): void {
    void this.saveSettings('notifications', (s) => {
      const others = s.notifications.remindersMinutesBefore.filter((m) => m !== minutes);
      const remindersMinutesBefore = (on ? [...others, minutes] : others).sort((a, b) => a - b);
      return { ...s, notifications: { ...s.notifications, remindersMinutesBefore } };
    });
  }

  private setMuted(threadId: string, muted: boolean): void {
    void this.saveSettings('notifications', (s) => {
      const others = s.notifications.mutedThreadIds.filter((id) => id !== threadId);
      return { ...s, notifications: { ...s.notifications, mutedThreadIds: muted ? [...others, threadId] : others } };
    });
  }

  private editDay(day: IsoWeekday, patch: Partial<Pick<DayDraft, 'works' | 'start' | 'end'>>): void {
    this.hours = this.hours?.map((d) => {
      if (d.day !== day) return d;
      const next: DayDraft = { ...d, ...patch };
      delete next.kept; // edited: written as the one range shown
      return next;
    });
    if (this.hourProblems.has(day)) {
      const rest = new Map(this.hourProblems);
      rest.delete(day);
      this.hourProblems = rest;
    }
  }

  private async saveHours(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const days = this.hours;
    if (!days || this.savingHours) return;
    const t = this.t;
    const found = problems(days);
    this.hourProblems = found;
    const first = [...found.keys()][0];
    if (first !== undefined) {
      this.setError('hours', t('checkHighlighted'));
      this.announce(t('checkHighlighted'));
      this.focusAfterRender = `[data-focus="${found.get(first) === 'order' ? 'end' : 'start'}-${first}"]`;
      return;
    }
    const timeZone = this.env.timeZone;
    this.savingHours = true;
    const saved = await this.saveSettings('hours', (s) => {
      const next = { ...s };
      const workingHours = workingHoursFrom(days, timeZone, s.workingHours);
      if (workingHours) next.workingHours = workingHours;
      else delete next.workingHours;
      return next;
    });
    this.savingHours = false;
    if (saved) this.hours = draftFrom(saved.workingHours);
  }

  /** Saves the settings optimistically; on success tells the host, on failure shows why. */
  private async saveSettings(area: string, change: (s: UserSettings) => UserSettings): Promise<UserSettings | undefined> {
    this.setError(area, undefined);
    try {
      const saved = await this.settings.change(change);
      const event = new MeetingSettingsChangeEvent(saved);
      this.dispatchEvent(event);
      this.announce(this.t('saved'));
      return saved;
    } catch (e) {
      this.fail(area, `${this.t('saveFailed')} ${this.reason(asSchedulerError(e))}`, e, 'save-settings');
      return undefined;
    }
  }

  // ---- Feedback ---------------------------------------------------------------------

  private setError(area: string, text: string | undefined): void {
    if (this.errors[area] === text) return;
    const next = { ...this.errors };
    if (text === undefined) delete next[area];
    else next[area] = text;
    this.errors = next;
  }

  /** Shows `text` in `area`, announces it and tells the host. */
  private fail(area: string, text: string, error: unknown, context: string): void {
    this.setError(area, text);
    this.announce(text);
    const event = new MeetingErrorEvent(asSchedulerError(error), `meeting-settings:${context}`);
    this.dispatchEvent(event);
  }

  /** Says `text` in the live region (a new node each time, so repeating "Saved" is announced again). */
  private announce(text: string): void {
    this.announcement = text;
    this.announcements++;
  }

  /** Why something failed, in the viewer's language (the provider's own message stays in the error's details). */
  private reason(error: SchedulerError | undefined): string {
    const t = this.t;
    switch (error?.code) {
      case 'provider-auth':
      case 'permission-denied':
      case 'unauthenticated':
        return t('errorAuth');
      case 'network':
        return t('errorNetwork');
      case 'provider-rate-limited':
      case 'rate-limited':
        return t('errorBusy');
      case 'provider-unavailable':
        return t('errorUnavailable');
      case 'not-found':
        return t('errorNotFound');
      case 'invalid-input':
        return t('errorInvalid');
      default:
        return t('errorOther');
    }
  }
}
