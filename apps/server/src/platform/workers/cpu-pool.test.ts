import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { aeadOpen, sm2GenerateKeyPair, sm2Verify } from '@shtp/gm';
import { afterAll, describe, expect, it } from 'vitest';
import { blindIndexOf, openField, sealField } from '../keys/field-seal.ts';
import { CpuPool } from './cpu-pool.ts';

const pool = new CpuPool(1);
afterAll(() => pool.close());

describe('CpuPool', () => {
  it('signs on a worker thread: the signatures verify with the public key and the signer ID', async () => {
    const pair = sm2GenerateKeyPair();
    const messages = ['第一条', 'second'];
    const signatures = await pool.run('sm2-sign', { ...pair, userId: 'shtp-test', messages });
    expect(signatures).toHaveLength(2);
    for (const [i, m] of messages.entries()) expect(sm2Verify(m, Buffer.from(signatures[i]!, 'base64'), pair.publicKey, { userId: 'shtp-test' })).toBe(true);
    expect(sm2Verify('changed', Buffer.from(signatures[0]!, 'base64'), pair.publicKey, { userId: 'shtp-test' })).toBe(false);
  });

  it('seals and blind-indexes personal fields on a worker thread, in the stored form of FieldCrypto', async () => {
    const encKey = randomBytes(16);
    const indexKey = randomBytes(32);
    const [sealed, index] = await pool.run('field-protect', {
      encKey,
      encVersion: 3,
      indexKey,
      jobs: [
        { seal: '张三', context: 'nm_vehicles.owner_name_enc' },
        { index: ' 13812345678 ', kind: 'phone' },
      ],
    });
    expect(sealed).toMatch(/^f1\.3\./);
    const body = Buffer.from(sealed!.split('.')[2]!, 'base64');
    expect(aeadOpen(encKey, body, Buffer.from('nm_vehicles.owner_name_enc')).toString('utf8')).toBe('张三');
    expect(() => aeadOpen(encKey, body, Buffer.from('nm_vehicles.owner_address_enc'))).toThrow(); // bound to its column
    expect(index).toBe(blindIndexOf(indexKey, '13812345678', 'phone'));
  });

  it('moves stored fields to a new key version on a worker thread, each opened with its own version', async () => {
    const [v1, v2, v3] = [randomBytes(16), randomBytes(16), randomBytes(16)];
    const context = 'people.id_number';
    const values = [sealField(v1, 1, '甲', context), sealField(v2, 2, '乙', context)];
    const moved = await pool.run('field-reseal', { oldKeys: { 1: v1, 2: v2 }, newKey: v3, newVersion: 3, values, context });
    expect(moved.map((m) => m.slice(0, 5))).toEqual(['f1.3.', 'f1.3.']);
    expect(moved.map((m) => openField(v3, m, context))).toEqual(['甲', '乙']);
    await expect(pool.run('field-reseal', { oldKeys: { 1: v1 }, newKey: v3, newVersion: 3, values, context })).rejects.toThrow();
  });

  it('keeps the event loop free while a task computes', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const took = await pool.run('spin', { ms: 400 });
    delay.disable();
    expect(took).toBeGreaterThanOrEqual(400);
    // A 400 ms computation on this thread would show as a ≥ 400 ms delay.
    expect(delay.max / 1e6).toBeLessThan(300);
  });

  it('rejects with the task’s error and keeps working afterwards', async () => {
    await expect(pool.run('sm2-sign', { privateKey: 'zz', publicKey: 'zz', userId: 'x', messages: ['a'] })).rejects.toThrow();
    expect(await pool.run('spin', { ms: 1 })).toBeGreaterThanOrEqual(1);
  });
});
