import type { ApiErrorCode } from '@shtp/core/platform';

/** A failure the client is told about: stable code (the table of @shtp/core), HTTP status, Chinese message, per-field details. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export const badRequest = (code: ApiErrorCode, message: string, details: { field: string; message: string }[] = []) =>
  new AppError(400, code, message, details);
export const unauthenticated = () => new AppError(401, 'UNAUTHENTICATED', '未登录或登录已超时，请重新登录');
export const forbidden = (message = '没有执行此操作的权限') => new AppError(403, 'FORBIDDEN', message);
/** "Not found or no access": the caller cannot tell which (IDOR resistance). */
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what}不存在或无权访问`);
export const conflict = (code: ApiErrorCode, message: string, details: { field: string; message: string }[] = []) => new AppError(409, code, message, details);
export const versionConflict = () => conflict('VERSION_CONFLICT', '数据已被他人修改，请刷新后重试');
