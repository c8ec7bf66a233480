/**
 * The request path against a bare baseline, side by side (N1, issue #19):
 *
 *   npm run bench -- http                                   1,000,000 e-bikes, 100 and 1,000 connections, 10 s a run
 *   BENCH_EBIKES=100000 BENCH_SECONDS=5 BENCH_CONNECTIONS=100 BENCH_SCENARIOS=e9,me npm run bench -- http
 *   BENCH_ROUNDS=3                                          three alternating repetitions of every pair
 *   BENCH_PROFILE_DIR=/tmp/prof                             a CPU profile of the server (.cpuprofile, on stop)
 *   BENCH_PGLITE=0                                          without the embedded-database runs at the end
 *   BENCH_SESSION_CACHE_MS=0                                the session cache's maximum age (ADR 0016; 0: off)
 *
 * A throwaway PostgreSQL cluster, the real server (apps/server/src/main.ts, one process, default settings) and a bare
 * Fastify + pg server (http-baseline.ts) on the same database. The server fills a small demo population with real,
 * server-encrypted owners; a bulk load (generate_series inside PostgreSQL, ebike-load.ts) adds BENCH_EBIKES vehicles
 * that reuse those owners' ciphertexts, and 1.3 ledger rows each. autocannon then drives the product and the baseline
 * alternately with the same requests: E9 by plate, the vehicle page, /api/auth/me and a 变更 (E3, colours).
 * Ratios product / baseline are the result: both share the two cores with the load generator and PostgreSQL, and the
 * absolute figures move with whatever else the machine runs (the load average is printed before and after). Each
 * server's CPU time per answer (from /proc) is printed too: on a shared machine it holds better than req/s.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, type RunningServer, startServer } from '@shtp/testkit/server';
import autocannon from 'autocannon';
import pg from 'pg';
import { PostgresUnavailable, startThrowawayPostgres, type ThrowawayPostgres } from '../scripts/pg-cluster.mjs';
import { cpuMs, loadAverage, postgresCpu, postgresCpuSince } from './bench-process.ts';
import { type BenchSession, officerSessions, openSession } from './bench-sessions.ts';
import { CHUNK, dropForLoad, inParallel, insertBusinesses, insertVehicles, MAX_EBIKES } from './ebike-load.ts';

const EBIKES = Number(process.env.BENCH_EBIKES ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '100,1000').split(',').map(Number);
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'e9,page,me,write').split(',');
/** Vehicles the demo job registers through the real business path: their owners are encrypted by the server. */
const DEMO_EBIKES = 200;
const SESSIONS = 20;
const POOL_SIZE = 20;
if (!Number.isInteger(EBIKES) || EBIKES < 10_000 || EBIKES > MAX_EBIKES || !(SECONDS >= 2) || CONNECTIONS.some((c) => !(c >= 1))) {
  console.error(`BENCH_EBIKES 须为 10000–${MAX_EBIKES} 的整数，BENCH_SECONDS 不小于 2，BENCH_CONNECTIONS 为逗号分隔的正整数`);
  process.exit(2);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const since = (from: number) => `${((performance.now() - from) / 1000).toFixed(0)} s`;
let cluster: ThrowawayPostgres | undefined;
let baselinePid: number | undefined;
let server: RunningServer | undefined;
let stopBaseline: (() => Promise<void>) | undefined;
const cleanUp = async () => {
  await stopBaseline?.();
  await server?.stop();
  cluster?.stop();
};
process.on('SIGINT', () => void cleanUp().then(() => process.exit(130)));
// A throw inside autocannon's callbacks ends the process without main's finally: stop the servers and the cluster here.
process.on('uncaughtException', (err) => {
  console.error(err);
  void cleanUp().then(() => process.exit(1));
});

/** Adds EBIKES vehicles (and their ledgers) beside the demo population, as a restore would: indexes rebuilt after. */
async function bulkLoad(pool: pg.Pool): Promise<number> {
  const started = performance.now();
  const { rows } = await pool.query<{ max: number }>('select max(id)::int as max from nm_vehicles');
  const demoMax = rows[0]!.max;
  const departmentIds = (await pool.query<{ id: number }>('select id from departments order by id')).rows.map((r) => r.id);
  const { indexes, foreignKeys } = await dropForLoad(pool);
  const chunks = Array.from({ length: Math.ceil(EBIKES / CHUNK) }, (_, k) => [1 + k * CHUNK, Math.min((k + 1) * CHUNK, EBIKES)] as const);
  await inParallel(pool, 2, chunks, (c, [lo, hi]) => insertVehicles(c, lo, hi, departmentIds, demoMax));
  // The bulk keys are a permutation of their own: drop the few that meet a demo vehicle's before the unique indexes return.
  for (const key of ['plate', 'zcbm', 'motor_no'])
    await pool.query(`delete from nm_vehicles v using nm_vehicles d where d.id <= $1 and v.id > $1 and v.${key} = d.${key}`, [demoMax]);
  const ids = (await pool.query<{ max: number }>('select max(id)::int as max from nm_vehicles')).rows[0]!.max;
  const idChunks = Array.from(
    { length: Math.ceil((ids - demoMax) / CHUNK) },
    (_, k) => [demoMax + 1 + k * CHUNK, Math.min(demoMax + (k + 1) * CHUNK, ids)] as const,
  );
  await inParallel(pool, 2, idChunks, (c, [lo, hi]) => insertBusinesses(c, lo, hi));
  await inParallel(pool, 2, indexes, (c, statement) => c.query(statement).then(() => undefined));
  for (const statement of foreignKeys) await pool.query(statement);
  await pool.query('vacuum (analyze) nm_vehicles, ebike_businesses');
  console.log(`批量装载：${ids - demoMax} 辆（另有演示数据 ${demoMax} 辆），含业务流水与索引重建，用时 ${since(started)}`);
  return demoMax;
}

/** The bare server as a child process on the same database; resolves once it answers. */
async function startBaseline(databaseUrl: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'http-baseline.ts')], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, DB_POOL_SIZE: String(POOL_SIZE) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  baselinePid = child.pid;
  stopBaseline = async () => {
    if (child.exitCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await gone;
  };
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; ; ) {
    if (child.exitCode !== null) throw new Error('基线服务启动失败');
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return url;
    if (Date.now() > deadline) throw new Error('等待基线服务超时');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface Scenario {
  key: string;
  title: string;
  /** The next request for one target; a write names the vehicle it changes. */
  request(session: BenchSession, target: 'product' | 'baseline'): { method: 'GET' | 'POST'; path: string; body?: string; vehicleId?: number };
  /** Told of every answer to a request that named a vehicle. */
  answered?(target: 'product' | 'baseline', vehicleId: number, status: number): void;
}

interface Outcome {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  ok: number;
  shed: number;
  /** Other non-2xx answers (500s among them), connection errors and timeouts. */
  failed: number;
  statuses: string;
  /** The server process's CPU time per answer (any status), ms; NaN when unknown. */
  cpuPerAnswer: number;
  /** The database's backends' CPU time per answer, ms (PostgreSQL on this host); NaN when not measured. */
  pgCpuPerAnswer: number;
}

const percentile = (sorted: Float64Array, p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : Number.NaN;

async function drive(
  baseUrl: string,
  connections: number,
  scenario: Scenario,
  target: 'product' | 'baseline',
  sessions: BenchSession[],
  pid?: number,
  /** The PostgreSQL database the target uses, for its backends' CPU time. */
  databaseUrl?: string,
): Promise<Outcome> {
  const latencies: number[] = [];
  const codes = new Map<number, number>();
  /** The first body of each failing status, to say why. */
  const why = new Map<number, string>();
  let n = 0;
  const options: autocannon.Options = {
    url: baseUrl,
    connections,
    duration: SECONDS,
    timeout: 10,
    requests: [
      {
        // One request at a time per connection: its context carries the vehicle from the request to its answer.
        setupRequest: (req, context: { vehicleId?: number }) => {
          const session = sessions[n++ % sessions.length]!;
          const r = scenario.request(session, target);
          context.vehicleId = r.vehicleId;
          return {
            ...req,
            method: r.method,
            path: r.path,
            headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...(r.body ? { 'content-type': 'application/json' } : {}) },
            ...(r.body ? { body: r.body } : {}),
          };
        },
        onResponse: (status, body, context: { vehicleId?: number }) => {
          if (context.vehicleId !== undefined) scenario.answered?.(target, context.vehicleId, status);
          if (status >= 400 && !why.has(status)) why.set(status, String(body).slice(0, 160));
        },
      },
    ],
  };
  const cpuBefore = cpuMs(pid);
  const pgBefore = databaseUrl ? postgresCpu(databaseUrl) : undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (err, done) => (err ? reject(err) : resolve(done)));
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      codes.set(status, (codes.get(status) ?? 0) + 1);
    });
  });
  const cpuAfter = cpuMs(pid);
  const pgMs = databaseUrl && pgBefore ? postgresCpuSince(databaseUrl, pgBefore).database : Number.NaN;
  for (const [status, body] of why) console.log(`    ${target} ${status}: ${body}`);
  const sorted = Float64Array.from(latencies).sort();
  const ok = [...codes].filter(([s]) => s >= 200 && s < 300).reduce((a, [, c]) => a + c, 0);
  const shed = codes.get(503) ?? 0;
  return {
    rps: ok / SECONDS,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    ok,
    shed,
    failed: latencies.length - ok - shed + result.errors + result.timeouts,
    statuses:
      [...codes].map(([s, c]) => `${s}×${c}`).join(' ') + (result.errors ? ` 错误×${result.errors}` : '') + (result.timeouts ? ` 超时×${result.timeouts}` : ''),
    cpuPerAnswer: cpuBefore === undefined || cpuAfter === undefined || latencies.length === 0 ? Number.NaN : (cpuAfter - cpuBefore) / latencies.length,
    pgCpuPerAnswer: latencies.length === 0 ? Number.NaN : pgMs / latencies.length,
  };
}

