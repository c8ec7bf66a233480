/**
 * G6 at the API (issue #18, performance): POST /api/payments/violation-query answers under 100 ms at 1,000 requests a
 * second offered, with the rate limits off.
 *
 *   npm run bench -- violation-query
 *   BENCH_VQ_RATE=1000 BENCH_VQ_SECONDS=20 BENCH_VQ_CONNECTIONS=100   offered rate, measured seconds, connections
 *   BENCH_VQ_VEHICLES=600000 BENCH_VQ_WITH=500000                      vehicles held; of them, with 1–3 decisions (≈ 1 M)
 *   BENCH_VQ_WARMUP=5                                                 seconds at the same rate before measuring
 *   BENCH_PROFILE_DIR=/tmp/prof                                       a CPU profile of the server (.cpuprofile, on stop)
 *   BENCH_VQ_STATEMENTS=1                                             PostgreSQL's statements of the measured window by time
 *                                                                     (pg_stat_statements on the throwaway cluster)
 *
 * A throwaway PostgreSQL database (bench-database.ts) with the internet zone's exchange records as the crossing leaves
 * them (violation-query-load.ts), the real server (apps/server/src/main.ts, ZONE=internet, default pool) on it, a
 * service account with scope `violation:query` created by the security admin over the API (HMAC-SM3), and autocannon
 * at a fixed offered rate (`overallRate`); every request is signed when it is sent (fresh timestamp and nonce). The
 * mix: 60 % vehicles with decisions, 25 % held without decisions (empty list after the vehicle sets are looked up),
 * 15 % a wrong VIN tail (NOT_FOUND_OR_MISMATCH, counted towards the lock). Each answer is checked against what its
 * request must get. Rate limits off for the bench: the account's own bucket at the maximum the API allows (1,000/s,
 * burst 10,000), `payments.query.perPlatePerMinute` and `payments.query.perCitizenPerMinute` at their maximum
 * (10,000), the mismatch lock `payments.query.maxMismatches` at its maximum (100 an hour per plate; each mismatch
 * here names a random plate). Everything else runs as in production: signature, nonce claim, token buckets,
 * lock check, the lookups, the audit records of the call and of the query.
 *
 * Printed beside latency: CPU per answer of the server process, of PostgreSQL (the bench database's backends and the
 * whole cluster, from /proc) and of this process (the load generator), so that the share of the cores each takes shows.
 */
import os from 'node:os';
import { signedHeaders } from '@shtp/server/platform/service-accounts/signing-client';
import { type RunningServer, readyAccount, startServer } from '@shtp/testkit/server';
import autocannon from 'autocannon';
import type pg from 'pg';
import { openBenchDatabase } from './bench-database.ts';
import { cpuMs, loadAverage, postgresCpu, postgresCpuSince } from './bench-process.ts';
import { percentile } from './bench-report.ts';
import { type BenchSession, openSession } from './bench-sessions.ts';
import { decisionsOf, loadViolationPopulation, MAX_VEHICLES, plateOf, vinTailOf } from './violation-query-load.ts';

const RATE = Number(process.env.BENCH_VQ_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_VQ_SECONDS ?? 20);
const WARMUP = Number(process.env.BENCH_VQ_WARMUP ?? 5);
const CONNECTIONS = Number(process.env.BENCH_VQ_CONNECTIONS ?? 100);
const VEHICLES = Number(process.env.BENCH_VQ_VEHICLES ?? 600_000);
const WITH = Number(process.env.BENCH_VQ_WITH ?? 500_000);
const STATEMENTS = process.env.BENCH_VQ_STATEMENTS === '1';
const BUDGET_MS = 100;
const PATH = '/api/payments/violation-query';
if (
  !(RATE >= 1) ||
  !(SECONDS >= 2) ||
  !(WARMUP >= 0) ||
  !(CONNECTIONS >= 1) ||
  !Number.isInteger(VEHICLES) ||
  VEHICLES < 1000 ||
  VEHICLES > MAX_VEHICLES ||
  !Number.isInteger(WITH) ||
  WITH < 1 ||
  WITH >= VEHICLES
) {
  console.error(`BENCH_VQ_VEHICLES 须为 1000–${MAX_VEHICLES} 的整数，BENCH_VQ_WITH 小于它；速率、秒数、连接数须为正数`);
  process.exit(2);
}

