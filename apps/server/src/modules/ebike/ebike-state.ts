import type { EbikeBusinessType } from '@shtp/core/ebike';

/** The flags of a vehicle's state, as the ledger leaves them. */
export interface VehicleFlags {
  stolen: boolean;
  locked: boolean;
  cancelled: boolean;
  lockReason?: string | null;
}

/** 六合一 state codes (DOMAIN.md §1.5): A 正常, C 被盗抢, O 锁定, E 注销; several may combine. */
export function statusCodes(f: VehicleFlags): string {
  if (f.cancelled) return 'E';
  const codes = `${f.stolen ? 'C' : ''}${f.locked ? 'O' : ''}`;
  return codes || 'A';
}

const LABELS: Record<string, string> = { A: '正常', C: '被盗抢', O: '锁定', E: '注销' };
export const statusLabels = (codes: string) => Array.from(codes, (c) => LABELS[c] ?? c);

const STOP_WHEN_STOLEN: ReadonlySet<EbikeBusinessType> = new Set(['transfer', 'change', 'replace_plate']);

/**
 * Whether a business may be done on a vehicle in this state: null if allowed, else the Chinese refusal
 * naming the rule. Rules per DOMAIN.md §1.5 (motor-vehicle rules of 公安部令164 applied by analogy [A]).
 */
export function refusal(business: EbikeBusinessType, f: VehicleFlags): string | null {
  if (business === 'register') return null;
  if (f.cancelled) return '车辆已注销，不能再办理任何业务（注销为终态）';
  if (business === 'unlock') return f.locked ? null : '车辆未锁定，无需解锁';
  if (f.locked) return `车辆已锁定（原因：${f.lockReason ?? '未注明'}），须由锁定部门解锁后才能办理业务`;
  if (f.stolen && STOP_WHEN_STOLEN.has(business)) {
    return '车辆处于被盗抢状态，停止办理转移、变更、补换牌业务；找回后方可办理（参照《机动车登记规定》第七十六条）';
  }
  if (business === 'theft' && f.stolen) return '车辆已登记为失窃，不能重复登记';
  if (business === 'recover' && !f.stolen) return '车辆不是失窃状态，无需办理找回';
  return null;
}
