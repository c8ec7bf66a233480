// @vitest-environment node
// (jsdom has its own Uint8Array, which the SM2 library does not recognise; signing in a real browser is covered by the e2e run.)
import { sm2GenerateKeyPair, sm2PrivateKeyToPem, sm2Verify } from '@shtp/gm';
import { describe, expect, it } from 'vitest';
import { privateKeyFromPem, signLoginChallenge } from './sm2-sign';

describe('SM2 login signing in the browser', () => {
  it('reads the PKCS#8 key file and signs so that the server verifies it', () => {
    const pair = sm2GenerateKeyPair();
    const pem = sm2PrivateKeyToPem(pair.privateKey);
    expect(privateKeyFromPem(pem)).toBe(pair.privateKey);
    const message = 'SHTP-SM2-LOGIN|supervisor01|abcd';
    const sig = signLoginChallenge(pem, message);
    expect(sm2Verify(message, Buffer.from(sig, 'hex'), pair.publicKey)).toBe(true);
    expect(sm2Verify(`${message}x`, Buffer.from(sig, 'hex'), pair.publicKey)).toBe(false);
  });

  it('refuses a file that is not an SM2 private key, in Chinese', () => {
    expect(() => privateKeyFromPem('hello')).toThrow(/PKCS#8/);
    expect(() => privateKeyFromPem('-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----')).toThrow(/SM2/);
  });
});
