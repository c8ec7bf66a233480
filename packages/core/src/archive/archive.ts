import { z } from 'zod';
import { idField, idParam, PageQuerySchema } from '../platform/common.ts';
import { safeString } from '../validators/zod.ts';

/** The paper documents of a non-motor business, as the archive files them. */
export const DOC_TYPES = {
  application: '申请表',
  owner_id: '所有人身份证明',
  ccc: '产品合格证 / CCC 证书',
  origin: '来历证明（购车发票）',
  agent_auth: '代理人授权委托书',
  agent_id: '代理人身份证明',
  vehicle_photo: '车辆照片',
  other: '其他材料',
} as const;
export type DocType = keyof typeof DOC_TYPES;
export const DOC_TYPE_KEYS = Object.keys(DOC_TYPES) as [DocType, ...DocType[]];

/** What an incomplete archive lacks, as the console and the export show it: `所有人身份证明（缺 1 页）、…`. */
export const missingText = (missing: readonly { docType: string; required: number; present: number }[]): string =>
  missing.map((m) => `${DOC_TYPES[m.docType as DocType] ?? m.docType}（缺 ${m.required - m.present} 页）`).join('、');

/** Whose business: 个人 / 单位 (OWNER_TYPES of @shtp/core/ebike), applied for by the owner or an agent. */
export const APPLICANTS = { self: '本人办理', agent: '代理人办理' } as const;
export type Applicant = keyof typeof APPLICANTS;

export interface Requirement {
  docType: DocType;
  minPages: number;
}

const AGENT: Requirement[] = [
  { docType: 'agent_auth', minPages: 1 },
  { docType: 'agent_id', minPages: 1 },
];
const BASE: Requirement[] = [
  { docType: 'application', minPages: 1 },
  { docType: 'owner_id', minPages: 1 },
];

/**
 * The default required documents per business type (the list: application form, owner's ID, CCC / certificate
 * of conformity, proof of origin, vehicle photo, and an agent's authorisation and ID) [A]: the administrator edits
 * them in the catalogue. Status changes done by the police themselves (lock, unlock, correction) need no paper.
 */
/** Keys are the e-bike business types (EBIKE_BUSINESS_TYPES of @shtp/core/ebike; entries stay apart). */
export const DEFAULT_REQUIREMENTS: Record<string, Requirement[]> = {
  register: [...BASE, { docType: 'ccc', minPages: 1 }, { docType: 'origin', minPages: 1 }, { docType: 'vehicle_photo', minPages: 1 }],
  transfer: [...BASE, { docType: 'origin', minPages: 1 }, { docType: 'vehicle_photo', minPages: 1 }],
  change: [...BASE, { docType: 'vehicle_photo', minPages: 1 }],
  cancel: BASE,
  replace_plate: BASE,
  theft: BASE,
  recover: BASE,
};

/** One row of the catalogue: a business type, owner type ('1' 个人, '2' 单位) and applicant, and what it needs. */
export function defaultRequirements(businessType: string, applicant: Applicant): Requirement[] {
  const base = DEFAULT_REQUIREMENTS[businessType] ?? [];
  return base.length > 0 && applicant === 'agent' ? [...base, ...AGENT] : base;
}

export const CatalogueRowSchema = z.strictObject({
  businessType: safeString().max(30),
  ownerType: z.enum(['1', '2'], { error: '所有人类型须为 1（个人）或 2（单位）' }),
  applicant: z.enum(['self', 'agent'], { error: '办理方式须为本人或代理人' }),
  docType: z.enum(DOC_TYPE_KEYS, { error: '材料类型不正确' }),
  minPages: z.number({ error: '页数须为数字' }).int('页数须为整数').min(0, '页数不能小于 0').max(50, '页数不能大于 50'),
});
export type CatalogueRow = z.infer<typeof CatalogueRowSchema>;
export const CatalogueBodySchema = z.strictObject({ rows: z.array(CatalogueRowSchema).max(1000) });

export const OpenArchiveBodySchema = z.strictObject({ lsh: safeString({ error: '请填写流水号' }).regex(/^\d{13}$/, '流水号须为 13 位数字') });

