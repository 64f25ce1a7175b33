/**
 * The messaging demo's one Node process: the page (Vite's build output), the
 * meeting API of `@meeting-scheduler/server` under `/api`, a DEMO-ONLY sign-in-as
 * cookie, per-user notification settings, the email outbox the `notify` hook
 * writes, and each person's personal ICS feed. Data lives in `dataDir`: PGlite in
 * `db/`, the guest-link secret, settings and outbox as JSON beside it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { DEFAULT_NOTIFICATION_PREFERENCES, type NotificationPreferences } from '@meeting-scheduler/core';
import { createMeetingServer, pgliteStore, type MeetingStore } from '@meeting-scheduler/server';
import { Hono, type Context } from 'hono';
import { PEOPLE, THREADS, person } from '../shared/people.ts';
import { personalFeed } from './ics-feed.ts';
import { JsonFile } from './json-file.ts';
import { emailsFor, type OutboxEmail } from './outbox.ts';

export const SESSION_COOKIE = 'demo_user';

export interface DemoServerOptions {
  /** Where everything is kept (created when missing). */
  dataDir: string;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Default 127.0.0.1: only this machine can reach the demo (anyone may sign in as anyone). */
  hostname?: string;
  /** Vite's build output; without it only the API and feeds answer. */
  staticDir?: string;
  /** Progress lines (default `console.log`). */
  log?: (line: string) => void;
  /** Milliseconds since the epoch (tests). */
  now?: () => number;
}

export interface DemoServer {
  url: string;
  port: number;
  store: MeetingStore;
  close(): Promise<void>;
}

