import type { EnforcementApi } from '../../enforcement/enforcement.api.ts';
import type { Applier } from '../inbound.service.ts';

/** Fields of a `payments` record, as `paymentsDataSet` lets them cross. */
interface PaymentRecord {
  decisionNo: string;
  amountFen: number;
  lateFeeFen: number;
  paidAt: string;
  channelOrderNo: string;
  channel: string;
  /** Schema 2: the refunded total so far. */
  refundedFen?: number;
  refundedAt?: string;
}

/** Police zone: a payment that crossed marks the 交通执法 decision paid (and refunded, from its refunded total), in the package's transaction. */
export const paymentsApplier =
  (enforcement: () => EnforcementApi): Applier =>
  async (tx, records) => {
    await enforcement().recordPayments(
      tx,
      records.map((r) => {
        const p = r.data as unknown as PaymentRecord;
        return {
          decisionNo: p.decisionNo,
          fineFen: p.amountFen,
          lateFeeFen: p.lateFeeFen,
          paidAt: p.paidAt,
          channel: p.channel,
          channelOrderNo: p.channelOrderNo,
          refundedFen: p.refundedFen ?? 0,
          ...(p.refundedAt ? { refundedAt: p.refundedAt } : {}),
        };
      }),
    );
  };
