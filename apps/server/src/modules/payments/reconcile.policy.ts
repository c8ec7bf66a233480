import type { MismatchKind } from '@shtp/core/payments';
import type { EcnyStatementLine } from '../../integrations/ecny-payment/ecny.port.ts';

export interface Mismatch {
  merchantOrderNo: string;
  /** 渠道有我方无 / 我方有渠道无 / 金额不符, of a payment or (`refund-…`) of the order's refunds that day. */
  kind: MismatchKind;
  oursFen: number | null;
  theirsFen: number | null;
}

type Amounts = readonly { merchantOrderNo: string; amountFen: number }[];

/** One side against the other by order number: how many agree, and each order that is missing or differs. */
function compare(ours: Amounts, theirs: Map<string, number>, prefix: '' | 'refund-'): { matched: number; mismatches: Mismatch[] } {
  const left = new Map(theirs);
  const mismatches: Mismatch[] = [];
  let matched = 0;
  for (const o of ours) {
    const t = left.get(o.merchantOrderNo);
    left.delete(o.merchantOrderNo);
    if (t === undefined) mismatches.push({ merchantOrderNo: o.merchantOrderNo, kind: `${prefix}missing-in-statement`, oursFen: o.amountFen, theirsFen: null });
    else if (t !== o.amountFen) mismatches.push({ merchantOrderNo: o.merchantOrderNo, kind: `${prefix}amount`, oursFen: o.amountFen, theirsFen: t });
    else matched++;
  }
  for (const [merchantOrderNo, t] of left) mismatches.push({ merchantOrderNo, kind: `${prefix}missing-here`, oursFen: null, theirsFen: t });
  return { matched, mismatches };
}

/** The statement's lines of one kind, summed per order (an order may be refunded more than once a day). */
function totals(statement: readonly EcnyStatementLine[], kind: EcnyStatementLine['kind']): Map<string, number> {
  const byOrder = new Map<string, number>();
  for (const l of statement) if (l.kind === kind) byOrder.set(l.merchantOrderNo, (byOrder.get(l.merchantOrderNo) ?? 0) + l.amountFen);
  return byOrder;
}

/**
 * The daily reconciliation against the channel's statement: our orders paid that day against its PAY lines, and our
 * refunds of that day, summed per order, against its REFUND lines summed the same way. `matched` counts both.
 */
export function reconcile(paid: Amounts, refunded: Amounts, statement: readonly EcnyStatementLine[]): { matched: number; mismatches: Mismatch[] } {
  const payments = compare(paid, totals(statement, 'PAY'), '');
  const refunds = compare(refunded, totals(statement, 'REFUND'), 'refund-');
  return { matched: payments.matched + refunds.matched, mismatches: [...payments.mismatches, ...refunds.mismatches] };
}
