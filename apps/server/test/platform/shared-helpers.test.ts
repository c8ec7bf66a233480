import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AppModule, defineModule } from '../../src/modules/app-module.ts';
import { MODULES } from '../../src/modules/modules.ts';
import { systemActor } from '../../src/platform/audit/actor.ts';
import { auditedCall } from '../../src/platform/audit/audited-call.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { badRequest } from '../../src/platform/http/errors.ts';
import { idempotencyRepository } from '../../src/platform/http/idempotency.repository.ts';
import { installIdempotency } from '../../src/platform/http/idempotency.ts';
import { createTestApp, loginFresh, type Session, type TestContext } from '../test-app.ts';

/**
 * The platform's shared helpers that modules build on (issue 12, item 7): the Idempotency-Key of routes that declare
 * `config.idempotent`, the audited call, the system actor. The multipart reader has its own test beside it
 * (src/platform/http/multipart.test.ts).
 */

let runs = 0;
/** Handlers wait for these, first come first served: a test holds a request while a duplicate arrives. */
const gates: Promise<void>[] = [];
const Order = z.strictObject({ item: z.string(), qty: z.number().int() });

const orders = defineModule({
  name: 'orders-test',
  zones: ['police'],
  async routes(fastify) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.post(
      '/api/orders-test/orders',
      {
        config: { access: 'session', idempotent: true },
        schema: { body: Order, response: { 200: z.object({ run: z.number(), item: z.string() }) } },
      },
      async (r) => {
        const run = ++runs;
        await gates.shift();
        if (r.body.qty < 0) throw badRequest('VALIDATION_FAILED', '数量不能为负', [{ field: 'qty', message: '数量不能为负' }]);
        return { run, item: r.body.item };
      },
    );
    app.post(
      '/api/orders-test/orders/:id/cancel',
      { config: { access: 'session', idempotent: true }, schema: { params: z.object({ id: z.coerce.number() }), response: { 204: z.null() } } },
      async (_r, reply) => {
        runs++;
        return reply.status(204).send(null);
      },
    );
  },
});

let ctx: TestContext;
let alice: Session;
let bob: Session;
beforeAll(async () => {
  ctx = await createTestApp({ modules: [...MODULES, orders as AppModule<unknown, unknown>] });
  alice = await loginFresh(ctx);
  bob = await loginFresh(ctx);
});
afterAll(async () => {
  await ctx?.close();
});

const order = (s: Session, body: unknown, key?: string) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/orders-test/orders',
    headers: { ...s.headers, ...(key ? { 'idempotency-key': key } : {}) },
    payload: body as object,
  });
const stored = (key: string) =>
  queryRows<{ owner: string; state: string; response_enc: string | null; digest: string }>(
    ctx.database.db,
    sql`select owner, state, response_enc, digest from idempotency_keys where key = ${key}`,
  );

