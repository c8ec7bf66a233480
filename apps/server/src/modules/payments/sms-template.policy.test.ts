import { PAYMENTS_P } from '@shtp/core/payments';
import { describe, expect, it } from 'vitest';
import { builtInPending, reviewRefusal, templateActions, useRefusal } from './sms-template.policy.ts';

describe('G9 SMS template review (maker/checker)', () => {
  const pending = { state: 'pending' as const, createdBy: 7, code: 'SHJJ_X', name: '测试' };
  it('lets only another administrator review a pending template, once', () => {
    expect(reviewRefusal(pending, 8)).toBeNull();
    expect(reviewRefusal(pending, 7)).toMatch('不能审核自己登记的模板');
    expect(reviewRefusal({ ...pending, createdBy: null }, 7)).toBeNull(); // a built-in one: any reviewer
    expect(reviewRefusal({ ...pending, state: 'approved' }, 8)).toMatch('已审核');
  });
  it('uses only an approved template', () => {
    expect(useRefusal(undefined, 'SHJJ_Y')).toMatch('未登记');
    expect(useRefusal(pending, 'SHJJ_X')).toBe('短信模板「测试」（SHJJ_X）尚未审核通过，不能使用');
    expect(useRefusal({ ...pending, state: 'approved' }, 'SHJJ_X')).toBeNull();
    const actions = templateActions(new Set([PAYMENTS_P.smsTemplate]), 7, pending);
    expect([actions.approve.allowed, actions.trial.allowed]).toEqual([false, false]);
    expect(templateActions(new Set(), 8, pending).approve.allowed).toBe(false);
  });
  it('approves at start only a built-in template still pending with the text the release ships', () => {
    const builtIn = { ...pending, createdBy: null, text: '缴款成功{decisionNo}' };
    expect(builtInPending(builtIn, { text: '缴款成功{decisionNo}' })).toBe(true);
    expect(builtInPending(builtIn, { text: '缴款已成功{decisionNo}' })).toBe(false); // text changed: not what was reviewed
    expect(builtInPending({ ...builtIn, createdBy: 7 }, builtIn)).toBe(false); // an administrator's
    expect(builtInPending({ ...builtIn, state: 'rejected' }, builtIn)).toBe(false); // a rejection stands
  });
});
