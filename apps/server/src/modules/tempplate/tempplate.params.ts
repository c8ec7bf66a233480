import { CASE_TYPES, DEFAULT_REQUIRED_MATERIALS, MATERIAL_KINDS, RULE_CODES, SPEC_RULE_CODES } from '@shtp/core/tempplate';
import { z } from 'zod';
import { defineParam } from '../../platform/params/param-definition.ts';
import { parseAssignRule } from './work-orders/assign-rules.ts';

const m = 'tempplate';

/** `case:material+material`, e.g. `purchased:owner_id+insurance+invoice+certificate`. */
const REQUIRED_ITEM = z.string().refine((s) => {
  const [caseType, list] = s.split(':');
  return caseType! in CASE_TYPES && !!list && list.split('+').every((k) => k in MATERIAL_KINDS);
}, '每项须为“办理情形:资料+资料”，如 purchased:owner_id+insurance+invoice+certificate');

/**
 * 监管参数 (T26): every threshold, window and list the rules read. Each evaluation records the set of these values
 * it ran under (tempplate_param_sets), so a warning names the parameter version that raised it.
 */
export const tempplateParams = {
  enabledRules: defineParam.list({
    key: 'tempplate.rules.enabled',
    module: m,
    label: '启用的预警规则',
    description:
      '参与实时与批量评估的规则编号（T1–T10；风险信号 X1 临牌有效期超过交强险终止日期、X2 同一联系电话对应多名所有人默认不启用）；去掉一项即停用该规则，已产生的预警保留',
    defaultValue: [...SPEC_RULE_CODES],
    maxItems: RULE_CODES.length,
    item: z.string().refine((s) => (RULE_CODES as string[]).includes(s), '须为 T1–T10、X1、X2 之一'),
  }),
  maxIssuesPerVin: defineParam.number({
    key: 'tempplate.t1.maxIssues',
    module: m,
    label: '同一车架号临牌办理次数上限（T1）',
    description: '统计期内同一车辆识别代号办理临牌超过此次数即预警。上海《道路交通管理条例》第22条为 2 次，全国（公安部令164）为 3 次',
    defaultValue: 2,
    min: 1,
    max: 10,
    unit: '次',
  }),
  issueWindowDays: defineParam.duration({
    key: 'tempplate.t1.windowDays',
    module: m,
    label: '临牌次数统计期（T1）',
    description: '向前统计同一车架号临牌办理次数的天数',
    defaultValue: 365,
    min: 1,
    max: 1095,
    unit: 'days',
  }),
  chainGapDays: defineParam.duration({
    key: 'tempplate.t1.chainGapDays',
    module: m,
    label: '连续临牌间隔（T1）',
    description: '上一张临牌到期后不超过此天数又办新临牌，视为首尾相接的连续临牌',
    defaultValue: 3,
    min: 0,
    max: 30,
    unit: 'days',
  }),
  chainLength: defineParam.number({
    key: 'tempplate.t1.chainLength',
    module: m,
    label: '连续临牌条数（T1）',
    description: '首尾相接的临牌达到此条数即预警（不论统计期内总次数）',
    defaultValue: 2,
    min: 2,
    max: 10,
    unit: '条',
  }),
  workingHours: defineParam.timeWindow({
    key: 'tempplate.t2.workingHours',
    module: m,
    label: '工作时间（T2）',
    description: '工作日内在此时段之外受理或发放临牌即预警；工作日按国务院节假日与调休安排（2024–2026 年日历）',
    defaultValue: { start: '08:30', end: '17:30' },
  }),
  minConfidence: defineParam.number({
    key: 'tempplate.recognition.minConfidence',
    module: m,
    label: '识别结果可信度下限（T4–T6）',
    description: '发票影像识别结果的可信度低于此值视为“无法识别”，单独预警，不视为一致',
    defaultValue: 80,
    min: 0,
    max: 100,
    unit: '%',
  }),
  minInvoiceSide: defineParam.number({
    key: 'tempplate.t8.minInvoiceSide',
    module: m,
    label: '发票影像最小边长（T8）',
    description: '发票影像较短一边的像素数低于此值视为过小、不规范（无法看清票面）',
    defaultValue: 600,
    min: 100,
    max: 4000,
    unit: 'px',
  }),
  minSharpness: defineParam.number({
    key: 'tempplate.t8.minSharpness',
    module: m,
    label: '发票影像清晰度下限（T8）',
    description:
      '发票影像按 1000 像素宽计算的拉普拉斯标准差（边缘强度）低于此值视为模糊；清晰扫描件约 30–60，明显模糊约 10 以下。噪点会抬高此值，须按实际扫描件标定',
    defaultValue: 12,
    min: 0,
    max: 100,
    integer: false,
  }),
  minContrast: defineParam.number({
    key: 'tempplate.t8.minContrast',
    module: m,
    label: '发票影像对比度下限（T8）',
    description: '发票影像灰度标准差低于此值视为过暗、过曝或褪色（看不清票面）；清晰扫描件约 30–60',
    defaultValue: 20,
    min: 0,
    max: 128,
    integer: false,
  }),
  localUseMinBusinesses: defineParam.number({
    key: 'tempplate.t10.localUseMinBusinesses',
    module: m,
    label: '非沪籍本地使用判定次数（T10）',
    description: '外省市身份证明的所有人在统计期（同 T1）内已在本市办理临牌达到此次数，再次办理即列出核查（疑似本地车辆长期使用临牌）',
    defaultValue: 2,
    min: 1,
    max: 20,
    unit: '次',
  }),
  shareRecentDays: defineParam.duration({
    key: 'tempplate.t9.recentDays',
    module: m,
    label: '外地身份证占比近期天数（T9）',
    description: '统计办理部门、销售单位近期外地身份证办理占比的天数（含发放当日）',
    defaultValue: 30,
    min: 1,
    max: 180,
    unit: 'days',
  }),
  shareBaselineDays: defineParam.duration({
    key: 'tempplate.t9.baselineDays',
    module: m,
    label: '外地身份证占比历史基线天数（T9）',
    description: '近期之前的此天数为该部门（销售单位）自身的历史基线，近期占比与之比较',
    defaultValue: 365,
    min: 7,
    max: 1095,
    unit: 'days',
  }),
  shareMinSample: defineParam.number({
    key: 'tempplate.t9.minSample',
    module: m,
    label: '外地身份证占比最小样本（T9）',
    description: '近期与历史基线的居民身份证办理笔数均须达到此数才做检验，样本不足不预警',
    defaultValue: 30,
    min: 5,
    max: 100000,
    unit: '笔',
  }),
  shareMinZ: defineParam.number({
    key: 'tempplate.t9.minZ',
    module: m,
    label: '外地身份证占比检验阈值 z（T9）',
    description: '单侧双比例 z 检验的统计量达到此值视为显著升高（3.09 约为显著性水平 0.001）',
    defaultValue: 3.09,
    min: 1,
    max: 10,
    integer: false,
  }),
  shareMinRise: defineParam.number({
    key: 'tempplate.t9.minRise',
    module: m,
    label: '外地身份证占比最小升幅（T9）',
    description: '近期占比须比历史基线至少高出此百分点数（显著但幅度很小的升高不预警）',
    defaultValue: 10,
    min: 0,
    max: 100,
    unit: '个百分点',
  }),
  maxOwnersPerPhone: defineParam.number({
    key: 'tempplate.x2.maxOwnersPerPhone',
    module: m,
    label: '同一联系电话对应所有人数上限（X2）',
    description: '统计期（同 T1）内同一联系电话已登记在此数及以上的其他所有人名下，再次办理即预警（疑似代办人或销售单位批量代填电话）',
    defaultValue: 3,
    min: 1,
    max: 100,
    unit: '人',
  }),
  requiredMaterials: defineParam.list({
    key: 'tempplate.t7.requiredMaterials',
    module: m,
    label: '各办理情形必需的影像化资料（T7）',
    description: '每项为“办理情形:资料+资料”。公安部令164第47条：所有情形均需身份证明和交强险凭证，另按情形需要合格证明、来历证明等',
    defaultValue: Object.entries(DEFAULT_REQUIRED_MATERIALS).map(([c, list]) => `${c}:${list.join('+')}`),
    maxItems: 20,
    item: REQUIRED_ITEM,
  }),
  firstCheckDays: defineParam.duration({
    key: 'tempplate.order.firstCheckDays',
    module: m,
    label: '初核期限（T23）',
    description: '工单分配后须在此个工作日内完成初核（按节假日与调休安排，到期日 24 时止），逾期标记超期',
    defaultValue: 5,
    min: 1,
    max: 60,
    unit: 'days',
  }),
  reviewDays: defineParam.duration({
    key: 'tempplate.order.reviewDays',
    module: m,
    label: '复核期限（T24）',
    description: '初核完成后须在此个工作日内完成复核（按节假日与调休安排，到期日 24 时止），逾期标记超期',
    defaultValue: 3,
    min: 1,
    max: 60,
    unit: 'days',
  }),
  autoAssign: defineParam.list({
    key: 'tempplate.order.autoAssign',
    module: m,
    label: '预警工单自动分配规则（T22）',
    description:
      '新预警按第一条匹配的规则自动分配，每项为“匹配:初核部门[+初核部门…]:复核部门”。匹配为 *（全部）、规则编号（如 T1）或办理部门代码；部门为 12 位部门代码，@ 表示办理部门；列出多个初核部门时轮流分配。为空则全部人工分配',
    defaultValue: [],
    maxItems: 50,
    item: z
      .string()
      .refine(
        (s) => parseAssignRule(s) !== null,
        '每项须为“匹配:初核部门[+初核部门…]:复核部门”，如 T1:310101000000+310104000000:310000000000 或 *:@:310000000000',
      ),
  }),
};
