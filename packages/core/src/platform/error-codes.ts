/**
 * API error codes: the stable `code` of every 4xx/5xx body (`ApiError`), which clients branch on — the message is for
 * people and may change. The platform's codes are listed here; each module entry lists its own (`EBIKE_ERROR_CODES` …)
 * and merges them into `ModuleErrorCodes`, so `ApiErrorCode` is every code the server may send. The server's
 * `AppError` takes an `ApiErrorCode`, and the console compares `ApiRequestError.code` against it.
 */
export const PLATFORM_ERROR_CODES = {
  // Any route
  VALIDATION_FAILED: '输入校验未通过（details 逐项说明字段与原因）',
  BAD_REQUEST: '请求格式不正确',
  UNSUPPORTED_MEDIA_TYPE: '不支持的请求内容类型',
  BODY_TOO_LARGE: '请求体超过上限',
  UNAUTHENTICATED: '未登录或登录已超时',
  FORBIDDEN: '没有执行此操作的权限',
  NOT_FOUND: '数据不存在或无权访问，或接口不存在',
  DUPLICATE: '数据已存在（唯一性冲突）',
  REFERENCED: '数据被引用，或引用的数据不存在',
  VERSION_CONFLICT: '数据已被他人修改，须刷新后重试',
  RATE_LIMITED: '请求过于频繁',
  INTERNAL: '服务器内部错误',
  OVERLOADED: '系统繁忙，暂不受理新请求（按 Retry-After 稍后重试）',
  CSRF_FAILED: '请求校验失败（CSRF）',
  IDEMPOTENCY_KEY_INVALID: 'Idempotency-Key 格式无效',
  IDEMPOTENCY_KEY_REUSED: '该 Idempotency-Key 已用于内容不同的另一请求',
  MULTIPART_REQUIRED: '须以 multipart/form-data 方式上传',
  MULTIPART_INVALID: '上传的表单无法解析',
  TOO_MANY_FILES: '上传的文件过多',
  TOO_MANY_FIELDS: '表单字段过多',
  UNEXPECTED_FILE: '表单中有不应有的文件',
  IMAGE_REQUIRED: '须上传图片',
  IMAGE_TOO_LARGE: '图片文件过大',
  IMAGE_TYPE_UNSUPPORTED: '不支持的图片格式（仅 JPEG、PNG、WebP）',
  FILE_REQUIRED: '须上传文件',
  FILE_TOO_LARGE: '文件过大',
  FILE_TYPE_UNSUPPORTED: '不支持的文件类型',
  FILE_CORRUPT: '文件已损坏或不完整，无法读取',
  IMAGE_TOO_MANY_PIXELS: '图片像素超过上限（防解压炸弹）',
  BLOB_ERASED: '影像内容已被擦除（须重新上传）',
  IDEMPOTENCY_KEY_IN_PROGRESS: '相同 Idempotency-Key 的请求仍在处理中',
  // Sign-in and session (身份鉴别)
  AUTH_FAILED: '用户名或密码错误',
  ACCOUNT_DISABLED: '账户已停用',
  ACCOUNT_EXPIRED: '账户已过有效期',
  ACCOUNT_LOCKED: '登录失败次数过多，账户已锁定（details 给出解锁时间）',
  IP_LOCKED: '该地址登录失败次数过多，暂停登录',
  IP_DENIED: '来源地址不在白名单内（管理终端、接入应用）',
  CAPTCHA_REQUIRED: '须输入验证码',
  CAPTCHA_INVALID: '验证码错误或已失效',
  PASSWORD_CHANGE_REQUIRED: '须先修改密码',
  PASSWORD_POLICY: '新密码不符合口令策略',
  FACTOR_REQUIRED: '须先完成第二因素认证',
  FACTOR_FAILED: '第二因素认证失败',
  NO_PENDING_FACTOR: '没有待完成的第二因素认证',
  SM2_KEY_MISSING: '账户尚未登记 SM2 证书公钥',
  // Platform administration
  JOB_STATE_CONFLICT: '任务的当前状态不允许此操作',
  KEY_NOT_ROTATABLE: '该密钥不能轮换',
  DEVICE_CODE_TAKEN: '终端编号已被使用',
  // Signed calls of service accounts (docs/api/service-accounts.md)
  APP_UNKNOWN: '接入应用不存在或已停用',
  TS_EXPIRED: '请求时间戳超出允许范围',
  SIGN_INVALID: '请求签名无效',
  REPLAY: '重复的请求（随机数已使用）',
  SCOPE_DENIED: '接入应用未获授权调用此接口',
  // Digital envelopes of terminals (docs/api/transport.md)
  ENVELOPE_REQUIRED: '此接口只接受数字信封',
  ENVELOPE_MALFORMED: '数字信封格式错误',
  ENVELOPE_TAMPERED: '数字信封签名无效或内容被篡改',
  ENVELOPE_REPLAYED: '数字信封重放',
  ENVELOPE_EXPIRED: '数字信封已过期或时间戳超前',
  ENVELOPE_WRONG_RECIPIENT: '数字信封的接收方与服务器当前传输密钥不符',
  DEVICE_NOT_REGISTERED: '终端未登记或已停用',
  DEVICE_OTHER_DEPARTMENT: '本终端登记在其他部门，本账号不能使用',
  DEVICE_CAPABILITY_MISSING: '本终端的登记类型不能调用此接口',
  ENVELOPE_PAYLOAD_INVALID: '数字信封内容不是有效的 JSON',
} as const;
export type PlatformErrorCode = keyof typeof PLATFORM_ERROR_CODES;

/**
 * The modules' codes, filled by each module entry through declaration merging:
 * `declare module '../platform/error-codes.ts' { interface ModuleErrorCodes extends ErrorCodeTable<typeof X_ERROR_CODES> {} }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each module entry
export interface ModuleErrorCodes {}

/** The shape a module's merge takes: its codes as keys. */
export type ErrorCodeTable<T> = Record<keyof T, string>;

/** Every code the API may answer with. */
export type ApiErrorCode = PlatformErrorCode | keyof ModuleErrorCodes;
