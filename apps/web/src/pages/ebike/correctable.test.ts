import { CORRECTABLE_ITEMS } from '@shtp/core/ebike';
import { describe, expect, it } from 'vitest';
import { correctableKeys } from './correctable';
import { business } from './ebike-test-data';

describe('correctableKeys', () => {
  it('offers every item for a registration and only the changed correctable items otherwise', () => {
    expect(correctableKeys(business())).toEqual(Object.keys(CORRECTABLE_ITEMS));
    const change = business({
      type: 'change',
      changes: [
        { item: 'colours', label: '车身颜色', before: '白', after: '蓝' },
        { item: 'owner.phone', label: '联系电话', before: '138****5678', after: '139****0000' },
        { item: 'plate', label: '号牌号码', before: '沪C0000001', after: '沪C0000002' },
      ],
    });
    expect(correctableKeys(change)).toEqual(['colours', 'phone']);
    expect(correctableKeys(business({ type: 'lock', changes: [{ item: 'locked', label: '锁定', before: 'false', after: 'true' }] }))).toEqual([]);
  });
});
