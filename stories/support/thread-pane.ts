/**
 * `<story-thread-pane>`: the meeting part of a conversation as a host would draw it —
 * one `<meeting-card>` per meeting in the thread, in order, appearing live as the thread
 * adapter reports new events. Light DOM, so the cards take the surrounding
 * `<meeting-provider>`'s context like any host markup.
 */
import { html, LitElement, type PropertyValues } from 'lit';
import type { ThreadAdapter } from '@meeting-scheduler/core';

export class StoryThreadPane extends LitElement {
  static override properties = {
    thread: { attribute: false },
    threadId: { attribute: 'thread-id' },
    meetingIds: { state: true },
  };

  declare thread: ThreadAdapter | undefined;
  declare threadId: string | undefined;
  declare meetingIds: string[];
  private unsubscribe: (() => void) | undefined;

  constructor() {
    super();
    this.meetingIds = [];
  }

  protected override createRenderRoot() {
    return this;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('thread') && !changed.has('threadId')) return;
    this.unsubscribe?.();
    const { thread, threadId } = this;
    if (!thread || !threadId) return;
    const add = (ids: string[]) => {
      const next = [...new Set([...this.meetingIds, ...ids])];
      if (next.length !== this.meetingIds.length) this.meetingIds = next;
    };
    this.unsubscribe = thread.subscribe?.(threadId, (events) => add(events.map((e) => e.meetingId)));
    void thread.listEvents(threadId).then((events) => add(events.map((e) => e.meetingId)));
  }

  protected override render() {
    return this.meetingIds.length === 0
      ? html`<p class="story-empty">No meetings in this conversation yet.</p>`
      : this.meetingIds.map((id) => html`<meeting-card thread-id=${this.threadId ?? ''} meeting-id=${id} heading-level="3"></meeting-card>`);
  }
}

if (!customElements.get('story-thread-pane')) customElements.define('story-thread-pane', StoryThreadPane);

declare global {
  interface HTMLElementTagNameMap {
    'story-thread-pane': StoryThreadPane;
  }
}
