import { describe, expect, it } from 'vitest';
import { caseActions, caseRefusal } from './case.policy.ts';

const officer = { permissions: new Set(['roadworks:case:decide']) };

describe('case policy', () => {
  it('approves only a received case placed on at least one segment', () => {
    expect(caseRefusal('approve', { status: 'received', placements: 0 })).toMatch(/先.*选定施工路段/);
    expect(caseRefusal('approve', { status: 'received', placements: 2 })).toBeNull();
    expect(caseRefusal('refuse', { status: 'received', placements: 0 })).toBeNull();
  });

  it('freezes a decided case', () => {
    for (const action of ['place', 'approve', 'refuse'] as const) {
      expect(caseRefusal(action, { status: 'approved', placements: 1 })).toMatch(/已许可/);
      expect(caseRefusal(action, { status: 'refused', placements: 1 })).toMatch(/已不予许可/);
    }
  });

  it('takes one completion report, of an approved case only', () => {
    expect(caseRefusal('complete', { status: 'received', placements: 1 })).toBe('只有已许可的施工可以登记竣工');
    expect(caseRefusal('complete', { status: 'refused', placements: 1 })).toBe('只有已许可的施工可以登记竣工');
    expect(caseRefusal('complete', { status: 'approved', placements: 1, completedAt: null })).toBeNull();
    expect(caseRefusal('complete', { status: 'approved', placements: 1, completedAt: '2026-11-30' })).toBe('已于 2026-11-30 登记竣工');
  });

  it('refuses every action without the permission, whatever the state', () => {
    const actions = caseActions({ permissions: new Set() }, { status: 'received', placements: 1 });
    expect(Object.values(actions).every((a) => !a.allowed && a.reason === '没有执行此操作的权限')).toBe(true);
    expect(caseActions(officer, { status: 'received', placements: 1 }).approve).toEqual({ allowed: true });
  });
});
