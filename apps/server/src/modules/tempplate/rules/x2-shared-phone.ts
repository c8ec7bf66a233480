import { evidence, type Rule } from './rule.ts';

/**
 * X2 同一联系电话对应多名所有人 (DOMAIN.md §2 risk signal 4): the business's contact phone was given, within the T1
 * window, for at least the parameter's number of other owners — an agent or dealer filling in its own number. Off by
 * default; owners are compared by blind index, the phone itself never leaves its encryption.
 */
export const x2SharedPhone: Rule = {
  code: 'X2',
  version: 1,
  reads: ['maxOwnersPerPhone', 'issueWindowDays'],
  history: true,
  evaluate({ phoneOwners, params: p }) {
    if (phoneOwners < p.maxOwnersPerPhone) return null;
    return {
      severity: 'medium',
      summary: `联系电话 ${p.issueWindowDays} 天内已用于另外 ${phoneOwners} 名所有人的临牌业务`,
      evidence: evidence({
        compared: [{ item: '同一电话的其他所有人', value: String(phoneOwners), against: `阈值 ${p.maxOwnersPerPhone}` }],
        threshold: `其他所有人 ≥ ${p.maxOwnersPerPhone} 名`,
        window: `${p.issueWindowDays} 天`,
        note: '按电话与证件号码的盲索引比对，不显示号码；请核实联系电话是否为所有人本人',
      }),
    };
  },
};
