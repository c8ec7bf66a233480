import { EBIKE_P, type EbikeBusinessType } from '@shtp/core/ebike';

/** What a business on a vehicle depends on: its flags as the ledger leaves them, and who locked it. */
export interface VehicleState {
  stolen: boolean;
  locked: boolean;
  cancelled: boolean;
  lockReason?: string | null;
  /** The locking department (null: not locked, or its department is gone). */
  lockDepartmentPath?: string | null;
  lockDepartmentName?: string | null;
}

/** The permission each business needs: its route declares it, and the vehicle's actions check it. */
export const BUSINESS_PERMISSION: Record<EbikeBusinessType, string> = {
  register: EBIKE_P.register,
  transfer: EBIKE_P.transfer,
  change: EBIKE_P.change,
  cancel: EBIKE_P.cancel,
  replace_plate: EBIKE_P.replacePlate,
  theft: EBIKE_P.theft,
  recover: EBIKE_P.theft,
  correct: EBIKE_P.correct,
  lock: EBIKE_P.lock,
  unlock: EBIKE_P.unlock,
};

const STOP_WHEN_STOLEN: ReadonlySet<EbikeBusinessType> = new Set(['transfer', 'change', 'replace_plate']);

/**
 * The state machine (DOMAIN.md §1.5; motor-vehicle rules of 公安部令164 applied by analogy [A]): whether a business
 * may be done on a vehicle in this state — null if allowed, else the Chinese refusal naming the rule.
 */
export function stateRefusal(business: EbikeBusinessType, v: VehicleState): string | null {
  if (business === 'register') return null;
  if (v.cancelled) return '车辆已注销，不能再办理任何业务（注销为终态）';
  if (business === 'unlock') return v.locked ? null : '车辆未锁定，无需解锁';
  if (v.locked) return `车辆已锁定（原因：${v.lockReason ?? '未注明'}），须由锁定部门解锁后才能办理业务`;
  if (v.stolen && STOP_WHEN_STOLEN.has(business)) {
    return '车辆处于被盗抢状态，停止办理转移、变更、补换牌业务；找回后方可办理（参照《机动车登记规定》第七十六条）';
  }
  if (business === 'theft' && v.stolen) return '车辆已登记为失窃，不能重复登记';
  if (business === 'recover' && !v.stolen) return '车辆不是失窃状态，无需办理找回';
  return null;
}

/** Only the locking department or one above it may lift a lock (department paths are materialised: /1/5/23/). */
export function unlockRefusal(department: { path: string }, v: VehicleState): string | null {
  if (!v.lockDepartmentPath || v.lockDepartmentPath.startsWith(department.path)) return null;
  return `只有锁定部门（${v.lockDepartmentName}）或其上级部门可以解锁`;
}

/**
 * Whether an officer of `department` may do the business on the vehicle: null if allowed, else the refusal
 * (409 BUSINESS_REFUSED). The business's permission is the route's (`BUSINESS_PERMISSION`).
 */
export function businessRefusal(business: EbikeBusinessType, v: VehicleState, department: { path: string }): string | null {
  return stateRefusal(business, v) ?? (business === 'unlock' ? unlockRefusal(department, v) : null);
}
