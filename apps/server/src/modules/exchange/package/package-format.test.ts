import { sm2GenerateKeyPair } from '@shtp/gm';
import { describe, expect, it } from 'vitest';
import { openPayload, PackageRejected, recordLine, sealPackage, verifyManifest } from './package-format.ts';

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
});
