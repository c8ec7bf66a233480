import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { NEW_PASSWORD } from '@shtp/testkit';
import { ROOT } from '@shtp/testkit/server';
import { type Browser, chromium, type Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';

/** The browser side every story shares: Debian's Chromium, one page, and the console steps (login, menu, manual pictures). */

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const IMAGES = path.join(ROOT, 'docs/manual/images');

export interface ConsoleBrowser {
  browser: Browser;
  page: Page;
}

/**
 * Headless Chromium with one page at a desktop size, in Shanghai time. The context asks for reduced motion: the
 * console then turns antd's animations off, so a click never lands on a modal or dropdown still moving into place.
 */
export async function openBrowser(defaultTimeout = 60_000): Promise<ConsoleBrowser> {
  mkdirSync(IMAGES, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // As root (CI) Chromium needs --no-sandbox; the rest keep it off the (closed) network.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(defaultTimeout);
  return { browser, page: await context.newPage() };
}

/**
 * Fills the login form (with a manual picture of it, when named); the caller waits for what should follow
 * (workbench, password change, SM2 step).
 */
export async function submitLogin(page: Page, baseUrl: string, username: string, password = NEW_PASSWORD, picture?: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  if (picture) await manualScreenshot(page, picture);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Logs a ready account in and waits for the workbench. */
export async function login(page: Page, baseUrl: string, username: string): Promise<void> {
  await submitLogin(page, baseUrl, username);
  await page.getByTestId('current-user').waitFor();
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.waitForURL('**/login');
}

/** Clicks a sider menu entry (its group must be open) and waits for its page. */
export async function openMenu(page: Page, label: string, url: string): Promise<void> {
  await page.locator('.ant-layout-sider .ant-menu-item', { hasText: label }).click();
  await page.waitForURL(`**${url}`);
}

/**
 * A picture for the user manual (docs/manual/images) of a settled page: no toast left from the previous step.
 * Written when asked (`UPDATE_MANUAL=1`) or missing, so a plain run leaves the committed manual as it is.
 */
export async function manualScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 6_000 })
    .catch(() => undefined);
  await page.evaluate(() => window.scrollTo(0, 0));
  const file = path.join(IMAGES, name);
  const shot = await page.screenshot({ fullPage: options.fullPage });
  expect(shot.length).toBeGreaterThan(10_000); // a rendered page, not a blank one
  // A palette PNG: a console screenshot has few colours, and the manual's pictures stay a fraction of the size.
  if (process.env.UPDATE_MANUAL === '1' || !existsSync(file)) await sharp(shot).png({ palette: true, quality: 90, compressionLevel: 9 }).toFile(file);
}
