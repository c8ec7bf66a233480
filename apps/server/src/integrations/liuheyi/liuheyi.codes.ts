/**
 * The code tables of the 六合一 e-bike interface. Interface IDs, the rejection catalogue and the e-bike codes
 * are assumptions [A] (DOMAIN.md §1.3–1.7) to be replaced from the 六合一 interface document; the client and the
 * simulator both read them from here, so a change is made once.
 */
import type { LiuheyiWrite, LiuheyiWriteKind } from './liuheyi.port.ts';

/** 系统类别 01 = 机动车登记业务. */
export const XTLB = '01';

/** 接口标识 (xtlb + W/Q + 2 digits) [A]. */
export const JKID = { business: '01W61', status: '01W62', correction: '01W63', query: '01Q61', reconcile: '01Q62' } as const;

export const KIND_OF_JKID: Record<string, LiuheyiWriteKind> = {
  [JKID.business]: 'business',
  [JKID.status]: 'status',
  [JKID.correction]: 'correction',
};

export const SUCCESS_CODE = '1';
/** A query for a 流水号 the far side does not hold. */
export const NOT_FOUND_CODE = '100';

/**
 * Business rejections: the far side refused the content. The client raises LiuheyiRejectedError for these only;
 * every other code (901–903 below, anything unknown) is LiuheyiUnavailableError and is retried.
 */
export const REJECTION_CODES = {
  '201': '必填数据项缺失',
  '202': '身份证明号码校验不通过',
  '203': '统一社会信用代码校验不通过',
  '204': '整车编码格式错误',
  '205': '号牌号码格式错误',
  '206': '联系电话格式错误',
  '207': '代码值不在代码表中',
  '208': '流水号格式错误',
  '209': '数据项之间不一致',
  '210': '数据项格式或长度错误',
  '299': '业务退回（模拟器故障注入）',
  '301': '被更正的流水号不存在',
  '302': '状态标记与车辆现状不符',
  '303': '车辆被盗抢，停止办理业务',
  '304': '车辆已锁定',
  '305': '车辆已注销',
  '306': '整车编码已登记',
  '307': '车辆未在六合一登记',
  '401': '流水号已受理，内容与本次不同',
} as const;
export type RejectionCode = keyof typeof REJECTION_CODES;

export function isRejectionCode(code: string): code is RejectionCode {
  return Object.hasOwn(REJECTION_CODES, code);
}

/** Protocol errors: not about the content, so the client treats them as unavailability. */
export const PROTOCOL_ERRORS = {
  '901': '接口序列号（jkxlh）无效',
  '902': '接口标识（jkid）无效',
  '903': '请求文档无法解析',
} as const;

/** 业务类型 and the 业务原因 each accepts (DOMAIN.md §1.3); an empty list = carries none. */
export const YWYY_OF_YWLX: Record<string, { required: boolean; codes: readonly string[] }> = {
  A: { required: false, codes: [] },
  B: { required: true, codes: ['BA', 'BB', 'BC'] },
  D: { required: false, codes: ['DA', 'DB', 'DC'] },
  G: { required: false, codes: [] },
  K: { required: false, codes: [] },
};

/** 状态标记 that a status write may set or clear: C 被盗抢, O 锁定. */
export const STATUS_FLAGS = ['C', 'O'] as const;

/** 身份证明名称 of each 所有人类型 [A]. */
export const SFZMMC_OF_SYRLX: Record<string, string> = { '1': 'A', '2': 'B' };

/**
 * The far side's own code tables of the vehicle items [A] (the simulator judges with these, never with the
 * module's shared validators): 号牌种类, 车辆类型, 获得方式, 蓄电池类型, 委托方式, 车身颜色 (GA 24.8).
 */
export const HPZL_CODES = ['P', 'K'] as const;
export const CLLX_CODES = { ebike: '1', wheelchair: '2', tricycle: '3' } as const;
export const HDFS_CODES = { purchase: 'A', gift: 'B', inherit: 'C', other: 'Z' } as const;
export const XDCLX_CODES = { lead_acid: '1', lithium: '2', other: '9' } as const;
/** 委托方式: 1 所有人本人办理, 2 委托代理人办理 (代理人姓名与身份证号码必填) [A]. */
export const WTFS_CODES = { self: '1', agent: '2' } as const;
export const CSYS_CODES = 'ABCDEFGHIJZ';
/** 注销原因 [A]. */
export const ZXYY_CODES = { stolen: '1', lost: '2', destroyed: '3', unused: '4', other: '9' } as const;
/** 补换类型 [A]: 1 补领（号牌遗失）, 2 换领（号牌损坏）. */
export const BHLX_CODES = { lost: '1', damaged: '2' } as const;

/**
 * The business's own elements each write must carry, besides the vehicle items (README: "business → elements").
 * Key: ywlx for a business, ztbj + ztcz for a status write, 'GZ' for a correction. Elements in [] are optional.
 */
export const BUSINESS_ELEMENTS: Record<string, { required: readonly string[]; optional: readonly string[] }> = {
  A: { required: [], optional: [] },
  B: { required: [], optional: [] },
  D: { required: ['bgxm'], optional: [] },
  G: { required: ['zxyy'], optional: ['zxbz'] },
  K: { required: ['bhlx'], optional: [] },
  C1: { required: ['sqrq', 'sqdd'], optional: ['bajbh'] },
  C0: { required: ['zhqk'], optional: [] },
  O1: { required: ['sdyy', 'sdbm'], optional: [] },
  O0: { required: ['jsyy'], optional: [] },
  GZ: { required: ['gzyy', 'gzxm'], optional: [] },
};

/** The business key of a wire record (as in BUSINESS_ELEMENTS and the reconciliation counts). */
export function businessKey(kind: LiuheyiWriteKind, w: Record<string, string | undefined>): string {
  if (kind === 'status') return `${w.ztbj ?? ''}${w.ztcz ?? ''}`;
  if (kind === 'correction') return 'GZ';
  return w.ywlx ?? '';
}

/** The business key of a write before it is put on the wire (the key the far side counts it under). */
export const writeKey = (w: LiuheyiWrite): string => businessKey(w.kind, { ztbj: w.zt?.flag, ztcz: w.zt ? (w.zt.set ? '1' : '0') : undefined, ywlx: w.ywlx });
