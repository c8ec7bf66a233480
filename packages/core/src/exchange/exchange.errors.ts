import type { ErrorCodeTable } from '../platform/error-codes.ts';

/** API error codes of the 数据交换 module. */
export const EXCHANGE_ERROR_CODES = {
  EXCHANGE_NOT_CONFIGURED: '未配置交换目录或对端公钥',
  EXCHANGE_PACKAGE_GONE: '该数据包的留存副本已过保留期，无法重发，请重新全量导出',
} as const;

declare module '../platform/error-codes.ts' {
  interface ModuleErrorCodes extends ErrorCodeTable<typeof EXCHANGE_ERROR_CODES> {}
}
