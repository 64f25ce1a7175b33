/**
 * What every element story shares: the viewer's locale and zone as controls (they are
 * `<meeting-provider>`'s attributes), and a render that puts the element, with every
 * attribute taken from the args, inside the provider of the person looking at it.
 */
import type { TemplateResult } from 'lit';
import type { ArgTypes, Args } from '@storybook/web-components-vite';
import { worldOf } from './world.ts';

export const viewerArgTypes: ArgTypes = {
  locale: {
    name: 'locale',
    description: 'The viewer’s language (`<meeting-provider locale>`).',
    control: { type: 'select' },
    options: ['en-US', 'en-GB', 'de-DE', 'ar'],
    table: { category: 'meeting-provider' },
  },
  'time-zone': {
    name: 'time-zone',
    description: 'The viewer’s IANA zone (`<meeting-provider time-zone>`); empty: the viewer’s own.',
    control: 'text',
    table: { category: 'meeting-provider' },
  },
};

export const viewerArgs: Args = { locale: 'en-US', 'time-zone': '' };

/** Renders `element(args)` inside the provider of `userId`, in the locale and zone the args say. */
export function asViewer(userId: string, element: (args: Args) => TemplateResult) {
  return (args: Args, context: { loaded: Record<string, unknown> }) => {
    const zone = typeof args['time-zone'] === 'string' && args['time-zone'] !== '' ? args['time-zone'] : undefined;
    return worldOf(context).as(userId, element(args), {
      locale: typeof args['locale'] === 'string' ? args['locale'] : 'en-US',
      ...(zone ? { timeZone: zone } : {}),
    });
  };
}
