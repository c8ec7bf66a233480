/**
 * Temporary-plate supervision at ten times Shanghai's volume on PostgreSQL (issue #14: 5,000,000 businesses a year;
 * each statistics report under 1 s, a department's inbox page under 200 ms, the real-time evaluation of one business
 * under 50 ms excluding OCR).
 *
 *   npm run bench -- tempplate                        5,000,000 businesses on a throwaway cluster (Debian's PostgreSQL)
 *   BENCH_TEMP_PLATES=500000 npm run bench -- tempplate   another volume
 *   BENCH_DATABASE_URL=postgres://… npm run bench -- tempplate   on your server (a database is created and dropped)
 *
 * A fresh migrated database gets the year (tools/bench/tempplate-load.ts: businesses, one warning and work order in
 * 25, the rollups and day counters), its indexes, VACUUM ANALYZE. Then the module's own queries are timed from the
 * client: T25 预警统计 and T11 异常统计 over the year (rollups), T12 over a quarter of days (day counters) — and, for
 * the ratio, the naive GROUP BY department × month over the businesses they replace; a department's inbox and list
 * page with their counts; the evaluation of random businesses with every rule T1–T10 (history, T9 shares, the warning
 * inserts) in a transaction that is rolled back; last, the nightly batch re-evaluation of a month (rules with history,
 * owner fields given in clear), extrapolated to 5,000,000 a year when run smaller. Figures: docs/benchmarks/tempplate.md.
 */
import os from 'node:os';
import {
  businessesRepository,
  dayCountsRepository,
  evaluateBusiness,
  factsOf,
  paramSetVersion,
  readSettings,
  reevaluateWindow,
  reportsRepository,
  workOrdersRepository,
} from '@shtp/server/tempplate/bench';
import { openBenchDatabase } from './bench-database.ts';
import { dropForLoad, inParallel, insertDepartments } from './ebike-load.ts';
import { CHUNK, insertTempPlates, insertWarningsAndRollups } from './tempplate-load.ts';

const N = Number(process.env.BENCH_TEMP_PLATES ?? 5_000_000);
if (!Number.isInteger(N) || N < 10_000) {
  console.error('BENCH_TEMP_PLATES 须为不小于 10000 的整数（默认 5000000）');
  process.exit(2);
}
const ROUNDS = 20;
const EVALUATIONS = 200;
type Principal = Parameters<typeof reportsRepository.byRule>[1];
type Platform = Parameters<typeof readSettings>[0];

const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const results: { name: string; p50: number; p95: number; budget: number | null }[] = [];

async function timed(name: string, rounds: number, budget: number | null, run: (i: number) => Promise<unknown>) {
  await run(0); // warm: plan cache, pages
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await run(i);
    ms.push(performance.now() - t0);
  }
  const r = { name, p50: Math.round(pct(ms, 50) * 10) / 10, p95: Math.round(pct(ms, 95) * 10) / 10, budget };
  results.push(r);
  const verdict = budget === null ? '' : r.p95 <= budget ? `  ✓ ≤ ${budget} ms` : `  ✗ 超出 ${budget} ms`;
  console.log(`  ${name}: p50 ${r.p50} ms, p95 ${r.p95} ms${verdict}`);
}

