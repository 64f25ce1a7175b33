/**
 * A guest link opened by someone who is not in the thread: the meeting in the
 * guest's own (browser) zone, Join and Add to calendar only — from the server's
 * `GET /api/guest/:token`, which never includes the thread's messages.
 */
import { httpThread } from '@meeting-scheduler/adapters/http';
import type { MeetingCard } from '@meeting-scheduler/elements';
import { html, render } from 'lit';

export async function showGuest(root: HTMLElement, token: string): Promise<void> {
  document.title = 'Meeting invitation · Parley';
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const http = httpThread({ baseUrl: new URL('/api', location.origin).href, credentials: 'omit' });
  root.replaceChildren();
  let view;
  try {
    view = await http.guest(token);
  } catch {
    render(
      html`<main class="guest" aria-labelledby="guest-title"><div class="guest-card">
        <p class="brand large"><span class="logo" aria-hidden="true">P</span> Parley</p>
        <h1 id="guest-title">This link does not work</h1>
        <p>The guest link is not valid or has expired. Ask the person who shared it for a new one.</p>
      </div></main>`,
      root,
    );
    return;
  }
  const names = view.participants.map((p) => p.name).join(', ');
  render(
    html`<main class="guest" aria-labelledby="guest-title">
      <div class="guest-card">
        <p class="brand large"><span class="logo" aria-hidden="true">P</span> Parley</p>
        <h1 id="guest-title">You are invited as a guest</h1>
        <p class="muted">With ${names}. Times are shown in your zone (${zone}).</p>
        <meeting-provider time-zone=${zone} locale="en-US" .openUrl=${(url: string) => open(url, '_blank', 'noopener')}>
          <meeting-card guest guest-id=${view.guestId} heading-level="2" .meeting=${view.meeting}></meeting-card>
        </meeting-provider>
        <p class="muted small">As a guest you can join and add the meeting to your calendar; only the people in the thread can change it.</p>
      </div>
    </main>`,
    root,
  );
  void (root.querySelector('meeting-card') as MeetingCard | null)?.updateComplete;
}
