import type { GovSmsPort } from '../../integrations/gov-sms/gov-sms.port.ts';
import { SmsError } from '../../integrations/gov-sms/gov-sms.port.ts';
import type { Platform } from '../../platform/platform.ts';
import { TokenBuckets } from '../../platform/service-accounts/token-bucket.ts';
import { inQuietHours } from './notice.policy.ts';
import { paymentsParams } from './payments.params.ts';
import { type PaymentRow, paymentsRepository as repo } from './payments.repository.ts';
import type { SmsTemplates } from './sms-templates.service.ts';

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
  private readonly buckets: TokenBuckets;

  constructor(
    private readonly platform: Platform,
    private readonly sms: GovSmsPort,
    private readonly templates: SmsTemplates,
  ) {
    this.buckets = new TokenBuckets(platform.db);
  }

  async send(order: PaymentRow): Promise<void> {
    if (!order.noticePhoneEnc || order.noticeState) return;
    // A notice held back (quiet hours, a number's limits) keeps its empty state: the minute poll sends it later.
    const param = this.platform.params;
    const quiet = inQuietHours(new Date(), await param.get(paymentsParams.smsQuietStartHour), await param.get(paymentsParams.smsQuietEndHour));
    if (quiet && !PAYMENT_NOTICE_TEMPLATE.urgent) return;
    // Not approved yet (G9): the notice waits like in the quiet hours, and goes with the first poll after approval.
    if (
      !(await this.templates.usable(PAYMENT_NOTICE_TEMPLATE.code).then(
        () => true,
        () => false,
      ))
    )
      return;
    const phone = await this.platform.fields.decrypt(order.noticePhoneEnc, NOTICE_PHONE_CONTEXT);
    if (!(await this.withinLimits(phone))) return;
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

  /** Takes one message from the number's buckets per day, hour and minute (by its keyed digest); false when one is empty. */
  private async withinLimits(phone: string): Promise<boolean> {
    const key = await this.platform.fields.blindIndex(phone, 'sms-phone');
    const limits = [
      ['day', 86_400, paymentsParams.smsPerNumberPerDay],
      ['hour', 3_600, paymentsParams.smsPerNumberPerHour],
      ['minute', 60, paymentsParams.smsPerNumberPerMinute],
    ] as const;
    for (const [name, seconds, param] of limits) {
      const max = await this.platform.params.get(param);
      if (!(await this.buckets.take(`sms:${name}:${key.slice(0, 32)}`, max / seconds, max)).ok) return false;
    }
    return true;
  }

  /** Fetches the gateway's delivery reports and records them; sends the notices still waiting after a retryable failure. */
  async poll(): Promise<number> {
    const reports = await this.sms.reports();
    for (const r of reports) await repo.noticeReported(this.platform.db, r.msgId, r.status === 'DELIVRD' ? 'delivered' : 'undelivered');
    for (const order of await repo.noticesWaiting(this.platform.db, 100)) await this.send(order);
    return reports.length;
  }
}
