/**
 * A PGlite store for one test file, fast. A fresh PGlite runs initdb (7–30 s on a busy
 * machine); reopening a data folder takes ~2 s. So the first test file builds a
 * migrated template folder once (per PGlite version, in the OS temp folder) and every
 * file opens its own copy of it.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pgliteStore, type MeetingStore } from '@meeting-scheduler/server';

function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

const template = join(tmpdir(), `meeting-server-test-pglite-${pgliteVersion()}`);
const ready = `${template}.ready`;
const lock = `${template}.lock`;

async function ensureTemplate(): Promise<void> {
  const started = Date.now();
  while (!existsSync(ready)) {
    let mine = false;
    try {
      mkdirSync(lock);
      mine = true;
    } catch {
      // Another test file is building it; a lock older than 3 minutes was abandoned.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
    }
    if (mine) {
      try {
        const building = `${template}.building-${process.pid}`;
        rmSync(building, { recursive: true, force: true });
        const store = await pgliteStore({ dataDir: building, log: () => {} });
        await store.close();
        rmSync(template, { recursive: true, force: true });
        renameSync(building, template);
        writeFileSync(ready, new Date().toISOString());
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
      return;
    }
    if (Date.now() - started > 240_000) throw new Error('timed out waiting for the PGlite template');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A new temporary folder holding a migrated PGlite database (the caller removes it). */
export async function migratedDataDir(): Promise<string> {
  await ensureTemplate();
  const dataDir = mkdtempSync(join(tmpdir(), 'meeting-server-test-'));
  cpSync(template, dataDir, { recursive: true });
  return dataDir;
}

/** A migrated PGlite store in its own temporary folder, removed on close. */
export async function testPglite(): Promise<{ store: MeetingStore; dataDir: string; close: () => Promise<void> }> {
  const dataDir = await migratedDataDir();
  const store = await pgliteStore({ dataDir, log: () => {} });
  return {
    store,
    dataDir,
    close: async () => {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
