import { describe, expect, it } from 'vitest';
import { input } from './rule-test-facts.ts';
import { t1IssuesPerVin as rule } from './t1-issues-per-vin.ts';

const plate = (id: number, issued: string, from: string, to: string) => ({
  id,
  plate: `沪A0000${id}`,
  vin: 'LSVAU2180N2183294',
  caseType: 'purchased',
  issuedAt: new Date(issued),
  validFrom: from,
  validTo: to,
});

describe('T1 issues per VIN', () => {
  it('fires when the third plate in the window goes over a limit of two, with the earlier ones as evidence', () => {
    const hit = rule.evaluate(
      input({ vinHistory: [plate(1, '2024-06-01T02:00:00Z', '2024-06-01', '2024-06-15'), plate(2, '2024-09-01T02:00:00Z', '2024-09-01', '2024-09-15')] }),
    );
    expect(hit?.severity).toBe('high');
    expect(hit?.evidence.related.map((r) => r.businessId)).toEqual([1, 2]);
    expect(hit?.evidence.compared[0]).toMatchObject({ value: '3', against: '上限 2' });
  });
  it('does not fire at the limit, nor for plates outside the window (near miss)', () => {
    expect(rule.evaluate(input({ vinHistory: [plate(1, '2024-09-01T02:00:00Z', '2024-09-01', '2024-09-15')] }))).toBeNull();
    const old = [plate(1, '2023-01-01T02:00:00Z', '2023-01-01', '2023-01-15'), plate(2, '2024-09-01T02:00:00Z', '2024-09-01', '2024-09-15')];
    expect(rule.evaluate(input({ vinHistory: old }))).toBeNull();
  });
  it('fires on a back-to-back chain even under the count limit', () => {
    const chain = [plate(1, '2025-02-10T02:00:00Z', '2025-02-10', '2025-02-24'), plate(2, '2025-02-25T02:00:00Z', '2025-02-25', '2025-03-10')];
    const hit = rule.evaluate(input({ vinHistory: chain, params: { maxIssuesPerVin: 5 } }));
    expect(hit?.severity).toBe('medium');
    expect(hit?.summary).toContain('连续 3 张');
    // one day more between the plates breaks the chain
    const gap = [plate(1, '2025-02-10T02:00:00Z', '2025-02-10', '2025-02-24'), plate(2, '2025-03-01T02:00:00Z', '2025-03-01', '2025-03-06')];
    expect(rule.evaluate(input({ vinHistory: gap, params: { maxIssuesPerVin: 5 } }))).toBeNull();
  });
  it('does not count the business itself twice nor chain through unreadable dates (bad data)', () => {
    const self = plate(10, '2025-03-11T02:20:00Z', '2025-03-11', '2025-03-25');
    expect(rule.evaluate(input({ vinHistory: [self, plate(1, '2024-09-01T02:00:00Z', 'bad', 'bad')] }))).toBeNull();
  });
});
