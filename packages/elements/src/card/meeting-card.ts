import { consume } from '@lit/context';
import {
  addToCalendarLinks,
  allowedActions,
  applyMeetingEvent,
  findConflicts,
  joinWindow,
  safeJoinUrl,
  type AcceptedEvent,
  type CalendarConnection,
  type CancelledEvent,
  type DeclinedEvent,
  type Instant,
  type Interval,
  type LinkSharedEvent,
  type Meeting,
  type MeetingAction,
  type MeetingEvent,
  type Participant,
  type SchedulerError,
  type ThreadInfo,
} from '@meeting-scheduler/core';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { defaultEnvironment, meetingContext, type MeetingEnvironment } from '../context.js';
import { asSchedulerError, ThreadController } from '../controllers/thread-controller.js';
import {
  MeetingActionEvent,
  MeetingCalendarSyncEvent,
  MeetingCounterRequestEvent,
  MeetingErrorEvent,
  MeetingJoinRequestEvent,
} from '../events.js';
import { messagesReady } from '../i18n/load.js';
import { isolateBidi, translator, type Translate } from '../i18n/translate.js';
import { slotLabel, slotLabelFor } from '../internal/format.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { CalendarSyncController, type SyncFailure } from './calendar-sync-controller.js';
import { ClockController } from './clock-controller.js';
import { ConflictsController, type AccountBusy } from './conflicts-controller.js';
import { cardMessages, type CardMessage } from './meeting-card.messages.js';
import { cardStyles } from './meeting-card.styles.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

type FormKind = 'decline' | 'cancel';
type JoinLink = { kind: 'ok'; url: string } | { kind: 'none' } | { kind: 'blocked' };

/** A fresh unique id (event ids, guest ids); `randomUUID` needs a secure context, `getRandomValues` does not. */
function newId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function defaultOpenUrl(url: string): void {
  globalThis.open?.(url, '_blank', 'noopener');
}

/** The sentence the card shows for a failed action (conflicts show "This invite was updated" instead). */
function actionErrorKey(error: SchedulerError): 'actionFailedNetwork' | 'actionSignedOut' | 'actionRateLimited' | 'actionRefused' | 'actionFailed' {
  switch (error.code) {
    case 'network':
    case 'provider-unavailable':
      return 'actionFailedNetwork';
    case 'unauthenticated':
      return 'actionSignedOut';
    case 'rate-limited':
      return 'actionRateLimited';
    case 'permission-denied':
    case 'invalid-transition':
    case 'not-a-participant':
      return 'actionRefused';
    default:
      return 'actionFailed';
  }
}

/**
 * A meeting's message in the thread, drawn from the fold of its events for the person
 * looking at it, and live through the thread adapter's `subscribe`:
 *
 * - **invited** (awaited): the options in the viewer's zone with the others' local
 *   times, conflicts with the viewer's calendars marked; Accept one, Suggest a
 *   different time, or Decline with an optional reason;
 * - **organizer** (or anyone not awaited): "Waiting for Bob", the options, Reschedule, Cancel;
 * - **confirmed**: the time in every zone, who accepted, Join (in the join window),
 *   Add to calendar (Google, Outlook, Microsoft 365, `.ics`), Reschedule, Cancel, Share link;
 * - **cancelled / declined**: by whom, the reason, the time struck through;
 * - **guest** (`guest` or a `.meeting` passed in, no thread access): the time in the
 *   guest's zone, Join and Add to calendar only.
 *
 * Calendar writes: when this viewer sees the meeting confirmed (the accepter right as
 * they accept, the others when the confirmation arrives), it is written to each
 * connected calendar that has a target calendar, with the idempotency key
 * `${meeting.id}:${start}:${viewerId}`. The accepter writes before storing the accept,
 * so the Meet/Teams link the provider makes travels with the `accepted` event; if that
 * write fails the accept is still stored (without a link) and a Retry is shown. Event
 * ids this browser wrote are kept in `localStorage` (key
 * `meeting-scheduler:calendar-events:v1:<viewerId>`) so a reschedule moves and a
 * cancel removes them even after a reload.
 *
 * @tagname meeting-card
 * @summary A meeting in a thread: accept, decline, join, add to calendar, reschedule, cancel, share.
 *
 * @fires {MeetingActionEvent} meeting-action - An action was stored (accept, decline, cancel, share).
 * @fires {MeetingCounterRequestEvent} meeting-counter-request - "Suggest a different time" (`counter`) or Reschedule (`reschedule`). Cancelable: prevent it to show your own scheduler instead of the inline one.
 * @fires {MeetingJoinRequestEvent} meeting-join-request - Before Join opens the call. Cancelable: prevent it to open your own call view.
 * @fires {MeetingCalendarSyncEvent} meeting-calendar-sync - A calendar write for this meeting succeeded or failed.
 * @fires {MeetingErrorEvent} meeting-error - An action failed (the card shows it too).
 *
 * @csspart card - The card's frame.
 * @csspart header - Title and subtitle.
 * @csspart options - The candidate times (radio group or list).
 * @csspart option - One candidate time.
 * @csspart actions - The row of action buttons.
 * @csspart join - The Join button.
 * @csspart calendar-menu - The Add to calendar links.
 * @csspart reason - The reason + confirm form (decline, cancel).
 * @csspart status - The line saying where the meeting stands ("Waiting for Bob", "Bob accepted — …", "Cancelled by Bob").
 *
 * @cssprop --meeting-card-padding - Space inside the card (default `1rem`).
 * @cssprop --meeting-card-max-width - Widest the card grows (default `32rem`).
 * @cssprop --meeting-card-shadow - The card's shadow (default none).
 * @cssprop --meeting-accent - Primary buttons, selected option, links.
 * @cssprop --meeting-accent-contrast - Text on primary buttons.
 * @cssprop --meeting-surface - Card background.
 * @cssprop --meeting-surface-raised - Background of the confirm forms.
 * @cssprop --meeting-text - Text colour.
 * @cssprop --meeting-muted - Secondary text (other zones, notes).
 * @cssprop --meeting-border - Borders.
 * @cssprop --meeting-danger - Conflicts, errors, Decline and Cancel.
 * @cssprop --meeting-success - The "Confirmed" badge.
 * @cssprop --meeting-radius - Corner radius.
 * @cssprop --meeting-focus-ring - Focus indicator (a box-shadow).
 * @cssprop --meeting-font - Font family.
 * @cssprop --meeting-font-size - Base font size.
 *
 * @slot - None: the card renders everything from the meeting's events.
 *
 * @example
 * ```html
 * <meeting-provider …><meeting-card thread-id="t1" meeting-id="m1"></meeting-card></meeting-provider>
 * <!-- a guest page, with the meeting from GET /guest/:token -->
 * <meeting-card guest guest-id="guest-9f2…"></meeting-card>
 * <script type="module">document.querySelector('meeting-card[guest]').meeting = meetingFromServer;</script>
 * ```
 */
