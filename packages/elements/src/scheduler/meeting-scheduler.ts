import { consume } from '@lit/context';
import {
  allowedActions,
  DURATION_PRESETS,
  formatSlot,
  type BusyInterval,
  type Interval,
  type Meeting,
  type MeetingEvent,
  type CounteredEvent,
  type Participant,
  type ProposedEvent,
  type RescheduledEvent,
  type SchedulerError,
} from '@meeting-scheduler/core';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { live } from 'lit/directives/live.js';
import { defaultEnvironment, meetingContext, type MeetingEnvironment } from '../context.js';
import { asSchedulerError, ThreadController } from '../controllers/thread-controller.js';
import {
  MeetingErrorEvent,
  MeetingManageCalendarsEvent,
  MeetingSelectionChangeEvent,
  MeetingSendRequestEvent,
  MeetingSentEvent,
} from '../events.js';
import { messagesReady } from '../i18n/load.js';
import { isolateBidi, translator, type Translate } from '../i18n/translate.js';
import { elementWanted } from '../internal/define-element.js';
import { slotLabel, slotLabelFor } from '../internal/format.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { AvailabilityController } from './availability-controller.js';
import { schedulerMessages, type SchedulerMessage } from './meeting-scheduler.messages.js';
import { schedulerStyles } from './meeting-scheduler.styles.js';
import { buildWeek, refitSelection, withSelection, type AvailabilityContext, type Span, type WeekCell, type WeekModel } from './week-grid.js';
import { DAY_MS, epochDayOf, isoWeekday, localeWeekStart, MINUTE_MS, toInstant, zonedMidnight } from './zoned-time.js';

export type SchedulerMode = 'propose' | 'counter' | 'reschedule';

/** Below this panel width the week turns into one day at a time. */
const NARROW_MAX_PX = 480;
const MIN_LENGTH = 5;
const MAX_LENGTH = 480;

/** `durations="15, 30, 60"` or `durations="[15,30,60]"`. */
const numberList = {
  fromAttribute(value: string | null): number[] {
    return (value ?? '')
      .replace(/[[\]]/g, '')
      .split(/[\s,]+/)
      .map(Number)
      .filter((n) => Number.isInteger(n) && n >= MIN_LENGTH && n <= MAX_LENGTH);
  },
  toAttribute(value: number[]): string {
    return value.join(',');
  },
};

const calendarIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor"
  stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
  <rect x="3" y="5" width="18" height="16" rx="2"></rect>
  <path d="M3 10h18M8 3v4M16 3v4"></path>
</svg>`;

const crossIcon = html`<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor"
  stroke-width="2" stroke-linecap="round"><path d="M4 4l8 8M12 4l-8 8"></path></svg>`;

const chevron = html`<svg class="chevron" viewBox="0 0 16 16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor"
  stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M10 3L5 8l5 5"></path></svg>`;

const toInterval = (s: Span): Interval => ({ start: toInstant(s.start), end: toInstant(s.end) });

