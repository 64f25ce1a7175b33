/**
 * The parsed feed, kept for `cacheMs` and then revalidated with its ETag /
 * Last-Modified: paging week by week costs no request, and an unchanged feed costs a
 * 304 and no parsing. Callers that arrive while a request is out share it; it is
 * aborted only when every one of them has given up.
 */
import type { AbortSignalLike } from '@meeting-scheduler/core';
import { SchedulerError } from '@meeting-scheduler/core';
import { abortedError, type FeedFetchResult, type FeedValidators } from './fetch-feed.js';
import type { ParsedFeed } from './types.js';

export interface FeedCacheOptions {
  cacheMs: number;
  now: () => number;
  load: (validators: FeedValidators, signal: AbortSignal) => Promise<FeedFetchResult>;
  parse: (text: string) => ParsedFeed;
}

interface Entry extends FeedValidators {
  feed: ParsedFeed;
  fetchedAt: number;
}

interface Flight {
  promise: Promise<ParsedFeed>;
  controller: AbortController;
  waiters: number;
}

/** Waits for `promise`, or rejects as soon as `signal` aborts (calling `onAbort`). */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignalLike | undefined, onAbort: () => void): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort();
      reject(abortedError(signal.reason));
    };
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}

/**
 * A cache of one feed.
 *
 * @example
 * ```ts
 * const cache = createFeedCache({ cacheMs: 60_000, now: Date.now, load: createFeedFetcher(url, {}), parse: (t) => parseFeed(t) });
 * const feed = await cache.get(signal);
 * ```
 */
export function createFeedCache(opts: FeedCacheOptions) {
  let entry: Entry | undefined;
  let flight: Flight | undefined;

  function start(): Flight {
    const controller = new AbortController();
    const validators: FeedValidators = {};
    if (entry?.etag !== undefined) validators.etag = entry.etag;
    if (entry?.lastModified !== undefined) validators.lastModified = entry.lastModified;
    const promise = opts.load(validators, controller.signal).then((result) => {
      if (result.notModified) {
        if (entry === undefined) throw new SchedulerError('provider-unavailable', 'ics: the feed answered 304 without a cached copy', { provider: 'ics' });
        entry = { ...entry, fetchedAt: opts.now() };
        return entry.feed;
      }
      const next: Entry = { feed: opts.parse(result.text), fetchedAt: opts.now() };
      if (result.etag !== undefined) next.etag = result.etag;
      if (result.lastModified !== undefined) next.lastModified = result.lastModified;
      entry = next;
      return next.feed;
    });
    const started: Flight = { promise, controller, waiters: 0 };
    const clear = () => {
      if (flight === started) flight = undefined;
    };
    promise.then(clear, clear);
    return started;
  }

  return {
    /** The feed, from the cache while it is fresh. */
    async get(signal?: AbortSignalLike): Promise<ParsedFeed> {
      if (signal?.aborted) throw abortedError(signal.reason);
      if (entry !== undefined && opts.now() - entry.fetchedAt < opts.cacheMs) return entry.feed;
      const current = (flight ??= start());
      current.waiters++;
      return unlessAborted(current.promise, signal, () => {
        if (--current.waiters === 0) current.controller.abort(signal?.reason);
      });
    },
  };
}
