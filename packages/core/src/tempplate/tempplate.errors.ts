import type { ErrorCodeTable } from '../platform/error-codes.ts';

/** API error codes of the 机动车临牌查验 module (see platform/error-codes.ts). */
export const TEMPPLATE_ERROR_CODES = {
  WORK_ORDER_REFUSED: '工单当前状态不允许该操作（message 说明规则）',
  BUSINESS_CONFLICT: '同一流水号的临牌业务已接收且内容不同',
} as const;

declare module '../platform/error-codes.ts' {
  interface ModuleErrorCodes extends ErrorCodeTable<typeof TEMPPLATE_ERROR_CODES> {}
}
