import type { ErrorCodeTable } from '../platform/error-codes.ts';

/** API error codes of the 电动自行车 module (see platform/error-codes.ts). */
export const EBIKE_ERROR_CODES = {
  BUSINESS_REFUSED: '车辆当前状态不允许办理该业务（message 说明规则）',
  ZCBM_REGISTERED: '整车编码已登记，不能重复注册',
  PLATE_POOL_EMPTY: '号牌库中没有可分配的号码',
  UPLOAD_NOT_FAILED: '只有上传失败或被退回的业务才能重新上传',
  LIUHEYI_UNAVAILABLE: '六合一暂不可用（对账等同步调用，message 说明原因）',
} as const;

declare module '../platform/error-codes.ts' {
  interface ModuleErrorCodes extends ErrorCodeTable<typeof EBIKE_ERROR_CODES> {}
}
