import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { sm2 as lib } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import vectors from '../test-vectors/gm-test-vectors.json' with { type: 'json' };
import { sm2PrivateKeyFromPem, sm2PrivateKeyToPem, sm2PublicKeyFromPem, sm2PublicKeyToPem } from './keys.ts';
import {
  SM2_CURVE,
  sm2CompressPublicKey,
  sm2Decrypt,
  sm2Encrypt,
  sm2GenerateKeyPair,
  sm2IsValidPublicKey,
  sm2NormalizePublicKey,
  sm2PublicKeyOf,
  sm2SharedSecret,
  sm2Sign,
  sm2SignatureDerToRaw,
  sm2SignatureRawToDer,
  sm2Verify,
  sm2Za,
} from './sm2.ts';
import { sm3 } from './sm3.ts';
import { code, flip, h, hex } from './test-bytes.ts';
import * as ref from './test-ec-reference.ts';
import { openssl, opensslKeyText, opensslSm2Sign, opensslSm2Verify, opensslSuite } from './test-openssl.ts';

const V = vectors.vectors;
const sign = V.sm2_sign_sm2p256v1;
const enc = V.sm2_encrypt_sm2p256v1;
const keys = { privateKey: sign.private_key, publicKey: sign.public_key };

describe('SM2 against the GB/T 32918.5 vectors', () => {
  it('curve sm2p256v1: parameters, generator and order', () => {
    const c = V.sm2_curve_sm2p256v1;
    for (const k of ['p', 'a', 'b', 'n', 'gx', 'gy'] as const) expect(ref.hex32(SM2_CURVE[k])).toBe(c[k]);
    expect(sm2PublicKeyOf(ref.hex32(1n))).toBe(`04${c.gx}${c.gy}`);
    // (n−2)·G = −2G, and G on the reference curve reproduces the library's 2G.
    const twoG = ref.mul(ref.curveOf(c), 2n, ref.G(ref.curveOf(c)))!;
    expect(sm2PublicKeyOf(ref.hex32(2n))).toBe(`04${ref.hex32(twoG.x)}${ref.hex32(twoG.y)}`);
    expect(sm2PublicKeyOf(ref.hex32(SM2_CURVE.n - 2n))).toBe(`04${ref.hex32(twoG.x)}${ref.hex32(SM2_CURVE.p - twoG.y)}`);
    expect(c.oid).toBe('1.2.156.10197.1.301');
  });

  it('signature: public key, Z_A, e, and the standard (r, s) verifies (raw and DER), with the default ID only', () => {
    expect(sm2PublicKeyOf(sign.private_key)).toBe(sign.public_key);
    expect(hex(sm2Za(sign.public_key, sign.user_id))).toBe(sign.Z_A);
    expect(hex(sm3(Buffer.concat([h(sign.Z_A), Buffer.from(sign.message_ascii)])))).toBe(sign.e);
    const raw = h(sign.r + sign.s);
    expect(sm2Verify(sign.message_ascii, raw, sign.public_key, { encoding: 'raw', userId: sign.user_id })).toBe(true);
    expect(sm2Verify(sign.message_ascii, sm2SignatureRawToDer(raw), sign.public_key)).toBe(true);
    expect(sm2Verify('message digesT', raw, sign.public_key, { encoding: 'raw' })).toBe(false);
    expect(sm2Verify(sign.message_ascii, raw, sign.public_key, { encoding: 'raw', userId: 'ALICE123@YAHOO.COM' })).toBe(false);
    // the independent reference agrees
    const c = ref.curveOf(V.sm2_curve_sm2p256v1);
    const P = { x: BigInt(`0x${sign.public_key.slice(2, 66)}`), y: BigInt(`0x${sign.public_key.slice(66)}`) };
    expect(ref.verify(c, P, sign.user_id, Buffer.from(sign.message_ascii), BigInt(`0x${sign.r}`), BigInt(`0x${sign.s}`))).toBe(true);
  });

  it('signature with k reproduces r (reference arithmetic: r = e + x1 mod n, s = (1+d)^-1 (k − r·d))', () => {
    const c = ref.curveOf(V.sm2_curve_sm2p256v1);
    const k = BigInt(`0x${sign.k}`);
    const d = BigInt(`0x${sign.private_key}`);
    const x1 = ref.mul(c, k, ref.G(c))!.x;
    const r = (BigInt(`0x${sign.e}`) + x1) % c.n;
    expect(ref.hex32(r)).toBe(sign.r);
    // s·(1+d) ≡ k − r·d (mod n)
    const s = BigInt(`0x${sign.s}`);
    expect((((s * (1n + d) - (k - r * d)) % c.n) + c.n) % c.n).toBe(0n);
  });

  it('encryption: the standard ciphertext decrypts in C1C3C2, C1C2C3 and GM/T 0009 DER', () => {
    expect(sm2Decrypt(h(enc.C1C3C2_hex), enc.private_key, { encoding: 'raw' }).toString()).toBe(enc.message_ascii);
    expect(sm2Decrypt(h(enc.C1C2C3_hex), enc.private_key, { encoding: 'raw', order: 'C1C2C3' }).toString()).toBe(enc.message_ascii);
    expect(sm2Decrypt(h(enc.der_GMT0009_hex), enc.private_key).toString()).toBe(enc.message_ascii);
    expect(enc.C1C3C2_hex).toBe(enc.C1 + enc.C3 + enc.C2);
    expect(enc.C1C2C3_hex).toBe(enc.C1 + enc.C2 + enc.C3);
    expect(code(() => sm2Decrypt(h(enc.C1C3C2_hex), enc.private_key, { encoding: 'raw', order: 'C1C2C3' }))).toBe('DECRYPT_FAILED');
  });

  it('example-curve vectors (GM/T 0003.2/.4, not sm2p256v1) check with the independent reference', () => {
    const sv = V.sm2_sign_example_curve;
    const c = ref.curveOf(sv.curve);
    const P = ref.mul(c, BigInt(`0x${sv.private_key}`), ref.G(c))!;
    expect(`04${ref.hex32(P.x)}${ref.hex32(P.y)}`).toBe(sv.public_key_computed);
    expect(hex(ref.za(c, P, sv.user_id))).toBe(sv.Z_A);
    expect(hex(sm3(Buffer.concat([h(sv.Z_A), Buffer.from(sv.message_ascii)])))).toBe(sv.e_computed);
    expect(ref.verify(c, P, sv.user_id, Buffer.from(sv.message_ascii), BigInt(`0x${sv.r}`), BigInt(`0x${sv.s}`))).toBe(true);
    expect(ref.verify(c, P, sv.user_id, Buffer.from('message digesT'), BigInt(`0x${sv.r}`), BigInt(`0x${sv.s}`))).toBe(false);
    const ev = V.sm2_encrypt_example_curve;
    // DER: 30 7b | 02 20 x | 02 20 y | 04 20 C3 | 04 13 C2
    const der = h(ev.der_hex);
    const x = BigInt(`0x${hex(der.subarray(4, 36))}`);
    const y = BigInt(`0x${hex(der.subarray(38, 70))}`);
    const M = ref.decrypt(c, BigInt(`0x${ev.private_key}`), { x, y }, der.subarray(72, 104), der.subarray(106));
    expect(M?.toString()).toBe(ev.message_ascii);
    // and C1 = k·G
    const C1 = ref.mul(c, BigInt(`0x${ev.k}`), ref.G(c))!;
    expect([C1.x, C1.y]).toEqual([x, y]);
  });

  it('key exchange vector: Z_A/Z_B via sm2Za, R_A/R_B, and K via sm-crypto-v2 (not wrapped by this package)', () => {
    const kx = V.sm2_keyexchange_sm2p256v1;
    const pA = sm2PublicKeyOf(kx.dA);
    const pB = sm2PublicKeyOf(kx.dB);
    expect(hex(sm2Za(pA, kx.idA))).toBe(kx.ZA);
    expect(hex(sm2Za(pB, kx.idB))).toBe(kx.ZB);
    expect(sm2PublicKeyOf(kx.rA)).toBe(kx.RA);
    expect(sm2PublicKeyOf(kx.rB)).toBe(kx.RB);
    const K = lib.calculateSharedKey(
      { privateKey: kx.dA, publicKey: pA },
      { privateKey: kx.rA, publicKey: kx.RA },
      pB,
      kx.RB,
      kx.klen_bytes,
      false,
      kx.idA,
      kx.idB,
    );
    const KB = lib.calculateSharedKey(
      { privateKey: kx.dB, publicKey: pB },
      { privateKey: kx.rB, publicKey: kx.RB },
      pA,
      kx.RA,
      kx.klen_bytes,
      true,
      kx.idB,
      kx.idA,
    );
    expect(hex(K)).toBe(kx.K);
    expect(hex(KB)).toBe(kx.K);
  });
});

