import { createCipheriv, randomBytes } from 'node:crypto';
import { constantTimeEqual, hmacSm3 } from './sm3.ts';

const VERSION = 1;
const NONCE = 16;
const TAG = 32;

/** Separate encryption and MAC keys from one 16-byte key (HMAC-SM3 as the KDF, distinct labels). */
function subkeys(key: Uint8Array): { enc: Buffer; mac: Buffer } {
  if (key.length !== 16) throw new Error('SM4 key must be 16 bytes');
  return { enc: hmacSm3(key, 'shtp-aead-enc').subarray(0, 16), mac: hmacSm3(key, 'shtp-aead-mac') };
}

const lengthPrefixed = (aad: Uint8Array) => {
  const len = Buffer.alloc(8);
  len.writeBigUInt64BE(BigInt(aad.length));
  return len;
};

/**
 * Authenticated encryption: SM4-CTR then HMAC-SM3 over version, nonce, AAD and ciphertext
 * (encrypt-then-MAC), all on node:crypto (OpenSSL). Output: version (1) | nonce (16) | ciphertext | tag (32).
 */
export function aeadSeal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array = Buffer.alloc(0)): Buffer {
  const { enc, mac } = subkeys(key);
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('sm4-ctr', enc, nonce);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const head = Buffer.from([VERSION]);
  const tag = hmacSm3(mac, Buffer.concat([head, nonce, lengthPrefixed(aad), aad, ciphertext]));
  return Buffer.concat([head, nonce, ciphertext, tag]);
}

/** Verifies the tag before decrypting anything; throws on any alteration, wrong key or wrong AAD. */
export function aeadOpen(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array = Buffer.alloc(0)): Buffer {
  const buf = Buffer.from(sealed);
  if (buf.length < 1 + NONCE + TAG || buf[0] !== VERSION) throw new Error('AEAD: malformed or unsupported input');
  const { enc, mac } = subkeys(key);
  const nonce = buf.subarray(1, 1 + NONCE);
  const ciphertext = buf.subarray(1 + NONCE, buf.length - TAG);
  const tag = buf.subarray(buf.length - TAG);
  const expected = hmacSm3(mac, Buffer.concat([buf.subarray(0, 1), nonce, lengthPrefixed(aad), aad, ciphertext]));
  if (!constantTimeEqual(tag, expected)) throw new Error('AEAD: authentication failed');
  const decipher = createCipheriv('sm4-ctr', enc, nonce);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}