async function main() {
  try {
    cluster = await startThrowawayPostgres({
      log: (m) => console.log(`[pg] ${m}`),
      settings: { shared_buffers: '1GB', max_connections: '200', maintenance_work_mem: '512MB', max_wal_size: '8GB' },
    });
  } catch (err) {
    if (!(err instanceof PostgresUnavailable)) throw err;
    console.log(`⚠ 跳过 HTTP 基准：${err.message}（apt-get install postgresql 后重新运行）`);
    return;
  }
  console.log(`机器：${os.cpus().length} 核，${(os.totalmem() / 2 ** 30).toFixed(0)} GiB；负载 ${loadAverage()}`);
  const profile = process.env.BENCH_PROFILE_DIR;
  server = await startServer({
    databaseUrl: cluster.url,
    env: { DEMO_EBIKES: String(DEMO_EBIKES), DB_POOL_SIZE: String(POOL_SIZE) },
    console: false,
    ...(profile && { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profile] }),
  });
  const pool = new pg.Pool({ connectionString: cluster.url, max: 2 });
  for (const started = performance.now(); ; ) {
    const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from nm_vehicles');
    if (rows[0]!.n >= DEMO_EBIKES) break;
    if (performance.now() - started > 10 * 60_000) throw new Error('演示数据 10 分钟内未装载完成');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const demoMax = await bulkLoad(pool);
  const { rows: picks } = await pool.query<{ id: number; plate: string; version: number; colours: string }>(
    `select id, plate, version, colours from nm_vehicles
      where id > $1 and plate is not null and not stolen and not locked and not cancelled
        and department_id = (select department_id from users where username = 'officer01') limit 100000`,
    [demoMax],
  );
  await pool.end();
  if (picks.length < 100) throw new Error(`officer01 的部门车辆太少：${picks.length}`);
  const sessions = await officerSessions(server, SESSIONS);
  await setSessionCache(server);
  const baselineUrl = await startBaseline(cluster.url);

  // Reads pick at random; each write takes the next unused vehicle (version 1), product and baseline from their own halves.
  const split = Math.min(5_000, Math.floor(picks.length / 5));
  const reads = picks.slice(0, split);
  type Vehicle = (typeof picks)[number] & { inFlight: number; lost?: boolean };
  const writes: Record<'product' | 'baseline', Vehicle[]> = {
    product: picks.slice(split).flatMap((v, i) => (i % 2 === 0 ? [{ ...v, inFlight: 0 }] : [])),
    baseline: picks.slice(split).flatMap((v, i) => (i % 2 === 1 ? [{ ...v, inFlight: 0 }] : [])),
  };
  const fewest = Math.min(writes.product.length, writes.baseline.length);
  if (SCENARIOS.includes('write') && fewest < Math.max(...CONNECTIONS))
    console.log(`⚠ 写入用车辆每方 ${fewest} 辆，少于连接数：同一辆车会被并发写入，其中一次得到 409（加大 BENCH_EBIKES）`);
  const byId = { product: new Map(writes.product.map((v) => [v.id, v])), baseline: new Map(writes.baseline.map((v) => [v.id, v])) };
  const used = { product: 0, baseline: 0 };
  const anyRead = () => reads[Math.floor(Math.random() * reads.length)]!;
  const all: Scenario[] = [
    { key: 'e9', title: 'E9 按号牌查询', request: () => ({ method: 'GET', path: `/api/ebike/vehicles?plate=${encodeURIComponent(anyRead().plate)}` }) },
    { key: 'page', title: '车辆页（详情+历史）', request: () => ({ method: 'GET', path: `/api/ebike/vehicles/${anyRead().id}` }) },
    { key: 'me', title: '/api/auth/me', request: () => ({ method: 'GET', path: '/api/auth/me' }) },
    {
      key: 'write',
      title: '变更登记（E3，车身颜色）',
      request: (_s, target) => {
        const pool = writes[target];
        // The vehicles in turn, each at the version its answers so far say it has; one whose version is no longer
        // known (a write that timed out, then a 409 with nothing else in flight) is left out.
        // When every vehicle is lost, the last one tried goes anyway: its 409s then show in the figures.
        let v = pool[used[target]++ % pool.length]!;
        for (let tries = 1; v.lost && tries < pool.length; tries++) v = pool[used[target]++ % pool.length]!;
        // Two colours other than the registered one, in turn: every write changes something.
        const colours = ['A', 'B', 'C'].filter((c) => c !== v.colours);
        v.inFlight++;
        return {
          method: 'POST',
          path: `/api/ebike/vehicles/${v.id}/change`,
          body: JSON.stringify({ version: v.version, colours: [colours[v.version % 2]] }),
          vehicleId: v.id,
        };
      },
      answered: (target, vehicleId, status) => {
        const v = byId[target].get(vehicleId)!;
        v.inFlight--;
        if (status === 200) v.version++;
        // A 409 beside another write of the same vehicle is that one's doing (both were sent at one version).
        else if (status === 409 && v.inFlight === 0) v.lost = true;
      },
    },
  ];
  const scenarios = all.filter((s) => SCENARIOS.includes(s.key));

  const targets = { product: server.baseUrl, baseline: baselineUrl };
  const pids = { product: server.pid, baseline: baselinePid };
  const rows: { connections: number; scenario: Scenario; product: Outcome; baseline: Outcome; round: number }[] = [];
  console.log(`\n每项 ${SECONDS} s，${ROUNDS} 轮，产品与基线交替；负载 ${loadAverage()}`);
  for (const connections of CONNECTIONS) {
    for (const scenario of scenarios) {
      for (let round = 1; round <= ROUNDS; round++) {
        // Alternate who goes first, so neither always meets the other's leftovers (autovacuum, checkpoints).
        const order: ('product' | 'baseline')[] = round % 2 ? ['product', 'baseline'] : ['baseline', 'product'];
        const outcome = {} as Record<'product' | 'baseline', Outcome>;
        for (const target of order) outcome[target] = await drive(targets[target], connections, scenario, target, sessions, pids[target], cluster?.url);
        rows.push({ connections, scenario, round, ...outcome });
        const p = outcome.product;
        const b = outcome.baseline;
        console.log(
          `  ${connections} 连接 ${scenario.title} 第 ${round} 轮：产品 ${p.rps.toFixed(0)}/s（${p.statuses}） 基线 ${b.rps.toFixed(0)}/s（${b.statuses}）`,
        );
      }
    }
  }
  printTable(rows);
  await stopBaseline?.();
  await server.stop();
  server = undefined;
  if (process.env.BENCH_PGLITE !== '0') await embedded();
  console.log(`\n负载（1/5/15 分钟）：${loadAverage()}`);
}

