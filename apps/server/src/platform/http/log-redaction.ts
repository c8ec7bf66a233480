import type { FastifyRequest } from 'fastify';
import { loggableError } from '../db/query-error.ts';

/**
 * What the server log may say about a request and an error. Personal data must never reach the log
 * (SECURITY.md IA-3, PI-2): query strings carry search terms (ID numbers, phones, names), and driver errors
 * carry the failing SQL's parameters and the conflicting values. Both are dropped here, for every module.
 */

/** Credentials and personal data in headers. */
export const REDACT_PATHS = ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers["x-signature"]', 'res.headers["set-cookie"]'];

/** The path with each query value replaced by `*` (the keys stay, for diagnosis). */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const keys = url
    .slice(q + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]}=*`);
  return `${url.slice(0, q)}?${keys.join('&')}`;
}

export const logSerializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: redactUrl(request.url),
    remoteAddress: request.ip,
  }),
  // Every logged `err`, from any module or job: no query parameters, no values the database quotes.
  err: (err: unknown) => (err instanceof Error ? { message: '', stack: '', ...loggableError(err) } : err) as { type: string; message: string; stack: string },
};
