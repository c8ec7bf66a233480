import { z } from 'zod';
import { actionsSchema } from '../platform/actions.ts';
import { PageQuerySchema, pageOf } from '../platform/common.ts';
import { idNumberField, mobileField } from '../validators/zod.ts';

/** Audit actions of the module, named for people (its part of the audit action catalogue). */
export const PAYMENTS_AUDIT_ACTIONS: Readonly<Record<string, string>> = {
  'payments.order': '创建缴款订单',
  'payments.paid': '确认缴款到账',
  'payments.refund': '罚款退款',
  'payments.orders.export': '导出缴款订单',
  'payments.violation-query': '第三方违法查询',
  'payments.violation-query-lock': '违法查询号牌锁定（多次核验不符）',
  'payments.driver-query': '第三方本人驾驶证查询',
  'payments.citizen-account': '建立互认本地用户（随申办实名身份）',
  'payments.citizen-accounts': '查询互认本地用户',
  'payments.citizen-identities': '查看互认本地用户的随申办用户标识',
  'payments.citizen-account-renamed': '互认本地用户姓名随一网通办变更',
  'payments.citizen-identity-changed': '随申办用户备案信息变更',
  'payments.citizen-names-indexed': '为互认本地用户姓名建立盲索引',
  'payments.sms-template': '登记短信模板',
  'payments.sms-template-review': '审核短信模板',
  'payments.sms-template-trial': '短信模板试发',
  'payments.sms-messages': '查询短信发送状态',
  'payments.sms-resend': '重发短信',
};

/** States of a 缴款 order, named for people. */
export const PAYMENT_STATES = { created: '待支付', paid: '已缴款', refunded: '已全额退款', closed: '已关闭' } as const;
export type PaymentState = keyof typeof PAYMENT_STATES;

/** Kinds of a reconciliation mismatch, named for people. */
export const MISMATCH_KINDS = {
  'missing-here': '渠道有、本方无',
  'missing-in-statement': '本方有、渠道无',
  amount: '金额不符',
  'refund-missing-here': '退款：渠道有、本方无',
  'refund-missing-in-statement': '退款：本方有、渠道无',
  'refund-amount': '退款金额不符',
  'refund-order': '退款所属订单不符',
} as const;
export type MismatchKind = keyof typeof MISMATCH_KINDS;

export const PaymentOrderSchema = z.object({
  merchantOrderNo: z.string(),
  decisionNo: z.string(),
  fineFen: z.number().int(),
  lateFeeFen: z.number().int(),
  amountFen: z.number().int(),
  state: z.enum(Object.keys(PAYMENT_STATES) as [PaymentState, ...PaymentState[]]),
  refundedFen: z.number().int(),
  paidAt: z.string().nullable(),
});
export type PaymentOrder = z.infer<typeof PaymentOrderSchema>;

/** An order as the console lists it: when it was placed, and whether the caller may refund it. */
export const PaymentOrderListItemSchema = PaymentOrderSchema.extend({ createdAt: z.string(), actions: actionsSchema(['refund']) });
export type PaymentOrderListItem = z.infer<typeof PaymentOrderListItemSchema>;
export const PaymentOrderListSchema = pageOf(PaymentOrderListItemSchema);

export const MismatchSchema = z.object({
  merchantOrderNo: z.string(),
  /** A refund compared by its number (the statement names it). */
  refundNo: z.string().optional(),
  kind: z.enum(Object.keys(MISMATCH_KINDS) as [MismatchKind, ...MismatchKind[]]),
  oursFen: z.number().int().nullable(),
  theirsFen: z.number().int().nullable(),
});

/** One day's reconciliation against the channel's statement (a Shanghai day), as run and kept. */
export const PaymentReconciliationSchema = z.object({
  day: z.string(),
  matched: z.number().int(),
  mismatches: z.array(MismatchSchema),
  checkedAt: z.string(),
});
export type PaymentReconciliation = z.infer<typeof PaymentReconciliationSchema>;
export const PaymentReconciliationListSchema = pageOf(PaymentReconciliationSchema);

export const PaymentOrderListQuerySchema = PageQuerySchema.extend({
  state: z.enum(Object.keys(PAYMENT_STATES) as [PaymentState, ...PaymentState[]], { error: '订单状态无效' }).optional(),
  decisionNo: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{1,40}$/, '处罚决定书编号格式不正确')
    .optional(),
});

/** G9 states of an SMS template, named for people: only an approved template is used. */
export const SMS_TEMPLATE_STATES = { pending: '待审核', approved: '已通过', rejected: '已驳回' } as const;
export type SmsTemplateState = keyof typeof SMS_TEMPLATE_STATES;

/** An SMS template as the console lists it, with who registered and who reviewed it, and what the caller may do. */
export const SmsTemplateSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  text: z.string(),
  urgent: z.boolean(),
  state: z.enum(Object.keys(SMS_TEMPLATE_STATES) as [SmsTemplateState, ...SmsTemplateState[]]),
  createdBy: z.string(),
  createdAt: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  actions: actionsSchema(['approve', 'reject', 'trial']),
});
export type SmsTemplate = z.infer<typeof SmsTemplateSchema>;
export const SmsTemplateListSchema = pageOf(SmsTemplateSchema);

