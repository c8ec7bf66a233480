import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sm2GenerateKeyPair, sm2Verify } from '@shtp/gm';
import { afterAll, describe, expect, it } from 'vitest';
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