/**
 * The embedded default: the same server on PGlite (one query at a time) with a small demo population, at 10 and 100
 * connections — to say at what load a node should move to PostgreSQL. E9 here looks up random plates, most of them not
 * registered: the same session check, indexed lookup and audit record, without the owner decryption.
 */
async function embedded() {
  server = await startServer({ env: { DEMO_EBIKES: '200' }, console: false });
  const sessions = await officerSessions(server, SESSIONS);
  const plate = () => `沪A${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const scenarios: Scenario[] = [
    { key: 'e9', title: 'E9 按号牌查询', request: () => ({ method: 'GET', path: `/api/ebike/vehicles?plate=${encodeURIComponent(plate())}` }) },
    { key: 'me', title: '/api/auth/me', request: () => ({ method: 'GET', path: '/api/auth/me' }) },
  ];
  console.log(`\n内嵌 PGlite，每项 ${SECONDS} s：`);
  for (const connections of [10, 100])
    for (const scenario of scenarios) {
      const o = await drive(server.baseUrl, connections, scenario, 'product', sessions);
      console.log(
        `  ${connections} 连接 ${scenario.title}：${o.rps.toFixed(0)}/s，p50/p95/p99 ${o.p50.toFixed(0)}/${o.p95.toFixed(0)}/${o.p99.toFixed(0)} ms，503×${o.shed}，失败 ${o.failed}`,
      );
    }
}

/** BENCH_SESSION_CACHE_MS, set by the security admin as an operator would (A/B of the session cache, ADR 0016). */
async function setSessionCache(running: RunningServer): Promise<void> {
  const value = process.env.BENCH_SESSION_CACHE_MS;
  if (value === undefined) return;
  const admin = await openSession(running.baseUrl, 'secadmin');
  const res = await fetch(`${running.baseUrl}/api/system/params/auth.sessionCache.maxAgeMs`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', cookie: admin.cookie, 'X-CSRF-Token': admin.csrfToken },
    body: JSON.stringify({ value: Number(value) }),
  });
  if (res.status !== 200) throw new Error(`修改会话缓存时间失败：${res.status} ${await res.text()}`);
  console.log(`会话缓存最长时间：${value} ms`);
}

function printTable(rows: { connections: number; scenario: Scenario; product: Outcome; baseline: Outcome; round: number }[]) {
  const ms = (v: number) => v.toFixed(0);
  console.log(
    '\n| 连接 | 请求 | 轮 | 产品 req/s | 基线 req/s | 比值 | 产品 p50/p95/p99 ms | 基线 p50/p95/p99 ms | p99 比值 | 产品 503 | 产品失败 | 基线失败 | 产品/基线 CPU ms 每请求 | 产品/基线 PostgreSQL CPU ms 每请求 |',
  );
  console.log('|---:|---|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---|---|');
  for (const { connections, scenario, round, product: p, baseline: b } of rows) {
    console.log(
      `| ${connections} | ${scenario.title} | ${round} | ${p.rps.toFixed(0)} | ${b.rps.toFixed(0)} | ${(p.rps / b.rps).toFixed(2)} | ${ms(p.p50)}/${ms(p.p95)}/${ms(p.p99)} | ${ms(b.p50)}/${ms(b.p95)}/${ms(b.p99)} | ${(p.p99 / b.p99).toFixed(2)} | ${p.shed} | ${p.failed} | ${b.failed} | ${p.cpuPerAnswer.toFixed(2)}/${b.cpuPerAnswer.toFixed(2)} | ${p.pgCpuPerAnswer.toFixed(2)}/${b.pgCpuPerAnswer.toFixed(2)} |`,
    );
  }
}

try {
  await main();
} finally {
  await cleanUp();
}
