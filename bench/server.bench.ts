/**
 * `npm run bench` (after the slot search): the server over HTTP on 127.0.0.1.
 *
 * - Validated appends per second and p50/p99 latency at 1, 10 and 100 concurrent
 *   clients, for PGlite and PostgreSQL. Client i owns thread `bench-i` and alternates
 *   a proposal (by `a<i>`) and its accept (by `b<i>`, `If-Match: "0"`): every append
 *   is parsed, checked and folded by core; only 201s count.
 * - pgbench's simple insert rate on the same PostgreSQL (the ceiling), and the ratio.
 * - SSE delivery latency from an append through instance B to a subscriber on
 *   instance A (two server processes, one PostgreSQL).
 * - The server process's peak RSS with 1,000 open streams.
 *
 * Each server runs in its own process (`bench/server-child.ts`), so its CPU and RSS
 * are its own. Figures, not assertions: run it on the machine you care about.
 */
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migratedDataDir } from '../test/server/pglite.ts';
import { startPostgres } from '../test/server/postgres.ts';

const WARM_UP_MS = 1_000;
const MEASURE_MS = 4_000;
const LEVELS = [1, 10, 100];
const SSE_SAMPLES = 300;
const STREAMS = 1_000;
const RSS_TARGET_MB = 250;
const TARGET_RATE = 1_500;
const TARGET_P99_MS = 100;

const childScript = fileURLToPath(new URL('./server-child.ts', import.meta.url));
const children = new Set<ChildProcess>();
const cleanups: Array<() => void> = [];

// ---------------------------------------------------------------------------
// Processes

interface Instance {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

function startServer(env: Record<string, string>): Promise<Instance> {
  const child = fork(childScript, [], {
    env: { ...process.env, ...env },
    // BENCH_SERVER_CPU_PROF=<dir>: write a V8 CPU profile of each server process there.
    execArgv: process.env.BENCH_SERVER_CPU_PROF ? [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_CPU_PROF}`] : process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => children.delete(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening`)));
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve({
        port: (m as { port: number }).port,
        pid: child.pid!,
        stop: async () => {
          if (child.exitCode === null && child.connected) child.send('stop');
          const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
  });
}

function killChildren() {
  for (const c of children) c.kill('SIGKILL');
  for (const f of cleanups.splice(0)) f();
}
process.once('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killChildren();
    process.exit(130);
  });
}

/** CPU milliseconds used so far by process `pid` (user + system). */
function procCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100;

/** CPU milliseconds used so far by the whole machine (all CPUs, not idle or iowait). */
function machineCpuMs(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const busy = ticks.reduce((a, b) => a + b, 0) - ticks[3]! - ticks[4]!;
  return (busy * 1000) / CLOCK_TICKS;
}

/** Kilobytes from /proc/<pid>/status (`VmRSS`, `VmHWM`). */
function procKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

// ---------------------------------------------------------------------------
// HTTP

