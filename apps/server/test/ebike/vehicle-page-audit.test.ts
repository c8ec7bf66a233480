import type { IncomingMessage, ServerResponse } from 'node:http';
import { ebikeRegistrations } from '@shtp/testkit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/client.ts';
import { createTestApp, loginFresh, type Session, type TestContext } from '../test-app.ts';

let ctx: TestContext;
let officer: Session;
let supervisor: Session & { username: string };
const { registration } = ebikeRegistrations(20261220);
const call = (s: Session, method: 'GET' | 'POST', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(ctx.platform.db, q);

beforeAll(async () => {
  ctx = await createTestApp();
  officer = await loginFresh(ctx, 'officer01');
  supervisor = await loginFresh(ctx, 'supervisor01');
  const departmentId = (await call(officer, 'GET', '/api/auth/me')).json().department.id;
  const res = await call(supervisor, 'POST', '/api/ebike/plates/batches', { plateKind: 'P', departmentId, prefix: '沪A', from: 1, count: 20 });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => ctx?.close());

const register = async () => {
  const res = await call(officer, 'POST', '/api/ebike/vehicles', registration());
  expect(res.statusCode, res.body).toBe(200);
  const id = res.json().vehicle.id as number;
  const [b] = await rows<{ lsh: string }>(sql`select lsh from ebike_businesses where vehicle_id = ${id}`);
  return { id, lsh: b!.lsh };
};
const lastAudit = async () => (await rows<{ id: number }>(sql`select coalesce(max(id), 0)::int as id from audit_log`))[0]!.id;
const auditSince = (id: number) =>
  rows<{ action: string; result: string; reason: string | null; details: { invalid: string[]; unreachable: string[] } | null }>(
    sql`select action, result, reason, details from audit_log where id > ${id} order by id`,
  );

describe('the vehicle page', () => {
  it('verifies the history’s signatures in one call with one audit record, besides the one of the view', async () => {
    const a = await register();
    const b = await register();
    const before = await lastAudit();
    expect((await call(officer, 'GET', `/api/ebike/vehicles/${a.id}`)).statusCode).toBe(200);
    const res = await call(officer, 'POST', '/api/signatures/ebike-business/verify', { ids: [a.lsh, b.lsh] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()[a.lsh]).toMatchObject({ valid: true, signerKeyId: expect.stringMatching(/^record-sign:/) });
    expect(res.json()[b.lsh]).toMatchObject({ valid: true });
    expect((await auditSince(before)).map((r) => `${r.action}:${r.result}`)).toEqual(['ebike.detail:success', 'signature.verify:success']);
  });

  it('names a changed record and an unknown one in that single record, as failures', async () => {
    const a = await register();
    // Changed behind the system's back (the append-only trigger off for the moment).
    await ctx.platform.db.transaction(async (tx) => {
      await tx.execute(sql`alter table ebike_businesses disable trigger ebike_businesses_append_only`);
      await tx.execute(sql`update ebike_businesses set reason = '篡改' where lsh = ${a.lsh}`);
      await tx.execute(sql`alter table ebike_businesses enable trigger ebike_businesses_append_only`);
    });
    const before = await lastAudit();
    const res = await call(officer, 'POST', '/api/signatures/ebike-business/verify', { ids: [a.lsh, '999999999999'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()[a.lsh].valid).toBe(false);
    expect(res.json()['999999999999']).toBeNull();
    const audited = await auditSince(before);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ action: 'signature.verify', result: 'failure', details: { invalid: [a.lsh], unreachable: ['999999999999'] } });
  });

  it('refuses more than 100 records at once and a caller without the record’s permission', async () => {
    const many = Array.from({ length: 101 }, (_, i) => String(i));
    const tooMany = await call(officer, 'POST', '/api/signatures/ebike-business/verify', { ids: many });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().details[0].message).toBe('一次最多校验 100 条记录');
    const nobody = await loginFresh(ctx);
    expect((await call(nobody, 'POST', '/api/signatures/ebike-business/verify', { ids: ['1'] })).statusCode).toBe(403);
  });
});

describe('a vehicle page whose client leaves while it is being read (N1: abandoned requests)', () => {
  it('completes its audit record and is not answered 500', async () => {
    const { id } = await register();
    const agent = `abandoning-client-${id}`;
    const statuses: number[] = [];
    const server = ctx.app.server;
    const onRequest = (req: IncomingMessage, res: ServerResponse) => {
      if (req.headers['user-agent'] === agent) res.once('close', () => statuses.push(res.statusCode));
    };
    server.on('request', onRequest);
    // The handler has read the row and is opening the owner's fields when the client goes away.
    const decrypt = ctx.platform.fields.decrypt.bind(ctx.platform.fields);
    let reading!: () => void;
    const readStarted = new Promise<void>((resolve) => {
      reading = resolve;
    });
    let clientGone!: () => void;
    const gone = new Promise<void>((resolve) => {
      clientGone = resolve;
    });
    ctx.platform.fields.decrypt = async (...args) => {
      reading();
      await gone;
      return decrypt(...args);
    };
    try {
      const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
      const abort = new AbortController();
      const answer = fetch(`${address}/api/ebike/vehicles/${id}`, {
        headers: { ...officer.headers, 'user-agent': agent },
        signal: abort.signal,
      }).catch((err: unknown) => err);
      await readStarted;
      abort.abort();
      expect(await answer).toBeInstanceOf(Error);
      await expect.poll(() => new Promise((resolve) => server.getConnections((_, n) => resolve(n)))).toBe(0);
      clientGone();

      await expect
        .poll(() => rows<{ action: string; result: string }>(sql`select action, result from audit_log where user_agent = ${agent}`))
        .toEqual([{ action: 'ebike.detail', result: 'success' }]);
      await expect.poll(() => statuses).toHaveLength(1);
      expect(statuses[0]).not.toBe(500);
    } finally {
      ctx.platform.fields.decrypt = decrypt;
      server.off('request', onRequest);
    }
  });
});