/** What `GET /demo/settings` answers and `PUT` takes: core's preferences plus working hours. */
interface StoredSettings {
  notifications: NotificationPreferences;
  workingHours?: unknown;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

/** The page may talk to itself and to the two calendar APIs the mock service worker answers. */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' https://www.googleapis.com https://graph.microsoft.com",
  "worker-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** The signed-in demo user of a request, from the sign-in-as cookie. DEMO ONLY: anyone can pick anyone. */
export function demoUser(request: Request): string | null {
  const id = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  return id !== undefined && person(id) ? id : null;
}

function guestSecret(dataDir: string): string {
  const file = join(dataDir, 'guest-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) return secret;
  }
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

async function seed(store: MeetingStore, nowMs: number): Promise<boolean> {
  if (await store.getThread(THREADS[0]!.id)) return false;
  const total = THREADS.reduce((n, t) => n + t.messages.length, 0);
  let i = 0;
  for (const t of THREADS) {
    const participants = t.members.map((id) => {
      const { id: pid, name, timeZone, email } = person(id)!;
      return { id: pid, name, timeZone, email };
    });
    await store.putThread(t.title === undefined ? { id: t.id, participants } : { id: t.id, title: t.title, participants });
    for (const [n, [by, text]] of t.messages.entries()) {
      // Spread over the last hours, oldest first.
      const at = new Date(nowMs - (total - i++) * 23 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      await store.appendMessage({ id: `seed-${t.id}-${n}`, threadId: t.id, by, text, at });
    }
  }
  return true;
}

function isPreferences(v: unknown): v is NotificationPreferences {
  if (v === null || typeof v !== 'object') return false;
  const p = v as Record<string, unknown>;
  const channelsOk =
    p.channels !== null &&
    typeof p.channels === 'object' &&
    Object.values(p.channels as object).every(
      (c: unknown) => c !== null && typeof c === 'object' && ['inApp', 'email'].every((k) => typeof (c as Record<string, unknown>)[k] === 'boolean'),
    );
  return (
    channelsOk &&
    Array.isArray(p.remindersMinutesBefore) &&
    p.remindersMinutesBefore.every((m) => Number.isInteger(m) && m >= 0 && m <= 10_080) &&
    Array.isArray(p.mutedThreadIds) &&
    p.mutedThreadIds.every((t) => typeof t === 'string' && t.length <= 200)
  );
}

/** Starts the demo server; resolves once it listens. */
export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? Date.now;
  const iso = () => new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const dbDir = join(dataDir, 'db');

  log(existsSync(join(dbDir, 'PG_VERSION')) ? 'Opening the embedded database…' : 'Preparing the embedded database… (the first start takes about 20 s)');
  const store = await pgliteStore({ dataDir: dbDir, log: () => {} });
  try {
    if (await seed(store, now())) log('Seeded Alice (New York), Bob (Kolkata) and Carol (Berlin) with three threads.');
  } catch (error) {
    await store.close();
    throw error;
  }

  const settings = new JsonFile<Record<string, StoredSettings>>(join(dataDir, 'settings.json'), {});
  const outbox = new JsonFile<OutboxEmail[]>(join(dataDir, 'outbox.json'), []);
  const preferencesOf = (userId: string) => settings.get()[userId]?.notifications ?? DEFAULT_NOTIFICATION_PREFERENCES;

  const api = createMeetingServer({
    store,
    now,
    guestSecret: guestSecret(dataDir),
    authenticate: demoUser,
    // The guest opens the demo page, which reads the meeting from /api/guest/:token.
    guestLinkUrl: (token, request) => new URL(`/guest/${encodeURIComponent(token)}`, request.url).href,
    notify: async (event, recipients, { threadId, meeting }) => {
      const thread = await store.getThread(threadId);
      const mails = emailsFor(event, recipients, meeting, thread ?? { participants: [] }, preferencesOf, iso());
      if (mails.length > 0) await outbox.set([...outbox.get(), ...mails]);
    },
  });

  const app = new Hono();
  const requireUser = (c: Context) => {
    const user = demoUser(c.req.raw);
    return user;
  };
  const noStore = { 'cache-control': 'no-store' };

  app.all('/api/*', (c) => {
    const url = new URL(c.req.url);
    url.pathname = url.pathname.slice('/api'.length) || '/';
    return api.fetch(new Request(url, c.req.raw));
  });

  app.get('/demo/session', (c) => {
    const user = requireUser(c);
    return c.json({ user: user ? person(user) : null, people: PEOPLE }, 200, noStore);
  });

  app.post('/demo/session', async (c) => {
    if (!/^application\/json/i.test(c.req.header('content-type') ?? '')) return c.json({ error: 'send JSON' }, 415);
    const body = (await c.req.json().catch(() => null)) as { userId?: unknown } | null;
    const id = typeof body?.userId === 'string' ? body.userId : '';
    if (!person(id)) return c.json({ error: 'no such demo user' }, 404);
    c.header('set-cookie', `${SESSION_COOKIE}=${encodeURIComponent(id)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000`);
    return c.json({ user: person(id) }, 200, noStore);
  });

  app.post('/demo/sign-out', (c) => {
    c.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
    return c.body(null, 204);
  });

  app.get('/demo/settings', (c) => {
    const user = requireUser(c);
    if (!user) return c.json({ error: 'sign in first' }, 401);
    return c.json(settings.get()[user] ?? { notifications: DEFAULT_NOTIFICATION_PREFERENCES }, 200, noStore);
  });

  app.put('/demo/settings', async (c) => {
    const user = requireUser(c);
    if (!user) return c.json({ error: 'sign in first' }, 401);
    if (!/^application\/json/i.test(c.req.header('content-type') ?? '')) return c.json({ error: 'send JSON' }, 415);
    if (Number(c.req.header('content-length') ?? 0) > 32_768) return c.json({ error: 'too large' }, 413);
    const body = (await c.req.json().catch(() => null)) as Partial<StoredSettings> | null;
    if (!body || !isPreferences(body.notifications)) return c.json({ error: 'invalid settings' }, 422);
    const next: StoredSettings = { notifications: body.notifications };
    if (body.workingHours !== undefined) next.workingHours = body.workingHours;
    await settings.set({ ...settings.get(), [user]: next });
    return c.body(null, 204);
  });

  // A thread's messages and meeting events interleaved in stored order, with their stream
  // positions: the page draws the timeline from it and polls the threads it is not streaming.
  app.get('/demo/threads/:id/timeline', async (c) => {
    const user = requireUser(c);
    if (!user) return c.json({ error: 'sign in first' }, 401);
    const thread = await store.getThread(c.req.param('id'));
    if (!thread?.participants.some((p) => p.id === user)) return c.json({ error: 'not a participant' }, 403);
    const after = Math.max(0, Number.parseInt(c.req.query('after') ?? '0', 10) || 0);
    const entries = await store.readStream(thread.id, after, 1000);
    return c.json({ entries, position: entries.at(-1)?.position ?? after }, 200, noStore);
  });

  app.get('/demo/outbox', (c) => {
    const user = requireUser(c);
    if (!user) return c.json({ error: 'sign in first' }, 401);
    return c.json(outbox.get().filter((m) => m.to.id === user).reverse(), 200, noStore);
  });

  app.get('/feeds/:file', (c) => {
    const m = /^([a-z]+)\.ics$/.exec(c.req.param('file'));
    const who = m ? person(m[1]!) : undefined;
    if (!who) return c.text('No such feed', 404);
    return c.body(personalFeed(who, iso()), 200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'no-cache' });
  });

  const staticDir = options.staticDir === undefined ? undefined : resolve(options.staticDir);
  app.get('*', async (c) => {
    if (!staticDir || !existsSync(join(staticDir, 'index.html'))) {
      return c.text('The page is not built. Run `npm start` (it builds the page first).', 503);
    }
    const path = decodeURIComponent(new URL(c.req.url).pathname);
    const file = normalize(join(staticDir, path));
    const inside = file === staticDir || file.startsWith(staticDir + sep);
    const headers: Record<string, string> = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
    if (extname(path) !== '' && !path.startsWith('/guest/')) {
      const info = inside ? await stat(file).catch(() => undefined) : undefined;
      if (!info?.isFile()) return c.text('Not found', 404, headers);
      headers['content-type'] = MIME[extname(file)] ?? 'application/octet-stream';
      headers['cache-control'] = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      if (path === '/mockServiceWorker.js') headers['service-worker-allowed'] = '/';
      return c.body(await readFile(file), 200, headers);
    }
    // Every page path (/, /guest/<token>) is the one-page app.
    headers['content-type'] = MIME['.html']!;
    headers['cache-control'] = 'no-cache';
    headers['content-security-policy'] = PAGE_CSP;
    headers['x-frame-options'] = 'DENY';
    return c.body(await readFile(join(staticDir, 'index.html')), 200, headers);
  });

  const server: ServerType = await new Promise((ok, fail) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.hostname ?? '127.0.0.1' }, () => ok(s));
    s.once('error', fail);
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://localhost:${port}/`,
    port,
    store,
    close: () =>
      (closing ??= (async () => {
        api.closeStreams();
        await new Promise<void>((done) => {
          server.close(() => done());
          if ('closeAllConnections' in server) server.closeAllConnections();
        });
        await Promise.all([settings.flush(), outbox.flush()]);
        await store.close();
      })()),
  };
}
