import type { ErrorCodeTable } from '../platform/error-codes.ts';

/** API error codes of the 道路施工 module (see platform/error-codes.ts). */
export const ROADWORKS_ERROR_CODES = {
  ROAD_NAME_TAKEN: '同一区内已有同名道路',
  SEGMENT_TAKEN: '该道路上已有此路段，或顺序号已被其他路段使用',
  GAZETTEER_IN_USE: '仍被未办结的办件或未停用的路段使用，不能停用（message 列出）',
  GAZETTEER_RETIRED: '路段或路口已停用，不能修改',
  CASE_REFUSED: '办件当前状态不允许该操作（message 说明规则）',
  HUB_UNAVAILABLE: '一网通办平台暂时无法访问，请稍后重试',
  EXCHANGE_REFUSED: '交换请求当前状态不允许该操作（message 说明原因）',
  EXCHANGE_UNCONFIGURED: '未配置保险行业协会交换目录（INSURANCE_EXCHANGE_DIR），无法交换',
} as const;

declare module '../platform/error-codes.ts' {
  interface ModuleErrorCodes extends ErrorCodeTable<typeof ROADWORKS_ERROR_CODES> {}
}