describe('Idempotency-Key on a route that declares config.idempotent', () => {
  it('without the header the route runs every time', async () => {
    const before = runs;
    expect((await order(alice, { item: 'a', qty: 1 })).statusCode).toBe(200);
    expect((await order(alice, { item: 'a', qty: 1 })).statusCode).toBe(200);
    expect(runs).toBe(before + 2);
  });

  it('a retry gets the first answer again without running, marked as replayed', async () => {
    const first = await order(alice, { item: '螺丝', qty: 2 }, 'order-key-0001');
    expect(first.statusCode).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const afterFirst = runs;
    const again = await order(alice, { qty: 2, item: '螺丝' }, 'order-key-0001');
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.body).toBe(first.body);
    expect(runs).toBe(afterFirst);
  });

  it('keeps the answer SM4-encrypted and the request only as a keyed digest', async () => {
    await order(alice, { item: '身份证号码110105199001011234', qty: 1 }, 'order-key-0002');
    const [row] = await stored('order-key-0002');
    expect(row).toMatchObject({ state: 'done', response_enc: expect.stringMatching(/^f1\.\d+\./) });
    expect(JSON.stringify(row)).not.toContain('110105199001011234');
    expect(row!.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses the same key on a different body or route with 422 and a Chinese message', async () => {
    await order(alice, { item: 'b', qty: 1 }, 'order-key-0003');
    const before = runs;
    const other = await order(alice, { item: 'b', qty: 2 }, 'order-key-0003');
    expect(other.statusCode).toBe(422);
    expect(other.json()).toEqual({
      code: 'IDEMPOTENCY_KEY_REUSED',
      message: '该 Idempotency-Key 已用于另一笔内容不同的请求；新的请求请使用新的 Idempotency-Key',
      details: [{ field: 'Idempotency-Key', message: '与首次使用该键的请求内容不同' }],
    });
    const route = await ctx.app.inject({
      method: 'POST',
      url: '/api/orders-test/orders/7/cancel',
      headers: { ...alice.headers, 'idempotency-key': 'order-key-0003' },
    });
    expect(route.statusCode).toBe(422);
    expect(runs).toBe(before);
  });

  it('refuses a malformed key with 400 before running', async () => {
    const before = runs;
    for (const key of ['short', 'has space in it', 'x'.repeat(101), 'semi;colon:key']) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/orders-test/orders',
        headers: { ...alice.headers, 'idempotency-key': key },
        payload: { item: 'c', qty: 1 },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_INVALID', details: [{ field: 'Idempotency-Key' }] });
    }
    expect(runs).toBe(before);
  });

  it('keeps keys per caller: another user with the same key gets an answer of its own', async () => {
    const a = await order(alice, { item: 'd', qty: 1 }, 'shared-key-0001');
    const b = await order(bob, { item: 'e', qty: 1 }, 'shared-key-0001');
    expect(b.statusCode).toBe(200);
    expect(b.json().item).toBe('e');
    expect(b.json().run).not.toBe(a.json().run);
    expect((await stored('shared-key-0001')).map((r) => r.owner).sort()).toHaveLength(2);
  });

  it('serializes concurrent duplicates: the second waits for the first and gets its answer', async () => {
    let open!: () => void;
    gates.push(new Promise<void>((resolve) => (open = resolve)));
    const before = runs;
    const first = order(alice, { item: 'f', qty: 1 }, 'order-key-0004');
    // The first holds the key (pending) before the duplicate is sent.
    await expect.poll(async () => (await stored('order-key-0004'))[0]?.state, { timeout: 30_000 }).toBe('pending');
    const second = order(alice, { item: 'f', qty: 1 }, 'order-key-0004');
    await new Promise((r) => setTimeout(r, 300));
    expect(runs).toBe(before + 1);
    open();
    const [a, b] = await Promise.all([first, second]);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(b.body).toBe(a.body);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(runs).toBe(before + 1);
  });

  it('gives the key back when the route fails: nothing was done, a retry runs again', async () => {
    const before = runs;
    const failed = await order(alice, { item: 'g', qty: -1 }, 'order-key-0005');
    expect(failed.statusCode).toBe(400);
    expect(await stored('order-key-0005')).toEqual([]);
    const retried = await order(alice, { item: 'g', qty: -1 }, 'order-key-0005');
    expect(retried.json().code).toBe('VALIDATION_FAILED');
    expect(runs).toBe(before + 2);
  });

  it('replays an answer without a body (204)', async () => {
    const call = () =>
      ctx.app.inject({ method: 'POST', url: '/api/orders-test/orders/9/cancel', headers: { ...alice.headers, 'idempotency-key': 'cancel-key-0001' } });
    const before = runs;
    expect((await call()).statusCode).toBe(204);
    const again = await call();
    expect(again.statusCode).toBe(204);
    expect(again.body).toBe('');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(runs).toBe(before + 1);
  });

  it('lets a retry take over a key whose holder ran out of time; the late answer does not overwrite it', async () => {
    let open!: () => void;
    gates.push(new Promise<void>((resolve) => (open = resolve)));
    const before = runs;
    const stuck = order(alice, { item: 'h', qty: 1 }, 'order-key-0006');
    await expect.poll(async () => (await stored('order-key-0006'))[0]?.state, { timeout: 30_000 }).toBe('pending');
    await ctx.database.db.execute(sql`update idempotency_keys set lease_until = now() - interval '1 second' where key = 'order-key-0006'`);
    const retry = await order(alice, { item: 'h', qty: 1 }, 'order-key-0006');
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    open();
    expect((await stuck).statusCode).toBe(200);
    expect(runs).toBe(before + 2);
    const replayed = await order(alice, { item: 'h', qty: 1 }, 'order-key-0006');
    expect(replayed.body).toBe(retry.body);
  });

  it('forgets a key after its retention: it may be used again, and the purge removes it', async () => {
    await order(alice, { item: 'i', qty: 1 }, 'order-key-0007');
    await ctx.database.db.execute(sql`update idempotency_keys set expires_at = now() - interval '1 second' where key = 'order-key-0007'`);
    const reused = await order(alice, { item: 'j', qty: 1 }, 'order-key-0007');
    expect(reused.statusCode).toBe(200);
    expect(reused.json().item).toBe('j');
    await ctx.database.db.execute(sql`update idempotency_keys set expires_at = now() - interval '1 second' where key = 'order-key-0007'`);
    expect(await idempotencyRepository.purgeExpired(ctx.database.db)).toBeGreaterThanOrEqual(1);
    expect(await stored('order-key-0007')).toEqual([]);
  });

  it('refuses to declare a key on a route that cannot use one', async () => {
    const declare = async (route: { method: 'GET' | 'POST'; access: 'public' | 'session'; consumes?: string[] }) => {
      const app = Fastify();
      installIdempotency(app, ctx.platform);
      app.route({
        method: route.method,
        url: '/x',
        config: { access: route.access, idempotent: true },
        schema: route.consumes ? { consumes: route.consumes } : {},
        handler: async () => ({}),
      });
      await app.ready();
      await app.close();
    };
    await expect(declare({ method: 'GET', access: 'session' })).rejects.toThrow(/changes state/);
    await expect(declare({ method: 'POST', access: 'public' })).rejects.toThrow(/per caller/);
    await expect(declare({ method: 'POST', access: 'session', consumes: ['multipart/form-data'] })).rejects.toThrow(/uploads/);
    await expect(declare({ method: 'POST', access: 'session' })).resolves.toBeUndefined();
  });
});

