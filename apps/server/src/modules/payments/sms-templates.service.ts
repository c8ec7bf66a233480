import { randomBytes } from 'node:crypto';
import type { SmsTemplateCreate } from '@shtp/core/payments';
import type { GovSmsPort } from '../../integrations/gov-sms/gov-sms.port.ts';
import { type Actor, systemActor } from '../../platform/audit/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, conflict, notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { builtInPending, reviewRefusal, useRefusal } from './sms-template.policy.ts';
import { smsTemplateRepository as repo, type SmsTemplateRow } from './sms-template.repository.ts';

/**
 * A template the code sends with. Its text ships in the code, so it is reviewed with the release (code review and the
 * release's acceptance) and the system registers it approved at start; maker/checker is for templates registered here.
 */
export interface BuiltInTemplate {
  code: string;
  name: string;
  text: string;
  urgent: boolean;
}

const BUILT_IN_MAKER = '系统内置';
/** The review of a built-in template: its text was reviewed with the software release that ships it. */
const releaseReview = () => ({ reviewedByName: '系统（随版本审核）', reviewedAt: new Date(), reviewNote: '内置模板，文本随软件版本评审发布' });

const variablesOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/** G9 短信模板: registered by one administrator, approved or rejected by another, used only once approved. */
export class SmsTemplates {
  /** The built-in templates registered at start, by code: what a manual resend sends with. */
  private readonly builtIns = new Map<string, BuiltInTemplate>();

  constructor(
    private readonly platform: Platform,
    private readonly sms: GovSmsPort,
  ) {}

  builtIn(code: string): BuiltInTemplate | undefined {
    return this.builtIns.get(code);
  }

  /**
   * At start: a built-in template not registered yet is registered approved by the system, audited as such. One left
   * pending by an earlier release (which registered them for review) with the same text is approved the same way; an
   * administrator's rejection stands.
   */
  async registerBuiltIn(templates: readonly BuiltInTemplate[]): Promise<void> {
    for (const t of templates) this.builtIns.set(t.code, t);
    const actor = systemActor('payments start: built-in SMS templates');
    for (const t of templates)
      await this.platform.db.transaction(async (tx) => {
        const inserted = await repo.insert(tx, { ...t, createdBy: null, createdByName: BUILT_IN_MAKER, state: 'approved', ...releaseReview() });
        if (inserted) {
          await audit(tx, actor, {
            action: 'payments.sms-template',
            targetType: 'sms-template',
            targetId: String(inserted.id),
            details: { code: t.code, builtIn: true, state: 'approved' },
          });
          return;
        }
        const row = await repo.byCode(tx, t.code);
        if (!row || !builtInPending(row, t) || !(await repo.review(tx, row.id, { state: 'approved', reviewedBy: null, ...releaseReview() }))) return;
        await audit(tx, actor, {
          action: 'payments.sms-template-review',
          targetType: 'sms-template',
          targetId: String(row.id),
          details: { code: t.code, builtIn: true, decision: 'approved' },
        });
      });
  }

  async create(body: SmsTemplateCreate, actor: Actor): Promise<SmsTemplateRow> {
    return this.platform.db.transaction(async (tx) => {
      const row = await repo.insert(tx, { ...body, createdBy: actor.userId, createdByName: actor.username ?? '未知' });
      if (!row) throw conflict('DUPLICATE', '模板编号已存在', [{ field: 'code', message: '模板编号已存在' }]);
      await audit(tx, actor, { action: 'payments.sms-template', targetType: 'sms-template', targetId: String(row.id), details: { code: row.code } });
      return row;
    });
  }

  async review(id: number, decision: 'approved' | 'rejected', note: string | null, actor: Actor): Promise<SmsTemplateRow> {
    return this.platform.db.transaction(async (tx) => {
      const row = await repo.byId(tx, id, true);
      if (!row) throw notFound('短信模板');
      const refused = reviewRefusal(row, actor.userId);
      if (refused) throw conflict('BUSINESS_REFUSED', refused);
      await repo.review(tx, id, { state: decision, reviewedBy: actor.userId!, reviewedByName: actor.username ?? '未知', reviewNote: note });
      await audit(tx, actor, {
        action: 'payments.sms-template-review',
        targetType: 'sms-template',
        targetId: String(id),
        details: { code: row.code, decision },
      });
      return (await repo.byId(tx, id))!;
    });
  }

  /** The template by its code if it may be used now; otherwise 409 with the reason. */
  async usable(code: string): Promise<SmsTemplateRow> {
    const row = await repo.byCode(this.platform.db, code);
    const refused = useRefusal(row, code);
    if (refused || !row) throw new AppError(409, 'SMS_TEMPLATE_NOT_APPROVED', refused ?? '短信模板不能使用');
    return row;
  }

  /** 试发: one message of an approved template to a number, every variable filled with「测试」; the gateway's refusal is the answer. */
  async trial(id: number, mobile: string, actor: Actor): Promise<void> {
    const row = await repo.byId(this.platform.db, id);
    if (!row) throw notFound('短信模板');
    await this.usable(row.code);
    const params = Object.fromEntries(variablesOf(row.text).map((v) => [v, '测试']));
    const batchId = `TRIAL-${randomBytes(8).toString('hex').toUpperCase()}`;
    await this.sms.send({ batchId, templateCode: row.code, params, phones: [mobile] }).catch((err: unknown) => {
      throw new AppError(502, 'SMS_SEND_FAILED', `短信平台发送失败：${err instanceof Error ? err.message : '未知错误'}`);
    });
    await audit(this.platform.db, actor, {
      action: 'payments.sms-template-trial',
      targetType: 'sms-template',
      targetId: String(id),
      details: { code: row.code, batchId },
    });
  }
}