/** How a page came in: captured at the window, or attached by another registration system (A8). */
export const PAGE_SOURCES = { file: '文件', camera: '手机拍照', doc_camera: '高拍仪', scanner: '扫描仪', system: '登记系统接入' } as const;
export type PageSource = keyof typeof PAGE_SOURCES;

export const AddPageBodySchema = z.strictObject({
  uploadId: safeString({ error: '请先上传页面' }).max(200),
  docType: z.enum(DOC_TYPE_KEYS, { error: '请选择材料类型' }),
  source: z.enum(['file', 'camera', 'doc_camera', 'scanner'], { error: '采集方式不正确' }),
  /** Supplementary capture of an archive already complete, or a replacement: why. */
  reason: safeString().max(200).optional(),
  /** Replaces this page (same document): the old page is kept in the history. */
  replacesPageId: idField('被替换页', { column: 'bigint' }).optional(),
  /** Accept a page the checks found doubtful (blur), after looking at it. */
  acceptDoubtful: z.boolean().optional(),
  /** The document type recognition proposed for this upload (kept in the audit beside the type the officer chose). */
  proposedDocType: z.enum(DOC_TYPE_KEYS, { error: '材料类型不正确' }).optional(),
});
export type AddPageBody = z.infer<typeof AddPageBodySchema>;

/** A3: which document a finished upload looks like (recognition's proposal, confirmed by the officer). */
export const ClassifyPageBodySchema = z.strictObject({ uploadId: safeString({ error: '请先上传页面' }).max(200) });

/** Base64 of at most 20 MB of content. */
const MAX_ATTACH_BASE64 = Math.ceil((20 * 1024 * 1024) / 3) * 4;

/**
 * A8: another registration system attaches one page (image or PDF, base64) to the archive of a ledger business by its
 * 流水号, signed as a service account (scope `archive:attach`); the archive is opened if it is not yet. Sending the
 * same content for the same document again is answered with the page already filed.
 */
export const AttachPageBodySchema = z.strictObject({
  lsh: OpenArchiveBodySchema.shape.lsh,
  docType: z.enum(DOC_TYPE_KEYS, { error: '材料类型不正确' }),
  content: z.base64({ error: '页面内容须为 Base64 编码的 JPEG、PNG、TIFF 或 PDF' }).min(1, '请提供页面内容').max(MAX_ATTACH_BASE64, '页面内容不能超过 20 MB'),
  /** Needed when the archive is already complete (a supplement), as at the window. */
  reason: safeString().max(200).optional(),
});
export type AttachPageBody = z.infer<typeof AttachPageBodySchema>;

export const ArchiveSearchQuerySchema = z.strictObject({
  lsh: safeString(undefined, '流水号').max(13, '流水号最多 13 位').optional(),
  plate: safeString(undefined, '号牌号码').max(12, '号牌号码最多 12 位').optional(),
  zcbm: safeString(undefined, '整车编码').max(20, '整车编码最多 20 位').optional(),
  ownerId: safeString(undefined, '证件号码').max(18, '证件号码最多 18 位').optional(),
  businessType: safeString(undefined, '业务类型').max(30, '业务类型最多 30 个字符').optional(),
  departmentId: idParam('部门').optional(),
  from: z.iso.date({ error: '开始日期格式须为 YYYY-MM-DD' }).optional(),
  to: z.iso.date({ error: '结束日期格式须为 YYYY-MM-DD' }).optional(),
  incomplete: z.enum(['true', 'false'], { error: '齐全筛选须为 true 或 false' }).optional(),
  page: PageQuerySchema.shape.page,
  pageSize: z.coerce.number({ error: '每页条数须为 1–100' }).int('每页条数须为 1–100').min(1, '每页条数须为 1–100').max(100, '每页最多 100 条').default(20),
});

/** The search's filters for its Excel export (every archive found, not one page). */
export const ArchiveSearchExportQuerySchema = ArchiveSearchQuerySchema.omit({ page: true, pageSize: true });

/** A7: how the capture statistics are grouped. */
export const STATS_GROUPINGS = { department: '按部门', officer: '按民警', day: '按日' } as const;
export type StatsGrouping = keyof typeof STATS_GROUPINGS;

