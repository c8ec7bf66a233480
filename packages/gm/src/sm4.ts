import { type Cipher, createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { GmError } from './errors.ts';
import { constantTimeEqual, hmacSm3 } from './sm3.ts';

/*
 * SM4 (GB/T 32907) on node:crypto (OpenSSL): ECB, CBC with PKCS#7 padding, CTR. OpenSSL 3.0 has no
 * sm4-gcm, so SM4-GCM (NIST SP 800-38D with SM4, RFC 8998) is built here from node's SM4 (block cipher
 * and CTR keystream) and a GHASH written below (ADR 0010, ADR 0011).
 */

const bytes = (data: Uint8Array | string): Buffer =>
  typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);

function checkKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== 16) throw new GmError('INVALID_KEY', 'SM4 密钥必须为 16 字节');
}

function checkIv(iv: Uint8Array, length = 16): void {
  if (!(iv instanceof Uint8Array) || iv.length !== length) throw new GmError('INVALID_INPUT', `IV 必须为 ${length} 字节`);
}

function run(cipher: ReturnType<typeof createCipheriv>, data: Uint8Array | string): Buffer {
  return Buffer.concat([cipher.update(bytes(data)), cipher.final()]);
}

export interface Sm4PaddingOptions {
  /** PKCS#7 padding (default true). Without padding the input must be a multiple of 16 bytes. */
  padding?: boolean;
}

export function sm4EcbEncrypt(key: Uint8Array, plaintext: Uint8Array | string, opts: Sm4PaddingOptions = {}): Buffer {
  checkKey(key);
  const c = createCipheriv('sm4-ecb', key, null);
  c.setAutoPadding(opts.padding ?? true);
  try {
    return run(c, plaintext);
  } catch (e) {
    throw new GmError('INVALID_INPUT', '无填充时长度必须为 16 的倍数', { cause: e });
  }
}

export function sm4EcbDecrypt(key: Uint8Array, ciphertext: Uint8Array, opts: Sm4PaddingOptions = {}): Buffer {
  checkKey(key);
  const d = createDecipheriv('sm4-ecb', key, null);
  d.setAutoPadding(opts.padding ?? true);
  try {
    return run(d, ciphertext);
  } catch (e) {
    throw new GmError('MALFORMED', '填充错误或长度不是 16 的倍数', { cause: e });
  }
}

/** SM4-CBC; with the default PKCS#7 padding byte-identical to `openssl enc -sm4-cbc -K <key> -iv <iv>`. */
export function sm4CbcEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array | string, opts: Sm4PaddingOptions = {}): Buffer {
  checkKey(key);
  checkIv(iv);
  const c = createCipheriv('sm4-cbc', key, iv);
  c.setAutoPadding(opts.padding ?? true);
  try {
    return run(c, plaintext);
  } catch (e) {
    throw new GmError('INVALID_INPUT', '无填充时长度必须为 16 的倍数', { cause: e });
  }
}

/** SM4-CBC decryption. CBC is not authenticated: use it only for interoperability, and aeadOpen otherwise. */
export function sm4CbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, opts: Sm4PaddingOptions = {}): Buffer {
  checkKey(key);
  checkIv(iv);
  const d = createDecipheriv('sm4-cbc', key, iv);
  d.setAutoPadding(opts.padding ?? true);
  try {
    return run(d, ciphertext);
  } catch (e) {
    throw new GmError('MALFORMED', '填充错误或长度不是 16 的倍数', { cause: e });
  }
}

/** SM4-CTR with a 16-byte initial counter block (big-endian 128-bit increment, as OpenSSL). Encrypt = decrypt. */
export function sm4Ctr(key: Uint8Array, iv: Uint8Array, data: Uint8Array | string): Buffer {
  checkKey(key);
  checkIv(iv);
  return run(createCipheriv('sm4-ctr', key, iv), data);
}

/**
 * Incremental SM4-CTR (update chunk by chunk; encrypt = decrypt), for data too large to hold at once. CTR is not
 * authenticated: pair it with an HMAC-SM3 over the ciphertext, checked before decrypting.
 */
export function sm4CtrStream(key: Uint8Array, iv: Uint8Array): Cipher {
  checkKey(key);
  checkIv(iv);
  return createCipheriv('sm4-ctr', key, iv);
}

