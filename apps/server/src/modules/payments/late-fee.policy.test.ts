import { describe, expect, it } from 'vitest';
import { lateFeeFen } from './late-fee.policy.ts';

describe('lateFeeFen', () => {
  it('charges 3 % of the fine per day after the due date, capped at the fine', () => {
    expect(lateFeeFen(20_000, '2026-12-01', '2026-12-01', 3)).toBe(0);
    expect(lateFeeFen(20_000, '2026-12-01', '2026-11-20', 3)).toBe(0);
    expect(lateFeeFen(20_000, '2026-12-01', '2026-12-02', 3)).toBe(600);
    expect(lateFeeFen(20_000, '2026-12-01', '2026-12-11', 3)).toBe(6000);
    expect(lateFeeFen(20_000, '2026-01-01', '2026-12-01', 3)).toBe(20_000);
    expect(lateFeeFen(333, '2026-12-01', '2026-12-02', 3)).toBe(9);
  });
});
