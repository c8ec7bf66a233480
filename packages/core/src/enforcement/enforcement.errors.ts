import type { ErrorCodeTable } from '../platform/error-codes.ts';

/** API error codes of the 交通执法II module (see platform/error-codes.ts). */
export const ENFORCEMENT_ERROR_CODES = {
  VIOLATION_CODE_UNKNOWN: '违法代码不在现行代码表中',
  DAILY_CAP_REACHED: '民警当日开具的简易程序已达上限',
  WARNING_NOT_ALLOWED: '该违法行为不适用警告',
  CLIENT_ID_CONFLICT: '同一编号的记录已存在且内容不同',
  CALIBRATION_EXPIRED: '酒精测试仪检定已过期',
  DETENTION_ALREADY_RELEASED: '该扣留已放行',
  CUSTODY_OUT_OF_ORDER: '血样流转环节顺序不符',
  RIDER_REGISTRY_UNAVAILABLE: '骑手信息平台暂不可用',
  EDUCATION_UNAVAILABLE: '现场教育接口暂不可用',
  STANDARD_UPLOAD_NOT_REJECTED: '只有被退回的记录可以更正后重新上传',
  STANDARD_UPLOAD_UNCHANGED: '记录自被退回后未作更正',
  TICKET_FONT_MISSING: '服务器缺少中文字体，无法生成决定书 PDF',
} as const;

declare module '../platform/error-codes.ts' {
  interface ModuleErrorCodes extends ErrorCodeTable<typeof ENFORCEMENT_ERROR_CODES> {}
}
