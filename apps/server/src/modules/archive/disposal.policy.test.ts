import { describe, expect, it } from 'vitest';
import { disposalRefusal, disposalSteps } from './disposal.policy.ts';

const due = { acceptedAt: new Date('1990-05-01T00:00:00Z'), legalHold: false, disposalRequestedBy: null, disposalRequestedAt: null, disposedAt: null };
const asked = { ...due, disposalRequestedBy: 1, disposalRequestedAt: new Date() };

describe('disposal after the retention period', () => {
  it('is asked for once the retention period is over, and never under a legal hold', () => {
    expect(disposalSteps(due, 1, 30)).toEqual(['request']);
    expect(disposalRefusal({ ...due, acceptedAt: new Date() }, 'request', 1, 30)).toContain('未到保存期限');
    expect(disposalRefusal({ ...due, legalHold: true }, 'request', 1, 30)).toContain('法律保全');
    expect(disposalRefusal({ ...asked, legalHold: true }, 'approve', 2, 30)).toContain('法律保全');
  });
  it('is decided by a second person, and only once', () => {
    expect(disposalSteps(asked, 1, 30)).toEqual([]);
    expect(disposalRefusal(asked, 'approve', 1, 30)).toContain('另一人');
    expect(disposalSteps(asked, 2, 30)).toEqual(['approve', 'reject']);
    expect(disposalSteps({ ...asked, disposedAt: new Date() }, 2, 30)).toEqual([]);
    expect(disposalRefusal(due, 'approve', 2, 30)).toContain('没有待审批');
  });
});
