/**
 * The in-memory calendars behind the provider mocks: accounts (by access token),
 * their calendars and events. Tests, stories and the demo seed it; the Google and
 * Graph handlers read and write it in each provider's own wire format.
 */
import type { Instant } from '@meeting-scheduler/core';

export type MockShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere';

export interface MockEvent {
  id: string;
  calendarId: string;
  summary: string;
  start: Instant;
  end: Instant;
  /** All-day events span whole dates in the calendar's zone; `start`/`end` are its midnights. */
  allDay?: boolean;
  /** Default `busy`. Google knows only busy/free (transparency); Graph knows all five. */
  showAs?: MockShowAs;
  description?: string;
  attendees?: Array<{ email: string; name?: string; response?: 'needsAction' | 'accepted' | 'declined' | 'tentative' }>;
  /** An RRULE (without "RRULE:") expanded in `recurrenceTimeZone` from `start`'s wall clock there. */
  recurrence?: string;
  recurrenceTimeZone?: string;
  joinUrl?: string;
  /** Changes on every write; what `If-Match` compares against. */
  etag: string;
  /** Graph's idempotency key for creates. */
  transactionId?: string;
  cancelled?: boolean;
  /** Whatever provider-specific fields a handler keeps (e.g. conferenceData). */
  extra?: Record<string, unknown>;
}

export interface MockCalendar {
  id: string;
  name: string;
  primary?: boolean;
  /** IANA zone; the Graph mock reports it by its Windows name. */
  timeZone: string;
  readOnly?: boolean;
  color?: string;
}

export interface MockAccount {
  /** The account's address, e.g. "alice@acme.example" (custom Workspace / Microsoft 365 domains are fine). */
  email: string;
  name?: string;
  /** Bearer tokens that authenticate as this account. */
  tokens: string[];
  calendars: MockCalendar[];
  events: MockEvent[];
}

export interface MockAccountSeed {
  email: string;
  name?: string;
  token: string;
  calendars?: Array<Omit<MockCalendar, 'id'> & { id?: string }>;
  events?: Array<Omit<MockEvent, 'etag' | 'id' | 'calendarId'> & { id?: string; calendarId?: string }>;
}

let etagCounter = 0;
/** A fresh opaque ETag. */
export function nextEtag(): string {
  return `"${Date.now().toString(36)}-${(++etagCounter).toString(36)}"`;
}

/** In-memory accounts, calendars and events shared by the provider mocks. */
export class MockCalendarStore {
  readonly accounts: MockAccount[] = [];
  private ids = 0;

  constructor(seed: MockAccountSeed[] = []) {
    for (const account of seed) this.addAccount(account);
  }

  /** A fresh id with a readable prefix. */
  newId(prefix: string): string {
    return `${prefix}${(++this.ids).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  }

  /** Adds an account; its first calendar (or one named after the address) is primary. */
  addAccount(seed: MockAccountSeed): MockAccount {
    const calendars: MockCalendar[] = (seed.calendars?.length ? seed.calendars : [{ name: seed.email, timeZone: 'UTC' }]).map(
      (c, i) => ({ ...c, id: c.id ?? (i === 0 ? seed.email : this.newId('cal-')), primary: c.primary ?? i === 0 }),
    );
    const account: MockAccount = { email: seed.email, tokens: [seed.token], calendars, events: [] };
    if (seed.name !== undefined) account.name = seed.name;
    this.accounts.push(account);
    for (const e of seed.events ?? []) this.addEvent(account, e);
    return account;
  }

  /** Adds an event to an account (its primary calendar unless `calendarId` says otherwise). */
  addEvent(account: MockAccount, e: MockAccountSeed['events'] extends Array<infer E> | undefined ? E : never): MockEvent {
    const primary = account.calendars.find((c) => c.primary) ?? account.calendars[0]!;
    const event: MockEvent = { ...e, id: e.id ?? this.newId('ev'), calendarId: e.calendarId ?? primary.id, etag: nextEtag() };
    account.events.push(event);
    return event;
  }

  /** The account a bearer token belongs to, if any. */
  accountForToken(token: string): MockAccount | undefined {
    return this.accounts.find((a) => a.tokens.includes(token));
  }

  /** The account with this address (case-insensitive). */
  account(email: string): MockAccount | undefined {
    return this.accounts.find((a) => a.email.toLowerCase() === email.toLowerCase());
  }

  /** Every live (not cancelled) event of an account's calendar. */
  eventsOf(account: MockAccount, calendarId: string): MockEvent[] {
    return account.events.filter((e) => e.calendarId === calendarId && !e.cancelled);
  }
}
