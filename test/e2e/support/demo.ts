/**
 * The end-to-end harness: the messaging demo as `npm start` runs it (the built page
 * in `examples/messaging-demo/dist`, the demo server on PGlite), and people in
 * Debian's Chromium through playwright-core, each in their own browser context with
 * their own time zone, sign-in cookie and clock.
 *
 * - `startDemo()` starts the server on a copy of the migrated PGlite template (no
 *   20 s initdb) and a free port; `stop()` / `restart()` keep the data folder and the
 *   port, so open pages reconnect to the same address after a restart.
 * - `launchChromium()` never downloads a browser (`CHROME_PATH` or /usr/bin/chromium).
 * - `signedInPage()` / `guestPage()` collect every page error and console error; the
 *   session's `close()` fails the test when any was reported (see `EXPECTED_CONSOLE`
 *   for the only messages that are allowed, and why).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startDemoServer, SESSION_COOKIE, type DemoServer } from '../../../examples/messaging-demo/server/demo-server.ts';
import { migratedDataDir } from '../../server/pglite.ts';
import { snap } from './expect.ts';

/** The built page `npm run build -w examples/messaging-demo` writes. */
const PAGE_DIR = fileURLToPath(new URL('../../../examples/messaging-demo/dist/', import.meta.url));

/**
 * The moment every e2e story starts at: Monday 11 January 2027, 13:45 UTC — 8:45 AM in
 * New York (EST, UTC−5), 7:15 PM in Kolkata (IST, UTC+5:30), 2:45 PM in Berlin (CET).
 * No clock changes anywhere for weeks either side, so every label is known exactly;
 * a quarter past a half hour, so the next free time in the grid (9:00 AM in New
 * York) does not turn into the past while a test runs.
 */
const E2E_NOW = '2027-01-11T13:45:00Z';

export type DemoUserId = 'alice' | 'bob' | 'carol';

export interface Demo {
  /** `http://localhost:<port>/`, the same across restarts. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** The running server (throws while stopped). */
  readonly server: DemoServer;
  /** Milliseconds since the epoch as the server sees them: `E2E_NOW`, moving at real speed. */
  now(): number;
  /** Stops the server (connections are cut, the data folder stays). */
  stop(): Promise<void>;
  /** Starts it again on the same data folder and port. */
  restart(): Promise<void>;
  /** Stops it and removes the data folder. */
  close(): Promise<void>;
}

export interface StartDemoOptions {
  /** The server's clock start (default `E2E_NOW`); it then moves at real speed. */
  startAt?: string;
  /** Progress lines of the server (default: silent). */
  log?: (line: string) => void;
}

/** Starts the demo server with the built page on a fresh copy of the migrated database. */
export async function startDemo(options: StartDemoOptions = {}): Promise<Demo> {
  if (!existsSync(join(PAGE_DIR, 'index.html'))) {
    throw new Error(`${PAGE_DIR}index.html is missing: build the demo first (npm run build -w examples/messaging-demo)`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'meeting-e2e-'));
  const template = await migratedDataDir();
  mkdirSync(join(dataDir, 'db'));
  cpSync(template, join(dataDir, 'db'), { recursive: true });
  rmSync(template, { recursive: true, force: true });

  // A private copy of the page: a build running meanwhile (npm test builds every
  // workspace) empties dist/ for a moment, which must not break a running suite.
  const staticDir = join(dataDir, 'page');
  cpSync(PAGE_DIR, staticDir, { recursive: true });

  const startMs = Date.parse(options.startAt ?? E2E_NOW);
  const realStart = Date.now();
  const now = () => startMs + (Date.now() - realStart);
  const log = options.log ?? (() => {});
  let current: DemoServer | undefined = await startDemoServer({ dataDir, port: 0, staticDir, log, now });
  const port = current.port;
  const url = current.url;

  const stop = async () => {
    const s = current;
    current = undefined;
    await s?.close();
  };
  return {
    url,
    port,
    dataDir,
    get server() {
      if (!current) throw new Error('the demo server is stopped');
      return current;
    },
    now,
    stop,
    async restart() {
      await stop();
      current = await startDemoServer({ dataDir, port, staticDir, log, now });
    },
    async close() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium (or `CHROME_PATH`), headless; nothing is downloaded. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
}

/**
 * Console messages a healthy run does print, matched exactly by pattern. Each is a
 * browser's own report of something the test does on purpose; nothing the app logs.
 */
const EXPECTED_CONSOLE: ReadonlyArray<{ pattern: RegExp; why: string }> = [];

export interface PersonOptions {
  /** IANA zone of the browser context (the person's profile zone in the demo too). */
  timezoneId: string;
  locale?: string;
  /** Where the browser clock starts (default `E2E_NOW`); it then moves at real speed. */
  startAt?: string;
  viewport?: { width: number; height: number };
  /** Extra console errors that this person's test provokes on purpose (say why in the test). */
  expectConsole?: RegExp[];
}

/** One person's browser: a context, its first page, and the problems the page reported. */
export interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Page errors and console errors seen so far, minus the expected ones. */
  readonly problems: string[];
  /** Fails when any problem was reported. */
  assertHealthy(): void;
  /** Closes the context, then fails when any problem was reported. */
  close(): Promise<void>;
}