function post(agent: http.Agent, port: number, path: string, user: string, body: unknown, headers: Record<string, string> = {}): Promise<number> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1', port, path, method: 'POST', agent,
        headers: { 'x-user-id': user, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const slot = (day: number, hour: number) => {
  const start = Date.UTC(2026, 2, day, hour);
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  return { start: iso(start), end: iso(start + 30 * 60_000) };
};

let run = 0;
/** A proposal by a<i> in bench-i and its accept by b<i>. */
function meetingPair(i: number, n: number) {
  const meetingId = `m-${++run}-${i}-${n}`;
  const options = [slot(10 + (n % 10), 13), slot(11 + (n % 10), 15)];
  const proposed = {
    type: 'proposed', id: `${meetingId}-p`, meetingId, by: `a${i}`, at: '2026-03-01T12:00:00Z', threadId: `bench-${i}`,
    invitees: [`b${i}`], options, durationMinutes: 30, title: 'Logo', message: 'Logo review?',
  };
  const accepted = { type: 'accepted', id: `${meetingId}-a`, meetingId, by: `b${i}`, at: '2026-03-02T12:00:00Z', sequence: 0, option: options[0] };
  return { proposed, accepted };
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);

interface LoadResult {
  clients: number;
  /** CPU ms per validated append: the server process, this (client) process, everything else (PostgreSQL, other processes). */
  cpu: { server: number; client: number; rest: number };
  rate: number;
  p50: number;
  p99: number;
  failed: number;
}

/** `clients` loops of propose → accept for WARM_UP_MS + MEASURE_MS; counts the 201s inside the measured window. */
async function load(server: Instance, clients: number): Promise<LoadResult> {
  const port = server.port;
  let cpuAt: { server: number; client: number; machine: number } | undefined;
  const cpuNow = () => ({ server: procCpuMs(server.pid), client: process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000, machine: machineCpuMs() });
  const cpuTimer = setTimeout(() => (cpuAt = cpuNow()), WARM_UP_MS);
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const begin = performance.now();
  const measureFrom = begin + WARM_UP_MS;
  const end = measureFrom + MEASURE_MS;
  const client = async (i: number) => {
    for (let n = 0; ; n++) {
      const { proposed, accepted } = meetingPair(i, n);
      for (const [event, user, headers] of [[proposed, `a${i}`, {}], [accepted, `b${i}`, { 'if-match': '"0"' }]] as const) {
        const t0 = performance.now();
        if (t0 >= end) return;
        const status = await post(agent, port, `/threads/bench-${i}/events`, user, event, headers);
        const t1 = performance.now();
        if (t0 < measureFrom || t1 > end) continue;
        if (status === 201) {
          ok++;
          latencies.push(t1 - t0);
        } else {
          failed++;
          if (failed === 1) console.log(`  (unexpected status ${status} for a ${event.type})`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  clearTimeout(cpuTimer);
  const cpuEnd = cpuNow();
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const per = (x: number) => x / Math.max(1, ok);
  const used = cpuAt ? { server: cpuEnd.server - cpuAt.server, client: cpuEnd.client - cpuAt.client, machine: cpuEnd.machine - cpuAt.machine } : { server: NaN, client: NaN, machine: NaN };
  return {
    clients, rate: ok / (MEASURE_MS / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99), failed,
    cpu: { server: per(used.server), client: per(used.client), rest: per(used.machine - used.server - used.client) },
  };
}

function printLoad(label: string, results: LoadResult[]) {
  for (const r of results) {
    console.log(
      `  ${label.padEnd(10)} ${String(r.clients).padStart(3)} client${r.clients === 1 ? ' ' : 's'}  ${r.rate.toFixed(0).padStart(6)} validated appends/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   CPU/append: server ${r.cpu.server.toFixed(2)}, client ${r.cpu.client.toFixed(2)}, rest ${r.cpu.rest.toFixed(2)} ms${r.failed ? `   (${r.failed} not 201)` : ''}`,
    );
  }
}

// ---------------------------------------------------------------------------
// SSE

interface Stream {
  ready: Promise<void>;
  close(): void;
}

/** Opens /threads/:id/stream; calls onEvent(event id, arrival time) for each meeting-event frame. */
function openStream(port: number, user: string, threadId: string, onEvent?: (id: string, at: number) => void): Stream {
  let close = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: `/threads/${threadId}/stream`, headers: { 'x-user-id': user, accept: 'text/event-stream' }, agent: false },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          const at = performance.now();
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.includes('event: ready')) resolve();
            else if (onEvent && block.includes('event: meeting-event')) {
              const data = block.split('\n').find((l) => l.startsWith('data:'));
              if (data) onEvent((JSON.parse(data.slice(5)) as { id: string }).id, at);
            }
          }
        });
        res.on('error', () => {});
      },
    );
    req.on('error', (e) => reject(e));
    close = () => req.destroy();
  });
  return { ready, close: () => close() };
}

