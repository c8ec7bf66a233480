/**
 * Concurrent users on one node (N1; the performance budget: 1,000 concurrent users on one small node).
 *
 *   npm run bench -- concurrency                 1,000 users on a throwaway PostgreSQL cluster (Debian's PostgreSQL)
 *   BENCH_USERS=2000 BENCH_SECONDS=60 npm run bench -- concurrency
 *   BENCH_SECONDS=600 npm run bench -- concurrency    the 10-minute soak: is the server's memory flat?
 *
 * The real server (apps/server/src/main.ts, one process) on PostgreSQL with the demo e-bike population
 * (BENCH_EBIKES, default 10,000). Window-officer sessions are opened through the login API. Then:
 *   1. users: BENCH_USERS virtual officers, each looking a vehicle up by plate (E9, audited) and opening its detail
 *      with its history every third time, with 1–5 s of think time between requests, for BENCH_SECONDS;
 *   2. saturation: 100 requests always in flight, no think time, for 15 s — the most the node serves.
 * Figures: requests, throughput, latency p50/p95/p99/max from the client, non-200 answers, server memory sampled every
 * 10 s during the users' run (flat = the last quarter's mean within 10 % of the second quarter's, after warm-up).
 * The client runs on the same machine and takes CPU from the server: the figures are a floor.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { type RunningServer, startServer } from '@shtp/testkit/server';
import pg from 'pg';
import { PostgresUnavailable, startThrowawayPostgres, type ThrowawayPostgres } from '../scripts/pg-cluster.mjs';
import { officerSessions } from './bench-sessions.ts';
import { percentile } from './bench-stats.ts';
import { waitForDemoEbikes } from './demo-population.ts';

const USERS = Number(process.env.BENCH_USERS ?? 1_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const EBIKES = Number(process.env.BENCH_EBIKES ?? 10_000);
/** Sessions shared by the virtual users: the login route allows 30 logins a minute from one address. */
const SESSIONS = 20;
const SATURATION_IN_FLIGHT = 100;
const SATURATION_SECONDS = 15;
/** The p95 a user at a window should see for a lookup (issue #19; the performance budget says well under a second). */
const BUDGET_P95_MS = 300;
const RSS_SAMPLE_MS = 10_000;
/** Growth of the server's memory over the run still called flat: GC and caches move it by a few per cent. */
const FLAT_GROWTH = 0.1;

let cluster: ThrowawayPostgres | undefined;
let server: RunningServer | undefined;
const cleanUp = async () => {
  await server?.stop();
  cluster?.stop();
};
process.on('SIGINT', () => void cleanUp().then(() => process.exit(130)));

interface Sample {
  ms: number;
  /** HTTP status, 0 when the request failed outright. */
  status: number;
}

function report(title: string, samples: Sample[], seconds: number) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const failures = samples.filter((s) => s.status !== 200);
  const failed = failures.length;
  const counts = new Map<number, number>();
  for (const s of failures) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  const byStatus = [...counts].map(([status, n]) => `${status === 0 ? '连接失败' : status}×${n}`).join('，');
  const f = (n: number) => n.toFixed(1).padStart(8);
  console.log(`\n${title}`);
  console.log(
    `  请求 ${samples.length}，吞吐 ${(samples.length / seconds).toFixed(0)} 次/秒，非 200 应答 ${failed}（${((100 * failed) / Math.max(1, samples.length)).toFixed(2)} %${byStatus ? `：${byStatus}` : ''}）`,
  );
  console.log(`  延迟 ms   p50 ${f(percentile(ms, 50))}   p95 ${f(percentile(ms, 95))}   p99 ${f(percentile(ms, 99))}   max ${f(ms.at(-1) ?? Number.NaN)}`);
  return { p95: percentile(ms, 95), failed };
}

async function timed(url: string, cookie: string, into: Sample[]) {
  const start = performance.now();
  let status = 0;
  try {
    const res = await fetch(url, { headers: { cookie } });
    await res.arrayBuffer();
    status = res.status;
  } catch {
    status = 0;
  }
  into.push({ ms: performance.now() - start, status });
}

