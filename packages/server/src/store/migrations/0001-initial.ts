/**
 * The first schema. Everything lives in the `meeting_scheduler` schema so the tables
 * sit beside a host's own in a shared database.
 */
export const id = '0001-initial';

export const sql = /* sql */ `
CREATE SCHEMA IF NOT EXISTS meeting_scheduler;

-- The default thread directory (store.putThread); hosts may answer membership themselves.
CREATE TABLE meeting_scheduler.threads (
  id           text PRIMARY KEY,
  title        text,
  participants jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX threads_participants_idx ON meeting_scheduler.threads USING gin (participants jsonb_path_ops);

-- One row per thread that has stored anything: its last stream position. Every write
-- to a thread locks this row first (SELECT ... FOR UPDATE), so the writes of a thread
-- are serialised and positions are gap-free and in commit order.
CREATE TABLE meeting_scheduler.streams (
  thread_id text PRIMARY KEY,
  position  bigint NOT NULL
);

-- Meeting events exactly as accepted. sequence is the meeting's sequence once the
-- event is applied: 0 for proposed, n + 1 for a follow-up written against n.
CREATE TABLE meeting_scheduler.events (
  id         text PRIMARY KEY,
  thread_id  text NOT NULL,
  position   bigint NOT NULL,
  meeting_id text NOT NULL,
  sequence   integer NOT NULL,
  type       text NOT NULL,
  author_id  text NOT NULL,
  body       jsonb NOT NULL,
  stored_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_thread_position_key UNIQUE (thread_id, position),
  CONSTRAINT events_meeting_sequence_key UNIQUE (meeting_id, sequence)
);

-- The fold of each meeting's events, written in the same transaction as its last
-- event: the next event is applied to it, and guests and conflicts read it.
CREATE TABLE meeting_scheduler.meetings (
  id         text PRIMARY KEY,
  thread_id  text NOT NULL,
  sequence   integer NOT NULL,
  status     text NOT NULL,
  state      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meetings_thread_idx ON meeting_scheduler.meetings (thread_id);

-- Plain text messages; they share the thread's stream positions with events.
CREATE TABLE meeting_scheduler.messages (
  id        text PRIMARY KEY,
  thread_id text NOT NULL,
  position  bigint NOT NULL,
  author_id text NOT NULL,
  body      jsonb NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT messages_thread_position_key UNIQUE (thread_id, position)
);
`;
