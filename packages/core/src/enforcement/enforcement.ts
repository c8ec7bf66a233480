import { z } from 'zod';
import { actionsSchema } from '../platform/actions.ts';
import { PageQuerySchema, text } from '../platform/common.ts';
import { idNumberField, safeString } from '../validators/zod.ts';

/** A record's client-generated ID (UUID): the handheld makes it offline, a retry sends the same one. */
export const clientId = (label = '记录编号') => z.uuid({ error: `${label}须为 UUID` }).toLowerCase();
const instant = (label: string) => z.iso.datetime({ offset: true, error: `${label}须为带时区的 ISO 8601 时间` });
const day = (label: string) => z.iso.date({ error: `${label}须为 YYYY-MM-DD` });
const mgPerL = z.number({ error: '呼气酒精含量须为数字（mg/L）' }).min(0, '呼气酒精含量不能为负').max(5, '呼气酒精含量超出量程');

export const PartySchema = z.strictObject({ idNumber: idNumberField('当事人身份证号码'), name: text('当事人姓名', 30) });
/** A ticket's party also carries the address (read from the front of the ID card, P1, or typed). */
export const ViolationPartySchema = PartySchema.extend({ address: text('当事人住址', 100).optional() });
const optionalPlate = safeString().trim().toUpperCase().max(12, '号牌号码太长').optional();

/** The ticket's fields a photo can fill (P1), with their names. */
export const OCR_FIELD_LABELS = { plate: '号牌号码', idNumber: '身份证号码', name: '姓名', address: '住址' } as const;
export type OcrFieldName = keyof typeof OCR_FIELD_LABELS;

/** A field the camera filled and the officer confirmed or corrected (P1: measures the recognition's field accuracy). */
export const OcrFieldSchema = z.strictObject({
  field: z.enum(Object.keys(OCR_FIELD_LABELS) as [OcrFieldName, ...OcrFieldName[]], { error: '识别字段无效' }),
  recognized: safeString().max(100),
  confidence: z.number({ error: '识别置信度须为 0–1 的数字' }).min(0, '识别置信度须为 0–1 的数字').max(1, '识别置信度须为 0–1 的数字'),
  final: safeString().max(100),
});
export type OcrField = z.infer<typeof OcrFieldSchema>;

export const VIOLATION_KINDS = { decision: '简易程序处罚决定书', warning: '警告' } as const;
export type ViolationKind = keyof typeof VIOLATION_KINDS;

export const ViolationBodySchema = z.strictObject({
  id: clientId(),
  kind: z.enum(['decision', 'warning'], { error: '请选择处罚种类' }),
  code: safeString({ error: '请选择违法代码' }).trim().min(4, '违法代码无效').max(5, '违法代码无效'),
  trafficMode: safeString({ error: '请选择交通方式' }).trim().min(2).max(3),
  party: ViolationPartySchema,
  plate: optionalPlate,
  place: text('违法地点', 100),
  occurredAt: instant('违法时间'),
  corrected: z.boolean({ error: '请说明是否已当场纠正' }),
  harm: z.boolean({ error: '请说明是否造成危害后果' }),
  fine: z.number({ error: '罚款金额须为整数元' }).int('罚款金额须为整数元').min(0, '罚款金额不能为负').max(5000, '罚款金额不能超过 5000 元').optional(),
  education: z.boolean().default(false),
  ocr: z.array(OcrFieldSchema).max(10).default([]),
});
export type ViolationBody = z.infer<typeof ViolationBodySchema>;

export const FirstViolationCheckSchema = ViolationBodySchema.pick({ code: true, party: true, plate: true, corrected: true, harm: true });
export type FirstViolationCheck = z.infer<typeof FirstViolationCheckSchema>;

/** P7: whether 首违免罚 applies, and why (or why not), in the words the handheld shows. */
export const FirstViolationDecisionSchema = z.object({ eligible: z.boolean(), reasons: z.array(z.string()) });
export type FirstViolationDecision = z.infer<typeof FirstViolationDecisionSchema>;

