/**
 * The scale-out store: a real PostgreSQL shared by any number of server instances.
 * Writes use a pool; one extra connection per instance LISTENs, so a client streaming
 * from one instance gets what was stored through another.
 */
import type { Client, ClientConfig, Pool, PoolClient } from 'pg';
import { createSqlStore } from './sql-store.js';
import type { Row, Sql, SqlDriver } from './sql.js';
import type { MeetingStore } from './types.js';

export interface PostgresStoreOptions {
  /** e.g. `postgres://user:pass@db:5432/app` */
  connectionString: string;
  /** Pool size per instance (default 10). */
  max?: number;
  /** Where connection problems are reported (default `console.error`). */
  logError?: (message: string, error: unknown) => void;
}

/**
 * Every statement the store sends with parameters is a fixed text, so each gets a name:
 * `pg` then prepares it once per connection and afterwards sends only Bind/Execute, which
 * spares PostgreSQL parsing and planning it on every append (no extra round trip).
 */
const statementNames = new Map<string, string>();
const statementName = (text: string): string => {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `meeting_scheduler_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
};

const queries = (db: Pool | PoolClient | Client): Sql => ({
  async query<R extends Row>(text: string, params?: unknown[]) {
    return (await db.query({ name: statementName(text), text, values: params ?? [] })).rows as R[];
  },
  async exec(text: string) {
    await db.query(text);
  },
});

/**
 * Connects, migrates (instances starting together wait for each other) and starts
 * listening for stored items.
 *
 * @example
 * ```ts
 * const store = await postgresStore({ connectionString: process.env.DATABASE_URL! });
 * ```
 */
export async function postgresStore(options: PostgresStoreOptions): Promise<MeetingStore> {
  const { default: pg } = await import('pg');
  const logError = options.logError ?? ((message, error) => console.error(message, error));
  const config: ClientConfig = { connectionString: options.connectionString, application_name: 'meeting-scheduler' };
  const pool = new pg.Pool({ ...config, max: options.max ?? 10 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (error) => logError('meeting-scheduler: an idle PostgreSQL connection failed', error));

  let closing = false;
  let listener: Client | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  async function connectListener(channel: string, onPayload: (payload: string) => void): Promise<Client> {
    const client = new pg.Client(config);
    client.on('notification', (n) => {
      if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
    });
    await client.connect();
    await client.query(`LISTEN ${channel}`);
    return client;
  }

  const driver: SqlDriver = {
    ...queries(pool),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: unknown;
      try {
        await client.query('BEGIN');
        const result = await fn(queries(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError;
        }
        throw error;
      } finally {
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    async listen(channel, onPayload, onGap) {
      let delay = 250;
      const watch = (client: Client) => {
        const lost = (error?: unknown) => {
          if (closing || listener !== client) return;
          listener = undefined;
          if (error) logError('meeting-scheduler: the LISTEN connection failed; reconnecting', error);
          client.end().catch(() => {});
          reconnect();
        };
        client.on('error', lost);
        client.on('end', () => lost());
      };
      const reconnect = () => {
        retry = setTimeout(async () => {
          retry = undefined;
          if (closing) return;
          try {
            const client = await connectListener(channel, onPayload);
            if (closing) return void (await client.end());
            listener = client;
            watch(client);
            delay = 250;
            onGap();
          } catch (error) {
            logError('meeting-scheduler: reconnecting the LISTEN connection failed', error);
            delay = Math.min(delay * 2, 10_000);
            reconnect();
          }
        }, delay);
      };
      listener = await connectListener(channel, onPayload);
      watch(listener);
    },
    async close() {
      closing = true;
      if (retry) clearTimeout(retry);
      const client = listener;
      listener = undefined;
      await Promise.allSettled([client?.end(), pool.end()]);
    },
  };
  try {
    return await createSqlStore(driver);
  } catch (error) {
    await driver.close();
    throw error;
  }
}