describe('auditedCall and the system actor', () => {
  const rows = (action: string) =>
    queryRows<{ result: string; reason: string | null; username: string; user_agent: string | null; target_id: string; details: Record<string, unknown> }>(
      ctx.database.db,
      sql`select result, reason, username, user_agent, target_id, details from audit_log where action = ${action} order by id`,
    );

  it('writes one record per call: the outcome on success, the error code on failure, both with the duration', async () => {
    const actor = systemActor('shared-helpers test');
    const event = { action: 'test.call', targetType: 'thing', targetId: 't1', details: { bytes: 3 } };
    expect(await auditedCall(ctx.database.db, actor, event, async () => ({ result: 42, details: { found: true } }))).toBe(42);
    await expect(
      auditedCall(ctx.database.db, actor, event, async () => {
        throw badRequest('BAD_REQUEST', '坏了');
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '坏了' });
    await expect(
      auditedCall(ctx.database.db, actor, event, async () => {
        throw new Error('boom with 110105199001011234');
      }),
    ).rejects.toThrow('boom');
    const written = await rows('test.call');
    expect(written.map((r) => [r.result, r.reason])).toEqual([
      ['success', null],
      ['failure', 'BAD_REQUEST'],
      ['failure', 'INTERNAL'],
    ]);
    expect(written[0]!.details).toEqual({ bytes: 3, ms: expect.any(Number), found: true });
    expect(written[1]!.details).toEqual({ bytes: 3, ms: expect.any(Number) });
    expect(JSON.stringify(written)).not.toContain('110105199001011234');
    expect(written.every((r) => r.username === 'system' && r.user_agent === 'shared-helpers test' && r.target_id === 't1')).toBe(true);
  });

  it('a reported duration wins over the measured one', async () => {
    await auditedCall(ctx.database.db, systemActor(), { action: 'test.timed' }, async () => ({ result: null, details: { ms: 7 } }));
    expect((await rows('test.timed'))[0]!.details).toEqual({ ms: 7 });
  });
});
