/**
 * A token bucket per user: `burst` appends at once, refilled at `refillPerSecond`.
 * In memory, per instance (behind a load balancer each instance counts its own).
 */
interface RateLimit {
  burst: number;
  refillPerSecond: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

/** Forget full buckets once there are this many users tracked. */
const PRUNE_AT = 10_000;

export class TokenBuckets {
  readonly #buckets = new Map<string, Bucket>();
  readonly #limit: RateLimit;
  readonly #now: () => number;

  constructor(limit: RateLimit, now: () => number) {
    this.#limit = limit;
    this.#now = now;
  }

  /** Takes one token for `key`: 0 when allowed, otherwise the milliseconds until one is free. */
  take(key: string): number {
    const now = this.#now();
    const { burst, refillPerSecond } = this.#limit;
    const b = this.#buckets.get(key) ?? { tokens: burst, updated: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.updated) / 1000) * refillPerSecond);
    b.updated = now;
    this.#buckets.set(key, b);
    if (this.#buckets.size > PRUNE_AT) this.#prune(now);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - b.tokens) / refillPerSecond) * 1000);
  }

  #prune(now: number): void {
    const { burst, refillPerSecond } = this.#limit;
    for (const [key, b] of this.#buckets) {
      if (b.tokens + ((now - b.updated) / 1000) * refillPerSecond >= burst) this.#buckets.delete(key);
    }
  }
}
