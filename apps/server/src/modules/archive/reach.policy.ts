import { labelAdmitted } from '../../platform/labels/security-labels.ts';
import { rowInScope } from '../../platform/rbac/data-scope.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';

/** Whether a business is within the caller's data scope (AC-5) and clearance (AC-6); the reason (for audit) or null. */
export function businessReachRefusal(principal: Principal, b: { departmentPath: string; securityLabel: string }): string | null {
  if (!rowInScope(principal, { departmentPath: b.departmentPath })) return '业务不在用户的数据范围内';
  if (!labelAdmitted(principal, b.securityLabel)) return '业务的安全标记高于用户的安全标记';
  return null;
}
