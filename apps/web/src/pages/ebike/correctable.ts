import { type BusinessEntry, CORRECTABLE_ITEMS } from '@shtp/core';

export type CorrectableKey = keyof typeof CORRECTABLE_ITEMS;

export const CORRECTABLE_LABELS: Record<CorrectableKey, string> = {
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
  originProof: '来历凭证编号',
  name: '所有人姓名',
  phone: '联系电话',
  address: '住所地址',
  districtCode: '登记行政区划',
};

const ALL_KEYS = Object.keys(CORRECTABLE_ITEMS) as CorrectableKey[];

/**
 * The items an 更正 of this business may correct, as the server rules it: everything a 注册登记 recorded,
 * otherwise only the correctable items the business changed.
 */
export function correctableKeys(entry: Pick<BusinessEntry, 'type' | 'changes'>): CorrectableKey[] {
  if (entry.type === 'register') return ALL_KEYS;
  const changed = new Set(entry.changes.map((c) => c.item));
  return ALL_KEYS.filter((key) => changed.has(CORRECTABLE_ITEMS[key]));
}