/** The element focused in the page, looking into shadow roots. */
function deepActiveElement(): HTMLElement | undefined {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLElement ? el : undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/**
 * Lets a thread participant propose a meeting: pick a length, one or more candidate
 * times in a week view of their own zone (busy times of every connected calendar
 * shaded, with the reason), see each invitee's local time, add a message and send.
 * Also suggests a different time for an invite (`mode="counter"`) and reschedules
 * (`mode="reschedule"`).
 *
 * The week shows rows every `step` minutes (default 30) from `day-start` to `day-end`
 * (default 7:00–21:00, widened to the viewer's working hours when those are known and
 * in the viewer's zone) on the wall clock of the viewer's zone; on a day the clocks
 * skip, the skipped rows say so and cannot be chosen. In a fall-back night the
 * repeated hour is offered once (its first occurrence). A cell is a slot of the
 * chosen length starting at that row. Below 480 px of width the week becomes a list
 * of one day at a time.
 *
 * Keyboard: the week is one tab stop (`role="grid"`); arrows move (Left/Right by day,
 * mirrored right-to-left, crossing into the next or previous week), Home/End go to
 * the first/last time of the day, PageUp/PageDown change the week, Space/Enter
 * select. A selected time's remove button also takes Delete/Backspace.
 *
 * Sending: `meeting-send-request` (cancelable) → the thread adapter stores the
 * `proposed` (`countered`, `rescheduled`) event → `meeting-sent`. A failed send keeps
 * the draft and says why; a veto keeps the draft silently.
 *
 * `otherBusy`: busy time of the other side, when the host can read it (e.g. the
 * organizer's free/busy shared with the invitee in counter mode). Those cells are
 * shaded and disabled with "Busy for Alice"; the labels of these entries are never
 * shown. Counter and reschedule modes keep the meeting's length (core requires every
 * option to last the meeting's `durationMinutes`).
 *
 * @tagname meeting-scheduler
 * @summary Calendar-icon button and dialog (or inline panel) to propose, counter or reschedule a meeting.
 *
 * @fires meeting-send-request - {@link MeetingSendRequestEvent} before the event is stored; cancelable (the draft stays).
 * @fires meeting-sent - {@link MeetingSentEvent} after the event was stored.
 * @fires meeting-selection-change - {@link MeetingSelectionChangeEvent} when the candidate slots change.
 * @fires meeting-manage-calendars - {@link MeetingManageCalendarsEvent} on "Manage calendars"; cancelable (otherwise `<meeting-settings>` opens inside).
 * @fires meeting-error - {@link MeetingErrorEvent} when availability cannot be loaded or a send fails (also shown).
 *
 * @csspart trigger - The calendar-icon button.
 * @csspart dialog - The modal `<dialog>`.
 * @csspart panel - The scheduler's content (inside the dialog, or in place with `inline`).
 * @csspart durations - The meeting-length choice.
 * @csspart week - The week (or day) section with its navigation.
 * @csspart grid - The time grid.
 * @csspart cell - Each time cell; its state is a second part: `cell-free`, `cell-selected`, `cell-busy`, `cell-busy-other`, `cell-outside`, `cell-past`, `cell-overlap`, `cell-skipped`.
 * @csspart chips - The list of selected times.
 * @csspart chip - One selected time.
 * @csspart invitees - Who is invited.
 * @csspart message - The message (or reason) field.
 * @csspart send - The send button.
 * @csspart error - Error messages (availability and sending).
 *
 * @cssprop --meeting-scheduler-cell-height - Height of a time cell in the week view (default 1.75rem).
 * @cssprop --meeting-scheduler-grid-height - Largest height of the scrolling time grid (default 24rem).
 * @cssprop --meeting-scheduler-time-column - Width of the time labels column (default 4.75rem).
 * @cssprop --meeting-scheduler-selected - Background of selected cells (default: the accent).
 * @cssprop --meeting-scheduler-selected-contrast - Text on selected cells.
 * @cssprop --meeting-scheduler-today - Highlight of today's date.
 * @cssprop --meeting-scheduler-dialog-width - Width of the dialog (default 60rem, never wider than the viewport).
 * @cssprop --meeting-backdrop - The dialog's backdrop.
 * @cssprop --meeting-accent - Brand colour (shared by every element; see `<meeting-provider>`).
 * @cssprop --meeting-accent-contrast - Text on the accent: the chosen duration, Send, today's date.
 * @cssprop --meeting-surface - Dialog and free cells background.
 * @cssprop --meeting-surface-raised - Day headers, cells outside working hours or past, and chips.
 * @cssprop --meeting-busy - Busy and conflicting cells (striped with it), hovered chip buttons.
 * @cssprop --meeting-text - Text colour.
 * @cssprop --meeting-muted - Secondary text (other zones, times column, hints).
 * @cssprop --meeting-border - Borders and grid lines.
 * @cssprop --meeting-danger - Errors and conflict reasons.
 * @cssprop --meeting-radius - Corner radius.
 * @cssprop --meeting-focus-ring - Focus indicator (a box-shadow).
 * @cssprop --meeting-font - Font family.
 * @cssprop --meeting-font-size - Base font size.
 *
 * @slot icon - Replaces the calendar icon inside the trigger button (keep it decorative: the button is already named "Schedule a meeting").
 */
export class MeetingScheduler extends LitElement {
  static override styles = [sharedStyles, schedulerStyles];

  @consume({ context: meetingContext, subscribe: true }) @state() env: MeetingEnvironment = defaultEnvironment();

  /** The thread to schedule in (required). */
  @property({ attribute: 'thread-id' }) threadId: string | undefined;
  /** `propose` a new meeting, `counter` an invite (suggest a different time), or `reschedule` a meeting. */
  @property({ reflect: true }) mode: SchedulerMode = 'propose';
  /** The meeting to counter or reschedule. */
  @property({ attribute: 'meeting-id' }) meetingId: string | undefined;
  /** Render the panel in place: no trigger, no dialog. */
  @property({ type: Boolean, reflect: true }) inline = false;
  /** Whether the dialog is open (reflected). Set it, or call `show()` / `close()`. */
  @property({ type: Boolean, reflect: true }) open = false;
  /** Length presets in minutes (default 15, 30, 45, 60, 90). */
  @property({ converter: numberList }) durations: number[] = [...DURATION_PRESETS];
  /** The chosen length in minutes (5–480); follows the user's choice. */
  @property({ type: Number, reflect: true }) duration = 30;
  /** Minutes between the rows of the week view (5–120, default 30). */
  @property({ type: Number }) step = 30;
  /** First hour shown (0–23, default 7 or earlier to include working hours). */
  @property({ type: Number, attribute: 'day-start' }) dayStart: number | undefined;
  /** Hour the last row ends (1–24, default 21 or later to include working hours). */
  @property({ type: Number, attribute: 'day-end' }) dayEnd: number | undefined;
  /** First day of the week as an ISO weekday (1 Monday … 7 Sunday); default the locale's. */
  @property({ type: Number, attribute: 'week-start' }) weekStart: number | undefined;
  /** The other side's busy time (e.g. the organizer's free/busy in counter mode), shown as "Busy for …". */
  @property({ attribute: false }) otherBusy: BusyInterval[] = [];

  @state() private selected: Span[] = [];
  /** Epoch day of the first day of the week shown; undefined: the week of today. */
  @state() private shownWeekDay: number | undefined;
  @state() private cursor: { day: number; row: number } | undefined;
  @state() private narrow = false;
  @state() private view: 'main' | 'settings' = 'main';
  @state() private excluded: ReadonlySet<string> = new Set();
  @state() private draftTitle = '';
  @state() private draftMessage = '';
  @state() private sending = false;
  @state() private sendError: string | undefined;
  @state() private hint = '';
  @state() private customInvalid = false;
  @state() private announcement = '';
  @state() private hostAnnouncement = '';

  private readonly thread = new ThreadController(this, () => ({ adapter: this.env.thread, threadId: this.threadId || undefined }));
  private readonly availability = new AvailabilityController(
    this,
    () => ({ env: this.env, range: this.loadRange }),
    (error) => this.dispatchEvent(new MeetingErrorEvent(error, 'availability')),
    () => this.measure('slots'),
  );

  private returnFocus: HTMLElement | undefined;
  private focusCursor = false;
  /** Scroll the grid so the tab stop is in view (on opening, and on "Today"). */
  private revealCursor = true;
  private focusAfterRender: string | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private observedPanel: Element | undefined;
  private modelCache: { key: unknown[]; week: WeekModel; selected: Span[] | undefined; model: WeekModel } | undefined;
  private readonly slotPartsCache = new Map<string, { time: string; zone: string }>();

  /** Opens the dialog (same as setting `open`). */
  show(): void {
    this.open = true;
    this.revealCursor = true;
  }

  /** Closes the dialog; the draft is kept. */
  close(): void {
    this.open = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.observedPanel = undefined;
  }

  // ── derived state ────────────────────────────────────────────────────────

  private get t(): Translate<SchedulerMessage> {
    return translator(schedulerMessages, this.env.locale);
  }

  /** Holds each update until the messages of a non-English locale are fetched (no English flash). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const ready = messagesReady(schedulerMessages, 'scheduler', this.env.locale);
    if (!ready) return super.scheduleUpdate();
    return ready.then(() => super.scheduleUpdate());
  }

  private get shown(): boolean {
    return this.inline || this.open;
  }

  /** Now, to the minute (so the week is not rebuilt on every render). */
  private get nowMs(): number {
    const now = Date.parse(this.env.now());
    return now - (((now % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
  }

  private get today(): number {
    return epochDayOf(this.nowMs, this.env.timeZone);
  }

  private get firstWeekday(): number {
    const w = this.weekStart;
    return w !== undefined && Number.isInteger(w) && w >= 1 && w <= 7 ? w : localeWeekStart(this.env.locale);
  }

  private weekOf(epochDay: number): number {
    return epochDay - ((isoWeekday(epochDay) - this.firstWeekday + 7) % 7);
  }

  private get week(): number {
    return this.shownWeekDay ?? this.weekOf(this.today);
  }

  private get meeting(): Meeting | undefined {
    return this.mode !== 'propose' && this.meetingId ? this.thread.meeting(this.meetingId) : undefined;
  }

  /** The length in use: the meeting's in counter/reschedule mode (core requires it), else `duration`. */
  private get length(): number {
    const fixed = this.meeting?.durationMinutes;
    if (fixed !== undefined) return fixed;
    const d = Math.round(this.duration);
    return Number.isFinite(d) ? Math.min(MAX_LENGTH, Math.max(MIN_LENGTH, d)) : 30;
  }

  private get stepMinutes(): number {
    const s = Math.round(this.step);
    return Number.isFinite(s) ? Math.min(120, Math.max(5, s)) : 30;
  }

  /** Shown hours as minutes after midnight. */
  private get hours(): { start: number; end: number } {
    let start = this.dayStart ?? 7;
    let end = this.dayEnd ?? 21;
    const wh = this.availability.workingHours;
    if (this.dayStart === undefined && this.dayEnd === undefined && wh && wh.timeZone === this.env.timeZone) {
      for (const ranges of Object.values(wh.weekly)) {
        for (const r of ranges ?? []) {
          const [sh = 0] = r.start.split(':').map(Number);
          const [eh = 0, em = 0] = r.end.split(':').map(Number);
          start = Math.min(start, sh);
          end = Math.max(end, em > 0 ? eh + 1 : eh);
        }
      }
    }
    start = Math.min(23, Math.max(0, Math.floor(start)));
    end = Math.min(24, Math.max(start + 1, Math.ceil(end)));
    return { start: start * 60, end: end * 60 };
  }

  /** The range whose busy time is loaded: the whole week, plus one meeting length past its end. */
  private get loadRange(): Interval | undefined {
    if (!this.shown) return undefined;
    const zone = this.env.timeZone;
    return {
      start: toInstant(zonedMidnight(this.week, zone)),
      end: toInstant(zonedMidnight(this.week + 7, zone) + this.length * MINUTE_MS),
    };
  }

  private get viewer(): Participant | undefined {
    const info = this.thread.thread;
    return info?.participants.find((p) => p.id === info.currentUserId);
  }

  /** Everyone who could be invited: the thread's other participants, or the meeting's other attendees. */
  private get candidates(): Participant[] {
    const info = this.thread.thread;
    if (!info) return [];
    if (this.mode === 'propose') return info.participants.filter((p) => p.id !== info.currentUserId);
    const m = this.meeting;
    if (!m) return [];
    const attending = [m.organizerId, ...m.attendeeIds].filter((id) => id !== info.currentUserId);
    return info.participants.filter((p) => attending.includes(p.id));
  }

  private get invitees(): Participant[] {
    const all = this.candidates;
    return this.mode === 'propose' && all.length > 1 ? all.filter((p) => !this.excluded.has(p.id)) : all;
  }

  private get availabilityContext(): AvailabilityContext {
    return {
      durationMinutes: this.length,
      nowMs: this.nowMs,
      busy: this.availability.busy,
      otherBusy: this.otherBusy,
      workingHours: this.availability.workingHours,
    };
  }

  private get model(): WeekModel {
    const ctx = this.availabilityContext;
    const { start, end } = this.hours;
    // Availability is kept while only the selection changes (a toggle re-renders, it does not re-search).
    const key = [this.week, start, end, this.stepMinutes, ctx.durationMinutes, this.env.timeZone, ctx.nowMs, ctx.busy, ctx.otherBusy, ctx.workingHours];
    if (!this.modelCache || !this.modelCache.key.every((v, i) => v === key[i])) {
      const week = buildWeek({
        ...ctx,
        firstDay: this.week,
        dayCount: 7,
        startMinutes: start,
        endMinutes: end,
        stepMinutes: this.stepMinutes,
        timeZone: this.env.timeZone,
        todayEpochDay: this.today,
      });
      this.modelCache = { key, week, selected: undefined, model: week };
    }
    const cache = this.modelCache;
    if (cache.selected !== this.selected) cache.model = withSelection(cache.week, (cache.selected = this.selected));
    return cache.model;
  }

  /** The cell with the roving tab stop: the chosen one, else today's first time still ahead. */
  private activeCell(model: WeekModel): { day: number; row: number } {
    const rows = model.rows.length;
    if (this.cursor) return { day: Math.min(6, this.cursor.day), row: Math.min(rows - 1, this.cursor.row) };
    const day = Math.max(0, model.days.findIndex((d) => d.isToday));
    const row = model.cells.findIndex((r) => r[day]?.state !== 'past' && r[day]?.state !== 'skipped');
    return { day, row: Math.max(0, row) };
  }

  /** Whether the viewer may do what the mode says (always for a proposal; per core for a counter or reschedule). */
  private get actionAllowed(): boolean {
    if (this.mode === 'propose') return true;
    const m = this.meeting;
    const info = this.thread.thread;
    return !!m && !!info && allowedActions(m, info.currentUserId, info).includes(this.mode === 'counter' ? 'counter' : 'reschedule');
  }

  private get canSend(): boolean {
    return !this.sending && this.selected.length > 0 && this.invitees.length > 0 && !!this.viewer && this.actionAllowed;
  }

  // ── labels ───────────────────────────────────────────────────────────────

  private longDate(epochDay: number): string {
    return dateFormat(this.env.locale, { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric' }).format(epochDay * DAY_MS);
  }

  private wallTime(minutes: number): string {
    return dateFormat(this.env.locale, { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' }).format(minutes * MINUTE_MS);
  }

  private listOf(names: string[]): string {
    return new Intl.ListFormat(this.env.locale, { type: 'conjunction' }).format(names.map(isolateBidi));
  }

  private get otherSideName(): string {
    return this.listOf(this.invitees.map((p) => p.name));
  }

  private stateText(cell: WeekCell): string {
    const t = this.t;
    switch (cell.state) {
      case 'free':
        return t('stateFree');
      case 'selected':
        return t('stateSelected');
      case 'busy':
        return cell.busyLabel ? t('stateBusyLabel', { label: cell.busyLabel }) : t('stateBusy');
      case 'busy-other':
        return this.otherSideName ? t('stateBusyFor', { name: this.otherSideName }) : t('stateBusy');
      case 'outside':
        return t('stateOutside');
      case 'past':
        return t('statePast');
      case 'overlap':
        return t('stateOverlap');
      case 'skipped':
        return '';
    }
  }

  private cellName(cell: WeekCell): { name: string; time: string; state: string } {
    const date = this.longDate(cell.epochDay);
    if (cell.state === 'skipped') {
      const name = this.t('cellSkipped', { date, time: this.wallTime(cell.minutes) });
      return { name, time: this.wallTime(cell.minutes), state: name };
    }
    const f = this.slotParts(cell.span);
    const state = this.stateText(cell);
    return { name: this.t('cellName', { date, time: f.time, zone: f.zone, state }), time: `${f.time} ${f.zone}`, state };
  }

  /** formatSlot's time and zone of a cell, memoised: a week has hundreds of cells and each render names them all. */
  private slotParts(span: Span): { time: string; zone: string } {
    const key = `${span.start}|${span.end}|${this.env.timeZone}|${this.env.locale}`;
    let parts = this.slotPartsCache.get(key);
    if (!parts) {
      if (this.slotPartsCache.size > 5000) this.slotPartsCache.clear();
      const f = formatSlot(toInterval(span), { timeZone: this.env.timeZone, locale: this.env.locale });
      parts = { time: f.time, zone: f.zone };
      this.slotPartsCache.set(key, parts);
    }
    return parts;
  }

  private zoneName(): string {
    const parts = dateFormat(this.env.locale, { timeZone: this.env.timeZone, timeZoneName: 'longGeneric' }).formatToParts(this.nowMs);
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? this.env.timeZone;
  }

  // ── lifecycle ────────────────────────────────────────────────────────────

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !this.inline) {
      if (this.open && !dialog.open && this.isConnected) {
        this.returnFocus = deepActiveElement();
        dialog.showModal();
      } else if (!this.open && dialog.open) {
        dialog.close();
      }
    }
    this.observePanel();
    if (this.focusCursor) {
      this.focusCursor = false;
      const cell = this.renderRoot.querySelector<HTMLElement>('[role="gridcell"][tabindex="0"]');
      cell?.focus();
      cell?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    }
    if (this.revealCursor) this.scrollToCursor();
    if (this.focusAfterRender) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender);
      this.focusAfterRender = undefined;
      target?.focus();
    }
  }

  /** Scrolls the grid (only the grid, never the page) so the tab stop's row is near the top. */
  private scrollToCursor(): void {
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller');
    const cell = scroller?.querySelector<HTMLElement>('[role="gridcell"][tabindex="0"]');
    if (!scroller || !cell || scroller.clientHeight === 0) return;
    this.revealCursor = false;
    const head = scroller.querySelector<HTMLElement>('.head')?.offsetHeight ?? 0;
    const offset = cell.getBoundingClientRect().top - scroller.getBoundingClientRect().top - head;
    scroller.scrollTop = Math.max(0, scroller.scrollTop + offset - cell.offsetHeight);
  }

  private observePanel(): void {
    const panel = this.renderRoot.querySelector('.panel') ?? undefined;
    if (panel === this.observedPanel) return;
    this.resizeObserver ??= new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (!entry) return;
      const width = entry.borderBoxSize?.[0]?.inlineSize ?? entry.contentRect.width;
      if (width <= 0) return;
      // Next frame: switching layouts inside the observer's callback would loop.
      requestAnimationFrame(() => {
        const narrow = width <= NARROW_MAX_PX;
        if (narrow !== this.narrow) this.revealCursor = true;
        this.narrow = narrow;
      });
    });
    if (this.observedPanel) this.resizeObserver.unobserve(this.observedPanel);
    this.observedPanel = panel;
    if (panel) this.resizeObserver.observe(panel);
  }

  private onDialogClose = (): void => {
    if (this.open) this.open = false;
    this.view = 'main';
    const previous = this.returnFocus;
    const usable = previous?.isConnected && previous !== document.body && previous !== document.documentElement;
    const target = usable ? previous : this.renderRoot.querySelector<HTMLElement>('.trigger');
    this.returnFocus = undefined;
    target?.focus();
  };

  // ── actions ──────────────────────────────────────────────────────────────

  private setSelection(next: Span[]): void {
    this.selected = [...next].sort((a, b) => a.start - b.start);
    this.sendError = undefined;
    this.dispatchEvent(new MeetingSelectionChangeEvent(this.selected.map(toInterval), this.env.now()));
  }

  /**
   * Performance measures for `npm run bench` (bench/ui.bench.ts) and a host's own RUM:
   * `meeting-scheduler:<what>` spans from `start` to the end of the update it caused
   * (`slots`: busy times arrived → the week rendered with them; `toggle`: a cell chosen →
   * the selection rendered). Call once the update is requested.
   */
  private measure(what: 'slots' | 'toggle', start = performance.now()): void {
    void this.updateComplete.then(() => performance.measure(`meeting-scheduler:${what}`, { start }));
  }

  private toggle(cell: WeekCell): void {
    const start = performance.now();
    if (cell.state === 'selected') this.setSelection(this.selected.filter((s) => s.start !== cell.span.start));
    else if (cell.state === 'free') this.setSelection([...this.selected, cell.span]);
    else return;
    this.measure('toggle', start);
  }

  private setDuration(minutes: number): void {
    if (minutes === this.duration) return;
    this.duration = minutes;
    const refit = refitSelection(this.selected, { ...this.availabilityContext, durationMinutes: this.length });
    const same = refit.length === this.selected.length && refit.every((s, i) => s.start === this.selected[i]?.start && s.end === this.selected[i]?.end);
    if (!same) this.setSelection(refit);
  }

  private onCustomLength(e: Event): void {
    const input = e.target as HTMLInputElement;
    if (input.value.trim() === '') {
      this.customInvalid = false;
      return;
    }
    const n = Number(input.value);
    const valid = Number.isInteger(n) && n >= MIN_LENGTH && n <= MAX_LENGTH;
    this.customInvalid = !valid;
    if (valid) this.setDuration(n);
  }

  private goToWeek(epochDay: number, focusGrid = false): void {
    this.shownWeekDay = this.weekOf(epochDay);
    this.focusCursor = focusGrid;
  }

  private moveWeek(delta: number, focusGrid = false): void {
    this.goToWeek(this.week + 7 * delta, focusGrid);
  }

  private goToday(): void {
    this.goToWeek(this.today);
    this.cursor = undefined;
    this.revealCursor = true;
  }

  /** Moves the tab stop `delta` days, into the neighbouring week past either end. */
  private moveDay(delta: number, focusGrid: boolean): void {
    const model = this.model;
    const { day, row } = this.activeCell(model);
    const target = this.week + day + delta;
    this.shownWeekDay = this.weekOf(target);
    this.cursor = { day: target - this.weekOf(target), row };
    this.focusCursor = focusGrid;
  }

  private onGridKeydown(e: KeyboardEvent): void {
    const model = this.model;
    const { day, row } = this.activeCell(model);
    const last = model.rows.length - 1;
    const rtl = getComputedStyle(this).direction === 'rtl';
    switch (e.key) {
      case 'ArrowUp':
        this.cursor = { day, row: Math.max(0, row - 1) };
        break;
      case 'ArrowDown':
        this.cursor = { day, row: Math.min(last, row + 1) };
        break;
      case 'ArrowLeft':
        this.moveDay(rtl ? 1 : -1, true);
        break;
      case 'ArrowRight':
        this.moveDay(rtl ? -1 : 1, true);
        break;
      case 'Home':
        this.cursor = { day: e.ctrlKey ? 0 : day, row: 0 };
        break;
      case 'End':
        this.cursor = { day: e.ctrlKey ? 6 : day, row: last };
        break;
      case 'PageUp':
        this.cursor = { day, row };
        this.moveWeek(-1, true);
        break;
      case 'PageDown':
        this.cursor = { day, row };
        this.moveWeek(1, true);
        break;
      case ' ':
      case 'Enter': {
        const cell = model.cells[row]?.[day];
        if (cell) this.toggle(cell);
        break;
      }
      default:
        return;
    }
    e.preventDefault();
    this.focusCursor = true;
  }

  private removeSlot(span: Span, index: number): void {
    this.setSelection(this.selected.filter((s) => s.start !== span.start));
    const remaining = this.selected.length;
    this.focusAfterRender =
      remaining === 0 ? '[role="gridcell"][tabindex="0"]' : `.chip:nth-child(${Math.min(index, remaining - 1) + 1}) button`;
    this.requestUpdate();
  }

  private onChipKeydown(e: KeyboardEvent, span: Span, index: number): void {
    if (e.key !== 'Delete' && e.key !== 'Backspace') return;
    e.preventDefault();
    this.removeSlot(span, index);
  }

  private toggleInvitee(id: string, checked: boolean): void {
    const next = new Set(this.excluded);
    if (checked) next.delete(id);
    else next.add(id);
    this.excluded = next;
  }

  private manageCalendars(): void {
    if (!this.dispatchEvent(new MeetingManageCalendarsEvent())) return;
    this.view = 'settings';
    this.focusAfterRender = '.settings-view .back';
  }

  /** Escape in "Manage calendars" goes back to the scheduler instead of closing the dialog. */
  private onDialogCancel = (e: Event): void => {
    if (this.view !== 'settings') return;
    e.preventDefault();
    this.backFromSettings();
  };

  private backFromSettings(): void {
    this.view = 'main';
    this.availability.reload();
    this.focusAfterRender = '.manage';
  }

  private async announce(where: 'panel' | 'host', text: string): Promise<void> {
    // Cleared first so the same words are announced again.
    if (where === 'panel') this.announcement = '';
    else this.hostAnnouncement = '';
    await this.updateComplete;
    if (where === 'panel') this.announcement = text;
    else this.hostAnnouncement = text;
  }

  private buildEvent(viewer: Participant): { event: MeetingEvent; expectedSequence?: number } {
    const base = { id: crypto.randomUUID(), by: viewer.id, at: this.env.now() };
    const options = this.selected.map(toInterval).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    const message = this.draftMessage.trim();
    if (this.mode === 'propose') {
      const event: ProposedEvent = {
        ...base,
        type: 'proposed',
        meetingId: crypto.randomUUID(),
        threadId: this.threadId ?? '',
        invitees: this.invitees.map((p) => p.id),
        options,
        durationMinutes: this.length,
      };
      const title = this.draftTitle.trim();
      if (title) event.title = title;
      if (message) event.message = message;
      return { event };
    }
    const m = this.meeting!;
    if (this.mode === 'counter') {
      const event: CounteredEvent = { ...base, type: 'countered', meetingId: m.id, sequence: m.sequence, options };
      if (message) event.message = message;
      return { event, expectedSequence: m.sequence };
    }
    const event: RescheduledEvent = { ...base, type: 'rescheduled', meetingId: m.id, sequence: m.sequence, options };
    if (message) event.reason = message;
    return { event, expectedSequence: m.sequence };
  }

  private errorText(error: SchedulerError): string {
    switch (error.code) {
      case 'conflict':
      case 'stale-sequence':
        return this.t('errorStale');
      case 'network':
        return this.t('errorNetwork');
      case 'unauthenticated':
        return this.t('errorSignedOut');
      case 'rate-limited':
        return this.t('errorRateLimited');
      case 'permission-denied':
      case 'not-a-participant':
        return this.t('errorPermission');
      default:
        return this.t('errorSend');
    }
  }

  private async send(): Promise<void> {
    const viewer = this.viewer;
    if (this.sending || !this.canSend || !viewer) return;
    this.sending = true;
    this.sendError = undefined;
    try {
      const { event, expectedSequence } = this.buildEvent(viewer);
      const threadId = this.threadId ?? '';
      if (!this.dispatchEvent(new MeetingSendRequestEvent(event, threadId))) return;
      await this.thread.append(event, expectedSequence);
      this.dispatchEvent(new MeetingSentEvent(event, threadId));
      const sent = this.t(this.mode === 'counter' ? 'sentCounter' : this.mode === 'reschedule' ? 'sentReschedule' : 'sent');
      this.resetDraft();
      if (!this.inline && this.open) {
        this.open = false;
        void this.announce('host', sent);
      } else {
        void this.announce('panel', sent);
      }
    } catch (e) {
      const error = asSchedulerError(e);
      this.sendError = this.errorText(error);
      this.dispatchEvent(new MeetingErrorEvent(error, 'send'));
      if (error.code === 'conflict' || error.code === 'stale-sequence') void this.thread.reload();
    } finally {
      this.sending = false;
    }
  }

  private resetDraft(): void {
    this.setSelection([]);
    this.draftTitle = '';
    this.draftMessage = '';
    this.excluded = new Set();
    this.sendError = undefined;
    this.cursor = undefined;
  }

  // ── rendering ────────────────────────────────────────────────────────────

  protected override render(): TemplateResult {
    if (this.inline) return this.renderPanel();
    return html`
      <button type="button" class="trigger" part="trigger" aria-haspopup="dialog" aria-label=${this.t('trigger')} @click=${this.show}>
        <slot name="icon">${calendarIcon}</slot>
      </button>
      <dialog part="dialog" aria-labelledby="title" @close=${this.onDialogClose} @cancel=${this.onDialogCancel}>${this.open ? this.renderPanel() : nothing}</dialog>
      <div class="visually-hidden" role="status">${this.hostAnnouncement}</div>
    `;
  }

  private get heading(): string {
    return this.t(this.mode === 'counter' ? 'titleCounter' : this.mode === 'reschedule' ? 'titleReschedule' : 'titlePropose');
  }

  private renderPanel(): TemplateResult {
    const t = this.t;
    return html`
      <section class=${classMap({ panel: true, narrow: this.narrow })} part="panel" aria-labelledby="title">
        <header>
          <h2 id="title">${this.heading}</h2>
          ${this.view === 'main'
            ? html`<button type="button" class="manage" @click=${this.manageCalendars}>${t('manageCalendars')}</button>`
            : nothing}
          ${this.inline
            ? nothing
            : html`<button type="button" class="icon-button close" aria-label=${t('close')} @click=${this.close}>${crossIcon}</button>`}
        </header>
        ${this.view === 'settings' ? this.renderSettings() : this.renderMain()}
        <div class="visually-hidden" role="status">${this.announcement}</div>
      </section>
    `;
  }

  private renderSettings(): TemplateResult {
    elementWanted('meeting-settings'); // `standalone.js` fetches it on first use
    return html`
      <div class="settings-view" @meeting-settings-change=${() => this.availability.reload()}>
        <button type="button" class="back" @click=${this.backFromSettings}>${this.t('back')}</button>
        <meeting-settings thread-id=${this.threadId ?? ''}></meeting-settings>
      </div>
    `;
  }

  private renderMain(): TemplateResult {
    return html`
      ${this.renderDurations()} ${this.renderWeek()} ${this.renderChips()} ${this.renderInvitees()} ${this.renderFields()}
      ${this.renderSend()}
    `;
  }

  private renderDurations(): TemplateResult {
    const t = this.t;
    if (this.mode !== 'propose') {
      return html`<p class="durations" part="durations">${t('fixedLength', { count: this.length })}</p>`;
    }
    const current = this.length;
    const isPreset = this.durations.includes(current);
    return html`
      <fieldset class="durations" part="durations">
        <legend>${t('length')}</legend>
        <div class="durations-row">
          <div class="segmented">
            ${this.durations.map(
              (d) => html`<label>
                <input type="radio" name="duration" .value=${String(d)} .checked=${live(d === current)} @change=${() => this.setDuration(d)} />
                <span>${t('lengthOption', { count: d })}</span>
              </label>`,
            )}
          </div>
          <label class="custom">
            <span>${t('customLength')}</span>
            <input
              type="number"
              inputmode="numeric"
              min=${MIN_LENGTH}
              max=${MAX_LENGTH}
              step="1"
              aria-describedby="custom-hint"
              aria-invalid=${this.customInvalid ? 'true' : 'false'}
              .value=${live(isPreset ? '' : String(current))}
              @change=${this.onCustomLength}
            />
          </label>
          <span id="custom-hint" class="field-hint">${t('customLengthHint')}</span>
        </div>
      </fieldset>
    `;
  }

  private weekHeading(model: WeekModel, active: { day: number }): string {
    if (this.narrow) {
      const day = model.days[active.day]!;
      return dateFormat(this.env.locale, { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(
        day.epochDay * DAY_MS,
      );
    }
    const first = model.days[0]!.epochDay * DAY_MS;
    const last = model.days[model.days.length - 1]!.epochDay * DAY_MS;
    return dateFormat(this.env.locale, { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' }).formatRange(first, last);
  }

  private renderWeek(): TemplateResult {
    const t = this.t;
    const model = this.model;
    const active = this.activeCell(model);
    const a = this.availability;
    const shownDays = this.narrow ? [model.days[active.day]!] : model.days;
    const prev = this.narrow
      ? html`<button type="button" class="icon-button" aria-label=${t('previousDay')} @click=${() => this.moveDay(-1, false)}>${chevron}</button>`
      : html`<button type="button" class="icon-button" aria-label=${t('previousWeek')} @click=${() => this.moveWeek(-1)}>${chevron}</button>`;
    const next = this.narrow
      ? html`<button type="button" class="icon-button next" aria-label=${t('nextDay')} @click=${() => this.moveDay(1, false)}>${chevron}</button>`
      : html`<button type="button" class="icon-button next" aria-label=${t('nextWeek')} @click=${() => this.moveWeek(1)}>${chevron}</button>`;
    return html`
      <section class="week" part="week" aria-labelledby="week-heading">
        <div class="week-nav">
          ${prev}
          <h3 id="week-heading" aria-live="polite">${this.weekHeading(model, active)}</h3>
          <button type="button" class="today" @click=${this.goToday}>${t('today')}</button>
          ${next}
        </div>
        <p class="zone-note" id="zone-note">${t('timesIn', { zone: this.zoneName() })}</p>
        <p class="load-status" role="status">${a.status === 'loading' ? t('loading') : ''}</p>
        ${a.status === 'error'
          ? html`<div class="load-error error" part="error" role="alert">
              <p>${t('loadError')}</p>
              <button type="button" @click=${() => a.reload()}>${t('retry')}</button>
            </div>`
          : nothing}
        ${a.status === 'ready' && a.connections.length === 0 ? html`<p class="note">${t('noCalendars')}</p>` : nothing}
        <div class="scroller">
          <div
            role="grid"
            part="grid"
            aria-labelledby="week-heading"
            aria-describedby="zone-note"
            aria-multiselectable="true"
            aria-busy=${a.status === 'loading' ? 'true' : 'false'}
            style="--_days: ${shownDays.length}"
            @keydown=${this.onGridKeydown}
          >
            <div role="row" class="head">
              <div role="columnheader"><span class="visually-hidden">${t('timeColumn')}</span></div>
              ${shownDays.map(
                (d) => html`<div role="columnheader" class=${classMap({ today: d.isToday })} aria-current=${d.isToday ? 'date' : nothing}>
                  <span>${dateFormat(this.env.locale, { timeZone: 'UTC', weekday: 'short' }).format(d.epochDay * DAY_MS)}</span>
                  <span class="day-number">${dateFormat(this.env.locale, { timeZone: 'UTC', day: 'numeric' }).format(d.epochDay * DAY_MS)}</span>
                </div>`,
              )}
            </div>
            ${model.rows.map(
              (r) => html`<div role="row">
                <div role="rowheader">${this.wallTime(r.minutes)}</div>
                ${shownDays.map((d) => this.renderCell(model.cells[r.index]![d.index]!, active))}
              </div>`,
            )}
          </div>
        </div>
        <p class="hint" aria-hidden="true">${this.hint || t('hint')}</p>
      </section>
    `;
  }

  private renderCell(cell: WeekCell, active: { day: number; row: number }): TemplateResult {
    const { name, time, state } = this.cellName(cell);
    const isActive = cell.day === active.day && cell.row === active.row;
    const disabled = cell.state !== 'free' && cell.state !== 'selected';
    return html`<div
      role="gridcell"
      part="cell cell-${cell.state}"
      class="cell ${cell.state}"
      tabindex=${isActive ? 0 : -1}
      aria-selected=${cell.state === 'selected' ? 'true' : 'false'}
      aria-disabled=${disabled ? 'true' : nothing}
      aria-label=${name}
      @click=${() => {
        this.cursor = { day: cell.day, row: cell.row };
        this.toggle(cell);
      }}
      @focus=${() => {
        this.hint = name;
        if (!isActive) this.cursor = { day: cell.day, row: cell.row };
      }}
      @mouseenter=${() => (this.hint = name)}
    >
      ${this.narrow
        ? html`<span>${time}</span> <span class="state">${cell.state === 'free' ? '' : state}</span>`
        : cell.state === 'selected'
          ? '✓'
          : nothing}
    </div>`;
  }

  private renderChips(): TemplateResult {
    const t = this.t;
    const invitees = this.invitees;
    return html`
      <section class="chips" aria-labelledby="chips-heading">
        <h3 id="chips-heading">${t('selectedHeading')}</h3>
        ${this.selected.length === 0
          ? html`<p class="note">${t('noneSelected')}</p>`
          : html`<ul part="chips" aria-labelledby="chips-heading">
              ${this.selected.map((span, index) => {
                const slot = toInterval(span);
                const label = slotLabel(slot, this.env);
                return html`<li class="chip" part="chip" @keydown=${(e: KeyboardEvent) => this.onChipKeydown(e, span, index)}>
                  <span class="text">
                    <span class="mine">${label}</span>
                    ${invitees.map(
                      (p) => html`<span class="theirs">${t('forPerson', { time: slotLabelFor(slot, p, this.env), name: p.name })}</span>`,
                    )}
                  </span>
                  <button type="button" aria-label=${t('remove', { label })} @click=${() => this.removeSlot(span, index)}>${crossIcon}</button>
                </li>`;
              })}
            </ul>`}
        <p class="visually-hidden" aria-live="polite">${t('selectedCount', { count: this.selected.length })}</p>
      </section>
    `;
  }

  private renderInvitees(): TemplateResult {
    const t = this.t;
    const ctl = this.thread;
    if (!this.threadId || ctl.status === 'error') return html`<p class="error" part="error">${t('threadError')}</p>`;
    if (!ctl.thread) return html`<p class="note">${t('threadLoading')}</p>`;
    if (this.mode !== 'propose' && !this.meeting) return html`<p class="error" part="error">${t('meetingMissing')}</p>`;
    const candidates = this.candidates;
    const names = this.listOf(candidates.map((p) => p.name));
    if (this.mode === 'counter') return html`<p class="invitees" part="invitees">${t('suggestingTo', { names })}</p>`;
    if (this.mode === 'reschedule') return html`<p class="invitees" part="invitees">${t('reschedulingWith', { names })}</p>`;
    if (candidates.length === 0) return html`<p class="invitees note" part="invitees">${t('noInvitees')}</p>`;
    if (candidates.length === 1) return html`<p class="invitees" part="invitees">${t('inviting', { names })}</p>`;
    return html`
      <fieldset class="invitees" part="invitees">
        <legend>${t('invite')}</legend>
        ${candidates.map(
          (p) => html`<label>
            <input
              type="checkbox"
              .checked=${live(!this.excluded.has(p.id))}
              @change=${(e: Event) => this.toggleInvitee(p.id, (e.target as HTMLInputElement).checked)}
            />
            <span>${p.name}</span>
          </label>`,
        )}
      </fieldset>
    `;
  }

  private renderFields(): TemplateResult {
    const t = this.t;
    return html`
      <div class="fields">
        ${this.mode === 'propose'
          ? html`<label class="field">
              <span>${t('titleField')}</span>
              <input
                type="text"
                maxlength="200"
                .value=${live(this.draftTitle)}
                @input=${(e: Event) => (this.draftTitle = (e.target as HTMLInputElement).value)}
              />
            </label>`
          : nothing}
        <label class="field">
          <span>${t(this.mode === 'reschedule' ? 'reasonField' : 'messageField')}</span>
          <textarea
            part="message"
            maxlength="1000"
            rows="3"
            .value=${live(this.draftMessage)}
            @input=${(e: Event) => (this.draftMessage = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
        </label>
      </div>
    `;
  }

  private renderSend(): TemplateResult {
    const t = this.t;
    const label = this.sending
      ? t('sending')
      : t(this.mode === 'counter' ? 'sendCounter' : this.mode === 'reschedule' ? 'sendReschedule' : 'send');
    const notAllowed = this.mode !== 'propose' && !!this.meeting && !this.actionAllowed;
    return html`
      <div class="send-row">
        ${this.sendError ? html`<p class="send-error error" part="error" role="alert">${this.sendError}</p>` : nothing}
        ${notAllowed ? html`<p class="send-error note">${t('notAllowed')}</p>` : nothing}
        <button type="button" class="primary" part="send" ?disabled=${!this.canSend} aria-busy=${this.sending ? 'true' : 'false'} @click=${this.send}>
          ${label}
        </button>
      </div>
    `;
  }
}
