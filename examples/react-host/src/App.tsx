/**
 * A thread in a React app: the meeting elements with typed props and events, fed by the
 * memory thread adapter, next to a panel computed with core directly.
 */
import {
  DEFAULT_NOTIFICATION_PREFERENCES,
  reduceThreadMeetings,
  type BusyInterval,
  type Interval,
  type MeetingEvent,
  type Participant,
  type ProposedEvent,
} from '@meeting-scheduler/core';
import { memoryThread, type MemoryThread } from '@meeting-scheduler/adapters/memory';
import type { SettingsStore, UserSettings } from '@meeting-scheduler/elements';
import { useEffect, useMemo, useState } from 'react';
import { FreeTimes } from './FreeTimes';
import { busyFor, calendarOf, connectionsOf, team, workingHours } from './team';

const THREAD_ID = 't1';
const LOCALE = 'en-US';
const DURATION = 30;
const WEEKS_MS = 28 * 86_400_000;

const store = memoryThread({
  currentUserId: team[0]!.id,
  threads: [{ id: THREAD_ID, title: 'Logo project', participants: team }],
});

/** Each person's settings as `<meeting-settings>` saves them; the scheduler reads working hours here. */
const savedSettings = new Map<string, UserSettings>();
function settingsOf(person: Participant): SettingsStore {
  return {
    load: async () =>
      savedSettings.get(person.id) ?? {
        notifications: DEFAULT_NOTIFICATION_PREFERENCES,
        ...(workingHours[person.id] ? { workingHours: workingHours[person.id] } : {}),
      },
    save: async (settings) => void savedSettings.set(person.id, settings),
  };
}

/** The thread's meeting events, in order, live. */
function useThreadEvents(thread: MemoryThread): MeetingEvent[] {
  const [events, setEvents] = useState<MeetingEvent[]>([]);
  useEffect(() => {
    const seen = new Set<string>();
    let active = true;
    const add = (incoming: MeetingEvent[]) => {
      const fresh = incoming.filter((e) => !seen.has(e.id));
      for (const e of fresh) seen.add(e.id);
      if (active && fresh.length > 0) setEvents((prev) => [...prev, ...fresh]);
    };
    setEvents([]);
    const unsubscribe = thread.subscribe(THREAD_ID, add);
    void thread.listEvents(THREAD_ID).then(add);
    return () => {
      active = false;
      unsubscribe();
    };
  }, [thread]);
  return events;
}

/** Everyone's busy time for the next four weeks (for the panel and "Busy for Bob" in the scheduler). */
function useBusy(now: string): Record<string, BusyInterval[]> | undefined {
  const [busy, setBusy] = useState<Record<string, BusyInterval[]>>();
  useEffect(() => {
    const range = { start: now, end: new Date(Date.parse(now) + WEEKS_MS).toISOString() };
    let active = true;
    void Promise.all(team.map(async (p) => [p.id, await busyFor(p, range)] as const)).then(
      (entries) => active && setBusy(Object.fromEntries(entries)),
    );
    return () => {
      active = false;
    };
  }, [now]);
  return busy;
}

function describe(event: MeetingEvent, viewer: Participant): string {
  const who = event.by === viewer.id ? 'You' : (team.find((p) => p.id === event.by)?.name ?? 'Someone');
  switch (event.type) {
    case 'proposed':
      return `${who} proposed ${event.options.length} ${event.options.length === 1 ? 'time' : 'times'}.`;
    case 'countered':
      return `${who} suggested ${event.options.length} other ${event.options.length === 1 ? 'time' : 'times'}.`;
    case 'accepted':
      return `${who} accepted.`;
    case 'declined':
      return `${who} declined.`;
    case 'rescheduled':
      return `${who} asked to reschedule.`;
    case 'cancelled':
      return `${who} cancelled the meeting.`;
    case 'link-shared':
      return `${who} shared a guest link.`;
  }
}

