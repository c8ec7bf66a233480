import { maskAddress, maskIdNumber, maskName, maskPhone, maskPlate } from '@shtp/core/masking';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * The personal-information inventory (SECURITY.md PI-1) kept in code: every column of every table is classified in
 * a `*.pi.ts` file beside its module, and docs/security/pi-inventory.md is generated from these declarations
 * (`npm run pi-inventory`). A test fails when a column has no classification or the document is stale.
 */

/** How a masking rule shows a value, computed from the rule itself on a synthetic sample for the document. */
interface MaskExample {
  rule: string;
  sample: string;
  mask: (value: string) => string | null;
}

export interface PiCategory {
  label: string;
  /** 敏感个人信息 (GB/T 35273-2020 Annex B; PIPL art. 28): stricter handling. */
  sensitive: boolean;
  purpose: string;
  basis: string;
  retention: string;
  masking: MaskExample[];
  /** Where the data leaves the database, and in which form. */
  shownIn: string[];
}

const PIPL_DUTY = '《个人信息保护法》第十三条第一款第三项（履行法定职责）；《上海市非机动车安全管理条例》关于登记的规定';
const OWNER_RETENTION = '车辆登记存续期间；注销后的保存期限由主管部门确定 [P]，届时以参数配置并由清除任务执行（尚未实现）。登记台账只追加，更正以新业务记录';

export const PI_CATEGORIES = {
  'id-number': {
    label: '身份证明号码（所有人、代理人）',
    sensitive: true,
    purpose: '非机动车登记时确认所有人/代理人身份，按规定上传六合一；按身份证号码精确查询',
    basis: PIPL_DUTY,
    retention: OWNER_RETENTION,
    masking: [
      { rule: '默认（列表、详情、业务历史）：保留首 1 位与末 1 位', sample: '11010519491231002X', mask: (v) => maskIdNumber(v) },
      { rule: '明文查看（需权限与事由）：保留前 6 位与后 4 位，隐去出生日期', sample: '11010519491231002X', mask: (v) => maskIdNumber(v, 'privileged') },
    ],
    shownIn: [
      '`GET /api/ebike/vehicles/:id`：默认脱敏',
      '`POST /api/ebike/vehicles/:id/pii-view`：前 6 后 4；完整号码需 `ebike:pii-view:full-id` 且事由为核对身份或案件办理；每次留审计',
      '六合一上传（专网接口）：完整',
      '不出现在查询列表、PDA 应答、审计详情中',
    ],
  },
  'person-name': {
    label: '姓名（所有人、代理人）',
    sensitive: false,
    purpose: '非机动车登记，上传六合一',
    basis: PIPL_DUTY,
    retention: OWNER_RETENTION,
    masking: [{ rule: '默认：保留首字', sample: '欧阳娜娜', mask: maskName }],
    shownIn: [
      '`GET /api/ebike/vehicles`、`GET /api/ebike/vehicles/:id`、PDA 应答：脱敏',
      '`POST /api/ebike/vehicles/:id/pii-view`：明文，留审计',
      '六合一上传：完整',
    ],
  },
  phone: {
    label: '联系电话',
    sensitive: false,
    purpose: '登记联系、按电话精确查询',
    basis: PIPL_DUTY,
    retention: OWNER_RETENTION,
    masking: [{ rule: '默认：手机 3+4，固话保留区号与末 2 位', sample: '13812345678', mask: maskPhone }],
    shownIn: ['`GET /api/ebike/vehicles/:id`、PDA 应答：脱敏', '`POST /api/ebike/vehicles/:id/pii-view`：明文，留审计', '六合一上传：完整'],
  },
  address: {
    label: '住所地址',
    sensitive: false,
    purpose: '非机动车登记（住所地），上传六合一',
    basis: PIPL_DUTY,
    retention: OWNER_RETENTION,
    masking: [{ rule: '默认：保留到区/县，其后固定 ****', sample: '上海市浦东新区世纪大道100号', mask: maskAddress }],
    shownIn: ['`GET /api/ebike/vehicles/:id`：脱敏', '`POST /api/ebike/vehicles/:id/pii-view`：明文，留审计', '六合一上传：完整'],
  },
  'residence-area': {
    label: '登记行政区划（区级）',
    sensitive: false,
    purpose: '确定登记辖区与号牌发放部门',
    basis: PIPL_DUTY,
    retention: OWNER_RETENTION,
    masking: [],
    shownIn: ['车辆详情：区名（粒度已到区，不再脱敏）'],
  },
  'vehicle-identifier': {
    label: '车辆识别信息（号牌号码、整车编码、电机号、合格证编号、来历凭证编号）',
    sensitive: false,
    purpose: '车辆登记、查验与执法；与所有人关联后可识别个人',
    basis: PIPL_DUTY,
    retention: OWNER_RETENTION,
    masking: [{ rule: '对外接口（第三方，尚未开放）：号牌保留前 3 后 1', sample: '沪AD12345', mask: maskPlate }],
    shownIn: ['公安网控制台与 PDA：完整（执法需要）', '六合一上传：完整'],
  },
  'staff-identity': {
    label: '民警账户信息（账户编号、用户名、姓名、警号）',
    sensitive: false,
    purpose: '账户与权限管理、业务经办人记录、审计追溯',
    basis: '《个人信息保护法》第十三条第一款第二项（人力资源管理所必需）；《网络安全法》第二十一条',
    retention: '账户存续期间；删除为逻辑删除（保留账户行以便审计追溯，用户名不再复用）；审计日志中的副本随审计日志保留',
    masking: [],
    shownIn: ['用户管理（数据范围内的管理员）', '业务历史的经办人、锁定人', '审计日志（审计管理员）'],
  },
  credential: {
    label: '鉴别信息（口令哈希、历史口令哈希、SM2 证书公钥）',
    sensitive: true,
    purpose: '身份鉴别（口令 + SM2 第二因素）、口令不得重复使用',
    basis: '《网络安全法》第二十一条；GB/T 22239-2019 8.1.4.1',
    retention: '账户存续期间；历史口令用于比对最近若干次（`auth.password.history`）',
    masking: [],
    shownIn: ['从不出现在任何应答中（口令哈希）；SM2 公钥只显示指纹'],
  },
  'network-identifier': {
    label: '来源地址与浏览器标识（IP、User-Agent）',
    sensitive: false,
    purpose: '安全审计、登录失败锁定、在线会话管理',
    basis: '《网络安全法》第二十一条第（三）项（网络日志留存不少于六个月）',
    retention:
      '会话表：会话结束或超时后由 session-purge 任务每 10 分钟清除；审计日志：在线保留 `audit.retentionDays`（≥180 天）后归档为文件；锁定计数：锁定窗口内',
    masking: [],
    shownIn: ['审计日志（审计管理员，完整）', '在线用户（安全管理员）'],
  },
  'citizen-account': {
    label: '一网通办（随申办）用户标识（openid）',
    sensitive: false,
    purpose: '用户互认（G5）：核验接入应用转来的随申办身份，用户信息备案，并经数据交换送公安网',
    basis: '《个人信息保护法》第十三条第一款第三项（履行法定职责）',
    retention: '随用户互认服务，期限由主管部门确定 [P]',
    masking: [],
    shownIn: ['不在界面显示；审计日志只记其密钥摘要；随数据交换送公安网（用户数据集）；随办件状态推送一网通办（归入本人的“我的办件”）'],
  },
  health: {
    label: '健康生理信息（呼气、血液酒精含量）',
    sensitive: true,
    purpose: '酒驾、醉驾执法的检测记录与证据保全（交通执法II P3–P6）',
    basis: '《个人信息保护法》第十三条第一款第三项（履行法定职责）；《道路交通安全违法行为处理程序规定》第三十五、三十六条',
    retention: '随执法案卷保存，期限由主管部门确定 [P]',
    masking: [],
    shownIn: ['执法终端的检测结果（本人录入）', '`GET /api/enforcement/breath-tests`、`/blood-samples`（审核监管，数据范围内）'],
  },
  'free-text': {
    label: '自由文本（原因、地点、说明、外部系统的错误信息）',
    sensitive: false,
    purpose: '记录业务与操作的原因',
    basis: '随所在记录',
    retention: '随所在记录',
    masking: [],
    shownIn: ['随所在记录显示；界面提示不要填写个人信息；审计详情在写入前脱敏（audit() 约定）'],
  },
} satisfies Record<string, PiCategory>;
export type PiCategoryKey = keyof typeof PI_CATEGORIES;

