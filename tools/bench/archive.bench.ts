/**
 * 档案影像化 at scale on PostgreSQL (issue #15): the viewer's search under 100 ms at the API and an archive's page list
 * (the thumbnail strip) well under the 200 ms of its first page, at millions of pages of metadata; plus the
 * reachability check of a disposal (which page contents other archives still hold).
 *
 *   npm run bench -- archive                                          200,000 archives × 8 pages on a throwaway cluster
 *   BENCH_ARCHIVES=1250000 BENCH_PAGES_PER_ARCHIVE=8 npm run bench -- archive   10 M pages (the issue's figure)
 *   BENCH_CAPTURE_PAGES=0 …                                                      without the capture and API sections
 *
 * A fresh database gets the migrations, 16 district departments, synthetic archives spread over two years (流水号,
 * plate, 整车编码, owner blind index, department, business type), their pages (each a distinct content, one in ten
 * shared with another archive) with renditions, one archive of 30 pages, then VACUUM ANALYZE. Timed from the client on
 * one warm connection through archiveRepository — the same queries the routes run — for a city-wide and a district
 * principal. The images themselves are in the object store, not here: this is the database's share of each answer.
 * Then capture throughput on the same database (archive-capture.ts): pages per second through the real upload,
 * encryption, store and filing path of a running server, p95 per page, and pages rendered per second.
 * Around it, the same searches and the viewer's requests at the API of that server (archive-api.ts): what a person waits.
 * Printed, not asserted: the figures move with whatever else the machine runs.
 */
import os from 'node:os';
import { archiveRepository } from '@shtp/server/archive/archive.repository';
import type { Database } from '@shtp/server/platform/db/client';
import type pg from 'pg';
import { archiveApiBench } from './archive-api.ts';
import { benchCapture } from './archive-capture.ts';
import { archivePicks } from './archive-picks.ts';
import { openBenchDatabase } from './bench-database.ts';
import { reportLatency as report, timed as timeCalls } from './bench-report.ts';

const ARCHIVES = Number(process.env.BENCH_ARCHIVES ?? 200_000);
const PAGES_PER = Number(process.env.BENCH_PAGES_PER_ARCHIVE ?? 8);
const SAMPLES = 500;
const DISTRICTS = 16;
const SEARCH_MS = 100;
const STRIP_MS = 200;

type Principal = Parameters<typeof archiveRepository.search>[2];

/** The synthetic population, in set-based SQL (generate_series): the loader must not be the bench. */
async function load(client: pg.Pool): Promise<{ departmentIds: number[]; bigArchiveId: number }> {
  const { rows: root } = await client.query<{ id: number }>(
    `insert into departments (code, name, level, path) values ('310000BENCH', '上海市公安局交通警察总队（基准）', 'corps', '/bench/') returning id`,
  );
  const { rows: departments } = await client.query<{ id: number }>(
    `insert into departments (parent_id, code, name, level, path)
     select $1::int, '3101' || lpad(g::text, 2, '0') || 'BENCH', '第' || g || '支队（基准）', 'detachment', '/bench/' || g || '/'
       from generate_series(1, ${DISTRICTS}) g returning id`,
    [root[0]!.id],
  );
  const departmentIds = departments.map((d) => d.id);
  await client.query(
    `insert into archives (business_id, lsh, vehicle_id, business_type, owner_type, applicant, plate, zcbm, owner_id_idx, department_id,
                           security_label, accepted_at, version, complete, completed_at, missing, created_at)
     select g, '24' || lpad(g::text, 11, '0'), g, (array['register','register','register','transfer','change','cancel'])[1 + g % 6], '1',
            case when g % 7 = 0 then 'agent' else 'self' end, '沪' || chr(65 + g % 20) || lpad((g % 999983)::text, 6, '0'),
            'ZC' || lpad(g::text, 13, '0'), md5('owner' || (g % ($1::int / 2 + 1))), ($2::int[])[1 + g % ${DISTRICTS}], 'internal',
            t, ${PAGES_PER}, g % 10 <> 0, case when g % 10 <> 0 then t + interval '1 hour' end, '[]', t
       from generate_series(1, $1::int) g, lateral (select now() - (g % 730) * interval '1 day' - (g % 1440) * interval '1 minute' as t) x`,
    [ARCHIVES, departmentIds],
  );
  console.log(`  档案 ${ARCHIVES.toLocaleString('en')}`);
  // One distinct content per page, except every tenth page of an archive, which repeats a page of the archive before it.
  await client.query(
    `insert into blobs (digest, size, mime, key_version, backend)
     select md5('p' || g) || md5('q' || g), 300000, 'image/jpeg', 1, 's3' from generate_series(1, $1::int) g`,
    [ARCHIVES * PAGES_PER],
  );
  await client.query(
    `insert into archive_pages (archive_id, doc_type, seq, digest, mime, width, height, thumb_digest, display_digest, source,
                                added_in_version, captured_by_name, captured_at)
     select a.id, (array['application','owner_id','ccc','origin','vehicle_photo','other','other','other'])[1 + (s - 1) % 8], s,
            md5('p' || n) || md5('q' || n), 'image/jpeg', 2480, 3508, md5('t' || n) || md5('u' || n), md5('d' || n) || md5('e' || n),
            'doc_camera', s, '基准', a.accepted_at
       from archives a, generate_series(1, ${PAGES_PER}) s,
            lateral (select case when s = ${PAGES_PER} and a.id > 1 then (a.id - 2) * ${PAGES_PER} + 1 else (a.id - 1) * ${PAGES_PER} + s end as n) x`,
  );
  console.log(`  页面 ${(ARCHIVES * PAGES_PER).toLocaleString('en')}`);
  const { rows: big } = await client.query<{ id: number }>(`select id from archives order by id desc limit 1`);
  const bigArchiveId = big[0]!.id;
  await client.query(
    `insert into archive_pages (archive_id, doc_type, seq, digest, mime, thumb_digest, display_digest, source, added_in_version, captured_by_name)
     select $1::int, 'other', ${PAGES_PER} + s, md5('p' || s) || md5('q' || s), 'image/jpeg', md5('t' || s) || md5('u' || s),
            md5('d' || s) || md5('e' || s), 'file', ${PAGES_PER} + 1, '基准' from generate_series(1, ${30 - PAGES_PER}) s`,
    [bigArchiveId],
  );
  await client.query('vacuum analyze');
  return { departmentIds, bigArchiveId };
}

