/**
 * The capture section of the archive bench (A3 at scale): pages through the real path — the officer's session, a tus
 * upload to /api/uploads (type and pixel checks, SM3, SM4 encryption, the object written to the store), then
 * POST /api/archive/archives/:id/pages (blank and blur checks, a new signed version, completeness, rollups, audit) —
 * on the real server (main.ts) over HTTP against the bench's PostgreSQL database, with its population in place.
 * Then the rendition jobs (thumbnail + display rendition with sharp) are waited for: pages processed per second.
 *
 *   BENCH_CAPTURE_PAGES (default 400), BENCH_CAPTURE_CLIENTS (default 4: officers' stations at once),
 *   BENCH_CAPTURE_WIDTH (default 1654: an A4 scan at 200 dpi, 1654 × 2339; 2480: at 300 dpi, 2480 × 3507),
 *   BENCH_CAPTURE_STORE (default fs: the server's DATA_DIR; s3: an S3-protocol server started here, bench-object-store.ts)
 */
import os from 'node:os';
import { ebikeRegistrations } from '@shtp/testkit';
import { type RunningServer, readyAccount, startServer } from '@shtp/testkit/server';
import type pg from 'pg';
import sharp from 'sharp';
import { openBenchObjectStore } from './bench-object-store.ts';
import { percentile } from './bench-report.ts';
import { type BenchSession, officerSessions, openSession } from './bench-sessions.ts';

const PAGES = Number(process.env.BENCH_CAPTURE_PAGES ?? 400);
const CLIENTS = Number(process.env.BENCH_CAPTURE_CLIENTS ?? 4);
const WIDTH = Number(process.env.BENCH_CAPTURE_WIDTH ?? 1654);
const STORE = process.env.BENCH_CAPTURE_STORE ?? 'fs';
const PAGES_PER_ARCHIVE = 8;
const DOC_TYPES = ['application', 'owner_id', 'ccc', 'origin', 'vehicle_photo', 'other', 'other', 'other'] as const;

