import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { openssl, opensslSuite } from '../test-openssl.ts';
import { gm, gmOk } from './test-cli.ts';

describe('gm sm3 / hmac / sm4 against the openssl CLI', () => {
  const { f, it2 } = opensslSuite();

  it2('sm3 of a file and of stdin, and hmac, match openssl dgst', () => {
    const data = randomBytes(5000);
    writeFileSync(f('data'), data);
    const expected = openssl('dgst', '-sm3', '-r', f('data')).toString().split(' ')[0];
    expect(
      gmOk(['sm3', '--in', f('data')])
        .stdout.toString()
        .trim(),
    ).toBe(expected);
    expect(gmOk(['sm3'], data).stdout.toString().trim()).toBe(expected);
    const key = randomBytes(20).toString('hex');
    const mac = openssl('dgst', '-sm3', '-mac', 'HMAC', '-macopt', `hexkey:${key}`, '-r', f('data')).toString().split(' ')[0];
    expect(
      gmOk(['hmac', '--key', key, '--in', f('data')])
        .stdout.toString()
        .trim(),
    ).toBe(mac);
  });

  it2('sm4 cbc is byte-identical to openssl enc in both directions, for lengths around the block size', () => {
    const key = randomBytes(16).toString('hex');
    const iv = randomBytes(16).toString('hex');
    for (const length of [0, 15, 16, 17, 1000]) {
      writeFileSync(f('p'), randomBytes(length));
      gmOk(['sm4', '--enc', '--mode', 'cbc', '--key', key, '--iv', iv, '--in', f('p'), '--out', f('gm.ct')]);
      openssl('enc', '-sm4-cbc', '-K', key, '-iv', iv, '-in', f('p'), '-out', f('ossl.ct'));
      expect(readFileSync(f('gm.ct')).equals(readFileSync(f('ossl.ct')))).toBe(true);
      gmOk(['sm4', '--dec', '--mode', 'cbc', '--key', key, '--iv', iv, '--in', f('ossl.ct'), '--out', f('back')]);
      expect(readFileSync(f('back')).equals(readFileSync(f('p')))).toBe(true);
    }
  });

  it2('sm4 ctr matches openssl enc -sm4-ctr; a wrong CBC key fails the padding check with exit 1', () => {
    const key = randomBytes(16).toString('hex');
    const iv = randomBytes(16).toString('hex');
    writeFileSync(f('p'), randomBytes(777));
    gmOk(['sm4', '--enc', '--mode', 'ctr', '--key', key, '--iv', iv, '--in', f('p'), '--out', f('gm.ctr')]);
    openssl('enc', '-sm4-ctr', '-K', key, '-iv', iv, '-in', f('p'), '-out', f('ossl.ctr'));
    expect(readFileSync(f('gm.ctr')).equals(readFileSync(f('ossl.ctr')))).toBe(true);

    openssl('enc', '-sm4-cbc', '-K', key, '-iv', iv, '-in', f('p'), '-out', f('c'));
    // A wrong key leaves valid padding with probability ~1/256; try keys until one is refused (almost always the first).
    const refused = [1, 2, 3].some((i) => {
      const wrongKey = Buffer.from(key, 'hex').map((b, j) => (j === 0 ? b ^ i : b));
      return gm(['sm4', '--dec', '--mode', 'cbc', '--key', Buffer.from(wrongKey).toString('hex'), '--iv', iv, '--in', f('c'), '--out', f('x')]).status === 1;
    });
    expect(refused).toBe(true);
  });
});
