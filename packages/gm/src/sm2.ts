import { sm2 } from 'sm-crypto-v2';

/** GB/T 32918.2 default distinguishing identifier. */
export const DEFAULT_USER_ID = '1234567812345678';

export interface Sm2KeyPair {
  /** 32-byte private scalar, hex. */
  privateKey: string;
  /** Uncompressed public key 04||x||y, hex. */
  publicKey: string;
}

const HEX = /^[0-9a-f]*$/i;
const toHex = (data: Uint8Array | string) => (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data)).toString('hex');

/** A fresh key pair (sm-crypto-v2 draws from crypto.getRandomValues). */
export function sm2GenerateKeyPair(): Sm2KeyPair {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  return { privateKey, publicKey };
}

export function sm2PublicKeyOf(privateKey: string): string {
  return sm2.getPublicKeyFromPrivateKey(privateKey);
}

/**
 * SM2 signature per GB/T 32918.2: always over SM3(Z_A || M) with the signer's ID (sm-crypto-v2 signs the
 * raw message unless asked to hash). DER (as OpenSSL writes) by default, or raw r||s (64 bytes).
 */
export function sm2Sign(message: Uint8Array | string, keys: Sm2KeyPair, opts: { userId?: string; encoding?: 'der' | 'raw' } = {}): Buffer {
  const der = (opts.encoding ?? 'der') === 'der';
  const sig = sm2.doSignature(Buffer.from(toHex(message), 'hex'), keys.privateKey, {
    hash: true,
    der,
    publicKey: keys.publicKey,
    userId: opts.userId ?? DEFAULT_USER_ID,
  });
  return Buffer.from(der ? sig : sig.padStart(128, '0'), 'hex');
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
 * Strict DER SEQUENCE { INTEGER r, INTEGER s } to raw r||s: the library's parser tolerates other tags and
 * lengths, which would make signatures malleable; anything but the one canonical encoding is refused.
 */
function strictDerToRaw(sig: Buffer): Buffer | null {
  if (sig[0] !== 0x30 || sig[1] !== sig.length - 2 || sig.length > 72) return null;
  const r = derInteger(sig, 2);
  const s = r && derInteger(sig, r.next);
  if (!r || !s || s.next !== sig.length) return null;
  return Buffer.concat([r.value, s.value]);
}

/** True only for a valid signature; malformed signatures or keys are false, never an exception. */
export function sm2Verify(
  message: Uint8Array | string,
  signature: Uint8Array,
  publicKey: string,
  opts: { userId?: string; encoding?: 'der' | 'raw' } = {},
): boolean {
  try {
    const raw = (opts.encoding ?? 'der') === 'der' ? strictDerToRaw(Buffer.from(signature)) : Buffer.from(signature);
    if (raw?.length !== 64) return false;
    if (!HEX.test(publicKey) || !sm2.verifyPublicKey(publicKey)) return false;
    return sm2.doVerifySignature(Buffer.from(toHex(message), 'hex'), raw.toString('hex'), publicKey, {
      hash: true,
      der: false,
      userId: opts.userId ?? DEFAULT_USER_ID,
    });
  } catch {
    return false;
  }
}

export type Sm2CipherOrder = 'C1C3C2' | 'C1C2C3';

/**
 * SM2 public-key encryption per GB/T 32918.4. `der` is the GM/T 0009 ASN.1 form OpenSSL reads and writes;
 * `raw` is 04||x||y || C3 || C2 (or C1C2C3).
 */
export function sm2Encrypt(plaintext: Uint8Array, publicKey: string, opts: { encoding?: 'der' | 'raw'; order?: Sm2CipherOrder } = {}): Buffer {
  if (plaintext.length === 0) throw new Error('SM2: nothing to encrypt');
  const der = (opts.encoding ?? 'der') === 'der';
  const mode = (opts.order ?? 'C1C3C2') === 'C1C3C2' ? 1 : 0;
  const hex = sm2.doEncrypt(Uint8Array.from(plaintext), publicKey, mode, { asn1: der });
  return Buffer.from(der ? hex : `04${hex}`, 'hex');
}

/** Decrypts or throws: a wrong key or an altered ciphertext never yields an empty result. */
export function sm2Decrypt(ciphertext: Uint8Array, privateKey: string, opts: { encoding?: 'der' | 'raw'; order?: Sm2CipherOrder } = {}): Buffer {
  const der = (opts.encoding ?? 'der') === 'der';
  const mode = (opts.order ?? 'C1C3C2') === 'C1C3C2' ? 1 : 0;
  let hex = Buffer.from(ciphertext).toString('hex');
  if (!der && hex.startsWith('04')) hex = hex.slice(2);
  let out: Uint8Array;
  try {
    out = sm2.doDecrypt(hex, privateKey, mode, { output: 'array', asn1: der });
  } catch {
    throw new Error('SM2: decryption failed');
  }
  if (out.length === 0) throw new Error('SM2: decryption failed');
  return Buffer.from(out);
}

/** Whether a hex string is an uncompressed point on the SM2 curve. */
export function sm2IsValidPublicKey(publicKey: string): boolean {
  try {
    return /^04[0-9a-f]{128}$/i.test(publicKey) && sm2.verifyPublicKey(publicKey);
  } catch {
    return false;
  }
}
