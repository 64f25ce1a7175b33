import { SchedulerError } from '@meeting-scheduler/core';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import type { SqlDriver } from './sql.js';

/** Any constant: the advisory lock that keeps two instances from migrating at once. */
const MIGRATION_LOCK = 7_261_900_601;

/**
 * Applies the migrations not yet recorded, in order, in one transaction. Instances
 * starting together on one database wait for each other; a database migrated by a
 * newer version (an id this version does not know) is refused.
 */
export async function migrate(driver: SqlDriver, migrations: readonly Migration[] = MIGRATIONS): Promise<string[]> {
  return driver.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`
      CREATE SCHEMA IF NOT EXISTS meeting_scheduler;
      CREATE TABLE IF NOT EXISTS meeting_scheduler.schema_migrations (
        id         text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      );
    `);
    const applied = new Set((await tx.query<{ id: string }>('SELECT id FROM meeting_scheduler.schema_migrations')).map((r) => r.id));
    const unknown = [...applied].filter((id) => !migrations.some((m) => m.id === id));
    if (unknown.length > 0) {
      throw new SchedulerError('invalid-input', 'The database was migrated by a newer version of @meeting-scheduler/server', { unknown });
    }
    const ran: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.id)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO meeting_scheduler.schema_migrations (id) VALUES ($1)', [m.id]);
      ran.push(m.id);
    }
    return ran;
  });
}
