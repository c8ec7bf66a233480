import type { ApiError, ApiErrorCode } from '@shtp/core/platform';
import { installChineseZodMessages } from '@shtp/core/validators';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { loggableError } from '../db/query-error.ts';
import { AppError } from './errors.ts';

interface PgError {
  code?: string;
  constraint?: string;
  cause?: unknown;
}

/** Drizzle wraps driver errors; find the PostgreSQL error code underneath. */
function pgErrorOf(err: unknown): PgError | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const candidate = e as PgError;
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    e = candidate.cause;
  }
  return undefined;
}

/** An error body; the code from the table of @shtp/core. */
const body = (code: ApiErrorCode, message: string, details: ApiError['details'] = []): ApiError => ({ code, message, details });

/** One error shape for every 4xx/5xx: { code, message, details: [{ field, message }] }. Internals never leak. */
export function installErrorHandler(app: FastifyInstance): void {
  // zod words its issues in Chinese at the source, so each field message of a 400 is already the user's text.
  installChineseZodMessages();
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => {
        const prefix = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const field = [err.validationContext === 'body' ? '' : err.validationContext, prefix].filter(Boolean).join('.');
        return { field: field || 'body', message: v.message || '输入有误' };
      });
      return reply.status(400).send(body('VALIDATION_FAILED', '输入校验未通过', details));
    }
    if (err instanceof AppError) {
      return reply.status(err.status).send(body(err.code, err.message, err.details));
    }
    const pgErr = pgErrorOf(err);
    if (pgErr?.code === '23505') {
      return reply.status(409).send(body('DUPLICATE', '数据已存在（唯一性冲突）'));
    }
    if (pgErr?.code === '23503') {
      return reply.status(409).send(body('REFERENCED', '数据被引用或引用的数据不存在'));
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err: loggableError(err) }, 'response serialization failed');
      return reply.status(500).send(body('INTERNAL', '服务器内部错误'));
    }
    if (err.statusCode === 429) {
      return reply.status(429).send(body('RATE_LIMITED', '请求过于频繁，请稍后再试'));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const code = err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST';
      return reply.status(err.statusCode).send(body(code, '请求格式不正确'));
    }
    // Never the error itself: a failed query carries its parameters (personal data, passwords) in the message.
    request.log.error({ err: loggableError(err) }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL', '服务器内部错误'));
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send(body('NOT_FOUND', `接口不存在：${request.method} ${request.url.split('?')[0]}`)));
}
