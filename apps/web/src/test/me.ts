import type { Me } from '@shtp/core/platform';

/** The signed-in user a page test runs as: a ready account (no password change or second factor pending). */
export function testMe(over: Pick<Me, 'username' | 'displayName' | 'roles' | 'permissions'> & Partial<Me>): Me {
  return {
    id: 2,
    department: { id: 1, name: '上海市公安局交通警察总队' },
    passwordChangeReason: null,
    pendingFactor: null,
    csrfToken: 'csrf-test',
    passwordExpiresAt: null,
    ...over,
  };
}

/** The security administrator with the given permissions (plus the 安全管理 menu). */
export const secadmin = (permissions: string[]): Me =>
  testMe({ username: 'secadmin', displayName: '安全管理员', roles: [{ code: 'secadmin', name: '安全管理员' }], permissions: ['security', ...permissions] });

/** The 审核监管民警 supervisor01 with the given permissions. */
export const supervisor = (permissions: string[]): Me =>
  testMe({ username: 'supervisor01', displayName: '监管民警01', roles: [{ code: 'supervisor', name: '审核监管民警' }], permissions });