export class MeetingCard extends LitElement {
  static override styles = [sharedStyles, cardStyles];

  /** The thread the meeting belongs to (required unless a guest `.meeting` is given). */
  @property({ attribute: 'thread-id' }) threadId: string | undefined;
  /** The meeting to show (required unless a guest `.meeting` is given). */
  @property({ attribute: 'meeting-id' }) meetingId: string | undefined;
  /** Guest view: no thread access; the host passes the meeting in `.meeting`. */
  @property({ type: Boolean, reflect: true }) guest = false;
  /** The guest's id from their share link (e.g. `guest-…`). */
  @property({ attribute: 'guest-id' }) guestId: string | undefined;
  /** A meeting the host already has (guest pages). Setting it shows the guest view. */
  @property({ attribute: false }) meeting: Meeting | undefined;
  /** The level of the card's heading in the host page (1–6, default 3). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  @consume({ context: meetingContext, subscribe: true })
  @state()
  env: MeetingEnvironment = defaultEnvironment();

  @state() private selected: { sequence: number; start: Instant } | undefined;
  @state() private form: FormKind | undefined;
  @state() private reasonDraft = '';
  @state() private pending: MeetingAction | undefined;
  @state() private notice = false;
  @state() private error: string | undefined;
  @state() private announcement = '';
  @state() private inlineScheduler: { mode: 'counter' | 'reschedule'; sequence: number } | undefined;
  private focusAfterInline: { historyLength: number } | undefined;
  /** The meeting's history length when the inline scheduler opened. */
  private inlineOpenedAt = 0;
  @state() private menuOpen = false;
  @state() private share: { guestId: string; url: string | undefined; status: 'creating' | 'ready' | 'failed' } | undefined;

  private focusNotice = false;
  private retrying = new Set<string>();

  private readonly threadCtl = new ThreadController(this, () => ({
    adapter: this.isGuestView ? undefined : this.env.thread,
    threadId: this.threadId,
  }));

  private readonly clock = new ClockController(
    this,
    () => this.env.now(),
    (now) => this.clockBoundaries(now),
  );

  private readonly conflicts = new ConflictsController(this, () => {
    const m = this.current;
    const viewer = this.viewerId;
    const choosing = !this.isGuestView && m?.status === 'proposed' && viewer !== undefined && m.awaiting.includes(viewer);
    return {
      connections: this.env.connections,
      calendarFor: this.env.calendarFor,
      span: choosing ? spanOf(m.options) : undefined,
    };
  });

  private readonly sync = new CalendarSyncController(this, () => ({
    enabled: !this.isGuestView,
    meeting: this.current,
    viewerId: this.viewerId,
    connections: this.env.connections,
    calendarFor: this.env.calendarFor,
    now: () => this.env.now(),
  }));

  constructor() {
    super();
    this.addEventListener(MeetingCalendarSyncEvent.type, (e) => {
      if (e.state === 'written' && this.retrying.delete(e.connectionId)) void this.announceAdded(e.connectionId);
    });
  }

  /** Re-render against the clock now (after `env.now()` jumped, e.g. a test or the demo's fast-forward). */
  refresh(): void {
    this.clock.refresh();
  }

  private get isGuestView(): boolean {
    return this.guest || this.meeting !== undefined;
  }

  private get t(): Translate<CardMessage> {
    return translator(cardMessages, this.env.locale);
  }

