import { createPrivateKey } from 'node:crypto';
import { GmError } from './errors.ts';
import { sm2NormalizePrivateKey, sm2NormalizePublicKey, sm2PublicKeyOf } from './sm2.ts';
import { sm3Hex } from './sm3.ts';

/*
 * SM2 keys as PKCS#8 (private) and SubjectPublicKeyInfo (public), DER and PEM, in exactly the layout OpenSSL 3
 * writes (id-ecPublicKey with the sm2p256v1 curve OID 1.2.156.10197.1.301).
 *
 * node:crypto on Node 20 / OpenSSL 3.0 cannot export or import SM2 keys as JWK ("Unsupported JWK EC curve: SM2",
 * crv 'SM2' rejected on import) and cannot read a compressed SM2 SubjectPublicKeyInfo. So:
 *  - writing uses fixed DER templates (every field has a fixed size on sm2p256v1) — byte-identical to
 *    `openssl genpkey -algorithm SM2` / `openssl pkey -pubout`; an encrypted PKCS#8 (PBES2, SM4-CBC) goes
 *    through node:crypto;
 *  - reading a private key goes through node:crypto `createPrivateKey` (PKCS#8, encrypted PKCS#8 with a
 *    passphrase, SEC1 "EC/SM2 PRIVATE KEY", PEM or DER), normalised to PKCS#8 DER, then the scalar is taken
 *    from the parsed structure below;
 *  - reading a public key parses the SubjectPublicKeyInfo here (uncompressed or compressed point).
 * The OpenSSL CLI interop tests guard both directions.
 */

const OID_EC_PUBLIC_KEY = '2a8648ce3d0201'; // 1.2.840.10045.2.1
const OID_SM2 = '2a811ccf5501822d'; // 1.2.156.10197.1.301

const ALGORITHM = Buffer.from(`301306072a8648ce3d020106082a811ccf5501822d`, 'hex');
const PKCS8_HEAD = Buffer.concat([Buffer.from('308187020100', 'hex'), ALGORITHM, Buffer.from('046d306b0201010420', 'hex')]);
const PKCS8_PUB = Buffer.from('a144034200', 'hex');
const SPKI_HEAD = Buffer.concat([Buffer.from('3059', 'hex'), ALGORITHM, Buffer.from('034200', 'hex')]);

// --- a minimal DER reader (definite lengths only) ------------------------------------------------------------
interface Tlv {
  tag: number;
  value: Buffer;
  next: number;
}

function tlv(buf: Buffer, at: number): Tlv {
  const tag = buf[at];
  let len = buf[at + 1];
  if (tag === undefined || len === undefined) throw new GmError('INVALID_KEY', 'DER 结构被截断');
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n < 1 || n > 3 || start + n > buf.length) throw new GmError('INVALID_KEY', 'DER 长度无效');
    len = buf.readUIntBE(start, n);
    start += n;
  }
  if (start + len > buf.length) throw new GmError('INVALID_KEY', 'DER 结构被截断');
  return { tag, value: buf.subarray(start, start + len), next: start + len };
}

function children(seq: Buffer): Tlv[] {
  const out: Tlv[] = [];
  for (let at = 0; at < seq.length; ) {
    const t = tlv(seq, at);
    out.push(t);
    at = t.next;
  }
  return out;
}

/** AlgorithmIdentifier of an SM2 key: id-ecPublicKey + sm2 curve, or the sm2 OID itself. */
function assertSm2Algorithm(alg: Tlv | undefined): void {
  if (alg?.tag !== 0x30) throw new GmError('INVALID_KEY', '缺少算法标识');
  const [oid, param] = children(alg.value);
  const a = oid?.tag === 0x06 ? oid.value.toString('hex') : '';
  const p = param?.tag === 0x06 ? param.value.toString('hex') : '';
  if (!((a === OID_EC_PUBLIC_KEY && p === OID_SM2) || a === OID_SM2)) throw new GmError('INVALID_KEY', '不是 SM2 密钥（曲线 OID 应为 1.2.156.10197.1.301）');
}

// --- PEM -----------------------------------------------------------------------------------------------------
const toPem = (label: string, der: Buffer) =>
  `-----BEGIN ${label}-----\n${der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END ${label}-----\n`;

function fromPem(text: string, label: string): Buffer | undefined {
  const m = new RegExp(`-----BEGIN ${label}-----([\\s\\S]+?)-----END ${label}-----`).exec(text);
  return m ? Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64') : undefined;
}

// --- writing -------------------------------------------------------------------------------------------------
export interface Sm2PrivateKeyExportOptions {
  /** Encrypt the PKCS#8 (PBES2: PBKDF2 + SM4-CBC, as `openssl pkcs8 -topk8 -v2 sm4-cbc`); `openssl pkey -passin` reads it. */
  passphrase?: string;
}

/** PKCS#8 DER, with the public key embedded, as OpenSSL writes it. */
export function sm2PrivateKeyToDer(privateKey: string): Buffer {
  const d = Buffer.from(sm2NormalizePrivateKey(privateKey), 'hex');
  const pub = Buffer.from(sm2PublicKeyOf(privateKey), 'hex');
  return Buffer.concat([PKCS8_HEAD, d, PKCS8_PUB, pub]);
}