const statsPeriod = {
  from: z.iso.date({ error: '开始日期格式须为 YYYY-MM-DD' }),
  to: z.iso.date({ error: '结束日期格式须为 YYYY-MM-DD' }),
};
export const ArchiveStatsQuerySchema = z.strictObject({
  ...statsPeriod,
  by: z.enum(['department', 'officer', 'day'], { error: '统计口径须为 department、officer 或 day' }).default('department'),
});
export const ArchiveStatsExportQuerySchema = z.strictObject(statsPeriod);

/** A6: the daily digests of the last `days` days. */
export const WarningDigestQuerySchema = z.strictObject({
  days: z.coerce.number({ error: '天数须为 1–90' }).int('天数须为 1–90').min(1, '天数须为 1–90').max(90, '天数须为 1–90').default(14),
});

/** A6 立即检查: where the scan the caller queued has got to (running also while a failed attempt waits to run again). */
export const WARNING_SCAN_PHASES = { running: '检查中…', done: '检查完成', failed: '检查失败' } as const;
export type WarningScanPhase = keyof typeof WARNING_SCAN_PHASES;
export interface WarningScanStatus {
  jobId: number;
  phase: WarningScanPhase;
  /** Why it failed (the job's last error); null unless failed. */
  error: string | null;
  /** Never-opened businesses in the caller's data scope once the scan is done; null before. */
  found: number | null;
  finishedAt: string | null;
}

/** A5: the archive's current pages in their new order, with why. */
export const ReorderBodySchema = z.strictObject({
  pageIds: z
    .array(idField('页面', { column: 'bigint' }), { error: '请给出页面顺序' })
    .min(1, '请给出页面顺序')
    .max(500, '最多 500 页'),
  reason: safeString({ error: '请填写原因' }).trim().min(2, '原因至少 2 个字').max(200, '原因最多 200 个字'),
});

/** 法律保全 (A5): set or released, always with a reason. */
export const LegalHoldBodySchema = z.strictObject({
  hold: z.boolean({ error: '请选择设置或解除法律保全' }),
  reason: safeString({ error: '请填写原因' }).trim().min(2, '原因至少 2 个字').max(200, '原因最多 200 个字'),
});

/** Disposal after the retention period (A5): asked for with a reason; decided by another person, also with a reason. */
export const DisposalRequestBodySchema = z.strictObject({
  reason: safeString({ error: '请填写处置原因' }).trim().min(2, '原因至少 2 个字').max(200, '原因最多 200 个字'),
});
export const DisposalDecisionBodySchema = z.strictObject({
  approve: z.boolean({ error: '请选择同意或驳回' }),
  reason: safeString({ error: '请填写审批意见' }).trim().min(2, '审批意见至少 2 个字').max(200, '审批意见最多 200 个字'),
});

export const ImageQuerySchema = z.strictObject({
  size: z.enum(['thumb', 'display'], { error: '图像尺寸须为 thumb（缩略图）或 display（显示图）' }).default('display'),
});

/** Audit actions of the module, named for people (its part of the audit action catalogue). */
export const ARCHIVE_AUDIT_ACTIONS: Readonly<Record<string, string>> = {
  'archive.catalogue.update': '修改档案资料目录',
  'archive.open': '建立或打开业务档案',
  'archive.page.add': '添加档案页面',
  'archive.page.supplement': '补录档案页面',
  'archive.page.replace': '替换档案页面',
  'archive.page.reorder': '调整档案页序',
  'archive.page.view': '查看档案页面',
  'archive.page.download': '下载档案页面原件',
  'archive.view': '查看影像档案',
  'archive.print': '打印影像档案',
  'archive.stats.export': '导出影像采集统计',
  'archive.warnings.scan': '立即检查未建档业务',
  'archive.search.export': '导出影像档案查询结果',
  'archive.hold.set': '设置档案法律保全',
  'archive.hold.release': '解除档案法律保全',
  'archive.disposal.request': '申请处置到期档案',
  'archive.disposal.approve': '批准处置到期档案',
  'archive.disposal.reject': '驳回到期档案处置',
};
