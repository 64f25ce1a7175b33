/**
 * How an event shows on the owner's free/busy, from the properties feeds use for it.
 */
import type { FeedStatus } from './types.js';

/** Outlook/Exchange's own free/busy value, the most specific signal a feed carries. */
const MICROSOFT_BUSY_STATUS: ReadonlyMap<string, FeedStatus> = new Map([
  ['FREE', 'free'],
  ['TENTATIVE', 'tentative'],
  ['BUSY', 'busy'],
  ['OOF', 'oof'],
  // The person blocked the time, as the Graph adapter reads `showAs: workingElsewhere` (ADR 0005).
  ['WORKINGELSEWHERE', 'busy'],
]);

interface StatusProperties {
  /** STATUS: TENTATIVE, CONFIRMED, CANCELLED. */
  status?: string | undefined;
  /** TRANSP: OPAQUE or TRANSPARENT. */
  transp?: string | undefined;
  /** X-MICROSOFT-CDO-BUSYSTATUS: FREE, TENTATIVE, BUSY, OOF, WORKINGELSEWHERE. */
  microsoftBusyStatus?: string | undefined;
}

/**
 * The event's free/busy status. STATUS:CANCELLED wins (the event is not on the
 * calendar); then Outlook's X-MICROSOFT-CDO-BUSYSTATUS; then TRANSP:TRANSPARENT
 * (free: the event does not block, RFC 5545 §3.8.2.7); then STATUS:TENTATIVE; else busy.
 *
 * @example
 * ```ts
 * feedStatus({ transp: 'TRANSPARENT' }); // "free"
 * feedStatus({ microsoftBusyStatus: 'OOF', transp: 'OPAQUE' }); // "oof"
 * ```
 */
export function feedStatus(p: StatusProperties): FeedStatus {
  const upper = (v: string | undefined) => v?.trim().toUpperCase();
  if (upper(p.status) === 'CANCELLED') return 'cancelled';
  const microsoft = MICROSOFT_BUSY_STATUS.get(upper(p.microsoftBusyStatus) ?? '');
  if (microsoft !== undefined) return microsoft;
  if (upper(p.transp) === 'TRANSPARENT') return 'free';
  if (upper(p.status) === 'TENTATIVE') return 'tentative';
  return 'busy';
}
