import { clearanceAdmits, DEFAULT_SECURITY_LABEL } from '@shtp/core/platform';
import { labelAdmitted } from '../../platform/labels/security-labels.ts';
import { rowInScope } from '../../platform/rbac/data-scope.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import type { ServiceCaller } from '../../platform/service-accounts/service-caller.ts';

type Reachable = { departmentPath: string; securityLabel: string };

/** Whether a business is within the caller's data scope (AC-5) and clearance (AC-6); the reason (for audit) or null. */
export function businessReachRefusal(principal: Principal, b: Reachable): string | null {
  if (!rowInScope(principal, { departmentPath: b.departmentPath })) return '业务不在用户的数据范围内';
  if (!labelAdmitted(principal, b.securityLabel)) return '业务的安全标记高于用户的安全标记';
  return null;
}

/**
 * A registration system (service account, A8) reaches the businesses of its department and the departments under it,
 * up to the default label (内部): a record of a protected person is never attached to by a machine.
 */
export function serviceReachRefusal(caller: Pick<ServiceCaller, 'department'>, b: Reachable): string | null {
  if (!b.departmentPath.startsWith(caller.department.path)) return '业务不在接入应用所属部门的范围内';
  if (!clearanceAdmits(DEFAULT_SECURITY_LABEL, b.securityLabel)) return '业务的安全标记高于接入应用可挂接的级别';
  return null;
}
