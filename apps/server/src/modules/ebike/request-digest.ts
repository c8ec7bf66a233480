import type { KeySpec } from '../../platform/keys/key-types.ts';

/**
 * The key of the request digests the ledger stores with each business's Idempotency-Key (platform/http/
 * idempotency-key.ts computes them). The ledger keeps its own key, as it did before the platform had one, so that
 * a retry of a business stored earlier still matches its digest.
 */
export const LEDGER_DIGEST_KEY: KeySpec = {
  purpose: 'ebike-request-digest',
  algorithm: 'HMAC-SM3',
  label: '业务请求摘要密钥（HMAC-SM3，用于比对重复提交）',
  rotatable: false,
};
