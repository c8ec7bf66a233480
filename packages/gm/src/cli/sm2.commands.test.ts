import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { sm2PrivateKeyFromPem, sm2PublicKeyFromPem } from '../keys.ts';
import { sm2PublicKeyOf } from '../sm2.ts';
import { openssl, opensslKeyText, opensslSm2Sign, opensslSm2Verify, opensslSuite } from '../test-openssl.ts';
import { gm, gmOk } from './test-cli.ts';

describe('gm keygen / sign / verify / encrypt / decrypt against the openssl CLI', () => {
  const { f, it2 } = opensslSuite();
  const message = '沪A·12345 电动自行车登记 — release 1';

  it2('keygen writes a PKCS#8 key (mode 600) and an SPKI key that openssl pkey reads, and never prints the key', () => {
    const run = gmOk(['keygen', '--out', f('key.pem'), '--pub', f('pub.pem')]);
    const privateKey = sm2PrivateKeyFromPem(readFileSync(f('key.pem'), 'utf8'));
    expect(statSync(f('key.pem')).mode & 0o777).toBe(0o600);
    expect(`${run.stdout}${run.stderr}`).not.toContain(privateKey);
    expect(opensslKeyText('-in', f('key.pem'))).toContain(privateKey);
    expect(opensslKeyText('-pubin', '-in', f('pub.pem'))).toContain(sm2PublicKeyOf(privateKey));
    expect(sm2PublicKeyFromPem(readFileSync(f('pub.pem'), 'utf8'))).toBe(sm2PublicKeyOf(privateKey));
    // An existing key is not overwritten by mistake.
    expect(gm(['keygen', '--out', f('key.pem')]).status).toBe(2);
    expect(sm2PrivateKeyFromPem(readFileSync(f('key.pem'), 'utf8'))).toBe(privateKey);
  });

  it2('gm sign → openssl verify, openssl sign → gm verify, with a custom distid; a tampered file exits 1', () => {
    writeFileSync(f('msg'), message);
    gmOk(['sign', '--key', f('key.pem'), '--in', f('msg'), '--out', f('gm.sig'), '--id', 'officer-007']);
    expect(opensslSm2Verify(f('pub.pem'), f('msg'), f('gm.sig'), 'officer-007')).toMatch(/Success/);

    opensslSm2Sign(f('key.pem'), f('msg'), f('ossl.sig'), 'officer-007');
    expect(gm(['verify', '--pub', f('pub.pem'), '--in', f('msg'), '--sig', f('ossl.sig'), '--id', 'officer-007']).status).toBe(0);
    // Wrong ID, tampered message, tampered signature: all exit 1.
    expect(gm(['verify', '--pub', f('pub.pem'), '--in', f('msg'), '--sig', f('ossl.sig')]).status).toBe(1);
    writeFileSync(f('msg2'), `${message}.`);
    const tampered = gm(['verify', '--pub', f('pub.pem'), '--in', f('msg2'), '--sig', f('ossl.sig'), '--id', 'officer-007']);
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toContain('签名无效');
    const sig = readFileSync(f('gm.sig'));
    sig[sig.length - 1]! ^= 0x01;
    writeFileSync(f('bad.sig'), sig);
    expect(gm(['verify', '--pub', f('pub.pem'), '--in', f('msg'), '--sig', f('bad.sig'), '--id', 'officer-007']).status).toBe(1);
  });

  it2('default distid is 1234567812345678, as openssl’s', () => {
    gmOk(['sign', '--key', f('key.pem'), '--in', f('msg'), '--out', f('default.sig')]);
    expect(opensslSm2Verify(f('pub.pem'), f('msg'), f('default.sig'), '1234567812345678')).toMatch(/Success/);
  });

  it2('gm encrypt → openssl decrypt and openssl encrypt → gm decrypt; a wrong key fails with exit 1', () => {
    writeFileSync(f('plain'), message);
    gmOk(['encrypt', '--pub', f('pub.pem'), '--in', f('plain'), '--out', f('gm.ct')]);
    expect(openssl('pkeyutl', '-decrypt', '-inkey', f('key.pem'), '-in', f('gm.ct')).toString()).toBe(message);
    openssl('pkeyutl', '-encrypt', '-pubin', '-inkey', f('pub.pem'), '-in', f('plain'), '-out', f('ossl.ct'));
    gmOk(['decrypt', '--key', f('key.pem'), '--in', f('ossl.ct'), '--out', f('back')]);
    expect(readFileSync(f('back'), 'utf8')).toBe(message);

    openssl('genpkey', '-algorithm', 'SM2', '-out', f('other.pem'));
    const wrong = gm(['decrypt', '--key', f('other.pem'), '--in', f('ossl.ct'), '--out', f('never')]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('解密失败');
  });
});
