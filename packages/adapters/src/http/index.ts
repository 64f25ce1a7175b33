/**
 * `@meeting-scheduler/adapters/http`: `httpThread(opts)`, the `ThreadAdapter` for
 * `@meeting-scheduler/server`'s HTTP API, live through Server-Sent Events.
 * @packageDocumentation
 */
export { httpThread } from './http-thread.js';
export type { HttpThread, HttpThreadOptions, ShareOptions } from './http-thread.js';
export type { HeadersLike } from './request.js';
export type { EventSourceConstructor, EventSourceLike, StreamStatus, SubscribeOptions } from './stream.js';
export type { GuestView, ShareLink, ThreadMessage } from './wire.js';
