import { COLOURS, PLATE_KINDS } from '@shtp/core/ebike';
import { areaCodeStatus, checkIdNumber, checkPhone, checkPlate, checkUscc, PLATE_PROVINCES } from '@shtp/core/validators';
import { REJECTION_CODES, type RejectionCode, SFZMMC_OF_SYRLX, STATUS_FLAGS, YWYY_OF_YWLX } from './liuheyi.codes.ts';
import type { LiuheyiWriteKind } from './liuheyi.port.ts';

/**
 * The simulator's own checks of a write, done on the wire record as the far side receives it (all values text),
 * independently of what the e-bike module checked. One rejection per write: the first rule broken, in the order
 * below. Messages are Chinese, name the item, and never quote a personal value.
 */

export interface Rejection {
  code: RejectionCode;
  message: string;
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
  'blr',
  'glbm',
  'ywsj',
];

/** Longest accepted text per item [A]. */
const MAX_LENGTH: Record<string, number> = { djh: 30, clpp: 30, clxh: 30, hgzbh: 30, syrmc: 60, zsxxdz: 100, blr: 30 };

const reject = (code: RejectionCode, detail: string): Rejection => ({ code, message: `${REJECTION_CODES[code]}：${detail}` });
const label = (k: string) => LABELS[k] ?? k;

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

/** Code tables and the agreement between items. */
function checkCodes(kind: LiuheyiWriteKind, w: Record<string, string>): Rejection | null {
  if (!Object.hasOwn(PLATE_KINDS, w.hpzl!)) return reject('207', `号牌种类“${w.hpzl}”（应为 ${Object.keys(PLATE_KINDS).join('/')}）`);
  if (w.clyt !== 'P' && w.clyt !== 'K') return reject('207', `车辆用途“${w.clyt}”（应为 P 普通或 K 快递外卖专用）`);
  if (w.clyt !== w.hpzl) return reject('209', '车辆用途与号牌种类不一致（快递外卖专用车须挂专用号牌）');
  const colours = Array.from(w.csys!);
  if (colours.length > 3 || colours.some((c) => !Object.hasOwn(COLOURS, c))) return reject('207', `车身颜色“${w.csys}”（1–3 个 GA 24.8 颜色代码）`);
  if (new Set(colours).size !== colours.length) return reject('209', '车身颜色不能重复');
  if (!Object.hasOwn(SFZMMC_OF_SYRLX, w.syrlx!)) return reject('207', `所有人类型“${w.syrlx}”（应为 1 个人或 2 单位）`);
  if (!Object.values(SFZMMC_OF_SYRLX).includes(w.sfzmmc!)) return reject('207', `身份证明名称“${w.sfzmmc}”`);
  if (SFZMMC_OF_SYRLX[w.syrlx!] !== w.sfzmmc) return reject('209', '身份证明名称与所有人类型不符（个人用居民身份证 A，单位用统一社会信用代码 B）');
  if (!/^\d{6}$/.test(w.djxzqh!)) return reject('210', `${label('djxzqh')}应为 6 位数字`);
  if (areaCodeStatus(w.djxzqh!) !== 'current') return reject('207', `登记行政区划“${w.djxzqh}”不是现行行政区划代码`);
  if (!new RegExp(`^[${PLATE_PROVINCES}][A-Z]$`).test(w.fzjg!)) return reject('210', `${label('fzjg')}应为省份简称加一位字母，如“沪A”`);
  if (w.hphm && !w.hphm.startsWith(w.fzjg!)) return reject('209', '发证机关与号牌号码的前两位不一致');
  if (kind === 'business' && w.ywlx !== 'A' && !w.hphm) return reject('201', `${label('hphm')}（只有注册登记可暂无号牌）`);
  if (kind !== 'business' && !w.hphm) return reject('201', label('hphm'));
  return null;
}

/** Formats and check digits of the identifying items. */
function checkFormats(w: Record<string, string>): Rejection | null {
  if (!/^\d{15}$/.test(w.zcbm!)) return reject('204', '整车编码应为 15 位数字');
  if (w.hphm) {
    const plate = checkPlate(w.hphm, { vehicle: 'ebike' });
    if (!plate.ok || plate.value !== w.hphm) return reject('205', `号牌号码“${w.hphm}”不符合电动自行车号牌格式`);
  }
  const id = w.syrlx === '1' ? checkIdNumber(w.sfzmhm!, { label: '身份证明号码' }) : checkUscc(w.sfzmhm!, { label: '统一社会信用代码' });
  if (!id.ok || id.value !== w.sfzmhm) return reject(w.syrlx === '1' ? '202' : '203', id.ok ? '须为规范写法（大写、无空格）' : id.message);
  const phone = checkPhone(w.lxdh!);
  if (!phone.ok) return reject('206', phone.message);
  if (!/^\d{16}$/.test(w.ccczsbh!)) return reject('210', `${label('ccczsbh')}应为 16 位数字`);
  if (!/^[A-Z0-9-]{6,30}$/.test(w.djh!)) return reject('210', `${label('djh')}应为 6–30 位大写字母、数字或“-”`);
  if (!/^\d{12}$/.test(w.glbm!)) return reject('210', `${label('glbm')}代码应为 12 位数字`);
  if (Number.isNaN(Date.parse(w.ywsj!))) return reject('210', `${label('ywsj')}应为 ISO 8601 时间`);
  for (const [k, max] of Object.entries(MAX_LENGTH)) if (Array.from(w[k] ?? '').length > max) return reject('210', `${label(k)}不能超过 ${max} 个字符`);
  return null;
}

/** The first rule a write breaks, or null when the far side accepts its content (vehicle state is checked apart). */
export function validateWrite(kind: LiuheyiWriteKind, w: Record<string, string>): Rejection | null {
  if (!isLsh(w.lsh)) return reject('208', '流水号应为 13 位数字（yyMMdd + 7 位序号）');
  const head = checkHead(kind, w);
  if (head) return head;
  const missing = REQUIRED.filter((k) => !w[k]);
  if (missing.length > 0) return reject('201', missing.map(label).join('、'));
  return checkCodes(kind, w) ?? checkFormats(w);
}
