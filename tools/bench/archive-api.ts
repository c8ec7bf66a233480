/**
 * The archive bench at the API (issue #15: search under 100 ms, the viewer's thumbnail strip and first page under
 * 200 ms): the same searches as the repository timings, and the viewer's requests, through HTTP on the real server
 * of the capture section, from one client, one request after another, signed in as a city-wide supervisor. Each
 * answer includes what the route adds to the database's share: session and permission checks, validation, the data
 * scope, JSON, masking, the audit of reads (detail, display image) and, for images, the store read, SM4 decryption
 * and the viewer's watermark.
 */
import os from 'node:os';
import type { CaptureHooks } from './archive-capture.ts';
import type { ArchivePicks } from './archive-picks.ts';
import { reportLatency, timed } from './bench-report.ts';
import { type BenchSession, openSession } from './bench-sessions.ts';

const SEARCH_MS = 100;
const VIEWER_MS = 200;
const TIMING = { warmup: 20, samples: 200 };
/** The whole first screen takes about a second on two cores: fewer samples. */
const STRIP_TIMING = { warmup: 5, samples: 50 };
/** Requests a browser sends at once to one host (HTTP/1.1): the viewer's thumbnails load this many at a time. */
const BROWSER_CONNECTIONS = 6;

/** GET `url` as `s`, reading the whole answer; throws unless 200. */
async function get(base: string, s: BenchSession, url: string): Promise<ArrayBuffer> {
  const res = await fetch(`${base}${url}`, { headers: { cookie: s.cookie } });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return res.arrayBuffer();
}

/**
 * The security admin widens 审核监管民警's data scope to 全市 (as for a 总队 supervisor), so that supervisor01 may
 * search the whole loaded population, which lies outside the demo's departments.
 */
async function citySupervisor(base: string): Promise<BenchSession> {
  const admin = await openSession(base, 'secadmin');
  const headers = { cookie: admin.cookie, 'X-CSRF-Token': admin.csrfToken, 'Content-Type': 'application/json' };
  const roles = (await (await fetch(`${base}/api/system/roles`, { headers })).json()) as {
    id: number;
    code: string;
    name: string;
    description: string;
    permissions: string[];
  }[];
  const role = roles.find((r) => r.code === 'supervisor');
  if (!role) throw new Error('没有找到角色 supervisor');
  const { code, name, description, permissions } = role;
  const res = await fetch(`${base}/api/system/roles/${role.id}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ code, name, description, permissions, dataScope: 'all' }),
  });
  if (res.status !== 200) throw new Error(`修改角色数据范围失败：${res.status} ${await res.text()}`);
  return openSession(base, 'supervisor01');
}

/** Runs `count` calls of `run` with at most `width` at once. */
async function parallel(count: number, width: number, run: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      for (let i = next++; i < count; i = next++) await run(i);
    }),
  );
}

/** The capture section's hooks that time the searches (before capture) and the viewer (once the pages are rendered). */
export function archiveApiBench(picks: ArchivePicks, bigArchiveId: number): CaptureHooks {
  let city: BenchSession | undefined;
  return {
    async started(server) {
      const base = server.baseUrl;
      city = await citySupervisor(base);
      const s = city;
      const search = (query: Record<string, string | number>) => () =>
        get(base, s, `/api/archive/archives?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`);
      console.log(
        `\n在 API 上：全市档案查询（真实服务器，HTTP，一个客户端依次请求，全市范围的 supervisor01；每种 ${TIMING.samples} 次，先 ${TIMING.warmup} 次预热；第 1 页 20 条含总数）`,
      );
      console.log(`  开始时负载 ${os.loadavg()[0]!.toFixed(2)}（${os.cpus().length} 核）`);
      reportLatency('按流水号', await timed(() => search({ lsh: picks.any().lsh })(), TIMING), SEARCH_MS);
      reportLatency('按号牌', await timed(() => search({ plate: picks.any().plate })(), TIMING), SEARCH_MS);
      reportLatency('按整车编码', await timed(() => search({ zcbm: picks.any().zcbm })(), TIMING), SEARCH_MS);
      reportLatency(
        '按部门 + 7 天',
        await timed(() => picks.within(7, (from, to) => search({ departmentId: picks.department(), from, to })()), TIMING),
        SEARCH_MS,
      );
      reportLatency(
        '全市按业务类型 + 1 天',
        await timed(() => picks.within(1, (from, to) => search({ businessType: 'transfer', from, to })()), TIMING),
        SEARCH_MS,
      );
    },
    async rendered(server, pageIds) {
      if (!city) throw new Error('查询节未运行');
      const base = server.baseUrl;
      const s = city;
      const first = pageIds[0]!;
      const thumbs = pageIds.slice(0, 30);
      const image = (id: number, size: 'thumb' | 'display') => get(base, s, `/api/archive/pages/${id}/image?size=${size}`);
      const detail = () => get(base, s, `/api/archive/archives/${bigArchiveId}`);
      console.log(
        `\n在 API 上：档案页（30 页的档案详情即缩略图条的页面清单；图像为采集节刚采集的页面：读存储、SM4 解密、加查看人水印，显示图记入审计；每种 ${TIMING.samples} 次，先 ${TIMING.warmup} 次预热）`,
      );
      console.log(`  开始时负载 ${os.loadavg()[0]!.toFixed(2)}（${os.cpus().length} 核）`);
      reportLatency('档案详情（30 页）', await timed(detail, TIMING), VIEWER_MS);
      reportLatency('缩略图（一张）', await timed(() => image(first, 'thumb'), TIMING), VIEWER_MS);
      reportLatency('首页显示图', await timed(() => image(first, 'display'), TIMING), VIEWER_MS);
      reportLatency(
        '首页（详情，然后首页显示图）',
        await timed(async () => {
          await detail();
          await image(first, 'display');
        }, TIMING),
        VIEWER_MS,
      );
      reportLatency(
        `首屏全部到齐：详情，然后首页显示图与 ${thumbs.length} 张缩略图（${BROWSER_CONNECTIONS} 路并发，如浏览器；${STRIP_TIMING.samples} 次）`,
        await timed(async () => {
          await detail();
          await Promise.all([image(first, 'display'), parallel(thumbs.length, BROWSER_CONNECTIONS - 1, (i) => image(thumbs[i]!, 'thumb'))]);
        }, STRIP_TIMING),
        VIEWER_MS,
      );
      console.log(`  结束时负载 ${os.loadavg()[0]!.toFixed(2)}`);
    },
  };
}
