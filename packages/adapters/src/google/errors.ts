/**
 * Google's error envelope, read: which failures are really rate limits, which are the
 * account's authorisation, and which are a permission on one calendar or event.
 *
 * Google answers `{ error: { code, message, errors: [{ domain, reason, message }], status } }`
 * (https://developers.google.com/workspace/calendar/api/guides/errors).
 */
import { SchedulerError } from '@meeting-scheduler/core';
import type { ErrorClassifier } from '../internal/http.js';

/** One entry of `error.errors` in Google's envelope. */
export interface GoogleErrorItem {
  domain?: string;
  reason?: string;
  message?: string;
  location?: string;
  locationType?: string;
}

/** Google's JSON error envelope. */
export interface GoogleErrorBody {
  error: { code: number; message: string; errors?: GoogleErrorItem[]; status?: string };
}

/** 403 reasons that mean "too many requests": retried with backoff like a 429. */
const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded', 'dailyLimitExceeded']);

/** Reasons that mean the account's token or the app's access is not good enough: reconnect. */
const AUTH_REASONS = new Set(['authError', 'forbidden', 'insufficientPermissions', 'accessNotConfigured', 'accessDenied']);

/** 403 reasons about one calendar or event, not the connection: the user may not do this there. */
const PERMISSION_REASONS = new Set(['requiredAccessLevel', 'forbiddenForNonOrganizer', 'forbiddenForServiceAccounts']);

/** The `reason`s in a Google error body (none when it is not Google's envelope). */
function googleErrorReasons(body: unknown): string[] {
  if (body === null || typeof body !== 'object') return [];
  const error = (body as { error?: unknown }).error;
  if (error === null || typeof error !== 'object') return [];
  const errors = (error as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((e: unknown) =>
    e !== null && typeof e === 'object' && typeof (e as GoogleErrorItem).reason === 'string' ? [(e as { reason: string }).reason] : [],
  );
}

/** Tells the HTTP layer which Google 403s are rate limits (retried) and which are authorisation. */
export const classifyGoogleError: ErrorClassifier = (status, body) => {
  const reasons = googleErrorReasons(body);
  if (status === 403 && reasons.some((r) => RATE_LIMIT_REASONS.has(r))) return { rateLimited: true };
  if (reasons.some((r) => AUTH_REASONS.has(r))) return { auth: true };
  return undefined;
};

/**
 * A 403 about one calendar or event (writing to a calendar shared read-only, editing an
 * event someone else organises) is `permission-denied`, not a broken connection. Other
 * errors pass through unchanged.
 */
export function refineGoogleError(error: unknown): unknown {
  if (!(error instanceof SchedulerError) || error.code !== 'provider-auth') return error;
  const details = error.details as { status?: unknown; body?: unknown } | undefined;
  if (details?.status !== 403 || !googleErrorReasons(details.body).some((r) => PERMISSION_REASONS.has(r))) return error;
  return new SchedulerError('permission-denied', error.message, details);
}
