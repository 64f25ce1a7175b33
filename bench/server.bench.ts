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
import net from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migratedDataDir } from '../test/server/pglite.ts';
import { startPostgres } from '../test/server/postgres.ts';
import { applyMeetingEvent, type Meeting, type MeetingEvent } from '@meeting-scheduler/core';

const WARM_UP_MS = 1_000;
const MEASURE_MS = 4_000;
const LEVELS = [1, 10, 100];
const SSE_SAMPLES = 300;
const STREAMS = 1_000;
const RSS_TARGET_MB = 250;
const TARGET_RATE = 1_500;
const TARGET_P99_MS = 100;
/** The server's PostgreSQL pool size (BENCH_POOL, default the store's 10); pgbench uses as many connections. */
const POOL = Number(process.env.BENCH_POOL ?? 10);

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

/**
 * The load's HTTP client, as cheap as it can be on a machine whose 2 CPUs the server
 * and PostgreSQL need: one keep-alive socket per client, requests written as
 * pre-formatted bytes, answers read only for their status and Content-Length.
 */
class RawClient {
  readonly #socket: net.Socket;
  #buffer = Buffer.alloc(0);
  #waiting: { resolve: (status: number) => void; reject: (e: Error) => void } | undefined;

  constructor(port: number) {
    this.#socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
    this.#socket.on('data', (chunk) => {
      this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
      this.#answer();
    });
    this.#socket.on('error', (e) => this.#waiting?.reject(e));
    this.#socket.on('close', () => this.#waiting?.reject(new Error('the server closed the connection')));
  }

  #answer(): void {
    const head = this.#buffer.indexOf('\r\n\r\n');
    if (head < 0 || !this.#waiting) return;
    const header = this.#buffer.toString('latin1', 0, head);
    const length = /\r\ncontent-length: *(\d+)/i.exec(header);
    if (!length) return this.#waiting.reject(new Error(`an answer without Content-Length: ${header}`));
    const end = head + 4 + Number(length[1]);
    if (this.#buffer.length < end) return;
    this.#buffer = this.#buffer.subarray(end);
    const w = this.#waiting;
    this.#waiting = undefined;
    w.resolve(Number(header.slice(9, 12)));
  }

  post(path: string, user: string, body: string, headers = ''): Promise<number> {
    const payload = Buffer.from(body);
    const request = `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nx-user-id: ${user}\r\ncontent-type: application/json\r\ncontent-length: ${payload.length}\r\n${headers}\r\n`;
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
      this.#socket.write(Buffer.concat([Buffer.from(request, 'latin1'), payload]));
    });
  }

  close(): void {
    this.#socket.destroy();
  }
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
  const sockets = Array.from({ length: clients }, () => new RawClient(port));
  // Bodies made before the clock starts: the client's CPU is the server's too.
  const prepared = Array.from({ length: clients }, (_, i) =>
    Array.from({ length: Math.ceil(20_000 / clients) + 200 }, (_, n) => meetingPair(i, n)).flatMap(({ proposed, accepted }) => [
      { type: proposed.type, user: `a${i}`, body: JSON.stringify(proposed), headers: '' },
      { type: accepted.type, user: `b${i}`, body: JSON.stringify(accepted), headers: 'if-match: "0"\r\n' },
    ]),
  );
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const cpuTimer = setTimeout(() => (cpuAt = cpuNow()), WARM_UP_MS);
  const begin = performance.now();
  const measureFrom = begin + WARM_UP_MS;
  const end = measureFrom + MEASURE_MS;
  const client = async (i: number) => {
    const socket = sockets[i]!;
    const path = `/threads/bench-${i}/events`;
    for (const { type, user, body, headers } of prepared[i]!) {
      const t0 = performance.now();
      if (t0 >= end) return;
      const status = await socket.post(path, user, body, headers);
      const t1 = performance.now();
      if (t0 < measureFrom || t1 > end) continue;
      if (status === 201) {
        ok++;
        latencies.push(t1 - t0);
      } else {
        failed++;
        if (failed === 1) console.log(`  (unexpected status ${status} for a ${type})`);
      }
    }
    throw new Error('client ran out of prepared appends: make more');
  };
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  clearTimeout(cpuTimer);
  const cpuEnd = cpuNow();
  for (const socket of sockets) socket.close();
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

