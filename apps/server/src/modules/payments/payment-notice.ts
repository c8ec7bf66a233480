import type { GovSmsPort } from '../../integrations/gov-sms/gov-sms.port.ts';
import type { Platform } from '../../platform/platform.ts';
import { type PaymentRow, paymentsRepository as repo } from './payments.repository.ts';
import { smsMessageRepository } from './sms-message.repository.ts';
import type { SmsSender } from './sms-sender.ts';

/**
 * The 缴款 notice as registered at the gateway (its code and text there); not urgent, so it waits out the quiet hours.
 * Registered in `sms_templates` at start and used only once an administrator approved it (G9).
 */
export const PAYMENT_NOTICE_TEMPLATE = {
  code: 'SHJJ_FINE_PAID',
  name: '缴款通知',
  text: '您的处罚决定书{decisionNo}已缴款{amount}元，请勿重复缴纳。',
  urgent: false,
} as const;
export const NOTICE_PHONE_CONTEXT = 'fine_payments.notice_phone_enc';

/**
 * G9 for G10: after a payment is confirmed, a notice to the mobile the payer gave. The batch ID is the order's, so the
 * gateway refuses a second send of the same notice; a failure never undoes the payment (the state says what happened).
 */
export class PaymentNotices {
  constructor(
    private readonly platform: Platform,
    private readonly sms: GovSmsPort,
    private readonly sender: SmsSender,
  ) {}

  async send(order: PaymentRow): Promise<void> {
    const phoneEnc = order.noticePhoneEnc;
    if (!phoneEnc || order.noticeState) return;
    // A notice held back (quiet hours, a template not approved, a number's limits) or failed retryably keeps its empty
    // state: the minute poll sends it later. A batch ID the gateway has seen means a concurrent send of this notice went
    // out (its own answer records it); other refusals are final.
    const outcome = await this.sender.send(
      {
        template: PAYMENT_NOTICE_TEMPLATE,
        batchId: `PAID-${order.merchantOrderNo}`,
        params: { decisionNo: order.decisionNo, amount: (order.amountFen / 100).toFixed(2) },
      },
      () => this.platform.fields.decrypt(phoneEnc, NOTICE_PHONE_CONTEXT),
    );
    if (outcome.state === 'sent') await repo.setNotice(this.platform.db, order.id, { noticeState: 'sent', noticeMsgId: outcome.msgId });
    else if (outcome.state === 'failed') await repo.setNotice(this.platform.db, order.id, { noticeState: 'failed', noticeMsgId: null });
  }

  /** Fetches the gateway's delivery reports and records them (on the orders and in `sms_messages`); sends the notices still waiting after a retryable failure. */
  async poll(): Promise<number> {
    const reports = await this.sms.reports();
    for (const r of reports) {
      await repo.noticeReported(this.platform.db, r.msgId, r.status === 'DELIVRD' ? 'delivered' : 'undelivered');
      // Every message's report (the notice's and other modules'), for the console's 短信发送状态.
      await smsMessageRepository.reported(this.platform.db, r.msgId, r.status === 'DELIVRD', reportTime(r.at));
    }
    for (const order of await repo.noticesWaiting(this.platform.db, 100)) await this.send(order);
    return reports.length;
  }
}

/** The gateway's report time, or now when it sent none we can read (its format is an assumption [A]). */
const reportTime = (at: string): Date => (Number.isNaN(Date.parse(at)) ? new Date() : new Date(at));
