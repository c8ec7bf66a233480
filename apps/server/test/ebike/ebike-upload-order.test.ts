import { ebikeRegistrations } from '@shtp/testkit';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EbikePorts } from '../../src/modules/ebike/ebike.ports.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { createTestApp, loginFresh, portsOf, type Session, type TestContext } from '../test-app.ts';

/**
 * A rejected business is repaired through 更正 and goes up in its place; the vehicle's later businesses wait for it
 * (等待前序业务, saying why) and follow in order; 上传监控 filters and exports the list.
 */
let ctx: TestContext;
let officer: Session;
const { registration } = ebikeRegistrations(20261213);

const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: officer.headers, ...(payload === undefined ? {} : { payload }) });
const simulator = () => portsOf<EbikePorts>(ctx, 'ebike').liuheyi.simulator!;
/** Runs due upload jobs, making failed ones due again (instead of waiting for their backoff). */
const deliver = async (rounds = 3) => {
  for (let i = 0; i < rounds; i++) {
    await ctx.platform.jobs.drain();
    await ctx.platform.db.execute(sql`update jobs set run_at = now() where queue = 'ebike.upload' and state = 'failed'`);
  }
};
const upload = async (lsh: string) =>
  (
    await queryRows<{ upload_status: string; upload_error: string | null }>(
      ctx.platform.db,
      sql`select upload_status, upload_error from ebike_businesses where lsh = ${lsh}`,
    )
  )[0]!;
const ok = async (method: 'GET' | 'POST', url: string, payload?: object) => {
  const res = await call(method, url, payload);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** The 更正 of a rejected business: its repair. */
const repair = (reg: { vehicle: { id: number }; business: { id: number } }, version: number, items: object) =>
  ok('POST', `/api/ebike/vehicles/${reg.vehicle.id}/correct`, { version, businessId: reg.business.id, items, reason: '登记事项录入错误' });

beforeAll(async () => {
  ctx = await createTestApp();
  officer = await loginFresh(ctx, 'officer01');
  const supervisor = await loginFresh(ctx, 'supervisor01');
  const me = (await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: officer.headers })).json();
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/ebike/plates/batches',
    headers: supervisor.headers,
    payload: { plateKind: 'P', departmentId: me.user?.departmentId ?? me.department?.id, prefix: '沪A', from: 1, count: 50 },
  });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => ctx?.close());

