import { classify, NOT_PERSONAL as N } from '../../platform/privacy/pi-classification.ts';
import { finePayments } from './payments.table.ts';

/** 缴款 orders hold no personal data: the decision number, amounts and the channel's order number. */
export const PAYMENTS_PI = [
  classify(finePayments, '罚款缴纳订单', {
    id: N,
    merchantOrderNo: N,
    decisionNo: N,
    fineFen: N,
    lateFeeFen: N,
    amountFen: N,
    state: N,
    refundedFen: N,
    channelOrderNo: N,
    paidAt: N,
    createdAt: N,
  }),
];
