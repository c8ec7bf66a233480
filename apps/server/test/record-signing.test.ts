import { sm2PublicKeyOf } from '@shtp/gm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from './test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('SM2 keys in the key store', () => {
  it('keeps the private key wrapped and publishes the matching public key', async () => {
    const key = ctx.platform.keys.current('record-sign');
    expect(key.material).toHaveLength(32);
    expect(key.publicKey).toBe(sm2PublicKeyOf(key.material.toString('hex')));
    expect(ctx.platform.keys.publicKeys('record-sign')).toEqual([{ version: 1, publicKey: key.publicKey, status: 'active' }]);
    const listed = (await ctx.platform.keys.list()).find((k) => k.purpose === 'record-sign');
    expect(listed).toMatchObject({ algorithm: 'SM2', publicKey: key.publicKey, rotatable: true });
    expect(JSON.stringify(listed)).not.toContain(key.material.toString('hex'));
  });
});
