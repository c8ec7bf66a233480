import { z } from 'zod';
import { actionsSchema } from '../platform/actions.ts';
import { codeField, idField, idParam, PageQuerySchema, text, versionField } from '../platform/common.ts';
import { checkIdNumber } from '../validators/id-number.ts';
import { checkUscc } from '../validators/uscc.ts';
import { phoneField, plateField, safeString, usccField, vinField } from '../validators/zod.ts';

/**
 * 机动车临牌查验 (T1–T12, T22–T26): temporary-plate businesses from the 车驾管 system, the warning rules that check
 * them, and the warning work orders. Case types follow 公安部令164 art.46–48 (DOMAIN.md §2).
 */

/** 临牌办理情形 (DOMAIN.md §2): the case decides the extra materials, the longest validity and the issue limit. */
export const CASE_TYPES = {
  unsold: '未销售的',
  purchased: '购买、调拨、赠予等未注册登记',
  export: '新车出口销售',
  test: '科研、定型试验',
  oversize: '超限特型车辆',
  plate_production: '注册登记号牌制作中',
  plate_replacement: '补换号牌期间',
  transfer_out: '转出外省市',
  used_export: '二手车出口企业收购',
  icv_test: '智能网联汽车测试',
} as const;
export type CaseType = keyof typeof CASE_TYPES;

/** 影像化资料 kinds: what the 车驾管 system scans per business (art.47). */
export const MATERIAL_KINDS = {
  owner_id: '所有人身份证明',
  insurance: '交强险凭证',
  certificate: '出厂合格证明或进口凭证',
  invoice: '来历证明（购车发票）',
  export_proof: '出口证明',
  safety_check: '安全技术检验证明',
  application: '书面申请',
  test_permit: '道路测试许可',
} as const;
export type MaterialKind = keyof typeof MATERIAL_KINDS;

/**
 * The materials each case requires by default (公安部令164 art.47: every case the owner's ID and the 交强险; then
 * per case). The parameter tempplate.t7.requiredMaterials starts from this.
 */
export const DEFAULT_REQUIRED_MATERIALS: Record<CaseType, MaterialKind[]> = {
  unsold: ['owner_id', 'insurance', 'certificate'],
  purchased: ['owner_id', 'insurance', 'invoice', 'certificate'],
  export: ['owner_id', 'insurance', 'safety_check', 'export_proof'],
  test: ['owner_id', 'insurance', 'application', 'safety_check'],
  oversize: ['owner_id', 'insurance', 'certificate'],
  plate_production: ['owner_id', 'insurance'],
  plate_replacement: ['owner_id', 'insurance'],
  transfer_out: ['owner_id', 'insurance'],
  used_export: ['owner_id', 'insurance', 'invoice'],
  icv_test: ['owner_id', 'insurance', 'test_permit', 'safety_check'],
};

/** Material images per business and the size of one (base64 of 6 MB). */
export const MAX_IMAGES = 8;
const MAX_IMAGE_BASE64 = Math.ceil((6 * 1024 * 1024) / 3) * 4;

export const ID_TYPES = { A: '居民身份证', B: '统一社会信用代码', C: '其他身份证明' } as const;
export type IdType = keyof typeof ID_TYPES;

/**
 * The warning rules (REQUIREMENTS T1–T10, and X1–X7, X9 from the risk signals of DOMAIN.md §2, off by default; no X8:
 * the intake carries no insurer or policy start date); each is
 * one file in the server's rules/ folder.
 */
