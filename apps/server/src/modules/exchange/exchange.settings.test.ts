import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ExchangeSettings, peerKey } from './exchange.settings.ts';

describe('peerKey', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shtp-peer-key-'));
  const file = path.join(dir, 'peer.json');
  const settings = { peerKeyFile: file } as ExchangeSettings;
  afterEach(() => rmSync(file, { force: true }));

  it('is null until the file is handed over, then follows every change of the file', () => {
    expect(peerKey(settings)).toBeNull();
    writeFileSync(file, JSON.stringify({ keyId: 'police-exchange:1', publicKey: '04aa' }));
    expect(peerKey(settings)).toEqual({ keyId: 'police-exchange:1', publicKey: '04aa' });
    // A rotated key of another length, and one of the same length: both are read again.
    writeFileSync(file, JSON.stringify({ keyId: 'police-exchange:22', publicKey: '04bb' }));
    expect(peerKey(settings)).toEqual({ keyId: 'police-exchange:22', publicKey: '04bb' });
    writeFileSync(file, JSON.stringify({ keyId: 'police-exchange:23', publicKey: '04cc' }));
    expect(peerKey(settings)).toEqual({ keyId: 'police-exchange:23', publicKey: '04cc' });
  });

  it('is null for a malformed file, and recovers when it is written properly', () => {
    writeFileSync(file, '{"keyId": "police-exchange:1", "publicKey"');
    expect(peerKey(settings)).toBeNull();
    writeFileSync(file, JSON.stringify({ keyId: 'police-exchange:2', publicKey: 42 }));
    expect(peerKey(settings)).toBeNull();
    writeFileSync(file, JSON.stringify({ keyId: 'police-exchange:3', publicKey: '04dd' }));
    expect(peerKey(settings)).toEqual({ keyId: 'police-exchange:3', publicKey: '04dd' });
  });
});
