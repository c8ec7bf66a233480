import { ebikeRegistrations } from '@shtp/testkit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProjection } from '../../src/modules/ebike/projection-check.ts';
import { systemActor } from '../../src/platform/audit/actor.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { createTestApp, loginFresh, type Session, type TestContext } from '../test-app.ts';

/** The vehicle row is the ledger's projection: an edit made straight in the database is found, and rebuilt away. */
let ctx: TestContext;
let officer: Session;
const { registration } = ebikeRegistrations(20261215);
const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: officer.headers, ...(payload === undefined ? {} : { payload }) });

beforeAll(async () => {
  ctx = await createTestApp();
  officer = await loginFresh(ctx, 'officer01');
  const supervisor = await loginFresh(ctx, 'supervisor01');
  const departmentId = (await call('GET', '/api/auth/me')).json().department.id;
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/ebike/plates/batches',
    headers: supervisor.headers,
    payload: { plateKind: 'P', departmentId, prefix: '沪A', from: 1, count: 20 },
  });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => ctx?.close());

describe('projection check', () => {
  it('finds a row edited outside the ledger, reports it audited, and a rebuild restores it from the ledger', async () => {
    expect((await call('GET', '/api/ebike/uploads/projection-report')).json()).toBeNull(); // never run yet
    const a = (await call('POST', '/api/ebike/vehicles', registration())).json().vehicle;
    const b = (await call('POST', '/api/ebike/vehicles', registration())).json().vehicle;
    const locked = await call('POST', `/api/ebike/vehicles/${b.id}/lock`, { version: b.version, reason: '涉案待查' });
    expect(locked.statusCode, locked.body).toBe(200);
    expect(await checkProjection(ctx.platform, systemActor(), { rebuild: false })).toEqual({ checked: 2, differences: [] });

    await ctx.platform.db.execute(sql`update nm_vehicles set brand = '篡改品牌', stolen = true where id = ${a.id}`);
    await ctx.platform.db.execute(sql`update nm_vehicles set locked = false, lock_reason = null where id = ${b.id}`);
    const found = await checkProjection(ctx.platform, systemActor(), { rebuild: false });
    expect(found.differences).toEqual([
      { vehicleId: a.id, items: ['brand', 'stolen'] },
      { vehicleId: b.id, items: ['locked', 'lockReason'] },
    ]);
    const [report] = await queryRows<{ result: string; reason: string }>(
      ctx.platform.db,
      sql`select result, reason from audit_log where action = 'ebike.projection-check' order by id desc limit 1`,
    );
    expect(report).toEqual({ result: 'failure', reason: '2 辆车的当前登记与台账不一致' });
    // The console shows the last report (上传监控), not only the audit log.
    expect((await call('GET', '/api/ebike/uploads/projection-report')).json()).toMatchObject({
      result: 'failure',
      checked: 2,
      rebuild: false,
      differences: found.differences,
    });

    await checkProjection(ctx.platform, systemActor(), { rebuild: true });
    expect((await checkProjection(ctx.platform, systemActor(), { rebuild: false })).differences).toEqual([]);
    expect((await call('GET', '/api/ebike/uploads/projection-report')).json()).toMatchObject({ result: 'success', checked: 2, differences: [] });
    const restored = (await call('GET', `/api/ebike/vehicles/${a.id}`)).json();
    expect(restored).toMatchObject({ brand: a.brand, stolen: false });
    expect((await call('GET', `/api/ebike/vehicles/${b.id}`)).json().lock).toMatchObject({ reason: '涉案待查' });
  });

  it('立即核对 queues one check an hour: a repeated request gets the same job; when it has run the report is new', async () => {
    const hourNow = () => new Date().toISOString().slice(0, 13);
    let hour: string;
    let first: Awaited<ReturnType<typeof call>>;
    let again: Awaited<ReturnType<typeof call>>;
    do {
      // Asked again if a clock hour began between the two requests (the next hour rightly gets its own job).
      hour = hourNow();
      first = await call('POST', '/api/ebike/uploads/projection-check');
      again = await call('POST', '/api/ebike/uploads/projection-check');
    } while (hour !== hourNow());
    expect(first.statusCode, first.body).toBe(202);
    expect(again.json().jobId).toBe(first.json().jobId);
    const before = (await call('GET', '/api/ebike/uploads/projection-report')).json().checkedAt;
    await ctx.platform.jobs.drain();
    const after = (await call('GET', '/api/ebike/uploads/projection-report')).json();
    expect(after).toMatchObject({ result: 'success', checked: 2, differences: [] });
    expect(after.checkedAt > before).toBe(true);
    const requests = await queryRows<{ n: number }>(
      ctx.platform.db,
      sql`select count(*)::int as n from audit_log where action = 'ebike.projection-check.request' and target_id = ${String(first.json().jobId)}`,
    );
    expect(requests[0]!.n).toBe(2);
  });
});