export const RULES = {
  T1: '同一车架号办理临牌次数过多',
  T2: '非工作时间办理',
  T3: '临牌车主与发票车主、上牌车主身份证明号码均不一致',
  T4: 'VIN 与发票影像不一致',
  T5: '身份证明号码与发票影像不一致',
  T6: '所有人名称与发票影像不一致',
  T7: '影像化资料缺失',
  T8: '发票影像化资料不规范',
  T9: '外地身份证办理临牌占比异常',
  T10: '非沪籍临牌办理查询',
  X1: '临牌有效期超过交强险终止日期',
  X2: '同一联系电话对应多名所有人',
  X3: '注册登记后仍以未登记情形办理临牌',
  X4: '出口情形多次办理临牌',
  X5: '同一所有人名下多辆车办理临牌',
  X6: '来历凭证号码用于多辆车',
  X7: '办理民警或登记服务站发放量远高于同行',
  X9: '临牌有效期满后仍有交通违法',
} as const;
export type RuleCode = keyof typeof RULES;
export const RULE_CODES = Object.keys(RULES) as RuleCode[];
/** The rules of the specification (T1–T10), enabled by default; the extra risk signals are enabled by a supervisor. */
export const SPEC_RULE_CODES = RULE_CODES.filter((c) => c.startsWith('T'));

export const SEVERITIES = { high: '高', medium: '中', low: '低' } as const;
export type Severity = keyof typeof SEVERITIES;