/** The settings that decide what a commit costs, as the cluster under test has them. */
function clusterSettings(connectionString: string): string {
  const psql = pgBin('psql');
  if (!psql) return 'unknown (no psql)';
  const names = ['server_version', 'fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'max_connections'];
  const out = execFileSync(psql, ['-At', '-F', '=', '-c', `SELECT name, setting || COALESCE(unit, '') FROM pg_settings WHERE name IN (${names.map((n) => `'${n}'`).join(', ')}) ORDER BY name`, connectionString], { encoding: 'utf8' });
  return out.trim().split('\n').join(', ');
}

/** SQL text of a string literal. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * The server's appends minus Node and HTTP: each pgbench "transaction" is one
 * propose → accept pair, two `append_events` calls as `sql-store.ts` sends them
 * (prepared, one append each — the server's batching of concurrent appends is not
 * mirrored, so this is what the appends cost unbatched), with the bodies and folds core
 * makes for the load's own events, on threads of its own (`pgbench-<client>`, stored in
 * the threads table with the participants the thread check compares).
 */
function appendPairScript(): string {
  const { proposed, accepted } = meetingPair(0, 0);
  const participants = [
    { id: 'a0', name: 'A 0', timeZone: 'America/New_York' },
    { id: 'b0', name: 'B 0', timeZone: 'Europe/Berlin' },
  ];
  const info = { id: 'bench-0', title: 'Bench', participants, currentUserId: 'a0' };
  const afterProposal = applyMeetingEvent(null, proposed as MeetingEvent, info);
  if (!afterProposal.ok) throw afterProposal.error;
  const afterAccept = applyMeetingEvent(afterProposal.meeting, accepted as MeetingEvent, { ...info, currentUserId: 'b0' });
  if (!afterAccept.ok) throw afterAccept.error;
  // The item sql-store.ts sends, with this client's thread and fresh ids spliced in.
  const call = (event: MeetingEvent, expected: number | null, meeting: Meeting, suffix: string) => {
    // pgbench reads ":name" as a variable anywhere in the text, so no colon may be followed
    // by a name character: a space after each structural colon, \u003a inside strings
    // (the same jsonb once parsed).
    const item = JSON.stringify(
      {
        n: 1, thread_id: '@thread', check_thread: true, title: 'Bench', participants, event_id: '@event', meeting_id: '@meeting',
        expected_sequence: expected, sequence: meeting.sequence, type: event.type, author_id: event.by, status: meeting.status,
        body: event, state: meeting,
      },
      null,
      1,
    )
      .replace(/\n */g, '')
      .replace(/:(?! )/g, '\\u003a');
    const spliced = literal(`[${item}]`)
      .replace('"@thread"', `"pgbench-' || :client_id::text || '"`)
      .replace('"@event"', `"pgbench-e-' || :client_id::text || '-' || :n::text || '${suffix}"`)
      .replace('"@meeting"', `"pgbench-m-' || :client_id::text || '-' || :n::text || '"`);
    return `SELECT item, stored_position, thread_found, thread_title, thread_participants, meeting_thread, meeting_state, event_thread, event_body FROM meeting_scheduler.append_events((${spliced})::text::jsonb);`;
  };
  // One pgbench variable counts the pairs of each client (a random id would now and then repeat).
  return [
    '\\set n random(1, 2000000000)',
    call(proposed as MeetingEvent, null, afterProposal.meeting, '-p'),
    call(accepted as MeetingEvent, 0, afterAccept.meeting, '-a'),
    '',
  ].join('\n');
}

/**
 * pgbench on the same PostgreSQL, `pool` connections (the server's pool size), 5 s
 * each: single-row inserts (the ceiling), then the server's appends. Or why not.
 */
function pgbenchCeilings(connectionString: string, pool: number): { inserts: number; appends: number; stored: number; expected: number } | { skip: string } {
  const bin = pgBin('pgbench');
  const psql = pgBin('psql');
  if (!bin || !psql) return { skip: 'no pgbench binary' };
  const dir = mkdtempSync(join(tmpdir(), 'meeting-bench-pgbench-'));
  const tps = (script: string, protocol: string) => {
    const file = join(dir, 'script.sql');
    writeFileSync(file, script);
    const out = execFileSync(bin, ['-n', '-M', protocol, '-c', String(pool), '-j', '2', '-T', '5', '-f', file, connectionString], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const m = /tps = ([\d.]+)/.exec(out);
    const count = /number of transactions actually processed: (\d+)/.exec(out);
    if (!m || !count) throw new Error(`could not read pgbench's output: ${out}`);
    return { tps: Number(m[1]), transactions: Number(count[1]) };
  };
  const sql = (command: string) => execFileSync(psql, ['-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-c', command, connectionString], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  try {
    execFileSync(bin, ['-i', '-q', '-s', '1', connectionString], { stdio: ['ignore', 'pipe', 'pipe'] });
    const inserts = tps('\\set aid random(1, 100000)\nINSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (1, 1, :aid, 1, CURRENT_TIMESTAMP);\n', 'simple').tps;
    sql(
      `INSERT INTO meeting_scheduler.threads (id, title, participants) SELECT 'pgbench-' || i, 'Bench', ` +
        `'[{"id":"a0","name":"A 0","timeZone":"America/New_York"},{"id":"b0","name":"B 0","timeZone":"Europe/Berlin"}]'::jsonb FROM generate_series(0, ${pool - 1}) i`,
    );
    const pairs = tps(appendPairScript(), 'prepared');
    // Every call must have stored (a repeated random id would not): count what it wrote.
    const stored = Number(sql("SELECT count(*) FROM meeting_scheduler.events WHERE thread_id LIKE 'pgbench-%'"));
    return { inserts, appends: pairs.tps * 2, stored, expected: pairs.transactions * 2 };
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

/** BENCH_STORES=postgres (or pglite) runs one store's part only. */
const stores = (process.env.BENCH_STORES ?? 'pglite,postgres').split(',');

// PGlite
if (stores.includes('pglite')) {
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
// PostgreSQL's durable defaults (fsync, synchronous_commit on) unless BENCH_FAST=1 asks for the tests' settings.
const postgres = stores.includes('postgres') ? await startPostgres({ durable: process.env.BENCH_FAST !== '1' }) : { skip: 'not in BENCH_STORES' };
const rss: Array<{ on: string } & Awaited<ReturnType<typeof rssWithStreams>>> = [];
if ('skip' in postgres) {
  console.log(`  PostgreSQL skipped: ${postgres.skip}`);
} else {
  cleanups.push(postgres.stop);
  const url = postgres.connectionString;
  try {
    const a = await startServer({ DATABASE_URL: url, SEED_THREADS: '100', POOL: String(POOL) });
    let b: Instance | undefined;
    try {
      const results: LoadResult[] = [];
      for (const clients of LEVELS) results.push(await load(a, clients));
      printLoad('PostgreSQL', results);
      console.log(`  PostgreSQL settings: ${clusterSettings(url)} (the store never changes them; a throwaway cluster with PostgreSQL's durable defaults unless BENCH_FAST=1)`);
      const top = results.at(-1)!;
      const ceiling = pgbenchCeilings(url, POOL);
      if ('skip' in ceiling) console.log(`  pgbench skipped: ${ceiling.skip}`);
      else {
        const clients = `${String(POOL).padStart(3)} clients`;
        console.log(`  pgbench   ${clients}  ${ceiling.inserts.toFixed(0).padStart(6)} single-row inserts/s (INSERT INTO pgbench_history, -T 5) — the ceiling`);
        console.log(
          `  pgbench   ${clients}  ${ceiling.appends.toFixed(0).padStart(6)} appends/s: the server's append_events calls, one append each (unbatched), propose + accept, no HTTP/Node/core` +
            (ceiling.stored === ceiling.expected ? '' : `   (only ${ceiling.stored} of ${ceiling.expected} stored!)`),
        );
        console.log(
          `  ratio      validated appends at 100 clients / pgbench inserts = ${(top.rate / ceiling.inserts).toFixed(3)};` +
            ` / pgbench appends = ${(top.rate / ceiling.appends).toFixed(2)}`,
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
if (stores.includes('pglite')) {
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
