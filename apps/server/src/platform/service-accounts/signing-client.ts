import { randomBytes } from 'node:crypto';
import { canonicalRequest, canonicalResponse, SIGN_HEADERS, splitTarget } from './canonical.ts';
import { type SigningKey, signText, type VerifyingKey, verifyText } from './signature.ts';

/**
 * For partners and tests: the headers of a signed call, and the check of a signed reply.
 * Usage (Node.js 20, TypeScript via tsx):
 *
 *   const headers = signedHeaders({ appId, alg: 'HMAC-SM3', secret }, { method: 'POST', target: '/api/recognition/plate', body });
 *   const res = await fetch(base + '/api/recognition/plate', { method: 'POST', headers: { ...headers, 'content-type': type }, body });
 *   const ok = verifySignedResponse({ appId, alg: 'HMAC-SM3', secret }, { status: res.status, path: '/api/recognition/plate',
 *     body: Buffer.from(await res.arrayBuffer()), headers: Object.fromEntries(res.headers) });
 */
export type ServiceCredentials = { appId: string } & SigningKey;

export interface OutgoingRequest {
  method: string;
  /** Path and optional `?query`, exactly as it will be sent. */
  target: string;
  /** The exact bytes that will be sent (a multipart body with its boundary included); omit for none. */
  body?: Uint8Array | string;
}

/** `now` and `nonce` are for reproducible examples and tests; leave them out in real calls. */
export function signedHeaders(
  credentials: ServiceCredentials,
  request: OutgoingRequest,
  opts: { now?: number; nonce?: string } = {},
): Record<(typeof SIGN_HEADERS)[keyof typeof SIGN_HEADERS], string> {
  const timestamp = String(opts.now ?? Date.now());
  const nonce = opts.nonce ?? randomBytes(16).toString('hex');
  const body = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : (request.body ?? new Uint8Array());
  const text = canonicalRequest({ method: request.method, target: request.target, body, timestamp, nonce, appId: credentials.appId });
  return {
    [SIGN_HEADERS.appId]: credentials.appId,
    [SIGN_HEADERS.timestamp]: timestamp,
    [SIGN_HEADERS.nonce]: nonce,
    [SIGN_HEADERS.alg]: credentials.alg,
    [SIGN_HEADERS.signature]: signText(text, credentials),
  };
}

export interface ReceivedResponse {
  status: number;
  /** The path that was called (the query is not part of the reply's signature). */
  path: string;
  body: Uint8Array;
  headers: Record<string, string | string[] | undefined>;
}

const header = (headers: ReceivedResponse['headers'], name: string) => {
  const v = headers[name];
  return typeof v === 'string' ? v : undefined;
};

/**
 * True when the reply was signed by the server: HMAC-SM3 accounts verify with their own secret, SM2 accounts
 * with the server's public key shown in the console. Check `X-Timestamp` freshness as well if replies are stored.
 */
export function verifySignedResponse(appId: string, key: VerifyingKey, response: ReceivedResponse): boolean {
  const timestamp = header(response.headers, SIGN_HEADERS.timestamp);
  const nonce = header(response.headers, SIGN_HEADERS.nonce);
  const signature = header(response.headers, SIGN_HEADERS.signature);
  if (!timestamp || !nonce || !signature) return false;
  const text = canonicalResponse({ status: response.status, path: splitTarget(response.path).path, body: response.body, timestamp, nonce, appId });
  return verifyText(text, signature, key);
}
