/**
 * @meeting-scheduler/server — the reference thread backend: every meeting event is
 * checked with @meeting-scheduler/core before it is stored (embedded PGlite or
 * PostgreSQL) and streamed to the thread's participants (SSE).
 * @packageDocumentation
 */
export { createMeetingServer, DEFAULT_LIMITS } from './server.js';
export type { MeetingServer, MeetingServerOptions, NotifyContext, ServerLimits } from './server.js';
export { pgliteStore } from './store/pglite.js';
export type { PgliteStoreOptions } from './store/pglite.js';
export { postgresStore } from './store/postgres.js';
export type { PostgresStoreOptions } from './store/postgres.js';
export type {
  AppendEventOptions,
  AppendEventResult,
  AppendMessageResult,
  EventBuilder,
  MeetingStore,
  StreamEntry,
  ThreadDirectory,
  ThreadMessage,
  ThreadRecord,
} from './store/types.js';
export { EVENT_SCHEMAS, MAX_OPTIONS, TEXT_LIMITS } from './schemas.js';
export { openApiDocument } from './openapi.js';