/** Work-order states (T22–T24): 待分配 → 待初核 → 待复核 → 已办结; a returned order goes back to 待初核. */
export const ORDER_STATES = { unassigned: '待分配', first_check: '待初核', review: '待复核', closed: '已办结' } as const;
export type OrderState = keyof typeof ORDER_STATES;
/** 初核结论 (T23). */
export const FIRST_CHECK_RESULTS = { confirmed: '属实', unfounded: '不属实', unverifiable: '无法核实' } as const;
export type FirstCheckResult = keyof typeof FIRST_CHECK_RESULTS;
/** 复核意见 (T24): agree keeps the first check's result, return sends it back, overrule replaces the result. */
export const REVIEW_DECISIONS = { agree: '同意', return: '退回重核', overrule: '改判' } as const;
export type ReviewDecision = keyof typeof REVIEW_DECISIONS;
export const ORDER_ACTIONS = ['assign', 'firstCheck', 'review'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** Audit actions of the module, named for people (its part of the audit action catalogue). */
export const TEMPPLATE_AUDIT_ACTIONS: Readonly<Record<string, string>> = {
  'tempplate.business.receive': '接收临牌业务',
  'tempplate.reevaluate': '按新规则重新评估历史业务',
  'tempplate.origin.backfill': '补填历史业务的来历凭证号码',
  'tempplate.warning.read': '查看预警',
  'tempplate.image.read': '查看临牌影像化资料',
  'tempplate.warnings.export': '导出临牌预警',
  'tempplate.stats.export': '导出临牌统计报表',
  'tempplate.risk.read': '查看风险画像',
  'tempplate.order.assign': '分派工单',
  'tempplate.order.reassign': '改派工单',
  'tempplate.order.auto_assign': '按规则自动分配工单',
  'tempplate.order.remind': '超期工单催办',
  'tempplate.attachment.add': '上传初核附件',
  'tempplate.attachment.read': '查看初核附件',
  'tempplate.order.first_check': '工单初核',
  ...Object.fromEntries(Object.entries(REVIEW_DECISIONS).map(([code, label]) => [`tempplate.order.review_${code}`, `工单复核：${label}`])),
};

const isoTime = (label: string) => z.iso.datetime({ offset: true, error: `${label}须为带时区的 ISO 8601 时间` });
const isoDate = (label: string) => z.iso.date({ error: `${label}须为 YYYY-MM-DD` });

/** A person or unit named on the business: the ID number is checked by its type. */
const identity = (label: string) =>
  z
    .strictObject({
      name: text(`${label}名称`, 100),
      idType: codeField(ID_TYPES, `${label}身份证明类型`),
      idNumber: text(`${label}身份证明号码`, 32),
    })
    .superRefine((v, c) => {
      const bad = (v.idType === 'A' && !checkIdNumber(v.idNumber).ok) || (v.idType === 'B' && !checkUscc(v.idNumber).ok) ? `${label}身份证明号码无效` : null;
      if (bad) c.addIssue({ code: 'custom', path: ['idNumber'], message: bad });
    });

/** One temporary-plate business as the 车驾管 system delivers it (intake, T1–T10 input). */
export const BusinessIntakeSchema = z.strictObject({
  sourceId: text('车驾管流水号', 40),
  plate: plateField('临牌号码', { vehicle: 'motor' }),
  vin: vinField(),
  vehicleType: text('车辆类型', 40),
  caseType: codeField(CASE_TYPES, '办理情形'),
  owner: identity('所有人'),
  /** 发证机关所在地 (first six digits of an ID number, or the region the document names). */
  ownerRegion: z.string().regex(/^\d{6}$/, '证件签发地须为 6 位行政区划代码'),
  phone: phoneField(),
  agent: identity('代办人').optional(),
  dealer: z.strictObject({ name: text('销售单位名称', 100), uscc: usccField('销售单位统一社会信用代码') }).optional(),
  invoice: z
    .strictObject({
      number: text('发票号码', 30),
      buyerName: text('发票购买方名称', 100),
      buyerIdNumber: text('发票购买方身份证明号码', 32),
      vin: vinField('发票车辆识别代号'),
      issuedOn: isoDate('开票日期'),
    })
    .optional(),
  /** 上牌车主: the owner the vehicle was registered to, if already registered. */
  registeredOwnerIdNumber: text('上牌车主身份证明号码', 32).optional(),
  insurance: z.strictObject({ policyNo: text('交强险保单号', 40), endDate: isoDate('交强险终止日期') }),
  materials: z.array(codeField(MATERIAL_KINDS, '影像化资料类型')).max(20, '影像化资料最多 20 项'),
  /** The scanned material images (JPEG or PNG, base64); the invoice image is read by the recognition module (T4–T6). */
  images: z
    .array(
      z.strictObject({
        material: codeField(MATERIAL_KINDS, '影像类型'),
        data: z.base64({ error: '影像内容须为 Base64 编码' }).max(MAX_IMAGE_BASE64, '单张影像不能超过 6 MB'),
      }),
    )
    .max(MAX_IMAGES, `影像最多 ${MAX_IMAGES} 张`)
    .optional(),
  departmentCode: z.string().regex(/^\d{12}$/, '办理部门代码须为 12 位'),
  officer: text('经办民警', 40),
  acceptedAt: isoTime('受理时间'),
  issuedAt: isoTime('发放时间'),
  validFrom: isoDate('有效期起'),
  validTo: isoDate('有效期止'),
});
export type BusinessIntake = z.infer<typeof BusinessIntakeSchema>;

export const IntakeResultSchema = z.object({ businessId: z.number(), duplicate: z.boolean(), warnings: z.array(z.string()) });

/** What a rule saw and compared: shown next to the warning so a supervisor can judge it. */
export const EvidenceSchema = z.object({
  /** Items compared: what the business says, what it was compared with; personal values masked. */
  compared: z.array(z.object({ item: z.string(), value: z.string().nullable(), against: z.string().nullable() })),
  threshold: z.string().nullable(),
  window: z.string().nullable(),
  /** Related businesses (e.g. the earlier plates of a VIN). */
  related: z.array(z.object({ businessId: z.number(), plate: z.string(), issuedAt: z.string() })),
  /** Material images involved, with the box `[x0, y0, x1, y1]` (image pixels) where the recognition found the value. */
  images: z.array(z.object({ material: z.string(), box: z.array(z.number()).length(4).nullable() })),
  note: z.string().nullable(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** 风险画像 subjects: who a business names, scored from the warnings of their businesses and the orders' outcomes. */
export const RISK_SUBJECTS = { dealer: '销售单位', officer: '经办民警', agent: '代办人', holder: '身份证明持有人' } as const;
export type RiskSubject = keyof typeof RISK_SUBJECTS;

export const RiskQuerySchema = z
  .strictObject({ kind: codeField(RISK_SUBJECTS, '画像对象类型'), from: isoDate('开始日期'), to: isoDate('结束日期') })
  .refine((q) => q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期' });
export const RiskProfileQuerySchema = z
  .strictObject({
    kind: codeField(RISK_SUBJECTS, '画像对象类型'),
    key: safeString().trim().min(1, '请指定画像对象').max(80, '画像对象标识过长'),
    from: isoDate('开始日期'),
    to: isoDate('结束日期'),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期' });
const outcomeCounts = { warnings: z.number(), confirmed: z.number(), unfounded: z.number(), open: z.number(), score: z.number() };
/** One subject of the ranking; `label` is masked for people (agents, ID holders), the key is opaque for them (a blind index). */
export const RiskRowSchema = z.object({ key: z.string(), label: z.string(), ...outcomeCounts });
export const RiskProfileSchema = z.object({
  kind: z.string(),
  key: z.string(),
  label: z.string(),
  formula: z.string(),
  ...outcomeCounts,
  /** Which rules made the score: warnings and points per rule. */
  byRule: z.array(z.object({ rule: z.string(), ruleName: z.string(), warnings: z.number(), confirmed: z.number(), points: z.number() })),
});
export type RiskRow = z.infer<typeof RiskRowSchema>;
export type RiskProfile = z.infer<typeof RiskProfileSchema>;

/** Inboxes (T22–T24): orders waiting for assignment, or for the caller's department's first check or review. */
export const INBOXES = { unassigned: '待分配', first_check: '待我初核', review: '待我复核', reminded: '超期催办' } as const;

export const WarningListQuerySchema = PageQuerySchema.extend({
  inbox: codeField(INBOXES, '收件箱').optional(),
  overdue: z.enum(['true', 'false'], { error: '超期筛选无效' }).optional(),
  rule: codeField(RULES, '规则').optional(),
  state: codeField(ORDER_STATES, '工单状态').optional(),
  departmentId: idParam('部门').optional(),
  vin: safeString().trim().max(17, '车辆识别代号最多 17 位').optional(),
  from: isoDate('开始日期').optional(),
  to: isoDate('结束日期').optional(),
  /** The warnings of one risk subject (风险画像 timeline): its kind and key as the ranking gives them. */
  subjectKind: codeField(RISK_SUBJECTS, '画像对象类型').optional(),
  subjectKey: safeString().trim().max(80, '画像对象标识过长').optional(),
});
export type WarningListQuery = z.infer<typeof WarningListQuerySchema>;

export const OrderActionsSchema = actionsSchema(ORDER_ACTIONS);
export type OrderActions = z.infer<typeof OrderActionsSchema>;

export const WarningItemSchema = z.object({
  id: z.number(),
  rule: z.string(),
  ruleName: z.string(),
  ruleVersion: z.number(),
  paramSetVersion: z.number(),
  severity: z.string(),
  summary: z.string(),
  businessId: z.number(),
  plate: z.string(),
  vin: z.string(),
  caseType: z.string(),
  departmentName: z.string(),
  issuedAt: z.string(),
  raisedAt: z.string(),
  state: z.string(),
  assigneeDepartmentName: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  /** When the reminder job found it past its deadline (shown to the department it waits for). */
  remindedAt: z.string().nullable(),
  result: z.string().nullable(),
  version: z.number(),
  actions: OrderActionsSchema,
});
export type WarningItem = z.infer<typeof WarningItemSchema>;

export const OrderStepSchema = z.object({
  action: z.string(),
  actionName: z.string(),
  by: z.string(),
  at: z.string(),
  result: z.string().nullable(),
  text: z.string().nullable(),
  signed: z.boolean(),
});

/** A file attached to the first check (T23): download at GET /api/tempplate/warnings/:id/attachments/:attachmentId. */
export const OrderAttachmentSchema = z.object({ id: z.number(), filename: z.string(), mime: z.string(), size: z.number(), by: z.string(), at: z.string() });
export type OrderAttachment = z.infer<typeof OrderAttachmentSchema>;

export const WarningDetailSchema = WarningItemSchema.extend({
  evidence: EvidenceSchema,
  business: z.object({
    sourceId: z.string(),
    vehicleType: z.string(),
    ownerName: z.string(),
    ownerIdNumber: z.string(),
    phone: z.string(),
    dealer: z.string().nullable(),
    officer: z.string(),
    acceptedAt: z.string(),
    validFrom: z.string(),
    validTo: z.string(),
    insuranceEnd: z.string(),
    materials: z.array(z.string()),
    /** The stored material images (GET /api/tempplate/warnings/:id/images/:index); evidence names them by material. */
    images: z.array(z.object({ index: z.number(), material: z.string(), width: z.number().nullable(), height: z.number().nullable() })),
  }),
  steps: z.array(OrderStepSchema),
  attachments: z.array(OrderAttachmentSchema),
});
export type WarningDetail = z.infer<typeof WarningDetailSchema>;

export const AssignBodySchema = z.strictObject({
  ids: z
    .array(idField('预警', { column: 'bigint' }), { error: '请选择工单' })
    .min(1, '请选择工单')
    .max(200, '一次最多分配 200 条'),
  departmentId: idField('初核部门', { missing: '请选择初核部门' }),
  reviewDepartmentId: idField('复核部门', { missing: '请选择复核部门' }),
});
export const FirstCheckBodySchema = z.strictObject({
  version: versionField,
  result: codeField(FIRST_CHECK_RESULTS, '初核结论'),
  text: text('初核意见', 1000),
});
export const ReviewBodySchema = z
  .strictObject({
    version: versionField,
    decision: codeField(REVIEW_DECISIONS, '复核意见'),
    result: codeField(FIRST_CHECK_RESULTS, '改判结论').optional(),
    text: text('复核说明', 1000),
  })
  .refine((b) => b.decision !== 'overrule' || b.result !== undefined, { path: ['result'], message: '改判须选择改判结论' });
export type FirstCheckBody = z.infer<typeof FirstCheckBodySchema>;
export type ReviewBody = z.infer<typeof ReviewBodySchema>;

export const EvaluateBodySchema = z.strictObject({ from: isoDate('开始日期'), to: isoDate('结束日期') }).refine((b) => b.from <= b.to, {
  path: ['to'],
  message: '结束日期不能早于开始日期',
});

/** 监管参数 versions (T26): every set of values the rules ran under, and the values in force now. */
export const ParamSetsSchema = z.object({
  current: z.record(z.string(), z.unknown()),
  /** The version of the values in force, null until an evaluation has run under them. */
  currentVersion: z.number().nullable(),
  versions: z.array(z.object({ version: z.number(), createdAt: z.string(), values: z.record(z.string(), z.unknown()) })),
});
export type ParamSets = z.infer<typeof ParamSetsSchema>;

export const StatsQuerySchema = z.strictObject({
  from: z.string().regex(/^\d{4}-\d{2}$/, '开始月份须为 YYYY-MM'),
  to: z.string().regex(/^\d{4}-\d{2}$/, '结束月份须为 YYYY-MM'),
});
/** 临牌办理部门统计 (T12) over any range of days (Beijing dates, both inclusive). */
export const IntakeStatsQuerySchema = z
  .strictObject({ from: isoDate('开始日期'), to: isoDate('结束日期') })
  .refine((q) => q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期' });
export const IntakeStatsRowSchema = z.object({
  departmentId: z.number(),
  departmentName: z.string(),
  businesses: z.number(),
  /** Of them, owners with a resident ID card, and those issued outside Shanghai (the T9 share). */
  idCards: z.number(),
  nonLocal: z.number(),
});
export type IntakeStatsRow = z.infer<typeof IntakeStatsRowSchema>;
export const InboxCountsSchema = z.object({
  unassigned: z.number(),
  first_check: z.number(),
  review: z.number(),
  /** Orders waiting for the caller's department, past their deadline and reminded. */
  reminded: z.number(),
  overdue: z.number(),
});

export const RuleStatsRowSchema = z.object({
  rule: z.string(),
  ruleName: z.string(),
  raised: z.number(),
  assigned: z.number(),
  firstChecked: z.number(),
  closed: z.number(),
  confirmed: z.number(),
  overdue: z.number(),
  /** Confirmed ÷ closed: the rule's precision, null before any is closed. */
  confirmedRate: z.number().nullable(),
});
export const DepartmentStatsRowSchema = z.object({
  departmentId: z.number(),
  departmentName: z.string(),
  month: z.string(),
  rule: z.string(),
  count: z.number(),
});
