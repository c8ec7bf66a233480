import { sm2GenerateKeyPair } from '@shtp/gm';
import { describe, expect, it } from 'vitest';
import { openPayload, openPayloadLines, PackageRejected, packageBytes, recordLine, sealPackage, verifyManifest } from './package-format.ts';

const police = sm2GenerateKeyPair();
const internet = sm2GenerateKeyPair();
const records = [
  { key: 'V1', version: 2, data: { plate: '沪A1***5' } },
  { key: 'V2', version: 1, data: { plate: '沪B2***6' } },
];
const seal = () =>
  sealPackage({
    channel: 'vehicles',
    businessType: '非机动车',
    schemaVersion: 1,
    sequence: 3,
    previousSequence: 2,
    records,
    sender: { keyId: 'police', privateKey: police.privateKey },
    recipient: { keyId: 'internet', publicKey: internet.publicKey },
  });

describe('exchange package', () => {
  it('opens what it sealed, for the recipient only', () => {
    const p = seal();
    const manifest = verifyManifest(p.manifestFile, police.publicKey, 'internet');
    expect(manifest).toMatchObject({ sequence: 3, previousSequence: 2, recordCount: 2 });
    expect(openPayload(manifest, p.payload, internet.privateKey)).toEqual(records);
    expect(p.payload.toString('utf8')).not.toContain('沪A1');
    expect(() => openPayload(manifest, p.payload, police.privateKey)).toThrow(PackageRejected);
    expect(() => verifyManifest(p.manifestFile, police.publicKey, 'police')).toThrow(/接收方不符/);
  });

  it('seals lines written from JSON text (as PostgreSQL prints jsonb) to the same records', () => {
    // jsonb::text spaces its JSON (never a raw newline); the key needs escaping.
    const tricky = [...records, { key: 'V"3\\', version: 7, data: { name: '欧**', nested: { list: [1, 'a"b'] }, none: null } }];
    const lines = tricky.map((r) => recordLine(r.key, r.version, JSON.stringify(r.data, null, 1).replace(/\n\s*/g, ' ')));
    const p = sealPackage({
      channel: 'vehicles',
      businessType: '非机动车',
      schemaVersion: 1,
      sequence: 1,
      previousSequence: 0,
      lines,
      sender: { keyId: 'police', privateKey: police.privateKey },
      recipient: { keyId: 'internet', publicKey: internet.publicKey },
    });
    const manifest = verifyManifest(p.manifestFile, police.publicKey, 'internet');
    expect(manifest.recordCount).toBe(3);
    expect(openPayload(manifest, p.payload, internet.privateKey)).toEqual(tricky);
  });

  it('refuses a changed manifest, a changed payload and a foreign signer', () => {
    const p = seal();
    const changed = p.manifestFile.replace('"sequence":3', '"sequence":4').replace('"previousSequence":2', '"previousSequence":3');
    expect(() => verifyManifest(changed, police.publicKey, 'internet')).toThrow(/签名/);
    expect(() => verifyManifest(p.manifestFile, internet.publicKey, 'internet')).toThrow(/签名/);
    const payload = Buffer.from(p.payload);
    payload[payload.length - 1] = (payload[payload.length - 1] as number) ^ 1;
    const manifest = verifyManifest(p.manifestFile, police.publicKey, 'internet');
    expect(() => openPayload(manifest, payload, internet.privateKey)).toThrow(/SM3/);
    expect(() => openPayload(manifest, p.payload.subarray(1), internet.privateKey)).toThrow(/大小不符/);
  });

  describe('format 2: attachments', () => {
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from('车辆照片 JPEG 内容')]);
    const invoice = Buffer.from([0x89, 0x50, 0x4e, 0x47, ...Buffer.from('发票 PNG 内容')]);
    const sealWith = () =>
      sealPackage({
        channel: 'registrations',
        businessType: '非机动车网上预登记',
        schemaVersion: 1,
        sequence: 1,
        previousSequence: 0,
        records,
        attachments: [
          { content: photo, mime: 'image/jpeg' },
          { content: invoice, mime: 'image/png' },
          { content: photo, mime: 'image/jpeg' },
        ],
        sender: { keyId: 'internet', privateKey: internet.privateKey },
        recipient: { keyId: 'police', publicKey: police.publicKey },
      });

    it('carries each content once, encrypted, named in the signed manifest by both digests', () => {
      const p = sealWith();
      const manifest = verifyManifest(p.manifestFile, internet.publicKey, 'police');
      expect(manifest.formatVersion).toBe(2);
      if (manifest.formatVersion !== 2) return;
      expect(manifest.attachments.map((a) => [a.name, a.contentBytes, a.mime])).toEqual([
        [`${manifest.packageId}.att1`, photo.length, 'image/jpeg'],
        [`${manifest.packageId}.att2`, invoice.length, 'image/png'],
      ]);
      expect(p.attachments.map((a) => a.name)).toEqual(manifest.attachments.map((a) => a.name));
      expect(p.attachments[0]?.data.includes(Buffer.from('车辆照片'))).toBe(false);
      // The size limit per package counts the payload and every attachment file.
      expect(packageBytes(manifest)).toBe(p.payload.length + p.attachments.reduce((n, a) => n + a.data.length, 0));
      const opened = openPayloadLines(
        manifest,
        p.payload,
        police.privateKey,
        p.attachments.map((a) => a.data),
      );
      expect(opened.records).toEqual(records);
      expect(opened.attachments.map((a) => [a.content, a.mime, a.sm3])).toEqual([
        [photo, 'image/jpeg', manifest.attachments[0]?.contentSm3],
        [invoice, 'image/png', manifest.attachments[1]?.contentSm3],
      ]);
    });

    it('refuses a tampered, swapped or missing attachment, and a manifest whose attachment entry was changed', () => {
      const p = sealWith();
      const manifest = verifyManifest(p.manifestFile, internet.publicKey, 'police');
      const [first, second] = p.attachments.map((a) => a.data) as [Buffer, Buffer];
      const flipped = Buffer.from(first);
      flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 1;
      expect(() => openPayloadLines(manifest, p.payload, police.privateKey, [flipped, second])).toThrow(/附件 .*\.att1 SM3 摘要不符/);
      expect(() => openPayloadLines(manifest, p.payload, police.privateKey, [second, first])).toThrow(/附件 .*\.att1 大小不符/);
      expect(() => openPayloadLines(manifest, p.payload, police.privateKey, [first, null])).toThrow(/附件 .*\.att2 缺失/);
      const entry = manifest.formatVersion === 2 ? manifest.attachments[0] : undefined;
      const forged = p.manifestFile.replace(`"sm3":"${entry?.sm3}"`, `"sm3":"${'0'.repeat(64)}"`);
      expect(forged).not.toBe(p.manifestFile);
      expect(() => verifyManifest(forged, internet.publicKey, 'police')).toThrow(/签名/);
    });

    it('still seals and opens format 1 when a package has no attachments', () => {
      const p = seal();
      expect(p.attachments).toEqual([]);
      expect(JSON.parse(p.manifestFile).manifest).not.toHaveProperty('attachments');
      const manifest = verifyManifest(p.manifestFile, police.publicKey, 'internet');
      expect(manifest.formatVersion).toBe(1);
      expect(openPayloadLines(manifest, p.payload, internet.privateKey).attachments).toEqual([]);
    });
  });
});
