import { VEHICLE_BUSINESSES, type VehicleBusiness } from '@shtp/core/ebike';

/** A valid request of each business on a vehicle (its version added by the caller); `person` makes a new owner. */
export function businessBodies(person: () => object): Record<VehicleBusiness, (v: { businesses: { id: number }[] }) => object> {
  return {
    transfer: () => ({ mode: 'BA', owner: person() }),
    change: () => ({ colours: ['H'] }),
    replace_plate: () => ({ mode: 'damaged' }),
    theft: () => ({ lostOn: '2026-11-20', place: '黄浦区测试路口' }),
    recover: () => ({ note: '已找回' }),
    correct: (v) => ({ businessId: v.businesses.at(-1)!.id, items: { model: 'E90' }, reason: '型号录入错误' }),
    lock: () => ({ reason: '涉案待查' }),
    unlock: () => ({ reason: '核查无误' }),
    cancel: () => ({ reason: 'unused' }),
  };
}

/** The route segment of each business. */
export const BUSINESS_PATH = { ...Object.fromEntries(VEHICLE_BUSINESSES.map((b) => [b, b])), replace_plate: 'replace-plate' } as Record<
  VehicleBusiness,
  string
>;
