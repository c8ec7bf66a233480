import type { EcnyStatementLine } from '../../integrations/ecny-payment/ecny.port.ts';

export interface Mismatch {
  merchantOrderNo: string;
  /** 渠道有我方无 / 我方有渠道无 / 金额不符 */
  kind: 'missing-here' | 'missing-in-statement' | 'amount';
  oursFen: number | null;
  theirsFen: number | null;
}

/** The daily reconciliation of our paid orders against the channel's statement (payments only; refunds are listed apart). */
export function reconcile(
  ours: readonly { merchantOrderNo: string; amountFen: number }[],
  statement: readonly EcnyStatementLine[],
): { matched: number; mismatches: Mismatch[] } {
  const theirs = new Map(statement.filter((l) => l.kind === 'PAY').map((l) => [l.merchantOrderNo, l.amountFen]));
  const mismatches: Mismatch[] = [];
  let matched = 0;
  for (const o of ours) {
    const t = theirs.get(o.merchantOrderNo);
    theirs.delete(o.merchantOrderNo);
    if (t === undefined) mismatches.push({ merchantOrderNo: o.merchantOrderNo, kind: 'missing-in-statement', oursFen: o.amountFen, theirsFen: null });
    else if (t !== o.amountFen) mismatches.push({ merchantOrderNo: o.merchantOrderNo, kind: 'amount', oursFen: o.amountFen, theirsFen: t });
    else matched++;
  }
  for (const [merchantOrderNo, t] of theirs) mismatches.push({ merchantOrderNo, kind: 'missing-here', oursFen: null, theirsFen: t });
  return { matched, mismatches };
}
