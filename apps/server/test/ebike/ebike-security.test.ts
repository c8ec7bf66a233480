import { EBIKE_P } from '@shtp/core/ebike';
import { ebikeRegistrations } from '@shtp/testkit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/client.ts';
import { createTestApp, loginFresh, type Session, type TestContext, type TestUser } from '../test-app.ts';

/**
 * The e-bike module against SECURITY.md rows AU-1 (one audit record per refusal), AC-5 (data scope on reads and
 * writes), AC-6 (security labels), PI-2 (clear view with a reason; the birth date stays hidden) and the
 * Idempotency-Key contract.
 */
let ctx: TestContext;
let officer: TestUser;
let supervisor: TestUser;
let sec: Session;
let sys: Session;
const { registration } = ebikeRegistrations(20261201);

type Method = 'GET' | 'POST' | 'PUT';
const call = (s: Session, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url, headers: { ...s.headers, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(ctx.platform.db, q);

interface AuditRow {
  action: string;
  result: string;
  reason: string | null;
  details: Record<string, unknown> | null;
  username: string | null;
}
const auditOf = (action: string, targetId: number) =>
  rows<AuditRow>(sql`select action, result, reason, details, username from audit_log where action = ${action} and target_id = ${String(targetId)} order by id`);
const failuresOf = async (username: string) =>
  (await rows<{ n: number }>(sql`select count(*)::int as n from audit_log where username = ${username} and result = 'failure'`))[0]!.n;
const businessCount = async (vehicleId: number) =>
  (await rows<{ n: number }>(sql`select count(*)::int as n from ebike_businesses where vehicle_id = ${vehicleId}`))[0]!.n;

const register = async (body = registration(), headers: Record<string, string> = {}) => {
  const res = await call(officer, 'POST', '/api/ebike/vehicles', body, headers);
  if (res.statusCode !== 200) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  return {
    body,
    vehicle: res.json().vehicle as { id: number; version: number; securityLabel: string; plate: string },
    business: res.json().business as { id: number },
  };
};
/** Moves a vehicle to a department outside the officers' district detachment. */
const moveOutOfScope = (id: number) =>
  ctx.platform.db.execute(
    sql`update nm_vehicles set department_id = (select id from departments where level = '支队' and path not like (
          select d.path || '%' from users u join departments d on d.id = u.department_id where u.username = ${supervisor.username}) order by id limit 1)
        where id = ${id}`,
  );
const userByName = async (username: string) =>
  (await call(sec, 'GET', `/api/system/users?keyword=${username}`)).json().items.find((u: { username: string }) => u.username === username) as {
    id: number;
    version: number;
    clearance: string;
  };
const setClearance = async (username: string, clearance: string) => {
  const u = await userByName(username);
  const res = await call(sec, 'PUT', `/api/system/users/${u.id}/clearance`, { clearance, version: u.version });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const setLabel = (s: Session, id: number, label: string, reason = '受保护人员车辆') => call(s, 'POST', `/api/ebike/vehicles/${id}/label`, { label, reason });
const piiView = (s: Session, id: number, body: object) => call(s, 'POST', `/api/ebike/vehicles/${id}/pii-view`, body);

beforeAll(async () => {
  ctx = await createTestApp();
  officer = await loginFresh(ctx, 'officer01');
  supervisor = await loginFresh(ctx, 'supervisor01');
  sec = await loginFresh(ctx, 'secadmin');
  sys = await loginFresh(ctx, 'sysadmin');
  const departmentId = (await call(officer, 'GET', '/api/auth/me')).json().department.id;
  const res = await call(supervisor, 'POST', '/api/ebike/plates/batches', { plateKind: 'P', departmentId, prefix: '沪A', from: 1, count: 100 });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(() => ctx?.close());

describe('AU-1 / AC-5: refusals by data scope are answered as not found and audited once', () => {
  it('a detail, a clear view and a business on a vehicle outside the data scope', async () => {
    const { vehicle } = await register();
    await moveOutOfScope(vehicle.id);

    expect((await call(officer, 'GET', `/api/ebike/vehicles/${vehicle.id}`)).statusCode).toBe(404);
    const read = await auditOf('ebike.detail', vehicle.id);
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ result: 'failure', username: officer.username });
    expect(read[0]!.reason).toContain('数据范围');

    const clear = await piiView(supervisor, vehicle.id, { purpose: 'case', reason: '案件核查' });
    expect(clear.statusCode).toBe(404);
    expect(clear.json().message).toBe('车辆不存在或无权访问');
    expect((await auditOf('ebike.pii-view', vehicle.id)).map((r) => r.result)).toEqual(['failure']);

    const lock = await call(officer, 'POST', `/api/ebike/vehicles/${vehicle.id}/lock`, { version: vehicle.version, reason: '涉案车辆' });
    expect(lock.statusCode).toBe(404);
    expect(await businessCount(vehicle.id)).toBe(1);
    const write = await auditOf('ebike.lock', vehicle.id);
    expect(write).toHaveLength(1);
    expect(write[0]).toMatchObject({ result: 'failure', username: officer.username });
  });

  it('E9 lookups that arrive together share one statement and each keeps its own data scope', async () => {
    const [a, b, c] = [await register(), await register(), await register()];
    await moveOutOfScope(c.vehicle.id);
    const search = (s: Session, plate: string) => call(s, 'GET', `/api/ebike/vehicles?plate=${encodeURIComponent(plate)}`);
    const plates = [a.vehicle.plate, b.vehicle.plate, c.vehicle.plate, '沪A999999'];
    const answers = await Promise.all([officer, supervisor].flatMap((s) => plates.map((plate) => search(s, plate))));
    for (const [i, res] of answers.entries()) {
      expect(res.statusCode, res.body).toBe(200);
      const plate = plates[i % plates.length]!;
      const expected = plate === a.vehicle.plate ? [a.vehicle.id] : plate === b.vehicle.plate ? [b.vehicle.id] : [];
      expect(
        res.json().map((v: { id: number }) => v.id),
        `${i < plates.length ? 'officer' : 'supervisor'} ${plate}`,
      ).toEqual(expected);
    }
  });

  it('the signature check of a business outside the data scope: not found and audited, like the record itself', async () => {
    const { vehicle } = await register();
    const [{ lsh } = { lsh: '' }] = await rows<{ lsh: string }>(sql`select lsh from ebike_businesses where vehicle_id = ${vehicle.id}`);
    const check = () => call(officer, 'GET', `/api/signatures/ebike-business/${lsh}`);
    expect((await check()).statusCode).toBe(200);
    await moveOutOfScope(vehicle.id);
    const refused = await check();
    expect(refused.statusCode).toBe(404);
    const audited = await rows<{ result: string; reason: string }>(
      sql`select result, reason from audit_log where action = 'signature.verify' and target_id = ${lsh} order by id`,
    );
    expect(audited.map((r) => r.result)).toEqual(['success', 'failure']);
    expect(audited[1]!.reason).toContain('数据范围');
  });

  it('a vehicle that does not exist is a plain not found, with nothing to audit against', async () => {
    expect((await call(officer, 'GET', '/api/ebike/vehicles/99999999')).statusCode).toBe(404);
    expect(await auditOf('ebike.detail', 99999999)).toHaveLength(0);
  });
});

describe('PI-2: the clear view needs the permission, a purpose and a reason, and keeps the birth date hidden', () => {
  it('without the permission: 403 and exactly one audit record', async () => {
    const { vehicle } = await register();
    const before = await failuresOf(officer.username);
    const res = await piiView(officer, vehicle.id, { purpose: 'business', reason: '联系车主' });
    expect(res.statusCode).toBe(403);
    expect(await failuresOf(officer.username)).toBe(before + 1);
  });

  it('without a reason or purpose: 400 per field in Chinese, nothing shown or audited', async () => {
    const { vehicle } = await register();
    const res = await piiView(supervisor, vehicle.id, { purpose: 'business', reason: '  ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([{ field: 'reason', message: '请填写查看原因' }]);
    const noPurpose = await piiView(supervisor, vehicle.id, { reason: '联系车主' });
    expect(noPurpose.json().details).toEqual([{ field: 'purpose', message: '请选择查看事由' }]);
    expect(await auditOf('ebike.pii-view', vehicle.id)).toHaveLength(0);
  });

  it('with a reason: name, phone and address in clear, the ID number as first 6 and last 4; the reason is in the audit record', async () => {
    const { body, vehicle } = await register();
    const res = await piiView(supervisor, vehicle.id, { purpose: 'business', reason: '联系车主办理变更' });
    expect(res.statusCode, res.body).toBe(200);
    const { owner, masked, fullIdNumber } = res.json();
    expect({ masked, fullIdNumber }).toEqual({ masked: false, fullIdNumber: false });
    expect(owner).toMatchObject({ name: body.owner.name, phone: body.owner.phone, address: body.owner.address });
    expect(owner.idNumber).toBe(`${body.owner.idNumber.slice(0, 6)}********${body.owner.idNumber.slice(14)}`);
    expect(owner.idNumber).not.toContain('19900517');
    const audited = await auditOf('ebike.pii-view', vehicle.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ result: 'success', details: { purpose: 'business', reason: '联系车主办理变更', fullIdNumber: false } });
  });

  it('the whole ID number needs a purpose that allows it and the full-id permission, which no built-in role holds', async () => {
    const { body, vehicle } = await register();
    const wrongPurpose = await piiView(supervisor, vehicle.id, { purpose: 'business', reason: '联系车主', fullIdNumber: true });
    expect(wrongPurpose.statusCode).toBe(400);
    expect(wrongPurpose.json().details[0]).toMatchObject({ field: 'fullIdNumber' });

    const refused = await piiView(supervisor, vehicle.id, { purpose: 'case', reason: '案件办理核对', fullIdNumber: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toBe('没有查看完整身份证明号码的权限');
    const audited = await auditOf('ebike.pii-view', vehicle.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ result: 'failure', details: { purpose: 'case', reason: '案件办理核对', fullIdNumber: true } });
    expect(audited[0]!.reason).toContain(EBIKE_P.piiViewFullId);

    const holders = await rows<{ code: string }>(
      sql`select r.code from role_permissions p join roles r on r.id = p.role_id where p.permission = ${EBIKE_P.piiViewFullId}`,
    );
    expect(holders).toEqual([]);
    const roles = (await call(sec, 'GET', '/api/system/roles')).json() as {
      id: number;
      code: string;
      name: string;
      description: string;
      dataScope: string;
      permissions: string[];
    }[];
    const role = roles.find((r) => r.code === 'supervisor')!;
    const grant = (permissions: string[]) =>
      call(sec, 'PUT', `/api/system/roles/${role.id}`, {
        code: role.code,
        name: role.name,
        description: role.description,
        dataScope: role.dataScope,
        permissions,
      });
    const granted = await grant([...role.permissions, EBIKE_P.piiViewFullId]);
    expect(granted.statusCode, granted.body).toBe(200);
    try {
      const whole = await piiView(supervisor, vehicle.id, { purpose: 'case', reason: '案件办理核对', fullIdNumber: true });
      expect(whole.statusCode, whole.body).toBe(200);
      expect(whole.json()).toMatchObject({ fullIdNumber: true, owner: { idNumber: body.owner.idNumber } });
      expect((await auditOf('ebike.pii-view', vehicle.id)).at(-1)).toMatchObject({ result: 'success', details: { fullIdNumber: true } });
    } finally {
      await grant(role.permissions);
    }
  });
});

describe('Idempotency-Key: the same key on a different request is refused', () => {
  it('answers 422 in Chinese for another body or another route, and registers nothing more', async () => {
    const key = 'reuse-key-0001';
    const first = registration();
    const a = await register(first, { 'idempotency-key': key });
    const again = await register(first, { 'idempotency-key': key });
    expect(again.business.id).toBe(a.business.id);

    const other = registration();
    const res = await call(officer, 'POST', '/api/ebike/vehicles', other, { 'idempotency-key': key });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringContaining('内容不同') });
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from nm_vehicles where zcbm = ${other.vehicle.zcbm}`))[0]!.n).toBe(0);

    const elsewhere = await call(
      officer,
      'POST',
      `/api/ebike/vehicles/${a.vehicle.id}/lock`,
      { version: a.vehicle.version, reason: '涉案车辆' },
      { 'idempotency-key': key },
    );
    expect(elsewhere.statusCode).toBe(422);
    expect(await businessCount(a.vehicle.id)).toBe(1);
  });

  it('keeps the digest of the first request, keyed (no plain hash of personal data) and as immutable as the key', async () => {
    const body = registration();
    const { business } = await register(body, { 'idempotency-key': 'digest-key-0001' });
    const [row] = await rows<{ request_digest: string }>(sql`select request_digest from ebike_businesses where id = ${business.id}`);
    expect(row!.request_digest).toMatch(/^[0-9a-f]{64}$/);
    await expect(ctx.platform.db.execute(sql`update ebike_businesses set request_digest = 'x' where id = ${business.id}`)).rejects.toThrow();
  });
});

describe('AC-6: security labels on vehicle records, clearances on users', () => {
  it('a new vehicle gets the default label; a supervisor changes it with a reason, audited', async () => {
    const { vehicle } = await register();
    expect(vehicle.securityLabel).toBe('internal');
    expect((await setLabel(officer, vehicle.id, 'sensitive')).statusCode).toBe(403);
    const res = await setLabel(supervisor, vehicle.id, 'sensitive');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().securityLabel).toBe('sensitive');
    const audited = await auditOf('ebike.label', vehicle.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ result: 'success', details: { from: 'internal', to: 'sensitive', reason: '受保护人员车辆' } });
    const same = await setLabel(supervisor, vehicle.id, 'sensitive');
    expect(same.statusCode).toBe(400);
    expect(same.json().details[0].field).toBe('label');
  });

  it('a user cleared below the label gets nothing: lists withhold it, detail and writes are not found, each audited once', async () => {
    const { body, vehicle } = await register();
    expect((await setLabel(supervisor, vehicle.id, 'sensitive')).statusCode).toBe(200);

    const found = await call(officer, 'GET', `/api/ebike/vehicles?zcbm=${body.vehicle.zcbm}`);
    expect(found.statusCode).toBe(200);
    expect(found.json()).toEqual([]);
    const [query] = await rows<AuditRow>(
      sql`select action, result, reason, details, username from audit_log where action = 'ebike.query' order by id desc limit 1`,
    );
    expect(query).toMatchObject({ result: 'failure', username: officer.username, details: { found: 0, withheld: 1 } });
    expect((await call(supervisor, 'GET', `/api/ebike/vehicles?zcbm=${body.vehicle.zcbm}`)).json()).toHaveLength(1);

    const uploads = (await call(officer, 'GET', '/api/ebike/uploads?pageSize=200')).json();
    expect(uploads.items.map((i: { vehicleId: number }) => i.vehicleId)).not.toContain(vehicle.id);

    expect((await call(officer, 'GET', `/api/ebike/vehicles/${vehicle.id}`)).statusCode).toBe(404);
    const read = await auditOf('ebike.detail', vehicle.id);
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ result: 'failure', username: officer.username });
    expect(read[0]!.reason).toContain('安全标记');

    const theft = await call(officer, 'POST', `/api/ebike/vehicles/${vehicle.id}/theft`, { version: vehicle.version, lostOn: '2026-11-30', place: '人民广场' });
    expect(theft.statusCode).toBe(404);
    expect(await businessCount(vehicle.id)).toBe(1);
    expect((await auditOf('ebike.theft', vehicle.id)).map((r) => r.result)).toEqual(['failure']);

    // The security administrator raises the officer's clearance: the record is within reach again.
    const officerUser = await setClearance(officer.username, 'sensitive');
    expect(officerUser.clearance).toBe('sensitive');
    expect((await auditOf('user.clearance', officerUser.id)).at(-1)).toMatchObject({ details: { from: 'internal', to: 'sensitive' } });
    expect((await call(officer, 'GET', `/api/ebike/vehicles/${vehicle.id}`)).statusCode).toBe(200);
    expect((await call(officer, 'GET', `/api/ebike/vehicles?zcbm=${body.vehicle.zcbm}`)).json()).toHaveLength(1);
    await setClearance(officer.username, 'internal');
  });

  it('nobody labels a record above their own clearance', async () => {
    const { vehicle } = await register();
    await setClearance(supervisor.username, 'sensitive');
    try {
      const res = await setLabel(supervisor, vehicle.id, 'confidential');
      expect(res.statusCode).toBe(403);
      const audited = await auditOf('ebike.label', vehicle.id);
      expect(audited).toHaveLength(1);
      expect(audited[0]).toMatchObject({ result: 'failure', details: { from: 'internal', to: 'confidential' } });
    } finally {
      await setClearance(supervisor.username, 'confidential');
    }
  });

  it('only the security administrator sets clearances; the clearance is covered by the user record MAC', async () => {
    const target = await userByName('road01');
    const bySys = await call(sys, 'PUT', `/api/system/users/${target.id}/clearance`, { clearance: 'confidential', version: target.version });
    expect(bySys.statusCode).toBe(403);
    const bad = await call(sec, 'PUT', `/api/system/users/${target.id}/clearance`, { clearance: 'top-secret', version: target.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0]).toMatchObject({ field: 'clearance', message: expect.stringContaining('公开、内部、敏感、机密') });

    await setClearance('road01', 'sensitive');
    expect((await ctx.platform.integrity.verify(ctx.platform.db)).findings).toEqual([]);
    // Raised in the database, past the application: the integrity check reports the user.
    await ctx.platform.db.execute(sql`update users set clearance = 'confidential' where id = ${target.id}`);
    const { findings } = await ctx.platform.integrity.verify(ctx.platform.db);
    expect(findings).toEqual([expect.objectContaining({ target: 'user', id: String(target.id) })]);
    await ctx.platform.db.execute(sql`update users set clearance = 'sensitive' where id = ${target.id}`);
    expect((await ctx.platform.integrity.verify(ctx.platform.db)).findings).toEqual([]);
  });

  it('the database accepts only labels of the code table', async () => {
    const { vehicle } = await register();
    await expect(ctx.platform.db.execute(sql`update nm_vehicles set security_label = 'top-secret' where id = ${vehicle.id}`)).rejects.toThrow();
  });
});