function watch(page: Page, problems: string[], expected: RegExp[]): void {
  const allowed = (text: string) => expected.some((p) => p.test(text)) || EXPECTED_CONSOLE.some((e) => e.pattern.test(text));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    if (!allowed(text)) problems.push(`console error on ${page.url()}: ${text}`);
  });
  page.on('pageerror', (e) => {
    problems.push(`page error on ${page.url()}: ${e.stack ?? e.message}`);
  });
}

async function session(browser: Browser, demo: Demo, options: PersonOptions, userId: DemoUserId | undefined, path: string): Promise<Session> {
  const context = await browser.newContext({
    timezoneId: options.timezoneId,
    locale: options.locale ?? 'en-US',
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  // Long enough for a busy 2-core machine, short enough that a missing element fails the step soon.
  context.setDefaultTimeout(20_000);
  await context.clock.install({ time: options.startAt ?? E2E_NOW });
  if (userId) {
    // The demo's sign-in is this cookie (DEMO ONLY): what POST /demo/session sets.
    await context.addCookies([{ name: SESSION_COOKIE, value: userId, url: demo.url, httpOnly: true, sameSite: 'Lax' }]);
  }
  const problems: string[] = [];
  const expected = options.expectConsole ?? [];
  context.on('page', (p) => watch(p, problems, expected));
  const page = await context.newPage();
  await page.goto(new URL(path, demo.url).href);
  const assertHealthy = () => {
    if (problems.length > 0) throw new Error(`the page reported problems:\n${problems.join('\n')}`);
  };
  return {
    context,
    page,
    problems,
    assertHealthy,
    async close() {
      await context.close();
      assertHealthy();
    },
  };
}

/**
 * A person signed in to the demo (`userId`), in a new browser context whose time zone
 * is `timezoneId` and whose clock starts at `startAt` (default `E2E_NOW`). The page is
 * open at `path` (default `/`) and the app has started (`window.meetingDemo.user`).
 */
export async function signedInPage(browser: Browser, demo: Demo, userId: DemoUserId, options: PersonOptions & { path?: string }): Promise<Session> {
  const s = await session(browser, demo, options, userId, options.path ?? '/');
  const ready = () =>
    s.page.waitForFunction((id) => (globalThis as { meetingDemo?: { user: { id: string } | null } }).meetingDemo?.user?.id === id, userId);
  await ready();
  // On a first visit msw's worker may take control only after the page started, and msw then
  // reloads the page at a moment of its choosing — in the middle of a step, on a slow machine.
  // Wait until the worker controls the page and reload once, so no reload comes later.
  await s.page.waitForFunction(() => (globalThis as unknown as { navigator: { serviceWorker?: { controller: unknown } } }).navigator.serviceWorker?.controller != null);
  await s.page.reload();
  await ready();
  return s;
}

/** Someone with no demo session (a guest, or the sign-in page), at `path`. */
export function anonymousPage(browser: Browser, demo: Demo, path: string, options: PersonOptions): Promise<Session> {
  return session(browser, demo, options, undefined, path);
}

/** Milliseconds since `t0`, as "12.3 s" (the suite prints how long each step took). */
export function elapsed(t0: number): string {
  return `${((performance.now() - t0) / 1000).toFixed(1)} s`;
}

/**
 * Steps of one story in a file: each prints its duration and checks that the people's pages
 * stayed healthy; once one fails, screenshots are taken and the later steps are skipped.
 */
export function storySteps(o: { healthy: () => Array<Session | undefined>; shots: () => Array<[string, Session | undefined]>; prefix?: string }) {
  let broken: string | undefined;
  return function step(name: string, fn: () => Promise<void>): void {
    test(name, async (t) => {
      if (broken) return t.skip(`an earlier step failed: ${broken}`);
      const t0 = performance.now();
      try {
        await fn();
        for (const s of o.healthy()) s?.assertHealthy();
      } catch (error) {
        broken = name;
        for (const [who, s] of o.shots()) {
          if (s && !s.page.isClosed()) await snap(s.page, `${o.prefix ?? ''}failed-${who}`).catch(() => {});
        }
        throw error;
      }
      console.log(`    ${elapsed(t0)}`);
    });
  };
}