/** Registering a template: the gateway's template code, a name, the text with `{variable}` placeholders. */
export const SmsTemplateCreateSchema = z.strictObject({
  code: z.string({ error: '请填写模板编号' }).regex(/^[A-Z][A-Z0-9_]{2,39}$/, '模板编号须为 3–40 位大写字母、数字和下划线，以字母开头'),
  name: z.string({ error: '请填写模板名称' }).trim().min(2, '模板名称须为 2–40 字').max(40, '模板名称须为 2–40 字'),
  text: z
    .string({ error: '请填写模板内容' })
    .trim()
    .min(5, '模板内容须为 5–300 字')
    .max(300, '模板内容须为 5–300 字')
    .refine((t) => !/[{}]/.test(t.replace(/\{[A-Za-z]\w{0,30}\}/g, '')), '模板变量须写成 {变量名}，变量名为字母开头的字母、数字或下划线'),
  urgent: z.boolean().default(false),
});
export type SmsTemplateCreate = z.infer<typeof SmsTemplateCreateSchema>;

/**
 * G5: the local citizen accounts, newest first; `idNumber` finds the one account of a person, `name` the accounts of
 * that whole name (each by its blind index: the name is never searched in clear, nor by a part).
 */
export const CitizenAccountQuerySchema = PageQuerySchema.extend({
  idNumber: idNumberField().optional(),
  name: z.string({ error: '姓名须为文本' }).trim().min(2, '请填写完整姓名（2–30 字）').max(30, '请填写完整姓名（2–30 字）').optional(),
});
export type CitizenAccountQuery = z.infer<typeof CitizenAccountQuerySchema>;

/** A local citizen account as the internet zone's administrator sees it: ID number and name masked (SECURITY.md §2). */
export const CitizenAccountSchema = z.object({
  id: z.number().int(),
  idNumber: z.string(),
  citizenName: z.string().nullable(),
  createdAt: z.string(),
  /** The 随申办 openids mapped to the account, and when the hub last asserted one of them. */
  identities: z.number().int(),
  lastAssertedAt: z.string().nullable(),
});
export type CitizenAccount = z.infer<typeof CitizenAccountSchema>;
export const CitizenAccountListSchema = pageOf(CitizenAccountSchema);

/** One 随申办 identity mapped to a local account: the openid masked (first 2, last 2), when it was filed and last asserted. */
export const CitizenIdentitySchema = z.object({
  openid: z.string(),
  filedAt: z.string(),
  lastAssertedAt: z.string(),
});
export type CitizenIdentity = z.infer<typeof CitizenIdentitySchema>;
export const CitizenIdentityListSchema = z.object({ items: z.array(CitizenIdentitySchema) });

/**
 * G9 短信发送状态: what became of each message the zone sent or holds, named for people. `quiet-hours`, `template` and
 * `limit` are held (sent by the owner's next run once allowed), `retry` waits after a retryable gateway error.
 */
export const SMS_MESSAGE_STATES = {
  'quiet-hours': '静默时段暂缓',
  template: '待模板审核通过',
  limit: '超出号码频次限制',
  retry: '待重发（可重试错误）',
  sent: '已发送',
  delivered: '已送达',
  undelivered: '未送达',
  failed: '发送失败',
} as const;
export type SmsMessageState = keyof typeof SMS_MESSAGE_STATES;
const SMS_STATE_CODES = Object.keys(SMS_MESSAGE_STATES) as [SmsMessageState, ...SmsMessageState[]];
const smsDay = (label: string) => z.iso.date({ error: `${label}须为 YYYY-MM-DD` });

/** The SMS status list's filters: state, template code, Shanghai days of the first attempt, the whole mobile number (by its blind index). */
export const SmsMessageQuerySchema = PageQuerySchema.extend({
  state: z.enum(SMS_STATE_CODES, { error: '短信状态无效' }).optional(),
  templateCode: z
    .string({ error: '模板编号须为文本' })
    .regex(/^[A-Z][A-Z0-9_]{2,39}$/, '模板编号须为 3–40 位大写字母、数字和下划线，以字母开头')
    .optional(),
  from: smsDay('起始日期').optional(),
  to: smsDay('截止日期').optional(),
  mobile: mobileField().optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { message: '起始日期不能晚于截止日期', path: ['from'] });
export type SmsMessageQuery = z.infer<typeof SmsMessageQuerySchema>;

/** One message as the zone's administrator sees it: the number masked (SECURITY.md §2: `138****5678`), never in clear. */
export const SmsMessageSchema = z.object({
  id: z.number().int(),
  /** The sender's batch ID: the business record it belongs to (`PAID-<order>`, `APPT-<booking>`, …). */
  batchId: z.string(),
  templateCode: z.string(),
  templateName: z.string().nullable(),
  /** Null while no attempt needed the number (held before it was asked for). */
  mobile: z.string().nullable(),
  state: z.enum(SMS_STATE_CODES),
  /** The gateway's error code of the last refusal (retryable or final). */
  errorCode: z.string().nullable(),
  /** Calls to the gateway. */
  attempts: z.number().int(),
  createdAt: z.string(),
  lastAttemptAt: z.string(),
  sentAt: z.string().nullable(),
  msgId: z.string().nullable(),
  reportedAt: z.string().nullable(),
  /** The message this one resends, and the resend of this one (the console's 重发). */
  resendOf: z.number().int().nullable(),
  resentAs: z.string().nullable(),
  /** What the console may offer on this message (its permission aside). */
  actions: z.object({ resend: z.boolean() }),
});
export type SmsMessageItem = z.infer<typeof SmsMessageSchema>;
export const SmsMessageListSchema = pageOf(SmsMessageSchema);
