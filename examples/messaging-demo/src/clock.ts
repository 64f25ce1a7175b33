/**
 * The demo's clock: real time plus an offset the dev panel moves (+15 min, +1 h, +1 day,
 * "5 minutes before the next meeting"), kept in localStorage so a reload keeps it.
 * `<meeting-provider>` gets a new `now` function after every change, so every card
 * re-renders (Join opening, reminders) at once.
 */
const KEY = 'meeting-demo:clock-offset';

export interface DemoClock {
  readonly offsetMs: number;
  now(): string;
  set(offsetMs: number): void;
  onChange(listener: () => void): () => void;
}

export function createClock(storage: Storage = localStorage): DemoClock {
  let offset = Number(storage.getItem(KEY) ?? 0) || 0;
  const listeners = new Set<() => void>();
  return {
    get offsetMs() {
      return offset;
    },
    now: () => new Date(Date.now() + offset).toISOString(),
    set(ms: number) {
      offset = Math.round(ms);
      if (offset === 0) storage.removeItem(KEY);
      else storage.setItem(KEY, String(offset));
      for (const l of listeners) l();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
