/**
 * 驾驶证状态 of the 车驾管 driver register, one letter each (a licence may carry several, e.g. `DH`): the codes of the
 * 公安交通管理信息代码 as the 六合一 system shows them [A: no interface document; public code lists].
 */
export const DRIVER_LICENCE_STATES: Readonly<Record<string, string>> = {
  A: '正常',
  B: '超分',
  C: '转出',
  D: '暂扣',
  E: '撤销',
  F: '吊销',
  G: '注销',
  H: '违法未处理',
  I: '事故未处理',
  J: '停止使用',
  K: '协查',
  L: '锁定',
  M: '逾期未换证',
  N: '延期换证',
  P: '延期体检',
  R: '注销可恢复',
  S: '逾期未审验',
  T: '延期审验',
  U: '扣留',
};

/** The state's name for the citizen: each letter named, joined with 、 (an unknown letter as 其他（X）, empty as 未知). */
export function driverLicenceStateName(code: string): string {
  const letters = [...code.trim().toUpperCase()];
  if (letters.length === 0) return '未知';
  return letters.map((c) => DRIVER_LICENCE_STATES[c] ?? `其他（${c}）`).join('、');
}