describe('SM2 static shared secret', () => {
  it('is the same from either side, equals x(dA·PB) of the reference arithmetic, and differs for another key', () => {
    const a = sm2GenerateKeyPair();
    const b = sm2GenerateKeyPair();
    const secret = sm2SharedSecret(a.privateKey, b.publicKey);
    expect(hex(sm2SharedSecret(b.privateKey, sm2CompressPublicKey(a.publicKey)))).toBe(hex(secret));
    const c = ref.curveOf(V.sm2_curve_sm2p256v1);
    const pb = { x: BigInt(`0x${b.publicKey.slice(2, 66)}`), y: BigInt(`0x${b.publicKey.slice(66)}`) };
    expect(hex(secret)).toBe(ref.hex32(ref.mul(c, BigInt(`0x${a.privateKey}`), pb)!.x));
    expect(hex(sm2SharedSecret(a.privateKey, sm2GenerateKeyPair().publicKey))).not.toBe(hex(secret));
    expect(() => sm2SharedSecret(a.privateKey, `04${'0'.repeat(128)}`)).toThrow();
  });
});

describe('SM2 pitfalls are closed (probes in gm-test-vectors.json)', () => {
  it('signs SM3(Z_A‖M), not the raw message: verifies with hash:true and the right ID only', () => {
    const sig = sm2Sign('数据', keys, { encoding: 'raw' });
    expect(lib.doVerifySignature(Buffer.from('数据'), hex(sig), keys.publicKey, { hash: true, userId: '1234567812345678' })).toBe(true);
    expect(lib.doVerifySignature(Buffer.from('数据'), hex(sig), keys.publicKey, { hash: false })).toBe(false);
    expect(sm2Verify('数据', sig, keys.publicKey, { encoding: 'raw' })).toBe(true);
    expect(sm2Verify('数据', sig, keys.publicKey, { encoding: 'raw', userId: 'other-id' })).toBe(false);
    const der = sm2Sign('数据', keys.privateKey, { userId: 'alice@example' });
    expect(sm2Verify('数据', der, keys.publicKey, { userId: 'alice@example' })).toBe(true);
  });

  it('verification on the cached curve points agrees with sm-crypto-v2 for any message and key (property)', () => {
    const pairs = Array.from({ length: 4 }, () => sm2GenerateKeyPair());
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(3), fc.nat(3), (message, signer, checker) => {
        const pair = pairs[signer]!;
        const sig = lib.doSignature(message, pair.privateKey, { hash: true, der: false, publicKey: pair.publicKey });
        const raw = Buffer.from(sig.padStart(128, '0'), 'hex');
        expect(sm2Verify(message, raw, pairs[checker]!.publicKey, { encoding: 'raw' })).toBe(signer === checker);
        expect(sm2Verify(Buffer.concat([message, Buffer.from([1])]), raw, pair.publicKey, { encoding: 'raw' })).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('a wrong or malformed signature or key is false, not an exception', () => {
    const sig = sm2Sign('m', keys, { encoding: 'raw' });
    const r = sig.subarray(0, 32);
    const sPlusN = Buffer.from(ref.hex32(BigInt(`0x${hex(sig.subarray(32))}`) + SM2_CURVE.n).slice(-64), 'hex');
    expect(sm2Verify('m', Buffer.concat([r, sPlusN]), keys.publicKey, { encoding: 'raw' })).toBe(false);
    expect(sm2Verify('m', Buffer.from('zz'), keys.publicKey)).toBe(false);
    expect(sm2Verify('m', Buffer.from('zz'), keys.publicKey, { encoding: 'raw' })).toBe(false);
    expect(sm2Verify('m', sm2SignatureRawToDer(sig), `04${'00'.repeat(64)}`)).toBe(false);
    expect(sm2Verify('m', sm2SignatureRawToDer(sig), 'not hex')).toBe(false);
    expect(sm2Verify('m', Buffer.alloc(64), keys.publicKey, { encoding: 'raw' })).toBe(false);
    expect(sm2Verify('m', null as unknown as Uint8Array, keys.publicKey)).toBe(false);
    expect(sm2Verify('m', Buffer.concat([sm2SignatureRawToDer(sig), Buffer.from([0])]), keys.publicKey)).toBe(false);
    expect(sm2Verify('n', sm2SignatureRawToDer(sig), keys.publicKey)).toBe(false);
  });

  it('every flipped bit of a DER signature fails (strict DER, no malleability)', () => {
    const sig = sm2Sign('m', keys);
    for (let i = 0; i < sig.length * 8; i++) expect(sm2Verify('m', flip(sig, i), keys.publicKey)).toBe(false);
    expect(sm2SignatureDerToRaw(sig)?.length).toBe(64);
  });

  it('a wrong key or an altered ciphertext is DECRYPT_FAILED, never empty output', () => {
    for (const opts of [{}, { encoding: 'raw' as const }, { encoding: 'raw' as const, order: 'C1C2C3' as const }]) {
      const ct = sm2Encrypt('secret', keys.publicKey, opts);
      expect(sm2Decrypt(ct, keys.privateKey, opts).toString()).toBe('secret');
      expect(code(() => sm2Decrypt(ct, sm2GenerateKeyPair().privateKey, opts))).toBe('DECRYPT_FAILED');
      expect(code(() => sm2Decrypt(flip(ct, ct.length * 8 - 1), keys.privateKey, opts))).toBe('DECRYPT_FAILED');
      expect(code(() => sm2Decrypt(ct.subarray(0, 50), keys.privateKey, opts))).toBe('DECRYPT_FAILED');
    }
    expect(code(() => sm2Decrypt(Buffer.alloc(0), keys.privateKey))).toBe('DECRYPT_FAILED');
    expect(code(() => sm2Decrypt(Buffer.concat([sm2Encrypt('x', keys.publicKey), Buffer.from([1])]), keys.privateKey))).toBe('DECRYPT_FAILED');
  });

  it('every flipped bit of a GM/T 0009 DER ciphertext is DECRYPT_FAILED (strict DER: the library ignores tags)', () => {
    const ct = sm2Encrypt('证件号', keys.publicKey);
    for (let i = 0; i < ct.length * 8; i++) expect(code(() => sm2Decrypt(flip(ct, i), keys.privateKey))).toBe('DECRYPT_FAILED');
  });

  it('keys: CSPRNG pairs in range, compressed public keys accepted, bad keys are INVALID_KEY', () => {
    const pairs = Array.from({ length: 5 }, sm2GenerateKeyPair);
    expect(new Set(pairs.map((p) => p.privateKey)).size).toBe(5);
    for (const p of pairs) {
      expect(p.privateKey).toMatch(/^[0-9a-f]{64}$/);
      expect(sm2PublicKeyOf(p.privateKey)).toBe(p.publicKey);
      const compressed = lib.compressPublicKeyHex(p.publicKey);
      expect(compressed).toMatch(/^0[23][0-9a-f]{64}$/);
      expect(sm2CompressPublicKey(p.publicKey)).toBe(compressed);
      expect(sm2CompressPublicKey(compressed)).toBe(compressed);
      expect(sm2NormalizePublicKey(compressed)).toBe(p.publicKey);
      expect(sm2Verify('m', sm2Sign('m', p), compressed)).toBe(true);
      expect(sm2Decrypt(sm2Encrypt('x', compressed), p.privateKey).toString()).toBe('x');
    }
    expect(sm2IsValidPublicKey(keys.publicKey)).toBe(true);
    expect(sm2IsValidPublicKey(`04${'00'.repeat(64)}`)).toBe(false);
    expect(code(() => sm2PublicKeyOf('00'.repeat(32)))).toBe('INVALID_KEY');
    expect(code(() => sm2PublicKeyOf(ref.hex32(SM2_CURVE.n - 1n)))).toBe('INVALID_KEY');
    // an x with no square root on the curve (about half of all x) is not a compressed key
    const notOnCurve = Array.from({ length: 40 }, (_, i) => `02${ref.hex32(BigInt(i + 1))}`).filter(
      (k) => code(() => sm2NormalizePublicKey(k)) === 'INVALID_KEY',
    );
    expect(notOnCurve.length).toBeGreaterThan(5);
    expect(code(() => sm2Encrypt('x', notOnCurve[0]!))).toBe('INVALID_KEY');
    expect(code(() => sm2Encrypt('x', `05${'11'.repeat(64)}`))).toBe('INVALID_KEY');
    expect(code(() => sm2Encrypt('', keys.publicKey))).toBe('INVALID_INPUT');
  });
});

describe('SM2 properties (fast-check)', () => {
  const pair = sm2GenerateKeyPair();
  it('sign/verify round trip; a flipped message or signature bit fails', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.string({ minLength: 1, maxLength: 20 }), fc.nat(), fc.boolean(), (msg, id, n, der) => {
        const encoding = der ? 'der' : 'raw';
        const sig = sm2Sign(msg, pair, { userId: id, encoding });
        expect(sm2Verify(msg, sig, pair.publicKey, { userId: id, encoding })).toBe(true);
        expect(sm2Verify(flip(msg, n % (msg.length * 8)), sig, pair.publicKey, { userId: id, encoding })).toBe(false);
        expect(sm2Verify(msg, flip(sig, n % (sig.length * 8)), pair.publicKey, { userId: id, encoding })).toBe(false);
      }),
      { numRuns: 30 },
    );
  });

  it('encrypt/decrypt round trip in every encoding; a flipped ciphertext bit is DECRYPT_FAILED', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 100 }), fc.constantFrom('der', 'C1C3C2', 'C1C2C3'), fc.nat(), (msg, form, n) => {
        const opts = form === 'der' ? {} : { encoding: 'raw' as const, order: form as 'C1C3C2' | 'C1C2C3' };
        const ct = sm2Encrypt(msg, pair.publicKey, opts);
        expect(hex(sm2Decrypt(ct, pair.privateKey, opts))).toBe(hex(msg));
        expect(code(() => sm2Decrypt(flip(ct, n % (ct.length * 8)), pair.privateKey, opts))).toBe('DECRYPT_FAILED');
      }),
      { numRuns: 30 },
    );
  });
});

