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
      [],
      [
        { merchantOrderNo: 'A', channelOrderNo: 'x', amountFen: 100, kind: 'PAY' },
        { merchantOrderNo: 'B', channelOrderNo: 'y', amountFen: 250, kind: 'PAY' },
        { merchantOrderNo: 'D', channelOrderNo: 'z', amountFen: 400, kind: 'PAY' },
      ],
    );
    expect(result.matched).toBe(1);
    expect(result.mismatches).toEqual([
      { merchantOrderNo: 'B', kind: 'amount', oursFen: 200, theirsFen: 250 },
      { merchantOrderNo: 'C', kind: 'missing-in-statement', oursFen: 300, theirsFen: null },
      { merchantOrderNo: 'D', kind: 'missing-here', oursFen: null, theirsFen: 400 },
    ]);
  });

  it("compares the day's refunds per order, summed on both sides, when the statement names no refund numbers", () => {
    const result = reconcile(
      [{ merchantOrderNo: 'A', amountFen: 100 }],
      [
        { merchantOrderNo: 'A', refundNo: 'R1', amountFen: 25 },
        { merchantOrderNo: 'A', refundNo: 'R2', amountFen: 35 },
        { merchantOrderNo: 'B', refundNo: 'R3', amountFen: 50 },
        { merchantOrderNo: 'C', refundNo: 'R4', amountFen: 30 },
      ],
      [
        { merchantOrderNo: 'A', channelOrderNo: 'x', amountFen: 100, kind: 'PAY' },
        // Two partial refunds of A the same day: one total of 60, as ours.
        { merchantOrderNo: 'A', channelOrderNo: 'x', amountFen: 20, kind: 'REFUND' },
        { merchantOrderNo: 'A', channelOrderNo: 'x', amountFen: 40, kind: 'REFUND' },
        { merchantOrderNo: 'B', channelOrderNo: 'y', amountFen: 40, kind: 'REFUND' },
        { merchantOrderNo: 'E', channelOrderNo: 'w', amountFen: 70, kind: 'REFUND' },
      ],
    );
    expect(result.matched).toBe(2);
    expect(result.mismatches).toEqual([
      { merchantOrderNo: 'B', kind: 'refund-amount', oursFen: 50, theirsFen: 40 },
      { merchantOrderNo: 'C', kind: 'refund-missing-in-statement', oursFen: 30, theirsFen: null },
      { merchantOrderNo: 'E', kind: 'refund-missing-here', oursFen: null, theirsFen: 70 },
    ]);
  });

  it('compares refund by refund number when the statement names them: same totals, different refunds are found', () => {
    const line = (merchantOrderNo: string, refundNo: string, amountFen: number) => ({
      merchantOrderNo,
      channelOrderNo: 'x',
      amountFen,
      kind: 'REFUND' as const,
      refundNo,
    });
    const result = reconcile(
      [],
      [
        { merchantOrderNo: 'A', refundNo: 'R1', amountFen: 20 },
        { merchantOrderNo: 'A', refundNo: 'R2', amountFen: 40 },
        { merchantOrderNo: 'B', refundNo: 'R3', amountFen: 50 },
      ],
      // A's total is 60 on both sides, but R2 is 30 there and R9 (10) is unknown here; R3 is on another order there.
      [line('A', 'R1', 20), line('A', 'R2', 30), line('A', 'R9', 10), line('C', 'R3', 50)],
    );
    expect(result.matched).toBe(1);
    expect(result.mismatches).toEqual([
      { merchantOrderNo: 'A', refundNo: 'R2', kind: 'refund-amount', oursFen: 40, theirsFen: 30 },
      { merchantOrderNo: 'A', refundNo: 'R9', kind: 'refund-missing-here', oursFen: null, theirsFen: 10 },
      { merchantOrderNo: 'B', refundNo: 'R3', kind: 'refund-order', oursFen: 50, theirsFen: 50 },
    ]);
  });

  it('matches across midnight what the other side booked on the neighbouring day with the same amount', () => {
    const pay = (merchantOrderNo: string, amountFen: number) => ({ merchantOrderNo, channelOrderNo: 'x', amountFen, kind: 'PAY' as const });
    const refund = (merchantOrderNo: string, refundNo: string, amountFen: number) => ({
      ...pay(merchantOrderNo, amountFen),
      kind: 'REFUND' as const,
      refundNo,
    });
    const result = reconcile(
      // Ours at 23:59:59.9: A paid, R1 refunded; the channel booked both the next day. E we booked at noon: not excused.
      [
        { merchantOrderNo: 'A', amountFen: 100 },
        { merchantOrderNo: 'E', amountFen: 500 },
      ],
      [{ merchantOrderNo: 'B', refundNo: 'R1', amountFen: 30 }],
      // The channel's day holds C and R2, which we booked just after midnight; D (200) we booked at 150 next day.
      [pay('C', 300), refund('B', 'R2', 20), pay('D', 200)],
      {
        edges: { paid: [{ merchantOrderNo: 'A', amountFen: 100 }], refunded: [{ merchantOrderNo: 'B', refundNo: 'R1', amountFen: 30 }] },
        paid: [
          { merchantOrderNo: 'C', amountFen: 300 },
          { merchantOrderNo: 'D', amountFen: 150 },
        ],
        refunded: [{ merchantOrderNo: 'B', refundNo: 'R2', amountFen: 20 }],
        statement: [pay('A', 100), refund('B', 'R1', 30), pay('E', 500)],
      },
    );
    expect(result.matched).toBe(4);
    expect(result.mismatches).toEqual([
      { merchantOrderNo: 'E', kind: 'missing-in-statement', oursFen: 500, theirsFen: null },
      { merchantOrderNo: 'D', kind: 'missing-here', oursFen: null, theirsFen: 200 },
    ]);
  });
});
