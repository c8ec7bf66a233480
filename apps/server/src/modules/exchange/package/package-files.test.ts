import { mkdtempSync, readdirSync, rmSync, unlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sm2GenerateKeyPair } from '@shtp/gm';
import { afterEach, describe, expect, it } from 'vitest';
import { completePackages, copyPackage, movePackage, removeOlderThan, writePackage } from './package-files.ts';
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

  it('write, copy and move the attachment files of a format 2 package with it, and read them by their manifest names only', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'shtp-pkg-'));
    const p = sealPackage({
      channel: 'registrations',
      businessType: '测试',
      schemaVersion: 1,
      sequence: 1,
      previousSequence: 0,
      records: [{ key: 'k', version: 1, data: {} }],
      attachments: [
        { content: Buffer.from('a'), mime: 'image/jpeg' },
        { content: Buffer.from('b'), mime: 'image/png' },
      ],
      sender: { keyId: 's', privateKey: keys.privateKey },
      recipient: { keyId: 'r', publicKey: keys.publicKey },
    });
    const id = p.manifest.packageId;
    const all = [`${id}.att1`, `${id}.att2`, `${id}.done`, `${id}.manifest.json`, `${id}.payload`];
    await writePackage(path.join(dir, 'sent'), p);
    await copyPackage(path.join(dir, 'sent'), path.join(dir, 'gap'), id);
    expect(readdirSync(path.join(dir, 'gap')).sort()).toEqual(all);
    const [found] = await completePackages(path.join(dir, 'gap'), 0, Date.now() + 1000);
    expect(await found?.readFile(`${id}.att2`)).toEqual(p.attachments[1]?.data);
    expect(await found?.readFile('../sent/x')).toBeNull();
    unlinkSync(path.join(dir, 'gap', `${id}.att1`));
    expect(await found?.readFile(`${id}.att1`)).toBeNull();
    await movePackage(path.join(dir, 'gap'), path.join(dir, 'quarantine'), id);
    expect(readdirSync(path.join(dir, 'gap'))).toEqual([]);
    expect(readdirSync(path.join(dir, 'quarantine')).sort()).toEqual(all.filter((n) => !n.endsWith('.att1')));
  });
});