  /** Holds each update until the messages of a non-English locale are fetched (no English flash). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const ready = messagesReady(cardMessages, 'card', this.env.locale);
    if (!ready) return super.scheduleUpdate();
    return ready.then(() => super.scheduleUpdate());
  }

  private get viewerId(): string | undefined {
    return this.isGuestView ? this.guestId : this.threadCtl.thread?.currentUserId;
  }

  /** The meeting as this card shows it: the guest's copy, or the thread's fold. */
  private get current(): Meeting | undefined {
    if (this.isGuestView) return this.meeting;
    return this.meetingId === undefined ? undefined : this.threadCtl.meeting(this.meetingId);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const m = this.current;
    if (this.inlineScheduler && m?.sequence !== this.inlineScheduler.sequence) this.inlineScheduler = undefined;
    if (this.form && m && !this.formAllowed(m, this.form)) this.form = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.focusNotice && this.current) {
      this.focusNotice = false;
      this.renderRoot.querySelector<HTMLElement>('#notice')?.focus();
    }
    // The inline scheduler is gone: once the card shows what was sent (or at once when
    // it was closed), the focus goes to the card's status rather than to the page.
    const after = this.focusAfterInline;
    if (after && this.current && this.current.history.length > after.historyLength) {
      this.focusAfterInline = undefined;
      (this.renderRoot.querySelector<HTMLElement>('#status') ?? this.renderRoot.querySelector<HTMLElement>('#heading'))?.focus();
    }
  }

  /** Closes the inline scheduler; `sent`: after its event is stored, so focus waits for the card to show it. */
  private closeInlineScheduler(sent: boolean): void {
    this.inlineScheduler = undefined;
    this.focusAfterInline = { historyLength: sent ? this.inlineOpenedAt : -1 };
    // The card may already show the sent event (and have dropped the scheduler): update anyway.
    this.requestUpdate();
  }

  // ---------------------------------------------------------------------------
  // Rendering

  protected override render(): TemplateResult {
    const m = this.current;
    return html`
      <article part="card" class="card" lang=${this.env.locale} aria-labelledby=${ifDefined(m ? 'heading' : undefined)}>
        ${this.notice ? html`<p id="notice" class="alert notice" role="alert" tabindex="-1">${this.t('inviteUpdated')}</p>` : nothing}
        ${m ? this.renderMeeting(m) : this.renderMissing()}
        ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </article>
    `;
  }

  private renderMissing(): TemplateResult {
    const t = this.t;
    if (this.isGuestView) return html`<p part="status">${t('notFound')}</p>`;
    if (this.threadCtl.status === 'error') {
      return html`
        <p part="status" class="alert" role="alert">${t('loadFailed')}</p>
        <div part="actions" class="actions"><button @click=${() => void this.threadCtl.reload()}>${t('retry')}</button></div>
      `;
    }
    if (this.threadCtl.status === 'ready') return html`<p part="status">${t('notFound')}</p>`;
    return html`<p part="status" class="muted">${t('loading')}</p>`;
  }

  private renderMeeting(m: Meeting): TemplateResult {
    if (this.isGuestView) return this.renderGuest(m);
    const thread = this.threadCtl.thread;
    const viewer = this.viewerId;
    if (!thread || !viewer) return this.renderMissing();
    const actions = allowedActions(m, viewer, thread);
    if (m.status === 'cancelled' || m.status === 'declined') return this.renderEnded(m, thread, viewer);
    if (m.status === 'confirmed') return this.renderConfirmed(m, thread, viewer, actions);
    if (actions.includes('accept')) return this.renderInvited(m, thread, viewer, actions);
    if (m.responses[viewer] === 'declined') return this.renderEnded(m, thread, viewer);
    return this.renderWaiting(m, thread, viewer, actions);
  }

  private heading(text: string, subtitle?: string, badge?: string): TemplateResult {
    return html`
      <header part="header">
        <div id="heading" class="heading" role="heading" aria-level=${this.level()} tabindex="-1">${text}</div>
        ${subtitle ? html`<p class="subtitle">${subtitle}</p>` : nothing}
        ${badge ? html`<span class="badge">${badge}</span>` : nothing}
      </header>
    `;
  }

  private level(): number {
    const n = Math.round(Number(this.headingLevel));
    return n >= 1 && n <= 6 ? n : 3;
  }

  /** "Meeting with Bob" / "Meeting invite from Alice", unless the meeting has a title. */
  private titleFor(m: Meeting, thread: ThreadInfo, viewer: string, invited: boolean): { title: string; subtitle: string | undefined } {
    const t = this.t;
    const organizer = this.nameOf(m.organizerId, thread);
    const duration = t('duration', { count: m.durationMinutes });
    const fallback =
      invited && viewer !== m.organizerId
        ? t('inviteFrom', { name: organizer })
        : t('meetingWith', { names: this.list(this.others(m, thread, viewer).map((p) => p.name)) });
    const title = m.title?.trim() ? m.title : fallback;
    const byLine = m.title?.trim() && viewer !== m.organizerId ? t('invitedBy', { name: organizer }) : undefined;
    return { title, subtitle: [byLine, duration].filter(Boolean).join(' · ') };
  }

  private renderInvited(m: Meeting, thread: ThreadInfo, viewer: string, actions: MeetingAction[]): TemplateResult {
    const t = this.t;
    const { title, subtitle } = this.titleFor(m, thread, viewer, true);
    const chosen = this.chosen(m);
    const others = this.others(m, thread, viewer);
    const busy = this.conflicts.busy;
    return html`
      ${this.heading(title, subtitle)} ${this.renderChangeNote(m, thread, viewer)} ${this.renderMessage(m, thread)}
      <fieldset part="options">
        <legend>${t('pickTime')}</legend>
        ${m.options.map((o) => {
          const conflict = findConflicts(o, busy)[0] as AccountBusy | undefined;
          return html`
            <label part="option" class="option">
              <input
                type="radio"
                name="option"
                .value=${o.start}
                .checked=${live(chosen === o.start)}
                ?disabled=${this.pending !== undefined}
                @change=${() => (this.selected = { sequence: m.sequence, start: o.start })}
              />
              <span class="mine">${slotLabel(o, this.env)}</span>
              ${others.map((p) => html`<span class="theirs">${t('timeFor', { time: slotLabelFor(o, p, this.env), name: p.name })}</span>`)}
              ${conflict ? html`<span class="conflict">${this.conflictText(conflict)}</span>` : nothing}
            </label>
          `;
        })}
      </fieldset>
      ${this.conflicts.status === 'loading' ? html`<p class="muted">${t('checkingCalendar')}</p>` : nothing}
      ${this.conflicts.status === 'error' ? html`<p class="muted">${t('calendarCheckFailed')}</p>` : nothing}
      ${this.form
        ? this.renderReasonForm()
        : html`
            <div part="actions" class="actions">
              ${actions.includes('accept')
                ? html`<button class="primary" ?disabled=${chosen === undefined || this.pending !== undefined} @click=${() => void this.accept()}>
                    ${this.pending === 'accept' ? t('accepting') : t('accept')}
                  </button>`
                : nothing}
              ${actions.includes('counter')
                ? html`<button ?disabled=${this.pending !== undefined} @click=${() => this.requestScheduler(m, 'counter')}>${t('suggestTime')}</button>`
                : nothing}
              ${actions.includes('decline')
                ? html`<button class="danger" ?disabled=${this.pending !== undefined} @click=${() => this.openForm('decline')}>
                    ${t('decline')}
                  </button>`
                : nothing}
            </div>
          `}
      ${this.renderSyncState()} ${this.renderInlineScheduler(m)}
    `;
  }

  private renderWaiting(m: Meeting, thread: ThreadInfo, viewer: string, actions: MeetingAction[]): TemplateResult {
    const t = this.t;
    const { title, subtitle } = this.titleFor(m, thread, viewer, false);
    const others = this.others(m, thread, viewer);
    const awaited = m.awaiting.map((id) => this.nameOf(id, thread));
    return html`
      ${this.heading(title, subtitle)}
      <p id="status" part="status" tabindex="-1">${t('waitingFor', { names: this.list(awaited) })}</p>
      ${this.renderChangeNote(m, thread, viewer)} ${this.renderMessage(m, thread)}
      <ul part="options" class="options" aria-label=${t('proposedTimes')}>
        ${m.options.map(
          (o) => html`
            <li part="option" class="option">
              <span class="mine">${slotLabel(o, this.env)}</span>
              ${others.map((p) => html`<span class="theirs">${t('timeFor', { time: slotLabelFor(o, p, this.env), name: p.name })}</span>`)}
            </li>
          `,
        )}
      </ul>
      ${this.renderManage(m, actions)} ${this.renderInlineScheduler(m)}
    `;
  }

  private renderConfirmed(m: Meeting, thread: ThreadInfo, viewer: string, actions: MeetingAction[]): TemplateResult {
    const t = this.t;
    const { title, subtitle } = this.titleFor(m, thread, viewer, false);
    const slot = m.confirmed!;
    const others = this.others(m, thread, viewer);
    const accepted = [...m.history].reverse().find((e): e is AcceptedEvent => e.type === 'accepted');
    const when = this.dateTime(slot.start);
    const line = accepted
      ? accepted.by === viewer
        ? t('youAcceptedLine', { when })
        : t('acceptedLine', { name: this.nameOf(accepted.by, thread), when })
      : undefined;
    return html`
      ${this.heading(title, subtitle, t('confirmed'))}
      ${line ? html`<p id="status" part="status" tabindex="-1">${line}</p>` : nothing}
      <div class="when">
        <p class="mine"><time datetime=${slot.start}>${slotLabel(slot, this.env)}</time></p>
        ${others.length
          ? html`<ul class="theirs">
              ${others.map((p) => html`<li>${t('timeFor', { time: slotLabelFor(slot, p, this.env), name: p.name })}</li>`)}
            </ul>`
          : nothing}
        ${this.renderStartsIn(slot)}
      </div>
      ${this.renderMessage(m, thread)}
      <div part="actions" class="actions">
        ${actions.includes('join') ? this.renderJoin(m) : nothing}
        ${actions.includes('add-to-calendar') ? this.renderCalendarMenu(m, thread.participants) : nothing}
      </div>
      ${this.renderManage(m, actions)} ${this.renderShare()} ${this.renderSyncState()} ${this.renderInlineScheduler(m)}
    `;
  }

  private renderEnded(m: Meeting, thread: ThreadInfo, viewer: string): TemplateResult {
    const t = this.t;
    const { title, subtitle } = this.titleFor(m, thread, viewer, false);
    const last = [...m.history].reverse().find((e): e is CancelledEvent | DeclinedEvent => e.type === 'cancelled' || e.type === 'declined');
    let line: string;
    if (last?.type === 'cancelled') {
      line = last.by === viewer ? t('youCancelled') : t('cancelledBy', { name: this.nameOf(last.by, thread) });
    } else {
      const by = last?.by ?? viewer;
      line = by === viewer ? t('youDeclined') : t('declinedBy', { name: this.nameOf(by, thread) });
    }
    const reason = last?.reason ?? (m.status === 'proposed' ? undefined : m.reason);
    const times = m.confirmed ? [m.confirmed] : m.options;
    return html`
      ${this.heading(title, subtitle)}
      <p id="status" part="status" tabindex="-1">${line}</p>
      ${reason?.trim() ? html`<p class="note">${t('reason', { reason })}</p>` : nothing}
      <ul class="options">
        ${times.map((o) => html`<li class="struck"><s>${slotLabel(o, this.env)}</s></li>`)}
      </ul>
      ${this.renderSyncState()}
    `;
  }

  private renderGuest(m: Meeting): TemplateResult {
    const t = this.t;
    const title = m.title?.trim() ? m.title : t('meeting');
    if (m.status === 'confirmed' && m.confirmed) {
      const guestId = this.guestId ?? 'guest';
      // The host vouches for the guest by passing the meeting: count them as shared with.
      const asShared = m.guestIds.includes(guestId) ? m : { ...m, guestIds: [...m.guestIds, guestId] };
      const actions = allowedActions(asShared, guestId, { id: m.threadId, participants: [], currentUserId: guestId });
      return html`
        ${this.heading(title, t('duration', { count: m.durationMinutes }), t('confirmed'))}
        <div class="when">
          <p class="mine"><time datetime=${m.confirmed.start}>${slotLabel(m.confirmed, this.env)}</time></p>
          ${this.renderStartsIn(m.confirmed)}
        </div>
        <div part="actions" class="actions">
          ${actions.includes('join') ? this.renderJoin(m) : nothing}
          ${actions.includes('add-to-calendar') ? this.renderCalendarMenu(m, undefined) : nothing}
        </div>
      `;
    }
    const times = m.confirmed ? [m.confirmed] : m.previous ? [m.previous] : [];
    return html`
      ${this.heading(title)}
      <p part="status">${m.status === 'cancelled' || m.status === 'declined' ? t('guestCancelled') : t('guestNotScheduled')}</p>
      ${m.status === 'cancelled' || m.status === 'declined'
        ? html`<ul class="options">
            ${times.map((o) => html`<li class="struck"><s>${slotLabel(o, this.env)}</s></li>`)}
          </ul>`
        : nothing}
    `;
  }

  /** "Alice suggested different times" / "Alice asked to reschedule" + reason + the previous time. */
  private renderChangeNote(m: Meeting, thread: ThreadInfo, viewer: string): TemplateResult | typeof nothing {
    const t = this.t;
    const last = m.history[m.history.length - 1];
    if (last?.type !== 'countered' && last?.type !== 'rescheduled') return nothing;
    const mine = last.by === viewer;
    const name = this.nameOf(last.by, thread);
    const line =
      last.type === 'countered'
        ? mine
          ? t('counteredByYou')
          : t('counteredBy', { name })
        : mine
          ? t('rescheduledByYou')
          : t('rescheduledBy', { name });
    return html`
      <p class="muted">${line}</p>
      ${last.type === 'rescheduled' && last.reason?.trim() ? html`<p class="note">${t('reason', { reason: last.reason })}</p>` : nothing}
      ${m.previous ? html`<p class="muted">${t('previously', { time: slotLabel(m.previous, this.env) })}</p>` : nothing}
    `;
  }

  /** The proposal's (or the last counter's) message, as text. */
  private renderMessage(m: Meeting, thread: ThreadInfo): TemplateResult | typeof nothing {
    if (!m.message?.trim()) return nothing;
    const counter = [...m.history].reverse().find((e) => e.type === 'countered');
    const author = this.nameOf(counter?.by ?? m.organizerId, thread);
    return html`<p class="message"><span class="visually-hidden">${this.t('messageFrom', { name: author })}: </span>${m.message}</p>`;
  }

  private renderStartsIn(slot: Interval): TemplateResult | typeof nothing {
    const now = this.clock.nowMs();
    const start = Date.parse(slot.start);
    const end = Date.parse(slot.end);
    if (now >= start && now < end) return html`<p class="muted">${this.t('inProgress')}</p>`;
    if (now < start && start - now <= HOUR_MS) {
      const minutes = Math.ceil((start - now) / MINUTE_MS);
      const relative = new Intl.RelativeTimeFormat(this.env.locale, { numeric: 'auto' }).format(minutes, 'minute');
      return html`<p class="muted">${this.t('startsIn', { relative })}</p>`;
    }
    return nothing;
  }

  private renderJoin(m: Meeting): TemplateResult {
    const t = this.t;
    const link = this.joinLink(m);
    if (link.kind === 'none') return html`<p class="muted">${t('noCallLink')}</p>`;
    if (link.kind === 'blocked') return html`<p class="muted">${t('callLinkBlocked')}</p>`;
    const w = joinWindow(m, this.env.now());
    if (w.state === 'open') {
      return html`<button part="join" class="primary" @click=${() => this.join(m, link.url)}>${t('join')}</button>`;
    }
    const label = w.state === 'too-early' && w.opensAt ? this.opensLabel(w.opensAt) : t('meetingEnded');
    return html`<button part="join" class="primary join" disabled>${label}</button>`;
  }

  private renderCalendarMenu(m: Meeting, participants: Participant[] | undefined): TemplateResult | typeof nothing {
    const t = this.t;
    let links: ReturnType<typeof addToCalendarLinks>;
    // A join link the card will not open (not on the host's `joinHosts`) is not handed to calendars either.
    const { joinUrl: _blocked, ...withoutJoinUrl } = m;
    const meeting: Meeting = this.joinLink(m).kind === 'blocked' ? withoutJoinUrl : m;
    try {
      // A guest's view of a meeting carries no history, so the .ics is stamped with now.
      links = addToCalendarLinks(meeting, participants ? { participants, dtstamp: this.env.now() } : { dtstamp: this.env.now() });
    } catch {
      return nothing;
    }
    return html`
      <div class="menu" @keydown=${this.onMenuKeydown}>
        <button id="calendar-toggle" aria-expanded=${this.menuOpen ? 'true' : 'false'} aria-controls="calendar-menu" @click=${() => (this.menuOpen = !this.menuOpen)}>
          ${t('addToCalendar')}
        </button>
        <ul id="calendar-menu" part="calendar-menu" class="calendar-menu" ?hidden=${!this.menuOpen}>
          <li><a href=${links.google} target="_blank" rel="noopener noreferrer">${t('googleCalendar')}</a></li>
          <li><a href=${links.outlook} target="_blank" rel="noopener noreferrer">${t('outlookCom')}</a></li>
          <li><a href=${links.office365} target="_blank" rel="noopener noreferrer">${t('office365')}</a></li>
          <li><a href=${links.ics} download="meeting.ics">${t('icsDownload')}</a></li>
        </ul>
      </div>
    `;
  }

  /** Reschedule / Cancel (and the cancel confirm form) for an attendee. */
  private renderManage(m: Meeting, actions: MeetingAction[]): TemplateResult | typeof nothing {
    const t = this.t;
    if (this.form) return this.renderReasonForm();
    const share = actions.includes('share') && this.env.createShareLink !== undefined;
    if (!actions.includes('reschedule') && !actions.includes('cancel') && !share) return nothing;
    const busy = this.pending !== undefined;
    return html`
      <div part="actions" class="actions">
        ${actions.includes('reschedule')
          ? html`<button ?disabled=${busy} @click=${() => this.requestScheduler(m, 'reschedule')}>${t('reschedule')}</button>`
          : nothing}
        ${share
          ? html`<button ?disabled=${busy || this.share?.status === 'creating'} @click=${() => void this.shareLink()}>
              ${this.share?.status === 'creating' ? t('creatingLink') : t('shareLink')}
            </button>`
          : nothing}
        ${actions.includes('cancel')
          ? html`<button class="danger" ?disabled=${busy} @click=${() => this.openForm('cancel')}>${t('cancelMeeting')}</button>`
          : nothing}
      </div>
    `;
  }

  /** The confirm step: an optional reason, then "Decline invite" / "Yes, cancel meeting", or Back. */
  private renderReasonForm(): TemplateResult {
    const t = this.t;
    const kind = this.form ?? 'cancel';
    const busy = this.pending !== undefined;
    return html`
      <form part="reason" class="reason-form" aria-labelledby="reason-question" @submit=${this.onReasonSubmit} @keydown=${this.onFormKeydown}>
        <p id="reason-question">${kind === 'decline' ? t('declineQuestion') : t('cancelQuestion')}</p>
        <label for="reason">${t('reasonOptional')}</label>
        <textarea
          id="reason"
          maxlength="500"
          .value=${live(this.reasonDraft)}
          ?disabled=${busy}
          @input=${(e: Event) => (this.reasonDraft = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        <div class="form-actions">
          <button type="submit" class="danger" ?disabled=${busy}>${kind === 'decline' ? t('declineConfirm') : t('cancelConfirm')}</button>
          <button type="button" ?disabled=${busy} @click=${() => this.closeForm()}>${t('back')}</button>
        </div>
      </form>
    `;
  }

  private renderShare(): TemplateResult | typeof nothing {
    const t = this.t;
    const s = this.share;
    if (!s) return nothing;
    if (s.status === 'failed') {
      return html`
        <div class="sync">
          <p class="alert" role="alert">${t('shareFailed')}</p>
          <button @click=${() => void this.createLink(s.guestId)}>${t('retry')}</button>
        </div>
      `;
    }
    if (s.status !== 'ready' || s.url === undefined) return nothing;
    return html`
      <div class="share">
        <label for="share-url">${t('guestLink')}</label>
        <div class="share-row">
          <input id="share-url" type="url" readonly .value=${s.url} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
          <button @click=${() => void this.copyLink()}>${t('copy')}</button>
        </div>
      </div>
    `;
  }

  private renderSyncState(): TemplateResult | typeof nothing {
    const t = this.t;
    const failures = this.sync.failures;
    if (failures.length === 0) return this.sync.writing > 0 ? html`<p class="muted">${t('calendarWriting')}</p>` : nothing;
    return html`${failures.map(
      (f, i) => html`
        <div class="sync">
          <p class="alert" role="alert" id=${`sync-${i}`}>${this.syncFailureText(f)}</p>
          <button aria-describedby=${`sync-${i}`} @click=${() => this.retrySync(f.connection.id)}>${t('retry')}</button>
        </div>
      `,
    )}`;
  }

  private renderInlineScheduler(m: Meeting): TemplateResult | typeof nothing {
    const s = this.inlineScheduler;
    if (!s || s.sequence !== m.sequence || this.threadId === undefined) return nothing;
    return html`
      <div class="inline-scheduler">
        <meeting-scheduler mode=${s.mode} meeting-id=${m.id} thread-id=${this.threadId} inline @meeting-sent=${() => this.closeInlineScheduler(true)}></meeting-scheduler>
        <button @click=${() => this.closeInlineScheduler(false)}>${this.t('closeScheduler')}</button>
      </div>
    `;
  }

  // ---------------------------------------------------------------------------
  // Actions

  private async accept(): Promise<void> {
    const m = this.current;
    const thread = this.threadCtl.thread;
    const viewer = this.viewerId;
    const start = m ? this.chosen(m) : undefined;
    const option = m?.options.find((o) => o.start === start);
    if (!m || !thread || !viewer || !option || this.pending) return;
    this.beginAction('accept');
    const draft: AcceptedEvent = {
      type: 'accepted',
      id: newId(),
      meetingId: m.id,
      by: viewer,
      at: this.env.now(),
      sequence: m.sequence,
      option: { start: option.start, end: option.end },
    };
    const projected = applyMeetingEvent(m, draft, thread);
    if (!projected.ok) {
      this.pending = undefined;
      return this.fail(projected.error, 'accept');
    }
    // Calendar first, so the Meet/Teams link it makes goes into the accepted event;
    // a failed write is recorded (Retry) and the accept goes ahead without a link.
    let joinUrl = await this.sync.write(projected.meeting, viewer);
    if (!joinUrl && !m.joinUrl && this.env.conferencing) {
      try {
        joinUrl = safeJoinUrl(await this.env.conferencing.createJoinUrl(projected.meeting));
      } catch {
        joinUrl = undefined;
      }
    }
    const event: AcceptedEvent = joinUrl && !m.joinUrl ? { ...draft, joinUrl } : draft;
    try {
      await this.threadCtl.append(event, m.sequence);
    } catch (e) {
      this.pending = undefined;
      // The accept lost (someone changed the invite first): take back what was just written.
      void this.sync.remove(projected.meeting, viewer, option.start);
      return this.fail(e, 'accept');
    }
    this.pending = undefined;
    this.selected = undefined;
    this.finishAction('accept', event, this.t('announceAccepted', { time: slotLabel(option, this.env) }));
  }

  private async submitReason(kind: FormKind): Promise<void> {
    const m = this.current;
    const viewer = this.viewerId;
    if (!m || !viewer || this.pending) return;
    this.beginAction(kind);
    const reason = this.reasonDraft.trim();
    const base = { id: newId(), meetingId: m.id, by: viewer, at: this.env.now(), sequence: m.sequence };
    const event: DeclinedEvent | CancelledEvent =
      kind === 'decline'
        ? { type: 'declined', ...base, ...(reason ? { reason } : {}) }
        : { type: 'cancelled', ...base, ...(reason ? { reason } : {}) };
    try {
      await this.threadCtl.append(event, m.sequence);
    } catch (e) {
      this.pending = undefined;
      return this.fail(e, kind);
    }
    this.pending = undefined;
    this.form = undefined;
    this.reasonDraft = '';
    this.finishAction(kind, event, kind === 'decline' ? this.t('announceDeclined') : this.t('announceCancelled'));
  }

  private async shareLink(): Promise<void> {
    const m = this.current;
    const viewer = this.viewerId;
    if (!m || !viewer || this.pending || !this.env.createShareLink) return;
    this.beginAction('share');
    const guestId = `guest-${newId()}`;
    const event: LinkSharedEvent = {
      type: 'link-shared',
      id: newId(),
      meetingId: m.id,
      by: viewer,
      at: this.env.now(),
      sequence: m.sequence,
      guestId,
    };
    try {
      await this.threadCtl.append(event, m.sequence);
    } catch (e) {
      this.pending = undefined;
      return this.fail(e, 'share');
    }
    this.pending = undefined;
    this.dispatchEvent(new MeetingActionEvent('share', this.current ?? m, event));
    await this.createLink(guestId);
  }

  /** Asks the host for the guest URL (again, on Retry: the guest is already recorded). */
  private async createLink(guestId: string): Promise<void> {
    const create = this.env.createShareLink;
    const m = this.current;
    if (!create || !m) return;
    this.share = { guestId, url: undefined, status: 'creating' };
    try {
      const url = await create(m, guestId);
      this.share = { guestId, url, status: 'ready' };
      this.announce(this.t('shareCreated'));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#share-url')?.focus();
    } catch (e) {
      this.share = { guestId, url: undefined, status: 'failed' };
      this.dispatchEvent(new MeetingErrorEvent(asSchedulerError(e), 'share'));
    }
  }

  private async copyLink(): Promise<void> {
    const url = this.share?.url;
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      this.announce(this.t('copied'));
    } catch {
      const input = this.renderRoot.querySelector<HTMLInputElement>('#share-url');
      input?.focus();
      input?.select();
      this.announce(this.t('copyFailed'));
    }
  }

  private requestScheduler(m: Meeting, mode: 'counter' | 'reschedule'): void {
    const request = new MeetingCounterRequestEvent(m, mode);
    this.dispatchEvent(request);
    if (request.defaultPrevented || this.isGuestView) return;
    this.inlineScheduler = { mode, sequence: m.sequence };
    this.inlineOpenedAt = m.history.length;
  }

  private join(m: Meeting, url: string): void {
    const link = this.joinLink(m);
    if (link.kind !== 'ok' || link.url !== url || joinWindow(m, this.env.now()).state !== 'open') return;
    const request = new MeetingJoinRequestEvent(m, url);
    this.dispatchEvent(request);
    if (request.defaultPrevented) return;
    (this.env.openUrl ?? defaultOpenUrl)(url);
  }

  private retrySync(connectionId: string): void {
    this.retrying.add(connectionId);
    this.sync.retry(connectionId);
  }

  private async announceAdded(connectionId: string): Promise<void> {
    const connection = (await this.env.connections?.list().catch(() => []))?.find((c) => c.id === connectionId);
    if (connection) this.announce(this.t('calendarAdded', { provider: this.providerName(connection) }));
  }

  private beginAction(action: MeetingAction): void {
    this.pending = action;
    this.notice = false;
    this.error = undefined;
  }

  private finishAction(action: MeetingAction, event: MeetingEvent, message: string): void {
    const after = this.current;
    if (after) this.dispatchEvent(new MeetingActionEvent(action, after, event));
    this.announce(message);
    void this.updateComplete.then(() => (this.renderRoot.querySelector<HTMLElement>('#status') ?? this.renderRoot.querySelector<HTMLElement>('#heading'))?.focus());
  }

  /** A stale action shows the new state (never a wrong confirmation); anything else shows an error and keeps the draft. */
  private fail(e: unknown, context: string): void {
    const error = asSchedulerError(e);
    if (error.code === 'conflict' || error.code === 'stale-sequence' || error.code === 'slot-unavailable') {
      this.notice = true;
      this.focusNotice = true;
      this.form = undefined;
      this.selected = undefined;
      this.inlineScheduler = undefined;
      void this.threadCtl.reload();
    } else {
      this.error = this.t(actionErrorKey(error));
    }
    this.dispatchEvent(new MeetingErrorEvent(error, context));
  }

  private openForm(kind: FormKind): void {
    this.form = kind;
    this.reasonDraft = '';
    this.error = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLTextAreaElement>('#reason')?.focus());
  }

  private closeForm(): void {
    const kind = this.form;
    this.form = undefined;
    this.reasonDraft = '';
    // The opener was removed while the form showed; focus its re-rendered twin.
    void this.updateComplete.then(() => {
      const label = kind === 'decline' ? this.t('decline') : this.t('cancelMeeting');
      const again = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === label);
      again?.focus();
    });
  }

  private onReasonSubmit = (e: SubmitEvent): void => {
    e.preventDefault();
    if (this.form) void this.submitReason(this.form);
  };

  private onFormKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && !this.pending) {
      e.stopPropagation();
      this.closeForm();
    }
  };

  private onMenuKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.menuOpen) {
      e.stopPropagation();
      this.menuOpen = false;
      this.renderRoot.querySelector<HTMLButtonElement>('#calendar-toggle')?.focus();
    }
  };

  private announce(message: string): void {
    // Emptied first so the same words twice are announced twice.
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = message));
  }

  // ---------------------------------------------------------------------------
  // Helpers

  private formAllowed(m: Meeting, kind: FormKind): boolean {
    const thread = this.threadCtl.thread;
    const viewer = this.viewerId;
    return !!thread && !!viewer && allowedActions(m, viewer, thread).includes(kind === 'decline' ? 'decline' : 'cancel');
  }

  /** The picked option's start (the only option is picked already). */
  private chosen(m: Meeting): Instant | undefined {
    if (this.selected?.sequence === m.sequence && m.options.some((o) => o.start === this.selected!.start)) return this.selected.start;
    return m.options.length === 1 ? m.options[0]!.start : undefined;
  }

  private joinLink(m: Meeting): JoinLink {
    if (m.joinUrl === undefined || m.joinUrl === '') return { kind: 'none' };
    const url = safeJoinUrl(m.joinUrl);
    if (!url) return { kind: 'blocked' };
    const hosts = this.env.joinHosts ?? [];
    if (hosts.length > 0) {
      let host: string;
      try {
        host = new URL(url).hostname.toLowerCase();
      } catch {
        return { kind: 'blocked' };
      }
      if (!hosts.some((h) => h.toLowerCase() === host)) return { kind: 'blocked' };
    }
    return { kind: 'ok', url };
  }

  /** Everyone attending except the viewer, as thread participants. */
  private others(m: Meeting, thread: ThreadInfo, viewer: string): Participant[] {
    return [m.organizerId, ...m.attendeeIds]
      .filter((id) => id !== viewer)
      .map((id) => thread.participants.find((p) => p.id === id))
      .filter((p): p is Participant => p !== undefined);
  }

  private nameOf(id: string, thread: ThreadInfo): string {
    return thread.participants.find((p) => p.id === id)?.name ?? id;
  }

  private list(names: string[]): string {
    return new Intl.ListFormat(this.env.locale, { type: 'conjunction' }).format(names.map(isolateBidi));
  }

  /** "Tue, Mar 10, 9:00 AM" in the viewer's zone and locale. */
  private dateTime(at: Instant): string {
    return new Intl.DateTimeFormat(this.env.locale, {
      timeZone: this.env.timeZone,
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    }).format(Date.parse(at));
  }

  /** "Join opens at 8:55 AM" today, "Join opens Tue, Mar 10, 8:55 AM" on another day. */
  private opensLabel(opensAt: Instant): string {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: this.env.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    const sameDay = day.format(Date.parse(opensAt)) === day.format(this.clock.nowMs());
    if (!sameDay) return this.t('joinOpensOn', { when: this.dateTime(opensAt) });
    const time = new Intl.DateTimeFormat(this.env.locale, { timeZone: this.env.timeZone, hour: 'numeric', minute: '2-digit' }).format(Date.parse(opensAt));
    return this.t('joinOpensAt', { time });
  }

  private conflictText(b: AccountBusy): string {
    return b.label?.trim() ? this.t('conflictsWith', { label: b.label }) : this.t('conflictsWithCalendar', { account: b.account });
  }

  private providerName(c: CalendarConnection): string {
    return c.provider === 'google' ? this.t('providerGoogle') : c.provider === 'microsoft' ? this.t('providerMicrosoft') : c.accountLabel;
  }

  private syncFailureText(f: SyncFailure): string {
    const provider = this.providerName(f.connection);
    return f.operation === 'add' ? this.t('calendarAddFailed', { provider }) : this.t('calendarRemoveFailed', { provider });
  }

  /** When what the card shows changes by itself: Join opening, the start, the end, each minute in the last hour. */
  private clockBoundaries(now: number): number[] {
    const m = this.current;
    if (m?.status !== 'confirmed' || !m.confirmed) return [];
    const start = Date.parse(m.confirmed.start);
    const end = Date.parse(m.confirmed.end);
    const out = [start, end];
    const opensAt = joinWindow(m, new Date(now).toISOString()).opensAt;
    if (opensAt) out.push(Date.parse(opensAt));
    if (now >= start - HOUR_MS && now < end) out.push((Math.floor(now / MINUTE_MS) + 1) * MINUTE_MS);
    return out;
  }
}

/** From the earliest start to the latest end of the options. */
function spanOf(options: Interval[]): Interval | undefined {
  if (options.length === 0) return undefined;
  let start = options[0]!.start;
  let end = options[0]!.end;
  for (const o of options) {
    if (Date.parse(o.start) < Date.parse(start)) start = o.start;
    if (Date.parse(o.end) > Date.parse(end)) end = o.end;
  }
  return { start, end };
}