export const ViolationSchema = z.object({
  id: z.string(),
  decisionNo: z.string(),
  kind: z.enum(['decision', 'warning']),
  code: z.string(),
  codeName: z.string(),
  codeVersion: z.string(),
  trafficMode: z.string(),
  /** The mode's name in the code table version of the record's day (P8). */
  trafficModeName: z.string(),
  partyName: z.string(),
  partyIdNumber: z.string(),
  /** Masked like the name and ID number; null when the officer did not record one. */
  partyAddress: z.string().nullable(),
  plate: z.string().nullable(),
  place: z.string(),
  occurredAt: z.string(),
  fine: z.number().int(),
  firstViolation: FirstViolationDecisionSchema,
  educationRecordNo: z.string().nullable(),
  ocrCorrections: z.number().int(),
  officerName: z.string(),
  createdAt: z.string(),
  /** 已缴款: the payment made in the internet zone, once it crossed the gap (G10); null while unpaid. Refunds cross the same way. */
  payment: z
    .object({
      paidAt: z.string(),
      fineFen: z.number().int(),
      lateFeeFen: z.number().int(),
      channel: z.string(),
      refundedFen: z.number().int(),
      refundedAt: z.string().nullable(),
    })
    .nullable(),
});
export type Violation = z.infer<typeof ViolationSchema>;

/** What the handheld asks the server once per login: how to compress its photos (P11, parameters). */
export const HandheldSettingsSchema = z.object({ photoMaxSide: z.number().int(), photoQuality: z.number() });
export type HandheldSettings = z.infer<typeof HandheldSettingsSchema>;

/** P1 whole ID card on the handheld: the photo of the card's front inside the envelope (JSON, so base64). */
export const IdCardPhotoBodySchema = z.strictObject({
  image: z
    .string({ error: '请拍摄身份证正面照片' })
    .min(1, '请拍摄身份证正面照片')
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, '照片须为 base64 编码的图片')
    .describe('身份证正面（人像面）照片的 base64（JPEG、PNG、WebP）'),
});
const RecognisedFieldSchema = z.object({ value: z.string().nullable(), confidence: z.number() });
/** What the front of an ID card gives the party: each field with its confidence; `valid` is the number's check digit and birth date. */
export const IdCardPartySchema = z.object({
  name: RecognisedFieldSchema,
  idNumber: RecognisedFieldSchema,
  address: RecognisedFieldSchema,
  valid: z.boolean(),
});
export type IdCardParty = z.infer<typeof IdCardPartySchema>;

export const ViolationResultSchema = z.object({ violation: ViolationSchema, dailyCount: z.number().int(), dailyCap: z.number().int() });

export const ALCOHOL_VERDICTS = { none: '未饮酒', drink: '饮酒驾驶', drunk: '醉酒驾驶' } as const;
export type AlcoholVerdict = keyof typeof ALCOHOL_VERDICTS;

export const BreathTestBodySchema = z.strictObject({
  id: clientId(),
  deviceCode: safeString({ error: '请填写测试仪编号' }).trim().min(3, '测试仪编号无效').max(64, '测试仪编号无效'),
  calibrationDate: day('检定日期'),
  bracMgPerL: mgPerL,
  subject: PartySchema,
  plate: optionalPlate,
  place: text('检测地点', 100),
  testedAt: instant('检测时间'),
  /** The driver signed the result; a refusal or dispute requires a blood test (处理程序规定 art.35). */
  accepted: z.boolean({ error: '请说明当事人是否签字认可' }),
});
export type BreathTestBody = z.infer<typeof BreathTestBodySchema>;

/** P3/P6 按标准上传: where a record's upload stands. */
export const STANDARD_UPLOAD_STATUSES = { done: '已上传', rejected: '被退回', pending: '等待重试' } as const;
export const StandardUploadSchema = z
  .object({
    status: z.enum(['done', 'rejected', 'pending']),
    statusLabel: z.string(),
    receiptNo: z.string().nullable(),
    /** Why it was refused or is waiting (the far side's reason). */
    error: z.string().nullable(),
    /** 更正后重新上传, for the calling user (only a rejected record, with the permission). */
    actions: actionsSchema(['resend']),
  })
  .nullable();
export type StandardUpload = z.infer<typeof StandardUploadSchema>;

