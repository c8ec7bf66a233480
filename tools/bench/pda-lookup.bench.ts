/**
 * E10 on the handheld: the sealed e-bike lookup, timed as the 交通执法终端 sees it (issue #16: "lookup answers under
 * 300 ms at the API on the demo population").
 *
 *   npm run bench -- pda-lookup                      the demo population (200,000 e-bikes), 300 lookups of each kind
 *   BENCH_EBIKES=20000 BENCH_LOOKUPS=1000 npm run bench -- pda-lookup
 *
 * A throwaway PostgreSQL cluster and the real server (apps/server/src/main.ts, one process) filling its demo
 * population (DEMO_EBIKES) through the business path. A device is registered in 终端管理 for road01's department and
 * road01 logs in; then one handheld asks, one request after the other: by plate, by 整车编码, and by a recognised plate
 * text (the photo's follow-up query). Each request is sealed (SM2/SM4 envelope signed by the device) and its reply
 * opened and verified, so the figure is the officer's wait on a perfect network, envelope work on both sides included.
 * Printed, not asserted: the figures move with whatever else the machine runs.
 */
import os from 'node:os';
import { MemoryReplayCache, sm2GenerateKeyPair } from '@shtp/gm';
import { type DeviceCredentials, openReply, type ServerKeyRef, sealRequest } from '@shtp/server/platform/transport/device-client';
import { type RunningServer, readyAccount, startServer } from '@shtp/testkit/server';
import pg from 'pg';
import { PostgresUnavailable, startThrowawayPostgres, type ThrowawayPostgres } from '../scripts/pg-cluster.mjs';
import { openSession } from './bench-sessions.ts';
import { percentile } from './bench-stats.ts';
import { waitForDemoEbikes } from './demo-population.ts';

/** The demo population of `npm start` (DEMO_EBIKES' default): about 20 minutes to fill on two busy cores. */
const EBIKES = Number(process.env.BENCH_EBIKES ?? 200_000);
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 300);
const WARM_UP = 20;
/** The target for an answer at the API. */
const TARGET_MS = 300;

let cluster: ThrowawayPostgres | undefined;
let server: RunningServer | undefined;
const cleanUp = async () => {
  await server?.stop();
  cluster?.stop();
};
process.on('SIGINT', () => void cleanUp().then(() => process.exit(130)));

/** The demo account's session and a device of its department registered by the security administrator. */
async function handheld(base: string): Promise<{ cookie: string; csrfToken: string; device: DeviceCredentials; serverKey: ServerKeyRef }> {
  for (const u of ['secadmin', 'road01']) await readyAccount(server!, u);
  const road = await openSession(base, 'road01');
  const me = (await (await fetch(`${base}/api/auth/me`, { headers: { cookie: road.cookie } })).json()) as { department: { id: number } };
  const sec = await openSession(base, 'secadmin');
  const pair = sm2GenerateKeyPair();
  const device = { code: 'PDA-BENCH-0001', privateKey: pair.privateKey };
  const reg = await fetch(`${base}/api/security/devices`, {
    method: 'POST',
    headers: { cookie: sec.cookie, 'x-csrf-token': sec.csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({ code: device.code, name: '基准测试终端', departmentId: me.department.id, publicKey: pair.publicKey }),
  });
  if (reg.status !== 200) throw new Error(`登记终端失败：${reg.status} ${await reg.text()}`);
  const serverKey = (await (await fetch(`${base}/api/transport/server-key`)).json()) as ServerKeyRef;
  return { ...road, device, serverKey };
}

async function main() {
  if (!Number.isInteger(EBIKES) || EBIKES < 1_000 || !Number.isInteger(LOOKUPS) || LOOKUPS < 10) {
    console.error('BENCH_EBIKES 须为不小于 1000 的整数，BENCH_LOOKUPS 须为不小于 10 的整数');
    process.exit(2);
  }
  try {
    cluster = await startThrowawayPostgres({ log: (m) => console.log(`[pg] ${m}`) });
  } catch (err) {
    if (!(err instanceof PostgresUnavailable)) throw err;
    console.log(`⚠ 跳过执法终端查询基准：${err.message}（apt-get install postgresql 后重新运行）`);
    return;
  }
  console.log(`机器：${os.cpus().length} 核，负载 ${os.loadavg()[0]!.toFixed(2)}；服务端一个进程，数据库 PostgreSQL（本机）`);
  server = await startServer({ databaseUrl: cluster.url, env: { DEMO_EBIKES: String(EBIKES) }, console: false });
  const db = new pg.Client({ connectionString: cluster.url });
  await db.connect();
  await waitForDemoEbikes(db, EBIKES, 40);
  const { rows: vehicles } = await db.query<{ plate: string; zcbm: string }>(
    `select plate, zcbm from nm_vehicles where plate is not null order by random() limit ${LOOKUPS + WARM_UP}`,
  );
  await db.end();

  const base = server.baseUrl;
  const h = await handheld(base);
  const replay = new MemoryReplayCache();
  const lookup = async (url: string, payload: object) => {
    const started = performance.now();
    const res = await fetch(`${base}${url}`, {
      method: 'POST',
      headers: { cookie: h.cookie, 'x-csrf-token': h.csrfToken, 'content-type': 'application/shtp-envelope' },
      body: sealRequest(payload, h.device, h.serverKey),
    });
    const reply = await openReply<unknown[]>(
      { status: res.status, contentType: res.headers.get('content-type') ?? undefined, text: await res.text() },
      h.device,
      h.serverKey,
      replay,
    );
    if (reply.status !== 200) throw new Error(`查询失败：${reply.status} ${JSON.stringify(reply.body)}`);
    return { ms: performance.now() - started, found: reply.body.length > 0 };
  };
  const kinds: [string, string, (v: { plate: string; zcbm: string }) => object][] = [
    ['按号牌', '/api/pda/ebike/lookup', (v) => ({ plate: v.plate })],
    ['按整车编码', '/api/pda/ebike/lookup', (v) => ({ zcbm: v.zcbm })],
    ['按识别的号牌', '/api/pda/ebike/ocr', (v) => ({ plateText: v.plate })],
  ];
  for (const v of vehicles.slice(0, WARM_UP)) await lookup('/api/pda/ebike/lookup', { plate: v.plate });
  console.log(`\n执法终端 E10 数字信封查询（逐个请求，含两端封装与验签；${LOOKUPS} 次/种，演示数据 ${EBIKES} 辆）`);
  console.log(`${'种类'.padEnd(6, '　')}   命中   p50 ms   p95 ms   p99 ms   max ms`);
  let worstP95 = 0;
  for (const [label, url, body] of kinds) {
    const samples = [];
    for (const v of vehicles.slice(WARM_UP)) samples.push(await lookup(url, body(v)));
    const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
    const f = (n: number) => n.toFixed(1).padStart(8);
    const p95 = percentile(ms, 95);
    worstP95 = Math.max(worstP95, p95);
    const hits = samples.filter((s) => s.found).length;
    console.log(`${label.padEnd(6, '　')} ${String(hits).padStart(5)} ${f(percentile(ms, 50))} ${f(p95)} ${f(percentile(ms, 99))} ${f(ms.at(-1)!)}`);
  }
  console.log(`\n${worstP95 <= TARGET_MS ? '✓' : '✗'} 最慢一种的 p95 ${worstP95.toFixed(0)} ms（目标 < ${TARGET_MS} ms）`);
}

try {
  await main();
} finally {
  await cleanUp();
}
