/**
 * A throwaway PostgreSQL cluster for tests, from Debian's `postgresql` binaries:
 * `initdb` + `pg_ctl` in a temporary folder on a free local port. PostgreSQL refuses
 * to run as root, so as root the commands run as the `postgres` user (`runuser`),
 * which owns the folder. Use `MEETING_SERVER_TEST_DATABASE_URL` to point the tests
 * at an existing server instead.
 *
 * When none can be started, {@link startPostgres} says why, so the tests can skip
 * with that reason (CI installs `postgresql`, so there they run).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type TestPostgres = { connectionString: string; stop: () => void } | { skip: string };

function binDir(): string | undefined {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {
    // no pg_config on PATH
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts a cluster (about 2–4 s) or explains why it cannot. */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  const external = process.env.MEETING_SERVER_TEST_DATABASE_URL;
  if (external) return { connectionString: external, stop: () => {} };

  const bin = binDir();
  if (!bin) return { skip: 'no PostgreSQL binaries (install Debian’s postgresql, or set PG_BIN or MEETING_SERVER_TEST_DATABASE_URL)' };

  const asRoot = process.getuid?.() === 0;
  let owner: { uid: number; gid: number } | undefined;
  if (asRoot) {
    try {
      const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
      owner = { uid: id('-u'), gid: id('-g') };
    } catch {
      return { skip: 'running as root and there is no postgres user to run PostgreSQL as' };
    }
  }
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: tmpdir() });
  };

  const dir = mkdtempSync(join(tmpdir(), 'meeting-server-pg-'));
  const data = join(dir, 'data');
  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (owner) chownSync(dir, owner.uid, owner.gid);
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    const port = await freePort();
    // Tests trade durability for speed; `durable` keeps PostgreSQL's defaults (the benchmark's figures).
    const fast = options.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
    const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${fast} -c max_connections=200`;
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', settings, '-w', '-t', '60', 'start']);
    started = true;
    process.once('exit', stop);
    return { connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    stop();
    return { skip: `PostgreSQL could not be started: ${stderr || (error as Error).message}` };
  }
}
