/**
 * Fault switches for the provider mocks: what a real API does on a bad day. Every
 * handler asks `next()` before answering; a test flips a switch and checks the
 * adapter (and the UI above it) keep the user's work and do not duplicate it.
 */
export type Fault =
  | { kind: 'rate-limit'; retryAfter?: string }
  | { kind: 'server-error'; status: 500 | 502 | 503 | 504 }
  | { kind: 'malformed' }
  | { kind: 'network' }
  | { kind: 'unauthorized' }
  | { kind: 'stall'; ms: number };

export class MockFaults {
  private queue: Fault[] = [];
  private target: RegExp | undefined;
  /** Tokens that now answer 401 as if expired. */
  readonly expiredTokens = new Set<string>();
  /** Delay every answer by this many ms (timeouts, loading states). */
  delayMs = 0;
  /** Requests answered so far, by `METHOD path` (for asserting retry counts). */
  readonly log: string[] = [];

  /** The next `n` requests get 429 with `Retry-After` (seconds, fractional, or an HTTP date). */
  rateLimitNext(n = 1, retryAfter = '0'): this {
    for (let i = 0; i < n; i++) this.queue.push({ kind: 'rate-limit', retryAfter });
    return this;
  }

  /** The next `n` requests fail with a 5xx. */
  failNext(n = 1, status: 500 | 502 | 503 | 504 = 503): this {
    for (let i = 0; i < n; i++) this.queue.push({ kind: 'server-error', status });
    return this;
  }

  /** The next `n` requests answer 200 with a body that is not JSON. */
  malformedNext(n = 1): this {
    for (let i = 0; i < n; i++) this.queue.push({ kind: 'malformed' });
    return this;
  }

  /** The next `n` requests fail at the network level. */
  dropNext(n = 1): this {
    for (let i = 0; i < n; i++) this.queue.push({ kind: 'network' });
    return this;
  }

  /** The next `n` requests answer 401 (an access token revoked or expired mid-session). */
  unauthorizedNext(n = 1): this {
    for (let i = 0; i < n; i++) this.queue.push({ kind: 'unauthorized' });
    return this;
  }

  /**
   * The next `n` requests wait `ms` before being served (normally): longer than the
   * client's timeout, this is a timeout whose request still reaches the provider.
   */
  stallNext(n = 1, ms = 1000): this {
    for (let i = 0; i < n; i++) this.queue.push({ kind: 'stall', ms });
    return this;
  }

  /**
   * Queued faults go only to requests whose `METHOD /path` matches `pattern` (e.g.
   * `/^POST .*\/events$/`); other requests pass untouched. `undefined`: every request.
   */
  only(pattern: RegExp | undefined): this {
    this.target = pattern;
    return this;
  }

  /** Requests with this token answer 401 from now on. */
  expireToken(token: string): this {
    this.expiredTokens.add(token);
    return this;
  }

  /** Every answer waits `ms` first. */
  slow(ms: number): this {
    this.delayMs = ms;
    return this;
  }

  /** Back to a good day. */
  reset(): this {
    this.queue = [];
    this.target = undefined;
    this.expiredTokens.clear();
    this.delayMs = 0;
    this.log.length = 0;
    return this;
  }

  /** The fault for the request now being answered (`METHOD /path`), if any (handlers call this once per request). */
  next(request?: string): Fault | undefined {
    if (this.target && !(request !== undefined && this.target.test(request))) return undefined;
    return this.queue.shift();
  }
}