export const sm4CtrEncrypt = sm4Ctr;
export const sm4CtrDecrypt = (key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Buffer => sm4Ctr(key, iv, ciphertext);

// ---------------------------------------------------------------------------------------------------------
// SM4-GCM: GHASH with Shoup's 4-bit tables on 32-bit words (the mbedTLS layout), CTR keystream from node.

const LAST4 = [0x0000, 0x1c20, 0x3840, 0x2460, 0x7080, 0x6ca0, 0x48c0, 0x54e0, 0xe100, 0xfd20, 0xd940, 0xc560, 0x9180, 0x8da0, 0xa9c0, 0xb5e0];

/** 16 multiples of H, each four big-endian 32-bit words. */
function ghashTable(h: Buffer): Uint32Array {
  const t = new Uint32Array(64);
  let v0 = h.readUInt32BE(0);
  let v1 = h.readUInt32BE(4);
  let v2 = h.readUInt32BE(8);
  let v3 = h.readUInt32BE(12);
  t.set([v0, v1, v2, v3], 8 * 4);
  for (let i = 4; i > 0; i >>= 1) {
    const carry = v3 & 1;
    v3 = ((v3 >>> 1) | (v2 << 31)) >>> 0;
    v2 = ((v2 >>> 1) | (v1 << 31)) >>> 0;
    v1 = ((v1 >>> 1) | (v0 << 31)) >>> 0;
    v0 = ((v0 >>> 1) ^ (carry ? 0xe1000000 : 0)) >>> 0;
    t.set([v0, v1, v2, v3], i * 4);
  }
  for (let i = 2; i <= 8; i *= 2) {
    for (let j = 1; j < i; j++) {
      for (let w = 0; w < 4; w++) t[(i + j) * 4 + w] = (t[i * 4 + w]! ^ t[j * 4 + w]!) >>> 0;
    }
  }
  return t;
}

class Ghash {
  private readonly t: Uint32Array;
  private readonly x = new Uint8Array(16);

  constructor(h: Buffer) {
    this.t = ghashTable(h);
  }

  /** X = (X xor block) * H for every 16-byte block of data, the last one zero-padded. */
  update(data: Uint8Array): void {
    const x = this.x;
    const t = this.t;
    for (let off = 0; off < data.length; off += 16) {
      const n = Math.min(16, data.length - off);
      for (let i = 0; i < n; i++) x[i]! ^= data[off + i]!;
      let lo = x[15]! & 0xf;
      let z0 = t[lo * 4]!;
      let z1 = t[lo * 4 + 1]!;
      let z2 = t[lo * 4 + 2]!;
      let z3 = t[lo * 4 + 3]!;
      for (let i = 15; i >= 0; i--) {
        lo = x[i]! & 0xf;
        const hi = x[i]! >>> 4;
        let rem: number;
        if (i !== 15) {
          rem = z3 & 0xf;
          z3 = (z3 >>> 4) | (z2 << 28);
          z2 = (z2 >>> 4) | (z1 << 28);
          z1 = (z1 >>> 4) | (z0 << 28);
          z0 = (z0 >>> 4) ^ (LAST4[rem]! << 16);
          z0 ^= t[lo * 4]!;
          z1 ^= t[lo * 4 + 1]!;
          z2 ^= t[lo * 4 + 2]!;
          z3 ^= t[lo * 4 + 3]!;
        }
        rem = z3 & 0xf;
        z3 = (z3 >>> 4) | (z2 << 28);
        z2 = (z2 >>> 4) | (z1 << 28);
        z1 = (z1 >>> 4) | (z0 << 28);
        z0 = (z0 >>> 4) ^ (LAST4[rem]! << 16);
        z0 ^= t[hi * 4]!;
        z1 ^= t[hi * 4 + 1]!;
        z2 ^= t[hi * 4 + 2]!;
        z3 ^= t[hi * 4 + 3]!;
      }
      x[0] = z0 >>> 24;
      x[1] = z0 >>> 16;
      x[2] = z0 >>> 8;
      x[3] = z0;
      x[4] = z1 >>> 24;
      x[5] = z1 >>> 16;
      x[6] = z1 >>> 8;
      x[7] = z1;
      x[8] = z2 >>> 24;
      x[9] = z2 >>> 16;
      x[10] = z2 >>> 8;
      x[11] = z2;
      x[12] = z3 >>> 24;
      x[13] = z3 >>> 16;
      x[14] = z3 >>> 8;
      x[15] = z3;
    }
  }

  digest(): Buffer {
    return Buffer.from(this.x);
  }
}

const GCM_IV = 12;
const GCM_TAG = 16;

function gcmCore(key: Uint8Array, iv: Uint8Array, aad: Uint8Array) {
  checkKey(key);
  if (!(iv instanceof Uint8Array) || iv.length !== GCM_IV) throw new GmError('INVALID_INPUT', 'SM4-GCM 的 IV 必须为 12 字节');
  const ecb = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
  // H = E(K, 0^128), then E(K, J0) for the tag mask, J0 = IV || 0^31 || 1.
  const j0 = Buffer.concat([iv, Buffer.from([0, 0, 0, 1])]);
  const blocks = ecb.update(Buffer.concat([Buffer.alloc(16), j0]));
  const ghash = new Ghash(blocks.subarray(0, 16));
  ghash.update(aad);
  // Counter blocks start at inc32(J0); with a 96-bit IV the low 32 bits start at 2 and cannot wrap within the
  // GCM length limit, so OpenSSL's 128-bit CTR increment equals GCM's inc32.
  const ctr0 = Buffer.from(j0);
  ctr0.writeUInt32BE(2, 12);
  const keystream = (data: Uint8Array) => run(createCipheriv('sm4-ctr', key, ctr0), data);
  const finish = (aadLength: number, ctLength: number): Buffer => {
    const lengths = Buffer.alloc(16);
    lengths.writeBigUInt64BE(BigInt(aadLength) * 8n, 0);
    lengths.writeBigUInt64BE(BigInt(ctLength) * 8n, 8);
    ghash.update(lengths);
    const s = ghash.digest();
    for (let i = 0; i < 16; i++) s[i]! ^= blocks[16 + i]!;
    return s;
  };
  return { ghash, keystream, finish };
}

/** SM4-GCM encryption (RFC 8998): 12-byte IV (never reuse one with the same key), 16-byte tag. */
export function sm4GcmEncrypt(
  key: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array | string,
  aad: Uint8Array = Buffer.alloc(0),
): { ciphertext: Buffer; tag: Buffer } {
  const { ghash, keystream, finish } = gcmCore(key, iv, aad);
  const ciphertext = keystream(bytes(plaintext));
  ghash.update(ciphertext);
  return { ciphertext, tag: finish(aad.length, ciphertext.length) };
}

/**
 * SM4-GCM decryption. The tag is mandatory (exactly 16 bytes) and is checked, in constant time, before any
 * plaintext is produced; a mismatch throws GmError('AUTH_FAILED').
 */
export function sm4GcmDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, aad: Uint8Array = Buffer.alloc(0)): Buffer {
  if (!(tag instanceof Uint8Array) || tag.length !== GCM_TAG) throw new GmError('AUTH_FAILED', 'SM4-GCM 认证标签缺失或长度不是 16 字节');
  const { ghash, keystream, finish } = gcmCore(key, iv, aad);
  ghash.update(ciphertext);
  if (!constantTimeEqual(finish(aad.length, ciphertext.length), tag)) throw new GmError('AUTH_FAILED');
  return keystream(ciphertext);
}

