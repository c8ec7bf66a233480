import type { FastifyRequest } from 'fastify';

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

const SQL_PARAMS = /\n?params:[\s\S]*$/;

/** Drizzle puts the query and its parameters into the message; the database puts values into `detail`. */
function redactMessage(message: string): string {
  return message.replace(SQL_PARAMS, '\nparams: [已隐去]');
}

interface LoggedError {
  [key: string]: unknown;
  type: string;
  message: string;
  code?: string;
  constraint?: string;
  stack: string;
  cause?: LoggedError;
}

export function serializeError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: '非 Error 异常', stack: '' };
  const e = err as Error & { code?: unknown; constraint?: unknown };
  const sqlState = typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code);
  // The database quotes offending values in its messages ('invalid input syntax for type integer: "…"').
  const clean = (text: string) => (sqlState ? text.replace(/"[^"]*"/g, '"*"') : redactMessage(text));
  const out: LoggedError = { type: e.name, message: clean(e.message), stack: clean(e.stack ?? '') };
  if (typeof e.code === 'string') out.code = e.code;
  if (typeof e.constraint === 'string') out.constraint = e.constraint;
  if (e.cause !== undefined && depth < 3) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

export const logSerializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: redactUrl(request.url),
    remoteAddress: request.ip,
  }),
  err: (err: Error) => serializeError(err),
};
