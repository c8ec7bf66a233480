/**
 * The sealed crossing at scale on PostgreSQL (issue #18, G11/G12): 1,000,000 records of the `vehicles` set sealed,
 * crossed, verified and applied in under 60 s end to end.
 *
 *   npm run bench -- exchange                                   on a throwaway cluster (Debian's PostgreSQL)
 *   BENCH_EXCHANGE_RECORDS=200000 npm run bench -- exchange     another volume
 *   BENCH_EXCHANGE_PACKAGE_SIZES=5000,20000 npm run bench -- exchange   records per package (exchange.maxRecordsPerPackage), one run each
 *   BENCH_EXCHANGE_OVERLAP=1 npm run bench -- exchange          the internet zone scans while the police zone seals
 *
 * One cluster, two migrated databases: the police zone and the internet zone, each with its own SM2 exchange key and
 * the other's public key, joined only by a temporary gap folder (police out = internet in), minimum package age 0.
 * The module's own services run both sides in this process (exchange.bench-api.ts: ExchangeService on the bench
 * database). Not timed: N masked vehicle records put in the police outbox in set-based SQL (what the vehicles set's
 * export leaves there). Timed: the police zone's sealWaiting (outbox → JSONL → SM4 under a fresh key, key SM2-encrypted,
 * manifest SM2-signed, kept copy, then the gap folder; one transaction per package), then the internet zone's scan
 * (size, SM3, signature, recipient, sequence; decrypt; upsert by key and version in one transaction per package, a
 * receipt enqueued) until every record is applied. The applied count must equal N, else the bench fails.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sm2GenerateKeyPair } from '@shtp/gm';
import { benchExchangeService, benchKeyId } from '@shtp/server/exchange/bench';
import type pg from 'pg';
import { openBenchDatabases } from './bench-database.ts';
import { postgresCpu, postgresCpuSince } from './bench-process.ts';

const N = Number(process.env.BENCH_EXCHANGE_RECORDS ?? 1_000_000);
const SIZES = (process.env.BENCH_EXCHANGE_PACKAGE_SIZES ?? '20000').split(',').map(Number);
/** BENCH_EXCHANGE_OVERLAP=1: the internet zone scans while the police zone seals (default: one after the other). */
const OVERLAP = process.env.BENCH_EXCHANGE_OVERLAP === '1';
const BUDGET_S = 60;
const LOAD_CHUNK = 200_000;
if (!Number.isInteger(N) || N < 1000 || SIZES.some((s) => !Number.isInteger(s) || s < 1)) {
  console.error('BENCH_EXCHANGE_RECORDS 须为不小于 1000 的整数，BENCH_EXCHANGE_PACKAGE_SIZES 须为正整数列表');
  process.exit(2);
}

const fmt = (n: number) => n.toLocaleString('en');
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
};

/** N vehicle records as the vehicles set leaves them in the outbox: masked (plate 3+1, name first char, ID 1+1), a possession digest. */
async function loadOutbox(client: pg.Pool): Promise<void> {
  for (let lo = 1; lo <= N; lo += LOAD_CHUNK) {
    const hi = Math.min(N, lo + LOAD_CHUNK - 1);
    await client.query(
      `insert into exchange_outbox (channel, business_key, version, record)
       select 'vehicles', 'ebike-' || i, 1, jsonb_build_object(
         'plate', '沪' || chr(65 + i % 4) || '****' || (i % 10),
         'plateKind', 'P',
         'brand', (array['雅迪', '爱玛', '绿源', '新日', '台铃'])[1 + i % 5],
         'model', 'TDT' || lpad((i % 997)::text, 4, '0'),
         'colours', jsonb_build_array((array['白', '黑', '红', '蓝'])[1 + i % 4]),
         'ownerName', (array['张', '王', '李', '赵', '陈'])[1 + i % 5] || '**',
         'ownerIdNumber', '3****************' || (i % 10),
         'districtCode', '3101' || lpad((1 + i % 16)::text, 2, '0'),
         'stolen', i % 500 = 0, 'locked', false, 'cancelled', i % 97 = 0,
         'possession', md5('p' || i) || md5('q' || i))
       from generate_series($1::int, $2::int) i`,
      [lo, hi],
    );
  }
  // The waiting marks addToOutbox writes in the same statement as each record.
  await client.query(`insert into exchange_outbox_waiting (channel, outbox_id) select channel, id from exchange_outbox`);
  await client.query('vacuum analyze exchange_outbox, exchange_outbox_waiting');
}

