import { sm2PublicKeyOf } from './sm2.ts';

/*
 * SM2 keys as PKCS#8 / SubjectPublicKeyInfo DER and PEM, in exactly the layout OpenSSL writes
 * (id-ecPublicKey with the sm2 curve OID 1.2.156.10197.1.301). node:crypto reads such keys but cannot
 * export them as JWK (probe in gm-test-vectors.json), and the fields have fixed sizes, so the two
 * structures are written from fixed DER templates here rather than with an ASN.1 library (ADR 0010).
 */
const ALGORITHM = Buffer.from('301306072a8648ce3d020106082a811ccf5501822d', 'hex');
const PKCS8_HEAD = Buffer.concat([Buffer.from('3081870201', 'hex'), Buffer.from('00', 'hex'), ALGORITHM, Buffer.from('046d306b0201010420', 'hex')]);
const PKCS8_PUB = Buffer.from('a144034200', 'hex');
const SPKI_HEAD = Buffer.concat([Buffer.from('3059', 'hex'), ALGORITHM, Buffer.from('034200', 'hex')]);
const SM2_OID = Buffer.from('06082a811ccf5501822d', 'hex');

const pem = (label: string, der: Buffer) =>
  `-----BEGIN ${label}-----\n${der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END ${label}-----\n`;

function unpem(text: string, label: string): Buffer {
  const m = new RegExp(`-----BEGIN ${label}-----([\\s\\S]+?)-----END ${label}-----`).exec(text);
  if (!m) throw new Error(`SM2 key: no ${label} block`);
  return Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64');
}

export function sm2PrivateKeyToDer(privateKey: string): Buffer {
  const d = Buffer.from(privateKey.padStart(64, '0'), 'hex');
  const pub = Buffer.from(sm2PublicKeyOf(privateKey), 'hex');
  return Buffer.concat([PKCS8_HEAD, d, PKCS8_PUB, pub]);
}

export function sm2PublicKeyToDer(publicKey: string): Buffer {
  const pub = Buffer.from(publicKey, 'hex');
  if (pub.length !== 65 || pub[0] !== 4) throw new Error('SM2 key: public key must be uncompressed 04||x||y');
  return Buffer.concat([SPKI_HEAD, pub]);
}

export const sm2PrivateKeyToPem = (privateKey: string) => pem('PRIVATE KEY', sm2PrivateKeyToDer(privateKey));
export const sm2PublicKeyToPem = (publicKey: string) => pem('PUBLIC KEY', sm2PublicKeyToDer(publicKey));

/** The private scalar of a PKCS#8 SM2 key (ours or OpenSSL's, with or without the embedded public key). */
export function sm2PrivateKeyFromDer(der: Uint8Array): string {
  const buf = Buffer.from(der);
  if (!buf.includes(SM2_OID)) throw new Error('SM2 key: not an SM2 PKCS#8 key');
  const at = buf.indexOf(Buffer.from('0201010420', 'hex'));
  if (at < 0 || at + 5 + 32 > buf.length) throw new Error('SM2 key: malformed PKCS#8');
  return buf.subarray(at + 5, at + 37).toString('hex');
}

/** The uncompressed public key of an SM2 SubjectPublicKeyInfo. */
export function sm2PublicKeyFromDer(der: Uint8Array): string {
  const buf = Buffer.from(der);
  if (!buf.includes(SM2_OID) || buf.length < 68) throw new Error('SM2 key: not an SM2 public key');
  const tail = buf.subarray(buf.length - 68);
  if (tail[0] !== 0x03 || tail[1] !== 0x42 || tail[2] !== 0x00 || tail[3] !== 0x04) throw new Error('SM2 key: malformed SubjectPublicKeyInfo');
  return tail.subarray(3).toString('hex');
}

export const sm2PrivateKeyFromPem = (text: string) => sm2PrivateKeyFromDer(unpem(text, 'PRIVATE KEY'));
export const sm2PublicKeyFromPem = (text: string) => sm2PublicKeyFromDer(unpem(text, 'PUBLIC KEY'));
