import { NO_PERMISSION } from '@shtp/core/platform';
import { TEMPPLATE_P } from '@shtp/core/tempplate';
import { describe, expect, it } from 'vitest';
import { afterReview, type OrderFacts, orderActions, orderRefusal } from './work-order.policy.ts';

const all = new Set(Object.values(TEMPPLATE_P));
const at = (id: number, permissions = all) => ({ permissions, department: { id } });
const order = (state: OrderFacts['state']): OrderFacts => ({ state, checkDepartmentId: 5, reviewDepartmentId: 7 });

describe('work-order policy', () => {
  it('walks 待分配 → 待初核 → 待复核 → 已办结 and refuses every other step', () => {
    expect(orderActions(at(1), order('unassigned'))).toMatchObject({ assign: { allowed: true }, firstCheck: { allowed: false }, review: { allowed: false } });
    expect(orderActions(at(5), order('first_check'))).toMatchObject({ assign: { allowed: true }, firstCheck: { allowed: true }, review: { allowed: false } });
    expect(orderActions(at(7), order('review'))).toMatchObject({ assign: { allowed: false }, firstCheck: { allowed: false }, review: { allowed: true } });
    const closed = orderActions(at(7), order('closed'));
    expect(Object.values(closed).every((d) => !d.allowed)).toBe(true);
    expect(closed.review.reason).toBe('只有待复核的工单可以复核');
  });
  it('lets only the assigned departments check and review', () => {
    expect(orderRefusal('firstCheck', order('first_check'), at(6))).toBe('只有工单分配到的初核部门可以初核');
    expect(orderRefusal('review', order('review'), at(5))).toBe('只有工单指定的复核部门可以复核');
  });
  it('says a missing permission before the rule', () => {
    expect(orderActions(at(5, new Set()), order('first_check')).firstCheck).toEqual({ allowed: false, reason: NO_PERMISSION });
  });
  it('agree keeps, overrule replaces the result, return reopens the first check', () => {
    expect(afterReview('confirmed', { version: 1, decision: 'agree', text: '同意' })).toEqual({ state: 'closed', finalResult: 'confirmed' });
    expect(afterReview('confirmed', { version: 1, decision: 'overrule', result: 'unfounded', text: '改判' })).toEqual({
      state: 'closed',
      finalResult: 'unfounded',
    });
    expect(afterReview('confirmed', { version: 1, decision: 'return', text: '证据不足' })).toEqual({ state: 'first_check', finalResult: null });
  });
});
