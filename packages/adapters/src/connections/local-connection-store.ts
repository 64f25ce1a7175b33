/**
 * A user's calendar connections in Web Storage: stored once per user and shared by
 * every thread ("sync once"). What is stored is checked on the way in and treated as
 * untrusted on the way out; tokens are never stored (the host owns OAuth).
 */
import {
  SchedulerError,
  type AbortSignalLike,
  type CalendarConnection,
  type ConnectionStore,
  type RequestOptions,
} from '@meeting-scheduler/core';

/** The part of the Web Storage API the store uses (`localStorage`, `sessionStorage`, or your own). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface LocalConnectionStoreOptions {
  /** Default `globalThis.localStorage`; where there is none (Node, a locked-down iframe) a per-process in-memory storage. */
  storage?: StorageLike;
  /** Default `meeting-scheduler:connections:<userId ?? 'default'>`. */
  key?: string;
  /** Whose connections these are; part of the default key. */
  userId?: string;
  /**
   * Told, in a microtask of its own, about unreadable stored data (which then reads as
   * empty): once per distinct stored value, and once when storage itself cannot be read.
   */
  onError?: (error: SchedulerError) => void;
}

/** A {@link ConnectionStore} that also tells listeners about changes, including those made in other tabs. */
export interface LocalConnectionStore extends ConnectionStore {
  /** `listener` gets the full list after every change. Returns the unsubscribe function. */
  subscribe(listener: (connections: CalendarConnection[]) => void): () => void;
}

/** Key names that would carry an OAuth secret: refused loudly, so a host mistake is seen at once. */
const SECRET_KEYS = ['token', 'accessToken', 'refreshToken', 'idToken', 'access_token', 'refresh_token', 'id_token'];

const invalid = (message: string, field: string) =>
  new SchedulerError('invalid-input', `localConnectionStore: ${message}`, { field });

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/**
 * The connection as it will be stored (known fields only), or throws `invalid-input`.
 * `url` belongs to ICS feeds only and must be `https:` or `webcal:`.
 */
export function checkConnection(c: unknown): CalendarConnection {
  if (c === null || typeof c !== 'object' || Array.isArray(c)) throw invalid('a connection must be an object', 'connection');
  const v = c as Record<string, unknown>;
  for (const key of SECRET_KEYS) if (key in v) throw invalid(`tokens are never stored (found "${key}")`, key);
  if (typeof v.id !== 'string' || v.id === '') throw invalid('id must be a non-empty string', 'id');
  if (typeof v.provider !== 'string' || v.provider === '') throw invalid('provider must be a non-empty string', 'provider');
  if (typeof v.accountLabel !== 'string') throw invalid('accountLabel must be a string', 'accountLabel');
  if (!isStringArray(v.conflictCalendarIds)) throw invalid('conflictCalendarIds must be an array of strings', 'conflictCalendarIds');
  if (v.targetCalendarId !== undefined && typeof v.targetCalendarId !== 'string') {
    throw invalid('targetCalendarId must be a string', 'targetCalendarId');
  }
  const out: CalendarConnection = {
    id: v.id,
    provider: v.provider,
    accountLabel: v.accountLabel,
    conflictCalendarIds: [...v.conflictCalendarIds],
  };
  if (v.targetCalendarId !== undefined) out.targetCalendarId = v.targetCalendarId;
  if (v.provider === 'ics') {
    if (typeof v.url !== 'string' || !isFeedUrl(v.url)) throw invalid('an ICS feed needs an https: or webcal: url', 'url');
    out.url = v.url;
  } else if (v.url !== undefined) {
    throw invalid('only ICS feeds have a url', 'url');
  }
  return out;
}

function isFeedUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'webcal:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** One in-memory storage per process, so stores made in Node still share a user's connections. */
const memoryStorage: StorageLike = (() => {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
  };
})();

function defaultStorage(): StorageLike {
  try {
    // Reading `localStorage` throws where storage is blocked (sandboxed iframes, some privacy modes).
    const s = (globalThis as { localStorage?: StorageLike }).localStorage;
    if (s && typeof s.getItem === 'function') return s;
  } catch {
    // Blocked storage: fall back to memory, as where there is none.
  }
  return memoryStorage;
}

/** Stores in this process on the same storage and key, so they notify each other (the `storage` event only reaches other tabs). */
const peers = new WeakMap<StorageLike, Map<string, Set<() => void>>>();

interface StorageEventLike {
  key: string | null;
  storageArea?: unknown;
}

interface EventTargetLike {
  addEventListener(type: 'storage', listener: (e: StorageEventLike) => void): void;
  removeEventListener(type: 'storage', listener: (e: StorageEventLike) => void): void;
}

function windowLike(): EventTargetLike | undefined {
  const g = globalThis as Partial<EventTargetLike>;
  return typeof g.addEventListener === 'function' && typeof g.removeEventListener === 'function' ? (g as EventTargetLike) : undefined;
}

const abortedError = (signal: AbortSignalLike) =>
  new SchedulerError('network', 'localConnectionStore: the request was aborted', { aborted: true, reason: String(signal.reason) });

