/**
 * The meeting elements in JSX, typed from the element classes themselves. React 19
 * sets a prop as a property when the element has one (`thread`, `otherBusy`…), and an
 * `on<event-name>` prop as a listener for that exact event: `onmeeting-sent` listens
 * to `meeting-sent`. The event props come from the package's `HTMLElementEventMap`
 * entries, so each handler gets its typed event class.
 */
import type { MeetingCard, MeetingProvider, MeetingScheduler, MeetingSettings } from '@meeting-scheduler/elements';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

type MeetingEventProps = {
  [K in keyof HTMLElementEventMap as K extends `meeting-${string}` ? `on${K}` : never]?: (event: HTMLElementEventMap[K]) => void;
};

type ElementProps<E extends HTMLElement, Props extends keyof E> = DetailedHTMLProps<HTMLAttributes<E>, E> &
  Partial<Pick<E, Props>> &
  MeetingEventProps;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'meeting-provider': ElementProps<
        MeetingProvider,
        | 'thread'
        | 'connections'
        | 'calendarFor'
        | 'connect'
        | 'conferencing'
        | 'notifications'
        | 'settings'
        | 'createShareLink'
        | 'openUrl'
        | 'joinHosts'
        | 'locale'
        | 'timeZone'
        | 'now'
      >;
      'meeting-scheduler': ElementProps<
        MeetingScheduler,
        | 'threadId'
        | 'mode'
        | 'meetingId'
        | 'inline'
        | 'open'
        | 'durations'
        | 'duration'
        | 'step'
        | 'dayStart'
        | 'dayEnd'
        | 'weekStart'
        | 'otherBusy'
      >;
      'meeting-card': ElementProps<MeetingCard, 'threadId' | 'meetingId' | 'guest' | 'guestId' | 'meeting' | 'headingLevel'>;
      'meeting-settings': ElementProps<MeetingSettings, 'threadId' | 'section'>;
    }
  }
}
