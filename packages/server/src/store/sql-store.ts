/**
 * The store over any {@link SqlDriver}: one implementation for PGlite and PostgreSQL.
 *
 * An append is one statement in the common case. The store folds the event with
 * core's `applyMeetingEvent` against the thread and meeting it believes are current
 * (remembered from its own last write or read, or read first), then calls
 * `meeting_scheduler.append_event`, which locks the thread's `streams` row — so the
 * writes of one thread are serialised on every instance sharing the database — and
 * stores the event, the new fold and the next stream position (announced by
 * `pg_notify` on commit) only if the thread row and the meeting's sequence are still
 * the ones the fold used and no event has that id. Otherwise it writes nothing and
 * answers what it found under the lock, and the store decides again on that: only an
 * event core accepted against the stored state is ever stored. Refusals are only
 * answered from state read from the database, never from what the store remembered.
 */
import {
  SchedulerError,
  applyMeetingEvent,
  type Meeting,
  type MeetingEvent,
  type Participant,
  type ThreadInfo,
} from '@meeting-scheduler/core';
import { migrate } from './migrate.js';
import { STORED_CHANNEL, UNIQUE_VIOLATION, sqlState, type SqlDriver } from './sql.js';
import type {
  AppendEventOptions,
  AppendEventResult,
  AppendMessageResult,
  EventBuilder,
  MeetingStore,
  StreamEntry,
  ThreadMessage,
  ThreadRecord,
} from './types.js';

/** Racing writers can still meet a unique key (e.g. one message id sent in two threads at once): retry, then the reads see the winner. */
const MAX_ATTEMPTS = 4;

/**
 * Decisions per append: each one after the first follows a read, or an append_event
 * that found the thread or meeting changed since the state the fold used — someone
 * else's write got in. Racing writers settle in two (the loser's second decision is a
 * refusal); beyond this the append is answered `conflict`.
 */
const MAX_DECISIONS = 8;

/** `append_events` calls one store instance keeps running at once, and the most appends one carries. */
const MAX_BATCHES_IN_FLIGHT = 4;
const MAX_BATCH = 64;

/** Threads and meetings remembered per store instance. */
const CACHE_ENTRIES = 5_000;

const toNumber = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));

function checkThread(thread: unknown): ThreadRecord {
  const invalid = (message: string, details?: unknown) => new SchedulerError('invalid-input', `putThread: ${message}`, details);
  if (thread === null || typeof thread !== 'object') throw invalid('a thread must be an object');
  const t = thread as Partial<ThreadRecord>;
  if (typeof t.id !== 'string' || t.id === '' || t.id.length > 200) throw invalid('a thread needs an id of 1 to 200 characters', { field: 'id' });
  if (t.title !== undefined && typeof t.title !== 'string') throw invalid('title must be a string', { field: 'title' });
  if (!Array.isArray(t.participants) || t.participants.length === 0) throw invalid('a thread needs participants', { field: 'participants' });
  const seen = new Set<string>();
  const participants = t.participants.map((p: Partial<Participant>) => {
    if (typeof p?.id !== 'string' || p.id === '' || seen.has(p.id)) throw invalid('every participant needs a unique id', { participant: p });
    if (typeof p.name !== 'string') throw invalid('every participant needs a name', { participant: p });
    try {
      new Intl.DateTimeFormat('en', { timeZone: p.timeZone });
    } catch {
      throw invalid('every participant needs an IANA time zone', { participant: p });
    }
    if (typeof p.timeZone !== 'string') throw invalid('every participant needs an IANA time zone', { participant: p });
    if (p.email !== undefined && typeof p.email !== 'string') throw invalid('email must be a string', { participant: p });
    seen.add(p.id);
    const out: Participant = { id: p.id, name: p.name, timeZone: p.timeZone };
    if (p.email !== undefined) out.email = p.email;
    return out;
  });
  const out: ThreadRecord = { id: t.id, participants };
  if (t.title !== undefined) out.title = t.title;
  return out;
}

