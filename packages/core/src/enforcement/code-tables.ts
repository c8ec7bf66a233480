/**
 * Versioned code tables of on-road enforcement (DOMAIN.md §3.4, §3.6). The tables are data: a new version is a new
 * entry in the list, never an edit of one in force, so a record keeps the version it was decided under. Fines are
 * Shanghai's statutory ranges; the per-code discretion standard and the Ministry's 交通方式 table were not found
 * and are assumptions [A] to verify.
 */

/** Who a violation or a 交通方式 code applies to. */
export const PARTY_CLASSES = { motor: '机动车', 'non-motor': '非机动车', pedestrian: '行人/乘车人', other: '其他' } as const;
export type PartyClass = keyof typeof PARTY_CLASSES;

export interface TrafficMode {
  code: string;
  name: string;
  partyClass: PartyClass;
}

export interface ViolationCode {
  code: string;
  name: string;
  partyClass: PartyClass;
  /** The law allows a warning for it (道交法 art.87, SH 非机动车条例 art.43). */
  warnable: boolean;
  points: number;
  fineMin: number;
  fineMax: number;
}

export interface CodeTableVersion {
  version: string;
  effectiveFrom: string;
  /** P8 交通方式改造: the Ministry's modes for motor vehicles, non-motor vehicles and pedestrians [A]. */
  trafficModes: readonly TrafficMode[];
  violations: readonly ViolationCode[];
}

const MODES_2024: TrafficMode[] = [
  { code: 'A1', name: '步行', partyClass: 'pedestrian' },
  { code: 'B1', name: '乘车', partyClass: 'pedestrian' },
  { code: 'F1', name: '自行车', partyClass: 'non-motor' },
  { code: 'F2', name: '三轮车', partyClass: 'non-motor' },
  { code: 'F3', name: '电动自行车', partyClass: 'non-motor' },
  { code: 'F4', name: '残疾人机动轮椅车', partyClass: 'non-motor' },
  { code: 'F9', name: '其他非机动车', partyClass: 'non-motor' },
  { code: 'K3', name: '小型载客汽车', partyClass: 'motor' },
  { code: 'H3', name: '轻型货车', partyClass: 'motor' },
  { code: 'M2', name: '普通二轮摩托车', partyClass: 'motor' },
  { code: 'X9', name: '其他通行工具', partyClass: 'other' },
];

const v = (code: string, name: string, partyClass: PartyClass, warnable: boolean, points: number, fineMin: number, fineMax: number): ViolationCode => ({
  code,
  name,
  partyClass,
  warnable,
  points,
  fineMin,
  fineMax,
});

const VIOLATIONS_2024: ViolationCode[] = [
  v('1625', '驾驶机动车违反道路交通信号灯通行的', 'motor', false, 6, 200, 200),
  v('1039', '机动车违反规定停放、临时停车，驾驶人不在现场', 'motor', true, 0, 200, 200),
  v('2003', '非机动车未依法登记，上道路行驶的', 'non-motor', false, 0, 50, 200),
  v('2004', '非机动车逆向行驶的', 'non-motor', true, 0, 20, 50),
  v('2007', '非机动车不按照交通信号规定通行的', 'non-motor', true, 0, 20, 50),
  v('2009', '非机动车未在非机动车道内行驶的', 'non-motor', true, 0, 20, 50),
  v('2012', '驾驶电动自行车超速行驶的', 'non-motor', true, 0, 20, 50),
  v('2055', '未满16周岁驾驶电动自行车的', 'non-motor', true, 0, 20, 50),
  v('2088', '驾驶电动自行车未按规定佩戴安全头盔的', 'non-motor', true, 0, 20, 50),
  v('3001', '行人违反交通信号通行的', 'pedestrian', true, 0, 5, 50),
  v('3005', '行人横过道路未走人行横道或过街设施的', 'pedestrian', true, 0, 5, 50),
  v('5091', '非残疾人驾驶残疾人机动轮椅车的', 'other', false, 0, 100, 1000),
];

/** Every version, oldest first; the last one whose `effectiveFrom` has come is in force. */
export const CODE_TABLE_VERSIONS: readonly CodeTableVersion[] = [
  { version: '2024.1', effectiveFrom: '2024-08-01', trafficModes: MODES_2024, violations: VIOLATIONS_2024 },
];

/** The version in force on a date (ISO `YYYY-MM-DD`). */
export function codeTableOn(date: string, versions: readonly CodeTableVersion[] = CODE_TABLE_VERSIONS): CodeTableVersion {
  const inForce = versions.filter((t) => t.effectiveFrom <= date);
  const table = inForce[inForce.length - 1];
  if (!table) throw new Error(`no violation code table in force on ${date}`);
  return table;
}

/** Non-motor vehicles and the other conveyances of 上海市道路交通管理条例 art.81 (a wheelchair, …) go together. */
const CONVEYANCES: readonly PartyClass[] = ['non-motor', 'other'];

/** P8: whether a 交通方式 fits a violation code: the same class of party, or both conveyances other than motor vehicles. */
export const trafficModeFits = (mode: TrafficMode, code: Pick<ViolationCode, 'partyClass'>): boolean =>
  mode.partyClass === code.partyClass || (CONVEYANCES.includes(mode.partyClass) && CONVEYANCES.includes(code.partyClass));

/** P8/P9: the conveyances that may be detained on the spot (non-motor and other; motor vehicles follow their own procedure). */
export const detainableModes = (table: CodeTableVersion): TrafficMode[] => table.trafficModes.filter((m) => CONVEYANCES.includes(m.partyClass));

/** The mode's name in a table version, or the code itself when the version does not know it. */
export const trafficModeName = (table: CodeTableVersion, code: string): string => table.trafficModes.find((m) => m.code === code)?.name ?? code;
