import type { Instant } from '@meeting-scheduler/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** setTimeout's longest delay (about 24.8 days); a later boundary is reached in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Re-renders its host when the clock passes the next of the instants the host cares
 * about (e.g. when Join opens, when the meeting ends, each minute before the start).
 * Time is read from the injected clock (`env.now()`), so tests and the demo's
 * fast-forward move it; `refresh()` re-renders at once after such a jump.
 */
export class ClockController implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private scheduledFor: number | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly now: () => Instant,
    /** Epoch milliseconds at which what the host shows changes. */
    private readonly boundaries: (nowMs: number) => number[],
  ) {
    host.addController(this);
  }

  /** The clock's current time in epoch milliseconds. */
  nowMs(): number {
    return Date.parse(this.now());
  }

  /** Re-render now (after the injected clock jumped). */
  refresh(): void {
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.schedule();
  }

  hostUpdated(): void {
    this.schedule();
  }

  hostDisconnected(): void {
    this.clear();
  }

  private schedule(): void {
    const now = this.nowMs();
    if (!Number.isFinite(now)) return this.clear();
    const next = this.boundaries(now)
      .filter((t) => Number.isFinite(t) && t > now)
      .sort((a, b) => a - b)[0];
    if (next === this.scheduledFor && this.timer !== undefined) return;
    this.clear();
    if (next === undefined) return;
    this.scheduledFor = next;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.scheduledFor = undefined;
        this.host.requestUpdate();
      },
      Math.min(next - now, MAX_DELAY_MS),
    );
  }

  private clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.scheduledFor = undefined;
  }
}
