import { CASE_TYPES, type CaseType } from '@shtp/core/tempplate';
import { evidence, type Rule } from './rule.ts';

/**
 * X3 注册登记后仍以未登记情形办理临牌 (DOMAIN.md §2 risk signal 3: a temp plate issued after 注册登记): the business
 * names a registered owner (上牌车主 — the vehicle is registered) while its case presupposes an unregistered vehicle
 * (the parameter's list; 公安部令164 art.46: unsold, bought but not registered, new car for export). Off by default;
 * the registered owner is known by blind index only.
 */
export const x3AfterRegistration: Rule = {
  code: 'X3',
  version: 1,
  reads: ['unregisteredCases'],
  history: false,
  evaluate({ business: b, params: p }) {
    if (b.registeredOwnerIdx === null || !p.unregisteredCases.includes(b.caseType)) return null;
    const caseLabel = CASE_TYPES[b.caseType as CaseType] ?? b.caseType;
    return {
      severity: 'high',
      summary: `车辆已注册登记（业务载有上牌车主），仍以“${caseLabel}”情形办理临牌`,
      evidence: evidence({
        compared: [
          { item: '办理情形', value: caseLabel, against: `以未注册登记为前提：${p.unregisteredCases.map((c) => CASE_TYPES[c as CaseType] ?? c).join('、')}` },
          { item: '上牌车主', value: '已登记（按加密索引）', against: '未注册登记车辆应无上牌车主' },
        ],
        threshold: '办理情形不在以未注册登记为前提的情形之列，或无上牌车主',
        note: '请在车驾管系统核对车辆注册登记日期与本次临牌发放时间',
      }),
    };
  },
};
