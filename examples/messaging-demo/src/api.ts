/** The demo server's own endpoints (beside the meeting API under /api). */
import type { MeetingEvent } from '@meeting-scheduler/core';
import type { ThreadMessage } from '@meeting-scheduler/adapters/http';
import type { UserSettings } from '@meeting-scheduler/elements';
import type { DemoPerson } from '../shared/people.ts';

import type { OutboxEmail } from '../shared/outbox.ts';

export type { OutboxEmail };

export type TimelineEntry =
  | { position: number; kind: 'event'; event: MeetingEvent }
  | { position: number; kind: 'message'; message: ThreadMessage };

async function json<T>(path: string, init: RequestInit = {}): Promise<T> {
  const r = await fetch(path, { credentials: 'same-origin', ...init });
  if (!r.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${r.status}`);
  return (r.status === 204 ? undefined : await r.json()) as T;
}

const send = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const demoApi = {
  session: () => json<{ user: DemoPerson | null; people: DemoPerson[] }>('/demo/session'),
  signIn: (userId: string) => json<{ user: DemoPerson }>('/demo/session', send('POST', { userId })),
  signOut: () => json<void>('/demo/sign-out', { method: 'POST' }),
  settings: () => json<UserSettings>('/demo/settings'),
  saveSettings: (s: UserSettings) => json<void>('/demo/settings', send('PUT', s)),
  outbox: () => json<OutboxEmail[]>('/demo/outbox'),
  timeline: (threadId: string, after: number) =>
    json<{ entries: TimelineEntry[]; position: number }>(`/demo/threads/${encodeURIComponent(threadId)}/timeline?after=${after}`),
};
