import { PAYMENTS_P } from '@shtp/core/payments';
import { type ActionDecision, permitted } from '@shtp/core/platform';
import type { EcnyPaymentResult } from '../../integrations/ecny-payment/ecny.port.ts';

/** Whether a decision may be paid now: null if it may, else the refusal's error code. */
export function orderRefusal(violation: { paid?: unknown } | null, alreadyPaid: boolean): 'DECISION_NOT_FOUND' | 'DECISION_ALREADY_PAID' | null {
  if (!violation) return 'DECISION_NOT_FOUND';
  if (alreadyPaid || violation.paid === true) return 'DECISION_ALREADY_PAID';
  return null;
}

/**
 * What a verified notification does to an order: `pay` the first success whose amount and channel order match,
 * `ignore` a repeat or a non-final status (notifications are idempotent), `mismatch` anything else.
 */
export function notificationEffect(
  order: { state: string; amountFen: number; channelOrderNo: string | null } | undefined,
  result: EcnyPaymentResult,
): 'pay' | 'ignore' | 'mismatch' {
  if (!order) return 'mismatch';
  if (result.amountFen !== order.amountFen || (order.channelOrderNo !== null && result.channelOrderNo !== order.channelOrderNo)) return 'mismatch';
  if (result.status !== 'SUCCESS') return 'ignore';
  return order.state === 'created' ? 'pay' : 'ignore';
}

/** Whether `amountFen` may be refunded from an order: null if it may, else the Chinese refusal. */
export function refundRefusal(order: { state: string; amountFen: number; refundedFen: number }, amountFen: number): string | null {
  if (order.state !== 'paid') return '只有已缴款的订单可以退款';
  if (amountFen > order.amountFen - order.refundedFen) return `退款金额超过可退金额（${order.amountFen - order.refundedFen} 分）`;
  return null;
}

/** What the caller may do to an order on the 罚款缴纳 page: refund while something paid is left. */
export const orderActions = (
  permissions: ReadonlySet<string>,
  order: { state: string; amountFen: number; refundedFen: number },
): { refund: ActionDecision } => ({
  refund: permitted(permissions, [PAYMENTS_P.refund], () => refundRefusal(order, 1)),
});
