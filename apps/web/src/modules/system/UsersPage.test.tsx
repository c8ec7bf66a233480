import { ADMIN_ROLE_PERMISSIONS } from '@shtp/core/platform';
import { USER_ACTIONS, type UserAction, type UserListItem } from '@shtp/core/system';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testMe } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import UsersPage from './UsersPage';

const SYSADMIN = testMe({
  username: 'sysadmin',
  displayName: '系统管理员',
  roles: [{ code: 'sysadmin', name: '系统管理员' }],
  permissions: ADMIN_ROLE_PERMISSIONS.system,
});

const user = (id: number, username: string, over: Partial<UserListItem> = {}): UserListItem => ({
  id,
  username,
  displayName: `用户${id}`,
  policeNo: null,
  departmentId: 1,
  departmentName: '上海市公安局交通警察总队',
  roles: [],
  adminKind: null,
  clearance: 'internal',
  status: 'active',
  lockedUntil: null,
  lastLoginAt: null,
  expiresAt: null,
  createdAt: '2026-03-01T00:00:00.000Z',
  version: 1,
  actions: actions({ setRoles: '没有执行此操作的权限' }),
  ...over,
});
/** The server's decisions for the system administrator: allowed but for the refused actions given with their reasons. */
function actions(refused: Partial<Record<UserAction, string>>): UserListItem['actions'] {
  const decide = (action: UserAction) => {
    const reason = refused[action];
    return reason === undefined ? { allowed: true } : { allowed: false, reason };
  };
  return Object.fromEntries(USER_ACTIONS.map((action) => [action, decide(action)])) as UserListItem['actions'];
}
const separated = (reason: string) => actions(Object.fromEntries(USER_ACTIONS.map((action) => [action, reason])));
const USERS = [
  user(1, 'officer01'),
  user(2, 'secadmin', { adminKind: 'security', actions: separated('三员分立：不能操作安全管理员账户') }),
  user(3, 'sys.two', { adminKind: 'system', actions: actions({ setRoles: '没有执行此操作的权限', disable: '三员分立：须至少保留一个启用的系统管理员账户' }) }),
];

/** The session and the list load first; antd's first render is slow on a busy machine. */
const SLOW = { timeout: 15_000 };

function renderPage() {
  mockFetch({
    'GET /api/auth/me': { status: 200, body: SYSADMIN },
    'GET /api/system/departments': { status: 200, body: [] },
    'GET /api/system/users': { status: 200, body: { items: USERS, total: USERS.length, page: 1, pageSize: 20 } },
  });
  renderWithProviders(<UsersPage />);
}

describe('UsersPage (三员分立)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('offers no action the server would refuse on another administrator’s account', async () => {
    renderPage();
    const officer = (await screen.findByText('officer01', {}, SLOW)).closest('tr')!;
    expect(within(officer).getByTestId('user-edit-officer01')).toBeTruthy();
    expect(within(officer).getByTestId('user-reset-officer01')).toBeTruthy();
    expect(within(officer).getByTestId('user-delete-officer01')).toBeTruthy();
    expect(within(officer).queryByTestId('user-roles-officer01')).toBeNull(); // refused: the server's decision, not the console's
    const sec = screen.getByText('secadmin').closest('tr')!;
    expect(within(sec).queryByRole('button')).toBeNull();
  });

  it('exports the list as it is filtered', async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    renderPage();
    await screen.findByText('officer01', {}, SLOW);
    const box = screen.getByTestId('user-keyword');
    const search = box.querySelector('input') ?? box;
    fireEvent.change(search, { target: { value: 'sys' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => {
      fireEvent.click(screen.getByTestId('user-export'));
      expect(String(assign.mock.lastCall?.[0])).toBe('/api/system/users/export?keyword=sys');
    }, SLOW);
  });

  it('the last enabled 系统管理员 can be edited but not set to 停用, and says why', async () => {
    renderPage();
    fireEvent.click(await screen.findByTestId('user-edit-sys.two', {}, SLOW));
    expect(await screen.findByText('三员分立：须至少保留一个启用的系统管理员账户')).toBeTruthy();
    fireEvent.mouseDown(within(screen.getByTestId('user-status')).getByRole('combobox'));
    const option = (await screen.findAllByText('停用')).map((el) => el.closest('.ant-select-item-option')).find(Boolean);
    expect(option?.className).toContain('ant-select-item-option-disabled');
  });
});