describe('a rejected business, repaired through 更正, and the businesses waiting for it', () => {
  it('waits, is repaired in place of the rejected one, and the rest follows in order', async () => {
    await deliver(1);
    simulator().faults.failNext(1, 'reject');
    const reg = await ok('POST', '/api/ebike/vehicles', registration());
    await deliver(1);
    expect(await upload(reg.business.lsh)).toMatchObject({ upload_status: 'rejected', upload_error: expect.stringContaining('六合一退回（299）') });

    // A later business waits, and says for what.
    const theft = await ok('POST', `/api/ebike/vehicles/${reg.vehicle.id}/theft`, {
      version: reg.vehicle.version,
      lostOn: '2026-11-20',
      place: '黄浦区测试路口',
    });
    await deliver();
    const waiting = await upload(theft.business.lsh);
    expect(waiting.upload_status).toBe('waiting');
    expect(waiting.upload_error).toContain(`等待前序业务 ${reg.business.lsh}（注册登记，上传被拒：六合一退回（299）`);
    const listed = await ok('GET', `/api/ebike/uploads?plate=${encodeURIComponent(reg.vehicle.plate)}`);
    const byLsh = Object.fromEntries(listed.items.map((i: { lsh: string }) => [i.lsh, i]));
    expect(byLsh[theft.business.lsh].upload.error).toContain('等待前序业务');
    expect(byLsh[reg.business.lsh].actions).toEqual({ resend: { allowed: true }, repair: { allowed: true } });
    expect(byLsh[theft.business.lsh].actions.repair).toEqual({ allowed: false, reason: '只有被六合一退回的业务需要更正重报' });
    expect(
      simulator()
        .received()
        .some((r) => r.lsh === theft.business.lsh),
    ).toBe(false);

    // The repair: an 更正 of the rejected registration.
    const fixed = await repair(reg, theft.vehicle.version, { brand: '更正品牌' });
    await deliver();
    expect(await upload(fixed.business.lsh)).toMatchObject({ upload_status: 'done' });
    expect(await upload(reg.business.lsh)).toMatchObject({
      upload_status: 'repaired',
      upload_error: expect.stringContaining(`已由更正 ${fixed.business.lsh} 重报`),
    });
    expect((await upload(theft.business.lsh)).upload_status).toBe('done');

    // The far side holds the repair as a 注册 (never a 更正 of a 流水号 it does not hold), then the theft, in that order.
    const held = simulator()
      .received()
      .filter((r) => r.fields.zcbm === reg.vehicle.zcbm);
    expect(held.map((r) => [r.lsh, r.kind, r.fields.ywlx ?? r.fields.ztbj])).toEqual([
      [fixed.business.lsh, 'business', 'A'],
      [theft.business.lsh, 'status', 'C'],
    ]);
    expect(held.map((r) => r.fields.clpp)).toEqual(['更正品牌', '更正品牌']);

    // The chain, on the vehicle page: the original with its rejection and repair, the 更正 pointing at it; both kept.
    const v = await ok('GET', `/api/ebike/vehicles/${reg.vehicle.id}`);
    const entry = (lsh: string) => v.businesses.find((b: { lsh: string }) => b.lsh === lsh);
    expect(entry(reg.business.lsh).upload).toMatchObject({ status: 'repaired', error: expect.stringContaining('299') });
    expect(entry(fixed.business.lsh)).toMatchObject({ type: 'correct', correctsLsh: reg.business.lsh, upload: { status: 'done' } });
    const chain = await ok('GET', `/api/ebike/uploads?plate=${encodeURIComponent(reg.vehicle.plate)}`);
    expect(chain.items.map((i: { lsh: string; correctsLsh: string | null }) => [i.lsh, i.correctsLsh])).toEqual([
      [fixed.business.lsh, reg.business.lsh],
      [theft.business.lsh, null],
      [reg.business.lsh, null],
    ]);

    // A later 更正 of the repaired registration corrects the 流水号 the far side holds: the repair's.
    const later = await ok('POST', `/api/ebike/vehicles/${reg.vehicle.id}/correct`, {
      version: fixed.vehicle.version,
      businessId: reg.business.id,
      items: { model: 'E90' },
      reason: '型号录入错误',
    });
    await deliver();
    expect((await upload(later.business.lsh)).upload_status).toBe('done');
    expect(
      simulator()
        .received()
        .find((r) => r.lsh === later.business.lsh)!.fields,
    ).toMatchObject({ gzlsh: fixed.business.lsh, gzxm: 'clxh' });
  });
});

