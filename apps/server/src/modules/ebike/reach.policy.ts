import { SECURITY_LABELS, type SecurityLabel } from '@shtp/core/platform';
import { clearanceOf, labelAdmitted } from '../../platform/labels/security-labels.ts';
import { rowInScope } from '../../platform/rbac/data-scope.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';

const labelName = (code: string) => SECURITY_LABELS[code as SecurityLabel] ?? code;

/**
 * Whether a vehicle is within the principal's reach — its data scope (AC-5) and clearance (AC-6), the platform's
 * rules — and if not, why (for the audit record; the caller only hears "not found"). Null: within reach.
 */
export function reachRefusal(principal: Principal, v: { departmentPath: string; securityLabel: string }): string | null {
  if (!rowInScope(principal, { departmentPath: v.departmentPath })) return '车辆不在用户的数据范围内';
  if (!labelAdmitted(principal, v.securityLabel)) {
    return `车辆安全标记为“${labelName(v.securityLabel)}”，高于用户的安全标记“${labelName(clearanceOf(principal))}”`;
  }
  return null;
}
