import { evidence, type Rule } from './rule.ts';

/**
 * X1 临牌有效期超过交强险终止日期 (DOMAIN.md §2 risk signal 2; 公安部令164 art.47 ¶5: the validity must not exceed the
 * 交强险 period). Off by default; compares the printed dates, both Beijing calendar dates.
 */
export const x1BeyondInsurance: Rule = {
  code: 'X1',
  version: 1,
  reads: [],
  history: false,
  evaluate({ business: b }) {
    const date = /^\d{4}-\d{2}-\d{2}$/;
    if (!date.test(b.validTo) || !date.test(b.insuranceEnd) || b.validTo <= b.insuranceEnd) return null;
    return {
      severity: 'medium',
      summary: `临牌有效期至 ${b.validTo}，超过交强险终止日期 ${b.insuranceEnd}`,
      evidence: evidence({
        compared: [{ item: '临牌有效期止', value: b.validTo, against: `交强险终止日期 ${b.insuranceEnd}` }],
        threshold: '有效期止 ≤ 交强险终止日期（公安部令164第47条）',
        images: b.materials.includes('insurance') ? [{ material: 'insurance', box: null }] : [],
      }),
    };
  },
};
