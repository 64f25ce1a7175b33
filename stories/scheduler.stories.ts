import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { BusyInterval } from '@meeting-scheduler/core';
import { attributeArgs, attributes } from './support/cem.ts';
import { ALICE, ALICE_BUSY_WEEK, BOB, BOB_BUSY_WEEK, CAROL, MEETING_ID, accepted, proposed } from './support/fixtures.ts';
import { asViewer, viewerArgs, viewerArgTypes } from './support/story.ts';
import { world } from './support/world.ts';

const scheduler = (args: Record<string, unknown>, otherBusy: BusyInterval[] = []) =>
  html`<meeting-scheduler ${attributes('meeting-scheduler', args)} .otherBusy=${otherBusy}></meeting-scheduler>`;

/**
 * Alice (New York) schedules with Bob (Kolkata) in the "Logo project" thread. The clock
 * stands at Monday 9 March 2026, 10:00 AM New York; calendars are the mocked Google
 * (and Microsoft) APIs answered by msw.
 */
const meta: Meta = {
  title: 'Elements/meeting-scheduler',
  component: 'meeting-scheduler',
  argTypes: viewerArgTypes,
  args: { ...attributeArgs('meeting-scheduler'), ...viewerArgs, 'thread-id': 't1', inline: true },
  loaders: [world({ calendars: { alice: ALICE_BUSY_WEEK, bob: BOB_BUSY_WEEK } })],
  render: asViewer('alice', (args) => scheduler(args)),
};

export default meta;
type Story = StoryObj;

/** The calendar-icon trigger a thread's composer shows; it opens the scheduler in a dialog. */
export const Trigger: Story = { args: { inline: false } };

/** The dialog open (`open` attribute, or `show()`), over Alice's busy week. */
export const DialogOpen: Story = { args: { inline: false, open: true } };

/** A week with stand-ups, reviews, a tentative hold and an all-day offsite: busy times are shaded and say why. */
export const BusyWeek: Story = {};

/** No calendar connected: every time is offered, and the scheduler says busy times are not shown. */
export const NoCalendars: Story = {
  loaders: [world({ connected: { alice: 'none', bob: 'none' } })],
};

/** Availability still loading (the calendar API answers slowly). */
export const Loading: Story = {
  loaders: [world({ calendars: { alice: ALICE_BUSY_WEEK }, calendarTimeoutMs: 600_000, setup: (w) => void w.faults.slow(590_000) })],
};

/** The calendar provider keeps failing (503): the error is shown with Retry; times are never shown as free by mistake. */
export const ProviderError: Story = {
  loaders: [world({ calendars: { alice: ALICE_BUSY_WEEK }, setup: (w) => void w.faults.failNext(50, 503) })],
};

/** Bob suggests a different time for Alice's invite; Alice's busy time (shared by the host) is shaded "Busy for Alice". */
export const CounterMode: Story = {
  args: { mode: 'counter', 'meeting-id': MEETING_ID },
  loaders: [world({ events: [proposed()], calendars: { bob: BOB_BUSY_WEEK } })],
  render: asViewer('bob', (args) =>
    scheduler(args, [
      { start: '2026-03-10T13:00:00Z', end: '2026-03-10T14:00:00Z' },
      { start: '2026-03-11T17:00:00Z', end: '2026-03-11T20:00:00Z' },
    ]),
  ),
};

/** Alice moves a confirmed meeting; the reason field replaces the message. */
export const RescheduleMode: Story = {
  args: { mode: 'reschedule', 'meeting-id': MEETING_ID },
  loaders: [world({ events: [proposed(), accepted()], calendars: { alice: ALICE_BUSY_WEEK } })],
};

/** A group thread: one checkbox per participant, all invited unless unticked. */
export const GroupThread: Story = {
  loaders: [world({ participants: [ALICE, BOB, CAROL], calendars: { alice: ALICE_BUSY_WEEK } })],
};

/** Arabic, right to left: the week runs from the right and ArrowLeft moves forward. */
export const RightToLeftArabic: Story = { args: { locale: 'ar' } };

/** German with a 24-hour clock, as Carol in Berlin sees it. */
export const German: Story = {
  args: { locale: 'de-DE' },
  loaders: [world({ participants: [CAROL, BOB], calendars: { carol: [{ summary: 'Jour fixe', start: '2026-03-10T09:00:00Z', end: '2026-03-10T10:00:00Z' }] } })],
  render: asViewer('carol', (args) => scheduler(args)),
};

/** A dark host theme, set only through `--meeting-*` custom properties on a parent. */
export const DarkTheme: Story = { globals: { theme: 'dark' } };

/** 320 px wide (a phone): the week becomes a day-by-day list. */
export const Narrow320: Story = {
  render: asViewer('alice', (args) => html`<div class="story-narrow">${scheduler(args)}</div>`),
};

/** Microsoft 365 as well as Google: Graph reports titles, so busy times say what they are. */
export const GoogleAndMicrosoft: Story = {
  loaders: [world({ connected: { alice: 'microsoft' }, calendars: { alice: ALICE_BUSY_WEEK } })],
};

/** Bob's view of the same thread, in Kolkata: the same instants, labelled in IST. */
export const BobInKolkata: Story = { render: asViewer('bob', (args) => scheduler(args)) };
