import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, type RunningServer, readyAccount, startServer } from '@shtp/testkit/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, manualScreenshot, openBrowser, openMenu } from './console.ts';

/**
 * 识别工作台 in the real console: the supervisor uploads a committed synthetic invoice photo and sees its type, the
 * recognised fields, the invoice checks and the 翻拍检测 card. The OCR engine starts on the first upload (cold start on
 * this busy machine), so the result waits are long.
 */

const FIXTURES = path.join(ROOT, 'apps/server/test/fixtures/recognition');
const DOCUMENTS = path.join(FIXTURES, 'documents');
const INVOICE = 'invoice-01.jpg';
const truth = (
  JSON.parse(readFileSync(path.join(DOCUMENTS, 'truth.json'), 'utf8')) as { items: { file: string; truth: { invoiceNumber: string; vin: string } }[] }
).items.find((i) => i.file === INVOICE)?.truth;
/** OCR of an invoice plus the engine's cold start, on two shared cores. */
const RESULT = { timeout: 120_000 };

let server: RunningServer;
let browser: Browser;
let page: Page;

describe('识别工作台：监管民警上传发票照片，看到类型、字段、发票检查与翻拍检测', () => {
  beforeAll(async () => {
    if (!truth) throw new Error(`${INVOICE} missing from truth.json`);
    server = await startServer();
    await readyAccount(server, 'supervisor01');
    ({ browser, page } = await openBrowser());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('supervisor01 classifies a vehicle-sale invoice and sees the fields, the checks and the 翻拍检测 card', async () => {
    await login(page, server.baseUrl, 'supervisor01');

    await openMenu(page, '识别工作台', '/recognition/workbench'); // every menu group starts open

    await page.locator('.ant-upload input[type=file]').first().setInputFiles(path.join(DOCUMENTS, INVOICE));
    await page.getByRole('button', { name: '识别', exact: true }).click();

    const result = page.locator('.ant-card', { hasText: '识别结果：' }).last();
    await result.waitFor(RESULT);
    expect(await result.locator('.ant-card-head-title').textContent()).toContain('机动车销售统一发票');
    // A field read from the photo, with its label, and the invoice checks with their results.
    const [fields, checks] = [result.locator('.ant-table').nth(0), result.locator('.ant-table').nth(1)];
    expect(await fields.locator('tbody tr', { hasText: '发票号码' }).textContent()).toContain(truth?.invoiceNumber);
    expect(await checks.locator('thead').textContent()).toContain('检查项');
    expect(await checks.locator('tbody tr').count()).toBeGreaterThan(2);
    expect(await checks.locator('tbody').textContent()).toMatch(/通过/);

    const card = page.getByTestId('recapture-card');
    const decision = card.getByTestId('recapture-decision');
    await decision.waitFor(RESULT);
    expect(['原件', '疑似翻拍', '待人工确认']).toContain((await decision.textContent())?.trim());
    expect(await card.getByTestId('recapture-score').textContent()).toMatch(/阈值 0\.\d\d/);
    expect(await card.textContent()).toContain('模型版本');
    expect(await card.textContent()).toContain('模型由合成数据训练，结果仅供参考');

    await manualScreenshot(page, 'recognition-workbench.png', { fullPage: true });
  });

  it('reads a plate in the 号牌 mode and an ID card in the 居民身份证 mode, the latter with its recapture threshold', async () => {
    const truths = (JSON.parse(readFileSync(path.join(FIXTURES, 'truth.json'), 'utf8')) as { items: { file: string; truth: Record<string, string> }[] }).items;
    const read = async (mode: string, file: string) => {
      await page.getByTestId('recognition-kind').getByText(mode, { exact: true }).click();
      await page.locator('.ant-upload-list-item .ant-btn').first().click(); // remove the previous image
      await page.locator('.ant-upload input[type=file]').first().setInputFiles(path.join(FIXTURES, file));
      await page.getByRole('button', { name: '识别', exact: true }).click();
      const result = page.locator('.ant-card', { hasText: '识别结果：' }).last();
      await expect.poll(() => result.textContent(), RESULT).toContain(mode === '号牌' ? '号牌号码' : '公民身份号码');
      return result;
    };

    const plate = await read('号牌', 'plates/001.jpg');
    expect(await plate.textContent()).toContain(truths.find((i) => i.file === 'plates/001.jpg')?.truth.plate);
    expect(await page.getByTestId('recapture-decision').textContent()).toBe('不适用'); // a vehicle photo is no document

    const card = await read('居民身份证', 'id-cards/front-001.jpg');
    const idNumber = truths.find((i) => i.file === 'id-cards/front-001.jpg')?.truth.idNumber;
    expect(await card.locator('tbody tr', { hasText: '公民身份号码' }).textContent()).toContain(idNumber);
    await expect.poll(() => page.getByTestId('recapture-score').textContent(), RESULT).toMatch(/阈值 0\.\d\d/);
  });
});
