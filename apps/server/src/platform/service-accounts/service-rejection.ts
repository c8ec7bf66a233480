import type { ServiceRejectionCode } from '@shtp/core/platform';
import type { AppError } from '../http/errors.ts';
import { rejectionsOf } from '../http/rejections.ts';

/** Status and Chinese reason of each refusal of a signed call (docs/api/service-accounts.md). */
const rejections = rejectionsOf<ServiceRejectionCode>({
  APP_UNKNOWN: { status: 401, message: '接入应用不存在或已停用' },
  IP_DENIED: { status: 403, message: '来源地址不在该接入应用的白名单内' },
  TS_EXPIRED: { status: 401, message: '请求时间戳超出允许范围，请校准时钟后重新签名' },
  SIGN_INVALID: { status: 401, message: '请求签名无效' },
  REPLAY: { status: 401, message: '重复的请求（随机数已使用），请使用新的 X-Nonce 重新签名' },
  SCOPE_DENIED: { status: 403, message: '接入应用未获授权调用此接口' },
  RATE_LIMITED: { status: 429, message: '请求过于频繁，已超过该接入应用的速率限制' },
});

export const serviceRejectionMessage = rejections.message;

/** The error the caller receives; `detail` says which header or rule failed (never the expected signature). */
export function serviceRejection(code: ServiceRejectionCode, detail?: string): AppError {
  const message = rejections.message(code);
  return rejections.error(code, detail ? `${message}：${detail}` : message);
}
