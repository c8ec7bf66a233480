import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor } from '../../src/platform/audit/actor.ts';
import { authParams } from '../../src/platform/auth/auth.params.ts';
import { paramsRepository } from '../../src/platform/params/params.repository.ts';
import { ParamsService } from '../../src/platform/params/params.service.ts';
import { createTestApp, type TestContext } from '../test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('parameter cache (N1: no per-request parameter reads)', () => {
  it('requests that find the cache empty share one read; a change here is seen at once', async () => {
    const params = new ParamsService(ctx.database.db, ctx.platform.integrity);
    const p = authParams(1000);
    params.register(p.idleMinutes);
    const reads = vi.spyOn(paramsRepository, 'all');
    try {
      const values = await Promise.all(Array.from({ length: 20 }, () => params.get(p.idleMinutes)));
      expect(new Set(values).size).toBe(1);
      expect(reads).toHaveBeenCalledTimes(1);

      await params.update(p.idleMinutes.key, 7, systemActor(null, 'params-cache'), new Set(['system:param:update-security']));
      expect(await params.get(p.idleMinutes)).toBe(7);
      expect(reads).toHaveBeenCalledTimes(2);
    } finally {
      reads.mockRestore();
    }
  });
});