type Kind = 'with' | 'held' | 'mismatch';
const KIND_TITLE: Record<Kind, string> = { with: '有违法', held: '持有无违法', mismatch: '核验不符' };
const since = (from: number) => `${((performance.now() - from) / 1000).toFixed(0)} s`;
const pick = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));

/** The next request of the mix, and what its answer must be. */
function nextQuery(): { kind: Kind; body: string; expect: (status: number, body: string) => boolean } {
  const r = Math.random();
  const kind: Kind = r < 0.6 ? 'with' : r < 0.85 ? 'held' : 'mismatch';
  const n = kind === 'held' ? pick(WITH + 1, VEHICLES) : pick(1, VEHICLES);
  const tail = kind === 'mismatch' ? String((Number(vinTailOf(n)) + 1) % 1_000_000).padStart(6, '0') : vinTailOf(n);
  const body = JSON.stringify({ hphm: plateOf(n), clsbdh: tail, openid: `ssb-bench-${String(n).padStart(8, '0')}` });
  const decisions = kind === 'mismatch' ? -1 : decisionsOf(n, WITH);
  return {
    kind,
    body,
    expect: (status, text) => (decisions < 0 ? status === 404 : status === 200 && (JSON.parse(text) as { total: number }).total === decisions),
  };
}

async function call<T>(baseUrl: string, s: BenchSession, method: string, url: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { cookie: s.cookie, 'X-CSRF-Token': s.csrfToken, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as T };
}

/** The partner's account (security admin) and the limits off (system admin for the module's parameters). */
async function preparePartner(server: RunningServer): Promise<{ appId: string; secret: string }> {
  await readyAccount(server, 'secadmin');
  await readyAccount(server, 'sysadmin');
  const sec = await openSession(server.baseUrl, 'secadmin');
  const sys = await openSession(server.baseUrl, 'sysadmin');
  const me = await call<{ department?: { id: number }; user?: { departmentId?: number } }>(server.baseUrl, sec, 'GET', '/api/auth/me');
  const departmentId = me.json.department?.id ?? me.json.user?.departmentId;
  const created = await call<{ account: { appId: string }; secret: string }>(server.baseUrl, sec, 'POST', '/api/security/service-accounts', {
    name: '随申办（基准）',
    departmentId,
    scopes: ['violation:query'],
    signAlg: 'HMAC-SM3',
    rateLimitRps: 1000,
    rateLimitBurst: 10_000,
  });
  if (created.status !== 200) throw new Error(`创建接入应用失败：${created.status} ${JSON.stringify(created.json)}`);
  for (const [key, value] of [
    ['payments.query.perPlatePerMinute', 10_000],
    ['payments.query.perCitizenPerMinute', 10_000],
    ['payments.query.maxMismatches', 100],
  ] as const) {
    const res = await call(server.baseUrl, sys, 'PUT', `/api/system/params/${key}`, { value });
    if (res.status !== 200) throw new Error(`修改参数 ${key} 失败：${res.status} ${JSON.stringify(res.json)}`);
  }
  return { appId: created.json.account.appId, secret: created.json.secret };
}

interface Outcome {
  answers: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** autocannon's p99 corrected for coordinated omission (requests it should have sent while waiting). */
  correctedP99: number;
  statuses: string;
  wrong: number;
  errors: number;
  byKind: Map<Kind, number[]>;
  cpuPerAnswer: number;
  /** PostgreSQL's CPU per answer: the bench database's backends, and the whole (throwaway) cluster. */
  pgPerAnswer: { database: number; cluster: number };
  /** This process's CPU per answer: autocannon, signing every request, checking every answer. */
  loadPerAnswer: number;
}

