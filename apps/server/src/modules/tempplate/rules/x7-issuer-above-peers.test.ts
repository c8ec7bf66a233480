import { describe, expect, it } from 'vitest';
import { peerTest } from './peer-test.ts';
import type { IssuerLoad } from './rule.ts';
import { input } from './rule-test-facts.ts';
import { x7IssuerAbovePeers } from './x7-issuer-above-peers.ts';

const officer = (count: number, peers: number[]): IssuerLoad => ({ subject: 'officer', label: '民警12', count, peers });
const department = (count: number, peers: number[]): IssuerLoad => ({ subject: 'department', label: '黄浦交警支队', count, peers });
const steady = [9, 10, 10, 11, 12];

describe('X7 an issuer far above its peers', () => {
  it('the robust z: Poisson noise at the median when the peers are close, their own spread when they are not', () => {
    // median 10, MAD 1 → spread max(√10 = 3.162, 1.4826) = 3.162; z = (40 − 10) / 3.162
    expect(peerTest(40, steady)).toMatchObject({ median: 10, mean: 10.4, ratio: 4 });
    expect(peerTest(40, steady)!.z).toBeCloseTo(9.487, 2);
    // median 10, MAD 8 → spread 11.86; the same 40 is only z ≈ 2.53
    const uneven = peerTest(40, [2, 2, 10, 18, 30])!;
    expect(uneven.spread).toBeCloseTo(11.861, 2);
    expect(uneven.z).toBeCloseTo(2.529, 2);
    expect(peerTest(5, [4, 6])).toMatchObject({ median: 5, z: 0 });
  });

  it('flags the officer far above the other officers of the department, with counts, median, mean, window and threshold', () => {
    const hit = x7IssuerAbovePeers.evaluate(input({ issuerLoads: [officer(40, steady), department(300, [280, 310, 295])] }));
    expect(hit?.severity).toBe('medium');
    expect(hit?.summary).toBe('办理民警“民警12”近 30 天发放临牌 40 笔，为同部门其他民警中位数 10 笔的 4.0 倍（z=9.5）');
    expect(hit?.evidence.compared).toHaveLength(3); // only the officer is abnormal, not the department
    expect(hit?.evidence.compared[0]).toEqual({
      item: '办理民警“民警12”近 30 天发放临牌',
      value: '40 笔',
      against: '同部门其他民警 5 个：中位数 10 笔，平均 10.4 笔',
    });
    expect(hit?.evidence.window).toBe('近 30 天（2025-02-10 至 2025-03-11，含发放日）');
    expect(hit?.evidence.threshold).toBe('本身发放 ≥ 30 笔且同行 ≥ 3 个，z ≥ 3.09，且达同行中位数的 2 倍');
  });

  it('flags a department far above the departments of its level; both abnormal: the summary names the larger z', () => {
    const hit = x7IssuerAbovePeers.evaluate(input({ issuerLoads: [officer(40, steady), department(900, [100, 110, 120])] }));
    expect(hit?.summary).toContain('办理部门“黄浦交警支队”');
    expect(hit?.evidence.compared.map((c) => c.item)).toContain('办理民警与同行中位数之比');
  });

  it('near miss: below the minimum sample, too few peers, significant but under the ratio, or within an uneven department', () => {
    expect(x7IssuerAbovePeers.evaluate(input({ issuerLoads: [officer(29, [5, 5, 6, 4])] }))).toBeNull();
    expect(x7IssuerAbovePeers.evaluate(input({ issuerLoads: [officer(40, [10, 10])] }))).toBeNull();
    // 150 against a median of 100: z ≈ 5 but 1.5 times only
    expect(peerTest(150, [95, 100, 100, 105])!.z).toBeGreaterThan(3.09);
    expect(x7IssuerAbovePeers.evaluate(input({ issuerLoads: [officer(150, [95, 100, 100, 105])] }))).toBeNull();
    expect(x7IssuerAbovePeers.evaluate(input({ issuerLoads: [officer(40, [2, 2, 10, 18, 30])] }))).toBeNull();
  });

  it('bad data: no peers, peers with no plates, or counts that are not whole numbers are not judged', () => {
    expect(x7IssuerAbovePeers.evaluate(input({ issuerLoads: [officer(40, [])], params: { issuerMinPeers: 1 } }))).toBeNull();
    expect(x7IssuerAbovePeers.evaluate(input({ issuerLoads: [officer(40, [0, 0, 0])] }))).toBeNull();
    expect(x7IssuerAbovePeers.evaluate(input({ issuerLoads: [officer(Number.NaN, steady)] }))).toBeNull();
    expect(x7IssuerAbovePeers.evaluate(input({ issuerLoads: [officer(40, [10, -1, 10, 10])] }))).toBeNull();
    expect(x7IssuerAbovePeers.evaluate(input())).toBeNull();
  });

  it('reads its thresholds from the parameters', () => {
    const issuerLoads = [officer(40, steady)];
    expect(x7IssuerAbovePeers.evaluate(input({ issuerLoads, params: { issuerMinSample: 41 } }))).toBeNull();
    expect(x7IssuerAbovePeers.evaluate(input({ issuerLoads, params: { issuerMinPeers: 6 } }))).toBeNull();
    expect(x7IssuerAbovePeers.evaluate(input({ issuerLoads, params: { issuerMinZ: 10 } }))).toBeNull();
    expect(x7IssuerAbovePeers.evaluate(input({ issuerLoads, params: { issuerMinRatio: 4.1 } }))).toBeNull();
    expect(x7IssuerAbovePeers.evaluate(input({ issuerLoads, params: { issuerWindowDays: 7 } }))?.evidence.window).toBe(
      '近 7 天（2025-03-05 至 2025-03-11，含发放日）',
    );
  });
});
