import { sm2GenerateKeyPair, sm2PrivateKeyToPem, sm2Verify } from '@shtp/gm';
import { describe, expect, it } from 'vitest';
import { signLoginChallenge } from './sm2-factor.ts';

describe('SM2 second factor on the handheld', () => {
  it('signs the login message with the key file so that the server verifies it, and refuses a file that is no key', () => {
    const pair = sm2GenerateKeyPair();
    const message = 'SHTP-SM2-LOGIN|road01|0f0e';
    const sig = signLoginChallenge(sm2PrivateKeyToPem(pair.privateKey), message);
    expect(sm2Verify(message, Buffer.from(sig, 'hex'), pair.publicKey)).toBe(true);
    expect(sm2Verify(message, Buffer.from(sig, 'hex'), sm2GenerateKeyPair().publicKey)).toBe(false);
    expect(() => signLoginChallenge('not a key', message)).toThrow(/PKCS#8/);
  });
});
