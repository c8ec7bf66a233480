import { createECDH, randomBytes } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { GmError } from './errors.ts';
import { sm2VerifyPoint } from './sm2-verify.ts';
import { sm3 } from './sm3.ts';

/*
 * SM2 (GB/T 32918) over sm-crypto-v2, with its pitfalls closed (probes in gm-test-vectors.json, ADR 0010):
 * it signs the raw message unless `hash: true` (we always hash with Z_A), its verify throws on malformed input
 * (we return false), its DER parser is lenient (we parse strictly), and a failed decryption returns an empty
 * string (we throw GmError('DECRYPT_FAILED')). Private keys are drawn from node:crypto's CSPRNG here.
 */

/** GB/T 32918.2 default distinguishing identifier. */
export const DEFAULT_USER_ID = '1234567812345678';

/** sm2p256v1 (GB/T 32918.5). */
export const SM2_CURVE = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
} as const;

export interface Sm2KeyPair {
  /** 32-byte private scalar, hex. */
  privateKey: string;
  /** Uncompressed public key 04||x||y, hex. */
  publicKey: string;
}

export interface Sm2SignOptions {
  /** Signer's distinguishing identifier (UTF-8), default '1234567812345678'. */
  userId?: string;
  /** 'der' (SEQUENCE{r,s}, as OpenSSL writes; default) or 'raw' (r||s, 64 bytes). */
  encoding?: 'der' | 'raw';
}

export type Sm2CipherOrder = 'C1C3C2' | 'C1C2C3';

export interface Sm2CryptOptions {
  /** 'der' (GM/T 0009 SEQUENCE{x, y, C3, C2}, as OpenSSL; default) or 'raw' (04||x||y followed by the parts in `order`). */
  encoding?: 'der' | 'raw';
  /** Order of the raw form (GB/T 32918.4-2016 is C1C3C2, the default; C1C2C3 is the old order). DER is always C1C3C2. */
  order?: Sm2CipherOrder;
}

const toBytes = (data: Uint8Array | string) => (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data));
const hex64 = (n: bigint) => n.toString(16).padStart(64, '0');

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let r = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return r;
}

/** Validates a private key (32 bytes hex, 1 ≤ d ≤ n−2) and returns it lowercase; GmError('INVALID_KEY') otherwise. */
export function sm2NormalizePrivateKey(privateKey: string): string {
  if (typeof privateKey !== 'string' || !/^[0-9a-f]{64}$/i.test(privateKey)) throw new GmError('INVALID_KEY', 'SM2 私钥必须为 32 字节十六进制');
  const d = BigInt(`0x${privateKey}`);
  if (d < 1n || d > SM2_CURVE.n - 2n) throw new GmError('INVALID_KEY', 'SM2 私钥超出范围');
  return privateKey.toLowerCase();
}

/**
 * Any SM2 public key in hex — uncompressed 04||x||y, or compressed 02/03||x — as uncompressed 04||x||y, after
 * checking that the point is on the curve. GmError('INVALID_KEY') otherwise.
 */
export function sm2NormalizePublicKey(publicKey: string): string {
  if (typeof publicKey !== 'string') throw new GmError('INVALID_KEY', 'SM2 公钥必须为十六进制字符串');
  let key = publicKey.toLowerCase();
  if (/^0[23][0-9a-f]{64}$/.test(key)) {
    const { p, a, b } = SM2_CURVE;
    const x = BigInt(`0x${key.slice(2)}`);
    if (x >= p) throw new GmError('INVALID_KEY', 'SM2 公钥不在曲线上');
    const rhs = (((x * x) % p) * x + a * x + b) % p;
    let y = modPow(rhs, (p + 1n) / 4n, p); // p ≡ 3 (mod 4)
    if ((y * y) % p !== rhs) throw new GmError('INVALID_KEY', 'SM2 公钥不在曲线上');
    if ((y & 1n) !== BigInt(key[1] === '3' ? 1 : 0)) y = p - y;
    key = `04${hex64(x)}${hex64(y)}`;
  }
  if (!/^04[0-9a-f]{128}$/.test(key)) throw new GmError('INVALID_KEY', 'SM2 公钥必须为 04||x||y 或压缩格式');
  let ok = false;
  try {
    ok = sm2.verifyPublicKey(key);
  } catch {
    ok = false;
  }
  if (!ok) throw new GmError('INVALID_KEY', 'SM2 公钥不在曲线上');
  return key;
}