// ---------------------------------------------------------------------------------------------------------
// AEAD: self-describing `version | nonce | ciphertext | tag`.
//   version 1: SM4-CTR + HMAC-SM3 encrypt-then-MAC — nonce 16, tag 32 (the default, ADR 0011)
//   version 2: SM4-GCM — nonce 12, tag 16, the version byte prepended to the associated data

export const AEAD_CTR_HMAC = 1;
export const AEAD_GCM = 2;
export type AeadAlgorithm = typeof AEAD_CTR_HMAC | typeof AEAD_GCM;

/** What aeadSeal writes by default: the faster of the two on this platform (measured, ADR 0011). */
export const AEAD_DEFAULT: AeadAlgorithm = AEAD_CTR_HMAC;

const CTR_NONCE = 16;
const HMAC_TAG = 32;

/**
 * Separate encryption and MAC keys from one 16-byte key (HMAC-SM3 as the KDF, distinct labels), derived once per key:
 * a data key opens thousands of fields a second, and two HMACs per field were most of the cost of opening one. The
 * cache is held by the key object itself (gone with it) and checked against a copy of its bytes, so a buffer reused
 * for another key never gets the old subkeys.
 */
const derived = new WeakMap<Uint8Array, { of: Buffer; enc: Buffer; mac: Buffer }>();
let derivations = 0;
/** How many times AEAD subkeys have been derived in this thread: a caller that copies its key each time derives every time. */
export const aeadSubkeyDerivations = () => derivations;
function subkeys(key: Uint8Array): { enc: Buffer; mac: Buffer } {
  const known = derived.get(key);
  if (known?.of.equals(key)) return known;
  checkKey(key);
  derivations++;
  const fresh = { of: Buffer.from(key), enc: hmacSm3(key, 'shtp-aead-enc').subarray(0, 16), mac: hmacSm3(key, 'shtp-aead-mac') };
  derived.set(key, fresh);
  return fresh;
}

