import { describe, expect, it } from 'vitest';
import { maskRecord } from './masking-rules.ts';

describe('maskRecord', () => {
  it('masks by rule and drops a field without a rule (fail closed)', () => {
    const out = maskRecord(
      { plate: '沪A12345', ownerName: '张三丰', brand: '雅迪', stolen: false, ownerPhone: '13812345678', secretNote: '内部' },
      { plate: 'plate', ownerName: 'name', brand: 'none', stolen: 'none', ownerPhone: 'phone' },
    );
    expect(out.record).toEqual({ plate: '沪A1***5', ownerName: '张**', brand: '雅迪', stolen: false, ownerPhone: '138****5678' });
    expect(out.dropped).toEqual(['secretNote']);
  });

  it('never passes a malformed value through a rule', () => {
    expect(maskRecord({ plate: '沪A1' }, { plate: 'plate' }).record.plate).toBe('******');
    expect(maskRecord({ n: 42 }, { n: 'idNumber' }).record.n).toBe('******');
  });

  it('ignores rules inherited from the prototype', () => {
    expect(maskRecord({ toString: 'x' }, {}).dropped).toEqual(['toString']);
  });
});