const EXCHANGE_TABLES = 'exchange_outbox_waiting, exchange_outbox, exchange_packages, exchange_channels, exchange_records';

async function main() {
  const dbs = await openBenchDatabases(['xch_police', 'xch_internet'], '数据交换基准');
  if (!dbs) return;
  const [police, internet] = dbs as [(typeof dbs)[0], (typeof dbs)[0]];
  const root = await mkdtemp(path.join(os.tmpdir(), 'xch-bench-'));
  const failures: string[] = [];
  console.log(`负载（开始）${load()}，${os.cpus().length} 核`);
  try {
    const keys = { police: sm2GenerateKeyPair(), internet: sm2GenerateKeyPair() };
    const gap = path.join(root, 'police-to-internet');
    const back = path.join(root, 'internet-to-police');
    for (const zone of ['police', 'internet'] as const)
      await writeFile(path.join(root, `${zone}.json`), JSON.stringify({ keyId: benchKeyId(zone), publicKey: keys[zone].publicKey }));
    const settingsOf = (zone: 'police' | 'internet', out: string, inbound: string, peer: 'police' | 'internet') => ({
      outDir: out,
      inDir: inbound,
      sentDir: path.join(root, zone, 'sent'),
      doneDir: path.join(root, zone, 'done'),
      quarantineDir: path.join(root, zone, 'quarantine'),
      publicKeyFile: path.join(root, `${zone}.json`),
      peerKeyFile: path.join(root, `${peer}.json`),
      watch: false,
    });

    for (const size of SIZES) {
      for (const db of [police, internet]) await db.client.query(`truncate ${EXCHANGE_TABLES} restart identity`);
      for (const dir of [gap, back, path.join(root, 'police'), path.join(root, 'internet')]) await rm(dir, { recursive: true, force: true });
      const params = { 'exchange.maxRecordsPerPackage': size, 'exchange.minAgeSeconds': 0 };
      const policeZone = benchExchangeService({
        zone: 'police',
        db: police.database.db,
        key: keys.police,
        settings: settingsOf('police', gap, back, 'internet'),
        params,
      });
      const internetZone = benchExchangeService({
        zone: 'internet',
        db: internet.database.db,
        key: keys.internet,
        settings: settingsOf('internet', back, gap, 'police'),
        params,
      });

      const t = performance.now();
      await loadOutbox(police.client);
      console.log(`\n每包 ${fmt(size)} 条：装载发件箱 ${fmt(N)} 条已脱敏的 vehicles 记录（${((performance.now() - t) / 1000).toFixed(1)} s，不计时）`);

      const t0 = performance.now();
      const cpu = process.cpuUsage();
      const pgBefore = { police: postgresCpu(police.url), internet: postgresCpu(internet.url) };
      const scan = { applied: 0, quarantined: 0, held: 0 };
      const add = (r: { applied: number; quarantined: number; held: number }) => {
        scan.applied += r.applied;
        scan.quarantined += r.quarantined;
        scan.held = r.held;
      };
      let sealed = 0;
      let sealS = 0;
      let sealCpu = 0;
      let pgPolice = 0;
      /** Complete packages in the gap folder once sealing is over (sequential runs only). */
      let inGap: number | null = null;
      if (OVERLAP) {
        // As two zones on their own hosts run: the internet zone scans while the police zone is still sealing.
        let sealing = true;
        const done = policeZone.outbound
          .sealWaiting()
          .then(async (n) => {
            sealed = n;
            sealS = (performance.now() - t0) / 1000;
            // Now: the pool closes idle connections, and with them their CPU figures, while the scanning goes on.
            pgPolice = postgresCpuSince(police.url, pgBefore.police).database / 1000;
          })
          .finally(() => {
            sealing = false;
          });
        while (sealing) {
          add(await internetZone.inbound.scan());
          await new Promise((r) => setTimeout(r, 20));
        }
        await done;
        add(await internetZone.inbound.scan());
      } else {
        sealed = await policeZone.outbound.sealWaiting();
        sealS = (performance.now() - t0) / 1000;
        sealCpu = cpuSeconds(cpu);
        pgPolice = postgresCpuSince(police.url, pgBefore.police).database / 1000;
        inGap = (await readdir(gap)).filter((f) => f.endsWith('.done')).length;
        add(await internetZone.inbound.scan());
      }
      const totalS = (performance.now() - t0) / 1000;
      const applyS = OVERLAP ? totalS : totalS - sealS;
      const applyCpu = cpuSeconds(cpu) - sealCpu;
      const pgInternet = postgresCpuSince(internet.url, pgBefore.internet).database / 1000;

      const { rows } = await internet.client.query<{ n: number; packages: number }>(
        `select (select count(*) from exchange_records where channel = 'vehicles')::int as n,
                (select count(*) from exchange_packages where direction = 'in' and channel = 'vehicles' and state = 'applied')::int as packages`,
      );
      const applied = rows[0]?.n ?? 0;
      const receipts = await internet.client.query<{ n: number }>(`select count(*)::int as n from exchange_outbox where channel = 'receipts'`);
      const ok = applied === N && scan.applied === sealed && scan.quarantined === 0 && scan.held === 0 && totalS <= BUDGET_S;
      console.log(
        `  数据包 ${fmt(sealed)} 个${inGap === null ? '' : `（网闸目录 ${fmt(inGap)} 个）`}，入库 ${fmt(scan.applied)} 个，隔离 ${scan.quarantined}，等待 ${scan.held}，回执 ${fmt(receipts.rows[0]?.n ?? 0)} 条`,
      );
      console.log(`  记录 ${fmt(applied)} / ${fmt(N)} 条入库（互联网区 exchange_records）${applied === N ? '' : ' ✗ 数量不符'}`);
      if (OVERLAP) {
        console.log(`  封装 ${sealS.toFixed(1)} s，其间互联网区同时扫描入库；全部入库 ${applyS.toFixed(1)} s`);
        console.log(`  CPU：Node（两区同一进程）${applyCpu.toFixed(1)} s，PostgreSQL 公安网区 ${pgPolice.toFixed(1)} s、互联网区 ${pgInternet.toFixed(1)} s`);
      } else {
        console.log(`  封装 ${sealS.toFixed(1)} s（公安网区 CPU：Node ${sealCpu.toFixed(1)} s，PostgreSQL ${pgPolice.toFixed(1)} s）`);
        console.log(`  验证+解密+入库 ${applyS.toFixed(1)} s（互联网区 CPU：Node ${applyCpu.toFixed(1)} s，PostgreSQL ${pgInternet.toFixed(1)} s）`);
      }
      console.log(`  端到端 ${totalS.toFixed(1)} s，${fmt(Math.round(N / totalS))} 条/s — 预算 ${BUDGET_S} s：${ok ? 'PASS ✓' : 'FAIL ✗'}`);
      console.log(`  负载 ${load()}`);
      if (applied !== N) failures.push(`每包 ${size}：入库 ${applied} 条，应为 ${N} 条`);
      else if (!ok) failures.push(`每包 ${size}：${totalS.toFixed(1)} s 超出预算或有数据包未入库`);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
    await internet.close();
    await police.close();
  }
  if (failures.length > 0) {
    console.error(`✗ ${failures.join('；')}`);
    process.exitCode = 1;
  }
}

await main();
