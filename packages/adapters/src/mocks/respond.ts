import { HttpResponse, delay } from 'msw';
import type { MockFaults } from './faults.js';

/** A provider's error envelope for a status, e.g. Google's `{ error: { code, message, errors, status } }`. */
export type ErrorEnvelope = (status: number, reason: string, message: string) => unknown;

/** The bearer token of a request, if it has one. */
export function bearer(request: Request): string | undefined {
  return /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
}

/**
 * What every mocked endpoint does first: log the call, wait when slowed, and answer
 * with the queued fault or an expired-token 401 in the provider's envelope. Returns
 * `undefined` when the request should be served normally.
 */
export async function applyFaults(faults: MockFaults, request: Request, envelope: ErrorEnvelope): Promise<Response | undefined> {
  const url = new URL(request.url);
  const call = `${request.method} ${url.pathname}`;
  faults.log.push(call);
  if (faults.delayMs > 0) await delay(faults.delayMs);
  const token = bearer(request);
  if (token !== undefined && faults.expiredTokens.has(token)) {
    return HttpResponse.json(envelope(401, 'authError', 'Invalid Credentials') as object, {
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="mock", error="invalid_token"' },
    });
  }
  const fault = faults.next(call);
  switch (fault?.kind) {
    case undefined:
      return undefined;
    case 'rate-limit':
      return HttpResponse.json(envelope(429, 'rateLimitExceeded', 'Rate Limit Exceeded') as object, {
        status: 429,
        headers: fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter },
      });
    case 'server-error':
      return HttpResponse.json(envelope(fault.status, 'backendError', 'Backend Error') as object, { status: fault.status });
    case 'malformed':
      return new HttpResponse('<html><body>502 Bad Gateway</body></html>', { status: 200, headers: { 'content-type': 'application/json' } });
    case 'network':
      return HttpResponse.error();
    case 'unauthorized':
      return HttpResponse.json(envelope(401, 'authError', 'Invalid Credentials') as object, {
        status: 401,
        headers: { 'www-authenticate': 'Bearer realm="mock", error="invalid_token"' },
      });
    case 'stall':
      await delay(fault.ms);
      return undefined;
  }
}