describe('上传监控 filters and export', () => {
  it('filters by plate, 流水号, state and date, newest first; refuses a bad filter per field', async () => {
    const a = await ok('POST', '/api/ebike/vehicles', registration());
    const b = await ok('POST', '/api/ebike/vehicles', registration());
    await deliver();
    const byLsh = await ok('GET', `/api/ebike/uploads?lsh=${a.business.lsh}`);
    expect(byLsh.items.map((i: { lsh: string }) => i.lsh)).toEqual([a.business.lsh]);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const all = await ok('GET', `/api/ebike/uploads?status=done&from=${today}&to=${today}&pageSize=200`);
    const ids = all.items.map((i: { businessId: number }) => i.businessId);
    expect(ids).toEqual([...ids].sort((x: number, y: number) => y - x));
    expect(ids).toEqual(expect.arrayContaining([a.business.id, b.business.id]));
    expect((await ok('GET', '/api/ebike/uploads?from=2020-01-01&to=2020-01-02')).total).toBe(0);
    const bad = await call('GET', '/api/ebike/uploads?lsh=12&from=2026-12-02&to=2026-12-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('流水号应为 13 位数字');
  });

  it('exports the filtered list as a streamed workbook, and audits the export', async () => {
    const a = await ok('POST', '/api/ebike/vehicles', registration());
    await deliver();
    const res = await ctx.app.inject({ method: 'GET', url: `/api/ebike/uploads/export?lsh=${a.business.lsh}`, headers: officer.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('六合一上传监控')!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe(a.business.lsh);
    expect(sheet.getRow(2).getCell(6).value).toBe('已上传');
    const [audited] = await queryRows<{ n: number }>(ctx.platform.db, sql`select count(*)::int as n from audit_log where action = 'ebike.upload.export'`);
    expect(audited!.n).toBeGreaterThanOrEqual(1);
  });
});

describe('a 变更 made while the registration waited for its repair', () => {
  it('goes up after the repair naming only what it changed, with the corrected items (not the repair’s as a change)', async () => {
    await deliver(1);
    simulator().faults.failNext(1, 'reject');
    const reg = await ok('POST', '/api/ebike/vehicles', registration());
    await deliver(1);
    const change = await ok('POST', `/api/ebike/vehicles/${reg.vehicle.id}/change`, { version: reg.vehicle.version, colours: ['A', 'F'] });
    await deliver();
    expect((await upload(change.business.lsh)).upload_status).toBe('waiting');
    const fixed = await repair(reg, change.vehicle.version, { model: 'E2E-4' });
    await deliver();
    expect(await upload(fixed.business.lsh)).toMatchObject({ upload_status: 'done' });
    expect(await upload(change.business.lsh)).toMatchObject({ upload_status: 'done', upload_error: null });
    const sent = simulator()
      .received()
      .find((r) => r.lsh === change.business.lsh)!.fields;
    expect(sent).toMatchObject({ ywlx: 'D', bgxm: 'csys', clxh: 'E2E-4', csys: 'AF' });
  });
});

describe('daily reconciliation with 六合一', () => {
  const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

  it('shows a day with no mismatch; a business the far side lacks is listed by count and serial, marked failed and resent', async () => {
    await ok('POST', '/api/ebike/vehicles', registration());
    await deliver();
    const clean = await ok('POST', '/api/ebike/uploads/reconciliations', { day: today() });
    expect(clean).toMatchObject({ day: today(), consistent: true, missing: [], unknown: [], unknownCount: 0, countMismatches: [] });
    expect(clean.localCount).toBe(clean.remoteCount);
    expect(clean.localCounts).toEqual(clean.remoteCounts);
    expect(clean.remoteCounts.A).toBeGreaterThanOrEqual(1);

    // This side believes a registration accepted that the far side never received.
    const lost = await ok('POST', '/api/ebike/vehicles', registration());
    await ctx.platform.db.execute(
      sql`update ebike_businesses set upload_status = 'done', upload_key = 'A', uploaded_at = now() where id = ${lost.business.id}`,
    );
    await ctx.platform.db.execute(sql`delete from jobs where queue = 'ebike.upload' and state <> 'done'`);
    const found = await ok('POST', '/api/ebike/uploads/reconciliations', { day: today() });
    expect(found.consistent).toBe(false);
    expect(found.countMismatches).toEqual([{ key: 'A', label: '注册登记', local: clean.localCounts.A + 1, remote: clean.remoteCounts.A }]);
    expect(found.missing).toEqual([
      expect.objectContaining({ lsh: lost.business.lsh, businessId: lost.business.id, vehicleId: lost.vehicle.id, actions: { resend: { allowed: true } } }),
    ]);
    expect(found.missingElsewhere).toBe(0);
    expect(await upload(lost.business.lsh)).toMatchObject({ upload_status: 'failed', upload_error: expect.stringContaining('六合一没有该流水号') });
    const listed = (await ok('GET', `/api/ebike/uploads?lsh=${lost.business.lsh}`)).items[0];
    expect(listed.actions.resend).toEqual({ allowed: true });

    // Another detachment's officer sees the counts, but not the serial of a business outside their data scope.
    const other = await loginFresh(ctx, { roles: ['window_officer'] }); // at the headquarters, scope 'dept'
    const theirs = await ctx.app.inject({ method: 'GET', url: '/api/ebike/uploads/reconciliations', headers: other.headers });
    expect(theirs.statusCode, theirs.body).toBe(200);
    expect(theirs.json()[0]).toMatchObject({ day: today(), consistent: false, missing: [], missingElsewhere: 1, countMismatches: found.countMismatches });

    expect((await call('POST', `/api/ebike/uploads/${lost.business.id}/resend`)).statusCode).toBe(204);
    await deliver();
    const again = await ok('POST', '/api/ebike/uploads/reconciliations', { day: today() });
    expect(again).toMatchObject({ consistent: true, missing: [], countMismatches: [] });
    const history = await ok('GET', '/api/ebike/uploads/reconciliations');
    expect(history[0]).toMatchObject({ day: today(), consistent: true, missing: [] });
  });

  it('refuses a malformed day per field', async () => {
    const res = await call('POST', '/api/ebike/uploads/reconciliations', { day: '2026/12/01' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('对账日期格式应为 YYYY-MM-DD');
  });
});
