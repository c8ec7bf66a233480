import { ebikeRegistrations, NEW_PASSWORD } from '@shtp/testkit';
import { type RunningServer, readyAccount, startServer } from '@shtp/testkit/server';
import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, logout, manualScreenshot, openBrowser } from './console.ts';

/**
 * 影像档案 in the real console: a window officer's e-bike registration gets its pages from the simulated document
 * camera and a phone photo (file input) until the archive is complete; a supervisor finds it city-wide by 流水号 and
 * views it watermarked; the auditor sees the views. (The interrupted upload is tested at the API,
 * apps/server/test/platform/resumable-upload.test.ts.)
 */

let server: RunningServer;
let browser: Browser;
let page: Page;
let lsh = '';
let vehicleId = 0;

/** A signed-in API client of a ready demo account, with its CSRF header. */
async function apiAs(username: string): Promise<{ api: APIRequestContext; headers: Record<string, string>; me: { department: { id: number } } }> {
  const api = await request.newContext({ baseURL: server.baseUrl });
  const res = await api.post('/api/auth/login', { data: { username, password: NEW_PASSWORD } });
  expect(res.status()).toBe(200);
  const headers = { 'X-CSRF-Token': (await res.json()).csrfToken as string };
  const me = await (await api.get('/api/auth/me')).json();
  return { api, headers, me };
}

/** A phone photo of an ID card page: text-like blocks with sharp edges (passes the blank and blur checks). */
async function photo(): Promise<Buffer> {
  const blocks = Array.from({ length: 12 }, (_, i) => `<rect x="80" y="${120 + i * 60}" width="${320 + ((i * 71) % 400)}" height="20" fill="#111"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="900"><rect width="1000" height="900" fill="#f4f4f0"/>${blocks}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer();
}

describe('影像档案：窗口民警采集齐全，监管民警全市查询并带水印查看，审计可见', () => {
  beforeAll(async () => {
    server = await startServer({ env: { DEMO_EBIKES: '0' } });
    for (const who of ['officer01', 'supervisor01', 'auditadmin']) await readyAccount(server, who);
    ({ browser, page } = await openBrowser());

    // The business to archive: registered at the API (the registration form has its own browser test).
    const officer = await apiAs('officer01');
    const supervisor = await apiAs('supervisor01');
    const pool = await supervisor.api.post('/api/ebike/plates/batches', {
      headers: supervisor.headers,
      data: { plateKind: 'P', departmentId: officer.me.department.id, prefix: '沪A', from: 987600, count: 5 },
    });
    expect(pool.status(), await pool.text()).toBe(200);
    const registered = await officer.api.post('/api/ebike/vehicles', { headers: officer.headers, data: ebikeRegistrations(20261216).registration() });
    expect(registered.status(), await registered.text()).toBe(200);
    lsh = (await registered.json()).business.lsh;
    vehicleId = (await registered.json()).vehicle.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('officer01 captures every required page from the document camera and a phone photo', async () => {
    await login(page, server.baseUrl, 'officer01');
    await page.goto(`${server.baseUrl}/archive/capture`);
    await page.getByTestId('capture-lsh').fill(lsh);
    await page.getByTestId('capture-open').click();
    const missing = page.getByTestId('capture-missing');
    await expect.poll(() => missing.textContent()).toContain('所有人身份证明');

    for (const label of ['申请表', '产品合格证 / CCC 证书', '来历证明（购车发票）', '车辆照片']) {
      await page.getByTestId('capture-doc-type').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).click();
      await page.getByTestId('capture-doc-camera').click();
      await expect.poll(() => missing.textContent()).not.toContain(label);
    }
    await manualScreenshot(page, 'archive-capture.png');
    await page.getByTestId('capture-doc-type').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '所有人身份证明' }).click();
    await page.getByTestId('capture-file').setInputFiles({ name: '身份证.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    await page.getByTestId('capture-complete').waitFor();

    // The vehicle page shows the business's archive as complete (A8).
    await page.goto(`${server.baseUrl}/ebike/vehicles/${vehicleId}`);
    await expect.poll(() => page.getByTestId('vehicle-archives').textContent()).toContain('已齐全');
    expect(await page.getByTestId('vehicle-archives').textContent()).toContain(lsh);
    await logout(page);
  });

  it('supervisor01 finds it by 流水号 and views its pages watermarked; the auditor sees every view', async () => {
    await login(page, server.baseUrl, 'supervisor01');
    await page.goto(`${server.baseUrl}/archive/search`);
    await page.getByTestId('search-lsh').fill(lsh);
    await page.getByTestId('search-submit').click();
    await page.getByRole('link', { name: lsh }).click();
    await page.waitForURL(/\/archive\/archives\/\d+$/);
    // antd puts the test id on the image or on its wrapper, depending on the version.
    const image = page.locator('img[data-testid="viewer-image"], [data-testid="viewer-image"] img').first();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await page.getByTestId('viewer-next').click();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await manualScreenshot(page, 'archive-viewer.png');

    const auditor = await apiAs('auditadmin');
    const res = await auditor.api.get('/api/audit/logs', { params: { action: 'archive.page.view', targetId: lsh, page: 1, pageSize: 50 } });
    expect(res.status()).toBe(200);
    const views = (await res.json()).items as { username: string }[];
    expect(views.length).toBeGreaterThanOrEqual(2);
    expect(views.every((v) => v.username === 'supervisor01')).toBe(true);
  });
});
