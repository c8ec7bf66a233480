import {
  BHLX_CODES,
  BUSINESS_ELEMENTS,
  businessKey,
  CLLX_CODES,
  CSYS_CODES,
  HDFS_CODES,
  HPZL_CODES,
  REJECTION_CODES,
  type RejectionCode,
  SFZMMC_OF_SYRLX,
  STATUS_FLAGS,
  WTFS_CODES,
  XDCLX_CODES,
  YWYY_OF_YWLX,
  ZXYY_CODES,
} from './liuheyi.codes.ts';
import type { LiuheyiWriteKind } from './liuheyi.port.ts';
import { dateProblem, idNumberProblem, phoneProblem, SHANGHAI_DISTRICT_CODES, usccProblem } from './liuheyi.sim-checks.ts';

/**
 * The simulator's own checks of a write, done on the wire record as the far side receives it (all values text),
 * independently of what the e-bike module checked and with its own rules (liuheyi.sim-checks.ts). One rejection
 * per write: the first rule broken, in the order below. Messages are Chinese, name the item, and never quote a
 * personal value.
 */

export interface Rejection {
  code: RejectionCode;
  message: string;
}

/** What the far side is configured with: the plate formats it accepts. */
export interface ValidationContext {
  platePatterns: readonly RegExp[];
}

const LABELS: Record<string, string> = {
  lsh: '流水号',
  ywlx: '业务类型',
  ywyy: '业务原因',
  ztbj: '状态标记',
  ztcz: '状态操作',
  gzlsh: '被更正流水号',
  hphm: '号牌号码',
  hpzl: '号牌种类',
  zcbm: '整车编码',
  djh: '电机号',
  clpp: '品牌',
  clxh: '型号',
  csys: '车身颜色',
  clyt: '车辆用途',
  ccczsbh: 'CCC证书编号',
  hgzbh: '产品合格证编号',
  syrlx: '所有人类型',
  sfzmmc: '身份证明名称',
  sfzmhm: '身份证明号码',
  syrmc: '所有人名称',
  lxdh: '联系电话',
  djxzqh: '登记行政区划',
  zsxxdz: '住所地址',
  fzjg: '发证机关',
  cllx: '车辆类型',
  hdfs: '获得方式',
  lypzbh: '来历凭证编号',
  gmrq: '购买日期',
  xdclx: '蓄电池类型',
  xdcdy: '蓄电池标称电压',
  wtfs: '委托方式',
  dlrxm: '代理人姓名',
  dlrsfzmhm: '代理人身份证号码',
  bgxm: '变更项目',
  zxyy: '注销原因',
  zxbz: '注销备注',
  bhlx: '补换类型',
  sqrq: '失窃日期',
  sqdd: '失窃地点',
  bajbh: '报案编号',
  zhqk: '找回情况',
  sdyy: '锁定原因',
  sdbm: '锁定部门',
  jsyy: '解锁原因',
  gzyy: '更正原因',
  gzxm: '更正项目',
  blr: '经办人',
  glbm: '管理部门',
  ywsj: '业务时间',
};

const REQUIRED = [
  'hpzl',
  'zcbm',
  'djh',
  'clpp',
  'clxh',
  'csys',
  'clyt',
  'ccczsbh',
  'syrlx',
  'sfzmmc',
  'sfzmhm',
  'syrmc',
  'lxdh',
  'djxzqh',
  'zsxxdz',
  'fzjg',
  'cllx',
  'hdfs',
  'lypzbh',
  'gmrq',
  'xdclx',
  'xdcdy',
  'wtfs',
  'blr',
  'glbm',
  'ywsj',
];

