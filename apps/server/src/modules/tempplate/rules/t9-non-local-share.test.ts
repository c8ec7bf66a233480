import { describe, expect, it } from 'vitest';
import type { SubjectShare } from './rule.ts';
import { input } from './rule-test-facts.ts';
import { shareTest } from './share-test.ts';
import { t9NonLocalShare } from './t9-non-local-share.ts';

const nonLocal = { ownerRegion: '320102', ownerIdNumber: '320102196308210371' };
const subject = (recent: [number, number], baseline: [number, number], s: SubjectShare['subject'] = 'department'): SubjectShare => ({
  subject: s,
  label: s === 'department' ? '黄浦交警支队' : '上海某汽车销售有限公司',
  recent: { nonLocal: recent[0], total: recent[1] },
  baseline: { nonLocal: baseline[0], total: baseline[1] },
});

describe('T9 abnormal share of non-Shanghai IDs', () => {
  it('the z of the two-proportion test: 20/40 against 100/1000 is about 7.76', () => {
    const t = shareTest({ nonLocal: 20, total: 40 }, { nonLocal: 100, total: 1000 })!;
    expect(t.recentShare).toBe(0.5);
    expect(t.baselineShare).toBe(0.1);
    // pooled p = 120/1040 = 0.11538; se = sqrt(0.11538 × 0.88462 × (1/40 + 1/1000)) = 0.051515; z = 0.4 / se
    expect(t.z).toBeCloseTo(7.765, 2);
  });

  it('flags a non-Shanghai owner when the dealer’s recent share is far above its own history, with both periods as evidence', () => {
    const hit = t9NonLocalShare.evaluate(input({ business: nonLocal, shares: [subject([4, 40], [100, 1000]), subject([20, 40], [100, 1000], 'dealer')] }));
    expect(hit?.severity).toBe('medium');
    expect(hit?.summary).toContain('销售单位');
    expect(hit?.summary).toContain('50.0%（20/40）');
    expect(hit?.evidence.compared).toHaveLength(2); // only the dealer is abnormal, the department is not
    expect(hit?.evidence.compared[0]).toMatchObject({ value: '50.0%（20/40）', against: '此前 365 天 10.0%（100/1000）' });
    expect(hit?.evidence.images).toEqual([{ material: 'owner_id', box: null }]);
  });

  it('near miss: a small recent sample, a significant but small rise, a high share that is the subject’s normal, or a Shanghai owner', () => {
    expect(t9NonLocalShare.evaluate(input({ business: nonLocal, shares: [subject([20, 29], [100, 1000])] }))).toBeNull();
    // 14% against 10% on large samples: z ≈ 5 but a rise of 4 points only
    expect(shareTest({ nonLocal: 1400, total: 10000 }, { nonLocal: 10000, total: 100000 })!.z).toBeGreaterThan(3.09);
    expect(t9NonLocalShare.evaluate(input({ business: nonLocal, shares: [subject([1400, 10000], [10000, 100000])] }))).toBeNull();
    // a dealer selling mostly to non-Shanghai buyers all year is not abnormal
    expect(t9NonLocalShare.evaluate(input({ business: nonLocal, shares: [subject([32, 40], [800, 1000])] }))).toBeNull();
    expect(t9NonLocalShare.evaluate(input({ shares: [subject([20, 40], [100, 1000])] }))).toBeNull();
  });

  it('bad data: a malformed region, a unit owner, or no history to compare with is not judged', () => {
    const abnormal = [subject([20, 40], [100, 1000])];
    expect(t9NonLocalShare.evaluate(input({ business: { ownerRegion: '32' }, shares: abnormal }))).toBeNull();
    expect(t9NonLocalShare.evaluate(input({ business: { ...nonLocal, ownerIdType: 'B' }, shares: abnormal }))).toBeNull();
    expect(t9NonLocalShare.evaluate(input({ business: nonLocal, shares: [subject([20, 40], [0, 0])] }))).toBeNull();
    expect(shareTest({ nonLocal: 0, total: 40 }, { nonLocal: 0, total: 1000 })).toBeNull();
  });

  it('reads its thresholds from the parameters', () => {
    const shares = [subject([20, 40], [100, 1000])];
    expect(t9NonLocalShare.evaluate(input({ business: nonLocal, shares, params: { shareMinSample: 41 } }))).toBeNull();
    expect(t9NonLocalShare.evaluate(input({ business: nonLocal, shares, params: { shareMinZ: 8 } }))).toBeNull();
    expect(t9NonLocalShare.evaluate(input({ business: nonLocal, shares, params: { shareMinRise: 41 } }))).toBeNull();
  });
});
