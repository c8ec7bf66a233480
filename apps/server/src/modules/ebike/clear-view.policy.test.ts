import { EBIKE_P } from '@shtp/core/ebike';
import { describe, expect, it } from 'vitest';
import { clearViewDecision, fullIdPurposes } from './clear-view.policy.ts';

const holder = new Set([EBIKE_P.query, EBIKE_P.piiView]);
const fullHolder = new Set([...holder, EBIKE_P.piiViewFullId]);

describe('how a holder of ebike:pii-view sees personal data in clear (PI-2)', () => {
  it('a holder sees the owner with the birth date hidden, for any purpose', () => {
    for (const purpose of ['identity_check', 'case', 'business', 'complaint', 'other'] as const) {
      expect(clearViewDecision(holder, { purpose, fullIdNumber: false })).toEqual({ allowed: true, view: 'privileged' });
    }
  });
  it('the whole number needs ebike:pii-view:full-id', () => {
    expect(clearViewDecision(holder, { purpose: 'case', fullIdNumber: true })).toEqual({
      allowed: false,
      reason: '没有查看完整身份证明号码的权限',
      missingPermission: EBIKE_P.piiViewFullId,
    });
    expect(clearViewDecision(fullHolder, { purpose: 'case', fullIdNumber: true })).toEqual({ allowed: true, view: 'whole' });
  });
  it('and a purpose that justifies it, even for a holder of that permission', () => {
    const d = clearViewDecision(fullHolder, { purpose: 'business', fullIdNumber: true });
    expect(d).toEqual({ allowed: false, reason: '查看事由“登记业务办理”不能查看完整身份证明号码' });
  });
  it('lists the purposes for which the whole number would be shown', () => {
    expect(fullIdPurposes(fullHolder)).toEqual(['identity_check', 'case']);
    expect(fullIdPurposes(holder)).toEqual([]);
  });
});