const bench = await openBenchDatabase('bench_tempplate', '临牌查验基准');
if (bench) {
  const { database, client } = bench;
  try {
    const t0 = performance.now();
    const departmentIds = await insertDepartments(client);
    const restore = await dropForLoad(client, ['tempplate_businesses']);
    const chunks = Array.from({ length: Math.ceil(N / CHUNK) }, (_, k) => [k * CHUNK + 1, Math.min((k + 1) * CHUNK, N)] as const);
    await inParallel(client, 2, chunks, async (c, [lo, hi]) => {
      await insertTempPlates(c, lo, hi, N, departmentIds);
      console.log(`  临牌业务 ${lo.toLocaleString('en')}–${hi.toLocaleString('en')}（累计 ${seconds(t0)} s）`);
    });
    for (const statement of [...restore.indexes, ...restore.foreignKeys]) await client.query(statement);
    await insertWarningsAndRollups(client, departmentIds);
    await client.query('vacuum analyze');
    const { rows: sizes } = await client.query<{ warnings: number; crossing: number; rollups: number; days: number }>(
      `select (select count(*) from tempplate_warnings)::int as warnings,
        (select count(*) from tempplate_work_orders where check_department_id <> department_id)::int as crossing,
        (select count(*) from tempplate_rollups)::int as rollups, (select count(*) from tempplate_department_days)::int as days`,
    );
    console.log(
      `装载 ${N.toLocaleString('en')} 笔业务、${sizes[0]!.warnings.toLocaleString('en')} 条预警（其中 ${sizes[0]!.crossing.toLocaleString('en')} 张工单交其他部门初核），汇总表 ${sizes[0]!.rollups} 行、按日计数 ${sizes[0]!.days} 行，用时 ${seconds(t0)} s`,
    );

    const { rows: depts } = await client.query<{ id: number; name: string; path: string }>('select id, name, path from departments where id = $1', [
      departmentIds[0],
    ]);
    const principal = (dataScope: 'all' | 'dept'): Principal =>
      ({
        user: { id: 0 },
        department: depts[0]!,
        roles: [{ id: 0, code: 'bench', name: 'bench', dataScope, adminKind: null }],
        permissions: new Set(),
      }) as unknown as Principal;
    const all = principal('all');
    const dept = principal('dept');
    const db = database.db;

    console.log('统计（汇总表）');
    await timed('T25 预警统计（按规则，全年）', ROUNDS, 1000, () => reportsRepository.byRule(db, all, '2025-01', '2025-12'));
    await timed('T11 异常统计（部门×月×规则，全年）', ROUNDS, 1000, () => reportsRepository.byDepartment(db, all, '2025-01', '2025-12'));
    await timed('T12 办理部门统计（任意 92 天）', ROUNDS, 1000, () => dayCountsRepository.byDepartment(db, all, '2025-04-01', '2025-07-01'));
    await timed('对照：按部门×月 GROUP BY 业务表', 3, null, () =>
      client.query(`select department_id, to_char(issued_at at time zone 'Asia/Shanghai', 'YYYY-MM'), count(*) from tempplate_businesses group by 1, 2`),
    );
    console.log('部门收件箱（含总数）');
    const page = { page: 1, pageSize: 20 } as const;
    await timed('待初核收件箱第 1 页', ROUNDS, 200, () => workOrdersRepository.list(db, dept, { ...page, inbox: 'first_check' }));
    await timed('本部门预警列表第 1 页', ROUNDS, 200, () => workOrdersRepository.list(db, dept, page));
    await timed('收件箱计数', ROUNDS, 200, () => workOrdersRepository.inboxCounts(db, dept));

    console.log(`实时评估（T1–T10，事务回滚，${EVALUATIONS} 笔随机业务）`);
    const settings = await readSettings({ params: { get: async (d: { defaultValue: unknown }) => d.defaultValue } } as unknown as Platform);
    const version = await paramSetVersion(db, settings);
    const owner = { ownerName: '基准', ownerIdNumber: '320102199001011234', phone: '13800000000', invoice: null };
    const rollback = new Error('rollback');
    await timed('评估一笔业务', EVALUATIONS, 50, async (i) => {
      const row = (await businessesRepository.byId(db, 1 + ((i * 7_777_777) % N)))!;
      await db
        .transaction(async (tx) => {
          await evaluateBusiness(tx, { ...factsOf(row, owner), departmentId: row.departmentId }, settings, version, null);
          throw rollback;
        })
        .catch((err: unknown) => {
          if (err !== rollback) throw err;
        });
    });

    // Last: it writes the warnings it raises. The nightly batch (rules with history) over June, the fields given in
    // clear instead of opened (the loaded ciphertexts are not real; SM4 of a page is measured apart, bench gm).
    const history = (r: { history: boolean }) => r.history;
    const t1 = performance.now();
    const month = await reevaluateWindow(db, settings, new Date('2025-06-01T00:00:00+08:00'), new Date('2025-07-01T00:00:00+08:00'), {
      only: history,
      open: async (page) => page.map(() => ({ owner, reading: null })),
    });
    const monthMs = performance.now() - t1;
    const atScale = (monthMs / 1000) * (5_000_000 / N);
    console.log(
      `批量重评一个月（有历史的规则，2025-06）：${month.seen.toLocaleString('en')} 笔、新增预警 ${month.raised.toLocaleString('en')} 条，用时 ${(monthMs / 1000).toFixed(1)} s（每笔 ${(monthMs / Math.max(1, month.seen)).toFixed(2)} ms；按 500 万笔/年折算约 ${atScale.toFixed(0)} s）${atScale <= 120 ? '  ✓ ≤ 120 s' : '  ✗ 超出 120 s'}`,
    );
    const naive = results.find((r) => r.name.startsWith('对照'))!;
    const report = results.find((r) => r.name.startsWith('T11'))!;
    console.log(
      `汇总表比 GROUP BY 快 ${Math.round(naive.p50 / Math.max(report.p50, 0.1))} 倍（p50）；机器 ${os.cpus().length} 核，负载 ${os.loadavg()[0]!.toFixed(1)}`,
    );
    if (results.some((r) => r.budget !== null && r.p95 > r.budget) || atScale > 120) process.exitCode = 1;
  } finally {
    await bench.close();
  }
}
