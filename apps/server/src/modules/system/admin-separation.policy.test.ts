import { ADMIN_ROLE_PERMISSIONS, type AdminKind, P } from '@shtp/core/platform';
import type { UserAction } from '@shtp/core/system';
import { describe, expect, it } from 'vitest';
import { adminKindOfRoles, adminSeparationRefusal, type SeparationFacts } from './admin-separation.policy.ts';

const actor = (kind: AdminKind | null, id = 1) => ({ id, adminKind: kind, permissions: new Set(kind ? ADMIN_ROLE_PERMISSIONS[kind] : []) });
const BUILT_IN: Record<AdminKind, { id: number; name: string }> = {
  system: { id: 1, name: '系统管理员' },
  security: { id: 2, name: '安全管理员' },
  audit: { id: 3, name: '审计管理员' },
};
/** An account of that kind, holding the built-in role unless `builtIn` is false (a custom role of the kind). */
const target = (kind: AdminKind | null, id = 2, enabled = true, builtIn = true) => ({
  id,
  adminKind: kind,
  enabled,
  builtInAdminRole: kind && builtIn ? BUILT_IN[kind] : null,
});
const facts = (a: SeparationFacts['actor'], t: SeparationFacts['target'], enabledHolders = 2, nextRoleIds?: number[]): SeparationFacts => ({
  actor: a,
  target: t,
  enabledHolders,
  nextRoleIds,
});
const code = (action: UserAction, f: SeparationFacts) => adminSeparationRefusal(action, f)?.code ?? null;

describe('三员分立 policy for account management (AC-4)', () => {
  it('refuses every action on an account of another administrator kind', () => {
    for (const [who, whom] of [
      ['system', 'security'],
      ['system', 'audit'],
      ['security', 'system'],
      ['security', 'audit'],
    ] as const) {
      for (const action of ['update', 'disable', 'delete', 'setRoles'] as const) {
        const refusal = adminSeparationRefusal(action, facts(actor(who), target(whom)));
        expect(refusal?.code, `${who} ${action} ${whom}`).toBe('ADMIN_SEPARATION');
        expect(refusal?.message).toMatch(/^三员分立：不能操作(系统|安全|审计)管理员账户$/);
      }
    }
    // A business account holding an administrator's exclusive permission is impossible; a plain one is refused too.
    expect(code('update', facts(actor(null), target('system')))).toBe('ADMIN_SEPARATION');
  });

  it('lets an administrator manage business accounts and accounts of its own kind', () => {
    for (const action of ['update', 'disable', 'delete', 'setRoles'] as const) {
      expect(code(action, facts(actor('system'), target(null)))).toBeNull();
      expect(code(action, facts(actor('system'), target('system'), 2, []))).toBeNull();
    }
  });

  it('resets a separated administrator’s password only by the security admin, never one’s own', () => {
    expect(adminSeparationRefusal('resetPassword', facts(actor('system'), target('security')))?.message).toBe('三员分立：安全管理员的密码只能由安全管理员重置');
    expect(code('resetPassword', facts(actor('system'), target('audit')))).toBe('ADMIN_SEPARATION');
    expect(code('resetPassword', facts(actor('system'), target('system')))).toBe('ADMIN_SEPARATION');
    expect(code('resetPassword', facts(actor('audit'), target('system')))).toBe('ADMIN_SEPARATION');
    expect(code('resetPassword', facts(actor('security'), target('system')))).toBeNull();
    expect(code('resetPassword', facts(actor('security'), target('audit')))).toBeNull();
    expect(code('resetPassword', facts(actor('security', 7), target('security', 8)))).toBeNull();
    expect(code('resetPassword', facts(actor('security', 7), target('security', 7)))).toBe('OWN_ACCOUNT');
    // A security-kind role without the dedicated permission cannot.
    const noPermission = { id: 1, adminKind: 'security' as const, permissions: new Set([P.userGrant]) };
    expect(code('resetPassword', facts(noPermission, target('system')))).toBe('ADMIN_SEPARATION');
  });

  it('resets a business account’s password only with system:user:reset-password', () => {
    expect(code('resetPassword', facts(actor('system'), target(null)))).toBeNull();
    expect(code('resetPassword', facts(actor('security'), target(null)))).toBe('FORBIDDEN');
  });

  it('keeps the last enabled holder of each built-in administrator role: no disabling, deleting or removing the role', () => {
    // The actor holds a custom role of the same kind (e.g. an all-scope user administrator).
    expect(code('disable', facts(actor('system', 1), target('system', 2), 1))).toBe('LAST_ADMIN');
    expect(code('delete', facts(actor('security', 1), target('security', 2), 1))).toBe('LAST_ADMIN');
    expect(code('setRoles', facts(actor('security', 1), target('security', 2), 1, []))).toBe('LAST_ADMIN');
    expect(code('setRoles', facts(actor('security', 1), target('security', 2), 1, [BUILT_IN.system.id]))).toBe('LAST_ADMIN');
    expect(adminSeparationRefusal('delete', facts(actor('system'), target('system'), 1))?.message).toBe('三员分立：须至少保留一个启用的系统管理员账户');
    // Keeping the role, editing other fields, or a second holder left: allowed.
    expect(code('setRoles', facts(actor('security', 1), target('security', 2), 1, [BUILT_IN.security.id]))).toBeNull();
    expect(code('update', facts(actor('system', 1), target('system', 2), 1))).toBeNull();
    expect(code('disable', facts(actor('system', 1), target('system', 2), 2))).toBeNull();
    // A disabled account is not what keeps the role alive; a custom role of the kind is not protected.
    expect(code('delete', facts(actor('system', 1), target('system', 2, false), 1))).toBeNull();
    expect(code('delete', facts(actor('system', 1), target('system', 2, true, false), 0))).toBeNull();
  });

  it('reads the administrator kind of an account’s roles', () => {
    expect(adminKindOfRoles([{ adminKind: null }, { adminKind: 'audit' }])).toBe('audit');
    expect(adminKindOfRoles([{ adminKind: null }])).toBeNull();
    expect(adminKindOfRoles([])).toBeNull();
  });
});
