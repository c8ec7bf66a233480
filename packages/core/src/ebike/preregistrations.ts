import { z } from 'zod';
import { actionsSchema } from '../platform/actions.ts';
import { text } from '../platform/common.ts';
import type { ErrorCodeTable } from '../platform/error-codes.ts';
import { idNumberField, invoiceNoField, mobileField, safeString } from '../validators/zod.ts';
import { zcbmField } from './ebike.ts';

/**
 * 网上预登记 (G13 `registrations`): a citizen fills in an e-bike registration online (internet zone); it crosses to the
 * police zone, where the window of the chosen station accepts it (受理) or returns it with a reason (退回), then
 * registers the vehicle from it (注册登记 prefilled; 已登记 with the business's 流水号); each step crosses back
 * (`registration-status`).
 */
export const PREREGISTRATION_ERROR_CODES = {
  PREREGISTRATION_IDENTITY_MISMATCH: '身份证号与随申办实名身份不符',
  PREREGISTRATION_DECIDED: '该预登记已处理',
  PREREGISTRATION_NOT_REGISTRABLE: '该预登记不能办理注册登记',
} as const;

declare module '../platform/error-codes.ts' {
  interface ModuleErrorCodes extends ErrorCodeTable<typeof PREREGISTRATION_ERROR_CODES> {}
}

export const PREREGISTRATION_STATUSES = ['submitted', 'accepted', 'returned', 'registered'] as const;
export type PreregistrationStatus = (typeof PREREGISTRATION_STATUSES)[number];
export const PREREGISTRATION_STATUS_LABELS: Record<PreregistrationStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  returned: '已退回',
  registered: '已登记',
};

/**
 * The photos a citizen may attach to a pre-registration (DOMAIN.md §1.4: the owner's identity, the proof of origin, the
 * vehicle; codes as the materials of `@shtp/core/tempplate`): one per kind, JPEG or PNG, a newer upload of a kind
 * replaces the older. They cross with the pre-registration (exchange package format 2) to the window.
 */
export const PREREGISTRATION_PHOTO_KINDS = ['vehicle', 'owner_id', 'invoice', 'certificate'] as const;
export type PreregistrationPhotoKind = (typeof PREREGISTRATION_PHOTO_KINDS)[number];
export const PREREGISTRATION_PHOTO_LABELS: Record<PreregistrationPhotoKind, string> = {
  vehicle: '车辆照片（含号牌安装位置）',
  owner_id: '所有人身份证明（身份证人像面）',
  invoice: '购车发票（来历证明）',
  certificate: '出厂合格证明',
};
export const PreregistrationPhotoKindSchema = z.enum(PREREGISTRATION_PHOTO_KINDS, {
  error: '照片类别应为 车辆照片、所有人身份证明、购车发票 或 出厂合格证明',
});
/** One photo as it is kept and crosses: the content's SM3 (its name in the zone's blob store), type and size. */
export const PreregistrationPhotoSchema = z.object({
  kind: z.enum(PREREGISTRATION_PHOTO_KINDS),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  mime: z.enum(['image/jpeg', 'image/png']),
  size: z.number().int().min(0),
  uploadedAt: z.string(),
});
export type PreregistrationPhoto = z.infer<typeof PreregistrationPhotoSchema>;

/** What a citizen fills in (DOMAIN.md §1.4: owner and vehicle items the window needs first); photos follow (`…/photos`). */
export const PreregistrationInputSchema = z.strictObject({
  departmentCode: safeString({ error: '请选择登记站点' }).regex(/^[0-9A-Za-z-]{2,20}$/, '部门代码格式不正确'),
  station: text('登记站点', 40, 2),
  idNumber: idNumberField('所有人身份证号码'),
  name: text('所有人姓名', 30),
  mobile: mobileField('所有人手机号码'),
  zcbm: zcbmField,
  /** A plate number the owner wishes (omitted: the window allocates one). */
  plateWanted: safeString({ error: '号牌号码格式不正确' })
    .trim()
    .toUpperCase()
    .regex(/^沪[A-Z][A-Z0-9]{6}$/, '号牌号码格式不正确')
    .optional(),
  brand: text('品牌', 30),
  model: text('型号', 30),
  invoiceNo: invoiceNoField('购车发票号码'),
});
export type PreregistrationInput = z.infer<typeof PreregistrationInputSchema>;

/** The window's decision: 受理, or 退回 with the reason the citizen reads. */
export const PreregistrationDecisionSchema = z
  .strictObject({
    decision: z.enum(['accept', 'return'], { error: '请选择受理或退回' }),
    reason: safeString().trim().max(200, '退回原因不能超过 200 个字符').optional(),
  })
  .refine((b) => b.decision !== 'return' || (b.reason?.length ?? 0) >= 2, { path: ['reason'], message: '请填写退回原因（至少 2 个字符）' });
export type PreregistrationDecision = z.infer<typeof PreregistrationDecisionSchema>;

/** One pre-registration as the police window sees it (masked by default). */
export const PreregistrationItemSchema = z.object({
  preregNo: z.string(),
  station: z.string(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string(),
  zcbm: z.string(),
  plateWanted: z.string().nullable(),
  brand: z.string(),
  model: z.string(),
  invoiceNo: z.string(),
  submittedAt: z.string(),
  status: z.enum(PREREGISTRATION_STATUSES),
  returnReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** 已登记: the 流水号 of the 注册登记 business that completed it. */
  lsh: z.string().nullable(),
  /** The photos that crossed with it (viewed one by one through the audited photo route). */
  photos: z.array(PreregistrationPhotoSchema),
  actions: actionsSchema(['decide', 'register']),
});
export type PreregistrationItem = z.infer<typeof PreregistrationItemSchema>;

export const PreregistrationListQuerySchema = z.strictObject({
  status: z.enum(PREREGISTRATION_STATUSES, { error: '状态应为 待受理、已受理、已退回 或 已登记' }).optional(),
});

/**
 * 注册登记 prefilled from an accepted pre-registration (the owner in clear, for the window that registers it; the read
 * is audited): the items the citizen filled in; the window completes the rest from the vehicle and its papers.
 */
export const PreregistrationDraftSchema = z.object({
  preregNo: z.string(),
  owner: z.object({ ownerType: z.literal('1'), idNumber: z.string(), name: z.string(), phone: z.string() }),
  vehicle: z.object({ zcbm: z.string(), brand: z.string(), model: z.string(), acquireWay: z.literal('purchase'), originProof: z.string() }),
  plateNumber: z.string().nullable(),
});
export type PreregistrationDraft = z.infer<typeof PreregistrationDraftSchema>;
export const PreregistrationListSchema = z.object({ items: z.array(PreregistrationItemSchema) });
export type PreregistrationList = z.infer<typeof PreregistrationListSchema>;
