import { createCipheriv, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { sm4 as libSm4 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import vectors from '../test-vectors/gm-test-vectors.json' with { type: 'json' };
import { GmError } from './errors.ts';
import {
  AEAD_CTR_HMAC,
  AEAD_DEFAULT,
  AEAD_GCM,
  aeadOpen,
  aeadSeal,
  sm4CbcDecrypt,
  sm4CbcEncrypt,
  sm4Ctr,
  sm4CtrStream,
  sm4EcbDecrypt,
  sm4EcbEncrypt,
  sm4GcmDecrypt,
  sm4GcmEncrypt,
} from './sm4.ts';
import { code, flip, h, hex } from './test-bytes.ts';
import { openssl, opensslSuite } from './test-openssl.ts';

const V = vectors.vectors;

describe('SM4 against the standard vectors', () => {
  it('ECB example 1 and the 1,000,000-fold example 2 (GB/T 32907)', () => {
    const v = V.sm4_ecb_example1;
    expect(hex(sm4EcbEncrypt(h(v.key), h(v.plaintext), { padding: false }))).toBe(v.ciphertext);
    expect(hex(sm4EcbDecrypt(h(v.key), h(v.ciphertext), { padding: false }))).toBe(v.plaintext);
    const m = V.sm4_ecb_million;
    const c = createCipheriv('sm4-ecb', h(m.key), null).setAutoPadding(false);
    let block = h(m.plaintext);
    for (let i = 0; i < m.iterations; i++) block = c.update(block);
    expect(hex(block)).toBe(m.ciphertext);
  });

  it('CBC, CTR (ours) and OFB, CFB (node:crypto) two- and four-block vectors', () => {
    const cbc = V.sm4_cbc_2blocks;
    expect(hex(sm4CbcEncrypt(h(cbc.key), h(cbc.iv), h(cbc.plaintext), { padding: false }))).toBe(cbc.ciphertext);
    expect(hex(sm4CbcDecrypt(h(cbc.key), h(cbc.iv), h(cbc.ciphertext), { padding: false }))).toBe(cbc.plaintext);
    const ctr = V.sm4_ctr_4blocks;
    expect(hex(sm4Ctr(h(ctr.key), h(ctr.iv), h(ctr.plaintext)))).toBe(ctr.ciphertext);
    expect(hex(sm4Ctr(h(ctr.key), h(ctr.iv), h(ctr.ciphertext)))).toBe(ctr.plaintext);
    for (const [mode, v] of [
      ['sm4-ofb', V.sm4_ofb_2blocks],
      ['sm4-cfb', V.sm4_cfb_2blocks],
    ] as const) {
      const c = createCipheriv(mode, h(v.key), h(v.iv));
      expect(hex(Buffer.concat([c.update(h(v.plaintext)), c.final()]))).toBe(v.ciphertext);
    }
  });

  it('SM4-GCM RFC 8998 A.1', () => {
    const v = V.sm4_gcm_rfc8998;
    const { ciphertext, tag } = sm4GcmEncrypt(h(v.key), h(v.iv), h(v.plaintext), h(v.aad));
    expect(hex(ciphertext)).toBe(v.ciphertext);
    expect(hex(tag)).toBe(v.tag);
    expect(hex(sm4GcmDecrypt(h(v.key), h(v.iv), h(v.ciphertext), h(v.tag), h(v.aad)))).toBe(v.plaintext);
  });

  it('SM4-GCM agrees with sm-crypto-v2 on random inputs (lengths across block boundaries)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 12, maxLength: 12 }),
        fc.uint8Array({ maxLength: 100 }),
        fc.uint8Array({ maxLength: 40 }),
        (key, iv, plain, aad) => {
          const ours = sm4GcmEncrypt(key, iv, plain, aad);
          const lib = libSm4.encrypt(plain, key, { mode: 'gcm', iv, associatedData: aad, output: 'array', outputTag: true });
          expect(hex(ours.ciphertext)).toBe(hex(lib.output));
          expect(hex(ours.tag)).toBe(hex(lib.tag ?? new Uint8Array()));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('SM4 modes (fast-check)', () => {
  const key16 = fc.uint8Array({ minLength: 16, maxLength: 16 });
  const blocks = fc.nat({ max: 8 }).chain((n) => fc.uint8Array({ minLength: 16 * n, maxLength: 16 * n }));

  it('ECB and CBC round-trip with PKCS#7 (any length) and without padding (whole blocks)', () => {
    fc.assert(
      fc.property(key16, key16, fc.uint8Array({ maxLength: 200 }), blocks, (key, iv, plain, aligned) => {
        const ecb = sm4EcbEncrypt(key, plain);
        expect(ecb.length).toBe((Math.floor(plain.length / 16) + 1) * 16);
        expect(hex(sm4EcbDecrypt(key, ecb))).toBe(hex(plain));
        const cbc = sm4CbcEncrypt(key, iv, plain);
        expect(cbc.length).toBe(ecb.length);
        expect(hex(sm4CbcDecrypt(key, iv, cbc))).toBe(hex(plain));
        expect(hex(sm4EcbDecrypt(key, sm4EcbEncrypt(key, aligned, { padding: false }), { padding: false }))).toBe(hex(aligned));
        expect(hex(sm4CbcDecrypt(key, iv, sm4CbcEncrypt(key, iv, aligned, { padding: false }), { padding: false }))).toBe(hex(aligned));
      }),
      { numRuns: 100 },
    );
  });

  it('CTR round-trips any length and keeps the length (a stream mode, unauthenticated)', () => {
    fc.assert(
      fc.property(key16, key16, fc.uint8Array({ maxLength: 200 }), (key, iv, plain) => {
        const ct = sm4Ctr(key, iv, plain);
        expect(ct.length).toBe(plain.length);
        expect(hex(sm4Ctr(key, iv, ct))).toBe(hex(plain));
      }),
      { numRuns: 100 },
    );
  });

  it('streaming CTR over chunks of any size equals the one-shot CTR', () => {
    fc.assert(
      fc.property(key16, key16, fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 }), (key, iv, chunks) => {
        const stream = sm4CtrStream(key, iv);
        const streamed = Buffer.concat([...chunks.map((c) => stream.update(c)), stream.final()]);
        expect(hex(streamed)).toBe(hex(sm4Ctr(key, iv, Buffer.concat(chunks))));
      }),
      { numRuns: 100 },
    );
    expect(() => sm4CtrStream(new Uint8Array(15), new Uint8Array(16))).toThrow(GmError);
  });
});

describe('SM4 pitfalls are closed (probes in gm-test-vectors.json)', () => {
  const v = V.sm4_gcm_rfc8998;
  it('GCM without a tag, with a short tag or a wrong one is an error, never plaintext', () => {
    expect(code(() => sm4GcmDecrypt(h(v.key), h(v.iv), h(v.ciphertext), undefined as unknown as Uint8Array, h(v.aad)))).toBe('AUTH_FAILED');
    expect(code(() => sm4GcmDecrypt(h(v.key), h(v.iv), h(v.ciphertext), h(v.tag).subarray(0, 12), h(v.aad)))).toBe('AUTH_FAILED');
    expect(code(() => sm4GcmDecrypt(h(v.key), h(v.iv), h(v.ciphertext), Buffer.alloc(16), h(v.aad)))).toBe('AUTH_FAILED');
  });

  it('GCM: a tampered ciphertext, aad, tag or wrong key is AUTH_FAILED', () => {
    const ct = h(v.ciphertext);
    for (const bit of [0, 7, 100, ct.length * 8 - 1])
      expect(code(() => sm4GcmDecrypt(h(v.key), h(v.iv), flip(ct, bit), h(v.tag), h(v.aad)))).toBe('AUTH_FAILED');
    expect(code(() => sm4GcmDecrypt(h(v.key), h(v.iv), ct, flip(h(v.tag), 3), h(v.aad)))).toBe('AUTH_FAILED');
    expect(code(() => sm4GcmDecrypt(h(v.key), h(v.iv), ct, h(v.tag), flip(h(v.aad), 5)))).toBe('AUTH_FAILED');
    expect(code(() => sm4GcmDecrypt(randomBytes(16), h(v.iv), ct, h(v.tag), h(v.aad)))).toBe('AUTH_FAILED');
  });

  it('CTR is real CTR, not ECB (sm-crypto-v2 silently runs ECB for mode "ctr")', () => {
    const key = randomBytes(16);
    const twoEqualBlocks = Buffer.alloc(32, 7);
    const out = sm4Ctr(key, randomBytes(16), twoEqualBlocks);
    expect(out.subarray(0, 16).equals(out.subarray(16))).toBe(false);
    expect(out.equals(sm4EcbEncrypt(key, twoEqualBlocks, { padding: false }))).toBe(false);
  });

  it('bad keys, IVs and paddings are GmErrors', () => {
    expect(code(() => sm4CbcEncrypt(Buffer.alloc(15), Buffer.alloc(16), 'x'))).toBe('INVALID_KEY');
    expect(code(() => sm4CbcEncrypt(Buffer.alloc(16), Buffer.alloc(8), 'x'))).toBe('INVALID_INPUT');
    expect(code(() => sm4GcmEncrypt(Buffer.alloc(16), Buffer.alloc(16), 'x'))).toBe('INVALID_INPUT');
    expect(code(() => sm4CbcDecrypt(Buffer.alloc(16), Buffer.alloc(16), Buffer.alloc(16)))).toBe('MALFORMED');
    expect(code(() => aeadSeal(Buffer.alloc(32), 'x'))).toBe('INVALID_KEY');
  });
});

describe('AEAD (aeadSeal / aeadOpen)', () => {
  const key = randomBytes(16);

  it('the default is SM4-CTR + HMAC-SM3 (version 1, ADR 0011), and both versions open', () => {
    expect(AEAD_DEFAULT).toBe(AEAD_CTR_HMAC);
    expect(aeadSeal(key, 'x')[0]).toBe(1);
    const g = aeadSeal(key, '个人信息', Buffer.from('ctx'), AEAD_GCM);
    expect(g[0]).toBe(2);
    expect(g.length).toBe(1 + 12 + Buffer.byteLength('个人信息') + 16);
    expect(aeadOpen(key, g, Buffer.from('ctx')).toString()).toBe('个人信息');
  });

  it("a key buffer filled with another key later never opens with the first key's cached subkeys", () => {
    const reused = Buffer.from(key);
    const sealed = aeadSeal(reused, 'first');
    randomBytes(16).copy(reused); // same object, new key
    expect(code(() => aeadOpen(reused, sealed))).toBe('AUTH_FAILED');
    expect(aeadOpen(reused, aeadSeal(reused, 'second')).toString()).toBe('second');
    expect(aeadOpen(key, sealed).toString()).toBe('first');
  });

  it('round-trips any plaintext and aad, both versions (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 40 }), fc.constantFrom(AEAD_CTR_HMAC, AEAD_GCM), (plain, aad, alg) => {
        expect(hex(aeadOpen(key, aeadSeal(key, plain, aad, alg), aad))).toBe(hex(plain));
      }),
      { numRuns: 200 },
    );
    expect(aeadOpen(key, aeadSeal(key, randomBytes(70_000))).length).toBe(70_000);
  });

  it('any single flipped bit is AUTH_FAILED or MALFORMED, never output (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.constantFrom(AEAD_CTR_HMAC, AEAD_GCM), fc.nat(), (plain, alg, n) => {
        const sealed = aeadSeal(key, plain, Buffer.from('aad'), alg);
        const c = code(() => aeadOpen(key, flip(sealed, n % (sealed.length * 8)), Buffer.from('aad')));
        expect(['AUTH_FAILED', 'MALFORMED']).toContain(c);
      }),
      { numRuns: 300 },
    );
  });

  it('every bit of one sealed message, a wrong key, wrong aad, truncation', () => {
    for (const alg of [AEAD_CTR_HMAC, AEAD_GCM] as const) {
      const sealed = aeadSeal(key, '一段需要保护的个人信息', Buffer.from('aad'), alg);
      for (let i = 8; i < sealed.length * 8; i++) expect(code(() => aeadOpen(key, flip(sealed, i), Buffer.from('aad')))).toBe('AUTH_FAILED');
      expect(code(() => aeadOpen(randomBytes(16), sealed, Buffer.from('aad')))).toBe('AUTH_FAILED');
      expect(code(() => aeadOpen(key, sealed, Buffer.from('aae')))).toBe('AUTH_FAILED');
      expect(code(() => aeadOpen(key, sealed))).toBe('AUTH_FAILED');
      expect(code(() => aeadOpen(key, sealed.subarray(0, 20), Buffer.from('aad')))).toBe('MALFORMED');
    }
    expect(code(() => aeadOpen(key, Buffer.alloc(0)))).toBe('MALFORMED');
  });

  it('a fresh nonce: the same plaintext never seals the same', () => {
    expect(aeadSeal(key, '310115199003071239').equals(aeadSeal(key, '310115199003071239'))).toBe(false);
  });
});

