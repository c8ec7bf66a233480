import { ADMIN_KINDS, ADMIN_ROLE_PERMISSIONS, type AdminKind } from '@shtp/core/platform';
import { badRequest, conflict } from '../../platform/http/errors.ts';
import { ADMIN_KIND_LABELS as ADMIN_LABELS } from './admin-separation.policy.ts';

/** Permissions that only one of the three administrators holds: holding one makes a role that kind of admin role. */
const EXCLUSIVE: Map<string, AdminKind> = (() => {
  const owners = new Map<string, AdminKind[]>();
  for (const kind of ADMIN_KINDS) for (const p of ADMIN_ROLE_PERMISSIONS[kind]) owners.set(p, [...(owners.get(p) ?? []), kind]);
  return new Map([...owners].filter(([, kinds]) => kinds.length === 1).map(([p, kinds]) => [p, kinds[0]!]));
})();
const ADMIN_PERMISSIONS = new Set(ADMIN_KINDS.flatMap((k) => ADMIN_ROLE_PERMISSIONS[k]));

/**
 * 三员分立 for custom roles (AC-4): a role's permissions may come from at most one administrator kind,
 * and an administrator role holds no business permissions. Returns the kind the role thereby belongs to,
 * so that the database's exclusivity trigger also covers custom administrator roles.
 */
export function adminKindOf(permissions: string[]): AdminKind | null {
  const kinds = new Set(permissions.flatMap((p) => (EXCLUSIVE.has(p) ? [EXCLUSIVE.get(p)!] : [])));
  if (kinds.size > 1) {
    const names = [...kinds].map((k) => ADMIN_LABELS[k]).join('、');
    throw badRequest('ROLE_MIXES_ADMIN', `三员分立：一个角色不能同时包含${names}的权限`, [{ field: 'permissions', message: `不能同时包含${names}的权限` }]);
  }
  const kind = kinds.size === 1 ? [...kinds][0]! : null;
  const business = permissions.filter((p) => !ADMIN_PERMISSIONS.has(p));
  if (kind && business.length > 0) {
    const message = `三员分立：${ADMIN_LABELS[kind]}类角色不能包含业务权限（${business.slice(0, 3).join('、')}${business.length > 3 ? '等' : ''}）`;
    throw badRequest('ROLE_MIXES_ADMIN', message, [{ field: 'permissions', message }]);
  }
  return kind;
}

/** No account may hold roles of two administrator kinds, nor an administrator role together with business roles. */
export function checkRoleCombination(roles: { name: string; adminKind: string | null }[]): void {
  const kinds = new Set(roles.flatMap((r) => (r.adminKind ? [r.adminKind] : [])));
  if (kinds.size > 1) {
    throw conflict('ADMIN_ROLE_CONFLICT', '三员分立：同一账户不能同时拥有系统管理员、安全管理员、审计管理员中的两种角色', [
      { field: 'roleIds', message: '不能同时拥有两种管理员角色' },
    ]);
  }
  if (kinds.size === 1 && roles.some((r) => !r.adminKind)) {
    throw conflict('ADMIN_ROLE_CONFLICT', '三员分立：管理员角色不能与业务角色同时授予同一账户', [
      { field: 'roleIds', message: '管理员角色不能与业务角色同时授予' },
    ]);
  }
}
