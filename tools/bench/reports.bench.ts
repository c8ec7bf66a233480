/**
 * The modules' statistics at scale (issue #19 item 6, N2/N3): each report reads a rollup kept per day × department ×
 * its dimension in the write's transaction, never the raw table. On PostgreSQL, with 5,000,000 rows in each raw table:
 *
 *   npm run bench -- reports                          5,000,000 rows per raw table on a throwaway cluster
 *   BENCH_REPORT_ROWS=1000000 npm run bench -- reports   another volume
 *   BENCH_DATABASE_URL=postgres://… npm run bench -- reports   on your server (a database is created and dropped)
 *
 * A fresh migrated database gets a year (2025) of rows in set-based SQL (generate_series): P5 breathalyser readings
 * (enf_device_readings, 800 testers held by the 16 支队 in 终端管理) and P1 tickets with two recognised fields each
 * (enf_violations, 1,600 officers); audit records of those officers, three in five handheld queries (P10, audit_log;
 * the trigger that keeps their rollup off during the load); then the rollups built by their migrations' own backfills
 * (timed), VACUUM ANALYZE.
 * Each report's query is timed through its repository — as the routes call it — for a city-wide principal and for a
 * 支队 (dept_and_children), over the year and over a month, p50/p95 against the 1 s target; and, for comparison, the
 * GROUP BY over the raw table the rollup replaces (the same answer, `…Raw`). The 临牌 (T11, T12, T25) and 档案 (A7)
 * reports read their rollups too and are timed at 5 M rows by tempplate.bench.ts and archive.bench.ts.
 * Figures: docs/benchmarks/reports.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { platesRepository } from '@shtp/server/ebike/plates.repository';
import { uploadRepository } from '@shtp/server/ebike/upload.repository';
import { alcoholRepository, queryLogRepository, violationsRepository } from '@shtp/server/enforcement/bench';
import { openBenchDatabase } from './bench-database.ts';
import { percentile } from './bench-stats.ts';
import { dropForLoad, inParallel, insertBusinesses, insertDepartments, insertVehicles } from './ebike-load.ts';

const N = Number(process.env.BENCH_REPORT_ROWS ?? 5_000_000);
if (!Number.isInteger(N) || N < 10_000) {
  console.error('BENCH_REPORT_ROWS 须为不小于 10000 的整数（默认 5000000）');
  process.exit(2);
}
const ROUNDS = 20;
const RAW_ROUNDS = 3;
const TARGET_MS = 1000;
const CHUNK = 250_000;
const TESTERS = 800;
const OFFICERS = 1600;
const RAW_TABLES = ['enf_device_readings', 'enf_violations', 'nm_vehicles', 'ebike_businesses', 'ebike_plates', 'audit_log'];
type Principal = Parameters<typeof alcoholRepository.readingStats>[1];

const here = path.dirname(fileURLToPath(import.meta.url));
const migrations = path.join(here, '../../apps/server/drizzle');
/** The migration that backfills the report rollups (its number changes at merge, its name does not). */
const backfill = readdirSync(migrations).find((f) => f.endsWith('_enforcement_report_rollups_backfill.sql'))!;
/** The migration of the P10 rollup: its last statement is the backfill from audit_log. */
const queryLogMigration = readdirSync(migrations).find((f) => f.endsWith('_enforcement_query_log_days_sql.sql'))!;

const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
const rows: { report: string; who: string; source: string; p50: number; p95: number }[] = [];

