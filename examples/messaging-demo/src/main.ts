/**
 * The page: a guest link (`/guest/<token>`) shows the meeting to a guest; otherwise
 * the DEMO ONLY sign-in (pick a person) or, once signed in, the messaging app with
 * mocked calendars. `window.meetingDemo` is the hook the end-to-end tests read.
 */
import '@meeting-scheduler/elements/define';
import { httpThread } from '@meeting-scheduler/adapters/http';
import { html, render } from 'lit';
import type { DemoPerson } from '../shared/people.ts';
import { demoApi, type OutboxEmail } from './api.ts';
import './app.ts';
import type { DemoApp } from './app.ts';
import { DemoCalendars, type CalendarEventSummary } from './calendars.ts';
import { createClock } from './clock.ts';
import { clockIn } from './format.ts';
import { showGuest } from './guest.ts';
import './styles.css';

declare global {
  interface Window {
    /** For the end-to-end tests (see the example's README). */
    meetingDemo?: {
      user: DemoPerson | null;
      calendars: { list(): CalendarEventSummary[] };
      clock: { readonly offsetMs: number; set(ms: number): void; now(): string };
      outbox(): Promise<OutboxEmail[]>;
    };
  }
}

const root = document.querySelector<HTMLElement>('#app')!;

function showSignIn(people: DemoPerson[]): void {
  document.title = 'Sign in · Parley (demo)';
  root.replaceChildren();
  const now = new Date().toISOString();
  render(
    html`<main class="sign-in" aria-labelledby="sign-in-title">
      <div class="sign-in-card">
        <p class="brand large"><span class="logo" aria-hidden="true">P</span> Parley</p>
        <h1 id="sign-in-title">Who are you today?</h1>
        <p class="demo-warning" role="note"><strong>Demo only.</strong> There are no passwords: anyone can sign in as anyone. Open a second
          window (a private window, or <code>${location.protocol}//${location.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${location.port}</code>) to be a second person.</p>
        <ul class="people">
          ${people.map(
            (p) => html`<li>
              <button type="button" class="person" @click=${async () => {
                await demoApi.signIn(p.id);
                location.reload();
              }}>
                <span class="avatar" aria-hidden="true" data-user=${p.id}>${p.name.split(' ').map((w) => w[0]).join('')}</span>
                <span><strong>Sign in as ${p.name}</strong><br /><span class="muted">${p.city} · ${clockIn(p.timeZone, now)} there now</span></span>
              </button>
            </li>`,
          )}
        </ul>
      </div>
    </main>`,
    root,
  );
}

async function start(): Promise<void> {
  const guest = /^\/guest\/([^/]+)$/.exec(location.pathname);
  if (guest) return showGuest(root, decodeURIComponent(guest[1]!));

  const { user, people } = await demoApi.session();
  if (!user) {
    window.meetingDemo = { user: null, calendars: { list: () => [] }, clock: createClock(), outbox: async () => [] };
    return showSignIn(people);
  }
  document.title = `${user.name} · Parley (demo)`;
  const clock = createClock();
  const calendars = new DemoCalendars(user, () => clock.now());
  let calendarProblem: string | undefined;
  try {
    await calendars.start();
  } catch (error) {
    calendarProblem = `The mocked calendars could not start (${error instanceof Error ? error.message : String(error)}); everything else works.`;
  }
  const http = httpThread({ baseUrl: new URL('/api', location.origin).href, credentials: 'same-origin' });
  window.meetingDemo = {
    user,
    calendars: { list: () => calendars.list() },
    clock,
    outbox: () => demoApi.outbox(),
  };
  const app = document.createElement('demo-app') as DemoApp;
  app.setup = { user, people, http, calendars, clock };
  root.replaceChildren(app);
  if (calendarProblem) {
    const note = document.createElement('p');
    note.className = 'banner error';
    note.setAttribute('role', 'alert');
    note.textContent = calendarProblem;
    root.prepend(note);
  }
}

start().catch((error: unknown) => {
  const p = document.createElement('p');
  p.className = 'banner error';
  p.setAttribute('role', 'alert');
  p.textContent = `The demo could not start: ${error instanceof Error ? error.message : String(error)}. Is the server running (npm start)?`;
  root.replaceChildren(p);
});
