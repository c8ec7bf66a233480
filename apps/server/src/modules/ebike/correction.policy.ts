import { CORRECTABLE_ITEMS, CORRECTABLE_KEYS, type CorrectableKey } from '@shtp/core/ebike';

/** A business of the ledger as an 更正 sees it. */
export interface LedgerBusiness {
  id: number;
  vehicleId: number;
  lsh: string;
  type: string;
  changes: readonly { item: string }[];
}

/** The items an 更正 of this business may touch: all a 注册登记 registered, otherwise the correctable items it changed. */
export function correctableKeys(b: Pick<LedgerBusiness, 'type' | 'changes'>): CorrectableKey[] {
  if (b.type === 'register') return [...CORRECTABLE_KEYS];
  const changed = new Set(b.changes.map((c) => c.item));
  return CORRECTABLE_KEYS.filter((key) => changed.has(CORRECTABLE_ITEMS[key]));
}

/** The businesses of a vehicle's history an 更正 may target, each with the items it may touch. */
export function correctionTargets(history: readonly Pick<LedgerBusiness, 'id' | 'type' | 'changes'>[]) {
  return history.map((b) => ({ businessId: b.id, items: correctableKeys(b) })).filter((t) => t.items.length > 0);
}

/**
 * Why an 更正 of vehicle `vehicleId` that sets `keys` of business `target` is refused, as the field error of a 400,
 * or null: the business must be the vehicle's, and an 更正 touches only items that business registered.
 */
export function correctionRefusal(vehicleId: number, target: LedgerBusiness | undefined, keys: readonly string[]): { field: string; message: string } | null {
  if (!target || target.vehicleId !== vehicleId) return { field: 'businessId', message: '被更正的业务不属于该车辆' };
  const allowed: ReadonlySet<string> = new Set(correctableKeys(target));
  const key = keys.find((k) => !allowed.has(k));
  return key === undefined ? null : { field: `items.${key}`, message: `业务 ${target.lsh} 未登记该项，不能通过更正修改` };
}
