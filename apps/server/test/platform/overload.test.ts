import { desc, eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/platform/audit/audit.table.ts';
import { audit } from '../../src/platform/audit/audit.ts';
import { actorOf } from '../../src/platform/http/access.ts';
import { installOverloadGuard } from '../../src/platform/http/overload.ts';
import { createTestApp, type TestContext } from '../test-app.ts';

/** A promise and the function that settles it: holds requests "in the queue" until the test lets them go. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('overload guard (N1): queue briefly, then shed with 503 + Retry-After; never serve an abandoned request', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function appWith(
    limits: { maxInFlight: number; maxQueued?: number; queueTimeoutMs?: number; maxDbWaiting: number },
    dbWaiting: () => number,
    slow: { opened: Promise<void> },
  ) {
    const handled: string[] = [];
    const a = Fastify();
    const guard = installOverloadGuard(a, { maxQueued: 0, queueTimeoutMs: 60_000, ...limits, retryAfterSeconds: 3 }, dbWaiting);
    a.get('/api/health', async () => ({ status: 'ok' }));
    a.get('/api/slow', async (request) => {
      await slow.opened;
      handled.push(request.id);
      return { ok: true };
    });
    a.get('/api/fast', async () => ({ ok: true }));
    app = a;
    return { app: a, guard, handled };
  }

  it('answers 503 with Retry-After while the node is at its in-flight limit, serves health, and recovers', async () => {
    const slow = gate();
    const { app: a, guard } = await appWith({ maxInFlight: 2, maxDbWaiting: 100 }, () => 0, slow);
    const first = a.inject({ url: '/api/slow' });
    const second = a.inject({ url: '/api/slow' });
    await expect.poll(() => guard.inFlight()).toBe(2);

    const shed = await a.inject({ url: '/api/fast' });
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['retry-after']).toBe('3');
    expect(shed.json()).toMatchObject({ code: 'OVERLOADED', message: '系统繁忙，请稍后重试' });
    expect((await a.inject({ url: '/api/health' })).statusCode).toBe(200);

    slow.open();
    expect((await first).statusCode).toBe(200);
    expect((await second).statusCode).toBe(200);
    await expect.poll(() => guard.inFlight()).toBe(0);
    expect((await a.inject({ url: '/api/fast' })).statusCode).toBe(200);
  });

  it('queues beyond the in-flight limit: a waiting request runs when a slot frees, one that waits too long gets 503', async () => {
    const slow = gate();
    const { app: a, guard } = await appWith({ maxInFlight: 1, maxQueued: 5, queueTimeoutMs: 60_000, maxDbWaiting: 100 }, () => 0, slow);
    const busy = a.inject({ url: '/api/slow' });
    await expect.poll(() => guard.inFlight()).toBe(1);
    const waiting = a.inject({ url: '/api/fast' });
    await expect.poll(() => guard.queued()).toBe(1);
    slow.open();
    expect((await busy).statusCode).toBe(200);
    expect((await waiting).statusCode).toBe(200);
    await expect.poll(() => guard.inFlight()).toBe(0);

    const stuck = gate();
    const { app: b, guard: g } = await appWith({ maxInFlight: 1, maxQueued: 5, queueTimeoutMs: 200, maxDbWaiting: 100 }, () => 0, stuck);
    const held = b.inject({ url: '/api/slow' });
    await expect.poll(() => g.inFlight()).toBe(1);
    const late = await b.inject({ url: '/api/fast' });
    expect(late.statusCode).toBe(503);
    expect(late.headers['retry-after']).toBe('3');
    expect(g.queued()).toBe(0);
    stuck.open();
    expect((await held).statusCode).toBe(200);
    await b.close();
  });

  it('starts at most maxInFlight requests per turn of the event loop; the others wait for the next turn and are served', async () => {
    const { app: a } = await appWith({ maxInFlight: 2, maxQueued: 10, queueTimeoutMs: 60_000, maxDbWaiting: 100 }, () => 0, gate());
    // Counts the turns of the event loop while the requests run: an immediate that schedules the next one.
    let turn = 0;
    let counting = true;
    const count = () => {
      turn++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const turnsOf: number[] = [];
    a.addHook('preHandler', async () => {
      turnsOf.push(turn);
    });
    const answers = await Promise.all(Array.from({ length: 7 }, () => a.inject({ url: '/api/fast' })));
    counting = false;
    expect(answers.map((r) => r.statusCode)).toEqual(Array(7).fill(200));
    const perTurn = new Map<number, number>();
    for (const t of turnsOf) perTurn.set(t, (perTurn.get(t) ?? 0) + 1);
    expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(2);
    expect(perTurn.size).toBeGreaterThanOrEqual(4);
  });

  it('sheds while queries queue for a database connection beyond the limit', async () => {
    let waiting = 5;
    const { app: a } = await appWith({ maxInFlight: 100, maxDbWaiting: 5 }, () => waiting, gate());
    const shed = await a.inject({ url: '/api/fast' });
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['retry-after']).toBe('3');
    waiting = 4;
    expect((await a.inject({ url: '/api/fast' })).statusCode).toBe(200);
  });

  it('does not run the handler of a request whose client went away while it waited', async () => {
    const queue = gate();
    const handled: string[] = [];
    const closed: Promise<void>[] = [];
    const a = Fastify();
    installOverloadGuard(a, { maxInFlight: 10, maxQueued: 10, queueTimeoutMs: 60_000, maxDbWaiting: 10, retryAfterSeconds: 1 }, () => 0);
    // Stands for the time a request waits for the session query under load.
    a.addHook('onRequest', async (request) => {
      closed.push(new Promise((resolve) => request.raw.socket.once('close', () => resolve())));
      await queue.opened;
    });
    a.get('/api/read', async (request) => {
      handled.push(request.id);
      return { ok: true };
    });
    app = a;
    const address = await a.listen({ port: 0, host: '127.0.0.1' });

    const abort = new AbortController();
    const request = fetch(`${address}/api/read`, { signal: abort.signal }).catch((err: unknown) => err);
    await expect.poll(() => closed.length).toBe(1);
    abort.abort();
    await closed[0];
    queue.open();
    expect(await request).toBeInstanceOf(Error);

    // A later request on a live connection is served: the hook only drops the abandoned one.
    const served = await fetch(`${address}/api/read`);
    expect(served.status).toBe(200);
    expect(handled).toHaveLength(1);
  });
});

describe('audit of a request that lost its socket', () => {
  let ctx: TestContext;
  afterAll(async () => {
    await ctx?.close();
  });

  it('records the read with an unknown source address instead of failing the answer', async () => {
    ctx = await createTestApp();
    // What Fastify gives for a request whose client has gone: no address, no socket.
    const abandoned = { ip: undefined, socket: undefined, headers: {}, id: 'req-abandoned', auth: null, serviceCaller: null } as unknown as FastifyRequest;
    const actor = actorOf(abandoned);
    expect(actor.ip).toBe('unknown');
    await audit(ctx.platform.db, actor, { action: 'ebike.query', targetType: 'nm_vehicle', details: { keys: ['plate'], found: 1 } });
    const [row] = await ctx.platform.db.select().from(auditLog).where(eq(auditLog.requestId, 'req-abandoned')).orderBy(desc(auditLog.id));
    expect(row).toMatchObject({ action: 'ebike.query', ip: 'unknown', result: 'success' });
  });
});
