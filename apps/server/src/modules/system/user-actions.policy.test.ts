import { ADMIN_ROLE_PERMISSIONS, NO_PERMISSION, P } from '@shtp/core/platform';
import { describe, expect, it } from 'vitest';
import type { SeparationFacts } from './admin-separation.policy.ts';
import { userActions } from './user-actions.policy.ts';

const business: SeparationFacts['target'] = { id: 2, adminKind: null, enabled: true, builtInAdminRole: null };
const securityAdmin: SeparationFacts['target'] = { id: 3, adminKind: 'security', enabled: true, builtInAdminRole: { id: 2, name: '安全管理员' } };
const facts = (permissions: readonly string[], adminKind: 'system' | 'security' | null, target = business) => ({
  actor: { id: 1, adminKind, permissions: new Set(permissions) },
  target,
  enabledHolders: 1,
  nextRoleIds: [] as number[],
});

describe('what the caller may do to a listed account', () => {
  it('the system administrator edits, disables, deletes and resets a business account; the security administrator grants its roles', () => {
    const bySystem = userActions(facts(ADMIN_ROLE_PERMISSIONS.system, 'system'));
    expect(bySystem).toEqual({
      update: { allowed: true },
      disable: { allowed: true },
      delete: { allowed: true },
      resetPassword: { allowed: true },
      setRoles: { allowed: false, reason: NO_PERMISSION },
    });
    expect(userActions(facts(ADMIN_ROLE_PERMISSIONS.security, 'security')).setRoles).toEqual({ allowed: true });
  });
  it('without the route’s permission the action is refused as such, before 三员分立 is asked', () => {
    const actions = userActions(facts([P.userList, P.userUpdate], null, securityAdmin));
    expect(actions.delete).toEqual({ allowed: false, reason: NO_PERMISSION });
    expect(actions.setRoles).toEqual({ allowed: false, reason: NO_PERMISSION });
    expect(actions.update).toEqual({ allowed: false, reason: '三员分立：不能操作安全管理员账户' });
  });
  it('either reset permission lets 三员分立 decide the password reset', () => {
    const actions = userActions(facts(ADMIN_ROLE_PERMISSIONS.security, 'security', { ...securityAdmin, id: 4 }));
    expect(actions.resetPassword).toEqual({ allowed: true });
    expect(userActions(facts(ADMIN_ROLE_PERMISSIONS.security, 'security')).resetPassword).toEqual({
      allowed: false,
      reason: '没有重置该用户密码的权限',
    });
  });
});
