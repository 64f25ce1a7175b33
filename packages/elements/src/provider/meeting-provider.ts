import { provide } from '@lit/context';
import type {
  CalendarAdapter,
  CalendarConnection,
  ConferencingAdapter,
  ConnectionStore,
  Instant,
  Meeting,
  NotificationAdapter,
  ThreadAdapter,
} from '@meeting-scheduler/core';
import { LitElement, css, html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { defaultEnvironment, meetingContext, type MeetingEnvironment, type SettingsStore } from '../context.js';
import { directionOf } from '../i18n/translate.js';

/**
 * Gives the meeting elements inside it the host's adapters, the viewer's locale and
 * time zone, and a clock. Put it once around a thread view (or the whole app).
 *
 * @tagname meeting-provider
 * @summary Supplies adapters, locale, time zone and clock to the meeting elements inside.
 * @slot - The thread UI: `<meeting-scheduler>`, `<meeting-card>`s, `<meeting-settings>`.
 * @cssprop --meeting-accent - Brand colour of primary actions (inherited by all elements).
 *
 * @example
 * ```html
 * <meeting-provider locale="en-GB" time-zone="Asia/Kolkata">
 *   <meeting-scheduler thread-id="t1"></meeting-scheduler>
 * </meeting-provider>
 * <script type="module">
 *   document.querySelector('meeting-provider').thread = memoryThread({ ... });
 * </script>
 * ```
 */
export class MeetingProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The thread backend (required for the scheduler and cards). */
  @property({ attribute: false }) thread: ThreadAdapter | undefined;
  /** The current user's calendar connections, shared by every thread. */
  @property({ attribute: false }) connections: ConnectionStore | undefined;
  /** Builds the adapter for one connection (the host passes its OAuth token getter in). */
  @property({ attribute: false }) calendarFor: ((c: CalendarConnection) => CalendarAdapter | undefined) | undefined;
  /** Runs the host's OAuth for a provider ("Connect Google"). */
  @property({ attribute: false }) connect: ((provider: 'google' | 'microsoft') => Promise<CalendarConnection>) | undefined;
  @property({ attribute: false }) conferencing: ConferencingAdapter | undefined;
  @property({ attribute: false }) notifications: NotificationAdapter | undefined;
  /** Where notification settings and working hours are saved. */
  @property({ attribute: false }) settings: SettingsStore | undefined;
  /** Makes a guest link for a confirmed meeting. */
  @property({ attribute: false }) createShareLink: ((meeting: Meeting, guestId: string) => Promise<string>) | undefined;
  /** Opens join and calendar links (default: a new tab, `noopener`). */
  @property({ attribute: false }) openUrl: ((url: string) => void) | undefined;
  /** Hosts allowed for join links (empty: any `https:` host). */
  @property({ attribute: false }) joinHosts: string[] | undefined;
  /** BCP 47 locale; default the browser's. */
  @property({ reflect: true }) locale: string | undefined;
  /** The viewer's IANA zone; default the browser's. */
  @property({ attribute: 'time-zone', reflect: true }) timeZone: string | undefined;
  /** The clock (tests, stories and the demo's fast-forward inject one). */
  @property({ attribute: false }) now: (() => Instant) | undefined;

  @provide({ context: meetingContext })
  protected env: MeetingEnvironment = defaultEnvironment();

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.size === 0) return;
    const fallback = defaultEnvironment();
    const env: MeetingEnvironment = {
      locale: this.locale ?? fallback.locale,
      timeZone: this.timeZone ?? fallback.timeZone,
      now: this.now ?? fallback.now,
    };
    const optional = {
      thread: this.thread,
      connections: this.connections,
      calendarFor: this.calendarFor,
      connect: this.connect,
      conferencing: this.conferencing,
      notifications: this.notifications,
      settings: this.settings,
      createShareLink: this.createShareLink,
      openUrl: this.openUrl,
      joinHosts: this.joinHosts,
    };
    for (const [key, value] of Object.entries(optional)) {
      if (value !== undefined) (env as unknown as Record<string, unknown>)[key] = value;
    }
    this.env = env;
    if (!this.hasAttribute('dir') || this.dataset.autoDir !== undefined) {
      this.setAttribute('dir', directionOf(env.locale));
      this.dataset.autoDir = '';
    }
  }

  protected override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}