/** Items a 变更 may name in bgxm, and a 更正 in gzxm [A]. */
const CHANGEABLE = new Set(['csys', 'lxdh', 'zsxxdz', 'djxzqh', 'xdclx', 'xdcdy', 'hpzl', 'clyt', 'hphm', 'fzjg']);
const CORRECTABLE = new Set([
  'zcbm',
  'djh',
  'clpp',
  'clxh',
  'csys',
  'ccczsbh',
  'hgzbh',
  'xdclx',
  'xdcdy',
  'gmrq',
  'lypzbh',
  'syrmc',
  'lxdh',
  'zsxxdz',
  'djxzqh',
  'sfzmhm',
]);

/** Longest accepted text per item [A]. */
const MAX_LENGTH: Record<string, number> = {
  djh: 30,
  clpp: 30,
  clxh: 30,
  hgzbh: 30,
  syrmc: 60,
  zsxxdz: 100,
  blr: 30,
  lypzbh: 30,
  dlrxm: 30,
  zxbz: 200,
  sqdd: 100,
  bajbh: 40,
  zhqk: 200,
  sdyy: 200,
  jsyy: 200,
  gzyy: 200,
};

const reject = (code: RejectionCode, detail: string): Rejection => ({ code, message: `${REJECTION_CODES[code]}：${detail}` });
const label = (k: string) => LABELS[k] ?? k;
const codes = (table: Record<string, string>) => Object.values(table);

/** 13 digits whose first six are a real yyMMdd date. */
export function isLsh(v: string | undefined): boolean {
  if (!v || !/^\d{13}$/.test(v)) return false;
  const day = `20${v.slice(0, 2)}-${v.slice(2, 4)}-${v.slice(4, 6)}`;
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day; // rejects 02-30 (rolled over)
}

/** Kind-specific head items: business type and reason, status flag, corrected 流水号. */
function checkHead(kind: LiuheyiWriteKind, w: Record<string, string>): Rejection | null {
  if (kind === 'business') {
    if (!w.ywlx) return reject('201', label('ywlx'));
    const reasons = YWYY_OF_YWLX[w.ywlx];
    if (!reasons) return reject('207', `业务类型“${w.ywlx}”`);
    if (!w.ywyy && reasons.required) return reject('201', `${label('ywyy')}（业务类型 ${w.ywlx} 必须填写）`);
    if (w.ywyy && !reasons.codes.includes(w.ywyy)) return reject('207', `业务原因“${w.ywyy}”不属于业务类型 ${w.ywlx}`);
  }
  if (kind === 'status') {
    if (!w.ztbj || !w.ztcz) return reject('201', `${label('ztbj')}、${label('ztcz')}`);
    if (!(STATUS_FLAGS as readonly string[]).includes(w.ztbj)) return reject('207', `状态标记“${w.ztbj}”（应为 C 被盗抢或 O 锁定）`);
    if (w.ztcz !== '1' && w.ztcz !== '0') return reject('207', `状态操作“${w.ztcz}”（应为 1 设置或 0 解除）`);
  }
  if (kind === 'correction') {
    if (!w.gzlsh) return reject('201', label('gzlsh'));
    if (!isLsh(w.gzlsh)) return reject('208', label('gzlsh'));
    if (w.gzlsh === w.lsh) return reject('209', '被更正流水号不能是本次流水号');
  }
  return null;
}

