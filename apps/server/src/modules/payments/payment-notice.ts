import type { GovSmsPort } from '../../integrations/gov-sms/gov-sms.port.ts';
import { SmsError } from '../../integrations/gov-sms/gov-sms.port.ts';
import type { Platform } from '../../platform/platform.ts';
import { type PaymentRow, paymentsRepository as repo } from './payments.repository.ts';

/** The 缴款 notice as reviewed at the gateway (its code and text there). */
export const PAYMENT_NOTICE_TEMPLATE = { code: 'SHJJ_FINE_PAID', text: '您的处罚决定书{decisionNo}已缴款{amount}元，请勿重复缴纳。' } as const;
export const NOTICE_PHONE_CONTEXT = 'fine_payments.notice_phone_enc';

/**
 * G9 for G10: after a payment is confirmed, a notice to the mobile the payer gave. The batch ID is the order's, so the
 * gateway refuses a second send of the same notice; a failure never undoes the payment (the state says what happened).
 */
export class PaymentNotices {
  constructor(
    private readonly platform: Platform,
    private readonly sms: GovSmsPort,
  ) {}

  async send(order: PaymentRow): Promise<void> {
    if (!order.noticePhoneEnc || order.noticeState) return;
    const phone = await this.platform.fields.decrypt(order.noticePhoneEnc, NOTICE_PHONE_CONTEXT);
    try {
      const accepted = await this.sms.send({
        batchId: `PAID-${order.merchantOrderNo}`,
        templateCode: PAYMENT_NOTICE_TEMPLATE.code,
        params: { decisionNo: order.decisionNo, amount: (order.amountFen / 100).toFixed(2) },
        phones: [phone],
      });
      await repo.setNotice(this.platform.db, order.id, { noticeState: 'sent', noticeMsgId: accepted.messages[0]?.msgId ?? null });
    } catch (err) {
      if (!(err instanceof SmsError)) throw err;
      // Retryable failures leave the state empty: the next poll sends again. A batch ID the gateway has seen means a
      // concurrent send of this notice went out (its own answer records it); other refusals are final.
      if (!err.retryable && err.code !== 'BATCH_DUPLICATE') await repo.setNotice(this.platform.db, order.id, { noticeState: 'failed', noticeMsgId: null });
    }
  }

  /** Fetches the gateway's delivery reports and records them; sends the notices still waiting after a retryable failure. */
  async poll(): Promise<number> {
    const reports = await this.sms.reports();
    for (const r of reports) await repo.noticeReported(this.platform.db, r.msgId, r.status === 'DELIVRD' ? 'delivered' : 'undelivered');
    for (const order of await repo.noticesWaiting(this.platform.db, 100)) await this.send(order);
    return reports.length;
  }
}
