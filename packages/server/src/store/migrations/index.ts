/**
 * Every schema change, in order. Applied by `migrate` and recorded in
 * `meeting_scheduler.schema_migrations`; a migration, once released, never changes.
 */
import * as initial from './0001-initial.js';
import * as appendFunctions from './0002-append-functions.js';
import * as appendBatches from './0003-append-batches.js';

export interface Migration {
  id: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [initial, appendFunctions, appendBatches];
