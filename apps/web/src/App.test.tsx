import type { Me } from '@shtp/core/platform';
import { screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { registerPlatformMenu } from './menu/platform-menu';
import { testMe } from './test/me';
import { mockFetch, renderWithProviders } from './test/render';

const deptAdmin: Me = testMe({
  id: 2,
  username: 'deptadmin',
  displayName: '王部门',
  department: { id: 1, name: '上海市公安局交通警察总队' },
  roles: [{ code: 'dept_admin', name: '部门管理员' }],
  permissions: ['system', 'system:dept', 'system:dept:list'],
});

describe('App routes', () => {
  beforeAll(registerPlatformMenu);
  afterEach(() => vi.unstubAllGlobals());

  it('shows only the menu entries the user holds', async () => {
    mockFetch({ 'GET /api/auth/me': { status: 200, body: deptAdmin } });
    renderWithProviders(<App />, '/');
    expect(await screen.findByText('欢迎您，王部门')).toBeTruthy();
    const [menu] = screen.getAllByRole('menu');
    if (!menu) throw new Error('no sider menu');
    expect(within(menu).getByText('部门管理')).toBeTruthy();
    expect(within(menu).queryByText('用户管理')).toBeNull();
    expect(within(menu).queryByText('安全审计')).toBeNull();
  });

  it('answers 403 for a page without its permission', async () => {
    mockFetch({ 'GET /api/auth/me': { status: 200, body: deptAdmin } });
    renderWithProviders(<App />, '/system/users');
    expect(await screen.findByText('无权访问')).toBeTruthy();
  });

  it('answers 404 for an unknown page', async () => {
    mockFetch({ 'GET /api/auth/me': { status: 200, body: deptAdmin } });
    renderWithProviders(<App />, '/no-such-page');
    expect(await screen.findByText('页面不存在')).toBeTruthy();
  });

  it('keeps a session that must change its password on the change page', async () => {
    mockFetch({ 'GET /api/auth/me': { status: 200, body: { ...deptAdmin, passwordChangeReason: 'reset' } } });
    renderWithProviders(<App />, '/system/departments');
    expect(await screen.findByText('密码已被管理员重置，请设置新密码后继续使用。')).toBeTruthy();
    expect(screen.getByRole('button', { name: '退出' })).toBeTruthy();
  });

  it('keeps a session that owes its SM2 factor on the factor page', async () => {
    mockFetch({ 'GET /api/auth/me': { status: 200, body: { ...deptAdmin, pendingFactor: 'sm2' } } });
    renderWithProviders(<App />, '/system/departments');
    expect(await screen.findByTestId('sm2-submit')).toBeTruthy();
    expect(screen.getByText('SM2 证书认证')).toBeTruthy();
    expect(screen.getByRole('button', { name: '退出' })).toBeTruthy();
  });

  it('sends a visitor without a session to the login page', async () => {
    mockFetch({ 'GET /api/auth/me': { status: 401, body: { code: 'UNAUTHENTICATED', message: '请先登录', details: [] } } });
    renderWithProviders(<App />, '/system/departments');
    expect(await screen.findByTestId('login-submit')).toBeTruthy();
  });
});