/** Whether a hex string is an uncompressed point on the SM2 curve (use sm2NormalizePublicKey to accept compressed keys). */
export function sm2IsValidPublicKey(publicKey: string): boolean {
  try {
    return /^04[0-9a-f]{128}$/i.test(publicKey) && sm2NormalizePublicKey(publicKey) !== '';
  } catch {
    return false;
  }
}

/** Any valid SM2 public key as the compressed form 02/03||x (33 bytes hex); GmError('INVALID_KEY') otherwise. */
export function sm2CompressPublicKey(publicKey: string): string {
  const key = sm2NormalizePublicKey(publicKey);
  const yOdd = (Number.parseInt(key.slice(-1), 16) & 1) === 1;
  return `${yOdd ? '03' : '02'}${key.slice(2, 66)}`;
}

/** The public key 04||x||y of a private key. */
export function sm2PublicKeyOf(privateKey: string): string {
  return sm2.getPublicKeyFromPrivateKey(sm2NormalizePrivateKey(privateKey));
}

/** A fresh key pair; the private scalar comes from node:crypto's CSPRNG (OpenSSL), rejection-sampled into [1, n−2]. */
export function sm2GenerateKeyPair(): Sm2KeyPair {
  for (;;) {
    const d = BigInt(`0x${randomBytes(32).toString('hex')}`);
    if (d >= 1n && d <= SM2_CURVE.n - 2n) {
      const privateKey = hex64(d);
      return { privateKey, publicKey: sm2PublicKeyOf(privateKey) };
    }
  }
}

/**
 * The static ECDH secret (the x coordinate, 32 bytes) of one party's private key and the other party's public key on
 * the SM2 curve: both parties compute the same value from what they published to each other. Not the GB/T 32918.3 key
 * exchange (no identities, no ephemeral keys, no confirmation): a secret to key an HMAC-SM3 shared by two known keys.
 */
export function sm2SharedSecret(privateKey: string, peerPublicKey: string): Buffer {
  const ecdh = createECDH('SM2');
  ecdh.setPrivateKey(Buffer.from(sm2NormalizePrivateKey(privateKey), 'hex'));
  return ecdh.computeSecret(Buffer.from(sm2NormalizePublicKey(peerPublicKey), 'hex'));
}

/** Z_A = SM3(ENTL || ID || a || b || xG || yG || xA || yA) (GB/T 32918.2 5.5). */
export function sm2Za(publicKey: string, userId: string = DEFAULT_USER_ID): Buffer {
  const pub = Buffer.from(sm2NormalizePublicKey(publicKey), 'hex');
  const id = Buffer.from(userId, 'utf8');
  if (id.length * 8 > 0xffff) throw new GmError('INVALID_INPUT', '用户标识过长');
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(id.length * 8);
  const { a, b, gx, gy } = SM2_CURVE;
  return sm3(Buffer.concat([entl, id, Buffer.from(hex64(a) + hex64(b) + hex64(gx) + hex64(gy), 'hex'), pub.subarray(1)]));
}

/**
 * SM2 signature per GB/T 32918.2, always over e = SM3(Z_A || M) with the signer's ID. `keys` is a key pair or a
 * private key (the public key is then derived). DER by default, or raw r||s (64 bytes).
 */
export function sm2Sign(message: Uint8Array | string, keys: Sm2KeyPair | string, opts: Sm2SignOptions = {}): Buffer {
  const privateKey = sm2NormalizePrivateKey(typeof keys === 'string' ? keys : keys.privateKey);
  const publicKey = typeof keys === 'string' ? sm2PublicKeyOf(privateKey) : sm2NormalizePublicKey(keys.publicKey);
  const der = (opts.encoding ?? 'der') === 'der';
  // e = SM3(Z_A || M) through OpenSSL with the key's Z_A kept (as sm2Verify does); sm-crypto-v2 signs e as given.
  const e = sm3(Buffer.concat([signerOf(publicKey, opts.userId ?? DEFAULT_USER_ID).za, toBytes(message)]));
  const sig = sm2.doSignature(e, privateKey, { hash: false, der: false });
  const raw = Buffer.from(sig.padStart(128, '0'), 'hex');
  return der ? sm2SignatureRawToDer(raw) : raw;
}

