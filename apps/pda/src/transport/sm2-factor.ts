import { privateKeyFromPem, SM2_DEFAULT_USER_ID } from '@shtp/core/platform';
import { sm2 } from 'sm-crypto-v2';

/** The SM2 second factor on the handheld: the DER signature (SM3 with Z_A) of the server's login message, hex. */
export function signLoginChallenge(keyFile: string, message: string): string {
  const d = privateKeyFromPem(keyFile);
  return sm2.doSignature(message, d, { hash: true, der: true, publicKey: sm2.getPublicKeyFromPrivateKey(d), userId: SM2_DEFAULT_USER_ID });
}
