import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ebikeRegistrations, NEW_PASSWORD } from '@shtp/testkit';
import { ROOT, type RunningServer, readyAccount, startServer } from '@shtp/testkit/server';
import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedHeaders } from '../../apps/server/src/platform/service-accounts/signing-client.ts';
import { login, logout, manualScreenshot, openBrowser } from './console.ts';

/**
 * 影像档案 in the real console: a window officer's e-bike registration gets its pages from the simulated document
 * camera; while the ID page is missing the business is on the supervisor's incomplete-capture warnings; the phone photo
 * of the ID, its upload cut halfway, resumes and completes the archive, which the vehicle page shows; the officer
 * replaces a page with a reason; the supervisor finds the archive city-wide by 流水号, views it watermarked and compares
 * the two versions; the auditor sees every view. An archive of the demo's paper era, past its retention period, is
 * disposed of by two supervisors: one asks, may not approve it, the other approves, and its images are gone.
 * Besides: an invoice photo filed under another type gets recognition's proposal; a page another registration system
 * attached through the signed API shows on its vehicle's page; a business nobody opened an archive for is found by the
 * supervisor's 立即检查 and pushed to their notifications.
 */

let server: RunningServer;
let browser: Browser;
let page: Page;
let lsh = '';
let vehicleId = 0;
/** Opened by another registration system through the signed API (A8), and never opened by anyone (A6). */
let attached = { lsh: '', vehicleId: 0 };
let neverOpenedLsh = '';
const INVOICE = path.join(ROOT, 'apps/server/test/fixtures/recognition/documents/invoice-01.jpg');

/** A signed-in API client of a ready demo account, with its CSRF header. */
async function apiAs(username: string): Promise<{ api: APIRequestContext; headers: Record<string, string>; me: { department: { id: number } } }> {
  const api = await request.newContext({ baseURL: server.baseUrl });
  const res = await api.post('/api/auth/login', { data: { username, password: NEW_PASSWORD } });
  expect(res.status()).toBe(200);
  const headers = { 'X-CSRF-Token': (await res.json()).csrfToken as string };
  const me = await (await api.get('/api/auth/me')).json();
  return { api, headers, me };
}

/**
 * A phone photo of an ID card page: text-like blocks over sensor noise, above 1 MB so that its upload takes two
 * requests (the console sends 1 MB chunks) and can be cut between them.
 */
