import { hmacSm3 } from '@shtp/gm';
import canonicalizeModule from 'canonicalize';
import type { FastifyRequest } from 'fastify';
import type { KeySpec } from '../../platform/keys/key-types.ts';
import type { KeyStore } from '../../platform/keys/keystore.ts';

const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** Keys the digest so that the ledger holds no unkeyed hash of a body full of personal data. */
export const REQUEST_DIGEST_KEY: KeySpec = {
  purpose: 'ebike-request-digest',
  algorithm: 'HMAC-SM3',
  label: '业务请求摘要密钥（HMAC-SM3，用于比对重复提交）',
  rotatable: false,
};

/**
 * What an Idempotency-Key stands for: the route, its parameters and the validated body. A retry carries the same
 * digest; the same key on another request does not, and is refused instead of answered with the first result.
 */
export function requestDigest(keys: KeyStore, request: FastifyRequest): string {
  const text = canonicalize([request.method, request.routeOptions.url, request.params ?? {}, request.body ?? null]) ?? '';
  return hmacSm3(keys.current(REQUEST_DIGEST_KEY.purpose).material, text).toString('hex');
}