async function drive(
  baseUrl: string,
  credentials: { appId: string; secret: string },
  seconds: number,
  pid: number | undefined,
  databaseUrl: string,
): Promise<Outcome> {
  const latencies: number[] = [];
  const byKind = new Map<Kind, number[]>([
    ['with', []],
    ['held', []],
    ['mismatch', []],
  ]);
  const codes = new Map<number, number>();
  const why = new Map<number, string>();
  let wrong = 0;
  const cpuBefore = cpuMs(pid);
  const pgBefore = postgresCpu(databaseUrl);
  const ownBefore = process.cpuUsage();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: CONNECTIONS,
        duration: seconds,
        overallRate: RATE,
        timeout: 10,
        requests: [
          {
            // One request at a time per connection: its context carries the expectation to the answer.
            setupRequest: (req, context: { q?: ReturnType<typeof nextQuery>; sentAt?: number }) => {
              const q = nextQuery();
              context.q = q;
              const auth = signedHeaders(
                { appId: credentials.appId, alg: 'HMAC-SM3', secret: credentials.secret },
                { method: 'POST', target: PATH, body: q.body },
              );
              return { ...req, method: 'POST', path: PATH, headers: { ...auth, 'content-type': 'application/json' }, body: q.body };
            },
            onResponse: (status, body, context: { q?: ReturnType<typeof nextQuery> }) => {
              const q = context.q!;
              if (!q.expect(status, String(body))) {
                wrong++;
                if (!why.has(status)) why.set(status, `${KIND_TITLE[q.kind]}：${String(body).slice(0, 200)}`);
              }
            },
          },
        ],
      },
      (err, done) => (err ? reject(err) : resolve(done)),
    );
    // autocannon calls onResponse, then emits this, before the connection sets up its next request: the context's
    // query is still the one answered.
    instance.on('response', (client, status, _bytes, ms) => {
      latencies.push(ms);
      codes.set(status, (codes.get(status) ?? 0) + 1);
      const kind = (client as unknown as { requestIterator?: { context?: { q?: { kind: Kind } } } }).requestIterator?.context?.q?.kind;
      if (kind) byKind.get(kind)!.push(ms);
    });
  });
  const cpuAfter = cpuMs(pid);
  const pgUsed = postgresCpuSince(databaseUrl, pgBefore);
  const own = process.cpuUsage(ownBefore);
  for (const [status, body] of why) console.log(`    意外答复 ${status}：${body}`);
  const sorted = [...latencies].sort((a, b) => a - b);
  const ok = [...codes].filter(([s]) => s >= 200 && s < 300).reduce((a, [, c]) => a + c, 0);
  return {
    answers: latencies.length,
    rps: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    correctedP99: result.latency.p99,
    statuses: `${[...codes]
      .sort(([a], [b]) => a - b)
      .map(([s, c]) => `${s}×${c}`)
      .join(' ')} （2xx ${ok}）`,
    wrong,
    errors: result.errors + result.timeouts,
    byKind,
    cpuPerAnswer: cpuBefore === undefined || cpuAfter === undefined || latencies.length === 0 ? Number.NaN : (cpuAfter - cpuBefore) / latencies.length,
    pgPerAnswer: {
      database: pgBefore.database.size === 0 ? Number.NaN : pgUsed.database / latencies.length,
      cluster: pgBefore.cluster.size === 0 ? Number.NaN : pgUsed.cluster / latencies.length,
    },
    loadPerAnswer: (own.user + own.system) / 1000 / latencies.length,
  };
}

function report(o: Outcome): boolean {
  const ms = (v: number) => v.toFixed(1);
  console.log(`\n违法查询 POST ${PATH}：提供 ${RATE} 次/秒，${CONNECTIONS} 连接，${SECONDS} s`);
  console.log(`  实际 ${o.rps.toFixed(0)} 次/秒（${o.answers} 个答复），状态 ${o.statuses}，连接错误与超时 ${o.errors}，与预期不符的答复 ${o.wrong}`);
  console.log(
    `  时延 p50 ${ms(o.p50)} ms，p95 ${ms(o.p95)} ms，p99 ${ms(o.p99)} ms，max ${ms(o.max)} ms（autocannon 按协调遗漏校正的 p99 ${ms(o.correctedP99)} ms）`,
  );
  for (const [kind, list] of o.byKind) {
    const s = [...list].sort((a, b) => a - b);
    if (s.length)
      console.log(`    ${KIND_TITLE[kind]}：${s.length} 个，p50 ${ms(percentile(s, 50))} ms，p95 ${ms(percentile(s, 95))} ms，p99 ${ms(percentile(s, 99))} ms`);
  }
  console.log(`  服务器进程 CPU 每答复 ${o.cpuPerAnswer.toFixed(2)} ms`);
  console.log(
    `  PostgreSQL CPU 每答复：本库后端进程 ${o.pgPerAnswer.database.toFixed(2)} ms，整个集群 ${o.pgPerAnswer.cluster.toFixed(2)} ms；压测进程（autocannon、签名、核对）${o.loadPerAnswer.toFixed(2)} ms`,
  );
  const rateOk = o.rps >= RATE * 0.95;
  const p95Ok = o.p95 < BUDGET_MS;
  const p99Ok = o.p99 < BUDGET_MS;
  const clean = o.wrong === 0 && o.errors === 0;
  console.log(`  p95 < ${BUDGET_MS} ms：${p95Ok ? 'PASS' : 'FAIL'}；p99 < ${BUDGET_MS} ms：${p99Ok ? 'PASS' : 'FAIL'}`);
  console.log(`  达到提供速率的 95 %：${rateOk ? 'PASS' : 'FAIL'}；答复全部正确、无错误：${clean ? 'PASS' : 'FAIL'}`);
  return p95Ok && rateOk && clean;
}

