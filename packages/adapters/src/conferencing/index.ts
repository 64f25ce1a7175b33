/**
 * `@meeting-scheduler/adapters/conferencing`: the reference join-link adapter.
 * @packageDocumentation
 */
export { joinUrlConferencing } from './join-url.js';
export type { JoinUrlConferencingOptions } from './join-url.js';
