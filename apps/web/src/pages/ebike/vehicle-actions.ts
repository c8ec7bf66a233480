import type { VehicleDetail } from '@shtp/core/ebike';
import { EP } from './ebike-permissions';

export type VehicleAction = 'transfer' | 'change' | 'cancel' | 'replace_plate' | 'theft' | 'recover' | 'correct' | 'lock' | 'unlock';

/** Button label and permission of each business on the vehicle page, in the order shown. */
export const VEHICLE_ACTIONS: Record<VehicleAction, { label: string; permission: string }> = {
  transfer: { label: '转移', permission: EP.transfer },
  change: { label: '变更', permission: EP.change },
  replace_plate: { label: '补换牌', permission: EP.replacePlate },
  theft: { label: '失窃', permission: EP.theft },
  recover: { label: '找回', permission: EP.theft },
  correct: { label: '更正', permission: EP.correct },
  lock: { label: '锁定', permission: EP.lock },
  unlock: { label: '解锁', permission: EP.unlock },
  cancel: { label: '注销', permission: EP.cancel },
};

const STOPPED_WHILE_STOLEN: ReadonlySet<VehicleAction> = new Set(['transfer', 'change', 'replace_plate', 'theft']);

/**
 * Whether the state leaves the business possible, mirroring the server's state machine (ebike-state.ts) only to
 * hide buttons that could not succeed: the server still decides and words any refusal.
 */
function possible(action: VehicleAction, v: Pick<VehicleDetail, 'stolen' | 'locked' | 'cancelled'>): boolean {
  if (v.cancelled) return false;
  if (action === 'unlock') return v.locked;
  if (v.locked) return false;
  if (action === 'recover') return v.stolen;
  return !(v.stolen && STOPPED_WHILE_STOLEN.has(action));
}

/** The businesses to offer: held by the user and possible in the vehicle's state. */
export function availableActions(v: Pick<VehicleDetail, 'stolen' | 'locked' | 'cancelled'>, can: (code: string) => boolean): VehicleAction[] {
  return (Object.keys(VEHICLE_ACTIONS) as VehicleAction[]).filter((a) => can(VEHICLE_ACTIONS[a].permission) && possible(a, v));
}
