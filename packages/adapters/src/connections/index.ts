/**
 * `@meeting-scheduler/adapters/connections`: where a user's calendar connections are
 * kept, once per user and shared by every thread.
 * @packageDocumentation
 */
export { checkConnection, localConnectionStore } from './local-connection-store.js';
export type { LocalConnectionStore, LocalConnectionStoreOptions, StorageLike } from './local-connection-store.js';