describe('SM2 interoperability with the openssl command-line tool', () => {
  const { f, it2 } = opensslSuite();

  it2('openssl reads our PEM keys and verifies our signature; we verify openssl’s', () => {
    const pair = sm2GenerateKeyPair();
    writeFileSync(f('key.pem'), sm2PrivateKeyToPem(pair.privateKey));
    writeFileSync(f('pub.pem'), sm2PublicKeyToPem(pair.publicKey));
    const text = openssl('pkey', '-in', f('key.pem'), '-noout', '-text').toString();
    expect(text).toMatch(/SM2/);
    expect(text.replace(/[\s:]/g, '')).toContain(pair.privateKey);
    expect(opensslKeyText('-pubin', '-in', f('pub.pem'))).toContain(pair.publicKey);
    writeFileSync(f('msg'), '上海交警');
    writeFileSync(f('our.sig'), sm2Sign('上海交警', pair));
    expect(opensslSm2Verify(f('pub.pem'), f('msg'), f('our.sig'))).toMatch(/Success/);
    opensslSm2Sign(f('key.pem'), f('msg'), f('their.sig'));
    expect(sm2Verify('上海交警', readFileSync(f('their.sig')), pair.publicKey)).toBe(true);
    expect(sm2Verify('上海交警!', readFileSync(f('their.sig')), pair.publicKey)).toBe(false);
  });

  it2('a non-default user ID crosses both ways', () => {
    const pair = sm2GenerateKeyPair();
    writeFileSync(f('k2.pem'), sm2PrivateKeyToPem(pair.privateKey));
    writeFileSync(f('m2'), 'record');
    opensslSm2Sign(f('k2.pem'), f('m2'), f('s2'), 'officer-007');
    expect(sm2Verify('record', readFileSync(f('s2')), pair.publicKey, { userId: 'officer-007' })).toBe(true);
    expect(sm2Verify('record', readFileSync(f('s2')), pair.publicKey)).toBe(false);
  });

  it2('we use keys made by `openssl genpkey -algorithm SM2` (PKCS#8, SEC1, encrypted PKCS#8, compressed SPKI)', () => {
    openssl('genpkey', '-algorithm', 'SM2', '-out', f('o.pem'));
    openssl('pkey', '-in', f('o.pem'), '-pubout', '-out', f('o.pub'));
    const privateKey = sm2PrivateKeyFromPem(readFileSync(f('o.pem'), 'utf8'));
    const publicKey = sm2PublicKeyFromPem(readFileSync(f('o.pub'), 'utf8'));
    expect(sm2PublicKeyOf(privateKey)).toBe(publicKey);
    expect(sm2PrivateKeyToPem(privateKey)).toBe(readFileSync(f('o.pem'), 'utf8'));
    expect(sm2PublicKeyToPem(publicKey)).toBe(readFileSync(f('o.pub'), 'utf8'));
    openssl('ec', '-in', f('o.pem'), '-out', f('o.sec1'));
    expect(sm2PrivateKeyFromPem(readFileSync(f('o.sec1'), 'utf8'))).toBe(privateKey);
    openssl('pkcs8', '-topk8', '-in', f('o.pem'), '-v2', 'sm4-cbc', '-passout', 'pass:口令pw', '-out', f('o.enc'));
    expect(sm2PrivateKeyFromPem(readFileSync(f('o.enc'), 'utf8'), '口令pw')).toBe(privateKey);
    expect(code(() => sm2PrivateKeyFromPem(readFileSync(f('o.enc'), 'utf8'), 'wrong'))).toBe('INVALID_KEY');
    openssl('ec', '-in', f('o.pem'), '-pubout', '-conv_form', 'compressed', '-out', f('o.cpub'));
    expect(sm2PublicKeyFromPem(readFileSync(f('o.cpub'), 'utf8'))).toBe(publicKey);
    // and our encrypted PKCS#8 is read by openssl
    writeFileSync(f('enc.pem'), sm2PrivateKeyToPem(privateKey, { passphrase: 'pw' }));
    expect(openssl('pkey', '-in', f('enc.pem'), '-passin', 'pass:pw').toString()).toBe(readFileSync(f('o.pem'), 'utf8'));
  });

  it2('SM2 encryption crosses in both directions (GM/T 0009 DER)', () => {
    const pair = sm2GenerateKeyPair();
    writeFileSync(f('k.pem'), sm2PrivateKeyToPem(pair.privateKey));
    writeFileSync(f('p.pem'), sm2PublicKeyToPem(pair.publicKey));
    writeFileSync(f('ours.ct'), sm2Encrypt('ours 我们的', pair.publicKey));
    expect(openssl('pkeyutl', '-decrypt', '-inkey', f('k.pem'), '-in', f('ours.ct')).toString()).toBe('ours 我们的');
    writeFileSync(f('plain'), 'theirs');
    openssl('pkeyutl', '-encrypt', '-pubin', '-inkey', f('p.pem'), '-in', f('plain'), '-out', f('theirs.ct'));
    expect(sm2Decrypt(readFileSync(f('theirs.ct')), pair.privateKey).toString()).toBe('theirs');
  });
});
