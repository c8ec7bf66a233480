import { CORRECTABLE_KEYS } from '@shtp/core/ebike';
import { describe, expect, it } from 'vitest';
import { correctableKeys, correctionRefusal, correctionTargets } from './correction.policy.ts';

const registration = { id: 1, vehicleId: 7, lsh: '2611290000001', type: 'register', changes: [] };
const change = {
  id: 2,
  vehicleId: 7,
  lsh: '2611290000002',
  type: 'change',
  changes: [{ item: 'colours' }, { item: 'owner.phone' }, { item: 'plate' }],
};
const lock = { id: 3, vehicleId: 7, lsh: '2611290000003', type: 'lock', changes: [{ item: 'locked' }] };

describe('which items an 更正 may touch', () => {
  it('every correctable item of a registration', () => {
    expect(correctableKeys(registration)).toEqual(CORRECTABLE_KEYS);
  });
  it('only the correctable items a later business changed (a plate is not corrected, it is re-plated)', () => {
    expect(correctableKeys(change)).toEqual(['colours', 'phone']);
    expect(correctableKeys(lock)).toEqual([]);
  });
  it('offers as targets only businesses with something to correct, newest history first as given', () => {
    expect(correctionTargets([lock, change, registration])).toEqual([
      { businessId: 2, items: ['colours', 'phone'] },
      { businessId: 1, items: CORRECTABLE_KEYS },
    ]);
  });
});

describe('refusals of an 更正', () => {
  it('a business of another vehicle, or none, is refused on businessId', () => {
    expect(correctionRefusal(8, change, ['colours'])).toEqual({ field: 'businessId', message: '被更正的业务不属于该车辆' });
    expect(correctionRefusal(7, undefined, ['colours'])?.field).toBe('businessId');
  });
  it('an item the business did not register is refused on that item, naming the business', () => {
    expect(correctionRefusal(7, change, ['colours', 'motorNo'])).toEqual({
      field: 'items.motorNo',
      message: '业务 2611290000002 未登记该项，不能通过更正修改',
    });
    expect(correctionRefusal(7, lock, ['brand'])?.field).toBe('items.brand');
  });
  it('items the business registered are accepted', () => {
    expect(correctionRefusal(7, change, ['phone', 'colours'])).toBeNull();
    expect(correctionRefusal(7, registration, ['zcbm', 'name', 'districtCode'])).toBeNull();
  });
});
