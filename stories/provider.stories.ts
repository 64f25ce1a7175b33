import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { attributeArgs } from './support/cem.ts';
import { MEETING_ID, THREAD_ID, accepted, proposed } from './support/fixtures.ts';
import { asViewer } from './support/story.ts';
import { world } from './support/world.ts';

/**
 * `<meeting-provider>` renders nothing itself: it hands the host's adapters, the
 * viewer's locale and zone, and the clock to the elements inside. Change `locale` and
 * `time-zone` here and the confirmed meeting inside follows.
 */
const meta: Meta = {
  title: 'Elements/meeting-provider',
  component: 'meeting-provider',
  args: { ...attributeArgs('meeting-provider'), locale: 'en-GB', 'time-zone': 'Europe/London' },
  loaders: [world({ events: [proposed(), accepted()] })],
  render: asViewer('bob', () => html`<meeting-card thread-id=${THREAD_ID} meeting-id=${MEETING_ID}></meeting-card>`),
};

export default meta;

/** Bob's confirmed meeting, shown in the provider's locale and zone. */
export const LocaleAndZone: StoryObj = {};
