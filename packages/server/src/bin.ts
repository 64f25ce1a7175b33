#!/usr/bin/env node
/**
 * `meeting-server`: the API standalone, for demos and tests. Hosts mount
 * `createMeetingServer` in their own server with their own `authenticate`.
 *
 * Environment:
 *   PORT          port to listen on (default 8787; 0 picks a free one)
 *   DATABASE_URL  PostgreSQL connection string; without it, PGlite in DATA_DIR
 *   DATA_DIR      the embedded database folder (default .data/)
 *   GUEST_SECRET  signs guest links (≥ 32 characters); generated per start when missing
 *   DEMO_AUTH=1   (or --demo-auth) trust an `x-user-id` header as the signed-in user.
 *                 DEMO ONLY: anyone can claim to be anyone. Without it the bin refuses
 *                 to start, because it has no other way to know who is calling.
 */
import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { createMeetingServer } from './server.js';
import { pgliteStore } from './store/pglite.js';
import { postgresStore } from './store/postgres.js';

const USER_ID = /^[A-Za-z0-9._@-]{1,200}$/;

async function main(): Promise<void> {
  const env = process.env;
  if (env.DEMO_AUTH !== '1' && !process.argv.includes('--demo-auth')) {
    console.error(
      'meeting-server: refusing to start without a way to authenticate callers.\n' +
        '  For a demo or a test, set DEMO_AUTH=1 (or pass --demo-auth): the x-user-id header is then trusted as the user — anyone can be anyone.\n' +
        '  In production, mount createMeetingServer({ store, authenticate, guestSecret }) in your own server with your own authenticate.',
    );
    process.exitCode = 1;
    return;
  }

  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be a port number, not ${env.PORT}`);
  let guestSecret = env.GUEST_SECRET ?? '';
  if (guestSecret.length < 32) {
    if (guestSecret !== '') console.warn('meeting-server: GUEST_SECRET is shorter than 32 characters; using a generated one.');
    guestSecret = randomBytes(32).toString('base64url');
    console.warn('meeting-server: warning: no GUEST_SECRET set; guest links made now stop working when the server restarts.');
  }

  const store = env.DATABASE_URL
    ? await postgresStore({ connectionString: env.DATABASE_URL })
    : await pgliteStore({ dataDir: env.DATA_DIR ?? '.data/' });

  if (!(await store.getThread('demo'))) {
    await store.putThread({
      id: 'demo',
      title: 'Logo review',
      participants: [
        { id: 'alice', name: 'Alice', timeZone: 'America/New_York' },
        { id: 'priya', name: 'Priya', timeZone: 'Asia/Kolkata' },
      ],
    });
    console.log('meeting-server: created the demo thread "demo" (alice, priya)');
  }

  const app = createMeetingServer({
    store,
    guestSecret,
    authenticate: (request) => {
      const user = request.headers.get('x-user-id');
      return user !== null && USER_ID.test(user) ? user : null;
    },
    notify: (event, recipients) => console.log(`meeting-server: notify ${recipients.join(', ') || '(nobody)'} of ${event.type} ${event.meetingId}`),
  });

  const server = serve({ fetch: app.fetch, port }, (info) => {
    console.warn('meeting-server: DEMO_AUTH is on — the x-user-id header is trusted. Demo only.');
    console.log(`meeting-server: listening on http://localhost:${info.port} (${env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`);
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    app.closeStreams();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
    await store.close();
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error('meeting-server: could not start:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
