/**
 * The request bodies the API accepts, as small JSON Schema objects. One object per
 * shape does both jobs: {@link validate} checks requests against it, and
 * `openapi.ts` publishes it unchanged in `GET /openapi.json`. Only the keywords
 * below exist; the validator refuses anything it does not understand, so a schema
 * can never promise a check that does not happen.
 */
import { SchedulerError, type MeetingEvent, type MeetingEventType } from '@meeting-scheduler/core';

interface StringSchema {
  type: 'string';
  minLength?: number;
  maxLength?: number;
  format?: 'date-time' | 'uri';
  pattern?: string;
  enum?: readonly string[];
  description?: string;
}
interface IntegerSchema {
  type: 'integer';
  minimum?: number;
  maximum?: number;
  description?: string;
}
interface ArraySchema {
  type: 'array';
  items: Schema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  description?: string;
}
interface ObjectSchema {
  type: 'object';
  properties: Readonly<Record<string, Schema>>;
  required: readonly string[];
  additionalProperties: false;
  description?: string;
}
type Schema = StringSchema | IntegerSchema | ArraySchema | ObjectSchema;

/** Text limits, in characters (Unicode code points, as JSON Schema counts them). */
export const TEXT_LIMITS = { message: 2_000, reason: 1_000, title: 200, id: 200 } as const;
/** At most this many candidate slots in one proposal, counter or reschedule. */
export const MAX_OPTIONS = 50;
/** At most this many invitees in one proposal. */
const MAX_INVITEES = 100;

const id = (description: string): StringSchema => ({
  type: 'string',
  minLength: 1,
  maxLength: TEXT_LIMITS.id,
  pattern: '^[^\\u0000-\\u001f\\u007f]+$',
  description,
});
const text = (maxLength: number, description: string): StringSchema => ({ type: 'string', maxLength, description });

const instantSchema: StringSchema = {
  type: 'string',
  format: 'date-time',
  maxLength: 40,
  description: 'An ISO-8601 instant, e.g. "2026-03-08T14:30:00Z"',
};

export const intervalSchema: ObjectSchema = {
  type: 'object',
  description: 'A half-open interval [start, end)',
  properties: { start: instantSchema, end: instantSchema },
  required: ['start', 'end'],
  additionalProperties: false,
};

const options: ArraySchema = { type: 'array', items: intervalSchema, minItems: 1, maxItems: MAX_OPTIONS, description: 'Candidate slots' };
const joinUrl: StringSchema = { type: 'string', format: 'uri', pattern: '^https://', maxLength: 2_000, description: 'An https: join URL' };

const base = {
  id: id('Unique id of the event: the idempotency key'),
  meetingId: id('The meeting the event belongs to'),
  by: id('The author; must be the signed-in user'),
  at: instantSchema,
};
const followUp = { ...base, sequence: { type: 'integer', minimum: 0, maximum: 2_147_483_646, description: 'The meeting sequence the author saw' } satisfies IntegerSchema };
const typeOf = (t: MeetingEventType): StringSchema => ({ type: 'string', enum: [t] });

const event = (t: MeetingEventType, description: string, extra: Record<string, Schema>, required: string[]): ObjectSchema => {
  const fields = t === 'proposed' ? base : followUp;
  return {
    type: 'object',
    description,
    properties: { type: typeOf(t), ...fields, ...extra },
    required: ['type', ...Object.keys(fields), ...required],
    additionalProperties: false,
  };
};

/** One schema per meeting event type (DESIGN.md, "meeting lifecycle"). */
export const EVENT_SCHEMAS: Readonly<Record<MeetingEventType, ObjectSchema>> = {
  proposed: event('proposed', 'The organizer invites thread participants to one of several slots', {
    threadId: id('The thread; must be the thread in the URL'),
    invitees: { type: 'array', items: id('A participant id'), minItems: 1, maxItems: MAX_INVITEES, uniqueItems: true },
    options,
    durationMinutes: { type: 'integer', minimum: 1, maximum: 1_440 },
    title: text(TEXT_LIMITS.title, 'Meeting title'),
    message: text(TEXT_LIMITS.message, 'Context for the invitees'),
    joinUrl,
  }, ['threadId', 'invitees', 'options', 'durationMinutes']),
  accepted: event('accepted', 'An awaited participant accepts one of the current options', { option: intervalSchema, joinUrl }, ['option']),
  countered: event('countered', 'An awaited participant suggests different times', {
    options,
    message: text(TEXT_LIMITS.message, 'Why these times'),
  }, ['options']),
  declined: event('declined', 'An awaited participant declines', { reason: text(TEXT_LIMITS.reason, 'Why') }, []),
  rescheduled: event('rescheduled', 'An attendee proposes new times', { options, reason: text(TEXT_LIMITS.reason, 'Why') }, ['options']),
  cancelled: event('cancelled', 'An attendee cancels; final', { reason: text(TEXT_LIMITS.reason, 'Why') }, []),
  'link-shared': event('link-shared', 'An attendee shares the confirmed meeting with a guest', { guestId: id('The guest') }, ['guestId']),
};

