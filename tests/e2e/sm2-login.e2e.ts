import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sm2GenerateKeyPair, sm2PrivateKeyToPem, sm2PublicKeyToPem } from '@shtp/gm';
import { type RunningServer, readyAccount, startServer } from '@shtp/testkit/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, logout, openBrowser, submitLogin } from './console.ts';

/**
 * SM2 certificate login end to end: the security administrator registers a user's SM2 public key on the users page
 * and makes SM2 mandatory for the user's role; the user, after the password, must sign the challenge with the private
 * key file. A key that is not the registered one is refused with a Chinese message.
 */

const USER = 'supervisor01';
const ROLE = 'supervisor';

let server: RunningServer;
let browser: Browser;
let page: Page;
let keyDir: string;
const ukey = sm2GenerateKeyPair();
const otherKey = sm2GenerateKeyPair();

/** Calls the API with the browser's session (cookie and CSRF token), as the console would. */
async function apiPut(url: string, body: unknown): Promise<number> {
  const me = await page.request.get(`${server.baseUrl}/api/auth/me`);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const res = await page.request.put(`${server.baseUrl}${url}`, { data: body, headers: { 'X-CSRF-Token': csrfToken } });
  return res.status();
}

async function signWith(file: string) {
  await page.locator('input[type=file]').setInputFiles(file);
  await expect.poll(() => page.getByTestId('sm2-key-file').textContent()).toContain(path.basename(file));
  await page.getByTestId('sm2-submit').click();
}

describe('SM2 证书登录：安全管理员登记公钥，用户以私钥签名登录', () => {
  beforeAll(async () => {
    server = await startServer();
    await readyAccount(server, 'secadmin');
    await readyAccount(server, USER);
    keyDir = mkdtempSync(path.join(os.tmpdir(), 'shtp-sm2-'));
    writeFileSync(path.join(keyDir, 'supervisor01.pem'), sm2PrivateKeyToPem(ukey.privateKey));
    writeFileSync(path.join(keyDir, 'someone-else.pem'), sm2PrivateKeyToPem(otherKey.privateKey));
    ({ browser, page } = await openBrowser());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (keyDir) rmSync(keyDir, { recursive: true, force: true });
  });

  it('secadmin registers the public key on the users page (a bad key gets a Chinese field error) and makes SM2 mandatory', async () => {
    await login(page, server.baseUrl, 'secadmin');
    await page.goto(`${server.baseUrl}/system/users`);
    await page.getByTestId(`user-sm2-${USER}`).click();

    await page.getByTestId('sm2-key-input').fill(`04${'00'.repeat(64)}`);
    await page.getByTestId('sm2-key-save').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').first().textContent()).toContain('须为 SM2 公钥');

    await page.getByTestId('sm2-key-input').fill(sm2PublicKeyToPem(ukey.publicKey));
    await page.getByTestId('sm2-key-save').click();
    await page.getByText(/已登记.*SM2 公钥/).waitFor();
    await expect.poll(() => page.getByTestId('sm2-key-input').count()).toBe(0); // the modal closed

    expect(await apiPut('/api/system/params/auth.sm2.requiredRoles', { value: [ROLE] })).toBe(200);
    await logout(page);
  });

  it('the user must sign with the registered key: another key is refused, the right one lands on the home page', async () => {
    await submitLogin(page, server.baseUrl, USER);
    await page.waitForURL('**/factor');

    await signWith(path.join(keyDir, 'someone-else.pem'));
    await expect.poll(() => page.getByTestId('sm2-error').textContent()).toContain('第二因素认证失败');
    expect(page.url()).toContain('/factor');

    await signWith(path.join(keyDir, 'supervisor01.pem'));
    await page.waitForURL(`${server.baseUrl}/`);
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('监管民警01');
    await page.getByText('欢迎您，监管民警01').waitFor();
  });
});
