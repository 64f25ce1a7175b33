/**
 * `GET /openapi.json`: OpenAPI 3.1 built from the very schema objects the server
 * validates with (`schemas.ts`), so the document cannot drift from the checks.
 */
import type { MeetingEventType } from '@meeting-scheduler/core';
import { EVENT_SCHEMAS, intervalSchema, messageInputSchema, shareInputSchema } from './schemas.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const eventName = (t: MeetingEventType) => `${t.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}Event`;

const participant = {
  type: 'object',
  properties: { id: { type: 'string' }, name: { type: 'string' }, timeZone: { type: 'string' }, email: { type: 'string' } },
  required: ['id', 'name', 'timeZone'],
};

const errorBody = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: {
          type: 'string',
          enum: ['invalid-input', 'unauthenticated', 'not-a-participant', 'permission-denied', 'stale-sequence', 'invalid-transition', 'slot-unavailable',
            'provider-auth', 'provider-rate-limited', 'provider-unavailable', 'network', 'rate-limited', 'not-found', 'conflict'],
        },
        message: { type: 'string' },
        details: { type: 'object', properties: { field: { type: 'string' } } },
      },
      required: ['code', 'message'],
    },
    meeting: { ...ref('Meeting'), description: 'The current meeting (409 only)' },
  },
  required: ['error'],
};

const json = (schema: object, description: string, headers?: object) => ({
  description,
  content: { 'application/json': { schema } },
  ...(headers ? { headers } : {}),
});
const err = (description: string) => json(ref('Error'), description);
const threadParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const positionHeader = { 'Stream-Position': { description: 'The stream position the list reaches: stream from here with ?lastEventId=', schema: { type: 'integer' } } };
const common = { 401: err('Not signed in'), 404: err('No such thread') };
const appendErrors = {
  ...common,
  403: err('Not a participant, not the author, or a guest'),
  413: err('The body is larger than the limit'),
  415: err('The body is not application/json'),
  422: err('invalid-input or invalid-transition'),
  429: { ...err('Too many appends'), headers: { 'Retry-After': { schema: { type: 'integer' } } } },
};

let cached: object | undefined;

