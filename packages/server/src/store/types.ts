import type { Instant, Meeting, MeetingEvent, Participant, SchedulerError } from '@meeting-scheduler/core';

/** A thread as the directory knows it: who is in it. */
export interface ThreadRecord {
  id: string;
  participants: Participant[];
  title?: string;
}

/** Answers thread membership. The default is the store's own threads table. */
export interface ThreadDirectory {
  getThread(threadId: string): Promise<ThreadRecord | null>;
  /** The threads `userId` is in, for `GET /threads`. Without it, the store's threads table answers. */
  listThreads?(userId: string): Promise<ThreadRecord[]>;
}

/** A plain text message in a thread. `at` is set by the server when it is stored. */
export interface ThreadMessage {
  id: string;
  threadId: string;
  by: string;
  text: string;
  at: Instant;
}

/**
 * One stored item of a thread's stream. `position` counts up by one per stored
 * item of the thread, in commit order, with no gaps: it is the SSE `id`.
 */
export type StreamEntry =
  | { position: number; kind: 'event'; event: MeetingEvent }
  | { position: number; kind: 'message'; message: ThreadMessage };

export type AppendEventResult =
  /** Core accepted it and it is stored at `position`. */
  | { status: 'stored'; event: MeetingEvent; meeting: Meeting; position: number }
  /** An event with this id is already stored in this thread; nothing changed. */
  | { status: 'duplicate'; event: MeetingEvent; meeting: Meeting | null }
  /** Not stored. `meeting` is the current meeting, when there is one. */
  | { status: 'refused'; error: SchedulerError; meeting: Meeting | null };

export type AppendMessageResult =
  | { status: 'stored'; message: ThreadMessage; position: number }
  | { status: 'duplicate'; message: ThreadMessage }
  | { status: 'refused'; error: SchedulerError };

/** Makes an event of meeting `meetingId` from that meeting as it is now (null when there is none). */
export interface EventBuilder {
  meetingId: string;
  build(current: Meeting | null): MeetingEvent;
}

export interface AppendEventOptions {
  /** The meeting sequence the client last saw (`If-Match`); a different current one is `stale-sequence`. */
  expectedSequence?: number;
  /**
   * Runs inside the transaction, under the thread's lock, with the thread as the
   * store's threads table has it and the meeting as stored (whatever its thread, or
   * null): throw to refuse (nothing is stored). Used when `appendEvent` is given a
   * thread id, so membership is read in the same transaction as the write.
   */
  admit?: (thread: ThreadRecord, meeting: Meeting | null) => void;
}

/**
 * Where a thread's meetings and messages live. Every write of an event folds it with
 * core's `applyMeetingEvent` inside one transaction that holds the thread's lock, so
 * nothing core refuses is ever stored, whoever calls it.
 */
export interface MeetingStore extends Required<ThreadDirectory> {
  /** Creates or replaces a thread in the store's directory table. */
  putThread(thread: ThreadRecord): Promise<void>;
  /** The thread's meeting events in stored order, and the stream position they reach. */
  listEvents(threadId: string): Promise<{ events: MeetingEvent[]; position: number }>;
  /** The thread's messages in stored order, and the stream position they reach. */
  listMessages(threadId: string): Promise<{ messages: ThreadMessage[]; position: number }>;
  /** The meeting as folded when its last event was stored. */
  getMeeting(meetingId: string): Promise<Meeting | null>;
  /**
   * Folds `event` onto its meeting and stores it when core accepts it. `thread` gives
   * the participants the fold checks against. An {@link EventBuilder} makes the event
   * from the current meeting, read under the lock (e.g. to carry its sequence).
   * Given a thread id instead of a record, the thread is read from the store's threads
   * table inside the transaction (a `not-found` SchedulerError is thrown when there is
   * none) and handed to `o.admit`.
   */
  appendEvent(thread: ThreadRecord | string, event: MeetingEvent | EventBuilder, o?: AppendEventOptions): Promise<AppendEventResult>;
  /** Stores a message (its `id` is the idempotency key). */
  appendMessage(message: ThreadMessage): Promise<AppendMessageResult>;
  /** Up to `limit` stream entries of the thread after `position`, in order. */
  readStream(threadId: string, after: number, limit: number): Promise<StreamEntry[]>;
  /** The thread's last stored position (0 when nothing is stored). */
  streamPosition(threadId: string): Promise<number>;
  /**
   * Called once per stored item, on every instance sharing the database. `onGap` is
   * called when notifications may have been missed (a reconnect): re-read everything.
   */
  onStored(listener: (threadId: string, position: number) => void, onGap?: () => void): () => void;
  close(): Promise<void>;
}
