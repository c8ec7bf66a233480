import { describe, expect, it } from 'vitest';
import { input } from './rule-test-facts.ts';
import { x1BeyondInsurance } from './x1-beyond-insurance.ts';
import { x2SharedPhone } from './x2-shared-phone.ts';
import { x3AfterRegistration } from './x3-after-registration.ts';
import { x4RepeatedExport } from './x4-repeated-export.ts';
import { x5OwnerManyVins } from './x5-owner-many-vins.ts';
import { x6OriginReuse } from './x6-origin-reuse.ts';

const earlier = (id: number, vin: string, caseType = 'purchased') => ({
  id,
  plate: `沪A0000${id}`,
  vin,
  caseType,
  issuedAt: new Date(`2025-0${id}-05T02:00:00Z`),
  validFrom: `2025-0${id}-05`,
  validTo: `2025-0${id}-19`,
});

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

describe('X3 a plate of an unregistered case for a registered vehicle', () => {
  it('flags a purchase case that names a registered owner; not a case that follows registration; reads the case list', () => {
    const hit = x3AfterRegistration.evaluate(input({ business: { registeredOwnerIdx: 'idx-owner' } }));
    expect(hit?.severity).toBe('high');
    expect(hit?.summary).toContain('购买、调拨、赠予等未注册登记');
    expect(x3AfterRegistration.evaluate(input({ business: { registeredOwnerIdx: 'idx-owner', caseType: 'plate_production' } }))).toBeNull();
    expect(x3AfterRegistration.evaluate(input({ business: { registeredOwnerIdx: 'idx-owner' }, params: { unregisteredCases: ['unsold'] } }))).toBeNull();
  });
  it('bad data: no registered owner is no evidence of registration', () => {
    expect(x3AfterRegistration.evaluate(input({ business: { registeredOwnerIdx: null } }))).toBeNull();
  });
});

describe('X4 the export case issued more than once', () => {
  const vin = 'LSVAU2180N2183294';
  it('flags the second export-case plate of a VIN, with the first as related', () => {
    const hit = x4RepeatedExport.evaluate(input({ business: { caseType: 'export' }, vinHistory: [earlier(1, vin, 'export')] }));
    expect(hit?.summary).toContain('第 2 次');
    expect(hit?.evidence.related.map((r) => r.businessId)).toEqual([1]);
  });
  it('near miss: an earlier plate of another case, a non-export business, the parameter raised, the business itself', () => {
    expect(x4RepeatedExport.evaluate(input({ business: { caseType: 'export' }, vinHistory: [earlier(1, vin, 'unsold')] }))).toBeNull();
    expect(x4RepeatedExport.evaluate(input({ vinHistory: [earlier(1, vin, 'export')] }))).toBeNull();
    expect(
      x4RepeatedExport.evaluate(input({ business: { caseType: 'export' }, vinHistory: [earlier(1, vin, 'export')], params: { maxExportIssues: 2 } })),
    ).toBeNull();
    expect(x4RepeatedExport.evaluate(input({ business: { caseType: 'export' }, vinHistory: [{ ...earlier(1, vin, 'export'), id: 10 }] }))).toBeNull();
  });
});

describe('X5 one owner behind many VINs', () => {
  const others = [earlier(1, 'LSVAU2180N2000001'), earlier(2, 'LSVAU2180N2000002'), earlier(3, 'LSVAU2180N2000003')];
  it('flags the owner’s plate for a fourth VIN, and counts VINs, not plates', () => {
    expect(x5OwnerManyVins.evaluate(input({ ownerHistory: others }))?.summary).toContain('另外 3 辆车');
    const twoVins = [others[0]!, others[1]!, { ...others[1]!, id: 4 }];
    expect(x5OwnerManyVins.evaluate(input({ ownerHistory: twoVins }))).toBeNull();
  });
  it('near miss: earlier plates of the same VIN do not count; the parameter decides', () => {
    const sameVin = [earlier(1, 'LSVAU2180N2183294'), earlier(2, 'LSVAU2180N2000002'), earlier(3, 'LSVAU2180N2000003')];
    expect(x5OwnerManyVins.evaluate(input({ ownerHistory: sameVin }))).toBeNull();
    expect(x5OwnerManyVins.evaluate(input({ ownerHistory: others, params: { maxVinsPerOwner: 4 } }))).toBeNull();
  });
});

describe('X6 one proof of origin on several VINs', () => {
  it('flags an invoice number already given on another VIN, high, with the VINs, the earlier plates and the invoice image', () => {
    const hit = x6OriginReuse.evaluate(input({ originReuse: [earlier(1, 'LFV2A21K6N4000001'), earlier(2, 'LFV2A21K6N4000001')] }));
    expect(hit?.severity).toBe('high');
    expect(hit?.summary).toBe('来历凭证（发票号码 12345678）365 天内已用于另外 1 辆车的临牌业务');
    expect(hit?.evidence.compared[1]).toEqual({ item: '本业务车辆识别代号', value: 'LSVAU2180N2183294', against: '其他业务：LFV2A21K6N4000001' });
    expect(hit?.evidence.related.map((r) => r.businessId)).toEqual([1, 2]);
    expect(hit?.evidence.images).toEqual([{ material: 'invoice', box: null }]);
  });

  it('near miss: below the parameter, or the same VIN again (that is T1), or the business itself, passes', () => {
    const other = earlier(1, 'LFV2A21K6N4000001');
    expect(x6OriginReuse.evaluate(input({ originReuse: [other], params: { minOriginOtherVins: 2 } }))).toBeNull();
    expect(x6OriginReuse.evaluate(input({ originReuse: [other, earlier(2, 'LFV2A21K6N4000002')], params: { minOriginOtherVins: 2 } }))?.summary).toContain(
      '另外 2 辆车',
    );
    expect(x6OriginReuse.evaluate(input({ originReuse: [earlier(1, 'LSVAU2180N2183294')] }))).toBeNull();
    expect(x6OriginReuse.evaluate(input({ business: { id: 1 }, originReuse: [other] }))).toBeNull();
  });

  it('bad data: no invoice (no number) is not judged; an entry issued after the business is not counted', () => {
    expect(x6OriginReuse.evaluate(input({ business: { originNo: null, invoice: null }, originReuse: [earlier(1, 'LFV2A21K6N4000001')] }))).toBeNull();
    const later = { ...earlier(9, 'LFV2A21K6N4000001'), issuedAt: new Date('2025-12-01T00:00:00Z') };
    expect(x6OriginReuse.evaluate(input({ originReuse: [later] }))).toBeNull();
  });
});