/** The business's own elements (codes.ts BUSINESS_ELEMENTS): present, and nothing of another business. */
function checkElements(kind: LiuheyiWriteKind, w: Record<string, string>, today: Date): Rejection | null {
  const own = BUSINESS_ELEMENTS[businessKey(kind, w)];
  if (!own) return null; // an unknown key was refused by checkHead
  const missing = own.required.filter((k) => !w[k]);
  if (missing.length > 0) return reject('201', `${missing.map(label).join('、')}（${businessKey(kind, w)} 业务必须填写）`);
  const allowed = new Set([...own.required, ...own.optional]);
  const foreign = Object.values(BUSINESS_ELEMENTS)
    .flatMap((e) => [...e.required, ...e.optional])
    .filter((k) => w[k] !== undefined && !allowed.has(k));
  if (foreign.length > 0) return reject('209', `${[...new Set(foreign)].map(label).join('、')}不属于本业务`);
  const list = (k: string, table: Set<string>) => {
    const items = w[k]!.split(',');
    return items.some((i) => !table.has(i)) || new Set(items).size !== items.length
      ? reject('207', `${label(k)}“${w[k]}”含不可${k === 'bgxm' ? '变更' : '更正'}的项目`)
      : null;
  };
  if (w.bgxm !== undefined) return list('bgxm', CHANGEABLE);
  if (w.gzxm !== undefined) return list('gzxm', CORRECTABLE);
  if (w.zxyy !== undefined && !codes(ZXYY_CODES).includes(w.zxyy)) return reject('207', `${label('zxyy')}“${w.zxyy}”`);
  if (w.bhlx !== undefined && !codes(BHLX_CODES).includes(w.bhlx)) return reject('207', `${label('bhlx')}“${w.bhlx}”（应为 1 补领或 2 换领）`);
  if (w.sqrq !== undefined) {
    const problem = dateProblem(w.sqrq, today);
    if (problem) return reject('210', `${label('sqrq')}${problem}`);
  }
  if (w.sdbm !== undefined && !/^\d{12}$/.test(w.sdbm)) return reject('210', `${label('sdbm')}代码应为 12 位数字`);
  return null;
}

/** Code tables and the agreement between items. */
function checkCodes(kind: LiuheyiWriteKind, w: Record<string, string>): Rejection | null {
  if (!(HPZL_CODES as readonly string[]).includes(w.hpzl!)) return reject('207', `号牌种类“${w.hpzl}”（应为 ${HPZL_CODES.join('/')}）`);
  if (w.clyt !== 'P' && w.clyt !== 'K') return reject('207', `车辆用途“${w.clyt}”（应为 P 普通或 K 快递外卖专用）`);
  if (w.clyt !== w.hpzl) return reject('209', '车辆用途与号牌种类不一致（快递外卖专用车须挂专用号牌）');
  const colours = Array.from(w.csys!);
  if (colours.length > 3 || colours.some((c) => !CSYS_CODES.includes(c))) return reject('207', `车身颜色“${w.csys}”（1–3 个 GA 24.8 颜色代码）`);
  if (new Set(colours).size !== colours.length) return reject('209', '车身颜色不能重复');
  if (!Object.hasOwn(SFZMMC_OF_SYRLX, w.syrlx!)) return reject('207', `所有人类型“${w.syrlx}”（应为 1 个人或 2 单位）`);
  if (!Object.values(SFZMMC_OF_SYRLX).includes(w.sfzmmc!)) return reject('207', `身份证明名称“${w.sfzmmc}”`);
  if (SFZMMC_OF_SYRLX[w.syrlx!] !== w.sfzmmc) return reject('209', '身份证明名称与所有人类型不符（个人用居民身份证 A，单位用统一社会信用代码 B）');
  if (!codes(CLLX_CODES).includes(w.cllx!)) return reject('207', `车辆类型“${w.cllx}”`);
  if (!codes(HDFS_CODES).includes(w.hdfs!)) return reject('207', `获得方式“${w.hdfs}”`);
  if (!codes(XDCLX_CODES).includes(w.xdclx!)) return reject('207', `蓄电池类型“${w.xdclx}”`);
  if (!codes(WTFS_CODES).includes(w.wtfs!)) return reject('207', `委托方式“${w.wtfs}”（应为 1 本人或 2 委托代理）`);
  const agent = Boolean(w.dlrxm || w.dlrsfzmhm);
  if (w.wtfs === WTFS_CODES.agent && !(w.dlrxm && w.dlrsfzmhm)) return reject('201', '代理人姓名、代理人身份证号码（委托代理办理必须填写）');
  if (w.wtfs === WTFS_CODES.self && agent) return reject('209', '本人办理不能填写代理人');
  if (!/^\d{6}$/.test(w.djxzqh!)) return reject('210', `${label('djxzqh')}应为 6 位数字`);
  if (!SHANGHAI_DISTRICT_CODES.has(w.djxzqh!)) return reject('207', `登记行政区划“${w.djxzqh}”不是现行行政区划代码`);
  if (!/^[\u4e00-\u9fa5][A-Z]$/.test(w.fzjg!)) return reject('210', `${label('fzjg')}应为省份简称加一位字母，如“沪A”`);
  if (w.hphm && !w.hphm.startsWith(w.fzjg!)) return reject('209', '发证机关与号牌号码的前两位不一致');
  if (kind === 'business' && w.ywlx !== 'A' && !w.hphm) return reject('201', `${label('hphm')}（只有注册登记可暂无号牌）`);
  if (kind !== 'business' && !w.hphm) return reject('201', label('hphm'));
  return null;
}