describe('SM4 interoperability with the openssl command-line tool', () => {
  const { f, it2 } = opensslSuite();

  it2('SM4-CBC with PKCS#7 is byte-identical to `openssl enc -sm4-cbc -K -iv`, both directions', () => {
    for (const size of [0, 1, 15, 16, 17, 1000]) {
      const key = randomBytes(16);
      const iv = randomBytes(16);
      const plain = randomBytes(size);
      writeFileSync(f('p'), plain);
      openssl('enc', '-sm4-cbc', '-K', hex(key), '-iv', hex(iv), '-in', f('p'), '-out', f('c'));
      const theirs = readFileSync(f('c'));
      expect(hex(sm4CbcEncrypt(key, iv, plain))).toBe(hex(theirs));
      writeFileSync(f('ours'), sm4CbcEncrypt(key, iv, plain));
      openssl('enc', '-d', '-sm4-cbc', '-K', hex(key), '-iv', hex(iv), '-in', f('ours'), '-out', f('back'));
      expect(hex(readFileSync(f('back')))).toBe(hex(plain));
      expect(hex(sm4CbcDecrypt(key, iv, theirs))).toBe(hex(plain));
    }
  });

  it2('SM4-CTR and SM4-ECB match `openssl enc`', () => {
    const key = randomBytes(16);
    const iv = randomBytes(16);
    const plain = randomBytes(77);
    writeFileSync(f('p2'), plain);
    openssl('enc', '-sm4-ctr', '-K', hex(key), '-iv', hex(iv), '-in', f('p2'), '-out', f('c2'));
    expect(hex(sm4Ctr(key, iv, plain))).toBe(hex(readFileSync(f('c2'))));
    openssl('enc', '-sm4-ecb', '-K', hex(key), '-in', f('p2'), '-out', f('c3'));
    expect(hex(sm4EcbEncrypt(key, plain))).toBe(hex(readFileSync(f('c3'))));
  });
});
