import { NEW_PASSWORD } from '@shtp/testkit';
import { demoPassword, type RunningServer, startServer } from '@shtp/testkit/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logout as consoleLogout, openMenu as consoleOpenMenu, manualScreenshot, openBrowser, submitLogin } from './console.ts';

/**
 * The separated administrators (三员分立) in the real console: the system administrator creates a department and a
 * user, the audit administrator finds both changes and the login in the audit log, and neither sees the other's
 * pages. Screenshots for the user manual go to docs/manual/images.
 */

const PARENT_DEPARTMENT = '浦东交警支队';
const NEW_DEPARTMENT = { code: '310115990000', name: '浦东交警支队测试大队' };
const NEW_USER = { username: 'e2e.officer', displayName: '测试民警甲' };

let server: RunningServer;
let browser: Browser;
let page: Page;

const screenshot = (name: string) => manualScreenshot(page, name);

const login = (username: string, pass: string, picture?: string) => submitLogin(page, server.baseUrl, username, pass, picture);

/** The forced first-login change; ends on the workbench. */
async function changeFirstPassword(oldPassword: string, picture?: string) {
  await page.waitForURL('**/change-password');
  await expect.poll(() => page.getByTestId('password-change-reason').textContent()).toContain('首次登录');
  await page.getByTestId('password-old').fill(oldPassword);
  await page.getByTestId('password-new').fill(NEW_PASSWORD);
  await page.getByTestId('password-confirm').fill(NEW_PASSWORD);
  if (picture) await screenshot(picture);
  await page.getByTestId('password-submit').click();
  await page.waitForURL(`${server.baseUrl}/`);
  await page.getByTestId('current-user').waitFor();
}

/**
 * The headers of the page's table that no horizontal scroll position shows: their middle is covered (by the fixed
 * 操作 column, or off the table's view) both at the start and at the end of the scroll.
 */
function hiddenHeaders(): Promise<string[]> {
  return page
    .locator('.ant-table')
    .first()
    .evaluate((table) => {
      const scroller = table.querySelector<HTMLElement>('.ant-table-content') ?? table;
      const headers = [...table.querySelectorAll('thead th')].filter((th) => th.textContent?.trim());
      const shown = new Set<Element>();
      for (const left of [0, scroller.scrollWidth]) {
        scroller.scrollLeft = left;
        for (const th of headers) {
          const box = th.getBoundingClientRect();
          const at = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          if (at && th.contains(at)) shown.add(th);
        }
      }
      scroller.scrollLeft = 0;
      return headers.filter((th) => !shown.has(th)).map((th) => th.textContent?.trim() ?? '');
    });
}

/** The labels of the sider menu's entries. */
async function menuLabels(): Promise<string[]> {
  const sider = page.locator('.ant-layout-sider .ant-menu-root');
  await sider.waitFor();
  return (await sider.locator('.ant-menu-title-content').allInnerTexts()).map((t) => t.trim());
}

const openMenu = (label: string, url: string) => consoleOpenMenu(page, label, url);
const logout = () => consoleLogout(page);

