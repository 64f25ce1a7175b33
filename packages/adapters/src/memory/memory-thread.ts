/**
 * An in-memory thread backend that keeps the real backend's rules: every event is
 * folded with core before it is stored, a stale write is a `conflict` carrying the
 * current meeting, repeats of an event id are no-ops, and people outside a thread do
 * not learn that it exists. Several views (`as(userId)`) share one store, so two
 * people can use one thread in a single process.
 */
import {
  SchedulerError,
  applyMeetingEvent,
  type AbortSignalLike,
  type Meeting,
  type MeetingEvent,
  type Participant,
  type RequestOptions,
  type ThreadAdapter,
  type ThreadInfo,
} from '@meeting-scheduler/core';

/** A thread to create: its id, optional title and participants. */
export interface MemoryThreadSpec {
  id: string;
  title?: string;
  participants: Participant[];
}

export interface MemoryThreadSeed {
  /** The user the returned view acts as (`memoryThread()` without a seed acts as `'me'`). */
  currentUserId: string;
  threads?: MemoryThreadSpec[];
  /** Events already in each thread, by thread id. They are checked by the same rules; a refused one throws. */
  events?: Record<string, MeetingEvent[]>;
  /** Every call waits this long first, like a network round trip (stories, loading states). */
  latencyMs?: number;
}

/** The calls {@link MemoryThread.failNext} can make fail. */
export type MemoryThreadMethod = 'getThread' | 'listEvents' | 'appendEvent' | 'threads';

/** A {@link ThreadAdapter} over memory, with the extras tests, stories and demos need. */
export interface MemoryThread extends ThreadAdapter {
  /** The user this view acts as. */
  readonly currentUserId: string;
  subscribe(threadId: string, onEvents: (events: MeetingEvent[]) => void): () => void;
  /** Another user's view of the same store: what one appends, the other lists and hears. */
  as(userId: string): MemoryThread;
  /** The threads this view's user is in, in the order they were added. */
  threads(o?: RequestOptions): Promise<ThreadInfo[]>;
  /** Adds a thread to the store (every view sees it). Throws `invalid-input` for a bad or duplicate thread. */
  addThread(thread: MemoryThreadSpec): void;
  /**
   * The next call of `method` on this view (default `appendEvent`) rejects with
   * `error` and changes nothing, e.g. to show a failed send. Calls queue up.
   */
  failNext(error: SchedulerError, method?: MemoryThreadMethod): void;
}

type Listener = (events: MeetingEvent[]) => void;

interface Subscription {
  userId: string;
  onEvents: Listener;
  active: boolean;
}

interface StoredThread {
  spec: MemoryThreadSpec;
  events: MeetingEvent[];
  ids: Set<string>;
  meetings: Map<string, Meeting>;
}

/** What every view shares. */
interface Store {
  threads: Map<string, StoredThread>;
  /** By thread id; kept even before the thread exists so a later `addThread` is heard. */
  subscriptions: Map<string, Set<Subscription>>;
  latencyMs: number;
}

const invalid = (message: string, details?: unknown) => new SchedulerError('invalid-input', `memoryThread: ${message}`, details);

/** Same answer for "no such thread" and "not yours": existence is not leaked. */
const notFound = (threadId: unknown) => new SchedulerError('not-found', 'memoryThread: no such thread', { threadId });

const abortedError = (signal: AbortSignalLike) =>
  new SchedulerError('network', 'memoryThread: the request was aborted', { aborted: true, reason: String(signal.reason) });

function throwIfAborted(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted) throw abortedError(signal);
}

/** A deep copy, so nobody outside can change what is stored (and nothing stored can be changed from outside). */
function copy<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch (cause) {
    throw invalid('the value is not plain data', { cause: String(cause) });
  }
}

