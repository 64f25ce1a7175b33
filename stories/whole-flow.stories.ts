import { html, type TemplateResult } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { MeetingScheduler } from '@meeting-scheduler/elements';
import { allByRole, byRole, deepText, PATIENT, type } from './support/dom.ts';
import { ALICE, ALICE_BUSY_WEEK, BOB, BOB_BUSY_WEEK, THREAD_ID } from './support/fixtures.ts';
import './support/thread-pane.ts';
import { world, worldOf, type StoryWorld } from './support/world.ts';

function pane(w: StoryWorld, userId: string, title: string, where: string): TemplateResult {
  const env = w.environment(userId);
  return html`
    <section class="story-pane" aria-label=${`${title}’s screen`} data-user=${userId}>
      <h2>${title} <small>${where}</small></h2>
      ${w.as(
        userId,
        html`
          <meeting-scheduler thread-id=${THREAD_ID}></meeting-scheduler>
          <story-thread-pane thread-id=${THREAD_ID} .thread=${env.thread}></story-thread-pane>
        `,
      )}
    </section>
  `;
}

/**
 * Two people in one thread (one memory thread, two views; calendars mocked by msw):
 * Alice proposes times with the calendar button, Bob accepts one, Alice reschedules it
 * and then cancels it — every card updates live on both sides. The play function
 * walks through all of it; afterwards, try it yourself.
 */
const meta: Meta = {
  title: 'Whole flow',
  parameters: { layout: 'padded', controls: { disable: true } },
  loaders: [world({ participants: [ALICE, BOB], calendars: { alice: ALICE_BUSY_WEEK, bob: BOB_BUSY_WEEK } })],
  render: (_args, context) => {
    const w = worldOf(context);
    return html`<div class="story-pair">
      ${pane(w, 'alice', 'Alice', 'New York')} ${pane(w, 'bob', 'Bob', 'Kolkata')}
    </div>`;
  },
};

export default meta;

/** Start here: an empty thread, both people ready. */
export const TryIt: StoryObj = {};

const paneOf = (canvas: HTMLElement, user: string) => canvas.querySelector<HTMLElement>(`[data-user="${user}"]`)!;
const cardIn = (root: HTMLElement) => root.querySelector('meeting-card');

/** The first free time in a scheduler's grid (its accessible name ends "available"). */
const firstFreeCell = (root: Element) => allByRole(root, 'gridcell', /, available$/)[0];

/** Propose → accept → reschedule → cancel, played automatically. */
export const ProposeAcceptRescheduleCancel: StoryObj = {
  play: async ({ canvasElement, step }) => {
    const alice = paneOf(canvasElement, 'alice');
    const bob = paneOf(canvasElement, 'bob');

    await step('Alice proposes a time', async () => {
      const scheduler = alice.querySelector<MeetingScheduler>('meeting-scheduler')!;
      await waitFor(() => expect(byRole(scheduler, 'button', 'Schedule a meeting')).toBeInstanceOf(HTMLElement), PATIENT);
      byRole(scheduler, 'button', 'Schedule a meeting').click();
      await waitFor(() => expect(firstFreeCell(scheduler)).toBeInstanceOf(HTMLElement), PATIENT);
      firstFreeCell(scheduler)!.click();
      await scheduler.updateComplete;
      type(byRole(scheduler, 'textbox', 'Message (optional)'), 'Logo drafts: 30 minutes?');
      await scheduler.updateComplete;
      byRole(scheduler, 'button', 'Send invite').click();
      await waitFor(() => expect(cardIn(bob)).toBeInstanceOf(HTMLElement), PATIENT);
    });

    await step('Bob accepts it', async () => {
      const card = cardIn(bob)!;
      await waitFor(() => expect(allByRole(card, 'radio').length).toBeGreaterThan(0), PATIENT);
      allByRole(card, 'radio')[0]!.click();
      await card.updateComplete;
      byRole(card, 'button', 'Accept').click();
      await waitFor(() => expect(deepText(cardIn(alice)!)).toContain('Confirmed'), PATIENT);
    });

    await step('Alice reschedules', async () => {
      const card = cardIn(alice)!;
      byRole(card, 'button', 'Reschedule').click();
      await waitFor(() => expect(firstFreeCell(card)).toBeInstanceOf(HTMLElement), PATIENT);
      firstFreeCell(card)!.click();
      await waitFor(() => expect(byRole(card, 'textbox', 'Reason (optional)')).toBeInstanceOf(HTMLElement), PATIENT);
      type(byRole(card, 'textbox', 'Reason (optional)'), 'The client moved our review.');
      byRole(card, 'button', 'Send new times').click();
      await waitFor(() => expect(deepText(cardIn(bob)!)).toContain('Alice asked to reschedule'), PATIENT);
    });

    await step('Alice cancels, with a reason', async () => {
      const card = cardIn(alice)!;
      await waitFor(() => expect(byRole(card, 'button', 'Cancel meeting')).toBeInstanceOf(HTMLElement), PATIENT);
      byRole(card, 'button', 'Cancel meeting').click();
      await waitFor(() => expect(byRole(card, 'textbox', 'Reason (optional)')).toBeInstanceOf(HTMLElement), PATIENT);
      type(byRole(card, 'textbox', 'Reason (optional)'), 'The drafts are not ready yet.');
      byRole(card, 'button', 'Yes, cancel meeting').click();
      await waitFor(() => expect(deepText(cardIn(bob)!)).toContain('Cancelled by Alice'), PATIENT);
    });
  },
};
