import { openEnvelope as gmOpen, sealEnvelope as gmSeal, MemoryReplayCache, sm2GenerateKeyPair } from '@shtp/gm';
import { describe, expect, it } from 'vitest';
import { generateDeviceKey, openEnvelope, sealEnvelope } from './envelope.ts';

describe('browser envelope ⇄ @shtp/gm', () => {
  const device = generateDeviceKey();
  const server = sm2GenerateKeyPair();
  const keys = { deviceCode: 'PDA-01', ...device, serverKeyId: 'transport:1', serverPublicKey: server.publicKey };

  it('seals what the server opens', async () => {
    const payload = JSON.stringify({ plate: '沪A12345', 备注: '中文'.repeat(40) });
    const e = sealEnvelope(payload, keys);
    const opened = await gmOpen(JSON.stringify(e), {
      recipientPrivateKey: server.privateKey,
      recipientKeyId: 'transport:1',
      senderPublicKey: (id) => (id === 'PDA-01' ? device.publicKey : undefined),
      replayCache: new MemoryReplayCache(),
    });
    expect(opened.payload.toString('utf8')).toBe(payload);
  });

  it('opens what the server seals, and refuses a tampered reply', () => {
    const reply = gmSeal('{"ok":true}', {
      recipientPublicKey: device.publicKey,
      recipientKeyId: 'PDA-01',
      senderPrivateKey: server.privateKey,
      senderKeyId: 'transport:1',
    });
    expect(openEnvelope(JSON.stringify(reply), keys)).toBe('{"ok":true}');
    const ct = Buffer.from(reply.ct, 'base64');
    ct[20]! ^= 1;
    expect(() => openEnvelope(JSON.stringify({ ...reply, ct: ct.toString('base64') }), keys)).toThrow();
  });
});
