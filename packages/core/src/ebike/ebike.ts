import { z } from 'zod';
import { ActionDecisionSchema, actionsSchema } from '../platform/actions.ts';
import { codeField, idField, PageQuerySchema, PG_INTEGER_MAX, text, versionField as version } from '../platform/common.ts';
import { securityLabelField } from '../platform/security-labels.ts';
import { SHANGHAI_DISTRICTS } from '../validators/shanghai-districts.ts';
import { idNumberField, phoneField, safeString, textFieldError, usccField } from '../validators/zod.ts';

/**
 * 电动自行车 (non-motor vehicle) registration: codes and API schemas shared by server and console.
 * Codes follow the 六合一 style of DOMAIN.md §1.3–1.5; where marked [A] they are assumptions kept as data.
 */

export const NMV_TYPES = { ebike: '电动自行车', wheelchair: '残疾人机动轮椅车', tricycle: '人力三轮车' } as const;
export type NmvType = keyof typeof NMV_TYPES;

export const EBIKE_BUSINESS_TYPES = {
  register: '注册登记',
  transfer: '转移登记',
  change: '变更登记',
  cancel: '注销登记',
  replace_plate: '补换牌登记',
  theft: '失窃登记',
  recover: '失窃找回',
  correct: '更正',
  lock: '锁定',
  unlock: '解锁',
} as const;
export type EbikeBusinessType = keyof typeof EBIKE_BUSINESS_TYPES;

/** Audit actions of the module, named for people (its part of the audit action catalogue). */
export const EBIKE_AUDIT_ACTIONS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(EBIKE_BUSINESS_TYPES).map(([type, label]) => [`ebike.${type}`, label])),
  'ebike.query': '车辆查询',
  'ebike.query.export': '导出车辆查询结果',
  'ebike.appointments': '查看非机动车登记预约',
  'ebike.appointment-arrival': '登记预约到场状态',
  'ebike.preregistrations': '查看网上预登记',
  'ebike.preregistration-pii-view': '查看网上预登记明文',
  'ebike.preregistration-decision': '受理或退回网上预登记',
  'ebike.preregistration-draft': '按网上预登记预填注册登记（明文）',
  'ebike.preregistration-photo': '查看网上预登记照片',
  'ebike.pda-query': '移动终端车辆查询',
  'ebike.detail': '查看车辆档案',
  'ebike.pii-view': '查看车主完整信息',
  'ebike.label': '设置车辆安全标记',
  'ebike.upload.resend': '重新上传六合一',
  'ebike.upload.reconcile': '与六合一对账',
  'ebike.upload.export': '导出六合一上传记录',
  'ebike.projection-check': '核对当前登记与业务台账',
  'ebike.projection-check.request': '申请立即核对当前登记与业务台账',
  'ebike.plate.generate': '生成号段',
  'ebike.plate.export': '导出号牌库存',
};
/** The businesses done on a registered vehicle (all but 注册登记), in the order the console offers them. */
export const VEHICLE_BUSINESSES = [
  'transfer',
  'change',
  'replace_plate',
  'theft',
  'recover',
  'correct',
  'lock',
  'unlock',
  'cancel',
] as const satisfies readonly EbikeBusinessType[];
export type VehicleBusiness = (typeof VEHICLE_BUSINESSES)[number];

/** 号牌种类: ordinary, or the 专用号牌 of delivery e-bikes (上海市非机动车安全管理条例 art.14 ¶2). */
export const PLATE_KINDS = { P: '普通号牌', K: '专用号牌（快递外卖）' } as const;
export type PlateKindCode = keyof typeof PLATE_KINDS;
/** A pool number's state as shown (cooling: returned, free again after the cooling period). */
export const PLATE_STATUS = { free: '空闲', cooling: '冷却中', allocated: '已分配', retired: '已作废' } as const;
export type PlateStatus = keyof typeof PLATE_STATUS;

