/** Every failure the package reports on purpose. The code is stable (for programs); the message is Chinese (for people). */
export type GmErrorCode =
  | 'INVALID_KEY'
  | 'INVALID_INPUT'
  | 'MALFORMED'
  | 'AUTH_FAILED'
  | 'DECRYPT_FAILED'
  | 'ENVELOPE_TAMPERED'
  | 'ENVELOPE_EXPIRED'
  | 'ENVELOPE_REPLAYED'
  | 'ENVELOPE_WRONG_RECIPIENT'
  | 'ENVELOPE_MALFORMED';

const MESSAGES: Record<GmErrorCode, string> = {
  INVALID_KEY: '密钥无效',
  INVALID_INPUT: '输入参数无效',
  MALFORMED: '密文格式错误或版本不受支持',
  AUTH_FAILED: '认证失败：数据被篡改、密钥错误或关联数据不符',
  DECRYPT_FAILED: 'SM2 解密失败：密文被篡改或私钥不匹配',
  ENVELOPE_TAMPERED: '数字信封签名验证失败：内容被篡改或发送方不可信',
  ENVELOPE_EXPIRED: '数字信封已过期或时间戳不可信',
  ENVELOPE_REPLAYED: '数字信封重放：该信封已被处理过',
  ENVELOPE_WRONG_RECIPIENT: '数字信封的接收方不是本方',
  ENVELOPE_MALFORMED: '数字信封格式错误或版本不受支持',
};

export class GmError extends Error {
  readonly code: GmErrorCode;

  constructor(code: GmErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${MESSAGES[code]}（${detail}）` : MESSAGES[code], options);
    this.name = 'GmError';
    this.code = code;
  }
}

export const isGmError = (e: unknown, code?: GmErrorCode): e is GmError => e instanceof GmError && (code === undefined || e.code === code);
