import type { ErrorCodeTable } from '../platform/error-codes.ts';

export const ARCHIVE_ERROR_CODES = {
  ARCHIVE_NO_BUSINESS: '流水号对应的登记业务不存在',
  ARCHIVE_PAGE_BLANK: '页面疑似空白',
  ARCHIVE_PAGE_BLURRED: '页面疑似模糊',
  ARCHIVE_UPLOAD_UNKNOWN: '上传不存在、未完成或不属于当前用户',
  ARCHIVE_REASON_REQUIRED: '补录或替换须填写原因',
  ARCHIVE_PDF_UNREADABLE: 'PDF 文件无法打开或没有页面',
  ARCHIVE_PDF_TOO_MANY_PAGES: 'PDF 页数超过一次上传的上限',
  ARCHIVE_REPLACE_ONE_PAGE: '替换一页只能上传单页文件',
  ARCHIVE_DISPOSAL_REFUSED: '档案不能处置或该处置步骤不允许',
  ARCHIVE_DISPOSED: '档案已处置，影像不再提供',
  ARCHIVE_ORDER_MISMATCH: '页序须包含档案当前的全部页面，每页一次',
} as const;

declare module '../platform/error-codes.ts' {
  interface ModuleErrorCodes extends ErrorCodeTable<typeof ARCHIVE_ERROR_CODES> {}
}
