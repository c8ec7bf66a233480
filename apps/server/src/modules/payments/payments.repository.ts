import { and, eq, gte, isNotNull, isNull, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { finePayments } from './payments.table.ts';

export type PaymentRow = typeof finePayments.$inferSelect;

/** SQL of the 缴款 module. */
export const paymentsRepository = {
  async insert(db: DbOrTx, values: Omit<typeof finePayments.$inferInsert, 'id'>): Promise<PaymentRow> {
    const [row] = await db.insert(finePayments).values(values).returning();
    if (!row) throw new Error('payment not inserted');
    return row;
  },
  async setChannelOrder(db: DbOrTx, id: number, channelOrderNo: string): Promise<void> {
    await db.update(finePayments).set({ channelOrderNo }).where(eq(finePayments.id, id));
  },
  async close(db: DbOrTx, id: number): Promise<void> {
    await db.update(finePayments).set({ state: 'closed' }).where(eq(finePayments.id, id));
  },
  async byOrderNo(db: DbOrTx, merchantOrderNo: string, forUpdate = false): Promise<PaymentRow | undefined> {
    const q = db.select().from(finePayments).where(eq(finePayments.merchantOrderNo, merchantOrderNo));
    const [row] = forUpdate ? await q.for('update') : await q;
    return row;
  },
  async paidFor(db: DbOrTx, decisionNo: string): Promise<PaymentRow | undefined> {
    const [row] = await db
      .select()
      .from(finePayments)
      .where(and(eq(finePayments.decisionNo, decisionNo), eq(finePayments.state, 'paid')));
    return row;
  },
  async markPaid(db: DbOrTx, id: number, paidAt: Date): Promise<void> {
    await db.update(finePayments).set({ state: 'paid', paidAt }).where(eq(finePayments.id, id));
  },
  async addRefund(db: DbOrTx, id: number, refundedFen: number, full: boolean): Promise<void> {
    await db
      .update(finePayments)
      .set({ refundedFen, ...(full ? { state: 'refunded' as const } : {}) })
      .where(eq(finePayments.id, id));
  },
  /** Orders paid in [from, to). */
  async paidBetween(db: DbOrTx, from: Date, to: Date): Promise<PaymentRow[]> {
    return db
      .select()
      .from(finePayments)
      .where(and(gte(finePayments.paidAt, from), lt(finePayments.paidAt, to)));
  },
  async setNotice(db: DbOrTx, id: number, values: Pick<PaymentRow, 'noticeState' | 'noticeMsgId'>): Promise<void> {
    await db.update(finePayments).set(values).where(eq(finePayments.id, id));
  },
  async noticeReported(db: DbOrTx, msgId: string, state: 'delivered' | 'undelivered'): Promise<void> {
    await db.update(finePayments).set({ noticeState: state }).where(eq(finePayments.noticeMsgId, msgId));
  },
  /** Paid orders with a mobile whose notice has not gone out (after a retryable failure). */
  async noticesWaiting(db: DbOrTx, limit: number): Promise<PaymentRow[]> {
    return db
      .select()
      .from(finePayments)
      .where(and(eq(finePayments.state, 'paid'), isNotNull(finePayments.noticePhoneEnc), isNull(finePayments.noticeState)))
      .limit(limit);
  },
};
