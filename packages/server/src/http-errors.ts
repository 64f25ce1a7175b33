/**
 * One error envelope for every failure: `{ "error": { "code", "message" } }` with a
 * `SchedulerErrorCode`, plus `details.field` for a refused field and, on a 409, the
 * current meeting beside it. Never a stack trace.
 */
import { SchedulerError, type Meeting, type SchedulerErrorCode } from '@meeting-scheduler/core';

/** The HTTP status of each code the server answers with. */
const STATUS: Readonly<Record<SchedulerErrorCode, number>> = {
  'invalid-input': 422,
  unauthenticated: 401,
  'not-a-participant': 403,
  'permission-denied': 403,
  'stale-sequence': 409,
  'invalid-transition': 422,
  'slot-unavailable': 422,
  'provider-auth': 401,
  'provider-rate-limited': 429,
  'provider-unavailable': 503,
  network: 503,
  'rate-limited': 429,
  'not-found': 404,
  conflict: 409,
};

/** An error answered with its own status (413, 415, 401…) rather than its code's. */
export class HttpError extends SchedulerError {
  readonly status: number;
  readonly headers: Record<string, string>;
  constructor(status: number, code: SchedulerErrorCode, message: string, headers: Record<string, string> = {}) {
    super(code, message);
    this.status = status;
    this.headers = headers;
  }
}

interface ErrorBody {
  error: { code: SchedulerErrorCode; message: string; details?: { field: string } };
  /** The meeting as it is now, on a 409. */
  meeting?: Meeting;
}

export function errorResponse(error: SchedulerError, extra: { meeting?: Meeting | null } = {}): Response {
  const status = error instanceof HttpError ? error.status : STATUS[error.code];
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  const field = (error.details as { field?: unknown } | undefined)?.field;
  if (error.code === 'invalid-input' && typeof field === 'string') body.error.details = { field };
  if (status === 409 && extra.meeting) body.meeting = extra.meeting;
  const headers = new Headers({ 'content-type': 'application/json; charset=utf-8' });
  if (error instanceof HttpError) for (const [k, v] of Object.entries(error.headers)) headers.set(k, v);
  return new Response(JSON.stringify(body), { status, headers });
}
