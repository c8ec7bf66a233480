import type { GovSmsPort } from '../../integrations/gov-sms/gov-sms.port.ts';
import { SmsError } from '../../integrations/gov-sms/gov-sms.port.ts';
import type { Platform } from '../../platform/platform.ts';
import { type BucketSpec, TokenBuckets } from '../../platform/service-accounts/token-bucket.ts';
import { inQuietHours } from './notice.policy.ts';
import { paymentsParams } from './payments.params.ts';
import { type SmsAttempt, smsMessageRepository } from './sms-message.repository.ts';
import type { BuiltInTemplate, SmsTemplates } from './sms-templates.service.ts';

/** The SM4 context of `sms_messages.phone_enc`, and the blind index kind of a number (the per-number limits use it too). */
export const SMS_PHONE_CONTEXT = 'sms_messages.phone_enc';
export const SMS_PHONE_INDEX = 'sms-phone';
/** The SM4 context of `sms_messages.params_enc` (the template's variables, kept for a manual resend). */
export const SMS_PARAMS_CONTEXT = 'sms_messages.params_enc';

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

  /**
   * Sends one message if it may go, and records what became of it in `sms_messages` (the console's 短信发送状态), its
   * variables SM4-encrypted for a manual resend; `resendOf` names the message a manual resend sends again.
   */
  async send(message: SmsMessage, phoneOf: () => Promise<string>, resendOf?: number): Promise<SmsOutcome> {
    let phone = null as { enc: string; idx: string } | null;
    const outcome = await this.attempt(message, async () => {
      const clear = await phoneOf();
      const idx = await this.platform.fields.blindIndex(clear, SMS_PHONE_INDEX);
      phone = { enc: await this.platform.fields.encrypt(clear, SMS_PHONE_CONTEXT), idx };
      return { clear, idx };
    });
    const paramsEnc = await this.platform.fields.encrypt(JSON.stringify(message.params), SMS_PARAMS_CONTEXT);
    await smsMessageRepository.record(this.platform.db, { ...attemptOf(message, outcome, phone), paramsEnc, resendOf });
    return outcome;
  }

  private async attempt(message: SmsMessage, phoneOf: () => Promise<{ clear: string; idx: string }>): Promise<SmsOutcome> {
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
    const taken = await this.takeLimits(phone.idx);
    if (!taken) return { state: 'held', reason: 'limit' };
    try {
      const accepted = await this.sms.send({ batchId: message.batchId, templateCode: message.template.code, params: message.params, phones: [phone.clear] });
      return { state: 'sent', msgId: accepted.messages[0]?.msgId ?? null };
    } catch (err) {
      if (!(err instanceof SmsError)) throw err;
      if (err.code === 'BATCH_DUPLICATE') return { state: 'duplicate' };
      // Nothing went out: the number's quota is not spent on it.
      await this.buckets.giveBack(taken);
      return err.retryable ? { state: 'retry', code: err.code } : { state: 'failed', code: err.code };
    }
  }

  /**
   * Takes one message from each of the number's buckets per day, hour and minute (by its keyed digest), in one
   * statement; when one of them is empty the others get theirs back and the answer is null (the message waits).
   */
  private async takeLimits(key: string): Promise<BucketSpec[] | null> {
    const limits = [
      ['day', 86_400, paymentsParams.smsPerNumberPerDay],
      ['hour', 3_600, paymentsParams.smsPerNumberPerHour],
      ['minute', 60, paymentsParams.smsPerNumberPerMinute],
    ] as const;
    const specs: BucketSpec[] = [];
    for (const [name, seconds, param] of limits) {
      const max = await this.platform.params.get(param);
      specs.push({ key: `sms:${name}:${key.slice(0, 32)}`, rps: max / seconds, burst: max });
    }
    const takes = await this.buckets.takeEach(specs);
    if (takes.every((t) => t.ok)) return specs;
    await this.buckets.giveBack(specs.filter((_, i) => takes[i]!.ok));
    return null;
  }
}

/** The row an outcome makes: held ones by their reason (the gateway not called), a seen batch as sent (it went out). */
function attemptOf(message: SmsMessage, outcome: SmsOutcome, phone: { enc: string; idx: string } | null): Omit<SmsAttempt, 'paramsEnc'> {
  const base = { batchId: message.batchId, templateCode: message.template.code, phoneEnc: phone?.enc ?? null, phoneIdx: phone?.idx ?? null };
  switch (outcome.state) {
    case 'held':
      return { ...base, state: outcome.reason, errorCode: null, called: false, msgId: null };
    case 'sent':
      return { ...base, state: 'sent', errorCode: null, called: true, msgId: outcome.msgId };
    case 'duplicate':
      return { ...base, state: 'sent', errorCode: 'BATCH_DUPLICATE', called: true, msgId: null };
    case 'retry':
    case 'failed':
      return { ...base, state: outcome.state, errorCode: outcome.code, called: true, msgId: null };
  }
}
