/**
 * The store over any {@link SqlDriver}: one implementation for PGlite and PostgreSQL.
 *
 * Every write to a thread runs in one transaction that first locks the thread's
 * `streams` row (`SELECT … FOR UPDATE`), so the writes of one thread are serialised
 * on every instance sharing the database; within it the meeting's current fold is
 * read (with the event id and, given a thread id, the thread's membership, in one
 * statement), the event is applied with core's `applyMeetingEvent`, and only an accepted
 * event is inserted, with the new fold and the next stream position. `pg_notify` in
 * the same transaction announces it on commit.
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
import { STORED_CHANNEL, UNIQUE_VIOLATION, sqlState, type Sql, type SqlDriver } from './sql.js';
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

/** Racing writers can still meet a unique key (e.g. one meeting id proposed in two threads at once): retry, then the reads see the winner. */
const MAX_ATTEMPTS = 4;

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

/** Locks the thread's stream row for this transaction and returns its last position. */
async function lockThread(tx: Sql, threadId: string): Promise<number> {
  const lock = () => tx.query<{ position: unknown }>('SELECT position FROM meeting_scheduler.streams WHERE thread_id = $1 FOR UPDATE', [threadId]);
  let rows = await lock();
  if (rows.length === 0) {
    await tx.query('INSERT INTO meeting_scheduler.streams (thread_id, position) VALUES ($1, 0) ON CONFLICT (thread_id) DO NOTHING', [threadId]);
    rows = await lock();
  }
  return toNumber(rows[0]?.position);
}

const isBuilder = (input: MeetingEvent | EventBuilder): input is EventBuilder => typeof (input as Partial<EventBuilder>).build === 'function';

