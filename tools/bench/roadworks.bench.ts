/**
 * 道路施工 at scale on PostgreSQL (issue #17): picker suggestions under 50 ms at 20,000 roads / 100,000 segments, and
 * the overlap lookup of a new permit under 100 ms at 1,000,000 historical permits.
 *
 *   npm run bench -- roadworks                                   on a throwaway cluster (Debian's PostgreSQL)
 *   BENCH_ROADS=20000 BENCH_PERMITS=1000000 npm run bench -- roadworks   (5 segments a road)
 *
 * A fresh database gets the migrations, a synthetic gazetteer from testkit's seeded generator (Shanghai-style names with
 * their pinyin keys, street grids in the 16 districts, segments with geometry) and approved permits with a placement
 * each, then VACUUM ANALYZE. Timed from the client on one warm connection: gazetteerRepository.suggest for initials, pinyin and Chinese prefixes of existing roads and for
 * two-character Chinese pieces from inside a name (the substring path of the bigram index), and
 * warningsRepository.othersTouching (the GiST lookup behind every R4 warning) for random segments and periods.
 */
import type { Database } from '@shtp/server/platform/db/client';
import { gazetteerRepository } from '@shtp/server/roadworks/gazetteer.repository';
import { insertGazetteer } from '@shtp/server/roadworks/gazetteer-seed';
import { roadNameKeys } from '@shtp/server/roadworks/road-keys';
import { syntheticBatch } from '@shtp/server/roadworks/synthetic-gazetteer';
import { warningsRepository } from '@shtp/server/roadworks/warnings.repository';
import { Rng, syntheticGazetteer } from '@shtp/testkit';
import type pg from 'pg';
import { openBenchDatabase } from './bench-database.ts';
import { percentile } from './bench-stats.ts';

const ROADS = Number(process.env.BENCH_ROADS ?? 20_000);
const PERMITS = Number(process.env.BENCH_PERMITS ?? 1_000_000);
const SAMPLES = 1_000;
const report = (label: string, ms: number[], budget: number) => {
  const s = [...ms].sort((a, b) => a - b);
  const p95 = percentile(s, 95);
  console.log(
    `${label}: p50 ${percentile(s, 50).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, p99 ${percentile(s, 99).toFixed(2)} ms, max ${s[s.length - 1]!.toFixed(2)} ms — 预算 ${budget} ms ${p95 <= budget ? '✓' : '✗'}`,
  );
};

async function load(database: Database, client: pg.Pool, rng: Rng): Promise<{ names: string[]; segments: number }> {
  // A realistic gazetteer (testkit's seeded generator): street grids of 6 × 6 roads in the 16 districts, 5 segments a road.
  const grid = 6;
  const g = syntheticGazetteer(rng.fork('gazetteer'), { neighbourhoods: Math.ceil(ROADS / (2 * grid)), grid });
  const { points } = syntheticBatch(g);
  const perBatch = 100 * 2 * grid;
  for (let i = 0; i < g.roads.length; i += perBatch) {
    const roads = g.roads.slice(i, i + perBatch);
    await insertGazetteer(database.db, { roads, chains: Object.fromEntries(roads.map((r) => [r.name, g.chains[r.name]!])), points });
  }
  const { rows } = await client.query<{ n: number }>('select count(*)::int as n from rw_segments');
  const segments = rows[0]!.n;
  console.log(`  道路 ${g.roads.length.toLocaleString('en')}，路段 ${segments.toLocaleString('en')}（带几何）`);
  await client.query(
    `insert into rw_cases (case_no, applicant, works_type, requested_from, requested_to, lanes, traffic_plan, location_text, status)
     select 'B' || g, '示例单位', 'dig', d, d + (1 + g % 30), '一条车道', '', '', 'approved'
     from generate_series(1, $1::int) g, lateral (select date '2016-01-01' + (hashint4(g) & 4095) % 3650 as d) x`,
    [PERMITS],
  );
  await client.query(
    `insert into rw_placements (case_id, segment_id, period, digging)
     select id, (hashint4(id * 7) & 2147483647) % $1::int + (select min(id) from rw_segments), daterange(requested_from, requested_to, '[]'), true
     from rw_cases`,
    [segments],
  );
  console.log(`  许可 ${PERMITS.toLocaleString('en')}`);
  await client.query('vacuum analyze');
  return { names: g.roads.map((r) => r.name), segments };
}

async function main() {
  const bench = await openBenchDatabase('rw_bench', '道路施工基准');
  if (!bench) return;
  const { database, client } = bench;
  try {
    const rng = new Rng(20261202);
    const t0 = performance.now();
    const { names, segments } = await load(database, client, rng);
    console.log(`装载用时 ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const timed = async (n: number, run: (i: number) => Promise<unknown>) => {
      for (let i = 0; i < 50; i++) await run(i);
      const ms: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        await run(i);
        ms.push(performance.now() - t);
      }
      return ms;
    };
    const pick = () => roadNameKeys(names[rng.int(0, names.length - 1)]!);
    report(
      `路名选择器 首字母前缀（${ROADS} 条道路）`,
      await timed(SAMPLES, () => gazetteerRepository.suggest(database.db, { key: pick().initials.slice(0, 3), latin: true, limit: 20 })),
      50,
    );
    report(
      '路名选择器 全拼前缀',
      await timed(SAMPLES, () => gazetteerRepository.suggest(database.db, { key: pick().pinyin.slice(0, 6), latin: true, limit: 20 })),
      50,
    );
    report(
      '路名选择器 中文前缀/包含',
      await timed(SAMPLES, () => gazetteerRepository.suggest(database.db, { key: pick().key.slice(0, 2), latin: false, limit: 20 })),
      50,
    );
    report(
      '路名选择器 中文两字（名称中段）',
      await timed(SAMPLES, () => {
        const key = pick().key;
        const at = rng.int(0, Math.max(0, [...key].length - 2));
        return gazetteerRepository.suggest(database.db, { key: [...key].slice(at, at + 2).join(''), latin: false, limit: 20 });
      }),
      50,
    );
    const plan2 = await client.query(
      `explain (analyze, buffers) select n.road_id from rw_road_names n where n.bigrams @> array['安西'] and n.key like '%安西%'`,
    );
    console.log(plan2.rows.map((r) => r['QUERY PLAN']).join('\n'));
    report(
      `重叠检测（${PERMITS} 件历史许可）`,
      await timed(SAMPLES, () => {
        const from = new Date(Date.UTC(2016, 0, 1) + rng.int(0, 3650) * 86_400_000).toISOString().slice(0, 10);
        const segmentIds = [rng.int(1, segments), rng.int(1, segments)];
        const windowStart = new Date(Date.parse(from) - 365 * 86_400_000).toISOString().slice(0, 10);
        return warningsRepository.othersTouching(database.db, { segmentIds, windowStart, to: from, exceptCaseId: 0 });
      }),
      100,
    );
    const plan = await client.query(
      `explain (analyze, buffers) select p.case_id from rw_placements p join rw_cases c on c.id = p.case_id
       where p.segment_id = any(array[42, 4242]) and p.period && daterange('2019-01-01', '2020-01-01', '[]') and c.status <> 'refused'`,
    );
    console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
  } finally {
    await bench.close();
  }
}

await main();