/** The measured window's statements by their share of PostgreSQL's time (planning + execution), per answer. */
async function printStatements(client: pg.Pool, answers: number): Promise<void> {
  const { rows } = await client.query<{ calls: number; plan: number; exec: number; query: string }>(
    `select calls::int, total_plan_time::float8 as plan, total_exec_time::float8 as exec, query from pg_stat_statements
     where dbid = (select oid from pg_database where datname = current_database())
     order by total_plan_time + total_exec_time desc limit 15`,
  );
  console.log('\n  语句（计划 + 执行时间，每答复）：');
  for (const r of rows)
    console.log(
      `    ${((r.plan + r.exec) / answers).toFixed(3)} ms（计划 ${(r.plan / answers).toFixed(3)}）${(r.calls / answers).toFixed(2)} 次  ${r.query.replace(/\s+/g, ' ').slice(0, 150)}`,
    );
}

async function main(): Promise<boolean> {
  const bench = await openBenchDatabase(
    'bench_vq',
    '违法查询基准',
    STATEMENTS ? { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track_planning': 'on' } : {},
  );
  if (!bench) return true;
  let server: RunningServer | undefined;
  try {
    console.log(`机器：${os.cpus().length} 核，${(os.totalmem() / 2 ** 30).toFixed(0)} GiB；负载 ${loadAverage()}`);
    const t0 = performance.now();
    const loaded = await loadViolationPopulation(bench.client, VEHICLES, WITH);
    console.log(
      `装载：违法决定书 ${loaded.violations.toLocaleString('en')} 条（${WITH.toLocaleString('en')} 辆车），机动车 ${loaded.vehicles.toLocaleString('en')} 辆，用时 ${since(t0)}`,
    );
    const profile = process.env.BENCH_PROFILE_DIR;
    server = await startServer({
      databaseUrl: bench.url,
      env: { ZONE: 'internet' },
      console: false,
      ...(profile && { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profile] }),
    });
    const credentials = await preparePartner(server);
    if (WARMUP > 0) {
      const w = await drive(server.baseUrl, credentials, WARMUP, server.pid, bench.url);
      console.log(`预热 ${WARMUP} s：${w.rps.toFixed(0)} 次/秒，p95 ${w.p95.toFixed(1)} ms，状态 ${w.statuses}`);
    }
    console.log(`测量开始，负载 ${loadAverage()}`);
    const commits = async () =>
      (await bench.client.query<{ n: number }>('select xact_commit::int as n from pg_stat_database where datname = current_database()')).rows[0]!.n;
    if (STATEMENTS) await bench.client.query('create extension if not exists pg_stat_statements; select pg_stat_statements_reset()');
    const before = await commits();
    const outcome = await drive(server.baseUrl, credentials, SECONDS, server.pid, bench.url);
    // The statistics collector reports a backend's counts at most every 500 ms (PostgreSQL 15: on idle).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const passed = report(outcome);
    console.log(`  数据库事务（含自动提交的单条语句）每答复 ${(((await commits()) - before) / outcome.answers).toFixed(1)}`);
    if (STATEMENTS) await printStatements(bench.client, outcome.answers);
    console.log(`\n负载（1/5/15 分钟）：${loadAverage()}`);
    return passed;
  } catch (err) {
    if (server) console.error(server.logTail());
    throw err;
  } finally {
    await server?.stop();
    await bench.close();
  }
}

process.exitCode = (await main()) ? 0 : 1;
