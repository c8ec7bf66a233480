import type { ErrorCodeTable } from '../platform/error-codes.ts';

/** API error codes of the 缴款 module. */
export const PAYMENTS_ERROR_CODES = {
  DECISION_NOT_FOUND: '未找到该处罚决定书（或尚未从公安网同步）',
  DECISION_ALREADY_PAID: '该处罚决定书已缴款',
  NOTIFICATION_SIGNATURE_INVALID: '支付通知签名无效',
  NOTIFICATION_MISMATCH: '支付通知与订单不符',
  PAYMENT_CHANNEL_FAILED: '支付渠道下单失败',
  NOT_FOUND_OR_MISMATCH: '未查询到违法记录，或号牌与车辆识别信息不符',
  LOCKED: '该号牌的查询因多次核验不符已被锁定',
  ASSERTION_INVALID: '随申办身份断言无效或已过期',
  REAL_NAME_REQUIRED: '随申办身份断言未含实名认证信息，不能查询本人驾驶证',
  SMS_TEMPLATE_NOT_APPROVED: '短信模板尚未审核通过，不能使用',
  SMS_SEND_FAILED: '短信平台发送失败',
} as const;

declare module '../platform/error-codes.ts' {
  interface ModuleErrorCodes extends ErrorCodeTable<typeof PAYMENTS_ERROR_CODES> {}
}
