import { sm2 } from 'sm-crypto-v2';

/** GB/T 32918.2 default user ID, as the server verifies with. */
const USER_ID = '1234567812345678';

function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The private scalar of an SM2 PKCS#8 PEM (as `openssl genpkey -algorithm SM2` or `gm keygen` writes): the
 * 32-byte OCTET STRING after `INTEGER 1` of the ECPrivateKey. Throws a Chinese message otherwise.
 */
export function privateKeyFromPem(pem: string): string {
  const m = /-----BEGIN PRIVATE KEY-----([\s\S]+?)-----END PRIVATE KEY-----/.exec(pem);
  if (!m) throw new Error('不是 PKCS#8 私钥文件（应以 -----BEGIN PRIVATE KEY----- 开头）');
  const hex = toHex(base64ToBytes(m[1]!.replace(/\s+/g, '')));
  if (!hex.includes('06082a811ccf5501822d')) throw new Error('不是 SM2 私钥');
  const at = hex.indexOf('0201010420');
  if (at < 0 || hex.length < at + 10 + 64) throw new Error('SM2 私钥格式错误');
  return hex.slice(at + 10, at + 10 + 64);
}

/** The DER SM2 signature (SM3 with Z_A, default ID) of the server's login message, hex. */
export function signLoginChallenge(pem: string, message: string): string {
  const d = privateKeyFromPem(pem);
  return sm2.doSignature(message, d, { hash: true, der: true, publicKey: sm2.getPublicKeyFromPrivateKey(d), userId: USER_ID });
}
