import { describe, expect, it } from 'vitest';
import { reconcile } from './reconcile.policy.ts';

describe('reconcile', () => {
  it('matches paid orders with the statement and lists each kind of mismatch', () => {
    const result = reconcile(
      [
        { merchantOrderNo: 'A', amountFen: 100 },
        { merchantOrderNo: 'B', amountFen: 200 },
        { merchantOrderNo: 'C', amountFen: 300 },
      ],
      [
        { merchantOrderNo: 'A', channelOrderNo: 'x', amountFen: 100, kind: 'PAY' },
        { merchantOrderNo: 'B', channelOrderNo: 'y', amountFen: 250, kind: 'PAY' },
        { merchantOrderNo: 'D', channelOrderNo: 'z', amountFen: 400, kind: 'PAY' },
        { merchantOrderNo: 'A', channelOrderNo: 'x', amountFen: 50, kind: 'REFUND' },
      ],
    );
    expect(result.matched).toBe(1);
    expect(result.mismatches).toEqual([
      { merchantOrderNo: 'B', kind: 'amount', oursFen: 200, theirsFen: 250 },
      { merchantOrderNo: 'C', kind: 'missing-in-statement', oursFen: 300, theirsFen: null },
      { merchantOrderNo: 'D', kind: 'missing-here', oursFen: null, theirsFen: 400 },
    ]);
  });
});
