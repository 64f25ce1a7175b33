/**
 * The little a store needs from a PostgreSQL connection, so PGlite and `pg` share
 * one implementation of the schema, the migrations and every query.
 */
export type Row = Record<string, unknown>;

export interface Sql {
  /** One statement with `$1…` parameters. */
  query<R extends Row = Row>(text: string, params?: unknown[]): Promise<R[]>;
  /** Several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface SqlDriver extends Sql {
  /** Runs `fn` in a READ COMMITTED transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * LISTEN on `channel`. `onGap` runs after the connection carrying the LISTEN was
   * lost and restored (notifications may have been missed meanwhile).
   */
  listen(channel: string, onPayload: (payload: string) => void, onGap: () => void): Promise<void>;
  close(): Promise<void>;
}

/** The channel every stored item is announced on: payload `<position> <thread id>`. */
export const STORED_CHANNEL = 'meeting_scheduler_stored';

/** SQLSTATE of a unique violation. */
export const UNIQUE_VIOLATION = '23505';

export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