async function timed(report: string, who: string, source: 'rollup' | 'raw', run: () => Promise<unknown>) {
  await run(); // warm: plan, pages
  const ms: number[] = [];
  for (let i = 0; i < (source === 'rollup' ? ROUNDS : RAW_ROUNDS); i++) {
    const t0 = performance.now();
    await run();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const r = { report, who, source, p50: Math.round(percentile(ms, 50) * 10) / 10, p95: Math.round(percentile(ms, 95) * 10) / 10 };
  rows.push(r);
  const verdict = source === 'rollup' ? (r.p95 <= TARGET_MS ? `  ✓ ≤ ${TARGET_MS} ms` : `  ✗ 超出 ${TARGET_MS} ms`) : '  （对照）';
  console.log(`  ${report} · ${who} · ${source === 'rollup' ? '汇总表' : '原始表 GROUP BY'}: p50 ${r.p50} ms, p95 ${r.p95} ms${verdict}`);
}

const bench = await openBenchDatabase('bench_reports', '统计报表基准');
if (bench) {
  const { database, client } = bench;
  try {
    console.log(
      `机器 ${os.cpus().length} 核，开始时负载 ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}`,
    );
    const t0 = performance.now();
    const departmentIds = await insertDepartments(client);
    await client.query(
      `insert into users (username, display_name, department_id, password_hash)
       select 'bench' || i, '民警' || i, ($1::int[])[1 + i % cardinality($1::int[])], 'x' from generate_series(0, $2::int - 1) as i`,
      [departmentIds, OFFICERS],
    );
    await client.query(
      `insert into pda_devices (code, name, department_id, public_key, capabilities)
       select 'ALC-' || lpad(i::text, 4, '0'), '测试仪' || i, ($1::int[])[1 + i % cardinality($1::int[])], 'x', '{breathalyser}'
         from generate_series(0, $2::int - 1) as i`,
      [departmentIds, TESTERS],
    );
    const officers = (
      await client.query<{ id: number; department_id: number; display_name: string }>('select id, department_id, display_name from users order by id')
    ).rows;
    const restore = await dropForLoad(client, RAW_TABLES);
    const chunks = Array.from({ length: Math.ceil(N / CHUNK) }, (_, k) => [k * CHUNK + 1, Math.min((k + 1) * CHUNK, N)] as const);
    // Row i at time t over 2025. One reading in three linked: breath tests are not loaded, so the linked readings carry
    // one fixed test ID and the reading → test foreign key is left off this throwaway database (it costs the reports nothing).
    const at = `lateral (select timestamptz '2025-01-01 00:00+08' + (i::float8 / $2::float8) * interval '365 days' as t) as at`;
    await inParallel(client, 2, chunks, async (c, [lo, hi]) => {
      await c.query(
        `insert into enf_device_readings (device_code, message_id, measured_at, brac_mg_per_l, breath_test_id, received_at)
         select 'ALC-' || lpad((i % ${TESTERS})::text, 4, '0'), 'm' || i, t, (i % 100) / 100.0,
                case when i % 3 = 0 then '00000000-0000-4000-8000-000000000001'::uuid end, t
           from generate_series($1::bigint, $3::bigint) as i, ${at}`,
        [lo, N, hi],
      );
      await c.query(
        `insert into enf_violations (id, decision_no, kind, code, code_version, traffic_mode, party_id_enc, party_id_idx, party_name_enc, place,
            occurred_at, corrected, harm, fine, first_violation, ocr, request_digest, officer_id, officer_name, department_id, created_at)
         select md5(i::text)::uuid, '3100' || lpad(i::text, 12, '0'), case when i % 4 = 0 then 'warning' else 'fine' end, '2004', '2024.1', 'F3',
                md5('id' || i), md5('idx' || i), md5('name' || i), '人民路与西藏中路路口', t, true, false, 50, '{"eligible":false}'::jsonb,
                jsonb_build_array(
                  jsonb_build_object('field', 'plate', 'confidence', 0.5 + (i % 50) / 100.0, 'corrected', i % 7 = 0),
                  jsonb_build_object('field', (array['idNumber', 'name', 'address'])[1 + i % 3], 'confidence', 0.6 + (i % 40) / 100.0, 'corrected', i % 11 = 0)),
                md5('r' || i), o.id, o.display_name, o.department_id, t
           from generate_series($1::bigint, $3::bigint) as i, ${at},
                lateral (select (($4::int[])[1 + i % ${OFFICERS}]) as id) as pick
                join users o on o.id = pick.id`,
        [lo, N, hi, officers.map((o) => o.id)],
      );
      console.log(`  读数与决定书 ${lo.toLocaleString('en')}–${hi.toLocaleString('en')}（累计 ${seconds(t0)} s）`);
    });
    // P10: audit records of the officers over 2025, three in five handheld queries (of the three actions, with the rows
    // found), the others a record view. Loaded with the rollup's trigger off, then backfilled by its migration.
    await client.query('alter table audit_log disable trigger enf_query_log_days_insert');
    await inParallel(client, 2, chunks, async (c, [lo, hi]) => {
      await c.query(
        `insert into audit_log (ts, user_id, username, department_id, department_name, ip, action, result, details)
         select t, o.id, o.username, o.department_id, '支队', '10.0.0.1',
                (array['ebike.pda-query', 'enforcement.first-violation-check', 'enforcement.rider-contact', 'ebike.vehicle.view', 'ebike.vehicle.view'])[1 + i % 5],
                'success', jsonb_build_object('keys', jsonb_build_array('plate'), 'found', i % 4, 'device', 'PDA-0001')
           from generate_series($1::bigint, $3::bigint) as i, ${at},
                lateral (select (($4::int[])[1 + i % ${OFFICERS}]) as id) as pick
                join users o on o.id = pick.id`,
        [lo, N, hi, officers.map((o) => o.id)],
      );
      console.log(`  审计记录 ${lo.toLocaleString('en')}–${hi.toLocaleString('en')}（累计 ${seconds(t0)} s）`);
    });
    await client.query('alter table audit_log enable trigger enf_query_log_days_insert');
    // 上传监控: the e-bike ledger at 1.3 businesses per vehicle (ebike-load.ts), its rollup kept by the ledger's triggers
    // during the load as in service; then one business in 97 failed and one in 89 rejected (one multi-row update each).
    const vehicles = Math.ceil(N / 1.3);
    const vehicleChunks = Array.from({ length: Math.ceil(vehicles / CHUNK) }, (_, k) => [k * CHUNK + 1, Math.min((k + 1) * CHUNK, vehicles)] as const);
    await inParallel(client, 2, vehicleChunks, async (c, [lo, hi]) => {
      await insertVehicles(c, lo, hi, departmentIds);
      console.log(`  车辆 ${lo.toLocaleString('en')}–${hi.toLocaleString('en')}（累计 ${seconds(t0)} s）`);
    });
    // By vehicle ID (the two connections' IDs interleave), as ebike.bench.ts does.
    const { rows: ids } = await client.query<{ lo: string; hi: string }>('select min(id) as lo, max(id) as hi from nm_vehicles');
    const [vlo, vhi] = [Number(ids[0]!.lo), Number(ids[0]!.hi)];
    const businessChunks = Array.from(
      { length: Math.ceil((vhi - vlo + 1) / CHUNK) },
      (_, k) => [vlo + k * CHUNK, Math.min(vlo + (k + 1) * CHUNK - 1, vhi)] as const,
    );
    await inParallel(client, 2, businessChunks, async (c, [lo, hi]) => {
      await insertBusinesses(c, lo, hi);
      console.log(`  业务（车辆 ${lo.toLocaleString('en')}–${hi.toLocaleString('en')}）（累计 ${seconds(t0)} s）`);
    });
    // 号牌库存: the pools of the 16 支队 (two kinds), 60 % allocated, 1 % retired, 1 % returned lately (cooling), the rest
    // free; the rollup kept by the pool's triggers during the load.
    await inParallel(client, 2, chunks, async (c, [lo, hi]) => {
      await c.query(
        `insert into ebike_plates (plate, plate_kind, department_id, status, available_from)
         select case when i % 12 = 0 then '沪K' else '沪A' end || lpad(i::text, 8, '0'), case when i % 12 = 0 then 'K' else 'P' end,
                ($3::int[])[1 + i % cardinality($3::int[])],
                case when i % 100 < 60 then 'allocated' when i % 100 = 60 then 'retired' else 'free' end,
                case when i % 100 = 61 then now() + interval '20 days' when i % 100 > 61 then now() - interval '1 year' end
           from generate_series($1::bigint, $2::bigint) as i`,
        [lo, hi, departmentIds],
      );
      console.log(`  号牌 ${lo.toLocaleString('en')}–${hi.toLocaleString('en')}（累计 ${seconds(t0)} s）`);
    });
    await client.query(`update ebike_businesses set upload_status = 'failed', upload_error = '六合一暂不可用' where id % 97 = 0`);
    await client.query(
      `update ebike_businesses set upload_status = 'rejected', upload_error = '六合一退回（E01）：号牌不符' where id % 89 = 0 and id % 97 <> 0`,
    );
    for (const statement of [...restore.indexes, ...restore.foreignKeys.filter((f) => !f.includes('breath_test_id'))]) await client.query(statement);
    const { rows: loaded } = await client.query<{ businesses: number }>('select count(*)::int as businesses from ebike_businesses');
    console.log(
      `装载 ${N.toLocaleString('en')} 条读数、${N.toLocaleString('en')} 份决定书、${loaded[0]!.businesses.toLocaleString('en')} 笔电动自行车业务、${N.toLocaleString('en')} 个号牌、${N.toLocaleString('en')} 条审计记录（含索引），用时 ${seconds(t0)} s`,
    );
    const t1 = performance.now();
    for (const statement of readFileSync(path.join(migrations, backfill), 'utf8').split('--> statement-breakpoint')) await client.query(statement);
    console.log(`迁移 ${backfill} 回填汇总表，用时 ${seconds(t1)} s`);
    const t2 = performance.now();
    await client.query(readFileSync(path.join(migrations, queryLogMigration), 'utf8').split('--> statement-breakpoint').at(-1)!);
    console.log(`迁移 ${queryLogMigration} 回填终端查询日汇总，用时 ${seconds(t2)} s`);
    await client.query('vacuum analyze');
    const { rows: sizes } = await client.query<{ readings: number; ocr: number; queries: number; uploads: number; plates: number }>(
      `select (select count(*) from enf_device_reading_days)::int as readings, (select count(*) from enf_ocr_days)::int as ocr,
        (select count(*) from enf_query_log_days)::int as queries,
        (select count(*) from ebike_upload_counts)::int as uploads, (select count(*) from ebike_plate_counts)::int as plates`,
    );
    console.log(
      `汇总表：读数日汇总 ${sizes[0]!.readings.toLocaleString('en')} 行，识别日汇总 ${sizes[0]!.ocr.toLocaleString('en')} 行，终端查询日汇总 ${sizes[0]!.queries.toLocaleString('en')} 行，上传状态计数 ${sizes[0]!.uploads} 行，号牌库存计数 ${sizes[0]!.plates} 行\n`,
    );

    const { rows: depts } = await client.query<{ id: number; name: string; path: string }>('select id, name, path from departments where id = $1', [
      departmentIds[3],
    ]);
    const principal = (dataScope: 'all' | 'dept_and_children'): Principal =>
      ({
        user: { id: 0 },
        department: depts[0]!,
        roles: [{ id: 0, code: 'bench', name: 'bench', dataScope, adminKind: null }],
        permissions: new Set(),
      }) as unknown as Principal;
    const who = { 全市: principal('all'), [`支队（${depts[0]!.name}）`]: principal('dept_and_children') };
    const periods = { 全年: { from: '2025-01-01', to: '2025-12-31' }, 一个月: { from: '2025-06-01', to: '2025-06-30' } };
    const db = database.db;

    for (const [whoName, p] of Object.entries(who))
      for (const [periodName, q] of Object.entries(periods)) {
        const label = `${whoName}·${periodName}`;
        await timed('P5 酒精测试仪数据统计', label, 'rollup', () => alcoholRepository.readingStats(db, p, q));
        await timed('P5 酒精测试仪数据统计', label, 'raw', () => alcoholRepository.readingStatsRaw(db, p, q));
        await timed('P1 终端识别准确率', label, 'rollup', () => violationsRepository.ocrAccuracy(db, p, q));
        await timed('P1 终端识别准确率', label, 'raw', () => violationsRepository.ocrAccuracyRaw(db, p, q));
        await timed('P10 终端查询统计', label, 'rollup', () => queryLogRepository.stats(db, p, q));
        await timed('P10 终端查询统计', label, 'raw', () => queryLogRepository.statsRaw(db, p, q));
        if (JSON.stringify(await queryLogRepository.stats(db, p, q)) !== JSON.stringify(await queryLogRepository.statsRaw(db, p, q)))
          throw new Error(`终端查询统计汇总表与原始表不一致（${label}）`);
      }
    for (const [whoName, p] of Object.entries(who)) {
      await timed('上传监控 各状态数量', whoName, 'rollup', () => uploadRepository.countsByStatus(db, p));
      await timed('上传监控 各状态数量', whoName, 'raw', () => uploadRepository.countsByStatusRaw(db, p));
      const same = async () => JSON.stringify((await uploadRepository.countsByStatus(db, p)).sort((a, b) => a.status.localeCompare(b.status)));
      const raw = JSON.stringify((await uploadRepository.countsByStatusRaw(db, p)).sort((a, b) => a.status.localeCompare(b.status)));
      if ((await same()) !== raw) throw new Error(`上传监控汇总表与原始表不一致（${whoName}）`);
      await timed('号牌库存', whoName, 'rollup', () => platesRepository.stats(db, p));
      await timed('号牌库存', whoName, 'raw', () => platesRepository.statsRaw(db, p));
      if (JSON.stringify(await platesRepository.stats(db, p)) !== JSON.stringify(await platesRepository.statsRaw(db, p)))
        throw new Error(`号牌库存汇总表与原始表不一致（${whoName}）`);
    }

    console.log('\n| 报表 | 范围·期间 | 汇总表 p50 / p95 ms | 原始表 GROUP BY p50 ms | 倍数 |');
    console.log('|---|---|---:|---:|---:|');
    for (const r of rows.filter((x) => x.source === 'rollup')) {
      const raw = rows.find((x) => x.source === 'raw' && x.report === r.report && x.who === r.who)!;
      console.log(`| ${r.report} | ${r.who} | ${r.p50} / ${r.p95} | ${raw.p50} | ${Math.round(raw.p50 / Math.max(r.p50, 0.1))}× |`);
    }
    const worst = Math.max(...rows.filter((x) => x.source === 'rollup').map((x) => x.p95));
    console.log(
      `\n最慢报表 p95 ${worst} ms ${worst <= TARGET_MS ? `✓ ≤ ${TARGET_MS} ms` : `✗ 超出 ${TARGET_MS} ms`}；结束时负载 ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}`,
    );
    if (worst > TARGET_MS) process.exitCode = 1;
  } finally {
    await bench.close();
  }
}