export const OWNER_TYPES = { '1': '个人', '2': '单位' } as const;
export const CANCEL_REASONS = { stolen: '被盗', lost: '遗失', destroyed: '灭失', unused: '不再使用', other: '其他' } as const;
export const TRANSFER_MODES = { BA: '辖区内转移不换号', BB: '辖区内转移换号' } as const;
/** 业务原因 (ywyy) codes the ledger records, named for the console (DOMAIN §1.3). */
export const BUSINESS_REASON_CODES = { ...TRANSFER_MODES, DC: '变更车身颜色' } as const;
export const REPLACE_MODES = { lost: '补领（号牌遗失）', damaged: '换领（号牌损坏）' } as const;
export const ACQUIRE_WAYS = { purchase: '购买', gift: '赠予', inherit: '继承', other: '其他' } as const;
export const BATTERY_TYPES = { lead_acid: '铅酸蓄电池', lithium: '锂离子电池', other: '其他' } as const;
/** Body colour codes of GA 24.8 as used by 六合一 (csys). */
export const COLOURS = { A: '白', B: '灰', C: '黄', D: '粉', E: '红', F: '紫', G: '绿', H: '蓝', I: '棕', J: '黑', Z: '其他' } as const;
/**
 * 上传状态: failed = the far side unavailable until the attempts ran out (resend); rejected = the far side refused the
 * content (repair through 更正); waiting = an earlier business of the vehicle is not accepted yet; repaired = a
 * rejected business whose corrected form (an 更正 of it) the far side accepted.
 */
export const UPLOAD_STATUS = {
  pending: '待上传',
  uploading: '上传中',
  done: '已上传',
  failed: '失败',
  rejected: '上传被拒',
  waiting: '等待前序业务',
  repaired: '已更正重报',
} as const;
export type UploadStatus = keyof typeof UPLOAD_STATUS;

const districtField = codeField(SHANGHAI_DISTRICTS, '登记行政区划');
/** A chosen plate number (omitted = allocated from the pool); the service checks its format. */
const plateNumberInput = safeString().trim().toUpperCase().optional();
const colours = z
  .array(codeField(COLOURS, '车身颜色'), { error: '车身颜色必须选择' })
  .min(1, '车身颜色必须选择')
  .max(3, '车身颜色最多 3 种')
  .refine((c) => new Set(c).size === c.length, '车身颜色不能重复选择');