/** One attempt to send a record (the history kept per record): its outcome and the receipt or the reason. */
export const STANDARD_UPLOAD_OUTCOMES = { accepted: '已接收', rejected: '被退回', unavailable: '接口不可用' } as const;
export const StandardUploadAttemptSchema = z.object({
  attemptNo: z.number().int(),
  at: z.string(),
  format: z.string(),
  outcome: z.enum(['accepted', 'rejected', 'unavailable']),
  outcomeLabel: z.string(),
  receiptNo: z.string().nullable(),
  error: z.string().nullable(),
});
export type StandardUploadAttempt = z.infer<typeof StandardUploadAttemptSchema>;

export const BreathTestSchema = z.object({
  id: z.string(),
  deviceCode: z.string(),
  calibrationDate: z.string(),
  bracMgPerL: z.number(),
  bacMgPer100mL: z.number(),
  verdict: z.enum(['none', 'drink', 'drunk']),
  verdictLabel: z.string(),
  bloodTestRequired: z.boolean(),
  subjectName: z.string(),
  subjectIdNumber: z.string(),
  plate: z.string().nullable(),
  place: z.string(),
  testedAt: z.string(),
  deviceReadings: z.number().int(),
  officerName: z.string(),
  /** null: not sent yet (queued when written). */
  standardUpload: StandardUploadSchema,
});
export type BreathTest = z.infer<typeof BreathTestSchema>;

/** P4: what a breathalyser pushes, sealed and signed by the device (its envelope is the signature). */
export const DeviceReadingBodySchema = z.strictObject({
  messageId: safeString({ error: '缺少消息编号' }).trim().min(1).max(64),
  measuredAt: instant('测量时间'),
  bracMgPerL: mgPerL,
});
export const DeviceReadingSchema = z.object({
  id: z.number().int(),
  deviceCode: z.string(),
  messageId: z.string(),
  measuredAt: z.string(),
  bracMgPerL: z.number(),
  breathTestId: z.string().nullable(),
  receivedAt: z.string(),
});
export type DeviceReading = z.infer<typeof DeviceReadingSchema>;
export const DeviceReadingAckSchema = z.object({ id: z.number().int(), breathTestId: z.string().nullable(), duplicate: z.boolean() });
export const DeviceReadingQuerySchema = PageQuerySchema.extend({
  deviceCode: safeString().trim().max(64).optional(),
  from: day('起始日期').optional(),
  to: day('截止日期').optional(),
});
export const DeviceReadingStatSchema = z.object({ deviceCode: z.string(), day: z.string(), readings: z.number().int(), linked: z.number().int() });

/** P6: the chain of custody of a blood sample, in this order. */
export const CUSTODY_STEPS = {
  sealed: '封装',
  'handed-over': '送检移交',
  'lab-received': '检验机构接收',
  result: '出具结果',
  notified: '书面告知当事人',
} as const;
export type CustodyStep = keyof typeof CUSTODY_STEPS;

export const BloodSampleBodySchema = z.strictObject({
  id: clientId(),
  breathTestId: clientId('呼气检测编号').optional(),
  sampleNo: text('样本编号', 40),
  institution: text('抽血医疗机构', 60),
  drawer: text('抽血人', 30),
  drawnAt: instant('抽血时间'),
});
export const CustodyEventBodySchema = z.strictObject({
  step: z.enum(Object.keys(CUSTODY_STEPS) as [CustodyStep, ...CustodyStep[]], { error: '流转环节无效' }),
  at: instant('时间'),
  by: text('经手人', 30),
  note: safeString(undefined, '备注').trim().max(100, '备注不能超过 100 个字符').optional(),
  resultMgPer100mL: z.number({ error: '血液酒精含量须为数字（mg/100mL）' }).min(0, '血液酒精含量不能为负').max(1000, '血液酒精含量超出量程').optional(),
});
export const BloodSampleSchema = z.object({
  id: z.string(),
  sampleNo: z.string(),
  institution: z.string(),
  drawnAt: z.string(),
  breathTestId: z.string().nullable(),
  events: z.array(z.object({ step: z.string(), at: z.string(), by: z.string(), note: z.string().nullable() })),
  resultMgPer100mL: z.number().nullable(),
  /** Deadlines (parameters) passed without the step: overdue warnings. */
  overdue: z.array(z.string()),
  /** null: not sent yet (queued when the result is recorded). */
  standardUpload: StandardUploadSchema,
});
export type BloodSample = z.infer<typeof BloodSampleSchema>;