async function photo(): Promise<Buffer> {
  const [width, height] = [1600, 1200];
  const blocks = Array.from({ length: 14 }, (_, i) => `<rect x="120" y="${140 + i * 70}" width="${420 + ((i * 71) % 600)}" height="24" fill="#111"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${blocks}</svg>`;
  const jpeg = await sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .composite([{ input: Buffer.from(svg) }])
    .jpeg({ quality: 92 })
    .toBuffer();
  expect(jpeg.length).toBeGreaterThan(1_100_000);
  return jpeg;
}

/** A scanned form page: ruled lines of "text" on white (passes the blank and blur checks). */
function scannedPage(): Promise<Buffer> {
  const lines = Array.from({ length: 18 }, (_, i) => `<rect x="60" y="${80 + i * 40}" width="${300 + ((i * 37) % 380)}" height="14" fill="#222"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="1000"><rect width="800" height="1000" fill="#fff"/>${lines}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** The 申请表 of a business sent by another registration system, signed with its service account (HMAC-SM3). */
async function attachAsRegistrationSystem(theLsh: string, departmentId: number): Promise<void> {
  const sec = await apiAs('secadmin');
  const created = await sec.api.post('/api/security/service-accounts', {
    headers: sec.headers,
    data: { name: '车管登记系统', departmentId, scopes: ['archive:attach'], signAlg: 'HMAC-SM3' },
  });
  expect(created.status(), await created.text()).toBe(200);
  const { account, secret } = await created.json();
  const target = '/api/archive/attachments';
  const body = JSON.stringify({ lsh: theLsh, docType: 'application', content: (await scannedPage()).toString('base64') });
  const res = await fetch(`${server.baseUrl}${target}`, {
    method: 'POST',
    headers: { ...signedHeaders({ appId: account.appId, alg: 'HMAC-SM3', secret }, { method: 'POST', target, body }), 'content-type': 'application/json' },
    body,
  });
  expect(res.status, await res.text()).toBe(200);
}

async function chooseDocType(label: string): Promise<void> {
  await page.getByTestId('capture-doc-type').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).click();
}

describe('影像档案：高拍仪与手机采集、断点续传、未齐全预警、补录对比、全市查询带水印查看，审计可见', () => {
  beforeAll(async () => {
    server = await startServer({ env: { DEMO_EBIKES: '0' } });
    for (const who of ['officer01', 'supervisor01', 'supervisor02', 'auditadmin', 'sysadmin', 'secadmin']) await readyAccount(server, who);
    ({ browser, page } = await openBrowser());

    // The business to archive: registered at the API (the registration form has its own browser test).
    const officer = await apiAs('officer01');
    const supervisor = await apiAs('supervisor01');
    const pool = await supervisor.api.post('/api/ebike/plates/batches', {
      headers: supervisor.headers,
      data: { plateKind: 'P', departmentId: officer.me.department.id, prefix: '沪A', from: 987600, count: 5 },
    });
    expect(pool.status(), await pool.text()).toBe(200);
    const { registration } = ebikeRegistrations(20261216);
    const register = async () => {
      const registered = await officer.api.post('/api/ebike/vehicles', { headers: officer.headers, data: registration() });
      expect(registered.status(), await registered.text()).toBe(200);
      const { business, vehicle } = await registered.json();
      return { lsh: business.lsh as string, vehicleId: vehicle.id as number };
    };
    ({ lsh, vehicleId } = await register());
    attached = await register();
    neverOpenedLsh = (await register()).lsh;
    await attachAsRegistrationSystem(attached.lsh, officer.me.department.id);
    // Warned as soon as accepted, so that the story needs no waiting (the default is 24 hours).
    const admin = await apiAs('sysadmin');
    const param = await admin.api.put('/api/system/params/archive.warning.afterHours', { headers: admin.headers, data: { value: 0 } });
    expect(param.status(), await param.text()).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('officer01 captures the pages from the document camera; the ID page is still missing', async () => {
    await login(page, server.baseUrl, 'officer01');
    await page.goto(`${server.baseUrl}/archive/capture`);
    await page.getByTestId('capture-lsh').fill(lsh);
    await page.getByTestId('capture-open').click();
    const missing = page.getByTestId('capture-missing');
    await expect.poll(() => missing.textContent()).toContain('所有人身份证明');

    for (const label of ['申请表', '产品合格证 / CCC 证书', '车辆照片']) {
      await chooseDocType(label);
      await page.getByTestId('capture-doc-camera').click();
      await expect.poll(() => missing.textContent()).not.toContain(label);
    }
    // A photo of the invoice, with 车辆照片 still chosen: recognition proposes 来历证明, the officer takes the proposal.
    await page.getByTestId('capture-file').setInputFiles({ name: '发票.jpg', mimeType: 'image/jpeg', buffer: readFileSync(INVOICE) });
    const proposal = page.locator('.ant-modal-confirm:visible');
    await expect.poll(() => proposal.textContent()).toMatch(/识别为“[^”]*发票[^”]*”（置信度 \d+%），建议归为“来历证明（购车发票）”，当前所选为“车辆照片”/);
    await manualScreenshot(page, 'archive-classify.png');
    await proposal.getByRole('button', { name: '归为来历证明（购车发票）' }).click();
    await expect.poll(() => missing.textContent()).not.toContain('来历证明');
    await manualScreenshot(page, 'archive-capture.png');
    expect(await missing.textContent()).toContain('所有人身份证明');
    await logout(page);
  });

  it('supervisor01 sees the business on the incomplete-capture warnings, missing the ID page', async () => {
    await login(page, server.baseUrl, 'supervisor01');
    await page.goto(`${server.baseUrl}/archive/warnings`);
    const row = page.getByTestId('warnings-list').locator('tr', { hasText: lsh });
    await expect.poll(() => row.textContent()).toContain('所有人身份证明（缺 1 页）');
    await manualScreenshot(page, 'archive-warnings.png');

    // City-wide search of the archives not complete: the business is there with what it lacks.
    await page.goto(`${server.baseUrl}/archive/search`);
    await page.locator('.ant-select', { has: page.locator('#incomplete') }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '未齐全' }).click();
    await page.getByTestId('search-submit').click();
    const found = page.locator('.ant-table-row', { hasText: lsh });
    await expect.poll(() => found.textContent()).toContain('缺 所有人身份证明（缺 1 页）');
    // 导出Excel of the same search: an .xlsx named in Chinese, streamed by the server.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('search-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^影像档案查询结果-\d{14}\.xlsx$/);
    const xlsx = readFileSync((await download.path())!);
    expect(xlsx.subarray(0, 2).toString()).toBe('PK'); // a zip: the workbook

    // The page the registration system attached through the signed API shows on its vehicle's page and in the viewer.
    await page.goto(`${server.baseUrl}/ebike/vehicles/${attached.vehicleId}`);
    const archives = page.getByTestId('vehicle-archives');
    await expect.poll(() => archives.textContent()).toContain(attached.lsh);
    expect(await archives.textContent()).toMatch(/缺：.*所有人身份证明/);
    // … and on its business in the history (A8: opened from the business history).
    expect(await page.getByTestId(`history-archive-${attached.lsh}`).textContent()).toBe('影像档案（未齐全）');
    await archives.getByRole('link', { name: attached.lsh }).click();
    await page.waitForURL(/\/archive\/archives\/\d+$/);
    await page.getByText('接入应用：车管登记系统').first().waitFor();

    // 立即检查 follows its job (the queue may make it wait on a busy machine) until it has found the business nobody
    // opened an archive for, then shows the list read again; the scan pushes one notification to the supervisor.
    await page.goto(`${server.baseUrl}/archive/warnings`);
    await page.getByRole('button', { name: '立即检查' }).click();
    const scanStatus = page.getByTestId('scan-status');
    await expect.poll(() => scanStatus.textContent(), { timeout: 150_000, interval: 1_000 }).toMatch(/^检查完成（[1-9]\d* 条预警）$/);
    const unopened = page.getByTestId('unopened-list');
    await expect.poll(() => unopened.textContent()).toContain(neverOpenedLsh);
    expect(await unopened.textContent()).not.toContain(attached.lsh);
    // The bell counts it once the queued scan has run (read again as every page load does; the job waits its turn in
    // the queue, which on a busy machine takes a while); opening it from another page leads to the warnings.
    const bell = page.getByTestId('notification-bell');
    const unread = async () => Number((await bell.getAttribute('aria-label'))?.match(/（(\d+) 条未读）/)?.[1] ?? 0);
    await page.goto(`${server.baseUrl}/`);
    await expect
      .poll(
        async () => {
          await page.reload();
          await bell.waitFor();
          return unread();
        },
        { timeout: 150_000, interval: 2_000 },
      )
      .toBeGreaterThan(0);
    const before = await unread();
    await bell.click();
    const notice = page.getByTestId('notification-list').getByRole('button', { name: /件业务受理超过 0 小时未采集影像/ });
    expect(await notice.textContent()).toContain('1 件业务受理超过 0 小时未采集影像');
    await manualScreenshot(page, 'archive-notification.png');
    await notice.click();
    await page.waitForURL(/\/archive\/warnings$/);
    await expect.poll(unread).toBe(before - 1);
    await logout(page);
  });

  it('officer01 adds the ID photo, whose upload is cut halfway and resumes; the vehicle page shows the archive complete', async () => {
    await login(page, server.baseUrl, 'officer01');
    await page.goto(`${server.baseUrl}/archive/capture?lsh=${lsh}`);
    await page.getByTestId('capture-missing').waitFor();

    // The second chunk's request fails as on a dropped station network; the client asks the server where it got to.
    const sent: { method: string; offset: string | null; cut: boolean }[] = [];
    await page.route('**/api/uploads**', async (route) => {
      const req = route.request();
      const cut = req.method() === 'PATCH' && sent.filter((r) => r.method === 'PATCH').length === 1;
      sent.push({ method: req.method(), offset: req.headers()['upload-offset'] ?? null, cut });
      await (cut ? route.abort('connectionreset') : route.continue());
    });
    await chooseDocType('所有人身份证明');
    await page.getByTestId('capture-file').setInputFiles({ name: '身份证.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    await page.getByTestId('capture-complete').waitFor();
    await page.unroute('**/api/uploads**');
    const patches = sent.filter((r) => r.method === 'PATCH');
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1); // one upload, not started again
    expect(patches.map((r) => [r.offset, r.cut])).toEqual([
      ['0', false],
      ['1048576', true],
      ['1048576', false], // resumed from the server's offset, after a HEAD
    ]);
    expect(sent.map((r) => r.method)).toContain('HEAD');

    // The vehicle page shows the business's archive as complete (A8).
    await page.goto(`${server.baseUrl}/ebike/vehicles/${vehicleId}`);
    await expect.poll(() => page.getByTestId('vehicle-archives').textContent()).toContain('已齐全');
    expect(await page.getByTestId('vehicle-archives').textContent()).toContain(lsh);
  });

  it('officer01 replaces the vehicle photo from the viewer, with a reason', async () => {
    await page.goto(`${server.baseUrl}/archive/search`);
    await page.getByTestId('search-lsh').fill(lsh);
    await page.getByTestId('search-submit').click();
    await page.getByRole('link', { name: lsh }).click();
    await page.getByTestId('viewer-replace-vehicle_photo').click();
    await page.getByTestId('capture-replacing').waitFor();
    await page.getByTestId('capture-reason').fill('原照片反光，车架号看不清');
    await page.getByTestId('capture-doc-camera').click();
    await page.getByTestId('capture-replacing').waitFor({ state: 'detached' });
    await logout(page);
  });

  it('supervisor01: the warning has cleared; finds the archive by 流水号, views it watermarked, compares the versions, holds it', async () => {
    await login(page, server.baseUrl, 'supervisor01');
    await page.goto(`${server.baseUrl}/archive/warnings`);
    await page.getByText('受理超过 0 小时').waitFor(); // the list has loaded
    expect(await page.getByTestId('warnings-list').textContent()).not.toContain(lsh);

    await page.goto(`${server.baseUrl}/archive/search`);
    await page.getByTestId('search-lsh').fill(lsh);
    await page.getByTestId('search-submit').click();
    await page.getByRole('link', { name: lsh }).click();
    await page.waitForURL(/\/archive\/archives\/\d+$/);
    await expect.poll(() => page.locator('.ant-descriptions').first().textContent()).toContain('已齐全');
    // antd puts the test id on the image or on its wrapper, depending on the version.
    const image = page.locator('img[data-testid="viewer-image"], [data-testid="viewer-image"] img').first();
    const loaded = (img: HTMLImageElement) => img.complete && img.naturalWidth;
    await expect.poll(() => image.evaluate(loaded)).toBeGreaterThan(0);
    await page.getByTestId('viewer-next').click();
    await expect.poll(() => image.evaluate(loaded)).toBeGreaterThan(0);
    await manualScreenshot(page, 'archive-viewer.png');

    await page.getByTestId('viewer-compare-vehicle_photo').click();
    const versions = page.getByTestId('viewer-compare-image');
    await expect.poll(() => versions.count()).toBe(2);
    for (const v of await versions.all()) await expect.poll(() => v.evaluate(loaded)).toBeGreaterThan(0);
    expect(await page.getByTestId('viewer-compare').textContent()).toMatch(/原页 · 第 \d+ 版.*替换后 · 第 \d+ 版/);
    await manualScreenshot(page, 'archive-compare.png');
    await page.keyboard.press('Escape');

    // A legal hold, with its reason, on the archive (kept whatever its retention period says).
    await page.getByTestId('legal-hold-toggle').click();
    await page.getByTestId('legal-hold-reason').fill('涉案车辆，法院调取');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('legal-hold').textContent()).toContain('涉案车辆，法院调取');
    // 到期处置 lists only archives past the retention period and never one under a legal hold: not this one, but the
    // demo's paper-era archives (filed by a job after the start).
    await page.goto(`${server.baseUrl}/archive/disposals`);
    await page.getByText('当前 30 年').waitFor();
    await expect.poll(() => page.getByTestId('disposals-list').locator('.ant-table-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('disposals-list').textContent()).not.toContain(lsh);

    // Statistics per officer (A7): the chart, and the table under it, from the daily rollup.
    await page.goto(`${server.baseUrl}/archive/stats`);
    await page.getByTestId('stats-by').getByText('按民警').click();
    const officerRow = page.getByTestId('stats-table').locator('tr', { hasText: '窗口民警01' });
    await expect.poll(() => officerRow.locator('td').nth(1).textContent()).toBe('6');
    await page.locator('[role="img"] svg').first().waitFor();
    await manualScreenshot(page, 'archive-stats.png');
    // Per department also the archives opened and the share of them complete now (the story's archive is complete).
    await page.getByTestId('stats-by').getByText('按部门').click();
    await expect.poll(() => page.getByTestId('stats-table').locator('thead').textContent()).toContain('齐全率');
    await expect.poll(() => page.getByTestId('stats-table').locator('tbody').textContent()).toMatch(/\d+(\.\d)?%/);
  });

  it('到期处置 takes two supervisors: supervisor01 asks and may not approve, supervisor02 approves, the images are gone', async () => {
    // The demo's paper-era archives (accepted 1993–1995, no legal hold), past the 30-year retention period.
    const first = await apiAs('supervisor01');
    type Due = { id: number; lsh: string; acceptedAt: string };
    const due = async () => (await (await first.api.get('/api/archive/disposals')).json()).items as Due[];
    await expect.poll(async () => (await due()).length).toBeGreaterThan(0);
    const target = (await due())[0]!;
    expect(new Date(target.acceptedAt).getUTCFullYear()).toBeLessThan(1996);
    const detail = await (await first.api.get(`/api/archive/archives/${target.id}`)).json();
    expect(detail.complete).toBe(true);
    const pageId = detail.pages[0].id as number;
    const imageUrl = `${server.baseUrl}/api/archive/pages/${pageId}/image?size=display`;
    expect((await page.request.get(imageUrl)).status()).toBe(200);

    // supervisor01 (still signed in) asks for the disposal with a reason; no approval is offered to them, and why.
    await page.goto(`${server.baseUrl}/archive/disposals`);
    const row = page.getByTestId('disposals-list').locator('.ant-table-row', { hasText: target.lsh });
    await row.getByTestId('disposal-request').click();
    await page.getByTestId('disposal-reason').fill('已过保存期限，经核对无继续保存价值');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await expect.poll(() => row.textContent()).toContain('监管民警01');
    expect(await row.getByTestId('disposal-own-request').textContent()).toBe('须由申请人以外的另一人审批');
    expect(await row.getByTestId('disposal-approve').count()).toBe(0);
    await manualScreenshot(page, 'archive-disposals.png');
    // Nor does the server let them, whatever the console shows.
    const self = await first.api.post(`/api/archive/archives/${target.id}/disposal/decision`, {
      headers: first.headers,
      data: { approve: true, reason: '同意处置' },
    });
    expect(self.status()).toBe(409);
    expect((await self.json()).message).toContain('另一人');
    await logout(page);

    // supervisor02 approves it: it leaves the list, shows as disposed, and its images no longer open.
    await login(page, server.baseUrl, 'supervisor02');
    await page.goto(`${server.baseUrl}/archive/disposals`);
    const pending = page.getByTestId('disposals-list').locator('.ant-table-row', { hasText: target.lsh });
    await pending.getByTestId('disposal-approve').click();
    await page.getByTestId('disposal-reason').fill('同意处置');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await page.getByText(/已批准处置：擦除影像 \d+ 个/).waitFor();
    await expect.poll(() => pending.count()).toBe(0);

    await page.goto(`${server.baseUrl}/archive/archives/${target.id}`);
    await expect.poll(() => page.getByTestId('viewer-disposed').textContent()).toContain('档案已处置：监管民警02');
    const gone = await page.request.get(imageUrl);
    expect(gone.status()).toBe(410);
    expect((await gone.json()).code).toBe('ARCHIVE_DISPOSED');
    const image = page.locator('img[data-testid="viewer-image"], [data-testid="viewer-image"] img').first();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : -1))).toBe(0);
    await logout(page);
  });

  it('the auditor sees every view', async () => {
    // In the console's 审计日志: the page views of the archive, by 流水号 and action.
    await login(page, server.baseUrl, 'auditadmin');
    await page.goto(`${server.baseUrl}/audit/logs`);
    await page.getByTestId('audit-action').click();
    await page.keyboard.type('查看档案页面');
    await page.keyboard.press('Enter');
    await page.locator('#targetId').fill(lsh);
    await page.getByTestId('audit-search').click();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.filter({ hasText: 'supervisor01' }).count()).toBeGreaterThanOrEqual(4);
    expect(await rows.filter({ hasText: 'officer01' }).count()).toBeGreaterThanOrEqual(1);
    expect(await rows.filter({ hasNotText: '查看档案页面' }).count()).toBe(0);
    expect(await rows.filter({ hasNotText: lsh }).count()).toBe(0);
    await logout(page);
    // The same through the API: nobody else looked.
    const auditor = await apiAs('auditadmin');
    const res = await auditor.api.get('/api/audit/logs', { params: { action: 'archive.page.view', targetId: lsh, page: 1, pageSize: 50 } });
    expect(res.status()).toBe(200);
    const views = (await res.json()).items as { username: string }[];
    // supervisor01: two pages and the two versions; officer01: the first page, opening the viewer to replace a page.
    expect(views.filter((v) => v.username === 'supervisor01').length).toBeGreaterThanOrEqual(4);
    expect(views.filter((v) => v.username === 'officer01').length).toBeGreaterThanOrEqual(1);
    expect(views.every((v) => ['supervisor01', 'officer01'].includes(v.username))).toBe(true);
  });
});
