import { randomUUID } from 'node:crypto';
import { checkMobile } from '@shtp/core/validators';
import type { z } from 'zod';
import type { JsonAnswer } from '../json-post.ts';
import { SimulatorFaults } from '../simulator-faults.ts';
import type { SmsAccount, SmsTransport } from './gov-sms.client.ts';
import { SMS_PATHS } from './gov-sms.client.ts';
import { type SmsDeliveryReport, SmsError } from './gov-sms.port.ts';
import { type SmsWireBatch, smsMacValid } from './gov-sms.wire.ts';

/** A reviewed template of the gateway: its text with `{name}` variables. */
export interface SimTemplate {
  code: string;
  text: string;
}

const variablesOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

/**
 * The SMS gateway in process. It refuses like the gateway: a MAC that does not hold, an unknown signature or
 * template, parameters other than the template's variables, an invalid mobile number, a batch above the limit, a batch
 * ID seen before; `failNext(n)` makes the next calls unavailable (retryable). What it accepts it keeps as sent
 * messages (`sent`, with the rendered text) and reports delivered — or undelivered for `undeliverable` numbers — once each.
 */
export class GovSmsSimulator {
  readonly sent: { msgId: string; phone: string; text: string; batchId: string }[] = [];
  readonly undeliverable = new Set<string>();
  private readonly batches = new Set<string>();
  private pending: SmsDeliveryReport[] = [];
  private readonly faults = new SimulatorFaults();
  private readonly templates: SimTemplate[];

  constructor(
    readonly account: SmsAccount,
    templates: readonly SimTemplate[],
    readonly batchLimit = 100,
  ) {
    this.templates = [...templates];
  }

  /** Templates reviewed at the gateway after it started (another module's, registered at its start); a known code is kept. */
  register(templates: readonly SimTemplate[]): void {
    for (const t of templates) if (!this.templates.some((k) => k.code === t.code)) this.templates.push({ code: t.code, text: t.text });
  }

  failNext(n: number): void {
    this.faults.inject('error', n);
  }

  /** The gateway's side of the transport. */
  readonly transport: SmsTransport = async (path, body, schema) => {
    if (this.faults.take('error')) return { ok: false, reason: '政务云短信平台无法连接' };
    const b = body as SmsWireBatch;
    if (b.appKey !== this.account.appKey || !smsMacValid(this.account.secret, b)) throw new SmsError('MAC_INVALID', '请求校验码错误');
    if (b.signName !== this.account.signName) throw new SmsError('TEMPLATE_UNKNOWN', `短信签名未报备：${b.signName}`);
    if (path === SMS_PATHS.reports) return this.answer({ reports: this.pending.splice(0) }, schema);
    return this.answer(this.accept(b), schema);
  };

  private accept(b: SmsWireBatch) {
    const template = this.templates.find((t) => t.code === b.templateCode);
    if (!template) throw new SmsError('TEMPLATE_UNKNOWN', `模板不存在或未审核：${b.templateCode}`);
    if (variablesOf(template.text).join() !== Object.keys(b.params).sort().join()) throw new SmsError('PARAMS_MISMATCH', '模板变量与参数不一致');
    if (b.phones.length === 0 || b.phones.length > this.batchLimit) throw new SmsError('BATCH_TOO_LARGE', `每批号码须为 1–${this.batchLimit} 个`);
    const bad = b.phones.find((p) => !checkMobile(p).ok);
    if (bad !== undefined) throw new SmsError('PHONE_INVALID', `手机号码无效：${bad}`);
    if (this.batches.has(b.batchId)) throw new SmsError('BATCH_DUPLICATE', `批次号重复：${b.batchId}`);
    this.batches.add(b.batchId);
    const text = `【${b.signName}】${template.text.replace(/\{(\w+)\}/g, (_, k: string) => b.params[k] ?? '')}`;
    const messages = b.phones.map((phone) => ({ phone, msgId: randomUUID() }));
    for (const m of messages) {
      this.sent.push({ ...m, text, batchId: b.batchId });
      this.pending.push({ ...m, status: this.undeliverable.has(m.phone) ? 'UNDELIV' : 'DELIVRD', at: new Date().toISOString() });
    }
    return { messages };
  }

  private answer(data: unknown, schema: z.ZodType): JsonAnswer<unknown> {
    const parsed = schema.safeParse(data);
    return parsed.success ? { ok: true, data: parsed.data } : { ok: false, reason: '政务云短信平台的应答格式无法识别' };
  }
}
