import { z } from 'zod';
import { actionsSchema } from '../platform/actions.ts';
import { codeField, idField, idParam, PageQuerySchema, text, versionField } from '../platform/common.ts';
import { safeString } from '../validators/zod.ts';

/** 道路等级 (CJJ 37). */
export const ROAD_GRADES = { expressway: '快速路', arterial: '主干路', secondary: '次干路', branch: '支路' } as const;
export type RoadGrade = keyof typeof ROAD_GRADES;

/** What starts a segment's protection period (城市道路管理条例 art.33: 5 years after new/rebuild, 3 after overhaul). */
export const PROTECTION_KINDS = { new: '新建', rebuild: '改建扩建', overhaul: '大修' } as const;
export type ProtectionKind = keyof typeof PROTECTION_KINDS;

/** 施工类型 of a 一网通办 case; `pipe_repair` is the emergency that may dig first and file within 24 h (art.34). */
export const WORKS_TYPES = { dig: '掘路', occupy: '占路', pipe_repair: '管线抢修', pipe_lay: '管线敷设', other: '其他' } as const;
export type WorksType = keyof typeof WORKS_TYPES;
/** Works types that open the road surface (the repeated-digging and protection rules apply to them). */
export const DIGGING_TYPES: readonly WorksType[] = ['dig', 'pipe_repair', 'pipe_lay'];

export const CASE_STATUSES = { received: '待审批', approved: '已许可', refused: '不予许可' } as const;
export type CaseStatus = keyof typeof CASE_STATUSES;

/** Whether the decision has reached the 一网通办 hub. */
export const DECISION_SYNC = { pending: '待回传', sent: '已回传', failed: '回传失败' } as const;

/** R4 rules. */
export const WARNING_RULES = {
  protection: '保护期内掘路',
  repeat: '短期内重复掘路',
  concurrent: '同时段冲突施工',
  overrun: '超出许可期限施工',
} as const;
export type WarningRule = keyof typeof WARNING_RULES;

