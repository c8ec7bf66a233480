import { sm3Hex } from '@shtp/gm';

/** Request headers of a signed call (docs/api/service-accounts.md). */
export const SIGN_HEADERS = {
  appId: 'x-app-id',
  timestamp: 'x-timestamp',
  nonce: 'x-nonce',
  alg: 'x-sign-alg',
  signature: 'x-signature',
} as const;

/** 16–64 characters of the URL-safe alphabet: enough entropy, and nothing that needs escaping in a header. */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** Splits a request target into the path as sent and the raw query string (without `?`). */
export function splitTarget(target: string): { path: string; query: string } {
  const q = target.indexOf('?');
  return q < 0 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) };
}

/**
 * The query as signed: its `name=value` items exactly as sent (no decoding or re-encoding), empty items
 * dropped, sorted by UTF-16 code units of the whole item, joined with `&`.
 */
export function sortedQuery(query: string): string {
  return query
    .split('&')
    .filter((item) => item !== '')
    .sort()
    .join('&');
}

export interface RequestToSign {
  method: string;
  /** The request target as sent: path and optional `?query`. */
  target: string;
  /** The exact body bytes (empty for GET). */
  body: Uint8Array;
  timestamp: string;
  nonce: string;
  appId: string;
}

/** `METHOD\nPATH\nsortedQuery\nhex(SM3(body))\nX-Timestamp\nX-Nonce\nX-App-Id` (SECURITY.md §3). */
export function canonicalRequest(r: RequestToSign): string {
  const { path, query } = splitTarget(r.target);
  return [r.method.toUpperCase(), path, sortedQuery(query), sm3Hex(r.body), r.timestamp, r.nonce, r.appId].join('\n');
}

export interface ResponseToSign {
  status: number;
  /** The path of the request answered (without the query). */
  path: string;
  body: Uint8Array;
  timestamp: string;
  nonce: string;
  appId: string;
}

/** `STATUS\nPATH\nhex(SM3(body))\nX-Timestamp\nX-Nonce\nX-App-Id`: the reply to a signed call is signed the same way. */
export function canonicalResponse(r: ResponseToSign): string {
  return [String(r.status), r.path, sm3Hex(r.body), r.timestamp, r.nonce, r.appId].join('\n');
}
