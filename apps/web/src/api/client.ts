import { type ApiError, type ApiErrorCode, ApiErrorSchema } from '@shtp/core/platform';

/** The codes the console itself gives a failure the server did not describe: no connection, an error body that is not `ApiError`. */
type ClientErrorCode = 'NETWORK_ERROR' | `HTTP_${number}`;

/** A failed API call, carrying the server's Chinese message and per-field details; `code` is from the table of @shtp/core. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode | ClientErrorCode;
  readonly details: ApiError['details'];

  constructor(status: number, error: ApiError) {
    super(error.message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = error.code as ApiErrorCode | ClientErrorCode;
    this.details = error.details;
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

let csrfToken: string | null = null;
/** Errors that change what the session may do, rather than fail one operation. */
export type SessionErrorCode = Extract<ApiErrorCode, 'UNAUTHENTICATED' | 'PASSWORD_CHANGE_REQUIRED'>;
let onSessionError: (code: SessionErrorCode) => void = () => window.location.assign('/login');

/** The token comes with the login, `/api/auth/me` and password-change responses; it lives only in memory. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF header for requests the console sends without `api` (resumable uploads). */
export const csrfHeaders = (): Record<string, string> => (csrfToken ? { 'X-CSRF-Token': csrfToken } : {});

/**
 * Called when the server answers 401 UNAUTHENTICATED (session missing, expired or kicked) or
 * 403 PASSWORD_CHANGE_REQUIRED (the session may only change its password).
 */
export function setSessionErrorHandler(handler: (code: SessionErrorCode) => void): void {
  onSessionError = handler;
}

/** Builds `?a=1&b=x`, leaving out empty values. */
export function toQueryString(params: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function readError(response: Response): Promise<ApiError> {
  const fallback: ApiError = { code: `HTTP_${response.status}`, message: `请求失败（${response.status}）`, details: [] };
  try {
    const parsed = ApiErrorSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

async function request<T>(method: Method, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
  // A FormData body (file upload) gets its multipart Content-Type with the boundary from the browser.
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiRequestError(0, { code: 'NETWORK_ERROR', message: '无法连接服务器，请检查网络', details: [] });
  }

  if (!response.ok) {
    const error = new ApiRequestError(response.status, await readError(response));
    if (error.status === 401 && error.code === 'UNAUTHENTICATED') onSessionError('UNAUTHENTICATED');
    if (error.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED') onSessionError('PASSWORD_CHANGE_REQUIRED');
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, query: QueryParams = {}) => request<T>('GET', path + toQueryString(query)),
  /** `headers`: extra request headers, such as an `Idempotency-Key` that makes a retried submission safe. */
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, body, headers),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  /** A multipart upload (images); the CSRF token is sent as for any change. */
  postForm: <T>(path: string, form: FormData) => request<T>('POST', path, form),
  delete: (path: string) => request<void>('DELETE', path),
};

/** Paged list answer of the server. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