function threadFromRow(row: { id: string; title: string | null; participants: Participant[] }): ThreadRecord {
  const t: ThreadRecord = { id: row.id, participants: row.participants };
  if (row.title !== null) t.title = row.title;
  return t;
}

const isBuilder = (input: MeetingEvent | EventBuilder): input is EventBuilder => typeof (input as Partial<EventBuilder>).build === 'function';

type StoredMeeting = { threadId: string; state: Meeting };

/** What an append is decided on. */
interface Snapshot {
  /** The thread as the threads table has it (null: none); null too when the caller gave the thread. */
  thread: ThreadRecord | null;
  /** The meeting as stored, whatever its thread; null when there is none. */
  meeting: StoredMeeting | null;
  /** Whether an event with id `id` is stored; undefined when not looked up. */
  event: { id: string; stored: { threadId: string; body: MeetingEvent } | null } | undefined;
  /** Read from the database (in one statement, or by append_event under the lock) rather than remembered. */
  fresh: boolean;
}

type Decision =
  /** Final whatever the snapshot: an event with this id is stored. */
  | { kind: 'answer'; result: AppendEventResult }
  /** Final only when the snapshot is fresh and knows there is no event `eventId`. */
  | { kind: 'refuse'; eventId: string; result: AppendEventResult }
  /** Core accepts `event` against `from`: store it if `from` is still current. */
  | { kind: 'store'; thread: ThreadRecord; event: MeetingEvent; from: Meeting | null; meeting: Meeting };

type ThreadRow = { thread_id: string | null; title: string | null; participants: Participant[] | null };
type MeetingRow = { meeting_thread: string | null; state: Meeting | null };
type EventRow = { event_thread: string | null; body: MeetingEvent | null };
type AppendRow = {
  item: unknown;
  stored_position: unknown;
  thread_found: boolean | null;
  thread_title: string | null;
  thread_participants: Participant[] | null;
  meeting_thread: string | null;
  meeting_state: Meeting | null;
  event_thread: string | null;
  event_body: MeetingEvent | null;
};

/** A Map that forgets its least recently used entry beyond `max`. */
class Recent<V> {
  readonly #entries = new Map<string, V>();
  constructor(readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.#entries.get(key);
    if (v !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, v);
    }
    return v;
  }
  set(key: string, v: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, v);
    if (this.#entries.size > this.max) this.#entries.delete(this.#entries.keys().next().value!);
  }
  delete(key: string): void {
    this.#entries.delete(key);
  }
}