const isoDate = (label: string) => safeString({ error: `${label}必须填写` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`);

/** 整车编码: 15 digits, from the CCC certificate (DOMAIN.md §1.2). */
export const zcbmField = safeString({ error: '整车编码必须填写' })
  .trim()
  .regex(/^\d{15}$/, '整车编码须为 15 位数字');
/** 电机号: manufacturer-specific [A]; letters, digits and '-' only. */
export const motorNoField = safeString({ error: '电机号必须填写' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9-]{6,30}$/, '电机号应为 6–30 位字母、数字或“-”');
/** CCC 证书编号: 16 digits in current CQC certificates [A]. */
export const cccField = safeString({ error: 'CCC 证书编号必须填写' })
  .trim()
  .regex(/^\d{16}$/, 'CCC 证书编号须为 16 位数字');

export const OwnerSchema = z.discriminatedUnion(
  'ownerType',
  [
    z.strictObject({
      ownerType: z.literal('1'),
      idNumber: idNumberField('所有人身份证号码'),
      name: text('所有人姓名', 30),
      phone: phoneField('联系电话'),
      districtCode: districtField,
      address: text('住所地址', 100, 4),
    }),
    z.strictObject({
      ownerType: z.literal('2'),
      idNumber: usccField('单位统一社会信用代码'),
      name: text('单位名称', 60),
      phone: phoneField('联系电话'),
      districtCode: districtField,
      address: text('单位地址', 100, 4),
    }),
  ],
  { error: '所有人类型无效' },
);
export type OwnerInput = z.infer<typeof OwnerSchema>;

export const AgentSchema = z.strictObject({ idNumber: idNumberField('代理人身份证号码'), name: text('代理人姓名', 30) });

export const VehicleItemsSchema = z.strictObject({
  vehicleType: codeField(NMV_TYPES, '车辆类型').default('ebike'),
  zcbm: zcbmField,
  motorNo: motorNoField,
  brand: text('品牌', 30),
  model: text('型号', 30),
  colours,
  cccCertNo: cccField,
  hgzNo: safeString().trim().max(30, '合格证编号不能超过 30 个字符').optional(),
  batteryType: codeField(BATTERY_TYPES, '蓄电池类型'),
  batteryVoltage: z.number({ error: '蓄电池标称电压必须填写' }).positive('蓄电池标称电压须为正数').max(60, '蓄电池标称电压不能超过 60 V'),
  purchaseDate: isoDate('购买日期'),
  acquireWay: codeField(ACQUIRE_WAYS, '获得方式'),
  originProof: text('来历凭证编号', 30),
});
export type VehicleItems = z.infer<typeof VehicleItemsSchema>;

/** 网上预登记编号 (G13): YD, the Shanghai day it was filed, 10 hex digits. */
export const PREREGISTRATION_NO = /^YD\d{8}[0-9A-F]{10}$/;

export const RegisterBodySchema = z.strictObject({
  vehicle: VehicleItemsSchema,
  owner: OwnerSchema,
  agent: AgentSchema.optional(),
  plateKind: codeField(PLATE_KINDS, '号牌种类'),
  /** A free number chosen by the owner; omitted = allocated from the department's pool. */
  plateNumber: plateNumberInput,
  /** G13: the accepted 网上预登记 this registration completes (its status becomes 已登记 with the business's 流水号). */
  preregNo: safeString({ error: '预登记编号格式不正确' }).regex(PREREGISTRATION_NO, '预登记编号格式不正确').optional(),
});
export type RegisterBody = z.infer<typeof RegisterBodySchema>;

export const TransferBodySchema = z.strictObject({
  version,
  mode: codeField(TRANSFER_MODES, '转移方式'),
  owner: OwnerSchema,
  agent: AgentSchema.optional(),
  plateNumber: plateNumberInput,
});

export const ChangeBodySchema = z
  .strictObject({
    version,
    colours: colours.optional(),
    phone: phoneField('联系电话').optional(),
    districtCode: districtField.optional(),
    address: text('住所地址', 100, 4).optional(),
    batteryType: codeField(BATTERY_TYPES, '蓄电池类型').optional(),
    batteryVoltage: z.number({ error: '蓄电池标称电压须为数字' }).positive('蓄电池标称电压须为正数').max(60, '蓄电池标称电压不能超过 60 V').optional(),
    /** 普通 ↔ 专用 is a 变更 and takes a number of the other series (art.14 ¶2). */
    plateKind: codeField(PLATE_KINDS, '号牌种类').optional(),
    plateNumber: plateNumberInput,
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'version' && k !== 'plateNumber'), { message: '请至少填写一项变更内容', path: ['colours'] });

export const CancelBodySchema = z.strictObject({
  version,
  reason: codeField(CANCEL_REASONS, '注销原因'),
  note: safeString().trim().max(200, '备注不能超过 200 个字符').optional(),
});
export const ReplacePlateBodySchema = z.strictObject({
  version,
  mode: codeField(REPLACE_MODES, '补换类型'),
  plateNumber: plateNumberInput,
});
export const TheftBodySchema = z.strictObject({
  version,
  lostOn: isoDate('失窃日期'),
  place: text('失窃地点', 100),
  caseNo: safeString().trim().max(40, '报案编号不能超过 40 个字符').optional(),
});
export const RecoverBodySchema = z.strictObject({ version, note: text('找回情况', 200) });
export const LockBodySchema = z.strictObject({ version, reason: text('锁定原因', 200, 2) });
export const UnlockBodySchema = z.strictObject({ version, reason: text('解锁原因', 200, 2) });

/** Items an 更正 may correct (identity of the vehicle and owner included: that is what corrections are for). */
export const CorrectableItemsSchema = z
  .strictObject({
    zcbm: zcbmField,
    motorNo: motorNoField,
    brand: text('品牌', 30),
    model: text('型号', 30),
    colours,
    cccCertNo: cccField,
    hgzNo: safeString().trim().max(30, '合格证编号不能超过 30 个字符'),
    batteryType: codeField(BATTERY_TYPES, '蓄电池类型'),
    batteryVoltage: z.number({ error: '蓄电池标称电压须为数字' }).positive('蓄电池标称电压须为正数').max(60, '蓄电池标称电压不能超过 60 V'),
    purchaseDate: isoDate('购买日期'),
    originProof: text('来历凭证编号', 30),
    /** Checked by the server against the owner's type (居民身份证 or 统一社会信用代码); its blind index is re-keyed. */
    idNumber: safeString({ error: '所有人身份证明号码必须填写' })
      .trim()
      .toUpperCase()
      .min(1, '所有人身份证明号码必须填写')
      .max(18, '所有人身份证明号码不能超过 18 位'),
    name: text('所有人姓名', 60),
    phone: phoneField('联系电话'),
    address: text('住所地址', 100, 4),
    districtCode: districtField,
  })
  .partial();
/** The labels of a vehicle record's items (paths as in a business's before/after), for histories and 更正. */
export const VEHICLE_ITEM_LABELS: Record<string, string> = {
  vehicleType: '车辆类型',
  plate: '号牌号码',
  plateKind: '号牌种类',
  zcbm: '整车编码',
  motorNo: '电机号',
  brand: '品牌',
  model: '型号',
  colours: '车身颜色',
  cccCertNo: 'CCC证书编号',
  hgzNo: '合格证编号',
  batteryType: '蓄电池类型',
  batteryVoltage: '蓄电池标称电压',
  purchaseDate: '购买日期',
  acquireWay: '获得方式',
  originProof: '来历凭证编号',
  'owner.ownerType': '所有人类型',
  'owner.idNumber': '所有人身份证明号码',
  'owner.name': '所有人姓名',
  'owner.phone': '联系电话',
  'owner.districtCode': '登记行政区划',
  'owner.address': '住所地址',
  stolen: '失窃',
  locked: '锁定',
  cancelled: '注销',
};

/** Correctable keys → the item they set (owner items live under `owner.`). */
export const CORRECTABLE_ITEMS = {
  zcbm: 'zcbm',
  motorNo: 'motorNo',
  brand: 'brand',
  model: 'model',
  colours: 'colours',
  cccCertNo: 'cccCertNo',
  hgzNo: 'hgzNo',
  batteryType: 'batteryType',
  batteryVoltage: 'batteryVoltage',
  purchaseDate: 'purchaseDate',
  originProof: 'originProof',
  idNumber: 'owner.idNumber',
  name: 'owner.name',
  phone: 'owner.phone',
  address: 'owner.address',
  districtCode: 'owner.districtCode',
} as const;
export type CorrectableKey = keyof typeof CORRECTABLE_ITEMS;
export const CORRECTABLE_KEYS = Object.keys(CORRECTABLE_ITEMS) as [CorrectableKey, ...CorrectableKey[]];

export const CorrectBodySchema = z.strictObject({
  version,
  businessId: idField('被更正的业务', { column: 'bigint', missing: '请选择被更正的业务' }),
  items: CorrectableItemsSchema.refine((i) => Object.keys(i).length > 0, '请至少更正一项'),
  reason: text('更正原因', 200, 2),
});

export const VehicleSearchQuerySchema = z
  .strictObject({
    plate: safeString().trim().toUpperCase().optional(),
    zcbm: safeString().trim().optional(),
    motorNo: safeString().trim().toUpperCase().optional(),
    idNumber: safeString().trim().toUpperCase().optional(),
    phone: safeString().trim().optional(),
  })
  .refine((q) => Object.values(q).some((v) => v), { message: '请输入号牌号码、整车编码、电机号、身份证明号码或电话中的一项', path: ['plate'] });
export type VehicleSearchQuery = z.infer<typeof VehicleSearchQuerySchema>;

/**
 * Why someone views an owner's personal data in clear (SECURITY.md §2, PI-2). Only the purposes marked `fullId`
 * can justify the whole ID number, and only for a holder of `ebike:pii-view:full-id`.
 */
export const PII_VIEW_PURPOSES = {
  identity_check: { label: '核对当事人身份', fullId: true },
  case: { label: '案件办理', fullId: true },
  business: { label: '登记业务办理', fullId: false },
  complaint: { label: '信访投诉核查', fullId: false },
  other: { label: '其他', fullId: false },
} as const;
export type PiiViewPurpose = keyof typeof PII_VIEW_PURPOSES;
const PURPOSE_CODES = Object.keys(PII_VIEW_PURPOSES) as [PiiViewPurpose, ...PiiViewPurpose[]];
const FULL_ID_PURPOSES = PURPOSE_CODES.filter((p) => PII_VIEW_PURPOSES[p].fullId).map((p) => PII_VIEW_PURPOSES[p].label);

export const PiiViewBodySchema = z
  .strictObject({
    purpose: z.enum(PURPOSE_CODES, { error: '请选择查看事由' }),
    reason: safeString({ error: '请填写查看原因' }, '查看原因')
      .trim()
      .min(1, { error: '请填写查看原因', abort: true })
      .min(2, '查看原因至少 2 个字符')
      .max(200, '查看原因不能超过 200 个字符'),
    /** Asks for the whole ID number instead of the first 6 and last 4. */
    fullIdNumber: z.boolean().default(false),
  })
  .refine((b) => !b.fullIdNumber || PII_VIEW_PURPOSES[b.purpose].fullId, {
    message: `只有“${FULL_ID_PURPOSES.join('”或“')}”可以查看完整身份证明号码`,
    path: ['fullIdNumber'],
  });
export type PiiViewBody = z.infer<typeof PiiViewBodySchema>;

/** A supervisor's change of a vehicle record's security label, with the reason kept in the audit log. */
export const VehicleLabelBodySchema = z.strictObject({
  label: securityLabelField('安全标记'),
  reason: text('设置原因', 200, 2),
});
export type VehicleLabelBody = z.infer<typeof VehicleLabelBodySchema>;

export const UploadStateSchema = z.object({
  status: codeField(UPLOAD_STATUS, '上传状态'),
  remoteId: z.string().nullable(),
  error: z.string().nullable(),
  attempts: z.number().int(),
  uploadedAt: z.string().nullable(),
});

export const OwnerViewSchema = z.object({
  ownerType: z.enum(['1', '2']),
  idNumber: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  districtCode: z.string(),
  address: z.string().nullable(),
});

export const VehicleSummarySchema = z.object({
  id: z.number().int(),
  vehicleType: z.string(),
  plate: z.string().nullable(),
  plateKind: z.string(),
  zcbm: z.string(),
  brand: z.string(),
  model: z.string(),
  statusCodes: z.string(),
  statusLabels: z.array(z.string()),
  ownerName: z.string().nullable(),
  departmentName: z.string(),
  registeredAt: z.string(),
  /** 安全标记 of the record (AC-6). */
  securityLabel: z.string(),
});
export type VehicleSummary = z.infer<typeof VehicleSummarySchema>;

export const BusinessEntrySchema = z.object({
  id: z.number().int(),
  lsh: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  ywlx: z.string().nullable(),
  ywyy: z.string().nullable(),
  reason: z.string().nullable(),
  changes: z.array(z.object({ item: z.string(), label: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
  correctsLsh: z.string().nullable(),
  operator: z.string(),
  departmentName: z.string(),
  createdAt: z.string(),
  upload: UploadStateSchema,
});
export type BusinessEntry = z.infer<typeof BusinessEntrySchema>;

/** What the calling user may do to a vehicle, decided by the server's policies (the console shows buttons from it). */
export const VehicleActionsSchema = actionsSchema(VEHICLE_BUSINESSES).extend({
  /** The businesses of the history an 更正 may correct, each with the items it registered (none when refused). */
  correct: ActionDecisionSchema.extend({
    targets: z.array(z.object({ businessId: z.number().int(), items: z.array(z.enum(CORRECTABLE_KEYS)) })),
  }),
  /** The clear view; `fullIdPurposes`: the purposes for which this user may also see the whole ID number. */
  piiView: ActionDecisionSchema.extend({ fullIdPurposes: z.array(z.enum(PURPOSE_CODES)) }),
  /** Setting the record's security label; `labels`: the labels this user may set (none above their clearance). */
  label: ActionDecisionSchema.extend({ labels: z.array(securityLabelField('安全标记')) }),
  /** Sending a business to 六合一 again; `businessIds`: those of the history that may be (failed or rejected). */
  resend: ActionDecisionSchema.extend({ businessIds: z.array(z.number().int()) }),
});
export type VehicleActions = z.infer<typeof VehicleActionsSchema>;

export const VehicleDetailSchema = VehicleSummarySchema.extend({
  motorNo: z.string(),
  colours: z.array(z.string()),
  cccCertNo: z.string(),
  hgzNo: z.string().nullable(),
  batteryType: z.string(),
  batteryVoltage: z.number(),
  purchaseDate: z.string(),
  acquireWay: z.string(),
  originProof: z.string(),
  owner: OwnerViewSchema,
  stolen: z.boolean(),
  locked: z.boolean(),
  cancelled: z.boolean(),
  lock: z.object({ reason: z.string(), departmentName: z.string(), lockedBy: z.string(), lockedAt: z.string() }).nullable(),
  masked: z.boolean(),
  /** In a clear view: whether the ID number is whole (else its birth-date digits stay hidden). */
  fullIdNumber: z.boolean(),
  version: z.number().int(),
  businesses: z.array(BusinessEntrySchema),
  actions: VehicleActionsSchema,
});
export type VehicleDetail = z.infer<typeof VehicleDetailSchema>;

export const BusinessResultSchema = z.object({ vehicle: VehicleDetailSchema, business: BusinessEntrySchema });

/** 上传监控's filters: plate, 流水号, state and the business's day range (YYYY-MM-DD, China time). */
export const UploadFilterSchema = z.strictObject({
  status: codeField(UPLOAD_STATUS, '上传状态').optional(),
  plate: safeString().trim().toUpperCase().max(20, '号牌号码不能超过 20 个字符').optional(),
  lsh: safeString()
    .trim()
    .regex(/^\d{13}$/, '流水号应为 13 位数字')
    .optional(),
  from: isoDate('起始日期').optional(),
  to: isoDate('截止日期').optional(),
});
export type UploadFilter = z.infer<typeof UploadFilterSchema>;
export const UploadListQuerySchema = UploadFilterSchema.extend(PageQuerySchema.shape).refine((q) => !q.from || !q.to || q.from <= q.to, {
  message: '起始日期不能晚于截止日期',
  path: ['to'],
});
export const UploadStatsSchema = z.object({
  counts: z.record(z.string(), z.number().int()),
  failureReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
});
export const UploadItemSchema = z.object({
  businessId: z.number().int(),
  vehicleId: z.number().int(),
  lsh: z.string(),
  typeLabel: z.string(),
  plate: z.string().nullable(),
  departmentName: z.string(),
  createdAt: z.string(),
  upload: UploadStateSchema,
  /** The business an 更正 corrects (for a repair: the rejected business it goes up in place of). */
  correctsLsh: z.string().nullable(),
  /** Whether the caller may resend it (failed or rejected) or repair it through 更正 (rejected). */
  actions: actionsSchema(['resend', 'repair']),
});

/** The business keys 六合一 counts accepted writes under (the daily reconciliation compares them per key). */
export const LIUHEYI_BUSINESS_KEYS: Record<string, string> = {
  A: '注册登记',
  B: '转移登记',
  D: '变更登记',
  G: '注销登记',
  K: '补换牌登记',
  C1: '失窃登记',
  C0: '失窃找回',
  O1: '锁定',
  O0: '解锁',
  GZ: '更正',
};

/**
 * One day's reconciliation with 六合一, as the caller may see it: the counts per business key and where they differ
 * (whole city, no personal data), the serials 六合一 lacks of businesses in the caller's data scope (with resend),
 * how many it lacks elsewhere, and the serials this side has no record of (listed for a whole-city scope only).
 */
export const ReconciliationSchema = z.object({
  day: z.string(),
  checkedAt: z.string(),
  consistent: z.boolean(),
  localCount: z.number().int(),
  remoteCount: z.number().int(),
  localCounts: z.record(z.string(), z.number().int()),
  remoteCounts: z.record(z.string(), z.number().int()),
  countMismatches: z.array(z.object({ key: z.string(), label: z.string(), local: z.number().int(), remote: z.number().int() })),
  missing: z.array(
    z.object({
      lsh: z.string(),
      businessId: z.number().int(),
      vehicleId: z.number().int(),
      upload: UploadStateSchema,
      actions: actionsSchema(['resend']),
    }),
  ),
  missingElsewhere: z.number().int(),
  unknown: z.array(z.string()),
  unknownCount: z.number().int(),
});
export type Reconciliation = z.infer<typeof ReconciliationSchema>;
export const ReconcileBodySchema = z.strictObject({ day: isoDate('对账日期') });

/** The last check of the vehicle rows against their signed ledger (nightly job; null before the first). */
export const ProjectionReportSchema = z
  .object({
    checkedAt: z.string(),
    result: z.enum(['success', 'failure']),
    checked: z.number().int(),
    rebuild: z.boolean(),
    differences: z.array(z.object({ vehicleId: z.number().int(), items: z.array(z.string()) })),
  })
  .nullable();
export type ProjectionReport = z.infer<typeof ProjectionReportSchema>;

/** 立即核对: the queued projection check (the same job for every request within one clock hour). */
export const ProjectionCheckRequestSchema = z.object({ jobId: z.number().int(), state: z.string(), queuedAt: z.string() });
export type ProjectionCheckRequest = z.infer<typeof ProjectionCheckRequestSchema>;

export const PlateBatchBodySchema = z.strictObject({
  plateKind: codeField(PLATE_KINDS, '号牌种类'),
  departmentId: idField('部门', { missing: '请选择部门' }),
  /** e.g. 沪C: the plate is prefix + zero-padded number, checked against the configured format. */
  prefix: safeString({ error: textFieldError('号段前缀') }, '号段前缀')
    .trim()
    .toUpperCase()
    .regex(/^沪[A-Z][A-Z0-9]{0,3}$/, '号段前缀应为“沪”加发牌机关字母，可带 0–3 位字母或数字'),
  from: z
    .number({ error: (issue) => (issue.input === undefined ? '请输入起始号码' : '起始号码须为整数') })
    .int('起始号码须为整数')
    .min(0, '起始号码不能为负数')
    .max(PG_INTEGER_MAX, '起始号码过大'),
  count: z
    .number({ error: (issue) => (issue.input === undefined ? '请输入号码数量' : '号码数量须为整数') })
    .int('号码数量须为整数')
    .min(1, '号码数量至少为 1')
    .max(100_000, '一次最多生成 100000 个号码'),
});
export const PlatePoolStatsSchema = z.array(
  z.object({ departmentId: z.number().int(), departmentName: z.string(), plateKind: z.string(), status: z.string(), count: z.number().int() }),
);

/** E10: the compact answer the handheld gets over a mobile network. */
export const PdaVehicleSchema = z.object({
  id: z.number().int(),
  plate: z.string().nullable(),
  plateKind: z.string(),
  zcbm: z.string(),
  brand: z.string(),
  model: z.string(),
  colours: z.string(),
  motorNo: z.string(),
  cccCertNo: z.string(),
  /** 蓄电池: type and nominal voltage, e.g. 锂离子电池 48V. */
  battery: z.string(),
  status: z.string(),
  /** 六合一 upload state of its businesses: 已上传, or the first unsettled state with its count (e.g. 上传被拒（1 笔）). */
  upload: z.string(),
  owner: z.string().nullable(),
  phone: z.string().nullable(),
  registeredAt: z.string(),
});
