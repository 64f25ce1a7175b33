/**
 * Writing confirmed meetings to a Graph calendar: create (idempotent through
 * `transactionId`, with a Teams or Skype link), move, cancel.
 */
import type { AbortSignalLike } from '@meeting-scheduler/core';
import { SchedulerError, safeJoinUrl, type Meeting } from '@meeting-scheduler/core';
import type { HttpClient, HttpResult } from '../internal/http.js';
import { PREFER_UTC } from './busy.js';
import { malformed, readGraphError } from './graph-errors.js';
import { parseRange, toGraphDateTime } from './graph-time.js';

/** Someone to invite, by address; the host knows participants' addresses, core does not. */
export interface GraphAttendee {
  email: string;
  name?: string;
}

/** What a calendar allows for online meetings (`calendar.allowedOnlineMeetingProviders` and `defaultOnlineMeetingProvider`). */
export interface OnlineMeetingSupport {
  allowed?: string[];
  defaultProvider?: string;
}

/**
 * The online meeting provider to ask for in a calendar. Teams for work accounts
 * (`teamsForBusiness`) when the calendar allows it; otherwise the calendar's own
 * default — personal Outlook.com calendars allow only the consumer service
 * (`skypeForConsumer`, or `teamsForConsumer` where Graph reports it) — then any other
 * provider it allows. `undefined` when it allows none: the event is written without
 * a join link rather than refused.
 */
export function chooseOnlineMeetingProvider(support: OnlineMeetingSupport): string | undefined {
  const allowed = support.allowed?.filter((p) => p !== 'unknown');
  if (allowed === undefined) return support.defaultProvider && support.defaultProvider !== 'unknown' ? support.defaultProvider : 'teamsForBusiness';
  if (allowed.includes('teamsForBusiness')) return 'teamsForBusiness';
  if (support.defaultProvider !== undefined && allowed.includes(support.defaultProvider)) return support.defaultProvider;
  return allowed[0];
}

/** The event path of an id, encoded as a path segment. */
const eventPath = (eventId: string) => `/me/events/${encodeURIComponent(eventId)}`;

export function checkId(value: unknown, field: string): string {
  if (typeof value === 'string' && value !== '') return value;
  throw new SchedulerError('invalid-input', `microsoft: ${field} must be a non-empty string`, { provider: 'microsoft', field, value });
}

/** Subject, text body and UTC start/end of a confirmed meeting. */
function eventFields(meeting: Meeting): Record<string, unknown> {
  if (meeting?.confirmed === undefined) {
    throw new SchedulerError('invalid-input', 'microsoft: only a meeting with a confirmed time can be written to a calendar', {
      provider: 'microsoft',
      field: 'meeting.confirmed',
      meetingId: meeting?.id,
    });
  }
  const { start, end } = parseRange(meeting.confirmed, 'meeting.confirmed');
  return {
    subject: meeting.title ?? 'Meeting',
    body: { contentType: 'text', content: meeting.message ?? '' },
    start: toGraphDateTime(start),
    end: toGraphDateTime(end),
  };
}

function attendeesOf(attendees: GraphAttendee[] | undefined): Array<Record<string, unknown>> {
  return (attendees ?? []).map((a, i) => {
    const address = checkId(a?.email, `attendees[${i}].email`);
    return { emailAddress: a.name === undefined ? { address } : { address, name: a.name }, type: 'required' };
  });
}

/** `POST /me/calendars/{id}/events`; a retried POST with the same `transactionId` returns the event it already made. */
export async function createGraphEvent(
  client: HttpClient,
  meeting: Meeting,
  o: { calendarId: string; idempotencyKey: string; attendees?: GraphAttendee[] | undefined; provider: string | undefined; signal?: AbortSignalLike | undefined },
): Promise<{ eventId: string; joinUrl?: string }> {
  const body: Record<string, unknown> = {
    ...eventFields(meeting),
    attendees: attendeesOf(o.attendees),
    transactionId: checkId(o.idempotencyKey, 'idempotencyKey'),
  };
  const existing = safeJoinUrl(meeting.joinUrl);
  if (existing !== undefined) {
    // The meeting already has a call (made on the other side's calendar): point to it rather
    // than creating a second Teams meeting that nobody else would join.
    body['location'] = { displayName: existing, locationUri: existing };
    body['body'] = { contentType: 'text', content: meeting.message === undefined ? existing : `${meeting.message}\n\n${existing}` };
  } else if (o.provider !== undefined) {
    body['isOnlineMeeting'] = true;
    body['onlineMeetingProvider'] = o.provider;
  }
  const { body: event } = await client.request<unknown>({
    method: 'POST',
    path: `/me/calendars/${encodeURIComponent(checkId(o.calendarId, 'calendarId'))}/events`,
    headers: { ...PREFER_UTC },
    body,
    signal: o.signal,
  });
  const id = (event as { id?: unknown } | null | undefined)?.id;
  if (typeof id !== 'string' || id === '') throw malformed('the created event has no id');
  const joinUrl = safeJoinUrl((event as { onlineMeeting?: { joinUrl?: unknown } | null }).onlineMeeting?.joinUrl);
  return joinUrl === undefined ? { eventId: id } : { eventId: id, joinUrl };
}

/** `PATCH /me/events/{id}` with the new time, subject and body. */
export async function updateGraphEvent(client: HttpClient, eventId: string, meeting: Meeting, signal?: AbortSignalLike): Promise<void> {
  await client.request({ method: 'PATCH', path: eventPath(checkId(eventId, 'eventId')), headers: { ...PREFER_UTC }, body: eventFields(meeting), signal });
}

/** Graph's "you are not the organizer" answer to `/cancel` (documented as 400; a 403 access error is read the same way). */
function notOrganizer({ status, body }: HttpResult): boolean {
  const { code, message } = readGraphError(body);
  if (status !== 400 && status !== 403) return false;
  return /organi[sz]er/i.test(message ?? '') || /NotOrganizer|AccessDenied/i.test(code ?? '');
}

function refused(step: string, { status, body }: HttpResult): SchedulerError {
  return new SchedulerError(status === 403 ? 'provider-auth' : 'invalid-input', `microsoft: ${step} was refused (HTTP ${status})`, {
    provider: 'microsoft',
    status,
    body,
  });
}

/**
 * Takes a meeting off the calendar, telling the others:
 * 1. `POST /me/events/{id}/cancel` with the reason as `Comment` — the organizer's way (202);
 * 2. when Graph answers that only the organizer may cancel, the user is an attendee:
 *    `POST /me/events/{id}/decline` with the reason and `sendResponse: true`, which tells
 *    the organizer and takes the event off the user's calendar;
 * 3. when Graph refuses that too (400: an event without attendees cannot be declined),
 *    `DELETE /me/events/{id}`.
 * A 404 at any step means the event is already gone: done.
 */
export async function cancelGraphEvent(client: HttpClient, eventId: string, reason: string | undefined, signal?: AbortSignalLike): Promise<void> {
  const path = eventPath(checkId(eventId, 'eventId'));
  const comment = reason ?? '';
  const cancel = await client.request({ method: 'POST', path: `${path}/cancel`, body: { Comment: comment }, signal, accept: [400, 403, 404] });
  if (cancel.status < 300 || cancel.status === 404) return;
  if (!notOrganizer(cancel)) throw refused('cancelling the event', cancel);
  const decline = await client.request({ method: 'POST', path: `${path}/decline`, body: { comment, sendResponse: true }, signal, accept: [400, 404] });
  if (decline.status < 300 || decline.status === 404) return;
  await client.request({ method: 'DELETE', path, signal, accept: [404] });
}
