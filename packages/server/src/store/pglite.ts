/**
 * The embedded store: PostgreSQL compiled to WASM (PGlite), in-process, nothing to
 * install. One process owns a data folder; to run several instances use
 * {@link postgresStore}.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { createSqlStore } from './sql-store.js';
import type { Row, Sql, SqlDriver } from './sql.js';
import type { MeetingStore } from './types.js';

export interface PgliteStoreOptions {
  /** Folder holding the database; created when missing. Undefined: in memory, gone on close. */
  dataDir?: string;
  /** Where the one-line progress note goes (default `console.log`). */
  log?: (line: string) => void;
}

const queries = (db: PGlite | Transaction): Sql => ({
  async query<R extends Row>(text: string, params?: unknown[]) {
    return (await db.query<R>(text, params)).rows;
  },
  async exec(text: string) {
    await db.exec(text);
  },
});

/**
 * Opens (or creates) an embedded database and migrates it.
 *
 * @example
 * ```ts
 * const store = await pgliteStore({ dataDir: '.data' });
 * await store.putThread({ id: 't1', participants: [alice, bob] });
 * ```
 */
export async function pgliteStore(options: PgliteStoreOptions = {}): Promise<MeetingStore> {
  const log = options.log ?? console.log;
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  if (dataDir !== undefined) {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) log('Preparing the embedded database… (first start takes ~20 s)');
    mkdirSync(dataDir, { recursive: true });
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = dataDir === undefined ? await PGlite.create() : await PGlite.create(dataDir);

  const driver: SqlDriver = {
    ...queries(db),
    transaction: (fn) => db.transaction((tx) => fn(queries(tx))),
    async listen(channel, onPayload) {
      // One in-process database: nothing can be missed, so there is never a gap.
      await db.listen(channel, onPayload);
    },
    close: () => db.close(),
  };
  try {
    return await createSqlStore(driver);
  } catch (error) {
    await db.close();
    throw error;
  }
}
