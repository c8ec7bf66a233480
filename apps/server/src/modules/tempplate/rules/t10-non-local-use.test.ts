import { describe, expect, it } from 'vitest';
import type { PlateTicket } from '../../enforcement/enforcement.api.ts';
import { ticketSpan } from './plate-tickets.ts';
import { HONEST, input } from './rule-test-facts.ts';
import { t10NonLocalUse } from './t10-non-local-use.ts';

const plate = (id: number, day: string) => ({
  id,
  plate: `沪A0000${id}`,
  vin: `LSVAU2180N218329${id}`,
  caseType: 'purchased',
  issuedAt: new Date(`${day}T02:00:00Z`),
  validFrom: day,
  validTo: day,
});
const nonLocal = { ownerRegion: '320102', ownerIdNumber: '320102196308210371' };

describe('T10 non-Shanghai owner with local use', () => {
  it('lists a non-Shanghai owner with two earlier Shanghai plates in the window, with the ID image to check', () => {
    const hit = t10NonLocalUse.evaluate(input({ business: nonLocal, ownerHistory: [plate(1, '2025-01-10'), plate(2, '2025-02-10')] }));
    expect(hit?.severity).toBe('low');
    expect(hit?.evidence.related.map((r) => r.businessId)).toEqual([1, 2]);
    expect(hit?.evidence.images).toEqual([{ material: 'owner_id', box: null }]);
  });

  it('near miss: one earlier plate, or a Shanghai ID, or the business itself in its history', () => {
    expect(t10NonLocalUse.evaluate(input({ business: nonLocal, ownerHistory: [plate(1, '2025-01-10')] }))).toBeNull();
    expect(t10NonLocalUse.evaluate(input({ ownerHistory: [plate(1, '2025-01-10'), plate(2, '2025-02-10')] }))).toBeNull();
    expect(t10NonLocalUse.evaluate(input({ business: nonLocal, ownerHistory: [plate(1, '2025-01-10'), plate(10, '2025-03-11')] }))).toBeNull();
  });

  it('bad data: a malformed region or a unit owner is not judged', () => {
    const two = [plate(1, '2025-01-10'), plate(2, '2025-02-10')];
    expect(t10NonLocalUse.evaluate(input({ business: { ownerRegion: '32' }, ownerHistory: two }))).toBeNull();
    expect(t10NonLocalUse.evaluate(input({ business: { ...nonLocal, ownerIdType: 'B' }, ownerHistory: two }))).toBeNull();
  });

  it('counts a Shanghai landline as local use only when the parameter says so', () => {
    const landline = { ...nonLocal, phoneLandline: true };
    expect(t10NonLocalUse.evaluate(input({ business: landline }))).toBeNull();
    const hit = t10NonLocalUse.evaluate(input({ business: landline, params: { landlineAsLocalUse: true } }));
    expect(hit?.summary).toContain('联系电话为上海固定电话');
    expect(hit?.evidence.compared).toContainEqual({ item: '联系电话类型', value: '上海固定电话', against: '上海固定电话视为本地使用' });
    expect(t10NonLocalUse.evaluate(input({ business: nonLocal, params: { landlineAsLocalUse: true } }))).toBeNull(); // a mobile
  });

  describe('a mobile contact phone in a Shanghai number segment (parameter list)', () => {
    const segments = { localMobileSegments: ['1381', '13816', '13917'] };
    const mobile = (prefix: string | null) => ({ ...nonLocal, phoneMobilePrefix: prefix });

    it('hit: lists the owner without earlier plates, the most specific segment (not the number) in the summary and evidence', () => {
      const hit = t10NonLocalUse.evaluate(input({ business: mobile('1381678'), params: segments }));
      expect(hit?.summary).toBe('外省市身份证明（签发地 320102）的所有人联系电话为上海手机号段（13816），需核对身份证明影像与车辆使用地');
      expect(hit?.evidence.compared).toContainEqual({ item: '联系电话号段', value: '13816', against: '本市手机号段（3 个）' });
      expect(hit?.evidence.threshold).toBe('已办 ≥ 2 次，或联系电话属上海手机号段');
      expect(JSON.stringify(hit)).not.toContain('1381678');
      expect(t10NonLocalUse.evaluate(input({ business: mobile('1391702'), params: segments }))?.evidence.compared).toContainEqual(
        expect.objectContaining({ value: '13917' }),
      );
    });

    it('near miss: a neighbouring segment, a Shanghai ID holder with a listed segment, and a plate hit that names the segment as not listed', () => {
      expect(t10NonLocalUse.evaluate(input({ business: mobile('1391600'), params: segments }))).toBeNull();
      expect(t10NonLocalUse.evaluate(input({ business: mobile('1380999'), params: segments }))).toBeNull();
      expect(t10NonLocalUse.evaluate(input({ business: { phoneMobilePrefix: '1381678' }, params: segments }))).toBeNull();
      const two = [plate(1, '2025-01-10'), plate(2, '2025-02-10')];
      const byPlates = t10NonLocalUse.evaluate(input({ business: mobile('1591234'), ownerHistory: two, params: segments }));
      expect(byPlates?.evidence.compared).toContainEqual({ item: '联系电话号段', value: '不在本市号段列表内', against: '本市手机号段（3 个）' });
    });

    it('bad data: no mobile (a landline or an unreadable phone) and an empty list judge nothing by segment', () => {
      expect(t10NonLocalUse.evaluate(input({ business: { ...mobile(null), phoneLandline: true }, params: segments }))).toBeNull();
      expect(t10NonLocalUse.evaluate(input({ business: mobile('1381678'), params: { localMobileSegments: [] } }))).toBeNull();
      const two = [plate(1, '2025-01-10'), plate(2, '2025-02-10')];
      const plain = t10NonLocalUse.evaluate(input({ business: mobile(null), ownerHistory: two, params: segments }));
      expect(plain?.evidence.compared.map((c) => c.item)).not.toContain('联系电话号段');
    });
  });

  describe('tickets of the 交通执法 module on the plate within its validity', () => {
    // HONEST is valid 2025-03-11 to 2025-03-25 (Beijing): 2025-03-10T16:00Z up to 2025-03-25T16:00Z
    const ticket = (occurredAt: string, n = 1, plate = HONEST.plate): PlateTicket => ({
      decisionNo: `3101012025000${n}`,
      plate,
      kind: n % 2 ? 'decision' : 'warning',
      occurredAt,
      place: '延安东路外滩',
      act: '1039 机动车违反规定停放',
    });
    const one = { localUseMinTickets: 1 };

    it('hit: a ticket in Shanghai while the plate is valid lists the owner, with the decision, time, place and act (no party data)', () => {
      const hit = t10NonLocalUse.evaluate(input({ business: nonLocal, plateTickets: [ticket('2025-03-18T01:30:00Z')], params: one }));
      expect(hit?.summary).toBe('外省市身份证明（签发地 320102）的所有人临牌有效期内在本市有 1 条交通违法记录，需核对身份证明影像与车辆使用地');
      expect(hit?.evidence.compared).toContainEqual({ item: '有效期内本市交通违法记录', value: '1 条', against: '阈值 1 条' });
      expect(hit?.evidence.compared).toContainEqual({
        item: '决定书 31010120250001（罚款）',
        value: '2025-03-18 09:30 延安东路外滩',
        against: '1039 机动车违反规定停放；临牌有效期 2025-03-11 至 2025-03-25',
      });
      expect(hit?.evidence.threshold).toBe('已办 ≥ 2 次，或有效期内本市交通违法 ≥ 1 条');
      expect(hit?.evidence.note).toContain('记录无号牌种类');
      expect(JSON.stringify(hit)).not.toContain(nonLocal.ownerIdNumber);
      // the first and the last minute of the validity count
      const edges = [ticket('2025-03-10T16:00:00Z', 1), ticket('2025-03-25T15:59:00Z', 2)];
      const both = t10NonLocalUse.evaluate(input({ business: nonLocal, plateTickets: edges, params: { localUseMinTickets: 2 } }));
      expect(both?.evidence.compared.map((c) => c.item)).toContain('决定书 31010120250002（警告）');
    });

    it('near miss: tickets just before or after the validity, on another plate, fewer than the parameter, a Shanghai owner, or a minimum of 0', () => {
      const outside = [ticket('2025-03-10T15:59:00Z', 1), ticket('2025-03-25T16:00:00Z', 2), ticket('2025-03-18T01:30:00Z', 3, '沪A12346')];
      expect(t10NonLocalUse.evaluate(input({ business: nonLocal, plateTickets: outside, params: one }))).toBeNull();
      const inside = [ticket('2025-03-18T01:30:00Z', 1), ticket('2025-03-19T01:30:00Z', 2)];
      expect(t10NonLocalUse.evaluate(input({ business: nonLocal, plateTickets: inside, params: { localUseMinTickets: 3 } }))).toBeNull();
      expect(t10NonLocalUse.evaluate(input({ plateTickets: inside, params: one }))).toBeNull();
      expect(t10NonLocalUse.evaluate(input({ business: nonLocal, plateTickets: inside }))).toBeNull();
      // a hit by earlier plates shows 0 tickets against the threshold and lists none
      const two = [plate(1, '2025-01-10'), plate(2, '2025-02-10')];
      const byPlates = t10NonLocalUse.evaluate(input({ business: nonLocal, ownerHistory: two, plateTickets: outside, params: one }));
      expect(byPlates?.evidence.compared).toContainEqual({ item: '有效期内本市交通违法记录', value: '0 条', against: '阈值 1 条' });
      expect(byPlates?.evidence.compared.some((c) => c.item.startsWith('决定书'))).toBe(false);
    });

    it('bad data: malformed or reversed validity dates and unreadable ticket times count no ticket', () => {
      const inside = [ticket('2025-03-18T01:30:00Z')];
      expect(t10NonLocalUse.evaluate(input({ business: { ...nonLocal, validFrom: '20250311' }, plateTickets: inside, params: one }))).toBeNull();
      expect(t10NonLocalUse.evaluate(input({ business: { ...nonLocal, validTo: '2025-03-01' }, plateTickets: inside, params: one }))).toBeNull();
      expect(t10NonLocalUse.evaluate(input({ business: nonLocal, plateTickets: [ticket('not a time')], params: one }))).toBeNull();
    });

    it('reads the plate’s tickets over one span: the validity for a non-Shanghai owner, joined with X9’s window when enabled', () => {
      const p = { ...input().params, localUseMinTickets: 1 };
      const owner = { ...HONEST, ...nonLocal };
      expect(ticketSpan(owner, ['T10'], p)).toEqual({ from: new Date('2025-03-10T16:00:00Z'), until: new Date('2025-03-25T16:00:00Z') });
      expect(ticketSpan(owner, ['T10', 'X9'], p)).toEqual({ from: new Date('2025-03-10T16:00:00Z'), until: new Date('2025-06-23T16:00:00Z') });
      expect(ticketSpan(HONEST, ['T10'], p)).toBeNull();
      expect(ticketSpan(owner, ['T10'], { ...p, localUseMinTickets: 0 })).toBeNull();
      expect(ticketSpan(owner, ['T1'], p)).toBeNull();
    });
  });

  it('reads its threshold from the parameter', () => {
    const two = [plate(1, '2025-01-10'), plate(2, '2025-02-10')];
    expect(t10NonLocalUse.evaluate(input({ business: nonLocal, ownerHistory: two, params: { localUseMinBusinesses: 3 } }))).toBeNull();
  });
});