const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
};

/**
 * Authenticated encryption with a fresh random nonce. `aad` is bound to the ciphertext but not stored: the
 * same aad must be given to aeadOpen. Output: version (1) | nonce | ciphertext | tag.
 */
export function aeadSeal(key: Uint8Array, plaintext: Uint8Array | string, aad: Uint8Array = Buffer.alloc(0), algorithm: AeadAlgorithm = AEAD_DEFAULT): Buffer {
  const data = bytes(plaintext);
  if (algorithm === AEAD_GCM) {
    const head = Buffer.from([AEAD_GCM]);
    const nonce = randomBytes(GCM_IV);
    const { ciphertext, tag } = sm4GcmEncrypt(key, nonce, data, Buffer.concat([head, aad]));
    return Buffer.concat([head, nonce, ciphertext, tag]);
  }
  if (algorithm !== AEAD_CTR_HMAC) throw new GmError('INVALID_INPUT', '未知的 AEAD 算法');
  const { enc, mac } = subkeys(key);
  const head = Buffer.from([AEAD_CTR_HMAC]);
  const nonce = randomBytes(CTR_NONCE);
  const ciphertext = run(createCipheriv('sm4-ctr', enc, nonce), data);
  const tag = hmacSm3(mac, Buffer.concat([head, nonce, u64(aad.length), aad, ciphertext]));
  return Buffer.concat([head, nonce, ciphertext, tag]);
}

/**
 * Verifies, then decrypts, either version. Any alteration, a wrong key or wrong aad throws
 * GmError('AUTH_FAILED'); truncated input or an unknown version throws GmError('MALFORMED').
 */
export function aeadOpen(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array = Buffer.alloc(0)): Buffer {
  const buf = bytes(sealed);
  const version = buf[0];
  if (version === AEAD_GCM) {
    if (buf.length < 1 + GCM_IV + GCM_TAG) throw new GmError('MALFORMED', '长度不足');
    return sm4GcmDecrypt(
      key,
      buf.subarray(1, 1 + GCM_IV),
      buf.subarray(1 + GCM_IV, buf.length - GCM_TAG),
      buf.subarray(buf.length - GCM_TAG),
      Buffer.concat([buf.subarray(0, 1), aad]),
    );
  }
  if (version !== AEAD_CTR_HMAC) throw new GmError('MALFORMED', `未知版本 ${version ?? '（空）'}`);
  if (buf.length < 1 + CTR_NONCE + HMAC_TAG) throw new GmError('MALFORMED', '长度不足');
  const { enc, mac } = subkeys(key);
  const nonce = buf.subarray(1, 1 + CTR_NONCE);
  const ciphertext = buf.subarray(1 + CTR_NONCE, buf.length - HMAC_TAG);
  const tag = buf.subarray(buf.length - HMAC_TAG);
  const expected = hmacSm3(mac, Buffer.concat([buf.subarray(0, 1), nonce, u64(aad.length), aad, ciphertext]));
  if (!constantTimeEqual(tag, expected)) throw new GmError('AUTH_FAILED');
  return run(createCipheriv('sm4-ctr', enc, nonce), ciphertext);
}