/**
 * P3/P6 更正后重新上传: what a supervisor may correct in a record the drink-driving platform rejected — the written
 * fields the upload format checks, never a measurement or the party's identity — with their names.
 */
export const STANDARD_UPLOAD_CORRECTABLE = {
  breath: { deviceCode: '测试仪编号', place: '检测地点', plate: '号牌号码' },
  blood: { sampleNo: '样本编号', institution: '抽血医疗机构' },
} as const;
export const BreathTestCorrectionSchema = BreathTestBodySchema.pick({ deviceCode: true, place: true, plate: true });
export const BloodSampleCorrectionSchema = BloodSampleBodySchema.pick({ sampleNo: true, institution: true });
export type BreathTestCorrection = z.infer<typeof BreathTestCorrectionSchema>;
export type BloodSampleCorrection = z.infer<typeof BloodSampleCorrectionSchema>;

/** P9: grounds of 先予扣留 (上海市道路交通管理条例 art.81). */
export const DETENTION_GROUNDS = {
  unregistered: '未登记的非机动车或其他通行工具',
  modified: '改装的非机动车或使用伪造、变造、他人号牌',
  'non-disabled-wheelchair': '非残疾人驾驶残疾人机动轮椅车',
  'refused-fine': '非机动车驾驶人拒绝接受罚款',
  other: '其他依法应当扣留的情形',
} as const;
export type DetentionGround = keyof typeof DETENTION_GROUNDS;

export const DetentionBodySchema = z.strictObject({
  id: clientId(),
  ground: z.enum(Object.keys(DETENTION_GROUNDS) as [DetentionGround, ...DetentionGround[]], { error: '请选择扣留依据' }),
  trafficMode: safeString({ error: '请选择通行工具类别' }).trim().min(2).max(3),
  description: text('通行工具描述', 100),
  plate: optionalPlate,
  party: PartySchema,
  storagePlace: text('停放保管地点', 100),
  detainedAt: instant('扣留时间'),
  violationId: clientId('违法记录编号').optional(),
});
export const DetentionReleaseBodySchema = z.strictObject({ releasedAt: instant('放行时间'), note: text('放行说明', 100) });
export const DetentionSchema = z.object({
  id: z.string(),
  voucherNo: z.string(),
  ground: z.string(),
  groundLabel: z.string(),
  trafficMode: z.string(),
  trafficModeName: z.string(),
  description: z.string(),
  plate: z.string().nullable(),
  partyName: z.string(),
  storagePlace: z.string(),
  detainedAt: z.string(),
  releasedAt: z.string().nullable(),
  officerName: z.string(),
});
export type Detention = z.infer<typeof DetentionSchema>;

/** P12: the purposes that justify asking the delivery platforms for a rider's phone. */
export const RIDER_CONTACT_PURPOSES = { 'off-site-violation': '非现场违法通知', accident: '事故处理联系', evidence: '调查取证' } as const;
export const RiderContactBodySchema = z.strictObject({
  idNumber: idNumberField('骑手身份证号码'),
  purpose: z.enum(Object.keys(RIDER_CONTACT_PURPOSES) as [keyof typeof RIDER_CONTACT_PURPOSES, ...(keyof typeof RIDER_CONTACT_PURPOSES)[]], {
    error: '请选择查询事由',
  }),
  reason: text('查询原因', 100, 4),
});
export const RiderContactSchema = z.object({
  masked: z.boolean(),
  contacts: z.array(z.object({ platform: z.string(), riderName: z.string(), phone: z.string() })),
});

