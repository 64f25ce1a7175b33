/**
 * One server instance for `bench/server.bench.ts`, in its own process so its CPU and
 * RSS are its own: what `src/bin.ts` runs (createMeetingServer over a store, served by
 * `@hono/node-server`), on 127.0.0.1, with roomy limits (the per-user rate limit and
 * stream cap would otherwise be what is measured) and no notify logging.
 *
 * Environment: DATABASE_URL (PostgreSQL) or DATA_DIR (a migrated PGlite folder);
 * SEED_THREADS=n puts threads `bench-0` … `bench-(n-1)`, participants `a<i>` and
 * `b<i>`. Sends `{ port }` over IPC when listening; stops on the IPC message "stop".
 */
import { serve } from '@hono/node-server';
import { createMeetingServer, pgliteStore, postgresStore } from '@meeting-scheduler/server';

const env = process.env;
const store = env.DATABASE_URL
  ? await postgresStore({ connectionString: env.DATABASE_URL, max: Number(env.POOL ?? 10) })
  : await pgliteStore({ dataDir: env.DATA_DIR!, log: () => {} });

const seed = Number(env.SEED_THREADS ?? 0);
for (let i = 0; i < seed; i++) {
  await store.putThread({
    id: `bench-${i}`,
    title: 'Bench',
    participants: [
      { id: `a${i}`, name: `A ${i}`, timeZone: 'America/New_York' },
      { id: `b${i}`, name: `B ${i}`, timeZone: 'Europe/Berlin' },
    ],
  });
}

const app = createMeetingServer({
  store,
  guestSecret: 'bench-guest-secret-that-is-long-enough-0123456789',
  authenticate: (request) => request.headers.get('x-user-id'),
  limits: { appendBurst: 1_000_000, appendsPerSecond: 1_000_000, maxStreamsPerUser: 100_000 },
  logError: (message, error) => console.error(message, error),
});

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.send!({ port: info.port }));

process.on('message', (message) => {
  if (message !== 'stop') return;
  app.closeStreams();
  server.close();
  if ('closeAllConnections' in server) server.closeAllConnections();
  void store.close().finally(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
