/**
 * The code tables of the 六合一 e-bike interface. Interface IDs, the rejection catalogue and the e-bike codes
 * are assumptions [A] (DOMAIN.md §1.3–1.7) to be replaced from the 六合一 interface document; the client and the
 * simulator both read them from here, so a change is made once.
 */
import type { LiuheyiWriteKind } from './liuheyi.port.ts';

/** 系统类别 01 = 机动车登记业务. */
export const XTLB = '01';

/** 接口标识 (xtlb + W/Q + 2 digits) [A]. */
export const JKID = { business: '01W61', status: '01W62', correction: '01W63', query: '01Q61' } as const;

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