/** P10: the handheld query log (audit records of handheld queries) and its statistics. */
export const QueryLogQuerySchema = PageQuerySchema.extend({
  from: day('起始日期').optional(),
  to: day('截止日期').optional(),
  username: safeString().trim().max(64).optional(),
});
export const QueryLogItemSchema = z.object({
  id: z.number().int(),
  ts: z.string(),
  username: z.string().nullable(),
  departmentName: z.string().nullable(),
  action: z.string(),
  keys: z.array(z.string()),
  found: z.number().int().nullable(),
  /** The handheld (device code) the query came from. */
  device: z.string().nullable(),
  result: z.string(),
});
export const QueryLogStatSchema = z.object({ username: z.string(), day: z.string(), queries: z.number().int(), found: z.number().int() });

/** 工作台 card: counts in the reader's data scope. */
export const EnforcementCountsSchema = z.object({
  violationsToday: z.number().int(),
  /** 先予扣留 not yet released. */
  detentionsHeld: z.number().int(),
  /** P3/P6 standard uploads refused (to correct and resend) and waiting for the job's retry. */
  uploadsRejected: z.number().int(),
  uploadsPending: z.number().int(),
});
export type EnforcementCounts = z.infer<typeof EnforcementCountsSchema>;

export const EnforcementListQuerySchema = PageQuerySchema.extend({ from: day('起始日期').optional(), to: day('截止日期').optional() });

/** P1 field accuracy on the road: per field, how often the officer kept what the camera read (tickets' creation days). */
export const OcrAccuracyQuerySchema = EnforcementListQuerySchema.pick({ from: true, to: true });
export const OcrAccuracySchema = z.object({
  field: z.string(),
  label: z.string(),
  recognised: z.number().int(),
  corrected: z.number().int(),
  /** Share of recognised values the officer kept unchanged, 0–1. */
  accuracy: z.number(),
  meanConfidence: z.number(),
});
export type OcrAccuracy = z.infer<typeof OcrAccuracySchema>;

/** P11: a photo uploaded through /api/uploads (resumable), attached to one of the handheld's records. */
export const PHOTO_RECORD_TYPES = ['violation', 'breath-test', 'detention'] as const;
export const PhotoAttachBodySchema = z.strictObject({
  id: clientId('照片编号'),
  recordType: z.enum(PHOTO_RECORD_TYPES, { error: '记录类型无效' }),
  recordId: clientId('记录编号'),
  uploadId: safeString({ error: '缺少上传编号' }).trim().min(1).max(200),
});
export const PhotoSchema = z.object({
  id: z.string(),
  recordType: z.string(),
  recordId: z.string(),
  digest: z.string(),
  size: z.number().int(),
  mime: z.string(),
  createdAt: z.string(),
});
export const PhotoListQuerySchema = z.strictObject({ recordType: z.enum(PHOTO_RECORD_TYPES, { error: '记录类型无效' }), recordId: clientId('记录编号') });

/** Audit actions of the module, named for people (its part of the audit action catalogue). */
export const ENFORCEMENT_AUDIT_ACTIONS: Readonly<Record<string, string>> = {
  'enforcement.violation': '录入违法记录',
  'enforcement.violations.export': '导出处罚决定书与警告',
  'enforcement.detentions.export': '导出先予扣留凭证',
  'enforcement.breath-tests.export': '导出呼气酒精检测',
  'enforcement.blood-samples.export': '导出血液样本',
  'enforcement.device-readings.export': '导出酒精测试仪数据',
  'enforcement.first-violation-check': '首违免罚核查',
  'enforcement.breath-test': '呼气酒精检测',
  'enforcement.device-reading': '接收酒精检测仪读数',
  'enforcement.blood-sample': '登记血液样本',
  'enforcement.blood-custody': '血液样本流转登记',
  'enforcement.detention': '先予扣留',
  'enforcement.detention-release': '解除扣留',
  'enforcement.photo': '上传现场照片',
  'enforcement.photo-view': '查看现场照片',
  'enforcement.ticket-pdf': '下载决定书/警告 PDF',
  'enforcement.standard-upload': '酒精/血液检测按标准上传',
  'enforcement.standard-upload-resend': '更正被退回的酒精/血液检测记录并重新上传',
  'enforcement.rider-contact': '查询骑手联系方式',
  'enforcement.fine-refunded': '罚款退款入账（互联网区经数据交换送达）',
};