export function App() {
  const [viewerId, setViewerId] = useState(team[0]!.id);
  const viewer = team.find((p) => p.id === viewerId) ?? team[0]!;
  const thread = useMemo(() => store.as(viewer.id), [viewer.id]);
  const connections = useMemo(() => connectionsOf(viewer), [viewer]);
  const calendarFor = useMemo(() => () => calendarOf(viewer), [viewer]);
  const settings = useMemo(() => settingsOf(viewer), [viewer]);
  const [now] = useState(() => new Date().toISOString());
  const calendarBusy = useBusy(now);
  const events = useThreadEvents(thread);
  const meetingIds = useMemo(() => [...new Set(events.filter((e) => e.type === 'proposed').map((e) => e.meetingId))], [events]);

  // The calendars plus the meetings confirmed in this thread (core's fold of its events).
  const busy = useMemo(() => {
    if (!calendarBusy) return undefined;
    const meetings = reduceThreadMeetings(events, { id: THREAD_ID, participants: team, currentUserId: viewer.id });
    const withMeetings = { ...calendarBusy };
    for (const m of meetings) {
      if (m.status !== 'confirmed' || !m.confirmed) continue;
      for (const id of [m.organizerId, ...m.attendeeIds]) {
        withMeetings[id] = [...(withMeetings[id] ?? []), { ...m.confirmed, label: m.title ?? 'Meeting' }];
      }
    }
    return withMeetings;
  }, [calendarBusy, events, viewer.id]);
  const [status, setStatus] = useState('');

  const others = useMemo(() => team.filter((p) => p.id !== viewer.id), [viewer.id]);
  const otherBusy = useMemo(() => others.flatMap((p) => (busy?.[p.id] ?? []).map(({ start, end }) => ({ start, end }))), [busy, others]);

  async function propose(options: Interval[]) {
    const event: ProposedEvent = {
      type: 'proposed',
      id: crypto.randomUUID(),
      meetingId: crypto.randomUUID(),
      by: viewer.id,
      at: new Date().toISOString(),
      threadId: THREAD_ID,
      invitees: others.map((p) => p.id),
      options,
      durationMinutes: DURATION,
    };
    try {
      await thread.appendEvent(THREAD_ID, event);
      setStatus(describe(event, viewer));
    } catch (e) {
      setStatus(`Couldn't send: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  return (
    <meeting-provider
      thread={thread}
      connections={connections}
      calendarFor={calendarFor}
      settings={settings}
      locale={LOCALE}
      timeZone={viewer.timeZone}
    >
      <div className="layout">
        <header>
          <h1>Logo project</h1>
          <fieldset className="viewer">
            <legend>View the thread as</legend>
            {team.map((p) => (
              <label key={p.id}>
                <input type="radio" name="viewer" value={p.id} checked={p.id === viewer.id} onChange={() => setViewerId(p.id)} />
                {p.name} <small>({p.timeZone})</small>
              </label>
            ))}
          </fieldset>
        </header>

        <main className="thread">
          {meetingIds.length === 0 ? <p className="empty">No meetings in this thread yet.</p> : null}
          <ul aria-label="Meetings in this thread">
            {meetingIds.map((id) => (
              <li key={id}>
                <meeting-card
                  threadId={THREAD_ID}
                  meetingId={id}
                  headingLevel={2}
                  onmeeting-action={(e) => setStatus(e.event ? describe(e.event, viewer) : '')}
                />
              </li>
            ))}
          </ul>
          <p role="status" className="status">
            {status}
          </p>
          <footer>
            <meeting-scheduler
              threadId={THREAD_ID}
              duration={DURATION}
              otherBusy={otherBusy}
              onmeeting-sent={(e) => setStatus(describe(e.event, viewer))}
            />
            <span className="note">Schedule a meeting with {others.map((p) => p.name).join(', ')}</span>
          </footer>
        </main>

        <aside>
          {busy ? (
            <FreeTimes
              viewer={viewer}
              participants={team}
              busy={busy}
              now={now}
              locale={LOCALE}
              durationMinutes={DURATION}
              onPropose={(slots) => void propose(slots)}
            />
          ) : (
            <p>Reading calendars…</p>
          )}
        </aside>
      </div>
    </meeting-provider>
  );
}
