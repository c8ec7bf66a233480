/** GB/T 32918.2 default user ID, which the server's SM2 login factor verifies with. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** In every browser and in Node ≥ 16; core's TypeScript lib has neither DOM nor Node types. */
declare const atob: (data: string) => string;

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The private scalar of an SM2 PKCS#8 PEM (as `openssl genpkey -algorithm SM2` or `gm keygen` writes): the
 * 32-byte OCTET STRING after `INTEGER 1` of the ECPrivateKey. Throws a Chinese message otherwise. Shared by the
 * console and the handheld, which sign the login challenge with it in the browser (the key never leaves the page).
 */
export function privateKeyFromPem(pem: string): string {
  const m = /-----BEGIN PRIVATE KEY-----([\s\S]+?)-----END PRIVATE KEY-----/.exec(pem);
  if (!m) throw new Error('不是 PKCS#8 私钥文件（应以 -----BEGIN PRIVATE KEY----- 开头）');
  const hex = toHex(Uint8Array.from(atob(m[1]!.replace(/\s+/g, '')), (c: string) => c.charCodeAt(0)));
  if (!hex.includes('06082a811ccf5501822d')) throw new Error('不是 SM2 私钥');
  const at = hex.indexOf('0201010420');
  if (at < 0 || hex.length < at + 10 + 64) throw new Error('SM2 私钥格式错误');
  return hex.slice(at + 10, at + 10 + 64);
}