const derInt = (v: Buffer) => {
  let i = 0;
  while (i < v.length - 1 && v[i] === 0) i++;
  const body = v[i]! & 0x80 ? Buffer.concat([Buffer.from([0]), v.subarray(i)]) : v.subarray(i);
  return Buffer.concat([Buffer.from([0x02, body.length]), body]);
};

/** raw r||s (64 bytes) to DER SEQUENCE{INTEGER r, INTEGER s}. */
export function sm2SignatureRawToDer(raw: Uint8Array): Buffer {
  const buf = Buffer.from(raw);
  if (buf.length !== 64) throw new GmError('INVALID_INPUT', 'SM2 签名 r||s 必须为 64 字节');
  const body = Buffer.concat([derInt(buf.subarray(0, 32)), derInt(buf.subarray(32))]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

/** One minimally encoded positive DER INTEGER of at most 32 bytes, as 32 bytes; null otherwise. */
function derInteger(buf: Buffer, at: number): { value: Buffer; next: number } | null {
  if (buf[at] !== 0x02) return null;
  const len = buf[at + 1] ?? 0;
  if (len < 1 || len > 33 || at + 2 + len > buf.length) return null;
  const v = buf.subarray(at + 2, at + 2 + len);
  if (v[0]! & 0x80) return null; // negative
  if (len > 1 && v[0] === 0 && !(v[1]! & 0x80)) return null; // not minimal
  const value = v[0] === 0 && len > 1 ? v.subarray(1) : v;
  if (value.length > 32) return null;
  return { value: Buffer.concat([Buffer.alloc(32 - value.length), value]), next: at + 2 + len };
}

/**
 * Strict DER SEQUENCE { INTEGER r, INTEGER s } to raw r||s, or null: the library's parser tolerates other tags
 * and lengths, which would make signatures malleable; anything but the one canonical encoding is refused.
 */
export function sm2SignatureDerToRaw(sig: Uint8Array): Buffer | null {
  const buf = Buffer.from(sig);
  if (buf[0] !== 0x30 || buf[1] !== buf.length - 2 || buf.length > 72) return null;
  const r = derInteger(buf, 2);
  const s = r && derInteger(buf, r.next);
  if (!r || !s || s.next !== buf.length) return null;
  return Buffer.concat([r.value, s.value]);
}

/** A verifier's public key, validated and normalised, with its Z_A — computed once per key and ID, not per signature. */
const signers = new Map<string, { key: string; za: Buffer }>();
function signerOf(publicKey: string, userId: string): { key: string; za: Buffer } {
  const id = `${publicKey}\u0000${userId}`;
  let signer = signers.get(id);
  if (!signer) {
    const key = sm2NormalizePublicKey(publicKey);
    signer = { key, za: sm2Za(key, userId) };
    if (signers.size >= 1024) signers.delete(signers.keys().next().value!);
    signers.set(id, signer);
  }
  return signer;
}

/** True only for a valid signature; a malformed signature, key or input is false, never an exception. */
export function sm2Verify(message: Uint8Array | string, signature: Uint8Array, publicKey: string, opts: Sm2SignOptions = {}): boolean {
  try {
    if (!(signature instanceof Uint8Array)) return false;
    const raw = (opts.encoding ?? 'der') === 'der' ? sm2SignatureDerToRaw(signature) : Buffer.from(signature);
    if (raw?.length !== 64) return false;
    const r = BigInt(`0x${raw.subarray(0, 32).toString('hex')}`);
    const s = BigInt(`0x${raw.subarray(32).toString('hex')}`);
    if (r < 1n || r >= SM2_CURVE.n || s < 1n || s >= SM2_CURVE.n) return false;
    const signer = signerOf(publicKey, opts.userId ?? DEFAULT_USER_ID);
    const e = sm3(Buffer.concat([signer.za, toBytes(message)]));
    return sm2VerifyPoint(signer.key, BigInt(`0x${e.toString('hex')}`), r, s);
  } catch {
    return false;
  }
}

/**
 * SM2 public-key encryption per GB/T 32918.4. `der` (default) is the GM/T 0009 ASN.1 form OpenSSL reads and
 * writes; `raw` is 04||x||y || C3 || C2 (or C1C2C3 with `order`).
 */
export function sm2Encrypt(plaintext: Uint8Array | string, publicKey: string, opts: Sm2CryptOptions = {}): Buffer {
  const data = toBytes(plaintext);
  if (data.length === 0) throw new GmError('INVALID_INPUT', 'SM2 加密的明文不能为空');
  const key = sm2NormalizePublicKey(publicKey);
  const der = (opts.encoding ?? 'der') === 'der';
  const mode = der || (opts.order ?? 'C1C3C2') === 'C1C3C2' ? 1 : 0;
  const out = sm2.doEncrypt(Uint8Array.from(data), key, mode, { asn1: der });
  return Buffer.from(der ? out : `04${out}`, 'hex');
}

/** One DER TLV with a definite length (short, 0x81 or 0x82 form, minimal); null if malformed. */
function derTlv(buf: Buffer, at: number, tag: number): { value: Buffer; next: number } | null {
  if (buf[at] !== tag) return null;
  let len = buf[at + 1];
  let start = at + 2;
  if (len === undefined) return null;
  if (len === 0x81) {
    len = buf[at + 2] ?? 0;
    if (len < 0x80) return null;
    start = at + 3;
  } else if (len === 0x82) {
    len = buf.length >= at + 4 ? buf.readUInt16BE(at + 2) : 0;
    if (len < 0x100) return null;
    start = at + 4;
  } else if (len > 0x7f) return null;
  if (start + len > buf.length) return null;
  return { value: buf.subarray(start, start + len), next: start + len };
}

/** GM/T 0009 SEQUENCE{INTEGER x, INTEGER y, OCTET STRING C3, OCTET STRING C2}, strictly, to raw x||y||C3||C2. */
function gmt0009ToRaw(buf: Buffer): Buffer | null {
  const seq = derTlv(buf, 0, 0x30);
  if (!seq || seq.next !== buf.length) return null;
  const body = seq.value;
  const x = derInteger(body, 0);
  const y = x && derInteger(body, x.next);
  const c3 = y && derTlv(body, y.next, 0x04);
  const c2 = c3 && derTlv(body, c3.next, 0x04);
  if (!x || !y || !c3 || !c2 || c2.next !== body.length || c3.value.length !== 32 || c2.value.length === 0) return null;
  return Buffer.concat([x.value, y.value, c3.value, c2.value]);
}

/** Decrypts or throws GmError('DECRYPT_FAILED'): a wrong key or an altered ciphertext never yields an empty result. */
export function sm2Decrypt(ciphertext: Uint8Array, privateKey: string, opts: Sm2CryptOptions = {}): Buffer {
  const key = sm2NormalizePrivateKey(privateKey);
  const der = (opts.encoding ?? 'der') === 'der';
  const mode = der || (opts.order ?? 'C1C3C2') === 'C1C3C2' ? 1 : 0;
  const buf = Buffer.from(ciphertext);
  let hex: string;
  if (der) {
    // Parsed strictly here: the library's ASN.1 reader ignores tags and trailing bytes, so altered DER decrypted.
    const raw = gmt0009ToRaw(buf);
    if (!raw) throw new GmError('DECRYPT_FAILED', '不是规范的 GM/T 0009 DER 密文');
    hex = raw.toString('hex');
  } else {
    // 04 || x || y || (C3 || C2 | C2 || C3), at least one byte of C2.
    if (buf[0] !== 0x04 || buf.length < 1 + 64 + 32 + 1) throw new GmError('DECRYPT_FAILED', '密文格式错误（需 04||x||y 开头）');
    hex = buf.subarray(1).toString('hex');
  }
  let out: Uint8Array;
  try {
    out = sm2.doDecrypt(hex, key, mode, { output: 'array', asn1: false });
  } catch (e) {
    throw new GmError('DECRYPT_FAILED', undefined, { cause: e });
  }
  if (!out || out.length === 0) throw new GmError('DECRYPT_FAILED');
  return Buffer.from(out);
}
