import { P } from '@shtp/core/platform';
import type { Role } from '@shtp/core/system';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testMe } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import RolesPage from './RolesPage';

const SLOW = { timeout: 15_000 };
const role = (id: number, code: string, name: string, over: Partial<Role> = {}): Role => ({
  id,
  code,
  name,
  description: '',
  dataScope: 'dept',
  adminKind: null,
  builtIn: false,
  permissions: [],
  userCount: 3,
  ...over,
});
const ROLES = [role(1, 'sysadmin', '系统管理员', { builtIn: true, adminKind: 'system', dataScope: 'all' }), role(7, 'supervisor', '审核监管民警')];
const admin = (permissions: string[]) =>
  testMe({ username: 'sysadmin', displayName: '系统管理员', roles: [{ code: 'sysadmin', name: '系统管理员' }], permissions: ['system', ...permissions] });

describe('RolesPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('exports the whole role list (it has no filters) and offers 新增角色 only with the permission', async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    mockFetch({
      'GET /api/auth/me': { status: 200, body: admin([P.roleMenu, P.roleList]) },
      'GET /api/system/roles': { status: 200, body: ROLES },
    });
    renderWithProviders(<RolesPage />);
    const builtIn = (await screen.findByText('系统管理员', { selector: 'td *' }, SLOW)).closest('tr')!;
    expect(within(builtIn).getByText('查看')).toBeTruthy(); // a built-in role is read-only
    fireEvent.click(screen.getByTestId('role-export'));
    expect(assign).toHaveBeenCalledTimes(1);
    expect(assign).toHaveBeenLastCalledWith('/api/system/roles/export');
    expect(screen.queryByTestId('role-create')).toBeNull();
  });
});
