import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aeadOpen, aeadSeal } from './aead.ts';

const key = randomBytes(16);

describe('SM4-CTR + HMAC-SM3 AEAD', () => {
  it('round-trips, with and without associated data, including empty plaintext', () => {
    for (const size of [0, 1, 15, 16, 17, 1024, 70_000]) {
      const plain = randomBytes(size);
      expect(aeadOpen(key, aeadSeal(key, plain, Buffer.from('ctx')), Buffer.from('ctx')).equals(plain)).toBe(true);
      expect(aeadOpen(key, aeadSeal(key, plain)).equals(plain)).toBe(true);
    }
  });

  it('uses a fresh nonce: the same plaintext never seals the same', () => {
    const p = Buffer.from('310115199003071239');
    expect(aeadSeal(key, p).equals(aeadSeal(key, p))).toBe(false);
  });

  it('refuses every single flipped bit, a wrong key, wrong associated data and truncation', () => {
    const sealed = aeadSeal(key, Buffer.from('一段需要保护的个人信息'), Buffer.from('aad'));
    for (let i = 0; i < sealed.length * 8; i++) {
      const t = Buffer.from(sealed);
      t[i >> 3]! ^= 1 << (i & 7);
      expect(() => aeadOpen(key, t, Buffer.from('aad'))).toThrow();
    }
    expect(() => aeadOpen(randomBytes(16), sealed, Buffer.from('aad'))).toThrow(/authentication/);
    expect(() => aeadOpen(key, sealed, Buffer.from('aae'))).toThrow(/authentication/);
    expect(() => aeadOpen(key, sealed.subarray(0, 20), Buffer.from('aad'))).toThrow();
  });
});
