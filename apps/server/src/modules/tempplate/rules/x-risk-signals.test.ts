import { describe, expect, it } from 'vitest';
import { input } from './rule-test-facts.ts';
import { x1BeyondInsurance } from './x1-beyond-insurance.ts';
import { x2SharedPhone } from './x2-shared-phone.ts';

describe('X1 validity past the 交强险 end', () => {
  it('flags a plate valid after the insurance ends, with both dates as evidence', () => {
    const hit = x1BeyondInsurance.evaluate(input({ business: { validTo: '2025-03-25', insuranceEnd: '2025-03-20' } }));
    expect(hit?.evidence.compared[0]).toEqual({ item: '临牌有效期止', value: '2025-03-25', against: '交强险终止日期 2025-03-20' });
  });
  it('near miss: ending on the insurance end day passes; bad data (a malformed date) is not judged', () => {
    expect(x1BeyondInsurance.evaluate(input({ business: { validTo: '2025-03-25', insuranceEnd: '2025-03-25' } }))).toBeNull();
    expect(x1BeyondInsurance.evaluate(input({ business: { validTo: '2025-03-25', insuranceEnd: '20250320' } }))).toBeNull();
  });
});

describe('X2 one phone behind many owners', () => {
  it('flags at the parameter, not below it, and reads the parameter', () => {
    expect(x2SharedPhone.evaluate(input({ phoneOwners: 3 }))?.summary).toContain('另外 3 名所有人');
    expect(x2SharedPhone.evaluate(input({ phoneOwners: 2 }))).toBeNull();
    expect(x2SharedPhone.evaluate(input({ phoneOwners: 3, params: { maxOwnersPerPhone: 4 } }))).toBeNull();
  });
});