/** The resident memory of a process in MiB, undefined when it cannot be read. */
function rssMiB(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return undefined;
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Prints the memory series and whether it stayed flat: the last quarter against the second (the first is warm-up).
 * RSS under a collected heap is a sawtooth whose peaks depend on when the collector last ran; a leak raises the floor
 * it returns to. So the verdict compares the quarters' troughs (lowest sample); their means are printed beside it.
 */
function reportMemory(samples: number[]) {
  if (samples.length < 8) {
    console.log(`  内存（RSS）：${samples.map((m) => m.toFixed(0)).join(' → ')} MiB（样本太少，不判断是否平稳；BENCH_SECONDS ≥ 80）`);
    return;
  }
  const q = Math.floor(samples.length / 4);
  const second = samples.slice(q, 2 * q);
  const last = samples.slice(-q);
  const growth = (a: number, b: number) => (b - a) / a;
  const troughGrowth = growth(Math.min(...second), Math.min(...last));
  const meanGrowth = growth(mean(second), mean(last));
  console.log(`  内存（RSS，每 ${RSS_SAMPLE_MS / 1000} s）：${samples.map((m) => m.toFixed(0)).join(' ')} MiB`);
  console.log(
    `  ${troughGrowth <= FLAT_GROWTH ? '✓ 平稳' : '✗ 增长'}：最后四分之一最低 ${Math.min(...last).toFixed(0)} MiB，第二个四分之一最低 ${Math.min(...second).toFixed(0)} MiB（${(100 * troughGrowth).toFixed(1)} %，限 ${100 * FLAT_GROWTH} %）；均值 ${mean(last).toFixed(0)} / ${mean(second).toFixed(0)} MiB（${(100 * meanGrowth).toFixed(1)} %）`,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  if (!Number.isInteger(USERS) || USERS < 1 || !Number.isInteger(SECONDS) || SECONDS < 5) {
    console.error('BENCH_USERS 须为正整数，BENCH_SECONDS 须为不小于 5 的整数');
    process.exit(2);
  }
  try {
    cluster = await startThrowawayPostgres({ log: (m) => console.log(`[pg] ${m}`), settings: { shared_buffers: '512MB', max_connections: '200' } });
  } catch (err) {
    if (!(err instanceof PostgresUnavailable)) throw err;
    console.log(`⚠ 跳过并发基准：${err.message}（apt-get install postgresql 后重新运行）`);
    return;
  }
  console.log(`机器：${os.cpus().length} 核，${(os.totalmem() / 2 ** 30).toFixed(0)} GiB；服务端一个进程，数据库 PostgreSQL（本机）`);
  server = await startServer({ databaseUrl: cluster.url, env: { DEMO_EBIKES: String(EBIKES) }, console: false });
  const db = new pg.Client({ connectionString: cluster.url });
  await db.connect();

  // The demo population fills in the background; the lookups want it there.
  await waitForDemoEbikes(db, EBIKES, 15);
  // Vehicles of the officer's own detachment: the window officer's data scope is the department.
  const { rows: vehicles } = await db.query<{ id: number; plate: string }>(
    `select id, plate from nm_vehicles where plate is not null
       and department_id = (select department_id from users where username = 'officer01') order by random() limit 1000`,
  );
  if (vehicles.length === 0) throw new Error('officer01 的部门没有演示车辆');
  await db.end();

  const sessions = (await officerSessions(server, SESSIONS)).map((s) => s.cookie);
  const base = server.baseUrl;
  const pickVehicle = () => vehicles[Math.floor(Math.random() * vehicles.length)]!;

  // 1. Users with think time; the server's memory sampled as they work.
  const users: Sample[] = [];
  const memory: number[] = [];
  const sampler = setInterval(() => {
    const mib = rssMiB(server?.pid);
    if (mib !== undefined) memory.push(mib);
  }, RSS_SAMPLE_MS);
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: USERS }, async (_, u) => {
      const cookie = sessions[u % SESSIONS]!;
      await sleep(Math.random() * 5_000); // users arrive over the first seconds, not all at once
      for (let i = 0; performance.now() < until; i++) {
        const v = pickVehicle();
        if (i % 3 === 2) await timed(`${base}/api/ebike/vehicles/${v.id}`, cookie, users);
        else await timed(`${base}/api/ebike/vehicles?plate=${encodeURIComponent(v.plate)}`, cookie, users);
        await sleep(1_000 + Math.random() * 4_000);
      }
    }),
  );
  clearInterval(sampler);
  const usersResult = report(`1. ${USERS} 名在线用户（思考时间 1–5 s，${SECONDS} s）：按号牌查询，每三次打开一次车辆页`, users, SECONDS);
  reportMemory(memory);

  // 2. Saturation.
  const saturated: Sample[] = [];
  const satUntil = performance.now() + SATURATION_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: SATURATION_IN_FLIGHT }, async (_, w) => {
      const cookie = sessions[w % SESSIONS]!;
      while (performance.now() < satUntil) await timed(`${base}/api/ebike/vehicles?plate=${encodeURIComponent(pickVehicle().plate)}`, cookie, saturated);
    }),
  );
  report(`2. 饱和：${SATURATION_IN_FLIGHT} 个请求持续在途，无思考时间（${SATURATION_SECONDS} s）：按号牌查询`, saturated, SATURATION_SECONDS);
  const rss = rssMiB(server.pid);
  console.log(`\n服务端内存（RSS）：${rss === undefined ? '—' : `${rss.toFixed(0)} MiB`}`);
  const within = usersResult.p95 <= BUDGET_P95_MS && usersResult.failed === 0;
  console.log(
    `${within ? '✓' : '✗'} ${USERS} 名用户：p95 ${usersResult.p95.toFixed(0)} ms（目标 ≤ ${BUDGET_P95_MS} ms），失败 ${usersResult.failed}；与目标之比 ${(usersResult.p95 / BUDGET_P95_MS).toFixed(2)}`,
  );
}

try {
  await main();
} finally {
  await cleanUp();
}