/** Formats and check digits of the identifying items. */
function checkFormats(w: Record<string, string>, ctx: ValidationContext, today: Date): Rejection | null {
  if (!/^\d{15}$/.test(w.zcbm!)) return reject('204', '整车编码应为 15 位数字');
  if (w.hphm && !ctx.platePatterns.some((p) => p.test(w.hphm!))) return reject('205', `号牌号码“${w.hphm}”不符合电动自行车号牌格式`);
  const idProblem = w.syrlx === '1' ? idNumberProblem(w.sfzmhm!) : usccProblem(w.sfzmhm!);
  if (idProblem) return reject(w.syrlx === '1' ? '202' : '203', `${w.syrlx === '1' ? '身份证明号码' : '统一社会信用代码'}${idProblem}`);
  if (w.dlrsfzmhm) {
    const agentProblem = idNumberProblem(w.dlrsfzmhm);
    if (agentProblem) return reject('202', `代理人身份证号码${agentProblem}`);
  }
  const phone = phoneProblem(w.lxdh!);
  if (phone) return reject('206', `联系电话${phone}`);
  if (!/^\d{16}$/.test(w.ccczsbh!)) return reject('210', `${label('ccczsbh')}应为 16 位数字`);
  if (!/^[A-Z0-9-]{6,30}$/.test(w.djh!)) return reject('210', `${label('djh')}应为 6–30 位大写字母、数字或“-”`);
  const bought = dateProblem(w.gmrq!, today);
  if (bought) return reject('210', `${label('gmrq')}${bought}`);
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(w.xdcdy!) || Number(w.xdcdy) <= 0 || Number(w.xdcdy) > 60) return reject('210', `${label('xdcdy')}应为 0–60 的伏特数`);
  if (!/^\d{12}$/.test(w.glbm!)) return reject('210', `${label('glbm')}代码应为 12 位数字`);
  if (Number.isNaN(Date.parse(w.ywsj!))) return reject('210', `${label('ywsj')}应为 ISO 8601 时间`);
  for (const [k, max] of Object.entries(MAX_LENGTH)) if (Array.from(w[k] ?? '').length > max) return reject('210', `${label(k)}不能超过 ${max} 个字符`);
  return null;
}

/** The first rule a write breaks, or null when the far side accepts its content (vehicle state is checked apart). */
export function validateWrite(kind: LiuheyiWriteKind, w: Record<string, string>, ctx: ValidationContext, today = new Date()): Rejection | null {
  if (!isLsh(w.lsh)) return reject('208', '流水号应为 13 位数字（yyMMdd + 7 位序号）');
  const head = checkHead(kind, w);
  if (head) return head;
  const missing = REQUIRED.filter((k) => !w[k]);
  if (missing.length > 0) return reject('201', missing.map(label).join('、'));
  return checkElements(kind, w, today) ?? checkCodes(kind, w) ?? checkFormats(w, ctx, today);
}
