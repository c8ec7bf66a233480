import { constantTimeEqual, hmacSm3, sm2Sign, sm2Verify } from '@shtp/gm';

/**
 * The two signature kinds of signed calls. HMAC-SM3: lowercase hex of HMAC-SM3 keyed with the bytes of the
 * hex secret. SM2: base64 of the DER signature over SM3(Z_A ‖ text) with the default ID 1234567812345678
 * (what `gm sign` and `openssl pkeyutl -sign -rawin -digest sm3` produce).
 */
export type SigningKey =
  | { alg: 'HMAC-SM3'; secret: string }
  /** With `publicKey` (derived once by the holder), signing skips deriving it from the private key each time. */
  | { alg: 'SM2'; privateKey: string; publicKey?: string };
export type VerifyingKey = { alg: 'HMAC-SM3'; secret: string } | { alg: 'SM2'; publicKey: string };

/** The keys a signed call of an account may verify with: the current one, and the previous one during the overlap. */
export interface AccountKeys {
  current: VerifyingKey;
  previous: VerifyingKey | null;
}

const HEX_SECRET = /^[0-9a-f]{64}$/;

function hmacKey(secret: string): Buffer {
  if (!HEX_SECRET.test(secret)) throw new Error('HMAC-SM3 secret must be 64 lowercase hex digits');
  return Buffer.from(secret, 'hex');
}

export function signText(text: string, key: SigningKey): string {
  if (key.alg === 'HMAC-SM3') return hmacSm3(hmacKey(key.secret), text).toString('hex');
  return sm2Sign(text, key.publicKey ? { privateKey: key.privateKey, publicKey: key.publicKey } : key.privateKey).toString('base64');
}

/** True only for a valid signature; HMACs are compared in constant time. */
export function verifyText(text: string, signature: string, key: VerifyingKey): boolean {
  if (key.alg === 'HMAC-SM3') {
    if (!/^[0-9a-fA-F]{64}$/.test(signature)) return false;
    return constantTimeEqual(hmacSm3(hmacKey(key.secret), text), Buffer.from(signature, 'hex'));
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  return sm2Verify(text, Buffer.from(signature, 'base64'), key.publicKey);
}