/** `POST /threads/:id/messages`. */
export const messageInputSchema: ObjectSchema = {
  type: 'object',
  description: 'A plain text message in the thread',
  properties: { id: id('Unique id of the message: the idempotency key'), text: { type: 'string', minLength: 1, maxLength: TEXT_LIMITS.message } },
  required: ['id', 'text'],
  additionalProperties: false,
};

/** `POST /meetings/:id/share`. Every field is optional. */
export const shareInputSchema: ObjectSchema = {
  type: 'object',
  description: 'A guest link for a confirmed meeting',
  properties: {
    id: id('Id of the link-shared event (idempotency key); generated when missing'),
    guestId: id('Who the link is for; generated when missing'),
    expiresInSeconds: { type: 'integer', minimum: 60, maximum: 366 * 24 * 3600, description: 'Lifetime of the link' },
  },
  required: [],
  additionalProperties: false,
};

// ---------------------------------------------------------------------------
// The validator

const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/i;
/** A UTF-16 surrogate without its partner: PostgreSQL refuses to store it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A real calendar instant in strict ISO-8601 (no `2026-02-30`, no `24:00`). */
function isInstant(value: string): boolean {
  const m = INSTANT_RE.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi, s = '0', oh = '0', om = '0'] = m;
  const date = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s));
  return (
    date.getUTCFullYear() === +y! && date.getUTCMonth() === +mo! - 1 && date.getUTCDate() === +d! &&
    +h! < 24 && +mi! < 60 && +s < 60 && +oh < 24 && +om < 60
  );
}

function isUri(value: string): boolean {
  try {
    new URL(value);
    return !/\s/.test(value);
  } catch {
    return false;
  }
}

const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

const fail = (field: string, message: string): never => {
  throw new SchedulerError('invalid-input', `${field} ${message}`, { field });
};

const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

const patterns = new Map<string, RegExp>();
const patternOf = (p: string) => {
  let re = patterns.get(p);
  if (!re) patterns.set(p, (re = new RegExp(p, 'u')));
  return re;
};

/**
 * Throws `invalid-input` naming the first offending field (`options[3].start`)
 * unless `value` matches `schema`.
 */
export function validate(schema: Schema, value: unknown, field = 'body'): void {
  switch (schema.type) {
    case 'string': {
      if (typeof value !== 'string') return fail(field, `must be a string, not ${describe(value)}`);
      if (value.includes('\u0000') || LONE_SURROGATE.test(value)) return fail(field, 'contains characters that cannot be stored');
      const n = schema.minLength !== undefined || schema.maxLength !== undefined ? codePoints(value) : 0;
      if (schema.minLength !== undefined && n < schema.minLength) return fail(field, schema.minLength === 1 ? 'must not be empty' : `must have at least ${schema.minLength} characters`);
      if (schema.maxLength !== undefined && n > schema.maxLength) return fail(field, `must have at most ${schema.maxLength} characters`);
      if (schema.enum && !schema.enum.includes(value)) return fail(field, `must be one of ${schema.enum.join(', ')}`);
      if (schema.pattern && !patternOf(schema.pattern).test(value)) return fail(field, 'has an invalid form');
      if (schema.format === 'date-time' && !isInstant(value)) return fail(field, 'must be an ISO-8601 instant such as "2026-03-08T14:30:00Z"');
      if (schema.format === 'uri' && !isUri(value)) return fail(field, 'must be a URL');
      return;
    }
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return fail(field, `must be a whole number, not ${describe(value)}`);
      if (schema.minimum !== undefined && value < schema.minimum) return fail(field, `must be at least ${schema.minimum}`);
      if (schema.maximum !== undefined && value > schema.maximum) return fail(field, `must be at most ${schema.maximum}`);
      return;
    }
    case 'array': {
      if (!Array.isArray(value)) return fail(field, `must be an array, not ${describe(value)}`);
      if (schema.minItems !== undefined && value.length < schema.minItems) return fail(field, `must list at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`);
      if (schema.maxItems !== undefined && value.length > schema.maxItems) return fail(field, `must list at most ${schema.maxItems} items`);
      value.forEach((item, i) => validate(schema.items, item, `${field}[${i}]`));
      if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) return fail(field, 'must not repeat an item');
      return;
    }
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail(field, `must be an object, not ${describe(value)}`);
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (!Object.hasOwn(schema.properties, key)) return fail(field === 'body' ? key : `${field}.${key}`, 'is not a known field');
      }
      for (const key of schema.required) {
        if (record[key] === undefined) return fail(field === 'body' ? key : `${field}.${key}`, 'is required');
      }
      for (const [key, sub] of Object.entries(schema.properties)) {
        if (record[key] !== undefined) validate(sub, record[key], field === 'body' ? key : `${field}.${key}`);
      }
      return;
    }
  }
}

/** A meeting event checked against the schema of its `type`; `invalid-input` otherwise. */
export function parseMeetingEvent(body: unknown): MeetingEvent {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return fail('body', 'must be a meeting event object');
  const type = (body as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(EVENT_SCHEMAS, type)) {
    throw new SchedulerError('invalid-input', `type must be one of ${Object.keys(EVENT_SCHEMAS).join(', ')}`, { field: 'type' });
  }
  validate(EVENT_SCHEMAS[type as MeetingEventType], body);
  return body as MeetingEvent;
}
