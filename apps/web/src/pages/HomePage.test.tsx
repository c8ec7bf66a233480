import { P } from '@shtp/core/platform';
import { screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerPlatformMenu } from '../menu/platform-menu';
import { registerHomeWidgets } from '../menu/registry';
import { testMe } from '../test/me';
import { mockFetch, renderWithProviders } from '../test/render';
import { HomePage } from './HomePage';

const SLOW = { timeout: 15_000 };
const SYSADMIN = testMe({
  username: 'sysadmin',
  displayName: '系统管理员',
  roles: [{ code: 'sysadmin', name: '系统管理员' }],
  permissions: ['system', P.userMenu, P.jobMenu, P.jobList, 'module:widget'],
});

beforeAll(() => {
  registerPlatformMenu();
  registerHomeWidgets([
    { key: 'held', permission: 'module:widget', element: <p>模块待办卡片</p> },
    { key: 'not-held', permission: 'module:other', element: <p>无权的卡片</p> },
  ]);
});

describe('HomePage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the previous login with a warning about failures since, the modules’ cards the user holds, jobs and shortcuts', async () => {
    mockFetch({
      'GET /api/auth/me': { status: 200, body: SYSADMIN },
      'GET /api/auth/previous-login': { status: 200, body: { at: '2026-12-01T01:02:00.000Z', ip: '10.2.3.4', failuresSince: 2 } },
      'GET /api/jobs/stats': {
        status: 200,
        body: [
          { queue: 'a', state: 'dead', count: 3 },
          { queue: 'b', state: 'dead', count: 1 },
        ],
      },
    });
    renderWithProviders(<HomePage />);
    expect((await screen.findByTestId('previous-login', {}, SLOW)).textContent).toMatch(/^上次登录：2026-12-01 \d\d:02:00，来自 10\.2\.3\.4$/);
    expect(screen.getByText(/有 2 次密码错误的登录尝试/)).toBeTruthy();
    expect(screen.getByText('模块待办卡片')).toBeTruthy();
    expect(screen.queryByText('无权的卡片')).toBeNull();
    expect(await screen.findByText('4', {}, SLOW)).toBeTruthy(); // dead jobs of all queues
    expect(screen.getByRole('button', { name: /用户管理/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /角色管理/ })).toBeNull();
  });

  it('says so on a first login', async () => {
    mockFetch({ 'GET /api/auth/me': { status: 200, body: { ...SYSADMIN, permissions: [] } }, 'GET /api/auth/previous-login': { status: 200, body: null } });
    renderWithProviders(<HomePage />);
    expect(await screen.findByText('这是您的首次登录。', {}, SLOW)).toBeTruthy();
  });
});