/** Migrates the database and returns a store over it. */
export async function createSqlStore(driver: SqlDriver): Promise<MeetingStore> {
  await migrate(driver);

  const listeners = new Set<{ onStored: (threadId: string, position: number) => void; onGap: (() => void) | undefined }>();
  await driver.listen(
    STORED_CHANNEL,
    (payload) => {
      const space = payload.indexOf(' ');
      const position = Number(payload.slice(0, space));
      const threadId = payload.slice(space + 1);
      if (space < 1 || !Number.isSafeInteger(position)) return;
      for (const l of listeners) l.onStored(threadId, position);
    },
    () => {
      for (const l of listeners) l.onGap?.();
    },
  );

  let closed = false;
  const live = () => {
    if (closed) throw new SchedulerError('provider-unavailable', 'The store is closed');
  };

  /**
   * A thread's stored bodies of one kind in order, with the stream position they end at.
   * One statement, one snapshot: the position is exactly where the list ends.
   */
  async function listWithPosition<B>(table: 'events' | 'messages', threadId: string): Promise<{ bodies: B[]; position: number }> {
    live();
    const rows = await driver.query<{ head: unknown; body: B | null }>(
      `SELECT s.position AS head, x.body FROM meeting_scheduler.streams s
       LEFT JOIN meeting_scheduler.${table} x ON x.thread_id = s.thread_id
       WHERE s.thread_id = $1 ORDER BY x.position`,
      [threadId],
    );
    return { bodies: rows.flatMap((r) => (r.body ? [r.body] : [])), position: toNumber(rows[0]?.head) };
  }

  async function withRetry<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        if (sqlState(error) !== UNIQUE_VIOLATION || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * What the store remembers of threads and meetings it wrote or read: a guess that
   * saves a read before the append, never trusted for an answer — `append_event`
   * re-checks it under the lock. JSON text, so a caller changing a returned object
   * cannot change what the next fold starts from.
   */
  const threads = new Recent<{ title: string | null; participants: string }>(CACHE_ENTRIES);
  const meetings = new Recent<{ threadId: string; state: string }>(CACHE_ENTRIES);

  const rememberThread = (threadId: string, t: ThreadRecord | null) =>
    t ? threads.set(threadId, { title: t.title ?? null, participants: JSON.stringify(t.participants) }) : threads.delete(threadId);
  const rememberMeeting = (meetingId: string, m: StoredMeeting | null, stateJson?: string) =>
    m ? meetings.set(meetingId, { threadId: m.threadId, state: stateJson ?? JSON.stringify(m.state) }) : meetings.delete(meetingId);

  /** The remembered view, or undefined when something the fold needs is not remembered. */
  function recalled(threadOrId: ThreadRecord | string, input: MeetingEvent | EventBuilder): Snapshot | undefined {
    let thread: ThreadRecord | null = null;
    if (typeof threadOrId === 'string') {
      const t = threads.get(threadOrId);
      if (!t) return undefined;
      thread = threadFromRow({ id: threadOrId, title: t.title, participants: JSON.parse(t.participants) as Participant[] });
    }
    const m = meetings.get(input.meetingId);
    // A proposal's meeting is new unless told otherwise; append_event checks that too.
    if (!m && (isBuilder(input) || input.type !== 'proposed')) return undefined;
    return { thread, meeting: m ? { threadId: m.threadId, state: JSON.parse(m.state) as Meeting } : null, event: undefined, fresh: false };
  }

  /** The thread, meeting and (when its id is known) event as committed, in one statement. */
  async function read(threadOrId: ThreadRecord | string, input: MeetingEvent | EventBuilder): Promise<Snapshot> {
    const readThread = typeof threadOrId === 'string';
    const readEvent = !isBuilder(input);
    const threadId = typeof threadOrId === 'string' ? threadOrId : threadOrId.id;
    const row = (
      await driver.query<Partial<ThreadRow & MeetingRow & EventRow>>(
        `SELECT m.thread_id AS meeting_thread, m.state${readEvent ? ', e.thread_id AS event_thread, e.body' : ''}${
          readThread ? ', t.id AS thread_id, t.title, t.participants' : ''
        }
         FROM (SELECT 1) one
         LEFT JOIN meeting_scheduler.meetings m ON m.id = $1${readEvent ? ' LEFT JOIN meeting_scheduler.events e ON e.id = $2' : ''}${
           readThread ? ` LEFT JOIN meeting_scheduler.threads t ON t.id = $${readEvent ? 3 : 2}` : ''
         }`,
        [input.meetingId, ...(readEvent ? [input.id] : []), ...(readThread ? [threadId] : [])],
      )
    )[0];
    const thread = readThread && row?.thread_id && row.participants ? threadFromRow({ id: row.thread_id, title: row.title ?? null, participants: row.participants }) : null;
    const meeting = row?.meeting_thread ? { threadId: row.meeting_thread, state: row.state as Meeting } : null;
    if (readThread) rememberThread(threadId, thread);
    rememberMeeting(input.meetingId, meeting);
    const event = readEvent ? { id: input.id, stored: row?.event_thread ? { threadId: row.event_thread, body: row.body as MeetingEvent } : null } : undefined;
    return { thread, meeting, event, fresh: true };
  }

  async function readEvent(eventId: string): Promise<Snapshot['event']> {
    const row = (await driver.query<{ thread_id: string; body: MeetingEvent }>('SELECT thread_id, body FROM meeting_scheduler.events WHERE id = $1', [eventId]))[0];
    return { id: eventId, stored: row ? { threadId: row.thread_id, body: row.body } : null };
  }

  /**
   * The append's rules, in the order the client sees them: the thread exists and
   * admits the author, a stored event with this id is a duplicate (or a conflict),
   * the meeting belongs to this thread, `If-Match` is current, core accepts the event.
   */
  function decide(s: Snapshot, threadOrId: ThreadRecord | string, input: MeetingEvent | EventBuilder, o: AppendEventOptions): Decision {
    let thread: ThreadRecord;
    if (typeof threadOrId === 'string') {
      if (!s.thread) throw new SchedulerError('not-found', 'There is no such thread');
      thread = s.thread;
    } else {
      thread = threadOrId;
    }
    o.admit?.(thread, s.meeting?.state ?? null);
    const inThisThread = s.meeting === null || s.meeting.threadId === thread.id;
    const current = inThisThread ? (s.meeting?.state ?? null) : null;
    const final = isBuilder(input) ? input.build(current) : input;
    if (final.meetingId !== input.meetingId) throw new SchedulerError('invalid-input', 'The built event names another meeting');

    const stored = s.event?.id === final.id ? s.event.stored : undefined;
    if (stored) {
      if (stored.threadId !== thread.id || stored.body.meetingId !== final.meetingId) {
        return { kind: 'answer', result: { status: 'refused', error: new SchedulerError('conflict', 'That event id is already used', { id: final.id }), meeting: null } };
      }
      return { kind: 'answer', result: { status: 'duplicate', event: stored.body, meeting: current } };
    }
    const refuse = (error: SchedulerError, meeting: Meeting | null): Decision => ({ kind: 'refuse', eventId: final.id, result: { status: 'refused', error, meeting } });
    if (!inThisThread) {
      return final.type === 'proposed'
        ? refuse(new SchedulerError('invalid-transition', 'This meeting was already proposed', { meetingId: final.meetingId }), null)
        : refuse(new SchedulerError('not-found', 'There is no such meeting in this thread', { meetingId: final.meetingId }), null);
    }
    if (current && o.expectedSequence !== undefined && o.expectedSequence !== current.sequence) {
      return refuse(new SchedulerError('stale-sequence', undefined, { expected: current.sequence, got: o.expectedSequence }), current);
    }
    const info: ThreadInfo = { id: thread.id, participants: thread.participants, currentUserId: final.by };
    if (thread.title !== undefined) info.title = thread.title;
    const result = applyMeetingEvent(current, final, info);
    if (!result.ok) return refuse(result.error, current);
    return { kind: 'store', thread, event: final, from: current, meeting: result.meeting };
  }

  type StorePlan = Extract<Decision, { kind: 'store' }>;
  type StoreOutcome = { position: number } | { seen: Snapshot };
  interface Queued {
    plan: StorePlan;
    checkThread: boolean;
    stateJson: string;
    resolve: (outcome: StoreOutcome) => void;
    reject: (error: unknown) => void;
  }

  /**
   * Group commit: appends wait here while {@link MAX_BATCHES_IN_FLIGHT} calls of
   * `append_events` are running, and go together in the next one — one statement, one
   * transaction, one commit (and one turn at PostgreSQL's NOTIFY lock) for all of them.
   * With nothing in flight an append goes at once.
   */
  const queue: Queued[] = [];
  let inFlight = 0;

  function flush(): void {
    while (inFlight < MAX_BATCHES_IN_FLIGHT && queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      inFlight++;
      void runBatch(batch).finally(() => {
        inFlight--;
        flush();
      });
    }
  }

  async function runBatch(batch: Queued[]): Promise<void> {
    let rows: AppendRow[];
    try {
      const items = batch.map(({ plan: { thread, event, meeting, from }, checkThread, stateJson }, i) =>
        // body and state go in as JSON text spliced into the item: already serialised once.
        JSON.stringify({
          n: i + 1, thread_id: thread.id, check_thread: checkThread,
          title: checkThread ? (thread.title ?? null) : null, participants: checkThread ? thread.participants : null,
          event_id: event.id, meeting_id: event.meetingId, expected_sequence: from?.sequence ?? null, sequence: meeting.sequence,
          type: event.type, author_id: event.by, status: meeting.status,
        }).slice(0, -1) + `,"body":${JSON.stringify(event)},"state":${stateJson}}`,
      );
      rows = await driver.query<AppendRow>(
        `SELECT item, stored_position, thread_found, thread_title, thread_participants, meeting_thread, meeting_state, event_thread, event_body
         FROM meeting_scheduler.append_events($1::text::jsonb)`,
        [`[${items.join(',')}]`],
      );
    } catch (error) {
      // One append must not fail the others: alone, each gets its own answer.
      if (batch.length === 1) return batch[0]!.reject(error);
      await Promise.all(batch.map((q) => runBatch([q])));
      return;
    }
    for (const row of rows) {
      const q = batch[toNumber(row.item) - 1];
      if (q) q.resolve(outcomeOf(q, row));
    }
    // A promise settles once: this only reaches an append the function did not answer.
    for (const q of batch) q.reject(new SchedulerError('provider-unavailable', 'append_events did not answer every append'));
  }

  /** The position when stored, else what the lock holder saw (remembered for the next try). */
  function outcomeOf({ plan: { thread, event, meeting }, checkThread, stateJson }: Queued, row: AppendRow): StoreOutcome {
    if (row.stored_position !== null) {
      rememberMeeting(event.meetingId, { threadId: thread.id, state: meeting }, stateJson);
      return { position: toNumber(row.stored_position) };
    }
    const seenThread = checkThread
      ? row.thread_found && row.thread_participants
        ? threadFromRow({ id: thread.id, title: row.thread_title, participants: row.thread_participants })
        : null
      : thread;
    const seenMeeting = row.meeting_thread ? { threadId: row.meeting_thread, state: row.meeting_state as Meeting } : null;
    if (checkThread) rememberThread(thread.id, seenThread);
    rememberMeeting(event.meetingId, seenMeeting);
    return {
      seen: {
        thread: seenThread,
        meeting: seenMeeting,
        event: { id: event.id, stored: row.event_thread ? { threadId: row.event_thread, body: row.event_body as MeetingEvent } : null },
        fresh: true,
      },
    };
  }

  const tryStore = (plan: StorePlan, checkThread: boolean): Promise<StoreOutcome> =>
    new Promise((resolve, reject) => {
      queue.push({ plan, checkThread, stateJson: JSON.stringify(plan.meeting), resolve, reject });
      flush();
    });

  async function appendEvent(threadOrId: ThreadRecord | string, input: MeetingEvent | EventBuilder, o: AppendEventOptions): Promise<AppendEventResult> {
    const checkThread = typeof threadOrId === 'string';
    let snapshot = recalled(threadOrId, input);
    for (let attempt = 1; attempt <= MAX_DECISIONS; attempt++) {
      snapshot ??= await read(threadOrId, input);
      let decision: Decision;
      try {
        decision = decide(snapshot, threadOrId, input, o);
      } catch (error) {
        // A refusal (not a member, no such thread) is only ever answered from the database.
        if (snapshot.fresh) throw error;
        snapshot = undefined;
        continue;
      }
      if (decision.kind === 'answer') return decision.result;
      if (decision.kind === 'refuse') {
        if (!snapshot.fresh) snapshot = undefined;
        // The same id may already be stored: that answer (200) comes before any refusal.
        else if (snapshot.event?.id !== decision.eventId) snapshot = { ...snapshot, event: await readEvent(decision.eventId) };
        else return decision.result;
        continue;
      }
      let outcome: StoreOutcome;
      try {
        outcome = await tryStore(decision, checkThread);
      } catch (error) {
        // A unique key met across thread locks (one meeting id proposed in two threads at
        // once): the next read sees the winner.
        if (sqlState(error) !== UNIQUE_VIOLATION) throw error;
        snapshot = undefined;
        continue;
      }
      if ('position' in outcome) return { status: 'stored', event: decision.event, meeting: decision.meeting, position: outcome.position };
      snapshot = outcome.seen;
    }
    throw new SchedulerError('conflict', 'The meeting kept changing while this was being stored; try again', { meetingId: input.meetingId });
  }

  const store: MeetingStore = {
    async putThread(thread) {
      live();
      const t = checkThread(thread);
      await driver.query(
        `INSERT INTO meeting_scheduler.threads (id, title, participants) VALUES ($1, $2, $3::text::jsonb)
         ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, participants = EXCLUDED.participants`,
        [t.id, t.title ?? null, JSON.stringify(t.participants)],
      );
      rememberThread(t.id, t);
    },

    async getThread(threadId) {
      live();
      const rows = await driver.query<{ id: string; title: string | null; participants: Participant[] }>(
        'SELECT id, title, participants FROM meeting_scheduler.threads WHERE id = $1',
        [threadId],
      );
      return rows[0] ? threadFromRow(rows[0]) : null;
    },

    async listThreads(userId) {
      live();
      const rows = await driver.query<{ id: string; title: string | null; participants: Participant[] }>(
        'SELECT id, title, participants FROM meeting_scheduler.threads WHERE participants @> $1::text::jsonb ORDER BY created_at, id',
        [JSON.stringify([{ id: userId }])],
      );
      return rows.map(threadFromRow);
    },

    async listEvents(threadId) {
      const { bodies, position } = await listWithPosition<MeetingEvent>('events', threadId);
      return { events: bodies, position };
    },

    async listMessages(threadId) {
      const { bodies, position } = await listWithPosition<ThreadMessage>('messages', threadId);
      return { messages: bodies, position };
    },

    async getMeeting(meetingId) {
      live();
      const rows = await driver.query<{ state: Meeting }>('SELECT state FROM meeting_scheduler.meetings WHERE id = $1', [meetingId]);
      return rows[0]?.state ?? null;
    },

    appendEvent(thread, event, o = {}) {
      live();
      return appendEvent(thread, event, o);
    },

    appendMessage(message) {
      live();
      return withRetry(async (): Promise<AppendMessageResult> => {
        const row = (
          await driver.query<{ stored_position: unknown; existing_body: ThreadMessage | null }>(
            'SELECT stored_position, existing_body FROM meeting_scheduler.append_message($1, $2, $3, $4::text::jsonb)',
            [message.id, message.threadId, message.by, JSON.stringify(message)],
          )
        )[0];
        const stored = row?.existing_body;
        if (stored) {
          return stored.threadId === message.threadId && stored.by === message.by
            ? { status: 'duplicate', message: stored }
            : { status: 'refused', error: new SchedulerError('conflict', 'That message id is already used', { id: message.id }) };
        }
        return { status: 'stored', message, position: toNumber(row?.stored_position) };
      });
    },

    async readStream(threadId, after, limit) {
      live();
      const rows = await driver.query<{ position: unknown; kind: 'event' | 'message'; body: unknown }>(
        `SELECT position, 'event' AS kind, body FROM meeting_scheduler.events WHERE thread_id = $1 AND position > $2
         UNION ALL
         SELECT position, 'message' AS kind, body FROM meeting_scheduler.messages WHERE thread_id = $1 AND position > $2
         ORDER BY position LIMIT $3`,
        [threadId, after, limit],
      );
      return rows.map((r): StreamEntry =>
        r.kind === 'event'
          ? { position: toNumber(r.position), kind: 'event', event: r.body as MeetingEvent }
          : { position: toNumber(r.position), kind: 'message', message: r.body as ThreadMessage },
      );
    },

    async streamPosition(threadId) {
      live();
      const rows = await driver.query<{ position: unknown }>('SELECT position FROM meeting_scheduler.streams WHERE thread_id = $1', [threadId]);
      return toNumber(rows[0]?.position);
    },

    onStored(onStored, onGap) {
      const l = { onStored, onGap };
      listeners.add(l);
      return () => void listeners.delete(l);
    },

    async close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      await driver.close();
    },
  };
  return store;
}
