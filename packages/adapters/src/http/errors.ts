/**
 * The server's answers as `SchedulerError`s. The server speaks the library's own error
 * codes (`{ "error": { "code", "message" } }`), so a known code is kept as is; a 409 is
 * always a `conflict` carrying the current meeting; anything unreadable falls back on
 * the status.
 */
import { ERROR_MESSAGES, SchedulerError, type SchedulerErrorCode } from '@meeting-scheduler/core';

const KNOWN_CODES = new Set<string>(Object.keys(ERROR_MESSAGES));

const isErrorCode = (code: unknown): code is SchedulerErrorCode => typeof code === 'string' && KNOWN_CODES.has(code);

/** The envelope's fields, read defensively: the body is untrusted. */
interface Envelope {
  code?: unknown;
  message?: unknown;
  details?: unknown;
}

function envelopeOf(body: unknown): Envelope | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const error = (body as { error?: unknown }).error;
  return error !== null && typeof error === 'object' ? (error as Envelope) : undefined;
}

function codeForStatus(status: number): SchedulerErrorCode {
  if (status === 400 || status === 413 || status === 422) return 'invalid-input';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'permission-denied';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'rate-limited';
  return 'provider-unavailable';
}

/** The current meeting a 409 carries, wherever the envelope put it. */
function meetingOf(body: unknown, envelope: Envelope | undefined): unknown {
  const candidates = [
    (body as { meeting?: unknown } | null)?.meeting,
    (envelope as { meeting?: unknown } | undefined)?.meeting,
    (envelope?.details as { meeting?: unknown } | null | undefined)?.meeting,
  ];
  return candidates.find((m) => m !== null && typeof m === 'object');
}

/**
 * The error for a refused request. `body` is the parsed JSON (or the raw text, or
 * `undefined`); `retryAfterMs` comes from the `Retry-After` header.
 */
export function errorFromResponse(status: number, body: unknown, retryAfterMs: number | undefined): SchedulerError {
  const envelope = envelopeOf(body);
  const serverCode = envelope?.code;
  const serverMessage = typeof envelope?.message === 'string' && envelope.message !== '' ? envelope.message : undefined;
  const details: Record<string, unknown> = { status };
  if (serverCode !== undefined) details.serverCode = serverCode;
  if (envelope?.details !== undefined) details.serverDetails = envelope.details;
  if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
  if (envelope === undefined && body !== undefined) details.body = typeof body === 'string' ? body.slice(0, 500) : body;

  if (status === 409) {
    const meeting = meetingOf(body, envelope);
    if (meeting !== undefined) details.meeting = meeting;
    if (isErrorCode(serverCode) && serverCode !== 'conflict') details.cause = serverCode;
    return new SchedulerError('conflict', serverMessage, details);
  }
  const code: SchedulerErrorCode =
    envelope === undefined || serverCode === undefined
      ? codeForStatus(status)
      : isErrorCode(serverCode)
        ? serverCode
        : 'provider-unavailable';
  // An unknown code's message may not match the code we report: use ours.
  return new SchedulerError(code, isErrorCode(serverCode) ? serverMessage : undefined, details);
}
