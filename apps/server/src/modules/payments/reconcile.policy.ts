import type { MismatchKind } from '@shtp/core/payments';
import type { EcnyStatementLine } from '../../integrations/ecny-payment/ecny.port.ts';

export interface Mismatch {
  merchantOrderNo: string;
  /** Set when refunds are compared one by one (the statement names each refund's number). */
  refundNo?: string;
  /** 渠道有我方无 / 我方有渠道无 / 金额不符, of a payment or (`refund-…`) of the order's refunds that day. */
  kind: MismatchKind;
  oursFen: number | null;
  theirsFen: number | null;
}

type Amounts = readonly { merchantOrderNo: string; amountFen: number }[];
type Refunds = readonly { merchantOrderNo: string; refundNo: string; amountFen: number }[];

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

/** Refund by refund, by the merchant's refund number, when every REFUND line of the statement names it. */
function compareRefunds(ours: Refunds, statement: readonly EcnyStatementLine[]): { matched: number; mismatches: Mismatch[] } {
  const theirs = new Map(statement.filter((l) => l.kind === 'REFUND').map((l) => [l.refundNo!, l]));
  const mismatches: Mismatch[] = [];
  let matched = 0;
  for (const r of ours) {
    const t = theirs.get(r.refundNo);
    theirs.delete(r.refundNo);
    const at = { merchantOrderNo: r.merchantOrderNo, refundNo: r.refundNo };
    if (!t) mismatches.push({ ...at, kind: 'refund-missing-in-statement', oursFen: r.amountFen, theirsFen: null });
    else if (t.merchantOrderNo !== r.merchantOrderNo) mismatches.push({ ...at, kind: 'refund-order', oursFen: r.amountFen, theirsFen: t.amountFen });
    else if (t.amountFen !== r.amountFen) mismatches.push({ ...at, kind: 'refund-amount', oursFen: r.amountFen, theirsFen: t.amountFen });
    else matched++;
  }
  for (const [refundNo, t] of theirs)
    mismatches.push({ merchantOrderNo: t.merchantOrderNo, refundNo, kind: 'refund-missing-here', oursFen: null, theirsFen: t.amountFen });
  mismatches.sort((a, b) => a.merchantOrderNo.localeCompare(b.merchantOrderNo) || a.refundNo!.localeCompare(b.refundNo!));
  return { matched, mismatches };
}

/** Our refunds summed per order (for a statement whose refund lines carry no refund number). */
function perOrder(refunds: Refunds): Amounts {
  const byOrder = new Map<string, number>();
  for (const r of refunds) byOrder.set(r.merchantOrderNo, (byOrder.get(r.merchantOrderNo) ?? 0) + r.amountFen);
  return [...byOrder].map(([merchantOrderNo, amountFen]) => ({ merchantOrderNo, amountFen }));
}

/**
 * Around midnight the two sides may book one payment or refund on neighbouring days. What we hold near the day's
 * edges but outside it, and the channel's lines of the neighbouring days: an item missing on one side today that the
 * other side booked on the neighbouring day, with the same amount, is not a mismatch (it is counted as matched).
 */
export interface MidnightNeighbours {
  /** Ours booked within the tolerance inside the day's edges: only these may be on the channel's neighbouring day. */
  edges: { paid: Amounts; refunded: Refunds };
  /** Ours booked within the tolerance outside the day's edges. */
  paid: Amounts;
  refunded: Refunds;
  statement: readonly EcnyStatementLine[];
}

const keyOf = (m: { merchantOrderNo: string; refundNo?: string | undefined }, refund: boolean) =>
  refund ? `R:${m.refundNo ?? m.merchantOrderNo}` : `P:${m.merchantOrderNo}`;

/** Drops the mismatches the neighbouring day explains; returns how many it dropped. */
function acrossMidnight(mismatches: Mismatch[], near: MidnightNeighbours, byNumber: boolean): { kept: Mismatch[]; explained: number } {
  const ours = new Map<string, number>();
  for (const p of near.paid) ours.set(keyOf(p, false), p.amountFen);
  for (const r of near.refunded) if (byNumber) ours.set(keyOf(r, true), r.amountFen);
  const theirs = new Map<string, number>();
  for (const l of near.statement) if (l.kind === 'PAY' || byNumber) theirs.set(keyOf(l, l.kind === 'REFUND'), l.amountFen);
  const edges = new Set([...near.edges.paid.map((p) => keyOf(p, false)), ...near.edges.refunded.map((r) => keyOf(r, true))]);
  const kept = mismatches.filter((m) => {
    const key = keyOf(m, m.kind.startsWith('refund-'));
    if (m.kind.endsWith('missing-in-statement')) return !edges.has(key) || theirs.get(key) !== m.oursFen;
    if (m.kind.endsWith('missing-here')) return ours.get(key) !== m.theirsFen;
    return true;
  });
  return { kept, explained: mismatches.length - kept.length };
}

/**
 * The daily reconciliation against the channel's statement: our orders paid that day against its PAY lines, and our
 * refunds of that day against its REFUND lines — one by one by refund number when every line names it [A: the
 * statement's format is assumed], else summed per order on both sides. `matched` counts both. With `near`, an item
 * booked by the other side on the neighbouring day (midnight) is matched, not listed.
 */
export function reconcile(
  paid: Amounts,
  refunded: Refunds,
  statement: readonly EcnyStatementLine[],
  near?: MidnightNeighbours,
): { matched: number; mismatches: Mismatch[] } {
  const payments = compare(paid, totals(statement, 'PAY'), '');
  const byNumber = statement.every((l) => l.kind !== 'REFUND' || l.refundNo !== undefined);
  const refunds = byNumber ? compareRefunds(refunded, statement) : compare(perOrder(refunded), totals(statement, 'REFUND'), 'refund-');
  const mismatches = [...payments.mismatches, ...refunds.mismatches];
  const { kept, explained } = near ? acrossMidnight(mismatches, near, byNumber) : { kept: mismatches, explained: 0 };
  return { matched: payments.matched + refunds.matched + explained, mismatches: kept };
}
