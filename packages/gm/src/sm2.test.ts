import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import vectors from '../test-vectors/gm-test-vectors.json' with { type: 'json' };
import { sm2Decrypt, sm2Encrypt, sm2GenerateKeyPair, sm2PublicKeyOf, sm2Sign, sm2Verify } from './sm2.ts';
import { sm2PrivateKeyFromPem, sm2PrivateKeyToPem, sm2PublicKeyFromPem, sm2PublicKeyToPem } from './sm2-keys.ts';

const sign = vectors.vectors.sm2_sign_sm2p256v1;
const enc = vectors.vectors.sm2_encrypt_sm2p256v1;
const keys = { privateKey: sign.private_key, publicKey: sign.public_key };

describe('SM2 against the GB/T 32918.5 vectors', () => {
  it('derives the public key and verifies the standard signature (raw r||s, default ID)', () => {
    expect(sm2PublicKeyOf(sign.private_key)).toBe(sign.public_key);
    const raw = Buffer.from(sign.r + sign.s, 'hex');
    expect(sm2Verify(sign.message_ascii, raw, sign.public_key, { encoding: 'raw', userId: sign.user_id })).toBe(true);
    expect(sm2Verify('message digesT', raw, sign.public_key, { encoding: 'raw' })).toBe(false);
  });

  it('decrypts the standard ciphertext in both orders', () => {
    expect(sm2Decrypt(Buffer.from(enc.C1C3C2_hex, 'hex'), enc.private_key, { encoding: 'raw' }).toString()).toBe(enc.message_ascii);
    expect(sm2Decrypt(Buffer.from(enc.C1C2C3_hex, 'hex'), enc.private_key, { encoding: 'raw', order: 'C1C2C3' }).toString()).toBe(enc.message_ascii);
  });
});

describe('SM2 pitfalls are closed', () => {
  it('signs with Z_A: our signature verifies with the right ID only', () => {
    const sig = sm2Sign('数据', keys);
    expect(sm2Verify('数据', sig, keys.publicKey)).toBe(true);
    expect(sm2Verify('数据', sig, keys.publicKey, { userId: 'other-id' })).toBe(false);
  });

  it('a malformed signature or key is false, not an exception; any flipped bit fails', () => {
    const sig = sm2Sign('m', keys);
    expect(sm2Verify('m', Buffer.from('zz'), keys.publicKey)).toBe(false);
    expect(sm2Verify('m', sig, `04${'00'.repeat(64)}`)).toBe(false);
    expect(sm2Verify('m', Buffer.alloc(64), keys.publicKey, { encoding: 'raw' })).toBe(false);
    for (let i = 0; i < sig.length * 8; i++) {
      const t = Buffer.from(sig);
      t[i >> 3]! ^= 1 << (i & 7);
      expect(sm2Verify('m', t, keys.publicKey)).toBe(false);
    }
  });

  it('a wrong key or an altered ciphertext throws instead of returning empty', () => {
    const ct = sm2Encrypt(Buffer.from('secret'), keys.publicKey);
    expect(sm2Decrypt(ct, keys.privateKey).toString()).toBe('secret');
    expect(() => sm2Decrypt(ct, sm2GenerateKeyPair().privateKey)).toThrow(/decryption failed/);
    const t = Buffer.from(ct);
    t[t.length - 1]! ^= 1;
    expect(() => sm2Decrypt(t, keys.privateKey)).toThrow(/decryption failed/);
  });
});

describe('interoperability with the openssl command-line tool', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gm-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const f = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let available = true;
  try {
    openssl('version');
  } catch {
    available = false;
    if (process.env.CI === 'true') throw new Error('openssl is required for the interop tests in CI');
    console.warn('openssl not found: interop tests skipped');
  }
  const it2 = available ? it : it.skip;

  it2('openssl reads our PEM keys and verifies our signature; we verify openssl’s', () => {
    const pair = sm2GenerateKeyPair();
    writeFileSync(f('key.pem'), sm2PrivateKeyToPem(pair.privateKey));
    writeFileSync(f('pub.pem'), sm2PublicKeyToPem(pair.publicKey));
    expect(openssl('pkey', '-in', f('key.pem'), '-noout', '-text').toString()).toMatch(/SM2|Private-Key/);
    writeFileSync(f('msg'), '上海交警');
    writeFileSync(f('our.sig'), sm2Sign('上海交警', pair));
    const verified = openssl(
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      f('pub.pem'),
      '-rawin',
      '-digest',
      'sm3',
      '-pkeyopt',
      'distid:1234567812345678',
      '-in',
      f('msg'),
      '-sigfile',
      f('our.sig'),
    ).toString();
    expect(verified).toMatch(/Success/);
    openssl(
      'pkeyutl',
      '-sign',
      '-inkey',
      f('key.pem'),
      '-rawin',
      '-digest',
      'sm3',
      '-pkeyopt',
      'distid:1234567812345678',
      '-in',
      f('msg'),
      '-out',
      f('their.sig'),
    );
    expect(sm2Verify('上海交警', readFileSync(f('their.sig')), pair.publicKey)).toBe(true);
  });

  it2('we use keys made by openssl', () => {
    openssl('genpkey', '-algorithm', 'SM2', '-out', f('o.pem'));
    openssl('pkey', '-in', f('o.pem'), '-pubout', '-out', f('o.pub'));
    const privateKey = sm2PrivateKeyFromPem(readFileSync(f('o.pem'), 'utf8'));
    const publicKey = sm2PublicKeyFromPem(readFileSync(f('o.pub'), 'utf8'));
    expect(sm2PublicKeyOf(privateKey)).toBe(publicKey);
  });

  it2('SM2 encryption crosses in both directions (GM/T 0009 DER)', () => {
    const pair = sm2GenerateKeyPair();
    writeFileSync(f('k.pem'), sm2PrivateKeyToPem(pair.privateKey));
    writeFileSync(f('p.pem'), sm2PublicKeyToPem(pair.publicKey));
    writeFileSync(f('ours.ct'), sm2Encrypt(Buffer.from('ours'), pair.publicKey));
    expect(openssl('pkeyutl', '-decrypt', '-inkey', f('k.pem'), '-in', f('ours.ct')).toString()).toBe('ours');
    writeFileSync(f('plain'), 'theirs');
    openssl('pkeyutl', '-encrypt', '-pubin', '-inkey', f('p.pem'), '-in', f('plain'), '-out', f('theirs.ct'));
    expect(sm2Decrypt(readFileSync(f('theirs.ct')), pair.privateKey).toString()).toBe('theirs');
  });
});