/** SubjectPublicKeyInfo DER (uncompressed point; compressed input is accepted and expanded). */
export function sm2PublicKeyToDer(publicKey: string): Buffer {
  return Buffer.concat([SPKI_HEAD, Buffer.from(sm2NormalizePublicKey(publicKey), 'hex')]);
}

/** `-----BEGIN PRIVATE KEY-----` (or `ENCRYPTED PRIVATE KEY` with a passphrase). */
export function sm2PrivateKeyToPem(privateKey: string, opts: Sm2PrivateKeyExportOptions = {}): string {
  const der = sm2PrivateKeyToDer(privateKey);
  if (opts.passphrase === undefined) return toPem('PRIVATE KEY', der);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
    .export({ type: 'pkcs8', format: 'pem', cipher: 'sm4-cbc', passphrase: opts.passphrase })
    .toString();
}

/** `-----BEGIN PUBLIC KEY-----`. */
export const sm2PublicKeyToPem = (publicKey: string): string => toPem('PUBLIC KEY', sm2PublicKeyToDer(publicKey));

/** A key ID for a public key: SM3 (hex) of its SubjectPublicKeyInfo DER, the same for compressed and uncompressed input. */
export const sm2PublicKeyId = (publicKey: string): string => sm3Hex(sm2PublicKeyToDer(publicKey));

// --- reading -------------------------------------------------------------------------------------------------
/** The private scalar from normalised PKCS#8 DER. */
function scalarFromPkcs8(der: Buffer): string {
  const outer = tlv(der, 0);
  const [version, alg, octets] = children(outer.value);
  if (outer.tag !== 0x30 || version?.tag !== 0x02 || octets?.tag !== 0x04) throw new GmError('INVALID_KEY', '不是 PKCS#8 结构');
  assertSm2Algorithm(alg);
  const ecKey = tlv(octets.value, 0);
  const [ecVersion, d] = children(ecKey.value);
  if (ecKey.tag !== 0x30 || ecVersion?.tag !== 0x02 || d?.tag !== 0x04 || d.value.length > 32) throw new GmError('INVALID_KEY', 'EC 私钥结构无效');
  return sm2NormalizePrivateKey(d.value.toString('hex').padStart(64, '0'));
}

/**
 * The private key (hex) of an SM2 key file: PKCS#8 PEM/DER, encrypted PKCS#8 (give the passphrase), or SEC1
 * ("EC PRIVATE KEY" / "SM2 PRIVATE KEY", as `openssl ec` writes). GmError('INVALID_KEY') otherwise.
 */
export function sm2PrivateKeyFromPem(input: string | Uint8Array, passphrase?: string): string {
  let der: Buffer;
  try {
    const key =
      typeof input === 'string'
        ? createPrivateKey({ key: input, format: 'pem', ...(passphrase === undefined ? {} : { passphrase }) })
        : createPrivateKey({ key: Buffer.from(input), format: 'der', type: 'pkcs8', ...(passphrase === undefined ? {} : { passphrase }) });
    der = key.export({ type: 'pkcs8', format: 'der' });
  } catch (e) {
    if (e instanceof GmError) throw e;
    throw new GmError('INVALID_KEY', '无法读取私钥（格式不符、已加密但缺少口令或口令错误）', { cause: e });
  }
  return scalarFromPkcs8(der);
}

/** PKCS#8 DER (optionally encrypted) to the private key hex. */
export const sm2PrivateKeyFromDer = (der: Uint8Array, passphrase?: string): string => sm2PrivateKeyFromPem(Buffer.from(der), passphrase);

/** The public key (uncompressed hex) of an SM2 SubjectPublicKeyInfo DER; compressed points are accepted. */
export function sm2PublicKeyFromDer(der: Uint8Array): string {
  const buf = Buffer.from(der);
  const outer = tlv(buf, 0);
  if (outer.tag !== 0x30 || outer.next !== buf.length) throw new GmError('INVALID_KEY', '不是 SubjectPublicKeyInfo 结构');
  const [alg, bits, extra] = children(outer.value);
  assertSm2Algorithm(alg);
  if (bits?.tag !== 0x03 || bits.value[0] !== 0 || extra) throw new GmError('INVALID_KEY', '公钥位串无效');
  return sm2NormalizePublicKey(bits.value.subarray(1).toString('hex'));
}

/**
 * The public key (uncompressed hex) of a `PUBLIC KEY` PEM; also accepts a private key PEM (the public key is
 * derived) so an operator can hand over either file.
 */
export function sm2PublicKeyFromPem(text: string, passphrase?: string): string {
  const spki = fromPem(text, 'PUBLIC KEY');
  if (spki) return sm2PublicKeyFromDer(spki);
  if (/-----BEGIN (ENCRYPTED |EC |SM2 )?PRIVATE KEY-----/.test(text)) return sm2PublicKeyOf(sm2PrivateKeyFromPem(text, passphrase));
  throw new GmError('INVALID_KEY', '没有找到 PUBLIC KEY 块');
}
