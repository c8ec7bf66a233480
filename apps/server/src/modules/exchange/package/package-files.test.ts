import { mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sm2GenerateKeyPair } from '@shtp/gm';
import { afterEach, describe, expect, it } from 'vitest';
import { completePackages, removeOlderThan, writePackage } from './package-files.ts';
import { sealPackage } from './package-format.ts';

const keys = sm2GenerateKeyPair();
const seal = () =>
  sealPackage({
    channel: 'vehicles',
    businessType: '测试',
    schemaVersion: 1,
    sequence: 1,
    previousSequence: 0,
    records: [{ key: 'k', version: 1, data: {} }],
    sender: { keyId: 's', privateKey: keys.privateKey },
    recipient: { keyId: 'r', publicKey: keys.publicKey },
  });
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('gap folders', () => {
  it('offer only complete packages old enough, and drop kept copies past the retention', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'shtp-pkg-'));
    const old = seal();
    const fresh = seal();
    await writePackage(dir, old);
    await writePackage(dir, fresh);
    const marker = path.join(dir, `${old.manifest.packageId}.done`);
    const longAgo = new Date(Date.now() - 20 * 86_400_000);
    utimesSync(marker, longAgo, longAgo);
    expect((await completePackages(dir, 60_000)).map((p) => p.packageId)).toEqual([old.manifest.packageId]);
    expect(await removeOlderThan(dir, 14 * 86_400_000)).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(
      [`${fresh.manifest.packageId}.done`, `${fresh.manifest.packageId}.manifest.json`, `${fresh.manifest.packageId}.payload`].sort(),
    );
  });
});
