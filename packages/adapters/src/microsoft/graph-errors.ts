/**
 * Reading Graph's error envelope `{ "error": { "code", "message", "innerError" } }`
 * for the shared HTTP layer, and the adapter's own "Graph sent something unreadable".
 */
import { SchedulerError } from '@meeting-scheduler/core';
import type { ErrorClassifier } from '../internal/http.js';

/** Throttling codes: Graph's gateway (`TooManyRequests`) and Exchange behind it. */
const RATE_LIMIT_CODES = new Set(['toomanyrequests', 'applicationthrottled', 'mailboxconcurrency', 'activitylimitreached', 'errorserverbusy']);
/** Codes that mean the account (token, consent, role) must be fixed by signing in again. */
const AUTH_CODES = new Set(['erroraccessdenied', 'authorization_requestdenied', 'invalidauthenticationtoken', 'accessdenied', 'unauthenticated']);

interface GraphError {
  code?: string;
  message?: string;
  innerCode?: string;
}

/** The fields of a Graph error body, each only when it is a string. */
export function readGraphError(body: unknown): GraphError {
  const error = (body as { error?: unknown } | null | undefined)?.error;
  if (error === null || typeof error !== 'object') return {};
  const { code, message, innerError } = error as { code?: unknown; message?: unknown; innerError?: unknown };
  const innerCode = (innerError as { code?: unknown } | null | undefined)?.code;
  const out: GraphError = {};
  if (typeof code === 'string') out.code = code;
  if (typeof message === 'string') out.message = message;
  if (typeof innerCode === 'string') out.innerCode = innerCode;
  return out;
}

/**
 * Graph's errors for the HTTP layer: throttling under any of its names (also when
 * Exchange answers 503 `ApplicationThrottled` or says "MailboxConcurrency" in the
 * message) is a rate limit; a 401/403 with an access code is an auth problem.
 */
export const classifyGraphError: ErrorClassifier = (status, body) => {
  const { code, message, innerCode } = readGraphError(body);
  const codes = [code, innerCode].filter((c): c is string => c !== undefined).map((c) => c.toLowerCase());
  if (codes.some((c) => RATE_LIMIT_CODES.has(c)) || /MailboxConcurrency/i.test(message ?? '')) return { rateLimited: true };
  if ((status === 401 || status === 403) && codes.some((c) => AUTH_CODES.has(c))) return { auth: true };
  return undefined;
};

/** `provider-unavailable`: Graph answered 2xx with something its documentation does not describe. */
export function malformed(what: string, details: Record<string, unknown> = {}): SchedulerError {
  return new SchedulerError('provider-unavailable', `microsoft: ${what}`, { provider: 'microsoft', ...details });
}
