/**
 * Every failure the library reports is a {@link SchedulerError} with one of these codes.
 * Hosts switch on `code`; `message` is for people; `details` carries the cause
 * (a provider's own error body, the offending field, the current meeting on a conflict).
 */
export type SchedulerErrorCode =
  | 'invalid-input'
  | 'unauthenticated'
  | 'not-a-participant'
  | 'permission-denied'
  | 'stale-sequence'
  | 'invalid-transition'
  | 'slot-unavailable'
  | 'provider-auth'
  | 'provider-rate-limited'
  | 'provider-unavailable'
  | 'network'
  | 'rate-limited'
  | 'not-found'
  | 'conflict';

/** One human-readable default message per code, in one table. */
export const ERROR_MESSAGES: Readonly<Record<SchedulerErrorCode, string>> = {
  'invalid-input': 'The request is not valid.',
  unauthenticated: 'Sign in to continue.',
  'not-a-participant': 'Only participants of this thread can do that.',
  'permission-denied': 'You are not allowed to do that.',
  'stale-sequence': 'This invite was updated. Review the latest version and try again.',
  'invalid-transition': 'That is not possible in the meeting’s current state.',
  'slot-unavailable': 'That time is no longer available.',
  'provider-auth': 'The calendar account needs to be connected again.',
  'provider-rate-limited': 'The calendar service is busy. Try again in a moment.',
  'provider-unavailable': 'The calendar service is unavailable right now.',
  network: 'The network is unreachable.',
  'rate-limited': 'Too many requests at once. Try again in a moment.',
  'not-found': 'It could not be found.',
  conflict: 'Someone else changed this at the same time.',
};

/**
 * The library's one error type.
 *
 * @example
 * ```ts
 * try { reduceMeeting(events, thread) }
 * catch (e) { if (e instanceof SchedulerError && e.code === 'stale-sequence') reload() }
 * ```
 */
export class SchedulerError extends Error {
  override readonly name = 'SchedulerError';
  readonly code: SchedulerErrorCode;
  readonly details?: unknown;

  constructor(code: SchedulerErrorCode, message?: string, details?: unknown) {
    super(message ?? ERROR_MESSAGES[code]);
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  /** A plain JSON form, e.g. for an HTTP error envelope. */
  toJSON(): { code: SchedulerErrorCode; message: string; details?: unknown } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** True for a {@link SchedulerError}, optionally of a given code. */
export function isSchedulerError(e: unknown, code?: SchedulerErrorCode): e is SchedulerError {
  return e instanceof SchedulerError && (code === undefined || e.code === code);
}