describe('三员分立：系统管理员的操作由审计管理员审计', () => {
  beforeAll(async () => {
    server = await startServer();
    ({ browser, page } = await openBrowser());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sysadmin: first login forces a password change, then creates a department and a user', async () => {
    await login('sysadmin', demoPassword(server, 'sysadmin'), 'login.png');
    await changeFirstPassword(demoPassword(server, 'sysadmin'), 'password-change.png');

    const menu = await menuLabels();
    expect(menu).toContain('用户管理');
    expect(menu).toContain('部门管理');
    expect(menu).not.toContain('审计日志');
    // The API refuses too, whatever the menu shows.
    const denied = await page.request.get(`${server.baseUrl}/api/audit/logs`);
    expect(denied.status()).toBe(403);
    expect((await denied.json()).code).toBe('FORBIDDEN');

    // 部门管理 → 新增下级 under a 支队.
    await openMenu('部门管理', '/system/departments');
    const parentRow = page.locator('tr.ant-table-row', { has: page.locator('td', { hasText: new RegExp(`^${PARENT_DEPARTMENT}$`) }) });
    await parentRow.getByRole('button', { name: '新增下级' }).click();
    const deptModal = page.locator('.ant-modal', { hasText: '新增部门' });
    await deptModal.waitFor();
    await page.getByTestId('dept-code').fill(NEW_DEPARTMENT.code);
    await page.getByTestId('dept-name').fill(NEW_DEPARTMENT.name);
    await expect.poll(() => deptModal.locator('.ant-select-content').first().textContent()).toContain(PARENT_DEPARTMENT);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot('departments.png');
    await page.getByTestId('dept-save').click();
    await deptModal.waitFor({ state: 'detached' });
    const newRow = page.locator('tr.ant-table-row', { hasText: NEW_DEPARTMENT.code });
    await newRow.waitFor();
    expect(await newRow.textContent()).toContain(NEW_DEPARTMENT.name);
    expect(await newRow.textContent()).toContain('大队');

    // 用户管理 → 新增用户 in the new department; the initial password is shown once.
    await openMenu('用户管理', '/system/users');
    await page.getByTestId('user-create').click();
    const userModal = page.locator('.ant-modal', { hasText: '新增用户' });
    await userModal.waitFor();
    await page.getByTestId('user-username').fill(NEW_USER.username);
    await page.getByTestId('user-display-name').fill(NEW_USER.displayName);
    await page.getByTestId('user-department').click();
    await page.getByTestId('user-department').locator('input').fill(NEW_DEPARTMENT.name);
    await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', { hasText: NEW_DEPARTMENT.name }).click();
    await page.getByTestId('user-save').click();
    const initial = page.getByTestId('initial-password');
    await initial.waitFor();
    const initialPassword = ((await initial.textContent()) ?? '').trim();
    expect(initialPassword.length).toBeGreaterThanOrEqual(8);
    await screenshot('user-create.png');
    await page.getByTestId('initial-password-close').click();
    const userRow = page.locator('tr.ant-table-row', { hasText: NEW_USER.username });
    await userRow.waitFor();
    expect(await userRow.textContent()).toContain(NEW_DEPARTMENT.name);

    // At 1366 px (the usual station screen) no column stays under the fixed 操作 column: each can be scrolled into view.
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(await hiddenHeaders()).toEqual([]);
    await page.setViewportSize({ width: 1440, height: 900 });

    // The console routes the audit page to 403 for sysadmin as well.
    await page.goto(`${server.baseUrl}/audit/logs`);
    await page.getByText('无权访问').waitFor();

    await logout();

    // The created user can log in with the shown password and must change it first.
    await login(NEW_USER.username, initialPassword);
    await page.waitForURL('**/change-password');
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL('**/login');
  });

  it('auditadmin: sees the audit log with the sysadmin entries, and no system management', async () => {
    await login('auditadmin', demoPassword(server, 'auditadmin'));
    await changeFirstPassword(demoPassword(server, 'auditadmin'));

    const menu = await menuLabels();
    expect(menu).toContain('审计日志');
    expect(menu).not.toContain('用户管理');
    expect(menu).not.toContain('部门管理');
    const denied = await page.request.get(`${server.baseUrl}/api/system/users`);
    expect(denied.status()).toBe(403);

    await openMenu('审计日志', '/audit/logs');
    await page.getByTestId('audit-username').fill('sysadmin');
    await page.getByTestId('audit-search').click();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    const rowWith = (action: string) => rows.filter({ hasText: 'sysadmin' }).filter({ has: page.locator('td', { hasText: new RegExp(`^${action}$`) }) });
    await rowWith('新增部门').first().waitFor();
    await rowWith('新增用户').first().waitFor();
    await rowWith('登录').first().waitFor();
    expect(await rows.filter({ hasNotText: 'sysadmin' }).count()).toBe(0);
    await screenshot('audit-log.png');

    // The same entries through the API, with their targets.
    const res = await page.request.get(`${server.baseUrl}/api/audit/logs?username=sysadmin&pageSize=200`);
    expect(res.status()).toBe(200);
    const entries = (await res.json()).items as { action: string; result: string; targetType: string | null; details: Record<string, unknown> | null }[];
    const actions = entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login', 'auth.password.change', 'dept.create', 'user.create', 'auth.logout']));
    expect(entries.find((e) => e.action === 'dept.create')?.details).toMatchObject({ code: NEW_DEPARTMENT.code, name: NEW_DEPARTMENT.name });
    expect(entries.find((e) => e.action === 'user.create')?.details).toMatchObject({ username: NEW_USER.username });
    // sysadmin's refused look at the audit log is itself audited.
    expect(entries.some((e) => e.action === 'auth.denied' && e.result === 'failure')).toBe(true);

    // Integrity verification (C2): the job runs in the server's worker, the report shows no tampering.
    await openMenu('完整性校验', '/audit/integrity');
    await page.getByTestId('integrity-verify').click();
    // The job runs on the worker's next poll.
    await expect
      .poll(
        async () => {
          await page.reload();
          // Count only once the page has loaded its reports (a count straight after the reload sees the loading page).
          await page.getByTestId('integrity-verify').waitFor();
          await page.waitForLoadState('networkidle');
          return page.getByText('未发现篡改').count();
        },
        { timeout: 120_000, interval: 2_000 },
      )
      .toBeGreaterThan(0);
    await screenshot('integrity.png');

    await logout();
  });
});
