import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { Meeting, ThreadAdapter } from '@meeting-scheduler/core';
import { attributeArgs, attributes } from './support/cem.ts';
import { allByRole, byRole, deepText, PATIENT } from './support/dom.ts';
import {
  ALICE_BUSY_WEEK,
  BOB_BUSY_WEEK,
  MEETING_ID,
  O1,
  O3,
  THREAD_ID,
  accepted,
  cancelled,
  countered,
  declined,
  proposed,
  rescheduled,
} from './support/fixtures.ts';
import { asViewer, viewerArgs, viewerArgTypes } from './support/story.ts';
import { createStoryWorld, world, worldOf, type WorldSpec } from './support/world.ts';

const card = (args: Record<string, unknown>) => html`<meeting-card ${attributes('meeting-card', args)}></meeting-card>`;
const calendars = { alice: ALICE_BUSY_WEEK, bob: BOB_BUSY_WEEK };

/**
 * The meeting's message in the thread, for each person and each step of its life.
 * Alice (New York) invited Bob (Kolkata) to one of three times; the clock stands at
 * Monday 9 March 2026, 10:00 AM New York, unless a story says otherwise.
 */
const meta: Meta = {
  title: 'Elements/meeting-card',
  component: 'meeting-card',
  argTypes: viewerArgTypes,
  args: { ...attributeArgs('meeting-card'), ...viewerArgs, 'thread-id': THREAD_ID, 'meeting-id': MEETING_ID },
  loaders: [world({ events: [proposed()], calendars })],
  render: asViewer('bob', card),
};

export default meta;
type Story = StoryObj;

/** Bob is invited: pick one of the times (each with Alice's time too; the one clashing with his calendar is marked), Accept, suggest another time, or Decline. */
export const ProposedAsInvitee: Story = {};

/** Alice sent the invite: she waits for Bob and can still reschedule or cancel. */
export const ProposedAsOrganizer: Story = { render: asViewer('alice', card) };

/** Bob suggested a different time; now Alice is the one to answer. */
export const Countered: Story = {
  loaders: [world({ events: [proposed(), countered()], calendars })],
  render: asViewer('alice', card),
};

/** Bob accepted: the confirmed time in both zones, Add to calendar, Reschedule, Cancel, Share link (Alice's view). */
export const Confirmed: Story = {
  loaders: [world({ events: [proposed(), accepted()], calendars })],
  render: asViewer('alice', card),
};

/** The same confirmed meeting as Bob sees it, in Kolkata. */
export const ConfirmedAsInvitee: Story = {
  loaders: [world({ events: [proposed(), accepted()], calendars })],
};

/** Two minutes before the start: Join is open. */
export const JoinWindowOpen: Story = {
  loaders: [world({ events: [proposed(), accepted()], calendars, now: '2026-03-10T12:58:00Z' })],
};

/** Alice asked to move the confirmed meeting, with a reason; Bob answers the new time. */
export const RescheduledWithReason: Story = {
  loaders: [world({ events: [proposed(), accepted(O1), rescheduled(1)], calendars })],
};

/** Alice cancelled, with a reason: the time is struck through. */
export const CancelledWithReason: Story = {
  loaders: [world({ events: [proposed(), accepted(O1), cancelled(1)], calendars })],
};

/** Bob declined, with a reason (Alice's view). */
export const Declined: Story = {
  loaders: [world({ events: [proposed(), declined()], calendars })],
  render: asViewer('alice', card),
};

/** A guest, from a share link, in London: the time in their zone, Join and Add to calendar — nothing of the thread. */
export const GuestView: Story = {
  args: { guest: true, 'guest-id': 'guest-7f3a', 'thread-id': '', 'meeting-id': '' },
  loaders: [
    async () => {
      const spec: WorldSpec = { events: [proposed(), accepted()], now: '2026-03-10T12:58:00Z' };
      const w = await createStoryWorld(spec);
      return { world: w, meeting: await w.meeting(MEETING_ID) };
    },
  ],
  render: (args, context) =>
    worldOf(context).guest(html`<meeting-card ${attributes('meeting-card', args)} .meeting=${context.loaded['meeting'] as Meeting}></meeting-card>`, {
      timeZone: typeof args['time-zone'] === 'string' && args['time-zone'] !== '' ? args['time-zone'] : 'Europe/London',
      locale: typeof args['locale'] === 'string' ? args['locale'] : 'en-GB',
    }),
};

/**
 * Bob's tab slept through Alice's change (its thread adapter has no live updates), and he
 * accepts a time that is no longer offered: the card says "This invite was updated" and
 * shows the new times instead of a wrong confirmation.
 */
export const StaleInvite: Story = {
  render: (args, context) => {
    const w = worldOf(context);
    const live = w.environment('bob').thread!;
    const asleep: ThreadAdapter = {
      getThread: (id, o) => live.getThread(id, o),
      listEvents: (id, o) => live.listEvents(id, o),
      appendEvent: (id, e, o) => live.appendEvent(id, e, o),
    };
    return w.as('bob', card(args), { thread: asleep });
  },
  play: async ({ canvasElement, loaded }) => {
    const w = worldOf({ loaded });
    const el = canvasElement.querySelector('meeting-card')!;
    await waitFor(() => expect(allByRole(el, 'radio')).toHaveLength(3), PATIENT);
    await w.threads
      .as('alice')
      .appendEvent(
        THREAD_ID,
        { type: 'rescheduled', id: 'e-moved', meetingId: MEETING_ID, by: 'alice', at: '2026-03-09T13:50:00Z', sequence: 0, options: [O3], reason: 'Tuesday is gone; Wednesday?' },
        { expectedSequence: 0 },
      );
    byRole(el, 'radio', /Mar 10, 6:30/).click();
    await el.updateComplete;
    byRole(el, 'button', 'Accept').click();
    await waitFor(() => expect(deepText(el)).toContain('This invite was updated'), PATIENT);
    await waitFor(() => expect(allByRole(el, 'radio')).toHaveLength(1), PATIENT);
  },
};

/** Dark host theme (Bob's invite). */
export const DarkTheme: Story = { globals: { theme: 'dark' } };

/** Arabic, right to left (Bob's invite). */
export const RightToLeftArabic: Story = { args: { locale: 'ar' } };