const notifyPayload = (threadId: string, position: number) => `${position} ${threadId}`;

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

  type ThreadRow = { thread_id: string | null; title: string | null; participants: Participant[] | null };
  type MeetingRow = { meeting_thread: string | null; state: Meeting | null };
  type EventRow = { event_thread: string | null; body: MeetingEvent | null };

  const appendEventOnce = (
    threadOrId: ThreadRecord | string,
    input: MeetingEvent | EventBuilder,
    o: AppendEventOptions,
  ): Promise<AppendEventResult> =>
    driver.transaction(async (tx) => {
      const threadId = typeof threadOrId === 'string' ? threadOrId : threadOrId.id;
      const last = await lockThread(tx, threadId);
      // Everything the fold needs, read in one statement after the lock (a statement
      // merged into the locking one would read a snapshot from before the lock wait).
      // The event id is only known before the read when the event is not built.
      const readThread = typeof threadOrId === 'string';
      const readEvent = !isBuilder(input);
      const row = (
        await tx.query<Partial<ThreadRow & MeetingRow & EventRow>>(
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
      let thread: ThreadRecord;
      if (typeof threadOrId === 'string') {
        if (!row?.thread_id || !row.participants) throw new SchedulerError('not-found', 'There is no such thread');
        thread = threadFromRow({ id: row.thread_id, title: row.title ?? null, participants: row.participants });
      } else {
        thread = threadOrId;
      }
      const meetingRow = row?.meeting_thread ? { thread_id: row.meeting_thread, state: row.state as Meeting } : undefined;
      o.admit?.(thread, meetingRow?.state ?? null);
      const inThisThread = meetingRow === undefined || meetingRow.thread_id === thread.id;
      let current = inThisThread ? (meetingRow?.state ?? null) : null;
      const final = isBuilder(input) ? input.build(current) : input;
      if (final.meetingId !== input.meetingId) throw new SchedulerError('invalid-input', 'The built event names another meeting');

      const stored = readEvent
        ? row?.event_thread
          ? { thread_id: row.event_thread, body: row.body as MeetingEvent }
          : undefined
        : (await tx.query<{ thread_id: string; body: MeetingEvent }>('SELECT thread_id, body FROM meeting_scheduler.events WHERE id = $1', [final.id]))[0];
      if (stored) {
        if (stored.thread_id !== thread.id || stored.body.meetingId !== final.meetingId) {
          return { status: 'refused', error: new SchedulerError('conflict', 'That event id is already used', { id: final.id }), meeting: null };
        }
        return { status: 'duplicate', event: stored.body, meeting: inThisThread ? current : null };
      }
      if (!inThisThread) {
        if (final.type === 'proposed') {
          return { status: 'refused', error: new SchedulerError('invalid-transition', 'This meeting was already proposed', { meetingId: final.meetingId }), meeting: null };
        }
        return { status: 'refused', error: new SchedulerError('not-found', 'There is no such meeting in this thread', { meetingId: final.meetingId }), meeting: null };
      }
      if (current && o.expectedSequence !== undefined && o.expectedSequence !== current.sequence) {
        return {
          status: 'refused',
          error: new SchedulerError('stale-sequence', undefined, { expected: current.sequence, got: o.expectedSequence }),
          meeting: current,
        };
      }

      const info: ThreadInfo = { id: thread.id, participants: thread.participants, currentUserId: final.by };
      if (thread.title !== undefined) info.title = thread.title;
      const result = applyMeetingEvent(current, final, info);
      if (!result.ok) return { status: 'refused', error: result.error, meeting: current };
      current = result.meeting;

      const position = last + 1;
      await tx.query(
        `WITH e AS (
           INSERT INTO meeting_scheduler.events (id, thread_id, position, meeting_id, sequence, type, author_id, body)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb)
         ), m AS (
           INSERT INTO meeting_scheduler.meetings (id, thread_id, sequence, status, state)
           VALUES ($4, $2, $5, $9, $10::text::jsonb)
           ON CONFLICT (id) DO UPDATE SET sequence = EXCLUDED.sequence, status = EXCLUDED.status, state = EXCLUDED.state, updated_at = now()
           WHERE meetings.thread_id = EXCLUDED.thread_id
         ), s AS (
           UPDATE meeting_scheduler.streams SET position = $3 WHERE thread_id = $2
         )
         SELECT pg_notify($11, $12)`,
        [
          final.id, thread.id, position, final.meetingId, current.sequence, final.type, final.by, JSON.stringify(final),
          current.status, JSON.stringify(current), STORED_CHANNEL, notifyPayload(thread.id, position),
        ],
      );
      return { status: 'stored', event: final, meeting: current, position };
    });

  const store: MeetingStore = {
    async putThread(thread) {
      live();
      const t = checkThread(thread);
      await driver.query(
        `INSERT INTO meeting_scheduler.threads (id, title, participants) VALUES ($1, $2, $3::text::jsonb)
         ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, participants = EXCLUDED.participants`,
        [t.id, t.title ?? null, JSON.stringify(t.participants)],
      );
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
      return withRetry(() => appendEventOnce(thread, event, o));
    },

    appendMessage(message) {
      live();
      return withRetry(() =>
        driver.transaction(async (tx): Promise<AppendMessageResult> => {
          const last = await lockThread(tx, message.threadId);
          const stored = (await tx.query<{ body: ThreadMessage }>('SELECT body FROM meeting_scheduler.messages WHERE id = $1', [message.id]))[0];
          if (stored) {
            return stored.body.threadId === message.threadId && stored.body.by === message.by
              ? { status: 'duplicate', message: stored.body }
              : { status: 'refused', error: new SchedulerError('conflict', 'That message id is already used', { id: message.id }) };
          }
          const position = last + 1;
          await tx.query(
            `WITH m AS (
               INSERT INTO meeting_scheduler.messages (id, thread_id, position, author_id, body) VALUES ($1, $2, $3, $4, $5::text::jsonb)
             ), s AS (
               UPDATE meeting_scheduler.streams SET position = $3 WHERE thread_id = $2
             )
             SELECT pg_notify($6, $7)`,
            [message.id, message.threadId, position, message.by, JSON.stringify(message), STORED_CHANNEL, notifyPayload(message.threadId, position)],
          );
          return { status: 'stored', message, position };
        }),
      );
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