const date = (label: string) => z.iso.date({ error: `${label}须为 YYYY-MM-DD 格式的日期` });
const keys = <T extends Record<string, string>>(table: T) => Object.keys(table) as [keyof T & string, ...(keyof T & string)[]];
const boundedInt = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}须为 ${min}–${max} 的整数` })
    .int(`${label}须为 ${min}–${max} 的整数`)
    .min(min, `${label}须为 ${min}–${max} 的整数`)
    .max(max, `${label}须为 ${min}–${max} 的整数`);
const districtParam = z.string({ error: '区划代码不正确' }).regex(/^3101\d\d$/, '区划代码不正确');
const searchText = (label: string, max: number) =>
  safeString({ error: `${label}无效` }, label)
    .trim()
    .max(max, `${label}不能超过 ${max} 个字符`);
const nameList = (label: string) => z.array(text(label, 40)).max(20, `${label}最多 20 个`).default([]);

export const RoadSearchQuerySchema = z.strictObject({
  q: text('查询内容', 40),
  limit: z.coerce
    .number({ error: '条数须为 1–50 的整数' })
    .int('条数须为 1–50 的整数')
    .min(1, '条数须为 1–50 的整数')
    .max(50, '条数须为 1–50 的整数')
    .default(20),
});

export const RoadSuggestionSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The name form that matched: the standard name, an alias or a former name. */
  matched: z.string(),
  matchedKind: z.enum(['standard', 'alias', 'former']),
  districts: z.array(z.string()),
  grade: z.enum(keys(ROAD_GRADES)),
});
export type RoadSuggestion = z.infer<typeof RoadSuggestionSchema>;

export const IntersectionRefSchema = z.object({ id: z.number().int(), name: z.string() });

export const IntersectionSchema = z.object({
  id: z.number().int(),
  /** Canonical: the road names sorted, joined by “/”. */
  name: z.string(),
  roadIds: z.array(z.number().int()),
  /** The names of `roadIds`, in the same order. */
  roadNames: z.array(z.string()),
  districtCode: z.string().nullable(),
  version: z.number().int(),
  retiredAt: z.string().nullable(),
});
export type Intersection = z.infer<typeof IntersectionSchema>;

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)], { error: '坐标须为 [经度, 纬度]' });
export const LineStringSchema = z.strictObject({
  type: z.literal('LineString', { error: '几何类型须为 LineString' }),
  coordinates: z.array(position).min(2, '线至少两个点').max(5000),
});
/** A GeoJSON LineString of WGS84 [longitude, latitude] positions. */
export type LineString = z.infer<typeof LineStringSchema>;

export const SegmentSchema = z.object({
  id: z.number().int(),
  roadId: z.number().int(),
  roadName: z.string(),
  seq: z.number().int(),
  from: IntersectionRefSchema,
  to: IntersectionRefSchema,
  /** 延安西路 华山路—镇宁路. */
  label: z.string(),
  protectedSince: z.string().nullable(),
  protectionKind: z.enum(keys(PROTECTION_KINDS)).nullable(),
  geometry: LineStringSchema.nullable(),
  version: z.number().int(),
  /** Retired (kept for the permits that name it, no longer offered for placement). */
  retiredAt: z.string().nullable(),
});
export type Segment = z.infer<typeof SegmentSchema>;

export const RoadDetailSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  aliases: z.array(z.string()),
  formerNames: z.array(z.string()),
  districts: z.array(z.string()),
  grade: z.enum(keys(ROAD_GRADES)),
  /** Entered from the partial seed, not yet checked by an administrator. */
  partial: z.boolean(),
  version: z.number().int(),
  /** The road's segments in service, in order. */
  segments: z.array(SegmentSchema),
  /** Retired segments (history: permits may name them). */
  retiredSegments: z.array(SegmentSchema),
  /** The intersections in service on this road (the ends a segment may be given). */
  intersections: z.array(IntersectionSchema),
  /** `edit`: the road, its segments' protection dates and GeoJSON import. */
  actions: actionsSchema(['edit']),
});
export type RoadDetail = z.infer<typeof RoadDetailSchema>;

export const RoadBodySchema = z.strictObject({
  name: text('标准路名', 40),
  aliases: nameList('别名'),
  formerNames: nameList('曾用名'),
  districts: z
    .array(z.string().regex(/^3101\d\d$/, '区划代码须为上海市的区代码'))
    .min(1, '至少选择一个所在区')
    .max(16),
  grade: z.enum(keys(ROAD_GRADES), { error: '请选择道路等级' }),
});
export const RoadUpdateBodySchema = RoadBodySchema.extend({ version: versionField });

export const SegmentProtectionBodySchema = z.strictObject({
  protectedSince: date('保护期起算日期').nullable(),
  protectionKind: z.enum(keys(PROTECTION_KINDS), { error: '请选择新建、改建扩建或大修' }).nullable(),
  version: versionField,
});

/** A new segment of a road between its crossings with two other roads, at a place in the road's order. */
export const SegmentCreateBodySchema = z.strictObject({
  fromRoadId: idField('起点相交道路'),
  toRoadId: idField('终点相交道路'),
  seq: boundedInt('顺序号', 1, 10_000),
});

/** A corrected segment: other ends (intersections on the road) or another place in the road's order. */
export const SegmentUpdateBodySchema = z.strictObject({
  fromIntersectionId: idField('起点路口'),
  toIntersectionId: idField('终点路口'),
  seq: boundedInt('顺序号', 1, 10_000),
  version: versionField,
});

/** A corrected intersection: the roads that meet there (its name follows) and its district. */
export const IntersectionUpdateBodySchema = z.strictObject({
  roadIds: z
    .array(idField('相交道路'))
    .min(2, '路口至少由两条道路相交')
    .max(6, '路口最多 6 条道路')
    .refine((ids) => new Set(ids).size === ids.length, '相交道路不能重复'),
  districtCode: z
    .string()
    .regex(/^3101\d\d$/, '区划代码须为上海市的区代码')
    .nullable(),
  version: versionField,
});

/** Retiring a segment or intersection (never deleted: permits name them). */
export const RetireBodySchema = z.strictObject({
  reason: text('停用原因', 200),
  version: versionField,
});

export const GazetteerHistorySchema = z.array(z.object({ version: z.number().int(), data: z.record(z.string(), z.unknown()), changedAt: z.string() }));

export const PlacementSchema = z.object({
  segmentId: z.number().int(),
  label: z.string(),
  roadId: z.number().int(),
  /** A point works: metres from the segment's start intersection. */
  offsetM: z.number().int().nullable(),
});

export const WarningSchema = z.object({
  rule: z.enum(keys(WARNING_RULES)),
  /** One sentence naming the rule, segment, permits and dates. */
  message: z.string(),
  segmentId: z.number().int(),
  segmentLabel: z.string(),
  /** The other permits (evidence): case number, period, works type. */
  evidence: z.array(z.object({ caseNo: z.string(), from: z.string(), to: z.string(), worksType: z.string(), status: z.string() })),
});
export type Warning = z.infer<typeof WarningSchema>;

export const CaseSchema = z.object({
  id: z.number().int(),
  caseNo: z.string(),
  applicant: z.string(),
  worksType: z.enum(keys(WORKS_TYPES)),
  requestedFrom: z.string(),
  requestedTo: z.string(),
  lanes: z.string(),
  trafficPlan: z.string(),
  attachments: z.array(z.object({ name: z.string(), url: z.string() })),
  locationText: z.string(),
  status: z.enum(keys(CASE_STATUSES)),
  emergency: z.boolean(),
  /** Emergency repair: when digging started and when the filing is due (24 h later). */
  startedAt: z.string().nullable(),
  filingDueAt: z.string().nullable(),
  filingOverdue: z.boolean(),
  districtCode: z.string().nullable(),
  receivedAt: z.string(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionSync: z.enum(keys(DECISION_SYNC)).nullable(),
  /** The completion report (竣工/恢复): the day the road was reinstated and reopened. */
  completedAt: z.string().nullable(),
  /** The department handling it: routed by district on arrival, or taken by the first to act; null in the city inbox. */
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  version: z.number().int(),
  placements: z.array(PlacementSchema),
  warnings: z.array(WarningSchema),
  actions: actionsSchema(['place', 'approve', 'refuse', 'complete']),
});
export type RoadworksCase = z.infer<typeof CaseSchema>;

/** 工作台 card: the cases in the caller's scope (and the city inbox) that wait for someone. */
export const CaseCountsSchema = z.object({
  /** 待审批: received, not decided. */
  received: z.number().int(),
  /** Emergency repairs whose 24-hour filing deadline passed undecided. */
  filingOverdue: z.number().int(),
  /** Decisions the 一网通办 hub has not taken (回传失败). */
  syncFailed: z.number().int(),
});
export type CaseCounts = z.infer<typeof CaseCountsSchema>;

export const CaseListQuerySchema = z.strictObject({
  status: codeField(CASE_STATUSES, '状态').optional(),
  caseNo: searchText('办件编号', 40).optional(),
  applicant: searchText('申请单位', 60).optional(),
  roadId: idParam('道路').optional(),
  segmentId: idParam('路段').optional(),
  district: districtParam.optional(),
  from: date('起始日期').optional(),
  to: date('截止日期').optional(),
  ...PageQuerySchema.shape,
});

/** Routing of incoming 一网通办 cases: which department handles the cases of each district (null: the city inbox). */
export const RoutingSchema = z.object({
  districts: z.array(z.object({ districtCode: z.string(), departmentId: z.number().int().nullable(), departmentName: z.string().nullable() })),
  /** The departments that may be chosen (enabled 支队 and 大队). */
  departments: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export const RoutingBodySchema = z.strictObject({ districtCode: districtParam, departmentId: idField('承办部门').nullable() });

/** Works at one point of a segment: metres from its first intersection (the console checks it with the same words). */
export const PlacementOffsetSchema = boundedInt('距起点米数', 0, 100_000);

export const PlaceBodySchema = z.strictObject({
  placements: z
    .array(z.strictObject({ segmentId: idField('路段'), offsetM: PlacementOffsetSchema.nullable().default(null) }))
    .min(1, '至少选择一个路段')
    .max(20, '一个办件最多 20 个路段'),
  version: versionField,
});

export const DecideBodySchema = z.strictObject({
  reason: text('审批意见', 500),
  version: versionField,
});

/** 竣工/恢复报告: the works are finished and the road reinstated on that day (an overrun is judged against it). */
export const CompleteBodySchema = z.strictObject({
  completedAt: date('竣工日期'),
  version: versionField,
});

export const EmergencyBodySchema = z.strictObject({
  caseNo: text('办件编号', 40),
  applicant: text('申请单位', 60),
  startedAt: z.iso.datetime({ offset: true, error: '开挖时间须为 ISO 时间' }),
  requestedTo: date('预计完工日期'),
  lanes: text('占用车道', 60),
  locationText: text('施工地点描述', 200),
});

export const RoadworksWarningListQuerySchema = z.strictObject({
  rule: codeField(WARNING_RULES, '预警规则').optional(),
  district: districtParam.optional(),
  /** The handling department (within the caller's data scope). */
  department: idParam('承办部门').optional(),
});
export const WarningListSchema = z.object({
  byDistrict: z.array(z.object({ districtCode: z.string(), rule: z.enum(keys(WARNING_RULES)), count: z.number().int() })),
  /** Per handling department; null: cases still in the city inbox. */
  byDepartment: z.array(z.object({ departmentId: z.number().int().nullable(), departmentName: z.string().nullable(), count: z.number().int() })),
  items: z.array(WarningSchema.extend({ caseNo: z.string(), districtCode: z.string().nullable(), departmentName: z.string().nullable() })),
});

/** A GeoJSON import (an OSM extract or the surveying bureau's data): one LineString per segment, named by road and end roads. */
export const GeoJsonImportSchema = z.strictObject({
  type: z.literal('FeatureCollection', { error: '须为 GeoJSON FeatureCollection' }),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        geometry: LineStringSchema,
        properties: z.object({
          road: text('道路名称', 40),
          from: text('起点相交道路', 40),
          to: text('终点相交道路', 40),
          seq: boundedInt('顺序号', 1, 10_000).optional(),
        }),
      }),
    )
    .min(1, '没有要素')
    .max(20_000, '一次最多导入 20000 个路段'),
});
export const GeoJsonImportResultSchema = z.object({
  updated: z.number().int(),
  created: z.number().int(),
  skipped: z.array(z.object({ index: z.number().int(), reason: z.string() })),
});

/** R3: a request of the insurance association and how it was answered. */
export const EXCHANGE_STATUSES = { received: '待生成', sent: '已回传', failed: '回传失败', rejected: '请求无效' } as const;
export const ExchangeItemSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  requestId: z.string(),
  windowFrom: z.string().nullable(),
  windowTo: z.string().nullable(),
  status: z.enum(keys(EXCHANGE_STATUSES)),
  recordCount: z.number().int().nullable(),
  sm3: z.string().nullable(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  receivedAt: z.string(),
  sentAt: z.string().nullable(),
  actions: actionsSchema(['resend']),
});
export const ExchangeQuerySchema = z.strictObject({ date: date('日期').optional() });
export const ExchangeDaySchema = z.object({
  date: z.string(),
  /** False in production without INSURANCE_EXCHANGE_DIR: nothing is exchanged until it is set. */
  configured: z.boolean(),
  counts: z.record(z.enum(keys(EXCHANGE_STATUSES)), z.number().int()),
  records: z.number().int(),
  items: z.array(ExchangeItemSchema),
});

/** Audit actions of the module, named for people (its part of the audit action catalogue). */
export const ROADWORKS_AUDIT_ACTIONS: Readonly<Record<string, string>> = {
  'roadworks.hub.pull': '拉取一网通办施工办件',
  'roadworks.case.place': '办件落位到路段',
  'roadworks.case.approve': '批准施工',
  'roadworks.case.refuse': '不予批准施工',
  'roadworks.case.complete': '登记竣工（恢复通行）',
  'roadworks.case.emergency': '补报紧急抢修',
  'roadworks.road.create': '新增标准道路',
  'roadworks.road.update': '修改标准道路',
  'roadworks.segment.protection': '设置路段保护期',
  'roadworks.segment.create': '新增路段',
  'roadworks.segment.update': '修改路段',
  'roadworks.segment.retire': '停用路段',
  'roadworks.intersection.update': '修改路口',
  'roadworks.intersection.retire': '停用路口',
  'roadworks.routing.update': '设置区的办件承办部门',
  'roadworks.geojson.import': '导入道路 GeoJSON',
  'roadworks.permits.export': '导出施工许可',
  'roadworks.exchange.run': '应答保险数据交换请求',
  'roadworks.exchange.resend': '重新应答保险数据交换请求',
};
