import type { GovSmsPort } from '../../integrations/gov-sms/gov-sms.port.ts';
import { SmsError } from '../../integrations/gov-sms/gov-sms.port.ts';
import type { Platform } from '../../platform/platform.ts';
import { TokenBuckets } from '../../platform/service-accounts/token-bucket.ts';
import { inQuietHours } from './notice.policy.ts';
import { paymentsParams } from './payments.params.ts';
import type { BuiltInTemplate, SmsTemplates } from './sms-templates.service.ts';

/** One message to one number: the batch ID is the caller's, unique per message, so the gateway never sends it twice. */
export interface SmsMessage {
  template: BuiltInTemplate;
  batchId: string;
  params: Readonly<Record<string, string>>;
}

/**
 * What became of a message. `held` (quiet hours, a template not approved, a number's limits) and `retry` (a retryable
 * gateway failure) mean: not sent, send again later; `duplicate`: the gateway has seen the batch (a concurrent send
 * went out and records itself); `failed`: refused for good.
 */
export type SmsOutcome =
  | { state: 'sent'; msgId: string | null }
  | { state: 'held'; reason: 'quiet-hours' | 'template' | 'limit' }
  | { state: 'retry'; code: string }
  | { state: 'duplicate' }
  | { state: 'failed'; code: string };

/**
 * G9, the part every SMS of the system shares: the template's approval, the quiet hours of non-urgent messages, the
 * per-number limits (per minute, hour and day, by the number's keyed digest) and the gateway's refusals. The number is
 * asked for (decrypted) only when the message may go; callers record the outcome on their own records.
 */
export class SmsSender {
  private readonly buckets: TokenBuckets;

  constructor(
    private readonly platform: Platform,
    private readonly sms: GovSmsPort,
    private readonly templates: SmsTemplates,
  ) {
    this.buckets = new TokenBuckets(platform.db);
  }

  async send(message: SmsMessage, phoneOf: () => Promise<string>): Promise<SmsOutcome> {
    const param = this.platform.params;
    const quiet = inQuietHours(new Date(), await param.get(paymentsParams.smsQuietStartHour), await param.get(paymentsParams.smsQuietEndHour));
    if (quiet && !message.template.urgent) return { state: 'held', reason: 'quiet-hours' };
    // Not approved yet: the message waits like in the quiet hours, and goes with the first run after approval.
    if (
      !(await this.templates.usable(message.template.code).then(
        () => true,
        () => false,
      ))
    )
      return { state: 'held', reason: 'template' };
    const phone = await phoneOf();
    if (!(await this.withinLimits(phone))) return { state: 'held', reason: 'limit' };
    try {
      const accepted = await this.sms.send({ batchId: message.batchId, templateCode: message.template.code, params: message.params, phones: [phone] });
      return { state: 'sent', msgId: accepted.messages[0]?.msgId ?? null };
    } catch (err) {
      if (!(err instanceof SmsError)) throw err;
      if (err.retryable) return { state: 'retry', code: err.code };
      return err.code === 'BATCH_DUPLICATE' ? { state: 'duplicate' } : { state: 'failed', code: err.code };
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
}
