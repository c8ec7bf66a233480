/**
 * 道路施工 R3 at scale on PostgreSQL (issue #17): the insurance association's response file of 1,000,000 vehicle
 * registrations produced in under a minute, without holding the file in memory.
 *
 *   npm run bench -- roadworks-exchange                          on a throwaway cluster (Debian's PostgreSQL)
 *   BENCH_EXCHANGE_ROWS=1000000 npm run bench -- roadworks-exchange
 *
 * A fresh database gets the migrations and N synthetic e-bikes (tools/bench/ebike-load.ts, registrations spread over
 * 2,000 days from 2021-05-01), VACUUM ANALYZE. Then one request covering every registration is answered by the code the
 * exchange job runs — responseFile over registrationsRepository.page (keyset pages of 5,000, what ebike.api.ts
 * `registrations()` calls) streamed by FolderInsuranceExchange into a temporary folder (data file, manifest, ok marker)
 * — timed, with the file's size, the manifest's count checked against N, and the heap's growth over the run.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sm3Stream } from '@shtp/gm';
import { registrationsRepository } from '@shtp/server/ebike/registrations.repository';
import { FolderInsuranceExchange } from '@shtp/server/integrations/insurance-exchange/folder';
import { responseFile } from '@shtp/server/roadworks/response-file';
import { openBenchDatabase } from './bench-database.ts';
import { CHUNK, insertDepartments, insertVehicles } from './ebike-load.ts';

const N = Number(process.env.BENCH_EXCHANGE_ROWS ?? 1_000_000);
const PAGE = 5_000;
const BUDGET_S = 60;

const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);

async function main() {
  const bench = await openBenchDatabase('rw_exchange_bench', '保险数据交换基准');
  if (!bench) return;
  const { database, client } = bench;
  const dir = await mkdtemp(path.join(tmpdir(), 'rw-exchange-bench-'));
  try {
    let t = performance.now();
    const departmentIds = await insertDepartments(client);
    for (let lo = 1; lo <= N; lo += CHUNK) await insertVehicles(client, lo, Math.min(N, lo + CHUNK - 1), departmentIds);
    await client.query('vacuum analyze');
    console.log(`装载 ${N.toLocaleString('en')} 辆电动自行车（${seconds(t)} s）`);

    const window = { from: new Date('2021-01-01T00:00:00+08:00'), to: new Date('2027-01-01T00:00:00+08:00') };
    const folder = new FolderInsuranceExchange(dir);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => {
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 50);
    t = performance.now();
    const file = responseFile((after, limit) => registrationsRepository.page(database.db, window, after, limit), PAGE);
    let count = 0;
    await folder.sendResponse('REQ-BENCH', file.chunks, () => {
      count = file.count();
      return { requestId: 'BENCH', count, sm3: file.sm3(), producedAt: new Date().toISOString() };
    });
    const elapsed = (performance.now() - t) / 1000;
    clearInterval(sampler);
    const size = (await stat(path.join(dir, 'REQ-BENCH.dat'))).size;
    const manifest = JSON.parse(await readFile(path.join(dir, 'REQ-BENCH.manifest.json'), 'utf8')) as { count: number; sm3: string };
    const check = sm3Stream();
    for await (const chunk of createReadStream(path.join(dir, 'REQ-BENCH.dat'))) check.update(chunk as Buffer);
    const sm3Ok = check.digest('hex') === manifest.sm3;
    console.log(
      `响应文件 ${count.toLocaleString('en')} 条（清单 ${manifest.count.toLocaleString('en')}，SM3 ${sm3Ok ? '一致' : '不一致'}），` +
        `${(size / 1024 / 1024).toFixed(0)} MiB，用时 ${elapsed.toFixed(1)} s — 预算 ${BUDGET_S} s ${elapsed <= BUDGET_S && count === N && sm3Ok ? '✓' : '✗'}`,
    );
    console.log(`堆内存增长峰值 ${((heapPeak - heapBefore) / 1024 / 1024).toFixed(0)} MiB（文件 ${(size / 1024 / 1024).toFixed(0)} MiB：未整体载入内存）`);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await bench.close();
  }
}

await main();
