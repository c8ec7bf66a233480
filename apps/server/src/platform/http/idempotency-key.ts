import { hmacSm3 } from '@shtp/gm';
import canonicalizeModule from 'canonicalize';
import type { FastifyRequest } from 'fastify';
import type { KeySpec } from '../keys/key-types.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { AppError, badRequest } from './errors.ts';

/*
 * The parts of the Idempotency-Key contract every idempotent route shares, whether the platform keeps the key
 * (`config.idempotent`, idempotency.ts) or a module keeps it in its own business transaction (the e-bike ledger):
 * the header's syntax, what a key stands for (a keyed digest of the request), and the refusal of a reused key.
 */

const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

const KEY_SYNTAX = /^[A-Za-z0-9_-]{8,100}$/;

/** The client's Idempotency-Key, if it sent one; a malformed key is a 400 (never silently ignored). */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !KEY_SYNTAX.test(key)) {
    throw badRequest('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key 须为 8–100 位字母、数字、“-”或“_”', [
      { field: 'Idempotency-Key', message: '须为 8–100 位字母、数字、“-”或“_”' },
    ]);
  }
  return key;
}

/** Keys the platform's request digests, so that no table holds an unkeyed hash of a body full of personal data. */
export const REQUEST_DIGEST_KEY: KeySpec = {
  purpose: 'request-digest',
  algorithm: 'HMAC-SM3',
  label: '请求摘要密钥（HMAC-SM3，用于比对 Idempotency-Key 的重复提交）',
  rotatable: false,
};

/**
 * What an Idempotency-Key stands for: HMAC-SM3 of the method, the route, its parameters and the validated body. A
 * retry carries the same digest; the same key on another request does not, and is refused instead of answered with
 * the first result. `purpose` names the key (a module may keep its own, e.g. for digests it stored before).
 */
export function requestDigest(keys: KeyStore, request: FastifyRequest, purpose = REQUEST_DIGEST_KEY.purpose): string {
  const text = canonicalize([request.method, request.routeOptions.url, request.params ?? {}, request.body ?? null]) ?? '';
  return hmacSm3(keys.current(purpose).material, text).toString('hex');
}

/** 422: the key was first used for a different request. */
export const idempotencyKeyReused = () =>
  new AppError(422, 'IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于另一笔内容不同的请求；新的请求请使用新的 Idempotency-Key', [
    { field: 'Idempotency-Key', message: '与首次使用该键的请求内容不同' },
  ]);