/**
 * A user's calendar connections in `localStorage` (one key per user, shared by every
 * thread). `save` checks the connection and upserts it by id; `remove` of an unknown
 * id does nothing; unreadable stored data reads as empty and is reported once through
 * `onError` — reading never throws (the next `save` then replaces it). Tokens are
 * refused: the host keeps OAuth.
 * Subscribers hear every change, from this store, from other stores on the same
 * storage in this page, and from other tabs (the `storage` event).
 *
 * In Node, or where `localStorage` is missing or blocked, it uses one in-memory
 * storage per process: connections last as long as the process.
 *
 * @example
 * ```ts
 * const connections = localConnectionStore({ userId: 'alice' });
 * await connections.save({ id: 'google:alice@acme.example', provider: 'google',
 *   accountLabel: 'alice@acme.example', conflictCalendarIds: ['primary'], targetCalendarId: 'primary' });
 * const stop = connections.subscribe((list) => render(list)); // also fires for other tabs
 * ```
 */
export function localConnectionStore(opts: LocalConnectionStoreOptions = {}): LocalConnectionStore {
  const storage = opts.storage ?? defaultStorage();
  const key = opts.key ?? `meeting-scheduler:connections:${opts.userId ?? 'default'}`;
  const listeners = new Set<(connections: CalendarConnection[]) => void>();
  /** What was last reported (a bad stored value, or that storage cannot be read): each is reported once. */
  let reported: string | null = null;

  function report(what: string, error: SchedulerError): void {
    if (what === reported) return;
    reported = what;
    // Told in a task of its own, so a throwing `onError` cannot make a read throw.
    if (opts.onError) queueMicrotask(() => opts.onError?.(error));
  }

  const unreadable = (raw: string, message: string) =>
    report(raw, new SchedulerError('invalid-input', `localConnectionStore: ${message}; treating it as empty`, { key, value: raw.slice(0, 200) }));

  /** Never throws: unreadable data is reported and reads as empty; unreadable entries are left out. */
  function read(): CalendarConnection[] {
    let raw: string | null;
    try {
      raw = storage.getItem(key);
    } catch (cause) {
      report('\u0000read-failed', new SchedulerError('provider-unavailable', 'localConnectionStore: storage cannot be read', { key, cause: String(cause) }));
      return [];
    }
    if (raw === null) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      unreadable(raw, 'the stored connections are not valid JSON');
      return [];
    }
    if (!Array.isArray(parsed)) {
      unreadable(raw, 'the stored connections are not a list');
      return [];
    }
    const out: CalendarConnection[] = [];
    for (const entry of parsed) {
      try {
        out.push(checkConnection(entry));
      } catch {
        unreadable(raw, 'a stored connection is not valid and was left out');
      }
    }
    return out;
  }

  function write(list: CalendarConnection[]): void {
    try {
      storage.setItem(key, JSON.stringify(list));
    } catch (cause) {
      // e.g. QuotaExceededError: the connection was not saved, so the caller must know.
      throw new SchedulerError('provider-unavailable', 'localConnectionStore: storage refused the write', { key, cause: String(cause) });
    }
    for (const notify of peers.get(storage)?.get(key) ?? []) notify();
  }

  function notify(): void {
    if (listeners.size === 0) return;
    const list = read();
    // One task per listener: a listener that throws is reported as uncaught and does not silence the others.
    for (const listener of listeners) queueMicrotask(() => listeners.has(listener) && listener(structuredClone(list)));
  }

  const onStorage = (e: StorageEventLike) => {
    // `key === null` is `storage.clear()` in another tab.
    if ((e.key === key || e.key === null) && (e.storageArea === undefined || e.storageArea === storage)) notify();
  };

  function start(): void {
    let byKey = peers.get(storage);
    if (!byKey) peers.set(storage, (byKey = new Map()));
    const set = byKey.get(key) ?? new Set();
    set.add(notify);
    byKey.set(key, set);
    windowLike()?.addEventListener('storage', onStorage);
  }

  function stop(): void {
    peers.get(storage)?.get(key)?.delete(notify);
    windowLike()?.removeEventListener('storage', onStorage);
  }

  const guard = (o: RequestOptions | undefined) => {
    if (o?.signal?.aborted) throw abortedError(o.signal);
  };

  return {
    async list(o) {
      guard(o);
      return read();
    },
    async save(c, o) {
      guard(o);
      const checked = checkConnection(c);
      const list = read();
      const at = list.findIndex((x) => x.id === checked.id);
      if (at === -1) list.push(checked);
      else list[at] = checked;
      write(list);
    },
    async remove(id, o) {
      guard(o);
      const list = read();
      const kept = list.filter((x) => x.id !== id);
      if (kept.length !== list.length) write(kept);
    },
    subscribe(listener) {
      if (typeof listener !== 'function') throw invalid('listener must be a function', 'listener');
      if (listeners.size === 0) start();
      listeners.add(listener);
      return () => {
        if (!listeners.delete(listener)) return;
        if (listeners.size === 0) stop();
      };
    },
  };
}