/** A synthetic scanned page (ruled "text" lines, a stamp), distinct per label so that every page is new content. */
async function scannedPage(label: number): Promise<Buffer> {
  const height = Math.round(WIDTH * Math.SQRT2); // A-series page
  const line = (i: number) =>
    `<rect x="${WIDTH * 0.08}" y="${height * 0.06 + i * height * 0.03}" width="${WIDTH * (0.3 + ((i * 37 + label * 53) % 50) / 100)}" height="${height * 0.012}" fill="#222"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${Array.from({ length: 28 }, (_, i) => line(i)).join('')}<circle cx="${WIDTH * 0.2 + (label % 60) * WIDTH * 0.01}" cy="${height * 0.9}" r="${WIDTH * 0.05}" fill="none" stroke="#b00" stroke-width="${WIDTH * 0.006}"/><text x="${WIDTH * 0.6}" y="${height * 0.95}" font-size="${WIDTH * 0.03}">${label}</text></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

async function api<T>(base: string, s: BenchSession, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { cookie: s.cookie, 'X-CSRF-Token': s.csrfToken, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** One page captured: tus create + one PATCH with the whole page, then filed into the archive. */
async function capture(base: string, s: BenchSession, archiveId: number, content: Buffer, seq: number): Promise<void> {
  const headers = { 'Tus-Resumable': '1.0.0', cookie: s.cookie, 'X-CSRF-Token': s.csrfToken };
  const created = await fetch(`${base}/api/uploads`, { method: 'POST', headers: { ...headers, 'Upload-Length': String(content.length) } });
  if (created.status !== 201) throw new Error(`上传创建失败：${created.status} ${await created.text()}`);
  const location = created.headers.get('location')!;
  const sent = await fetch(`${base}${location}`, {
    method: 'PATCH',
    headers: { ...headers, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
    body: content,
  });
  if (sent.status !== 204) throw new Error(`上传失败：${sent.status} ${await sent.text()}`);
  const uploadId = location.split('/').pop();
  await api(base, s, 'POST', `/api/archive/archives/${archiveId}/pages`, {
    uploadId,
    source: 'scanner',
    docType: DOC_TYPES[seq % PAGES_PER_ARCHIVE],
    reason: '基准采集',
  });
}

/** Opens `count` archives of new e-bike registrations (the window's business first, as at the station). */
async function openArchives(base: string, officer: BenchSession, supervisor: BenchSession, count: number): Promise<number[]> {
  const me = await api<{ user?: { departmentId?: number }; department?: { id: number } }>(base, officer, 'GET', '/api/auth/me');
  const departmentId = me.user?.departmentId ?? me.department?.id;
  await api(base, supervisor, 'POST', '/api/ebike/plates/batches', { plateKind: 'P', departmentId, prefix: '沪C', from: 1, count });
  const { registration } = ebikeRegistrations(20261203);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const { business } = await api<{ business: { lsh: string } }>(base, officer, 'POST', '/api/ebike/vehicles', registration());
    ids.push((await api<{ id: number }>(base, officer, 'POST', '/api/archive/archives', { lsh: business.lsh })).id);
  }
  return ids;
}

/** What else runs on the capture section's server (archive-api.ts). */
export interface CaptureHooks {
  /** Once the accounts are signed in, before the capture. */
  started?(server: RunningServer): Promise<void>;
  /** Once every captured page is rendered: their ids, by archive and page. */
  rendered?(server: RunningServer, pageIds: number[]): Promise<void>;
}

/** Runs the capture section on the bench database at `databaseUrl` (its tables already hold the loaded population). */
export async function benchCapture(databaseUrl: string, client: pg.Pool, hooks: CaptureHooks = {}): Promise<void> {
  if (!Number.isInteger(PAGES) || PAGES < PAGES_PER_ARCHIVE || !Number.isInteger(CLIENTS) || CLIENTS < 1 || !Number.isInteger(WIDTH) || WIDTH < 400) {
    throw new Error('BENCH_CAPTURE_PAGES 须不小于 8，BENCH_CAPTURE_CLIENTS 须不小于 1，BENCH_CAPTURE_WIDTH 须不小于 400');
  }
  if (STORE !== 'fs' && STORE !== 's3') throw new Error('BENCH_CAPTURE_STORE 须为 fs 或 s3');
  // The loader's archives name business ids 1…N without ledger rows: the ledger's new businesses start above them.
  await client.query(`select setval(pg_get_serial_sequence('ebike_businesses', 'id'), (select coalesce(max(business_id), 0) + 1 from archives))`);
  const archives = Math.ceil(PAGES / PAGES_PER_ARCHIVE);
  console.log(`\n采集吞吐（真实服务器 + HTTP：续传上传、校验、SM3、SM4 加密、写入影像存储、归档；${PAGES} 页 ${WIDTH} 像素宽，${CLIENTS} 个工作站同时）`);
  const t0 = performance.now();
  const pages = await Promise.all(Array.from({ length: PAGES }, (_, i) => scannedPage(i)));
  const mean = pages.reduce((n, p) => n + p.length, 0) / pages.length;
  console.log(`  生成页面 ${((performance.now() - t0) / 1000).toFixed(1)} s，平均 ${(mean / 1024).toFixed(0)} KB/页`);
  const store = await openBenchObjectStore(STORE);
  console.log(`  影像存储：${store.label}`);
  const server = await startServer({ databaseUrl, console: false, env: store.env }).catch(async (err) => {
    await store.stop();
    throw err;
  });
  try {
    const sessions = await officerSessions(server, CLIENTS);
    await readyAccount(server, 'supervisor01');
    await hooks.started?.(server);
    const archiveIds = await openArchives(server.baseUrl, sessions[0]!, await openSession(server.baseUrl, 'supervisor01'), archives);
    const { rows: before } = await client.query<{ id: number; n: number }>(`select coalesce(max(id), 0)::int as id, count(*)::int as n from archive_pages`);
    console.log(`  开始时负载 ${os.loadavg()[0]!.toFixed(2)}（${os.cpus().length} 核）`);

    const ms: number[] = [];
    let next = 0;
    const start = performance.now();
    await Promise.all(
      sessions.map(async (s) => {
        // Each station takes the next archive and captures its pages in order, as an officer does.
        for (let a = next++; a < archives; a = next++) {
          for (let p = a * PAGES_PER_ARCHIVE; p < Math.min(PAGES, (a + 1) * PAGES_PER_ARCHIVE); p++) {
            const t = performance.now();
            await capture(server.baseUrl, s, archiveIds[a]!, pages[p]!, p);
            ms.push(performance.now() - t);
          }
        }
      }),
    );
    const accepted = (performance.now() - start) / 1000;
    for (;;) {
      const { rows } = await client.query<{ rendered: number }>(
        `select count(*)::int as rendered from archive_pages where id > $1 and thumb_digest is not null and display_digest is not null`,
        [before[0]!.id],
      );
      if (rows[0]!.rendered >= PAGES) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const processed = (performance.now() - start) / 1000;
    const s = [...ms].sort((x, y) => x - y);
    console.log(`  受理：${PAGES} 页 ${accepted.toFixed(1)} s，${(PAGES / accepted).toFixed(1)} 页/秒`);
    console.log(
      `  每页（上传 + 归档）：p50 ${percentile(s, 50).toFixed(0)} ms，p95 ${percentile(s, 95).toFixed(0)} ms，p99 ${percentile(s, 99).toFixed(0)} ms，max ${s.at(-1)!.toFixed(0)} ms`,
    );
    console.log(
      `  处理完（缩略图 + 显示图任务）：${processed.toFixed(1)} s，${(PAGES / processed).toFixed(1)} 页/秒；页面表 ${(before[0]!.n + PAGES).toLocaleString('en')} 行`,
    );
    const objects = store.objects();
    if (objects !== null) {
      // Each page: its content, thumbnail and display rendition, each an object of the S3 server.
      console.log(`  对象存储中对象 ${objects} 个`);
      if (objects < PAGES * 3) throw new Error(`对象存储中只有 ${objects} 个对象，少于 ${PAGES * 3}：服务器没有写入 S3`);
    }
    console.log(`  结束时负载 ${os.loadavg()[0]!.toFixed(2)}`);
    if (hooks.rendered) {
      const { rows: captured } = await client.query<{ id: number }>(`select id from archive_pages where id > $1 order by archive_id, seq`, [before[0]!.id]);
      await hooks.rendered(
        server,
        captured.map((r) => r.id),
      );
    }
  } catch (err) {
    console.error(server.logTail());
    throw err;
  } finally {
    await server.stop();
    await store.stop();
  }
}
