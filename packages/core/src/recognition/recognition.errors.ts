import type { ErrorCodeTable } from '../platform/error-codes.ts';

/** API error codes of the 图像识别 module (see platform/error-codes.ts). */
export const RECOGNITION_ERROR_CODES = {
  IMAGE_EMPTY: '图片文件为空',
  IMAGE_CORRUPT: '图片无法解码',
  IMAGE_TOO_SMALL: '图片尺寸过小',
  RECOGNITION_BUSY: '识别服务繁忙（排队已满）',
  RECOGNITION_TIMEOUT: '识别超时',
  RECOGNITION_UNAVAILABLE: '识别引擎暂不可用',
} as const;

declare module '../platform/error-codes.ts' {
  interface ModuleErrorCodes extends ErrorCodeTable<typeof RECOGNITION_ERROR_CODES> {}
}
