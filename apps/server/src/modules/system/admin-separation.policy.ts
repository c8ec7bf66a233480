import { type AdminKind, P } from '@shtp/core/platform';
import type { UserAction } from '@shtp/core/system';

export const ADMIN_KIND_LABELS: Record<AdminKind, string> = { system: '系统管理员', security: '安全管理员', audit: '审计管理员' };

/** The facts one decision needs; the service reads them (in its transaction) and the policy stays pure. */
export interface SeparationFacts {
  actor: { id: number; adminKind: AdminKind | null; permissions: ReadonlySet<string> };
  target: {
    id: number;
    adminKind: AdminKind | null;
    enabled: boolean;
    /** The built-in 系统/安全/审计管理员 role the account holds, if any. */
    builtInAdminRole: { id: number; name: string } | null;
  };
  /** Enabled accounts holding the target's built-in administrator role, the target included. */
  enabledHolders: number;
  /** For `setRoles`: the roles the target would hold afterwards. */
  nextRoleIds?: readonly number[];
}

/** Why an action is refused: the code picks the HTTP status (403, 409 for the last holder, 400 for one's own account). */
export interface SeparationRefusal {
  code: 'ADMIN_SEPARATION' | 'LAST_ADMIN' | 'OWN_ACCOUNT' | 'FORBIDDEN';
  message: string;
}

/**
 * 三员分立 through account management (SECURITY.md AC-4, issue 11 defect 2). Returns why the action is refused,
 * or null when 三员分立 allows it (the route's permission and the data scope are checked elsewhere).
 * - Nobody acts on an account holding an administrator kind other than their own: editing, disabling, deleting,
 *   changing roles — so the system admin can neither lock out nor take over the security or audit admin.
 * - A separated administrator's password is reset only by the security admin (audited; the account must change it
 *   at its next login, and in production its SM2 second factor still stands between the reset and a login); other
 *   accounts' passwords by whoever holds `system:user:reset-password`. Nobody resets their own (that is "修改密码").
 * - The last enabled holder of each built-in administrator role cannot be disabled, deleted or lose the role (a custom
 *   role of the same kind, e.g. a detachment's user administrator, must not be able to retire the 系统管理员).
 */
export function adminSeparationRefusal(action: UserAction, facts: SeparationFacts): SeparationRefusal | null {
  const { actor, target } = facts;
  const kind = target.adminKind;
  if (action === 'resetPassword') {
    if (actor.id === target.id) return { code: 'OWN_ACCOUNT', message: '不能重置自己的密码，请使用“修改密码”' };
    if (!kind) return actor.permissions.has(P.userResetPassword) ? null : { code: 'FORBIDDEN', message: '没有重置该用户密码的权限' };
    if (actor.adminKind !== 'security' || !actor.permissions.has(P.userResetAdminPassword)) {
      return { code: 'ADMIN_SEPARATION', message: `三员分立：${ADMIN_KIND_LABELS[kind]}的密码只能由安全管理员重置` };
    }
    return null;
  }
  if (!kind) return null;
  if (actor.adminKind !== kind) return { code: 'ADMIN_SEPARATION', message: `三员分立：不能操作${ADMIN_KIND_LABELS[kind]}账户` };
  const role = target.builtInAdminRole;
  if (!role || !target.enabled || facts.enabledHolders > 1) return null;
  const removesHolder = action === 'disable' || action === 'delete' || (action === 'setRoles' && !facts.nextRoleIds?.includes(role.id));
  return removesHolder ? { code: 'LAST_ADMIN', message: `三员分立：须至少保留一个启用的${role.name}账户` } : null;
}

/** The administrator kind of a set of roles (the database allows at most one kind per account). */
export function adminKindOfRoles(roles: readonly { adminKind: string | null }[]): AdminKind | null {
  return (roles.find((r) => r.adminKind)?.adminKind as AdminKind | undefined) ?? null;
}
