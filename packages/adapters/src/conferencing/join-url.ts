/**
 * The reference conferencing adapter: the link the calendar provider gave (Meet,
 * Teams), or a room URL made from the host's template. Only `https:` links leave it.
 */
import {
  SchedulerError,
  safeJoinUrl,
  type ConferencingAdapter,
  type Meeting,
  type RequestOptions,
} from '@meeting-scheduler/core';

export interface JoinUrlConferencingOptions {
  /**
   * The host's room URL with `{meetingId}` and/or `{threadId}` placeholders, filled
   * URL-encoded, e.g. `'https://meet.example.com/{meetingId}'`. Must be `https:`.
   */
  template?: string;
  /**
   * Hosts whose provider-given links are used (`'meet.google.com'`, or `'*.zoom.us'` for
   * any subdomain). When given, a link to any other host is ignored in favour of the
   * template. The template itself is the host's own and is not checked against it.
   */
  allowHosts?: string[];
}

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN = new Set(['meetingId', 'threadId']);

const invalid = (message: string, details: Record<string, unknown>) =>
  new SchedulerError('invalid-input', `joinUrlConferencing: ${message}`, details);

function fill(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}

function checkTemplate(template: string): void {
  if (typeof template !== 'string') throw invalid('template must be a string', { field: 'template' });
  for (const [, name] of template.matchAll(PLACEHOLDER)) {
    if (!KNOWN.has(name ?? '')) throw invalid(`unknown placeholder {${name}}`, { field: 'template', template });
  }
  if (safeJoinUrl(fill(template, { meetingId: 'm', threadId: 't' })) === undefined) {
    throw invalid('template must be an https: URL', { field: 'template', template });
  }
}

function hostAllowed(url: string, allowHosts: string[] | undefined): boolean {
  if (!allowHosts) return true;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return allowHosts.some((allowed) => {
    const a = allowed.toLowerCase();
    return a.startsWith('*.') ? host.endsWith(a.slice(1)) : host === a;
  });
}

/**
 * A {@link ConferencingAdapter} that returns `meeting.joinUrl` when the calendar
 * provider gave one (`https:` only, and on an allowed host when `allowHosts` is
 * given), else the `template` filled with the URL-encoded meeting and thread ids, else
 * rejects `invalid-input` ("no join link"). It never returns a non-`https:` URL.
 *
 * @throws SchedulerError `invalid-input` at once for a template that is not `https:`
 *   or has an unknown placeholder.
 * @example
 * ```ts
 * const conferencing = joinUrlConferencing({
 *   template: 'https://meet.example.com/{meetingId}',
 *   allowHosts: ['meet.google.com', '*.teams.microsoft.com'],
 * });
 * await conferencing.createJoinUrl(meeting); // meeting.joinUrl from Meet, or https://meet.example.com/m-42
 * ```
 */
export function joinUrlConferencing(opts: JoinUrlConferencingOptions = {}): ConferencingAdapter {
  const { template, allowHosts } = opts;
  if (template !== undefined) checkTemplate(template);
  if (allowHosts !== undefined && (!Array.isArray(allowHosts) || allowHosts.some((h) => typeof h !== 'string' || h === ''))) {
    throw invalid('allowHosts must be a list of host names', { field: 'allowHosts' });
  }
  const allowed = allowHosts && [...allowHosts];

  return {
    async createJoinUrl(meeting: Meeting, o?: RequestOptions): Promise<string> {
      if (o?.signal?.aborted) {
        throw new SchedulerError('network', 'joinUrlConferencing: the request was aborted', { aborted: true, reason: String(o.signal.reason) });
      }
      if (meeting === null || typeof meeting !== 'object' || typeof meeting.id !== 'string' || meeting.id === '') {
        throw invalid('a meeting with an id is needed', { field: 'meeting' });
      }
      const given = safeJoinUrl(meeting.joinUrl);
      if (given !== undefined && hostAllowed(given, allowed)) return given;
      if (template !== undefined) {
        const url = safeJoinUrl(fill(template, { meetingId: meeting.id, threadId: String(meeting.threadId ?? '') }));
        if (url !== undefined) return url;
      }
      throw invalid('no join link: the calendar gave none and there is no template', { meetingId: meeting.id, joinUrl: meeting.joinUrl });
    },
  };
}
