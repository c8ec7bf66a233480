import { maskPhone } from '@shtp/core/masking';
import type { SmsMessageItem, SmsMessageQuery } from '@shtp/core/payments';
import type { Actor } from '../../platform/audit/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { conflict, notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { smsMessageRepository as repo, type SmsMessageRow } from './sms-message.repository.ts';
import { resendBatchId, resendRefusal } from './sms-resend.policy.ts';
import { SMS_PARAMS_CONTEXT, SMS_PHONE_CONTEXT, SMS_PHONE_INDEX, type SmsSender } from './sms-sender.ts';
import type { SmsTemplates } from './sms-templates.service.ts';

/**
 * G9 短信发送状态 for the zone's administrator: every message the zone sent or holds, the number masked, a number's
 * messages found by its keyed digest (never compared, logged or audited in clear), every read audited.
 */
export class SmsMessages {
  constructor(
    private readonly platform: Platform,
    private readonly sender: SmsSender,
    private readonly templates: SmsTemplates,
  ) {}

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
    for (const m of items) answer.push(await this.view(m));
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

  /**
   * 重发: sends an undelivered message again as a new batch (`resendBatchId`), with the variables and number it was sent
   * with, through the same sender (template approval, quiet hours, per-number limits); the new message is listed with
   * its own state. A message is resent at most once (its resend may be resent in turn); audited with both batches.
   */
  async resend(id: number, actor: Actor): Promise<SmsMessageItem> {
    const { db, fields } = this.platform;
    const m = await repo.byId(db, id);
    if (!m) throw notFound('短信');
    const refused = resendRefusal(candidateOf(m));
    if (refused) throw conflict('BUSINESS_REFUSED', refused);
    const template = this.templates.builtIn(m.templateCode);
    if (!template) throw conflict('BUSINESS_REFUSED', `模板 ${m.templateCode} 不是系统发送用的模板，不能重发`);
    const batchId = resendBatchId(m.batchId);
    const params = JSON.parse(await fields.decrypt(m.paramsEnc!, SMS_PARAMS_CONTEXT)) as Record<string, string>;
    const outcome = await this.sender.send({ template, batchId, params }, () => fields.decrypt(m.phoneEnc!, SMS_PHONE_CONTEXT), m.id);
    await audit(db, actor, {
      action: 'payments.sms-resend',
      targetType: 'sms-message',
      targetId: m.id,
      details: { batchId: m.batchId, resendBatchId: batchId, templateCode: m.templateCode, outcome: outcome.state },
    });
    return this.view((await repo.byBatch(db, batchId))!);
  }

  /** A message as the console shows it: the number masked. */
  private async view(m: SmsMessageRow): Promise<SmsMessageItem> {
    return {
      id: m.id,
      batchId: m.batchId,
      templateCode: m.templateCode,
      templateName: m.templateName,
      mobile: m.phoneEnc ? maskPhone(await this.platform.fields.decrypt(m.phoneEnc, SMS_PHONE_CONTEXT)) : null,
      state: m.state,
      errorCode: m.errorCode,
      attempts: m.attempts,
      createdAt: m.createdAt.toISOString(),
      lastAttemptAt: m.lastAttemptAt.toISOString(),
      sentAt: m.sentAt?.toISOString() ?? null,
      msgId: m.msgId,
      reportedAt: m.reportedAt?.toISOString() ?? null,
      resendOf: m.resendOf,
      resentAs: m.resentAs,
      actions: { resend: resendRefusal(candidateOf(m)) === null && this.templates.builtIn(m.templateCode) !== undefined },
    };
  }
}

const candidateOf = (m: SmsMessageRow) => ({
  batchId: m.batchId,
  state: m.state,
  resendOf: m.resendOf,
  kept: m.paramsEnc !== null && m.phoneEnc !== null,
  resentAs: m.resentAs,
});
