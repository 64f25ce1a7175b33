/**
 * `@meeting-scheduler/adapters/memory`: an in-memory thread backend with the real
 * backend's rules, for tests, stories and single-page demos.
 * @packageDocumentation
 */
export { memoryThread } from './memory-thread.js';
export type { MemoryThread, MemoryThreadMethod, MemoryThreadSeed, MemoryThreadSpec } from './memory-thread.js';