export const STORAGE = {
  sm4: 'SM4 字段加密（C4，可轮换密钥）',
  'hmac-sm3': 'HMAC-SM3（盲索引或带密钥摘要，不可逆）',
  'pbkdf2-sm3': 'PBKDF2-SM3 加盐哈希',
  masked: '写入前已脱敏',
  plain: '明文',
} as const;
export type Storage = keyof typeof STORAGE;

/** A column holding personal information: what kind(s), how it is stored, and anything a reader should know. */
export interface PiColumn {
  categories: PiCategoryKey[];
  storage: Storage;
  note?: string;
}

/** `null`: the column holds no personal information. */
export type ColumnClass = PiColumn | null;

export const pi = (categories: PiCategoryKey | PiCategoryKey[], storage: Storage, note?: string): PiColumn => ({
  categories: [categories].flat(),
  storage,
  ...(note && { note }),
});
export const NOT_PERSONAL = null;

/** A staff account referenced by id (operator, creator, owner of a session). */
export const STAFF_REF = pi('staff-identity', 'plain', '账户编号（引用）');

export interface TableClassification {
  table: PgTable;
  /** What the table is for, in one phrase, for the inventory. */
  purpose: string;
  columns: Record<string, ColumnClass>;
}

/** Every column of the table by its property name — the type makes a new column a compile error until classified. */
export function classify<T extends PgTable>(table: T, purpose: string, columns: { [K in keyof T['_']['columns']]: ColumnClass }): TableClassification {
  return { table, purpose, columns };
}