export function openApiDocument(): object {
  if (cached) return cached;
  const eventSchemas = Object.fromEntries(Object.entries(EVENT_SCHEMAS).map(([t, s]) => [eventName(t as MeetingEventType), s]));
  cached = {
    openapi: '3.1.0',
    info: {
      title: '@meeting-scheduler/server',
      version: '0.1.0',
      description: 'Thread meeting events validated with @meeting-scheduler/core, stored, and streamed.',
    },
    paths: {
      '/threads': {
        get: { summary: 'The caller’s threads', responses: { 200: json({ type: 'array', items: ref('ThreadInfo') }, 'Threads'), 401: common[401] } },
      },
      '/threads/{id}': {
        get: {
          summary: 'One thread with its participants',
          parameters: [threadParam],
          responses: { 200: json(ref('ThreadInfo'), 'The thread'), 403: err('not-a-participant'), ...common },
        },
      },
      '/threads/{id}/messages': {
        get: {
          summary: 'The thread’s plain text messages, in order',
          parameters: [threadParam],
          responses: { 200: json({ type: 'array', items: ref('ThreadMessage') }, 'Messages', positionHeader), 403: err('not-a-participant'), ...common },
        },
        post: {
          summary: 'Post a message',
          parameters: [threadParam],
          requestBody: { required: true, content: { 'application/json': { schema: ref('MessageInput') } } },
          responses: { 201: json(ref('ThreadMessage'), 'Stored'), 200: json(ref('ThreadMessage'), 'Already stored (same id)'), 409: err('The id is used by another message'), ...appendErrors },
        },
      },
      '/threads/{id}/events': {
        get: {
          summary: 'The thread’s meeting events, in stored order',
          parameters: [threadParam],
          responses: { 200: json({ type: 'array', items: ref('MeetingEvent') }, 'Events', positionHeader), 403: err('not-a-participant'), ...common },
        },
        post: {
          summary: 'Append a meeting event (validated by the meeting rules)',
          parameters: [
            threadParam,
            { name: 'If-Match', in: 'header', required: false, description: 'The meeting sequence the client saw, e.g. "3" (follow-up events)', schema: { type: 'string' } },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: ref('MeetingEvent') } } },
          responses: {
            201: json(ref('AppendResult'), 'Stored', { ETag: { description: 'The meeting’s new sequence', schema: { type: 'string' } } }),
            200: json(ref('AppendResult'), 'An event with this id is already stored: nothing changed'),
            409: err('stale-sequence (the body carries the current meeting) or conflict'),
            ...appendErrors,
          },
        },
      },
      '/threads/{id}/stream': {
        get: {
          summary: 'Server-Sent Events: `meeting-event` and `thread-message`, each with `id:` = its stream position',
          description:
            'Resume with the Last-Event-ID header (or ?lastEventId=): everything stored after that position is sent, once, in order. ' +
            'Without it, the stream starts at the current position. The first event is `ready` ({ position }); comments every ~15 s keep it open.',
          parameters: [
            threadParam,
            { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' } },
            { name: 'lastEventId', in: 'query', required: false, schema: { type: 'integer', minimum: 0 } },
          ],
          responses: { 200: { description: 'The stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, 403: err('not-a-participant'), 429: err('Too many open streams'), ...common },
        },
      },
      '/meetings/{id}/share': {
        post: {
          summary: 'Create a guest link for a confirmed meeting (attendees only)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('ShareInput') } } },
          responses: { 201: json(ref('GuestLink'), 'Shared'), 200: json(ref('GuestLink'), 'Already shared (same event id): a fresh token'), ...appendErrors, 404: err('No such meeting') },
        },
      },
      '/guest/{token}': {
        get: {
          summary: 'The meeting, as a guest link shows it (never the thread’s messages)',
          parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: json(ref('GuestView'), 'The meeting'), 403: err('The link is not valid or has expired') },
        },
      },
    },
    components: {
      schemas: {
        MeetingEvent: {
          oneOf: Object.keys(eventSchemas).map(ref),
          discriminator: {
            propertyName: 'type',
            mapping: Object.fromEntries(Object.keys(EVENT_SCHEMAS).map((t) => [t, ref(eventName(t as MeetingEventType)).$ref])),
          },
        },
        ...eventSchemas,
        Interval: intervalSchema,
        MessageInput: messageInputSchema,
        ShareInput: shareInputSchema,
        Participant: participant,
        ThreadInfo: {
          type: 'object',
          properties: { id: { type: 'string' }, title: { type: 'string' }, currentUserId: { type: 'string' }, participants: { type: 'array', items: ref('Participant') } },
          required: ['id', 'participants', 'currentUserId'],
        },
        ThreadMessage: {
          type: 'object',
          properties: { id: { type: 'string' }, threadId: { type: 'string' }, by: { type: 'string' }, text: { type: 'string' }, at: { type: 'string', format: 'date-time' } },
          required: ['id', 'threadId', 'by', 'text', 'at'],
        },
        Meeting: { type: 'object', description: 'The fold of a meeting’s events (see @meeting-scheduler/core `Meeting`)' },
        AppendResult: {
          type: 'object',
          properties: { event: ref('MeetingEvent'), meeting: ref('Meeting'), position: { type: 'integer' } },
          required: ['event', 'meeting'],
        },
        GuestLink: {
          type: 'object',
          properties: { token: { type: 'string' }, url: { type: 'string' }, guestId: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } },
          required: ['token', 'url', 'guestId', 'expiresAt'],
        },
        GuestView: {
          type: 'object',
          properties: { guestId: { type: 'string' }, meeting: ref('Meeting'), participants: { type: 'array', items: ref('Participant') } },
          required: ['guestId', 'meeting', 'participants'],
        },
        Error: errorBody,
      },
    },
  };
  return cached;
}