function pause(ms: number, signal: AbortSignalLike | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function checkSpec(spec: unknown, existing: Map<string, StoredThread>): MemoryThreadSpec {
  if (spec === null || typeof spec !== 'object') throw invalid('a thread must be an object');
  const s = spec as Partial<MemoryThreadSpec>;
  if (typeof s.id !== 'string' || s.id === '') throw invalid('a thread needs a non-empty string id', { field: 'id' });
  if (existing.has(s.id)) throw invalid(`thread ${s.id} already exists`, { field: 'id', threadId: s.id });
  if (s.title !== undefined && typeof s.title !== 'string') throw invalid('title must be a string', { field: 'title' });
  if (!Array.isArray(s.participants) || s.participants.length === 0) {
    throw invalid('a thread needs at least one participant', { field: 'participants' });
  }
  const seen = new Set<string>();
  for (const p of s.participants as unknown[]) {
    const q = (p ?? {}) as Partial<Participant>;
    if (typeof q.id !== 'string' || q.id === '' || seen.has(q.id)) {
      throw invalid('every participant needs a unique non-empty id', { field: 'participants', participant: p });
    }
    if (typeof q.name !== 'string') throw invalid('every participant needs a name', { field: 'participants', participant: p });
    if (typeof q.timeZone !== 'string' || !isValidZone(q.timeZone)) {
      throw invalid('every participant needs an IANA time zone', { field: 'participants', participant: p });
    }
    if (q.email !== undefined && typeof q.email !== 'string') throw invalid('email must be a string', { field: 'participants', participant: p });
    seen.add(q.id);
  }
  return copy(s as MemoryThreadSpec);
}

function infoFor(t: StoredThread, userId: string): ThreadInfo {
  const info: ThreadInfo = { id: t.spec.id, participants: copy(t.spec.participants), currentUserId: userId };
  if (t.spec.title !== undefined) info.title = t.spec.title;
  return info;
}

const isMember = (t: StoredThread, userId: string) => t.spec.participants.some((p) => p.id === userId);

/** The thread if `userId` is in it; `not-found` otherwise. */
function memberThread(store: Store, threadId: string, userId: string): StoredThread {
  const t = typeof threadId === 'string' ? store.threads.get(threadId) : undefined;
  if (!t || !isMember(t, userId)) throw notFound(threadId);
  return t;
}

/** The current meeting travels with a conflict, so the caller can show what changed. */
function conflict(current: Meeting, got: number, cause?: SchedulerError): SchedulerError {
  const details: Record<string, unknown> = { meeting: copy(current), expected: current.sequence, got };
  if (cause) details.cause = cause.code;
  return new SchedulerError('conflict', undefined, details);
}

/** Folds `e` onto its meeting and stores it, or throws why not. Synchronous: appends never interleave. */
function storeEvent(store: Store, t: StoredThread, e: MeetingEvent): void {
  const current = t.meetings.get(e.meetingId) ?? null;
  const result = applyMeetingEvent(current, e, infoFor(t, e.by));
  if (!result.ok) {
    if (result.error.code === 'stale-sequence' && current) {
      throw conflict(current, (e as { sequence?: number }).sequence ?? -1, result.error);
    }
    throw result.error;
  }
  t.events.push(e);
  t.ids.add(e.id);
  t.meetings.set(result.meeting.id, result.meeting);
  for (const sub of store.subscriptions.get(t.spec.id) ?? []) {
    if (!isMember(t, sub.userId)) continue;
    // One task per listener: each hears the event once, in order, and one that
    // throws is reported like any uncaught error without silencing the others.
    queueMicrotask(() => {
      if (sub.active) sub.onEvents([copy(e)]);
    });
  }
}

function appendChecked(store: Store, threadId: string, userId: string, input: unknown, expectedSequence: number | undefined): void {
  const t = memberThread(store, threadId, userId);
  if (input === null || typeof input !== 'object') throw invalid('a meeting event must be an object', { field: 'event' });
  const e = copy(input as MeetingEvent);
  if (e.by !== userId) {
    if (typeof e.by !== 'string') throw invalid('by must be a string', { field: 'by' });
    throw new SchedulerError('permission-denied', `memoryThread: ${userId} cannot write an event by ${e.by}`, { by: e.by, currentUserId: userId });
  }
  if (typeof e.id === 'string' && t.ids.has(e.id)) return;
  if (expectedSequence !== undefined && (typeof expectedSequence !== 'number' || !Number.isInteger(expectedSequence))) {
    throw invalid('expectedSequence must be a whole number', { field: 'expectedSequence' });
  }
  const current = typeof e.meetingId === 'string' ? t.meetings.get(e.meetingId) : undefined;
  if (current && expectedSequence !== undefined && expectedSequence !== current.sequence) {
    throw conflict(current, expectedSequence);
  }
  storeEvent(store, t, e);
}

function addThreadTo(store: Store, spec: unknown): StoredThread {
  const checked = checkSpec(spec, store.threads);
  const t: StoredThread = { spec: checked, events: [], ids: new Set(), meetings: new Map() };
  store.threads.set(checked.id, t);
  return t;
}

function seedStore(seed: MemoryThreadSeed): Store {
  const latencyMs = seed.latencyMs ?? 0;
  if (typeof latencyMs !== 'number' || !(latencyMs >= 0)) throw invalid('latencyMs must be a number ≥ 0', { field: 'latencyMs' });
  const store: Store = { threads: new Map(), subscriptions: new Map(), latencyMs };
  for (const spec of seed.threads ?? []) addThreadTo(store, spec);
  for (const [threadId, events] of Object.entries(seed.events ?? {})) {
    const t = store.threads.get(threadId);
    if (!t) throw invalid(`seed events name an unknown thread ${threadId}`, { threadId });
    for (const e of events) {
      if (e === null || typeof e !== 'object') throw invalid('a seeded event must be an object', { threadId });
      if (t.ids.has(e.id)) continue;
      try {
        storeEvent(store, t, copy(e));
      } catch (error) {
        const cause = error as SchedulerError;
        throw new SchedulerError(cause.code, `memoryThread: seeded event ${e.id} is refused: ${cause.message}`, { event: e, cause: cause.details });
      }
    }
  }
  return store;
}

function view(store: Store, userId: string): MemoryThread {
  if (typeof userId !== 'string' || userId === '') throw invalid('a user id must be a non-empty string', { field: 'userId' });
  const failures = new Map<MemoryThreadMethod, SchedulerError[]>();

  /** What every call does first: wait the latency, honour the signal, fail when told to. */
  async function call<T>(method: MemoryThreadMethod, o: RequestOptions | undefined, run: () => T): Promise<T> {
    throwIfAborted(o?.signal);
    if (store.latencyMs > 0) await pause(store.latencyMs, o?.signal);
    throwIfAborted(o?.signal);
    const failure = failures.get(method)?.shift();
    if (failure) throw failure;
    return run();
  }

  return {
    currentUserId: userId,
    getThread: (threadId, o) => call('getThread', o, () => infoFor(memberThread(store, threadId, userId), userId)),
    listEvents: (threadId, o) => call('listEvents', o, () => copy(memberThread(store, threadId, userId).events)),
    appendEvent: (threadId, e, o) => call('appendEvent', o, () => appendChecked(store, threadId, userId, e, o?.expectedSequence)),
    subscribe(threadId, onEvents) {
      if (typeof onEvents !== 'function') throw invalid('onEvents must be a function', { field: 'onEvents' });
      const sub: Subscription = { userId, onEvents, active: true };
      let subs = store.subscriptions.get(threadId);
      if (!subs) store.subscriptions.set(threadId, (subs = new Set()));
      subs.add(sub);
      return () => {
        sub.active = false;
        subs.delete(sub);
      };
    },
    as: (otherId) => view(store, otherId),
    threads: (o) =>
      call('threads', o, () => [...store.threads.values()].filter((t) => isMember(t, userId)).map((t) => infoFor(t, userId))),
    addThread(spec) {
      addThreadTo(store, spec);
    },
    failNext(error, method = 'appendEvent') {
      if (!(error instanceof SchedulerError)) throw invalid('failNext needs a SchedulerError', { field: 'error' });
      const queue = failures.get(method) ?? [];
      queue.push(error);
      failures.set(method, queue);
    },
  };
}

/**
 * An in-memory {@link ThreadAdapter} for tests, stories and single-page demos, with
 * the real backend's rules: only the current user's own events are accepted, each is
 * checked by core's meeting fold, `expectedSequence` guards against stale writes
 * (`conflict`, with the current meeting in `details.meeting`), an event id stored
 * twice is stored once, and a thread the user is not in is `not-found`. Subscribers of
 * every view hear each stored event once, asynchronously, in order.
 *
 * @example
 * ```ts
 * const alice = memoryThread({
 *   currentUserId: 'alice',
 *   threads: [{ id: 't1', title: 'Logo', participants: [
 *     { id: 'alice', name: 'Alice', timeZone: 'America/New_York' },
 *     { id: 'bob', name: 'Bob', timeZone: 'Asia/Kolkata' },
 *   ] }],
 * });
 * const bob = alice.as('bob');                  // same store, Bob's view
 * bob.subscribe('t1', (events) => console.log(events[0]?.type));
 * await alice.appendEvent('t1', proposal);      // Bob hears 'proposed'
 * alice.failNext(new SchedulerError('network')); // the next send fails (stories)
 * ```
 */
export function memoryThread(seed: MemoryThreadSeed = { currentUserId: 'me' }): MemoryThread {
  if (seed === null || typeof seed !== 'object') throw invalid('the seed must be an object');
  return view(seedStore(seed), seed.currentUserId);
}
