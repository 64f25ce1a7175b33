/**
 * Mocked Google and Microsoft calendars for the signed-in person: msw's service worker
 * answers https://www.googleapis.com and https://graph.microsoft.com with the adapters'
 * own mock handlers, over in-memory accounts seeded with a realistic week and kept in
 * localStorage (per person), so meetings written on accept survive a reload.
 * `connect()` is a pretend OAuth step; `calendarFor()` builds the real adapters with a
 * fake token getter, plus the ICS feed the demo server publishes.
 */
import { SchedulerError, type CalendarAdapter, type CalendarConnection } from '@meeting-scheduler/core';
import { googleCalendar } from '@meeting-scheduler/adapters/google';
import { icsFeedCalendar } from '@meeting-scheduler/adapters/ics-feed';
import { microsoftCalendar } from '@meeting-scheduler/adapters/microsoft';
import { MockCalendarStore, googleHandlers, microsoftHandlers, type MockAccount } from '@meeting-scheduler/adapters/mocks';
import { setupWorker } from 'msw/browser';
import type { DemoPerson } from '../shared/people.ts';
import { firstOccurrence, weekPlan, type CalendarKind } from '../shared/week.ts';

type Provider = 'google' | 'microsoft';

export interface CalendarEventSummary {
  provider: Provider;
  account: string;
  summary: string;
  start: string;
  end: string;
  recurrence?: string;
  joinUrl?: string;
}

const tokenFor = (provider: Provider, email: string) => `mock-${provider}-${email.toLowerCase()}`;

function restore(accounts: MockAccount[] | undefined): MockCalendarStore {
  const store = new MockCalendarStore();
  for (const a of accounts ?? []) store.accounts.push(a);
  return store;
}

export class DemoCalendars {
  readonly stores: Record<Provider, MockCalendarStore>;
  private readonly key: string;

  constructor(
    private readonly user: DemoPerson,
    private readonly now: () => string,
    private readonly storage: Storage = localStorage,
  ) {
    this.key = `meeting-demo:mock-calendars:v1:${user.id}`;
    let saved: Partial<Record<Provider, MockAccount[]>> = {};
    try {
      saved = JSON.parse(storage.getItem(this.key) ?? '{}') as typeof saved;
    } catch {
      saved = {};
    }
    this.stores = { google: restore(saved.google), microsoft: restore(saved.microsoft) };
  }

  /** Starts the mock service worker (once per page); calendar requests are answered from then on. */
  async start(): Promise<void> {
    const worker = setupWorker(...googleHandlers(this.stores.google), ...microsoftHandlers(this.stores.microsoft));
    worker.events.on('response:mocked', () => this.save());
    await worker.start({ quiet: true, onUnhandledFrame: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
  }

  save(): void {
    this.storage.setItem(this.key, JSON.stringify({ google: this.stores.google.accounts, microsoft: this.stores.microsoft.accounts }));
  }

  /** The addresses offered in the pretend sign-in: the work one on its custom domain, and a consumer one. */
  suggestedAccounts(provider: Provider): Array<{ email: string; note: string }> {
    const [first, last] = this.user.name.toLowerCase().split(' ');
    return provider === 'google'
      ? [
          { email: this.user.email, note: 'Google Workspace on a custom domain' },
          { email: `${first}.${last}@gmail.com`, note: 'Personal Gmail' },
        ]
      : [
          { email: this.user.email, note: 'Microsoft 365 on a custom domain' },
          { email: `${first}.${last}@outlook.com`, note: 'Personal Outlook.com' },
        ];
  }

  /** Signs `email` in to the mock provider (seeding its calendar the first time) and returns the connection. */
  connectAccount(provider: Provider, email: string): CalendarConnection {
    const store = this.stores[provider];
    const address = email.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) throw new SchedulerError('invalid-input', 'Enter an email address', { field: 'email' });
    let account = store.account(address);
    if (!account) {
      const kind: CalendarKind = provider;
      account = store.addAccount({
        email: address,
        name: this.user.name,
        token: tokenFor(provider, address),
        calendars: [{ name: provider === 'google' ? address : 'Calendar', timeZone: this.user.timeZone }],
        events: weekPlan(this.user, kind, this.now()).map((e) => {
          const { start, end } = firstOccurrence(e);
          return {
            id: e.key.replace(/[^a-z0-9]/g, ''),
            summary: e.summary,
            start,
            end,
            ...(e.allDay ? { allDay: true } : {}),
            ...(e.showAs ? { showAs: e.showAs } : {}),
            ...(e.rrule ? { recurrence: e.rrule, recurrenceTimeZone: e.zone } : {}),
          };
        }),
      });
      this.save();
    }
    const calendarId = account.calendars.find((c) => c.primary)?.id ?? account.calendars[0]!.id;
    return { id: `${provider}-${address}`, provider, accountLabel: address, conflictCalendarIds: [calendarId], targetCalendarId: calendarId };
  }

  /** The adapter for one of the person's connections. */
  calendarFor = (c: CalendarConnection): CalendarAdapter | undefined => {
    if (c.provider === 'google' || c.provider === 'microsoft') {
      const provider: Provider = c.provider === 'google' ? 'google' : 'microsoft';
      const getAccessToken = async () => tokenFor(provider, c.accountLabel);
      return provider === 'google' ? googleCalendar({ getAccessToken }) : microsoftCalendar({ getAccessToken });
    }
    if (c.provider === 'ics' && c.url) return icsFeedCalendar({ url: c.url, fetch: localFeedFetch });
    return undefined;
  };

  /** Every event in the person's mocked calendars (the e2e hook reads it). */
  list(): CalendarEventSummary[] {
    return (['google', 'microsoft'] as const).flatMap((provider) =>
      this.stores[provider].accounts.flatMap((a) =>
        a.events
          .filter((e) => !e.cancelled)
          .map((e) => {
            const s: CalendarEventSummary = { provider, account: a.email, summary: e.summary, start: e.start, end: e.end };
            if (e.recurrence) s.recurrence = e.recurrence;
            if (e.joinUrl) s.joinUrl = e.joinUrl;
            return s;
          }),
      ),
    );
  }
}

/** The feed address to subscribe to in "Manage calendars": the demo server publishes one per person. */
export function feedUrlFor(user: DemoPerson): string {
  return `webcal://${location.host}/feeds/${user.id}.ics`;
}

/**
 * Feeds are read as `https://` (what `webcal://` means); the demo server on this
 * machine speaks plain HTTP, so its own feeds are fetched from the page's origin.
 */
const localFeedFetch: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.host === location.host && url.protocol === 'https:' && location.protocol === 'http:') url.protocol = 'http:';
  return fetch(url, init);
};
