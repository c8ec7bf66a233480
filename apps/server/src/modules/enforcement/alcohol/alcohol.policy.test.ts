import { describe, expect, it } from 'vitest';
import { alcoholVerdict, bloodTestRequired, calibrationRefusal, custodyOverdue, custodyRefusal } from './alcohol.policy.ts';

const t = { brac2bac: 220, drink: 20, drunk: 80 };

describe('alcohol verdict', () => {
  it('converts breath to blood and applies the thresholds at their edges', () => {
    expect(alcoholVerdict(0.05, t)).toMatchObject({ bac: 11, verdict: 'none' });
    expect(alcoholVerdict(0.0909, t)).toMatchObject({ bac: 20, verdict: 'drink', label: '饮酒驾驶' });
    expect(alcoholVerdict(0.3636, t)).toMatchObject({ bac: 80, verdict: 'drunk', label: '醉酒驾驶' });
    expect(alcoholVerdict(0.3636, { ...t, drunk: 90 }).verdict).toBe('drink');
  });
  it('requires blood for drunk driving or a disputed positive result', () => {
    expect(bloodTestRequired('drunk', true)).toBe(true);
    expect(bloodTestRequired('drink', false)).toBe(true);
    expect(bloodTestRequired('drink', true)).toBe(false);
    expect(bloodTestRequired('none', false)).toBe(false);
  });
  it('refuses an expired or future calibration', () => {
    const at = new Date('2026-12-02T10:00:00+08:00');
    expect(calibrationRefusal('2026-01-01', at, 365)).toBeNull();
    expect(calibrationRefusal('2025-11-01', at, 365)).toMatch(/超过 365 天/);
    expect(calibrationRefusal('2026-12-03', at, 365)).toBe('检定日期晚于检测时间');
  });
});

describe('blood custody', () => {
  it('takes the steps in order', () => {
    expect(custodyRefusal([], 'sealed', false)).toBeNull();
    expect(custodyRefusal([], 'lab-received', false)).toBe('下一环节应为“封装”');
    expect(custodyRefusal(['sealed', 'handed-over', 'lab-received'], 'result', false)).toBe('出具结果须填写血液酒精含量');
    expect(custodyRefusal(['sealed', 'handed-over', 'lab-received', 'result', 'notified'], 'sealed', false)).toBe('流转已完成');
  });
  it('warns of passed deadlines only', () => {
    const drawn = new Date('2026-12-01T00:00:00Z');
    const limits = { labDays: 5, notifyDays: 5 };
    expect(custodyOverdue(drawn, [], new Date('2026-12-05T00:00:00Z'), limits)).toEqual([]);
    expect(custodyOverdue(drawn, [], new Date('2026-12-07T00:00:00Z'), limits)).toEqual(['抽血后 5 天内未送达检验机构']);
    const events = [
      { step: 'lab-received' as const, at: '2026-12-03T00:00:00Z' },
      { step: 'result' as const, at: '2026-12-04T00:00:00Z' },
    ];
    expect(custodyOverdue(drawn, events, new Date('2026-12-10T00:00:00Z'), limits)).toEqual(['出具结果后 5 天内未书面告知当事人']);
  });
});
