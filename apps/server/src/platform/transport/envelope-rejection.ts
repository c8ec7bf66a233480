import { rejectionsOf } from '../http/rejections.ts';

/** Why an envelope request was refused: the gm codes, plus what the server itself checks around them. */
export type RejectionCode =
  | 'ENVELOPE_REQUIRED'
  | 'ENVELOPE_MALFORMED'
  | 'ENVELOPE_TAMPERED'
  | 'ENVELOPE_REPLAYED'
  | 'ENVELOPE_EXPIRED'
  | 'ENVELOPE_WRONG_RECIPIENT'
  | 'DEVICE_NOT_REGISTERED'
  | 'DEVICE_OTHER_DEPARTMENT'
  | 'DEVICE_CAPABILITY_MISSING'
  | 'ENVELOPE_PAYLOAD_INVALID';

/**
 * Status and Chinese reason per code. 401 where the sender is not (or no longer) authenticated by the
 * envelope; 400 where the request is malformed or must be sealed again to the current server key.
 */
const rejections = rejectionsOf<RejectionCode>({
  ENVELOPE_REQUIRED: { status: 415, message: '此接口只接受数字信封（Content-Type: application/shtp-envelope），明文请求被拒绝' },
  ENVELOPE_MALFORMED: { status: 400, message: '数字信封格式错误' },
  ENVELOPE_TAMPERED: { status: 401, message: '数字信封签名无效或内容被篡改' },
  ENVELOPE_REPLAYED: { status: 401, message: '数字信封重放：该信封已被处理过，请重新封装' },
  ENVELOPE_EXPIRED: { status: 401, message: '数字信封已过期或时间戳超前，请校准终端时间后重新封装' },
  ENVELOPE_WRONG_RECIPIENT: { status: 400, message: '数字信封的接收方与服务器当前传输密钥不符，请重新获取服务器公钥后重新封装' },
  DEVICE_NOT_REGISTERED: { status: 401, message: '终端未登记或已停用' },
  DEVICE_OTHER_DEPARTMENT: { status: 403, message: '本终端登记在其他部门，本账号不能使用；请使用本部门登记的终端' },
  DEVICE_CAPABILITY_MISSING: { status: 403, message: '本终端的登记类型不能调用此接口；如确需使用，请在安全管理 › 终端管理中修改终端类型' },
  ENVELOPE_PAYLOAD_INVALID: { status: 400, message: '数字信封内容不是有效的 JSON' },
});

export const rejectionMessage = rejections.message;

/**
 * The error the client receives (plain JSON: the sender is not trusted, so nothing is sealed to it); `message`
 * replaces the code's reason where the server knows more precisely what is wrong.
 */
export const envelopeRejection = rejections.error;
