import { checkIdNumber, checkPhone, checkPlate, checkUscc } from '@shtp/core';

/** A business rejection as 六合一 answers it: a code other than 1 and a Chinese message. */
export interface Rejection {
  code: string;
  message: string;
}

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
];
const LABELS: Record<string, string> = {
  hphm: '号牌号码',
  hpzl: '号牌种类',
  zcbm: '整车编码',
  djh: '电机号',
  clpp: '品牌',
  clxh: '型号',
  csys: '车身颜色',
  clyt: '使用性质',
  ccczsbh: 'CCC证书编号',
  syrlx: '所有人类型',
  sfzmmc: '身份证明名称',
  sfzmhm: '身份证明号码',
  syrmc: '所有人',
  lxdh: '联系电话',
  djxzqh: '登记行政区划',
  zsxxdz: '住所地址',
  fzjg: '发证机关',
  blr: '经办人',
  glbm: '管理部门',
};

/** The simulator's own checks of a write's items, independent of ours (the far side validates what it gets). */
export function validateWrite(w: Record<string, string>): Rejection | null {
  if (!/^\d{13}$/.test(w.lsh ?? '')) return { code: 'E01', message: '流水号格式错误（应为13位数字）' };
  if (!['business', 'status', 'correction'].includes(w.kind ?? '')) return { code: 'E03', message: '写入类型无效' };
  if (w.kind === 'business' && !['A', 'B', 'D', 'G', 'K'].includes(w.ywlx ?? '')) return { code: 'E04', message: '业务类型（ywlx）无效' };
  if (w.kind === 'status' && (!['C', 'O'].includes(w.ztbj ?? '') || !['0', '1'].includes(w.ztcz ?? ''))) return { code: 'E05', message: '状态标记无效' };
  if (w.kind === 'correction' && !/^\d{13}$/.test(w.correctsLsh ?? '')) return { code: 'E06', message: '被更正的流水号无效' };
  for (const k of REQUIRED) if (!w[k]) return { code: 'E07', message: `${LABELS[k] ?? k}不能为空` };
  if (!w.hphm && w.ywlx !== 'G') return { code: 'E07', message: '号牌号码不能为空' };
  if (!/^\d{15}$/.test(w.zcbm!)) return { code: 'E08', message: '整车编码应为15位数字' };
  if (w.hphm && !checkPlate(w.hphm, { vehicle: 'ebike' }).ok) return { code: 'E09', message: `号牌号码${w.hphm}格式错误` };
  const id = w.syrlx === '1' ? checkIdNumber(w.sfzmhm!, {}) : checkUscc(w.sfzmhm!, {});
  if (!id.ok) return { code: 'E12', message: `身份证明号码校验失败：${id.message}` };
  if (!checkPhone(w.lxdh!, {}).ok) return { code: 'E13', message: '联系电话格式错误' };
  if (!/^\d{6}$/.test(w.djxzqh!)) return { code: 'E14', message: '登记行政区划代码应为6位数字' };
  return null;
}
