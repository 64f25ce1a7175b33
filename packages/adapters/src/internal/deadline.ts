import type { AbortSignalLike } from '@meeting-scheduler/core';

/**
 * One request attempt's stop conditions: the caller's signal and a timeout, combined
 * into `signal` for `fetch`, and `stopped` — a promise that rejects when either fires,
 * to race against a `fetch` or body read that ignores its signal. Call `dispose()` when
 * the attempt ends.
 */
export function deadline(caller: AbortSignalLike | undefined, timeoutMs: number) {
  const controller = new AbortController();
  const onAbort = () => controller.abort(caller?.reason);
  caller?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('timeout'));
  }, timeoutMs);
  const stopped = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  stopped.catch(() => undefined);
  return {
    signal: controller.signal,
    stopped,
    timedOut: () => timedOut,
    dispose() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    },
  };
}
