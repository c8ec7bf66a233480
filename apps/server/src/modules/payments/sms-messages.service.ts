import { maskPhone } from '@shtp/core/masking';
import type { SmsMessageItem, SmsMessageQuery } from '@shtp/core/payments';
import type { Actor } from '../../platform/audit/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import type { Platform } from '../../platform/platform.ts';
import { smsMessageRepository as repo } from './sms-message.repository.ts';
import { SMS_PHONE_CONTEXT, SMS_PHONE_INDEX } from './sms-sender.ts';

/**
 * G9 短信发送状态 for the zone's administrator: every message the zone sent or holds, the number masked, a number's
 * messages found by its keyed digest (never compared, logged or audited in clear), every read audited.
 */
export class SmsMessages {
  constructor(private readonly platform: Platform) {}

  async list(q: SmsMessageQuery, actor: Actor): Promise<{ items: SmsMessageItem[]; total: number }> {
    const { fields, db } = this.platform;
    const phoneIdx = q.mobile === undefined ? undefined : await fields.blindIndex(q.mobile, SMS_PHONE_INDEX);
    const { items, total } = await repo.list(db, {
      state: q.state,
      templateCode: q.templateCode,
      phoneIdx,
      from: q.from,
      to: q.to,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    const answer: SmsMessageItem[] = [];
    for (const m of items) {
      answer.push({
        id: m.id,
        batchId: m.batchId,
        templateCode: m.templateCode,
        templateName: m.templateName,
        mobile: m.phoneEnc ? maskPhone(await fields.decrypt(m.phoneEnc, SMS_PHONE_CONTEXT)) : null,
        state: m.state,
        errorCode: m.errorCode,
        attempts: m.attempts,
        createdAt: m.createdAt.toISOString(),
        lastAttemptAt: m.lastAttemptAt.toISOString(),
        sentAt: m.sentAt?.toISOString() ?? null,
        msgId: m.msgId,
        reportedAt: m.reportedAt?.toISOString() ?? null,
      });
    }
    // The searched number is never written: only that a number was searched, the other filters, and what was found.
    await audit(db, actor, {
      action: 'payments.sms-messages',
      targetType: 'sms-message',
      details: {
        byMobile: phoneIdx !== undefined,
        ...(q.state ? { state: q.state } : {}),
        ...(q.templateCode ? { templateCode: q.templateCode } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        page: q.page,
        found: items.length,
        total,
      },
    });
    return { items: answer, total };
  }
}
