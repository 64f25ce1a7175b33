import { asSchedulerError } from '../controllers/thread-controller.js';

/**
 * A value edited optimistically: each change shows at once (`current`), and is
 * written in order, one at a time, on top of the last value the store accepted
 * (`saved`). A change that fails is dropped, so what is shown falls back to the
 * saved value with the later changes still on top — never a stale revert.
 */
export class Optimistic<T> {
  private pending: Array<{ change: (value: T) => T }> = [];
  private queue: Promise<unknown> = Promise.resolve();
  private generation = 0;

  constructor(
    public saved: T,
    private readonly changed: () => void,
  ) {}

  /** What to show: the saved value with every change still being written applied. */
  get current(): T {
    return this.pending.reduce((value, p) => p.change(value), this.saved);
  }

  /** Whether changes are still being written. */
  get writing(): boolean {
    return this.pending.length > 0;
  }

  /**
   * Shows `change` now and writes it with `commit(before, after)` after the earlier
   * ones. Resolves with the saved value; rejects with a SchedulerError once dropped.
   */
  apply(change: (value: T) => T, commit: (before: T, after: T) => Promise<void>): Promise<T> {
    const entry = { change };
    const generation = this.generation;
    this.pending.push(entry);
    this.changed();
    const run = async (): Promise<T> => {
      try {
        const before = this.saved;
        const after = change(before);
        await commit(before, after);
        if (generation === this.generation) this.saved = after;
        return after;
      } catch (e) {
        throw asSchedulerError(e);
      } finally {
        this.pending = this.pending.filter((p) => p !== entry);
        this.changed();
      }
    };
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Replaces the saved value (a reload); changes still being written no longer land on it. */
  reset(value: T): void {
    this.generation++;
    this.pending = [];
    this.saved = value;
  }
}
