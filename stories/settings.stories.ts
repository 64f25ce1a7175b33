import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { attributeArgs, attributes } from './support/cem.ts';
import { ALICE_BUSY_WEEK, THREAD_ID } from './support/fixtures.ts';
import { asViewer, viewerArgs, viewerArgTypes } from './support/story.ts';
import { world } from './support/world.ts';

const settings = (args: Record<string, unknown>) => html`<meeting-settings ${attributes('meeting-settings', args)}></meeting-settings>`;

const SCHOOL_FEED = 'https://feeds.example/school.ics';
const FAMILY_FEED = 'https://feeds.example/family.ics';
const schoolIcs = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//stories//settings//EN',
  'X-WR-CALNAME:School calendar',
  'BEGIN:VEVENT',
  'UID:parents-evening@feeds.example',
  'DTSTAMP:20260301T000000Z',
  'DTSTART:20260311T220000Z',
  'DTEND:20260311T233000Z',
  'SUMMARY:Parents’ evening',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

/**
 * Alice's calendars and notifications, shared by every thread. "Connect" runs the
 * host's sign-in (here it returns Alice's account in the mocked provider at once).
 */
const meta: Meta = {
  title: 'Elements/meeting-settings',
  component: 'meeting-settings',
  argTypes: viewerArgTypes,
  args: { ...attributeArgs('meeting-settings'), ...viewerArgs, 'thread-id': THREAD_ID },
  loaders: [world({ calendars: { alice: ALICE_BUSY_WEEK } })],
  render: asViewer('alice', settings),
};

export default meta;
type Story = StoryObj;

/** Nothing connected yet: why to connect a calendar, and every way to (Google, Microsoft, an ICS feed). */
export const NoCalendars: Story = {
  loaders: [world({ connected: { alice: 'none' } })],
};

/** One Google Workspace account. */
export const GoogleConnected: Story = {};

/** Google and Microsoft 365 connected: which calendars count for conflicts, and which one receives new meetings. */
export const GoogleAndMicrosoft: Story = {
  loaders: [world({ connected: { alice: 'google+microsoft' }, calendars: { alice: ALICE_BUSY_WEEK } })],
};

/** Two ICS feeds: the school's loads, the family one answers 404 and says so, with Retry. */
export const IcsFeedError: Story = {
  args: { section: 'calendars' },
  loaders: [
    world({
      feeds: {
        alice: [
          { url: SCHOOL_FEED, label: 'School' },
          { url: FAMILY_FEED, label: 'Family (iCloud)' },
        ],
      },
      feedBodies: { [SCHOOL_FEED]: schoolIcs },
    }),
  ],
};

/** Only the notification settings: in-app and email per kind of change, reminders, and muting this thread. */
export const Notifications: Story = { args: { section: 'notifications' } };

/** German. */
export const German: Story = { args: { locale: 'de-DE' } };

/** Arabic, right to left. */
export const RightToLeftArabic: Story = { args: { locale: 'ar' } };

/** Dark host theme. */
export const DarkTheme: Story = { globals: { theme: 'dark' } };
