/**
 * E-bike lookups at Shanghai scale on PostgreSQL (issue #4: under 50 ms at the database with 5,000,000 e-bikes).
 *
 *   npm run bench -- ebike                      5,000,000 e-bikes on a throwaway cluster (Debian's PostgreSQL)
 *   BENCH_EBIKES=1000000 npm run bench -- ebike  another population size
 *   BENCH_DATABASE_URL=postgres://… npm run bench -- ebike   on your server (a new database is created and dropped)
 *
 * A fresh database gets the project's migrations, then N vehicles and ~1.3 N ledger rows (tools/bench/ebike-load.ts),
 * its indexes, VACUUM ANALYZE. Then, for 2,000 random existing vehicles, each lookup of the module is timed from the
 * client — the E9/E10 search by plate, 整车编码, motor number, owner ID blind index and phone blind index (the query
 * of QueryService.rows), and the detail with its history (ebikeRepository.vehicle + history) — on one warm pooled
 * connection, and one of each is shown with EXPLAIN (ANALYZE, BUFFERS). Figures: docs/benchmarks/ebike.md.
 */
import os from 'node:os';
import { ebikeRepository } from '@shtp/server/ebike/ebike.repository';
import { nmVehicles } from '@shtp/server/ebike/ebike.table';
import { type Database, openDatabase } from '@shtp/server/platform/db/client';
import { runMigrations } from '@shtp/server/platform/db/migrate';
import { departments } from '@shtp/server/platform/rbac/rbac.table';
import { Rng } from '@shtp/testkit';
import { eq, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import { PostgresUnavailable, startThrowawayPostgres, type ThrowawayPostgres } from '../scripts/pg-cluster.mjs';
import { percentile } from './bench-stats.ts';
import { CHUNK, dropForLoad, inParallel, insertBusinesses, insertDepartments, insertVehicles, MAX_EBIKES, type RowKeys, rowKeys } from './ebike-load.ts';

const N = Number(process.env.BENCH_EBIKES ?? 5_000_000);
const SAMPLES = 2_000;
const WARM_UP = 200;
const BUDGET_MS = 50;
/** Connections that load at once: one per core of the 2-core reference machine. */
const LOAD_CONNECTIONS = 2;
if (!Number.isInteger(N) || N < SAMPLES + WARM_UP || N > MAX_EBIKES) {
  console.error(`BENCH_EBIKES 必须是 ${SAMPLES + WARM_UP} 到 ${MAX_EBIKES} 之间的整数（默认 5000000）`);
  process.exit(2);
}

/** Server settings of the throwaway cluster: a modest production-like memory budget for a 24 GiB machine. */
const CLUSTER_SETTINGS = { shared_buffers: '2GB', maintenance_work_mem: '1GB', max_wal_size: '16GB', checkpoint_timeout: '30min' };

const started = performance.now();
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
const pool = (database: Database) => (database.db as unknown as { $client: pg.Pool }).$client;

let cluster: ThrowawayPostgres | undefined;
process.on('SIGINT', () => {
  cluster?.stop();
  process.exit(130);
});

async function adminUrl(): Promise<string | null> {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  try {
    cluster = await startThrowawayPostgres({ log: (m) => console.log(`[pg] ${m}`), settings: CLUSTER_SETTINGS });
    return cluster.url;
  } catch (err) {
    if (!(err instanceof PostgresUnavailable)) throw err;
    console.log(`⚠ 跳过电动自行车查询基准：${err.message}`);
    console.log('  安装 Debian 的 PostgreSQL（apt-get install postgresql）后重新运行，或设置 BENCH_DATABASE_URL 指向已有的 PostgreSQL 服务器。');
    return null;
  }
}

/** Runs the tasks on `connections` pooled connections at once; each task gets its own connection. */

const ranges = (lo: number, hi: number) =>
  Array.from({ length: Math.ceil((hi - lo + 1) / CHUNK) }, (_, k) => [lo + k * CHUNK, Math.min(lo + (k + 1) * CHUNK - 1, hi)] as const);

/** The population, loaded on LOAD_CONNECTIONS connections (a bulk load uses every core); returns seconds taken. */
async function load(url: string): Promise<number> {
  const database = await openDatabase({ url, poolSize: LOAD_CONNECTIONS });
  const client = pool(database);
  try {
    const t0 = performance.now();
    const departmentIds = await insertDepartments(client);
    const restore = await dropForLoad(client);
    let t = performance.now();
    await inParallel(client, LOAD_CONNECTIONS, ranges(1, N), async (c, [lo, hi]) => {
      await insertVehicles(c, lo, hi, departmentIds);
      console.log(`  车辆 ${lo.toLocaleString('en')}–${hi.toLocaleString('en')}（累计 ${seconds(t)} s）`);
    });
    const ids = await client.query<{ lo: string; hi: string }>('select min(id) as lo, max(id) as hi from nm_vehicles');
    t = performance.now();
    await inParallel(client, LOAD_CONNECTIONS, ranges(Number(ids.rows[0]!.lo), Number(ids.rows[0]!.hi)), async (c, [lo, hi]) => {
      await insertBusinesses(c, lo, hi);
      console.log(`  业务流水：车辆 id ${lo.toLocaleString('en')}–${hi.toLocaleString('en')}（累计 ${seconds(t)} s）`);
    });
    t = performance.now();
    await inParallel(client, LOAD_CONNECTIONS, restore.indexes, (c, def) => c.query(def).then(() => undefined));
    await inParallel(client, LOAD_CONNECTIONS, restore.foreignKeys, (c, def) => c.query(def).then(() => undefined));
    console.log(`  重建 ${restore.indexes.length} 个索引、${restore.foreignKeys.length} 个外键（${seconds(t)} s）`);
    t = performance.now();
    await inParallel(client, LOAD_CONNECTIONS, ['nm_vehicles', 'ebike_businesses, departments'], (c, tables) =>
      c.query(`vacuum (analyze) ${tables}`).then(() => undefined),
    );
    console.log(`  VACUUM ANALYZE（${seconds(t)} s）`);
    return (performance.now() - t0) / 1000;
  } finally {
    await database.close();
  }
}

async function printSizes(database: Database): Promise<void> {
  const { rows } = await pool(database).query<{ name: string; rows: string; heap: string; indexes: string; total: string }>(
    `select c.relname as name, c.reltuples::bigint as rows, pg_size_pretty(pg_relation_size(c.oid)) as heap,
            pg_size_pretty(pg_indexes_size(c.oid)) as indexes, pg_size_pretty(pg_total_relation_size(c.oid)) as total
       from pg_class c where c.relname in ('nm_vehicles', 'ebike_businesses') order by c.relname desc`,
  );
  console.log('\n表 | 行数（估计） | 表数据 | 索引 | 合计（pg_total_relation_size）');
  for (const r of rows) console.log(`${r.name} | ${Number(r.rows).toLocaleString('en')} | ${r.heap} | ${r.indexes} | ${r.total}`);
  const idx = await pool(database).query<{ name: string; size: string }>(
    `select indexrelid::regclass::text as name, pg_size_pretty(pg_relation_size(indexrelid)) as size
       from pg_index where indrelid in ('nm_vehicles'::regclass, 'ebike_businesses'::regclass) order by pg_relation_size(indexrelid) desc`,
  );
  console.log(`索引：${idx.rows.map((r) => `${r.name} ${r.size}`).join('，')}`);
}

/** A vehicle to look up: the keys of one loaded row, and the id of a (usually other) vehicle for the detail. */
type Key = RowKeys & { id: number };

/**
 * Random existing vehicles (seeded, so runs compare), chosen without reading them: their keys are computed from row
 * numbers and the detail takes a random id (ids have no gaps). The first WARM_UP warm the connection; the rest are timed.
 */
async function sampleKeys(database: Database): Promise<Key[]> {
  const { rows } = await pool(database).query<{ lo: string; hi: string }>('select min(id) as lo, max(id) as hi from nm_vehicles');
  const rng = new Rng(20_260_501);
  const rowNumbers = new Set<number>();
  while (rowNumbers.size < SAMPLES + WARM_UP) rowNumbers.add(rng.int(1, N));
  const keys = await rowKeys(pool(database), [...rowNumbers]);
  return keys.map((k) => ({ ...k, id: rng.int(Number(rows[0]!.lo), Number(rows[0]!.hi)) }));
}

/** The module's own queries, run through Drizzle on the bench connection. */
function lookups(db: Database['db']) {
  // QueryService.rows (E9 search and E10 PDA lookups), for a user whose data scope is the whole city.
  const search = (where: SQL) =>
    db
      .select({ v: nmVehicles, departmentName: departments.name, departmentPath: departments.path })
      .from(nmVehicles)
      .innerJoin(departments, eq(departments.id, nmVehicles.departmentId))
      .where(where)
      .orderBy(nmVehicles.id)
      .limit(50);
  return {
    kinds: {
      '号牌 plate': (k: Key) => search(eq(nmVehicles.plate, k.plate)),
      '整车编码 zcbm': (k: Key) => search(eq(nmVehicles.zcbm, k.zcbm)),
      '电机号 motor_no': (k: Key) => search(eq(nmVehicles.motorNo, k.motor_no)),
      '身份证盲索引 owner_id_idx': (k: Key) => search(eq(nmVehicles.ownerIdIdx, k.owner_id_idx)),
      '手机盲索引 owner_phone_idx': (k: Key) => search(eq(nmVehicles.ownerPhoneIdx, k.owner_phone_idx)),
      '详情+业务历史 detail': async (k: Key) => {
        const v = await ebikeRepository.vehicle(db, k.id);
        return v ? [v, ...(await ebikeRepository.history(db, k.id))] : [];
      },
    } satisfies Record<string, (k: Key) => Promise<unknown[]>>,
  };
}

async function measure(database: Database, keys: Key[]): Promise<void> {
  const { kinds } = lookups(database.db);
  const names = Object.keys(kinds) as (keyof typeof kinds)[];
  const times = new Map(names.map((n) => [n, [] as number[]]));
  let blocksBefore: Blocks | undefined;
  // Kinds interleaved per key, so load from elsewhere on the machine spreads over all of them alike.
  for (const [i, key] of keys.entries()) {
    for (const name of names) {
      const t = performance.now();
      const rows = await kinds[name](key);
      const ms = performance.now() - t;
      if (rows.length === 0) throw new Error(`${name}：第 ${i + 1} 个样本没有查到车辆——基准数据有误`);
      if (i >= WARM_UP) times.get(name)!.push(ms);
    }
    if (i === WARM_UP - 1) blocksBefore = await blocks(database);
  }
  console.log(`\n查询耗时（毫秒，客户端计时，${SAMPLES} 个随机车辆，单连接，预热 ${WARM_UP} 次）`);
  console.log('查询 | p50 | p95 | p99 | max');
  let worstP95 = 0;
  for (const name of names) {
    const s = times.get(name)!.sort((a, b) => a - b);
    const p95 = percentile(s, 95);
    worstP95 = Math.max(worstP95, p95);
    console.log(`${name} | ${[50, 95, 99, 100].map((p) => percentile(s, p).toFixed(2)).join(' | ')}`);
  }
  const after = await blocks(database);
  const read = after.read - blocksBefore!.read;
  const hit = after.hit - blocksBefore!.hit;
  console.log(`计时期间读取的数据块：${(read + hit).toLocaleString('en')}，其中 ${read.toLocaleString('en')} 块不在 shared_buffers（来自操作系统缓存或磁盘）`);
  const verdict = worstP95 < BUDGET_MS ? `在预算之内（${(BUDGET_MS / worstP95).toFixed(0)} 倍余量）` : '超出预算';
  console.log(`最慢的 p95 为 ${worstP95.toFixed(2)} ms，预算 ${BUDGET_MS} ms：${verdict}`);
}

interface Blocks {
  read: number;
  hit: number;
}

/** Table and index blocks this database has read so far: from shared buffers (hit) or from outside them (read). */
async function blocks(database: Database): Promise<Blocks> {
  await pool(database).query('select pg_stat_force_next_flush()'); // this session's counters, flushed at its next transaction
  const { rows } = await pool(database).query<{ read: string; hit: string }>(
    `select sum(coalesce(heap_blks_read, 0) + coalesce(idx_blks_read, 0)) as read, sum(coalesce(heap_blks_hit, 0) + coalesce(idx_blks_hit, 0)) as hit
       from pg_statio_user_tables`,
  );
  return { read: Number(rows[0]!.read), hit: Number(rows[0]!.hit) };
}

/** The SQL text and parameters a lookup sends, captured on the pool (so EXPLAIN sees exactly the module's queries). */
async function capture(database: Database, run: () => Promise<unknown>): Promise<{ text: string; values: unknown[] }[]> {
  const client = pool(database);
  const original = client.query;
  const seen: { text: string; values: unknown[] }[] = [];
  const spy = (config: string | { text: string; values?: unknown[] }, values?: unknown[]) => {
    seen.push({ text: typeof config === 'string' ? config : config.text, values: (typeof config === 'string' ? undefined : config.values) ?? values ?? [] });
    return (original as (...args: unknown[]) => unknown).call(client, config, values);
  };
  client.query = spy as typeof client.query;
  try {
    await run();
  } finally {
    client.query = original;
  }
  return seen;
}

/** EXPLAIN (ANALYZE, BUFFERS) of every query of one lookup of each kind: each should be an index scan. */
async function explain(database: Database, key: Key): Promise<void> {
  const { kinds } = lookups(database.db);
  for (const [name, lookup] of Object.entries(kinds)) {
    const queries = await capture(database, () => lookup(key));
    for (const [i, q] of queries.entries()) {
      const plan = await pool(database).query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${q.text}`, q.values);
      const part = queries.length > 1 ? `（第 ${i + 1}/${queries.length} 条）` : '';
      console.log(`\nEXPLAIN ${name}${part}：\n${plan.rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}`);
    }
  }
}

async function main(): Promise<void> {
  const url = await adminUrl();
  if (!url) return;
  const name = `shtp_bench_${Date.now()}`;
  const admin = await openDatabase({ url, poolSize: 1 });
  try {
    await pool(admin).query(`create database ${name}`);
    const benchUrl = withDatabase(url, name);
    const database = await openDatabase({ url: benchUrl, poolSize: 1 });
    try {
      const version = await pool(database).query<{ v: string; sb: string }>(`select version() as v, current_setting('shared_buffers') as sb`);
      console.log(`${version.rows[0]!.v}；shared_buffers ${version.rows[0]!.sb}`);
      console.log(
        `机器：${os.cpus().length} 核 ${os.cpus()[0]?.model ?? ''}，内存 ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB，负载 ${os.loadavg()[0]!.toFixed(1)}`,
      );
      await runMigrations(database);
      console.log(`\n装载 ${N.toLocaleString('en')} 辆电动自行车及其业务流水 …`);
      const loadSeconds = await load(benchUrl);
      console.log(`装载合计 ${loadSeconds.toFixed(1)} s`);
      await printSizes(database);
      const keys = await sampleKeys(database);
      await explain(database, keys[0]!);
      await measure(database, keys);
    } finally {
      await database.close();
    }
  } finally {
    await pool(admin).query(`drop database if exists ${name}`);
    await admin.close();
  }
  console.log(`\n负载 ${os.loadavg()[0]!.toFixed(1)}；全程 ${seconds(started)} s`);
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => cluster?.stop());
