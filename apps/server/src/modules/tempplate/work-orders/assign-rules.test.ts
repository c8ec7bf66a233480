import { describe, expect, it } from 'vitest';
import { departmentsAtTurn, matchingRule, parseAssignRule } from './assign-rules.ts';

const HUANGPU = '310101000000';
const XUHUI = '310104000000';
const PUDONG = '310115000000';
const HQ = '310000000000';
const rules = [`T9:${HQ}:${HQ}`, `${PUDONG}:@:${HQ}`, `*:${HUANGPU}+${XUHUI}:${HQ}`].map((i) => parseAssignRule(i)!);

describe('automatic assignment rules', () => {
  it('parses a match (*, rule or issuing department), first-check departments and a review department', () => {
    expect(parseAssignRule(`*:${HUANGPU}+${XUHUI}:@`)).toEqual({ item: `*:${HUANGPU}+${XUHUI}:@`, match: '*', checks: [HUANGPU, XUHUI], review: '@' });
    for (const bad of ['', '*', `T11:${HQ}:${HQ}`, `*:${HQ}`, `*:3101:${HQ}`, `*:${HQ}+${HQ}:${HQ}`, `*:${HQ}:${HQ}:x`, `T1::${HQ}`]) {
      expect(parseAssignRule(bad), bad).toBeNull();
    }
  });

  it('takes the first rule that matches: by rule, then by issuing department, then any', () => {
    expect(matchingRule(rules, 'T9', PUDONG)?.match).toBe('T9');
    expect(matchingRule(rules, 'T1', PUDONG)?.match).toBe(PUDONG);
    expect(matchingRule(rules, 'T1', HUANGPU)?.match).toBe('*');
    expect(matchingRule(rules.slice(0, 2), 'T1', HUANGPU)).toBeNull();
  });

  it('rotates the first-check departments by turn and resolves @ to the issuing department', () => {
    const any = rules[2]!;
    expect([0, 1, 2, 3].map((t) => departmentsAtTurn(any, t, PUDONG).check)).toEqual([HUANGPU, XUHUI, HUANGPU, XUHUI]);
    expect(departmentsAtTurn(rules[1]!, 5, PUDONG)).toEqual({ check: PUDONG, review: HQ });
  });
});