function principal(kind: 'all' | 'dept_and_children', department: { id: number; path: string }): Principal {
  return {
    user: { id: 1, clearance: 'internal' },
    department: { ...department, name: '基准' },
    roles: [{ id: 1, code: 'bench', name: '基准', dataScope: kind, adminKind: null }],
    permissions: new Set(['archive:view']),
  } as unknown as Principal;
}

async function main() {
  if (!Number.isInteger(ARCHIVES) || ARCHIVES < 1_000 || !Number.isInteger(PAGES_PER) || PAGES_PER < 2 || PAGES_PER > 30) {
    console.error('BENCH_ARCHIVES 须为不小于 1000 的整数，BENCH_PAGES_PER_ARCHIVE 须为 2–30 的整数');
    process.exit(2);
  }
  const bench = await openBenchDatabase('archive_bench', '档案影像化基准');
  if (!bench) return;
  const { database, client } = bench;
  try {
    console.log(`机器：${os.cpus().length} 核，负载 ${os.loadavg()[0]!.toFixed(2)}；数据库 PostgreSQL（本机）`);
    const t0 = performance.now();
    const { departmentIds, bigArchiveId } = await load(client);
    console.log(`装载用时 ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await run(database, client, departmentIds, bigArchiveId);
    if (process.env.BENCH_CAPTURE_PAGES !== '0') {
      await benchCapture(bench.url, client, archiveApiBench(await archivePicks(client, ARCHIVES, departmentIds, 20261204), bigArchiveId));
    }
  } finally {
    await bench.close();
  }
}

async function run(database: Database, client: pg.Pool, departmentIds: number[], bigArchiveId: number) {
  const db = database.db;
  const city = principal('all', { id: departmentIds[0]!, path: '/bench/' });
  const district = principal('dept_and_children', { id: departmentIds[3]!, path: '/bench/4/' });
  const { any, department, within } = await archivePicks(client, ARCHIVES, departmentIds);
  const timed = (run: () => Promise<unknown>) => timeCalls(run, { warmup: 30, samples: SAMPLES });
  const pages = ARCHIVES * PAGES_PER;
  console.log(`\n全市档案查询（${ARCHIVES.toLocaleString('en')} 件档案，${pages.toLocaleString('en')} 页元数据；每种 ${SAMPLES} 次，第 1 页 20 条含总数）`);
  const search =
    (f: Parameters<typeof archiveRepository.search>[1], who = city) =>
    () =>
      archiveRepository.search(db, f, who, 1, 20);
  report('按流水号', await timed(() => search({ lsh: any().lsh })()), SEARCH_MS);
  report('按号牌', await timed(() => search({ plate: any().plate })()), SEARCH_MS);
  report('按整车编码', await timed(() => search({ zcbm: any().zcbm })()), SEARCH_MS);
  report('按证件号（盲索引）', await timed(() => search({ ownerIdIdx: any().owner_id_idx })()), SEARCH_MS);
  report('按部门 + 7 天', await timed(() => within(7, (from, to) => search({ departmentId: department(), from, to })())), SEARCH_MS);
  report('全市按业务类型 + 1 天', await timed(() => within(1, (from, to) => search({ businessType: 'transfer', from, to })())), SEARCH_MS);
  report('支队民警（本支队及下级）按日期 3 天', await timed(() => within(3, (from, to) => search({ from, to }, district)())), SEARCH_MS);

  console.log('\n档案页（缩略图条：30 页的页面清单，全部版本）');
  report('页面清单', await timed(() => archiveRepository.pages(db, bigArchiveId)), STRIP_MS);
  report('当前页面（签名校验所用）', await timed(() => archiveRepository.currentPages(db, bigArchiveId)), STRIP_MS);

  console.log('\n到期处置的可达性检查（档案各版本页面、缩略图、显示图的摘要是否仍被其他未处置档案引用）');
  report('一件档案', await timed(async () => archiveRepository.contentInUse(db, await archiveRepository.contentOf(db, any().id))), SEARCH_MS);

  const plan = async (title: string, sql: string) => {
    const { rows } = await client.query(`explain (analyze, buffers) ${sql}`);
    console.log(`\n${title}\n${rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}`);
  };
  const from = within(1, (day) => day);
  await plan(
    '查询计划：全市按业务类型 + 1 天（第 1 页）',
    `select * from archives where business_type = 'transfer' and accepted_at >= '${from}'::date at time zone 'Asia/Shanghai'
       and accepted_at < ('${from}'::date + 1) at time zone 'Asia/Shanghai' and security_label in ('public', 'internal')
     order by accepted_at desc, id desc limit 20`,
  );
  await plan(
    '查询计划：按号牌',
    `select * from archives where plate = '${any().plate}' and security_label in ('public', 'internal') order by accepted_at desc, id desc limit 20`,
  );
}

await main();
