import { AuditedRefusal } from '../../platform/audit/refusal.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import { reachRefusal } from './reach.policy.ts';

/**
 * A vehicle the principal may read or change (reach.policy.ts). Otherwise "not found" — the caller cannot tell
 * which — and, for a vehicle that exists, one audit record of `action` saying why (AU-1).
 */
export function reachableVehicle<V extends { id: number; departmentPath: string; securityLabel: string }>(
  principal: Principal,
  v: V | undefined,
  action: string,
): V {
  if (!v) throw notFound('车辆');
  const why = reachRefusal(principal, v);
  if (why) throw new AuditedRefusal(notFound('车辆'), { action, targetType: 'nm_vehicle', targetId: v.id, reason: why });
  return v;
}