async function sseLatency(portA: number, portB: number) {
  const arrivals = new Map<string, (at: number) => void>();
  const stream = openStream(portA, 'b0', 'bench-0', (id, at) => arrivals.get(id)?.(at));
  await stream.ready;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const fromSend: number[] = [];
  const fromAnswer: number[] = [];
  try {
    for (let n = 0; fromSend.length < SSE_SAMPLES; n++) {
      const { proposed, accepted } = meetingPair(0, n);
      for (const [event, user, headers] of [[proposed, 'a0', {}], [accepted, 'b0', { 'if-match': '"0"' }]] as const) {
        const arrived = new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`event ${event.id} did not reach instance A within 5 s`)), 5_000);
          arrivals.set(event.id, (at) => {
            clearTimeout(timer);
            resolve(at);
          });
        });
        const t0 = performance.now();
        const status = await post(agent, portB, '/threads/bench-0/events', user, event, headers);
        const t1 = performance.now();
        if (status !== 201) throw new Error(`append through B answered ${status}`);
        const at = await arrived;
        arrivals.delete(event.id);
        fromSend.push(at - t0);
        fromAnswer.push(Math.max(0, at - t1));
      }
    }
  } finally {
    stream.close();
    agent.destroy();
  }
  fromSend.sort((a, b) => a - b);
  fromAnswer.sort((a, b) => a - b);
  return { fromSend, fromAnswer };
}

// ---------------------------------------------------------------------------
// pgbench

function pgBin(name: string): string | undefined {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, name))) return join(process.env.PG_BIN, name);
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const v = readdirSync(root).filter((d) => existsSync(join(root, d, 'bin', name))).sort((a, b) => Number(b) - Number(a))[0];
  return v ? join(root, v, 'bin', name) : undefined;
}

/**
 * The append's own transaction, minus Node: lock the thread's stream row, read the
 * meeting and the event id, insert event + fold + position + pg_notify, commit — the
 * statements `sql-store.ts` sends, with the same protocol (extended, unnamed), on
 * threads of its own (`pgbench-<n>`).
 */
const APPEND_SHAPED = String.raw`\set r random(1, 1000000000)
BEGIN;
SELECT position FROM meeting_scheduler.streams WHERE thread_id = 'pgbench-' || :client_id FOR UPDATE;
SELECT thread_id, state FROM meeting_scheduler.meetings WHERE id = 'pgbench-m-' || :client_id || '-' || :r;
SELECT thread_id, body FROM meeting_scheduler.events WHERE id = 'pgbench-e-' || :client_id || '-' || :r;
WITH k AS (SELECT nextval('bench_pgbench_seq') AS n), e AS (
  INSERT INTO meeting_scheduler.events (id, thread_id, position, meeting_id, sequence, type, author_id, body)
  SELECT 'pgbench-e' || n, 'pgbench-' || :client_id, n, 'pgbench-m' || n, 0, 'proposed', 'a0',
    '{"type":"proposed","id":"e","meetingId":"m","by":"a0","at":"2026-03-01T12:00:00Z","threadId":"t","invitees":["b0"],"options":[{"start":"2026-03-10T13:00:00Z","end":"2026-03-10T13:30:00Z"}],"durationMinutes":30}'::text::jsonb FROM k
), m AS (
  INSERT INTO meeting_scheduler.meetings (id, thread_id, sequence, status, state)
  SELECT 'pgbench-m' || n, 'pgbench-' || :client_id, 0, 'proposed',
    '{"id":"m","threadId":"t","status":"proposed","sequence":0,"organizerId":"a0","attendeeIds":["b0"],"history":[]}'::text::jsonb FROM k
  ON CONFLICT (id) DO UPDATE SET sequence = EXCLUDED.sequence, status = EXCLUDED.status, state = EXCLUDED.state, updated_at = now()
), s AS (
  UPDATE meeting_scheduler.streams SET position = position + 1 WHERE thread_id = 'pgbench-' || :client_id
)
SELECT pg_notify('meeting_scheduler_stored', '0 pgbench-' || :client_id);
COMMIT;
`;

