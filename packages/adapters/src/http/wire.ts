/**
 * The server's JSON, read as untrusted data: what a response or a stream frame must
 * look like before it is handed to the host. Shapes that do not fit are a
 * `provider-unavailable` error (the server is not speaking this API), never a crash
 * later in a view.
 */
import { SchedulerError, type Meeting, type MeetingEvent, type Participant, type ThreadInfo } from '@meeting-scheduler/core';
import type { SseEvent } from './sse.js';

/** A plain text message of a thread (the demo is a messaging app). */
export interface ThreadMessage {
  id: string;
  threadId: string;
  /** The author's user id. */
  by: string;
  text: string;
  /** When the server stored it (ISO-8601 UTC). */
  at: string;
}

/** A guest link to one meeting (`POST /meetings/:id/share`). */
export interface ShareLink {
  /** The signed token (one meeting, with an expiry). */
  token: string;
  /** The link to give the guest. */
  url: string;
  /** Who the link is for (the `guestId` of the `link-shared` event). */
  guestId: string;
  /** When the link stops working (ISO-8601 UTC). */
  expiresAt: string;
}

/** What a guest link shows: the meeting without the thread's words, and who attends. */
export interface GuestView {
  guestId: string;
  /** The meeting as a guest sees it (no history, message or reason). */
  meeting: Meeting;
  /** The attendees, for "2:30 PM for Priya, Kolkata" lines. */
  participants: Participant[];
}

/** SSE `event:` names of `GET /threads/:id/stream`. */
const MEETING_EVENT_TYPE = 'meeting-event';
const MESSAGE_TYPE = 'thread-message';
/** The first frame of every connection; its `id` is the position the stream starts after. */
export const READY_TYPE = 'ready';
/** The frames that carry something to deliver. */
export const STREAM_EVENT_TYPES: ReadonlySet<string> = new Set([MEETING_EVENT_TYPE, MESSAGE_TYPE]);

export const malformed = (what: string, details: Record<string, unknown> = {}) =>
  new SchedulerError('provider-unavailable', `httpThread: the server sent ${what} this client cannot read`, details);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

export function isMeetingEvent(v: unknown): v is MeetingEvent {
  return isObject(v) && isString(v.id) && isString(v.type) && isString(v.meetingId) && isString(v.by);
}

export function isThreadMessage(v: unknown): v is ThreadMessage {
  return isObject(v) && isString(v.id) && isString(v.text) && isString(v.by);
}

export function isShareLink(v: unknown): v is ShareLink {
  return isObject(v) && isString(v.token) && isString(v.url) && isString(v.guestId) && isString(v.expiresAt);
}

export function isGuestView(v: unknown): v is GuestView {
  return isObject(v) && isString(v.guestId) && isObject(v.meeting) && Array.isArray(v.participants);
}

export function isThreadInfo(v: unknown): v is ThreadInfo {
  return isObject(v) && isString(v.id) && Array.isArray(v.participants) && isString(v.currentUserId);
}

/** A list answer: a bare array, or an object holding it under `key` (`{ "events": [...] }`). */
export function readList<T>(body: unknown, key: string, is: (v: unknown) => v is T): T[] {
  const list = Array.isArray(body) ? body : isObject(body) ? body[key] : undefined;
  if (!Array.isArray(list)) throw malformed(`a ${key} list`, { body });
  const bad = list.find((item) => !is(item));
  if (bad !== undefined) throw malformed(`an item of the ${key} list`, { item: bad });
  return list as T[];
}

/** One object answer, bare or under `key` (`{ "thread": {...} }`). */
export function readOne<T>(body: unknown, key: string, is: (v: unknown) => v is T): T {
  if (is(body)) return body;
  if (isObject(body) && is(body[key])) return body[key] as T;
  throw malformed(`a ${key}`, { body });
}

type StreamFrame = { events: MeetingEvent[]; messages: ThreadMessage[] } | { error: SchedulerError };

/** A stream frame's payload: one item or an array of them. */
export function readStreamFrame(e: SseEvent): StreamFrame {
  let data: unknown;
  try {
    data = JSON.parse(e.data);
  } catch {
    return { error: malformed('a stream frame', { type: e.type, id: e.id, data: e.data.slice(0, 500) }) };
  }
  const items = Array.isArray(data) ? data : [data];
  if (e.type === MEETING_EVENT_TYPE) {
    return items.every(isMeetingEvent)
      ? { events: items, messages: [] }
      : { error: malformed('a meeting event', { id: e.id, data }) };
  }
  return items.every(isThreadMessage) ? { events: [], messages: items } : { error: malformed('a message', { id: e.id, data }) };
}
