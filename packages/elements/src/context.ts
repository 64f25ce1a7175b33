/**
 * What `<meeting-provider>` gives every element below it: the host's adapters, who
 * is looking, in which language and zone, and what time it is. One context object,
 * replaced (never mutated) when anything in it changes, so consumers re-render.
 */
import { createContext } from '@lit/context';
import type {
  CalendarAdapter,
  CalendarConnection,
  ConferencingAdapter,
  ConnectionStore,
  Instant,
  Meeting,
  NotificationAdapter,
  NotificationPreferences,
  ThreadAdapter,
  TimeZoneId,
  WorkingHours,
} from '@meeting-scheduler/core';

/** A user's settings that are not calendar connections, kept by the host. */
export interface UserSettings {
  notifications: NotificationPreferences;
  workingHours?: WorkingHours;
}

/** Where `<meeting-settings>` loads and saves {@link UserSettings}. */
export interface SettingsStore {
  load(): Promise<UserSettings>;
  save(settings: UserSettings): Promise<void>;
}

export interface MeetingEnvironment {
  /** The host's thread backend. */
  thread?: ThreadAdapter;
  /** The current user's calendar connections, shared by every thread. */
  connections?: ConnectionStore;
  /** The adapter for one connection (the host builds it with its OAuth token getter). */
  calendarFor?: (connection: CalendarConnection) => CalendarAdapter | undefined;
  /** Runs the host's OAuth for a provider and returns the new connection. */
  connect?: (provider: 'google' | 'microsoft') => Promise<CalendarConnection>;
  conferencing?: ConferencingAdapter;
  notifications?: NotificationAdapter;
  settings?: SettingsStore;
  /** Makes a guest link for a confirmed meeting (e.g. the server's `POST /meetings/:id/share`). */
  createShareLink?: (meeting: Meeting, guestId: string) => Promise<string>;
  /** Opens a URL (join links, calendar links). Default: `window.open(url, '_blank', 'noopener')`. */
  openUrl?: (url: string) => void;
  /** Hosts allowed for join links besides any `https:` URL check (empty: any https host). */
  joinHosts?: string[];
  /** BCP 47 locale for every label. */
  locale: string;
  /** The viewer's IANA zone. */
  timeZone: TimeZoneId;
  /** The clock; injectable for tests, stories and the demo's fast-forward. */
  now: () => Instant;
}

export const meetingContext = createContext<MeetingEnvironment>(Symbol('meeting-environment'));

/** The browser's zone and language, and the real clock: what a page gets without a provider. */
export function defaultEnvironment(): MeetingEnvironment {
  const { timeZone, locale } = new Intl.DateTimeFormat().resolvedOptions();
  return {
    locale: globalThis.navigator?.language ?? locale,
    timeZone,
    now: () => new Date().toISOString(),
  };
}