/**
 * pgbench on the same PostgreSQL, 10 connections (the server's pool size), 5 s each:
 * single-row inserts (the ceiling), then the append's own transaction. Or why not.
 */
function pgbenchCeilings(connectionString: string): { inserts: number; appendShaped: number } | { skip: string } {
  const bin = pgBin('pgbench');
  const psql = pgBin('psql');
  if (!bin || !psql) return { skip: 'no pgbench binary' };
  const dir = mkdtempSync(join(tmpdir(), 'meeting-bench-pgbench-'));
  const tps = (script: string, protocol: string) => {
    const file = join(dir, 'script.sql');
    writeFileSync(file, script);
    const out = execFileSync(bin, ['-n', '-M', protocol, '-c', '10', '-j', '2', '-T', '5', '-f', file, connectionString], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const m = /tps = ([\d.]+)/.exec(out);
    if (!m) throw new Error(`could not read pgbench's output: ${out}`);
    return Number(m[1]);
  };
  try {
    execFileSync(bin, ['-i', '-q', '-s', '1', connectionString], { stdio: ['ignore', 'pipe', 'pipe'] });
    const inserts = tps('\\set aid random(1, 100000)\nINSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (1, 1, :aid, 1, CURRENT_TIMESTAMP);\n', 'simple');
    execFileSync(psql, ['-q', '-v', 'ON_ERROR_STOP=1', '-c', "CREATE SEQUENCE bench_pgbench_seq; INSERT INTO meeting_scheduler.streams SELECT 'pgbench-' || i, 0 FROM generate_series(0, 99) i", connectionString], { stdio: ['ignore', 'pipe', 'pipe'] });
    const appendShaped = tps(APPEND_SHAPED, 'extended');
    return { inserts, appendShaped };
  } catch (error) {
    return { skip: `pgbench failed: ${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// RSS with open streams

async function rssWithStreams(env: Record<string, string>) {
  const server = await startServer(env);
  try {
    const idleKb = procKb(server.pid, 'VmRSS');
    const streams: Stream[] = [];
    // 100 threads, 10 streams on each (5 per participant), opened 100 at a time.
    for (let k = 0; k < STREAMS; k += 100) {
      const batch = Array.from({ length: 100 }, (_, j) => {
        const i = (k + j) % 100;
        return openStream(server.port, (k / 100) % 2 === 0 ? `a${i}` : `b${i}`, `bench-${i}`);
      });
      streams.push(...batch);
      await Promise.all(batch.map((s) => s.ready));
    }
    // Make every stream deliver: one proposal per thread, fanned out to its 10 streams.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
    await Promise.all(Array.from({ length: 100 }, (_, i) => post(agent, server.port, `/threads/bench-${i}/events`, `a${i}`, meetingPair(i, 0).proposed)));
    agent.destroy();
    await new Promise((r) => setTimeout(r, 500));
    const openKb = procKb(server.pid, 'VmRSS');
    const peakKb = procKb(server.pid, 'VmHWM');
    for (const s of streams) s.close();
    return { idleMb: idleKb / 1024, openMb: openKb / 1024, peakMb: peakKb / 1024 };
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------

const mb = (x: number) => `${x.toFixed(0)} MB`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

console.log(`\nServer (HTTP on 127.0.0.1, @hono/node-server; ${cpus().length} CPUs, ${mb(totalmem() / 2 ** 20)} RAM, Node ${process.version})`);
{
  const m0 = machineCpuMs();
  await new Promise((r) => setTimeout(r, 1_000));
  console.log(`  machine busy before starting: ${((machineCpuMs() - m0) / 10 / cpus().length).toFixed(0)}% of ${cpus().length} CPUs (other processes compete with the figures below), load average ${loadavg()[0]!.toFixed(1)}`);
}
console.log(`  each level: ${WARM_UP_MS / 1000} s warm-up, ${MEASURE_MS / 1000} s measured; client i alternates propose/accept on its own thread\n`);

// PGlite
{
  const dataDir = await migratedDataDir();
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const server = await startServer({ DATA_DIR: dataDir, SEED_THREADS: '100' });
  const results: LoadResult[] = [];
  try {
    for (const clients of LEVELS) results.push(await load(server, clients));
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  printLoad('PGlite', results);
}

// PostgreSQL
const postgres = await startPostgres();
const rss: Array<{ on: string } & Awaited<ReturnType<typeof rssWithStreams>>> = [];
if ('skip' in postgres) {
  console.log(`  PostgreSQL skipped: ${postgres.skip}`);
} else {
  cleanups.push(postgres.stop);
  const url = postgres.connectionString;
  try {
    const a = await startServer({ DATABASE_URL: url, SEED_THREADS: '100' });
    let b: Instance | undefined;
    try {
      const results: LoadResult[] = [];
      for (const clients of LEVELS) results.push(await load(a, clients));
      printLoad('PostgreSQL', results);
      const top = results.at(-1)!;
      const ceiling = pgbenchCeilings(url);
      if ('skip' in ceiling) console.log(`  pgbench skipped: ${ceiling.skip}`);
      else {
        console.log(`  pgbench    10 clients  ${ceiling.inserts.toFixed(0).padStart(6)} single-row inserts/s (INSERT INTO pgbench_history, -T 5) — the ceiling`);
        console.log(`  pgbench    10 clients  ${ceiling.appendShaped.toFixed(0).padStart(6)} append-shaped transactions/s (the store's 6 statements + pg_notify, no Node, no core)`);
        console.log(
          `  ratio      validated appends at 100 clients / pgbench inserts = ${(top.rate / ceiling.inserts).toFixed(3)};` +
            ` / append-shaped transactions = ${(top.rate / ceiling.appendShaped).toFixed(2)}`,
        );
      }
      console.log(
        `  target     PostgreSQL ≥ ${TARGET_RATE} validated appends/s at 100 clients: ${verdict(top.rate >= TARGET_RATE)} (${top.rate.toFixed(0)});` +
          ` p99 ≤ ${TARGET_P99_MS} ms: ${verdict(top.p99 <= TARGET_P99_MS)} (${top.p99.toFixed(1)} ms)`,
      );

      b = await startServer({ DATABASE_URL: url });
      const sse = await sseLatency(a.port, b.port);
      const f = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms`;
      console.log(`\n  SSE, append through instance B → frame on instance A (${SSE_SAMPLES} appends, one at a time):`);
      console.log(`    from sending the append   ${f(sse.fromSend)}`);
      console.log(`    from B's 201              ${f(sse.fromAnswer)}`);
    } finally {
      await Promise.all([a.stop(), b?.stop()]);
    }
    rss.push({ on: 'PostgreSQL', ...(await rssWithStreams({ DATABASE_URL: url, SEED_THREADS: '100' })) });
  } catch (error) {
    // e.g. MEETING_SERVER_TEST_DATABASE_URL names a server that is not there.
    console.log(`  PostgreSQL part stopped: ${(error as Error).message}`);
  } finally {
    postgres.stop();
  }
}

// PGlite too: the embedded database lives in the server process, so its memory is the server's.
{
  const dataDir = await migratedDataDir();
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  try {
    rss.push({ on: 'PGlite', ...(await rssWithStreams({ DATA_DIR: dataDir, SEED_THREADS: '100' })) });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
console.log(`\n  RSS of the server process with ${STREAMS} open streams (100 threads × 10, one event fanned out to each) — target ≤ ${RSS_TARGET_MB} MB:`);
for (const r of rss) {
  console.log(
    `    ${r.on.padEnd(10)} ${mb(r.idleMb)} idle, ${mb(r.openMb)} with the streams open, peak ${mb(r.peakMb)}: ${verdict(r.peakMb <= RSS_TARGET_MB)}` +
      (r.on === 'PGlite' ? ' (includes the embedded database)' : ''),
  );
}
