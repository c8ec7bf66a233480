import { SECURITY_LABELS, type SecurityLabel } from '@shtp/core/platform';
import { AuditedRefusal } from '../../platform/audit/refusal.ts';
import { notFound } from '../../platform/http/errors.ts';
import { clearanceOf, labelAdmitted } from '../../platform/labels/security-labels.ts';
import { rowInScope } from '../../platform/rbac/data-scope.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';

const labelName = (code: string) => SECURITY_LABELS[code as SecurityLabel] ?? code;

/** Why a vehicle is out of the principal's reach (for the audit record), or null if it is within it. */
export function outOfReach(principal: Principal, v: { departmentPath: string; securityLabel: string }): string | null {
  if (!rowInScope(principal, { departmentPath: v.departmentPath })) return '车辆不在用户的数据范围内';
  if (!labelAdmitted(principal, v.securityLabel)) {
    return `车辆安全标记为“${labelName(v.securityLabel)}”，高于用户的安全标记“${labelName(clearanceOf(principal))}”`;
  }
  return null;
}

/**
 * A vehicle the principal may read or change: within the data scope (AC-5) and admitted by the clearance (AC-6).
 * Otherwise "not found" — the caller cannot tell which — and, for a vehicle that exists, one audit record of
 * `action` saying why (AU-1).
 */
export function reachableVehicle<V extends { id: number; departmentPath: string; securityLabel: string }>(
  principal: Principal,
  v: V | undefined,
  action: string,
): V {
  if (!v) throw notFound('车辆');
  const why = outOfReach(principal, v);
  if (why) throw new AuditedRefusal(notFound('车辆'), { action, targetType: 'nm_vehicle', targetId: v.id, reason: why });
  return v;
}
