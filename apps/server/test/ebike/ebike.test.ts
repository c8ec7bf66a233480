import { ENVELOPE_CONTENT_TYPE, type ServerKey } from '@shtp/core/platform';
import { MemoryReplayCache, sm2GenerateKeyPair } from '@shtp/gm';
import { ebikeRegistrations } from '@shtp/testkit';
import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EbikePorts } from '../../src/modules/ebike/ebike.ports.ts';
import { platesRepository } from '../../src/modules/ebike/plates.repository.ts';
import { uploadRepository } from '../../src/modules/ebike/upload/upload.repository.ts';
import { queryRows, type Tx } from '../../src/platform/db/client.ts';
import { type DeviceCredentials, openReply, sealRequest } from '../../src/platform/transport/device-client.ts';
import { createTestApp, fieldsOf, loginFresh, portsOf, principalOf, type Session, type TestContext } from '../test-app.ts';

let ctx: TestContext;
let officer: Session;
let supervisor: Session;
let road: Session;
const { person, registration } = ebikeRegistrations(20261129);

const call = (s: Session, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url, headers: { ...s.headers, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(ctx.platform.db, q);
/**
 * A report rollup (N2/N3) against the GROUP BY over its raw table: equal now; moved by `change` inside its transaction
 * and still equal there; back where it was once that transaction rolls back.
 */
async function expectRollupThroughRollback(q: { rollup: SQL; raw: SQL }, change: (tx: Tx) => Promise<unknown>) {
  const before = await rows(q.rollup);
  expect(before).toEqual(await rows(q.raw));
  await expect(
    ctx.platform.db.transaction(async (tx) => {
      await change(tx);
      expect(await queryRows(tx, q.rollup)).toEqual(await queryRows(tx, q.raw));
      expect(await queryRows(tx, q.rollup)).not.toEqual(before);
      throw new Error('rolled back');
    }),
  ).rejects.toThrow('rolled back');
  expect(await rows(q.rollup)).toEqual(before);
}

const register = async (body = registration(), headers: Record<string, string> = {}) => {
  const res = await call(officer, 'POST', '/api/ebike/vehicles', body, headers);
  if (res.statusCode !== 200) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  return res.json() as {
    vehicle: { id: number; version: number; plate: string; businesses: { id: number; lsh: string; type: string }[] };
    business: { id: number; lsh: string };
  };
};
const act = (s: Session, id: number, path: string, body: object) => call(s, 'POST', `/api/ebike/vehicles/${id}/${path}`, body);
const detail = async (id: number) => (await call(supervisor, 'GET', `/api/ebike/vehicles/${id}`)).json();
const counts = async () =>
  (
    await rows<{ v: number; b: number; j: number }>(sql`select (select count(*)::int from nm_vehicles) as v, (select count(*)::int from ebike_businesses) as b,
      (select count(*)::int from jobs where queue = 'ebike.upload') as j`)
  )[0]!;

beforeAll(async () => {
  ctx = await createTestApp();
  officer = await loginFresh(ctx, 'officer01');
  supervisor = await loginFresh(ctx, 'supervisor01');
  road = await loginFresh(ctx, 'road01');
  const me = (await call(officer, 'GET', '/api/auth/me')).json();
  const departmentId = me.user?.departmentId ?? me.department?.id;
  for (const plateKind of ['P', 'K']) {
    const res = await call(supervisor, 'POST', '/api/ebike/plates/batches', {
      plateKind,
      departmentId,
      prefix: plateKind === 'P' ? '沪A' : '沪K',
      from: 1,
      count: 200,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().added).toBe(200);
  }
});
afterAll(() => ctx?.close());

describe('E1 注册登记', () => {
  it('registers with an allocated plate, one signed ledger entry and one upload job, owner encrypted at rest', async () => {
    const body = registration();
    const before = await counts();
    const r = await register(body);
    expect(r.vehicle.plate).toMatch(/^沪A\d{6}$/);
    expect(r.business.lsh).toMatch(/^\d{13}$/);
    expect(await counts()).toEqual({ v: before.v + 1, b: before.b + 1, j: before.j + 1 });
    const d = await detail(r.vehicle.id);
    expect(d.owner.idNumber).toBe(`${body.owner.idNumber[0]}${'*'.repeat(16)}${body.owner.idNumber[17]}`);
    expect(d.masked).toBe(true);
    // C4: a raw dump of the vehicle and ledger tables has no plaintext ID number or phone.
    const dump = JSON.stringify(await rows(sql`select * from nm_vehicles`)) + JSON.stringify(await rows(sql`select * from ebike_businesses`));
    expect(dump).not.toContain(body.owner.idNumber);
    expect(dump).not.toContain(body.owner.phone);
    // C5: the business verifies, and a row changed in the database shows as invalid.
    const sig = await call(supervisor, 'GET', `/api/signatures/ebike-business/${r.business.lsh}`);
    expect(sig.statusCode, sig.body).toBe(200);
    expect(sig.json().valid).toBe(true);
    await ctx.platform.db.transaction(async (tx) => {
      await tx.execute(sql`alter table ebike_businesses disable trigger ebike_businesses_append_only`);
      await tx.execute(sql`update ebike_businesses set reason = '篡改' where id = ${r.business.id}`);
      await tx.execute(sql`alter table ebike_businesses enable trigger ebike_businesses_append_only`);
    });
    expect((await call(supervisor, 'GET', `/api/signatures/ebike-business/${r.business.lsh}`)).json().valid).toBe(false);
  });

  it('refuses bad items per field and writes nothing', async () => {
    const before = await counts();
    const bad = registration();
    const id = bad.owner.idNumber;
    bad.owner.idNumber = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    bad.vehicle.zcbm = '12345';
    (bad.vehicle.colours as string[]) = ['A', 'A'];
    const res = await call(officer, 'POST', '/api/ebike/vehicles', bad);
    expect(res.statusCode).toBe(400);
    const fields = fieldsOf(res.json());
    expect(fields).toEqual(expect.arrayContaining(['owner.idNumber', 'vehicle.zcbm', 'vehicle.colours']));
    expect(res.json().details.find((d: { field: string }) => d.field === 'owner.idNumber').message).toMatch(/校验/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a second registration of the same 整车编码 and a plate outside the pool', async () => {
    const body = registration();
    await register(body);
    const again = await call(officer, 'POST', '/api/ebike/vehicles', { ...registration(), vehicle: body.vehicle });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已登记');
    const outside = await call(officer, 'POST', '/api/ebike/vehicles', registration({ plateNumber: '沪B999999' }));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().details[0].field).toBe('plateNumber');
  });

  it('a retried request with the same Idempotency-Key registers once', async () => {
    const body = registration();
    const key = 'retry-key-0001';
    const a = await register(body, { 'idempotency-key': key });
    const b = await register(body, { 'idempotency-key': key });
    expect(b.business.id).toBe(a.business.id);
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from nm_vehicles where zcbm = ${body.vehicle.zcbm}`))[0]!.n).toBe(1);
  });

  it('parallel registrations never receive the same plate', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => call(officer, 'POST', '/api/ebike/vehicles', registration())));
    const plates = results.map((r) => r.json().vehicle.plate);
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    expect(new Set(plates).size).toBe(8);
  });
});

describe('E2–E8 businesses and the state machine', () => {
  it('runs a vehicle through every business, each in its history', async () => {
    const r = await register();
    const id = r.vehicle.id;
    let v = r.vehicle.version;
    const ok = async (s: Session, path: string, body: object) => {
      const res = await act(s, id, path, { version: v, ...body });
      expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
      v = res.json().vehicle.version;
      return res.json();
    };
    const newOwner = person();
    expect((await ok(officer, 'transfer', { mode: 'BA', owner: newOwner })).vehicle.plate).toBe(r.vehicle.plate);
    const changed = await ok(officer, 'change', { colours: ['E'] });
    expect(changed.business.changes.map((c: { item: string }) => c.item)).toEqual(['colours']);
    const replaced = await ok(officer, 'replace-plate', { mode: 'lost' });
    expect(replaced.vehicle.plate).not.toBe(r.vehicle.plate);
    const retired = await rows<{ status: string }>(sql`select status from ebike_plates where plate = ${r.vehicle.plate}`);
    expect(retired[0]!.status).toBe('retired');
    await ok(officer, 'theft', { lostOn: '2026-11-20', place: '黄浦区测试路口' });
    await ok(officer, 'recover', { note: '已由派出所找回发还' });
    await ok(officer, 'lock', { reason: '涉嫌套牌，待核查' });
    await ok(supervisor, 'unlock', { reason: '核查无误' });
    const registerId = r.business.id;
    const corrected = await ok(officer, 'correct', { businessId: registerId, items: { motorNo: 'NB24050000999' }, reason: '电机号录入错误' });
    expect(corrected.business.correctsLsh).toBe(r.business.lsh);
    await ok(officer, 'cancel', { reason: 'destroyed' });
    const d = await detail(id);
    expect(d.businesses.map((b: { type: string }) => b.type).reverse()).toEqual([
      'register',
      'transfer',
      'change',
      'replace_plate',
      'theft',
      'recover',
      'lock',
      'unlock',
      'correct',
      'cancel',
    ]);
    expect(d.statusLabels).toEqual(['注销']);
    const after = await act(officer, id, 'change', { version: v, colours: ['A'] });
    expect(after.statusCode).toBe(409);
    expect(after.json().message).toContain('已注销');
  });

  it('refuses by rule with a Chinese message, and changes nothing', async () => {
    const r = await register();
    const id = r.vehicle.id;
    const theft = await act(officer, id, 'theft', { version: r.vehicle.version, lostOn: '2026-11-20', place: '某地' });
    const v = theft.json().vehicle.version;
    const before = await counts();
    const transfer = await act(officer, id, 'transfer', { version: v, mode: 'BA', owner: person() });
    expect(transfer.statusCode).toBe(409);
    expect(transfer.json().message).toContain('被盗抢');
    expect((await act(officer, id, 'recover', { version: v - 1, note: '找回' })).statusCode).toBe(409); // stale version
    expect((await act(officer, id, 'unlock', { version: v, reason: '无' })).statusCode).toBe(403); // officer lacks the permission
    expect((await act(supervisor, id, 'unlock', { version: v, reason: '无锁' })).json().message).toContain('未锁定');
    expect(await counts()).toEqual(before);
  });

  it('the ledger is append-only at the database', async () => {
    const r = await register();
    await expect(ctx.platform.db.execute(sql`delete from ebike_businesses where id = ${r.business.id}`)).rejects.toThrow();
    await expect(ctx.platform.db.execute(sql`update ebike_businesses set type = 'cancel' where id = ${r.business.id}`)).rejects.toThrow();
  });
});

describe('E9 query and E10 PDA', () => {
  it('finds a vehicle by each key, masked; clear view needs the permission and is audited', async () => {
    const body = registration();
    const r = await register(body);
    for (const q of [
      `plate=${encodeURIComponent(r.vehicle.plate)}`,
      `zcbm=${body.vehicle.zcbm}`,
      `motorNo=${body.vehicle.motorNo}`,
      `idNumber=${body.owner.idNumber}`,
      `phone=${body.owner.phone}`,
    ]) {
      const res = await call(officer, 'GET', `/api/ebike/vehicles?${q}`);
      expect(res.statusCode, q).toBe(200);
      expect(
        res.json().map((v: { id: number }) => v.id),
        q,
      ).toContain(r.vehicle.id);
      expect(res.json()[0].ownerName).toBe('测**');
    }
    expect((await call(officer, 'GET', '/api/ebike/vehicles')).statusCode).toBe(400);
    // A lookup by one key goes through the batched statement, one by two keys through the single one: the same answer.
    const batched = (await call(officer, 'GET', `/api/ebike/vehicles?plate=${encodeURIComponent(r.vehicle.plate)}`)).json();
    const single = (await call(officer, 'GET', `/api/ebike/vehicles?plate=${encodeURIComponent(r.vehicle.plate)}&zcbm=${body.vehicle.zcbm}`)).json();
    expect(batched).toHaveLength(1);
    expect(batched).toEqual(single);
    // The results as Excel: the same lookup, owner masked, codes named, audited as an export of its own.
    const exported = await call(officer, 'GET', `/api/ebike/vehicles/export?zcbm=${body.vehicle.zcbm}`);
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['号牌号码', '号牌种类', '整车编码', '品牌型号', '所有人', '状态', '登记部门', '注册日期']);
    expect(sheet.actualRowCount).toBe(2);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 6)).toEqual([
      r.vehicle.plate,
      '普通号牌',
      body.vehicle.zcbm,
      `${body.vehicle.brand} ${body.vehicle.model}`,
      '测**',
    ]);
    const exports = await rows<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'ebike.query.export'`);
    expect(exports[0]!.n).toBe(1);
    expect((await call(officer, 'GET', '/api/ebike/vehicles/export')).statusCode).toBe(400);
    const why = { purpose: 'business', reason: '联系车主办理变更' };
    expect((await call(officer, 'POST', `/api/ebike/vehicles/${r.vehicle.id}/pii-view`, why)).statusCode).toBe(403);
    expect((await call(supervisor, 'GET', `/api/ebike/vehicles/${r.vehicle.id}?clear=true`)).statusCode).toBe(400);
    const clear = await call(supervisor, 'POST', `/api/ebike/vehicles/${r.vehicle.id}/pii-view`, why);
    expect(clear.json().owner).toMatchObject({ name: body.owner.name, phone: body.owner.phone, address: body.owner.address });
    expect(clear.json().owner.idNumber).toBe(`${body.owner.idNumber.slice(0, 6)}********${body.owner.idNumber.slice(14)}`);
    const audited = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'ebike.pii-view' and target_id = ${String(r.vehicle.id)}`,
    );
    expect(audited[0]!.n).toBe(1);
  });

  it('answers the handheld by plate, 整车编码 and OCR text in digital envelopes, compact and masked', async () => {
    const body = registration();
    const r = await register(body);
    const plate = r.vehicle.plate;
    const sec = await loginFresh(ctx, 'secadmin');
    const pair = sm2GenerateKeyPair();
    const device: DeviceCredentials = { code: 'PDA-EBIKE-01', privateKey: pair.privateKey };
    const departmentId = (await call(road, 'GET', '/api/auth/me')).json().department.id;
    const created = await call(sec, 'POST', '/api/security/devices', { code: device.code, name: '执法终端', departmentId, publicKey: pair.publicKey });
    expect(created.statusCode, created.body).toBe(200);
    const server: ServerKey = (await ctx.app.inject({ method: 'GET', url: '/api/transport/server-key' })).json();
    const replay = new MemoryReplayCache();
    const pda = async (s: Session, url: string, payload: object) => {
      const res = await ctx.app.inject({
        method: 'POST',
        url,
        headers: { ...s.headers, 'content-type': ENVELOPE_CONTENT_TYPE },
        payload: sealRequest(payload, device, server),
      });
      return openReply<Record<string, unknown>[]>(
        { status: res.statusCode, contentType: res.headers['content-type'] as string, text: res.body },
        device,
        server,
        replay,
      );
    };
    const byOcr = await pda(road, '/api/pda/ebike/ocr', { plateText: `${plate.slice(0, 2)}·${plate.slice(2)}` });
    expect(byOcr.status).toBe(200);
    expect(byOcr.sealed).toBe(true);
    // What an officer on the road needs: identifiers, CCC, battery, state and 六合一 upload state; the owner masked.
    expect(byOcr.body[0]).toMatchObject({
      plate,
      zcbm: body.vehicle.zcbm,
      motorNo: body.vehicle.motorNo,
      cccCertNo: body.vehicle.cccCertNo,
      battery: expect.stringMatching(/(铅酸蓄电池|锂离子电池|其他) \d+(\.\d+)?V$/),
      status: '正常',
      upload: expect.stringMatching(/^(已上传|待上传（1 笔）)$/),
      owner: '测**',
    });
    expect(byOcr.body[0]!.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect((await pda(road, '/api/pda/ebike/lookup', { zcbm: body.vehicle.zcbm })).body).toHaveLength(1);
    // The upload state counts this vehicle's businesses only (a prepared statement with an array of vehicle ids).
    await ctx.platform.db.execute(sql`update ebike_businesses set upload_status = 'rejected' where vehicle_id = ${r.vehicle.id}`);
    const rejected = await pda(road, '/api/pda/ebike/lookup', { zcbm: body.vehicle.zcbm });
    expect(rejected.body.map((v) => v.upload)).toEqual(['上传被拒（1 笔）']);
    expect((await pda(officer, '/api/pda/ebike/lookup', { zcbm: body.vehicle.zcbm })).status).toBe(403);
    const plain = await call(road, 'POST', '/api/pda/ebike/lookup', { zcbm: body.vehicle.zcbm });
    expect(plain.statusCode).toBeGreaterThanOrEqual(400);
  });
});

describe('六合一 upload', () => {
  const simulator = () => portsOf<EbikePorts>(ctx, 'ebike').liuheyi.simulator!;
  /** Runs due upload jobs, making failed ones due again (instead of waiting for their backoff). */
  const deliver = async (rounds: number) => {
    for (let i = 0; i < rounds; i++) {
      await ctx.platform.jobs.drain();
      await ctx.platform.db.execute(sql`update jobs set run_at = now() where queue = 'ebike.upload' and state = 'failed'`);
    }
  };
  const upload = async (businessId: number) =>
    (
      await rows<{ upload_status: string; upload_error: string | null; upload_remote_id: string | null }>(
        sql`select upload_status, upload_error, upload_remote_id from ebike_businesses where id = ${businessId}`,
      )
    )[0]!;
  const copies = (lsh: string) =>
    simulator()
      .received()
      .filter((r) => r.lsh === lsh).length;

  it('reaches 六合一 exactly once even when it fails twice first', async () => {
    await deliver(1);
    const r = await register();
    simulator().faults.failNext(2, '5xx');
    await deliver(1);
    expect((await upload(r.business.id)).upload_status).toBe('pending');
    expect((await upload(r.business.id)).upload_error).toContain('暂不可用');
    await deliver(3);
    const u = await upload(r.business.id);
    expect(u.upload_status).toBe('done');
    expect(u.upload_remote_id).toMatch(/^LHY\d{12}$/);
    expect(copies(r.business.lsh)).toBe(1);
  });

  it('a lost acknowledgement is retried without a second record on the far side', async () => {
    const r = await register();
    simulator().faults.failNext(1, 'lost-ack');
    await deliver(3);
    expect((await upload(r.business.id)).upload_status).toBe('done');
    expect(copies(r.business.lsh)).toBe(1);
  });

  it('a rejection is shown with its reason, counted in 上传监控, and can be resent', async () => {
    const r = await register();
    simulator().faults.failNext(1, 'reject');
    await deliver(1);
    const u = await upload(r.business.id);
    expect(u.upload_status).toBe('rejected');
    expect(u.upload_error).toContain('六合一退回');
    const stats = (await call(officer, 'GET', '/api/ebike/uploads/stats')).json();
    expect(stats.counts.rejected).toBeGreaterThanOrEqual(1);
    expect(stats.failureReasons[0].reason).toContain('六合一退回');
    const failed = (await call(officer, 'GET', '/api/ebike/uploads?status=rejected')).json();
    expect(failed.items.map((i: { businessId: number }) => i.businessId)).toContain(r.business.id);
    expect((await call(officer, 'POST', `/api/ebike/uploads/${r.business.id}/resend`)).statusCode).toBe(204);
    expect((await call(officer, 'POST', `/api/ebike/uploads/${r.business.id}/resend`)).statusCode).toBe(409);
    await deliver(1);
    expect((await upload(r.business.id)).upload_status).toBe('done');
    expect(copies(r.business.lsh)).toBe(1);
  });

  it("keeps 上传监控's counts (a rollup, N2/N3) equal to a GROUP BY over the ledger through the upload states; a rolled-back change leaves them", async () => {
    const byState = {
      rollup: sql`select department_id, upload_status as status, businesses from ebike_upload_counts where businesses <> 0 order by 1, 2`,
      raw: sql`select department_id, upload_status as status, count(*)::int as businesses from ebike_businesses group by 1, 2 order by 1, 2`,
    };
    const a = await register();
    const b = await register();
    simulator().faults.failNext(1, 'reject');
    await deliver(2);
    // A multi-row change moves both in the rollup within its transaction, and nothing once rolled back.
    await expectRollupThroughRollback(byState, (tx) =>
      tx.execute(sql`update ebike_businesses set upload_status = 'failed', upload_error = '测试' where id in (${a.business.id}, ${b.business.id})`),
    );
    // The report answers from the rollup what the GROUP BY over the ledger answers, in each scope.
    for (const s of [officer, supervisor]) {
      const principal = await principalOf(ctx, s);
      const sorted = (xs: { status: string; n: number }[]) => [...xs].sort((x, y) => x.status.localeCompare(y.status));
      expect(sorted(await uploadRepository.countsByStatus(ctx.platform.db, principal))).toEqual(
        sorted(await uploadRepository.countsByStatusRaw(ctx.platform.db, principal)),
      );
    }
  });

  it('every business of a vehicle reaches the far side, which keeps its own state', async () => {
    const r = await register();
    const theft = await act(officer, r.vehicle.id, 'theft', { version: r.vehicle.version, lostOn: '2026-11-21', place: '测试地点' });
    const recover = await act(officer, r.vehicle.id, 'recover', { version: theft.json().vehicle.version, note: '找回' });
    expect(recover.statusCode).toBe(200);
    await deliver(2);
    for (const lsh of [r.business.lsh, theft.json().business.lsh, recover.json().business.lsh]) expect(copies(lsh)).toBe(1);
    const held = (lsh: string) =>
      simulator()
        .received()
        .find((x) => x.lsh === lsh)!.fields;
    // Every collected item travels: the vehicle's (type, acquisition, battery …) and each business's own.
    expect(held(r.business.lsh)).toMatchObject({ cllx: '1', wtfs: expect.stringMatching(/^[12]$/), gmrq: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(held(r.business.lsh).lypzbh).toBeTruthy();
    expect(held(r.business.lsh).xdcdy).toMatch(/^\d+(\.\d+)?$/);
    expect(held(theft.json().business.lsh)).toMatchObject({ ztbj: 'C', ztcz: '1', sqrq: '2026-11-21', sqdd: '测试地点' });
    expect(held(recover.json().business.lsh)).toMatchObject({ ztbj: 'C', ztcz: '0', zhqk: '找回' });
  });

  it('a battery-only 变更 names what changed; a lock carries its reason and department', async () => {
    const r = await register();
    const change = await act(officer, r.vehicle.id, 'change', { version: r.vehicle.version, batteryVoltage: 36.5 });
    expect(change.statusCode, change.body).toBe(200);
    const lock = await act(officer, r.vehicle.id, 'lock', { version: change.json().vehicle.version, reason: '涉案待查' });
    expect(lock.statusCode, lock.body).toBe(200);
    await deliver(2);
    const held = (lsh: string) =>
      simulator()
        .received()
        .find((x) => x.lsh === lsh)!.fields;
    expect(held(change.json().business.lsh)).toMatchObject({ ywlx: 'D', bgxm: 'xdcdy', xdcdy: '36.5' });
    expect(held(lock.json().business.lsh)).toMatchObject({ ztbj: 'O', sdyy: '涉案待查', sdbm: expect.stringMatching(/^\d{12}$/) });
  });
});

describe('号牌管理', () => {
  it('keeps 号牌库存 (a rollup, N2/N3) equal to a GROUP BY over the pool through batches, allocation, return and cooling; a rolled-back change leaves it', async () => {
    const byState = {
      rollup: sql`select department_id, plate_kind, status, plates from ebike_plate_counts where plates <> 0 order by 1, 2, 3`,
      raw: sql`select department_id, plate_kind, status, count(*)::int as plates from ebike_plates group by 1, 2, 3 order by 1, 2, 3`,
    };
    const r = await register(); // allocates a plate
    await ctx.platform.db.execute(
      sql`update ebike_plates set status = 'free', vehicle_id = null, available_from = now() + interval '30 days' where plate <> ${r.vehicle.plate}
            and status = 'free' and plate in (select plate from ebike_plates where status = 'free' order by plate limit 3)`,
    ); // three cooling (returned lately)
    await expectRollupThroughRollback(byState, async (tx) => {
      await tx.execute(
        sql`update ebike_plates set status = 'retired' where plate in (select plate from ebike_plates where status = 'free' order by plate limit 5)`,
      );
      await tx.execute(
        sql`insert into ebike_plates (plate, plate_kind, department_id) select plate || 'X', plate_kind, department_id from ebike_plates limit 2`,
      );
    });
    for (const s of [officer, supervisor]) {
      const principal = await principalOf(ctx, s);
      const stats = await platesRepository.stats(ctx.platform.db, principal);
      expect(stats).toEqual(await platesRepository.statsRaw(ctx.platform.db, principal));
      expect(stats.some((x) => x.status === 'cooling')).toBe(true);
    }
  });

  it('lists and counts only the departments of the data scope', async () => {
    const me = (await call(supervisor, 'GET', '/api/auth/me')).json();
    const own = me.user?.departmentId ?? me.department?.id;
    const [ownDept] = await rows<{ path: string }>(sql`select path from departments where id = ${own}`);
    const [outside] = await rows<{ id: number }>(sql`select id from departments where path not like ${`${ownDept!.path}%`} order by id limit 1`);
    // A pool outside the supervisor's 支队, put there directly: its numbers must not show up in the supervisor's counts.
    await ctx.platform.db.execute(sql`insert into ebike_plates (plate, plate_kind, department_id) values ('沪Z0000001', 'P', ${outside!.id})`);

    const listed = await call(supervisor, 'GET', '/api/ebike/plates/departments');
    expect(listed.statusCode, listed.body).toBe(200);
    const ids = listed.json().map((d: { id: number }) => d.id);
    expect(ids).toContain(own);
    expect(ids).not.toContain(outside!.id);
    const inScope = await rows<{ id: number }>(sql`select id from departments where enabled and path like ${`${ownDept!.path}%`}`);
    expect(ids.sort()).toEqual(inScope.map((d) => d.id).sort());

    const stats = (await call(supervisor, 'GET', '/api/ebike/plates/stats')).json() as { departmentId: number }[];
    expect(stats.some((s) => s.departmentId === own)).toBe(true);
    expect(stats.some((s) => s.departmentId === outside!.id)).toBe(false);

    // The window officer reads the pool but may not create series, nor list where to put one.
    expect((await call(officer, 'GET', '/api/ebike/plates/departments')).statusCode).toBe(403);
    const refused = await call(supervisor, 'POST', '/api/ebike/plates/batches', {
      plateKind: 'P',
      departmentId: outside!.id,
      prefix: '沪Z',
      from: 2,
      count: 5,
    });
    expect(refused.statusCode).toBe(404);
  });
});
