import { privateKeyFromPem, SM2_DEFAULT_USER_ID } from '@shtp/core/platform';
import { sm2 } from 'sm-crypto-v2';

export { privateKeyFromPem };

/** The DER SM2 signature (SM3 with Z_A, default ID) of the server's login message, hex. */
export function signLoginChallenge(pem: string, message: string): string {
  const d = privateKeyFromPem(pem);
  return sm2.doSignature(message, d, { hash: true, der: true, publicKey: sm2.getPublicKeyFromPrivateKey(d), userId: SM2_DEFAULT_USER_ID });
}
