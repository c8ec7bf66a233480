import { VEHICLE_BUSINESSES, type VehicleBusiness } from '@shtp/core/ebike';
import { ebikeRegistrations, organisations, Rng } from '@shtp/testkit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EbikePorts } from '../../src/modules/ebike/ebike.ports.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { createTestApp, loginFresh, portsOf, type Session, type TestContext } from '../test-app.ts';
import { BUSINESS_PATH, businessBodies } from './business-bodies.ts';

/**
 * Every business × every vehicle state, at the API: the expected refusal (409 BUSINESS_REFUSED with its Chinese
 * rule, written out here — not read back from the server's own actions) and that a refusal writes and enqueues
 * nothing; every allowed business succeeds. A vehicle whose upload 六合一 rejected, or one whose businesses wait
 * for it, takes businesses as usual: they wait for the repair (ebike-upload-order.test.ts).
 */
let ctx: TestContext;
let officer: Session;
let supervisor: Session;
const { person, registration } = ebikeRegistrations(20261214);

interface Vehicle {
  id: number;
  version: number;
  businesses: { id: number; type: string }[];
}
const call = (s: Session, method: 'GET' | 'POST', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload }) });
const act = async (s: Session, id: number, path: string, body: object) => {
  const res = await call(s, 'POST', `/api/ebike/vehicles/${id}/${path}`, body);
  if (res.statusCode !== 200) throw new Error(`${path} failed: ${res.statusCode} ${res.body}`);
  return res.json().vehicle as Vehicle;
};
const deliver = () => ctx.platform.jobs.drain();
const written = async () =>
  (
    await queryRows<{ v: number; b: number; j: number; p: number }>(
      ctx.platform.db,
      sql`select (select count(*)::int from nm_vehicles) as v, (select count(*)::int from ebike_businesses) as b,
        (select count(*)::int from jobs where queue = 'ebike.upload') as j, (select count(*)::int from ebike_plates where status = 'free') as p`,
    )
  )[0]!;

const BODIES = businessBodies(person);

const register = async () => (await call(officer, 'POST', '/api/ebike/vehicles', registration())).json().vehicle as Vehicle;
const STATES: Record<string, () => Promise<Vehicle>> = {
  正常: register,
  被盗抢: async () => {
    const v = await register();
    return act(officer, v.id, 'theft', { version: v.version, ...BODIES.theft(v) });
  },
  锁定: async () => {
    const v = await register();
    return act(officer, v.id, 'lock', { version: v.version, ...BODIES.lock(v) });
  },
  注销: async () => {
    const v = await register();
    return act(officer, v.id, 'cancel', { version: v.version, ...BODIES.cancel(v) });
  },
  上传被拒: async () => {
    await deliver();
    portsOf<EbikePorts>(ctx, 'ebike').liuheyi.simulator!.faults.failNext(1, 'reject');
    const v = await register();
    await deliver();
    return v;
  },
  等待前序业务: async () => {
    const v = await STATES.上传被拒!();
    const changed = await act(officer, v.id, 'change', { version: v.version, colours: ['G'] });
    await deliver();
    return changed;
  },
};

const STOLEN = '车辆处于被盗抢状态，停止办理转移、变更、补换牌业务；找回后方可办理（参照《机动车登记规定》第七十六条）';
const LOCKED = '车辆已锁定（原因：涉案待查），须由锁定部门解锁后才能办理业务';
const CANCELLED = '车辆已注销，不能再办理任何业务（注销为终态）';
const NOT_LOCKED = '车辆未锁定，无需解锁';
const NOT_STOLEN = '车辆不是失窃状态，无需办理找回';
const NORMAL: Partial<Record<VehicleBusiness, string>> = { recover: NOT_STOLEN, unlock: NOT_LOCKED };

/** The refusal of each business in each state; a business not named is allowed. */
const EXPECTED: Record<string, Partial<Record<VehicleBusiness, string>>> = {
  正常: NORMAL,
  被盗抢: { transfer: STOLEN, change: STOLEN, replace_plate: STOLEN, theft: '车辆已登记为失窃，不能重复登记', unlock: NOT_LOCKED },
  锁定: Object.fromEntries(VEHICLE_BUSINESSES.filter((b) => b !== 'unlock').map((b) => [b, LOCKED])),
  注销: Object.fromEntries(VEHICLE_BUSINESSES.map((b) => [b, CANCELLED])),
  上传被拒: NORMAL,
  等待前序业务: NORMAL,
};

beforeAll(async () => {
  ctx = await createTestApp();
  officer = await loginFresh(ctx, 'officer01');
  supervisor = await loginFresh(ctx, 'supervisor01');
  const departmentId = (await call(officer, 'GET', '/api/auth/me')).json().department.id;
  for (const plateKind of ['P', 'K']) {
    const prefix = plateKind === 'P' ? '沪A' : '沪K';
    const res = await call(supervisor, 'POST', '/api/ebike/plates/batches', { plateKind, departmentId, prefix, from: 1, count: 300 });
    expect(res.statusCode, res.body).toBe(200);
  }
}, 60_000);
afterAll(() => ctx?.close());

describe('every business × every vehicle state', () => {
  for (const state of Object.keys(STATES)) {
    it(`${state}: refused ones with their rule and nothing written or enqueued; allowed ones succeed`, async () => {
      for (const business of VEHICLE_BUSINESSES) {
        const v = await STATES[state]!();
        const before = await written();
        // officer01 does the businesses of the window; supervisor01 (the locking department's superior) unlocks.
        const res = await call(business === 'unlock' ? supervisor : officer, 'POST', `/api/ebike/vehicles/${v.id}/${BUSINESS_PATH[business]}`, {
          version: v.version,
          ...BODIES[business](v),
        });
        const refusal = EXPECTED[state]![business];
        if (refusal) {
          expect(res.statusCode, `${state} ${business}: ${res.body}`).toBe(409);
          expect(res.json(), `${state} ${business}`).toMatchObject({ code: 'BUSINESS_REFUSED', message: refusal });
          expect(await written(), `${state} ${business}`).toEqual(before);
        } else {
          expect(res.statusCode, `${state} ${business}: ${res.body}`).toBe(200);
          expect((await written()).b, `${state} ${business}`).toBe(before.b + 1);
        }
      }
    });
  }
});

describe('specific rules', () => {
  it('a transfer to the same owner is refused per field; BB takes a new number, BA keeps it', async () => {
    const body = registration();
    const v = (await call(officer, 'POST', '/api/ebike/vehicles', body)).json().vehicle;
    const before = await written();
    const same = await call(officer, 'POST', `/api/ebike/vehicles/${v.id}/transfer`, { version: v.version, mode: 'BA', owner: body.owner });
    expect(same.statusCode).toBe(400);
    expect(same.json().details).toEqual([{ field: 'owner.idNumber', message: '新所有人与现所有人相同，不能办理转移登记' }]);
    expect(await written()).toEqual(before);
    const ba = (await call(officer, 'POST', `/api/ebike/vehicles/${v.id}/transfer`, { version: v.version, mode: 'BA', owner: person() })).json().vehicle;
    expect(ba.plate).toBe(v.plate);
    const bb = (await call(officer, 'POST', `/api/ebike/vehicles/${v.id}/transfer`, { version: ba.version, mode: 'BB', owner: person() })).json().vehicle;
    expect(bb.plate).not.toBe(v.plate);
    expect(bb.businesses[0]).toMatchObject({ type: 'transfer', ywyy: 'BB' });
  });

  it('普通 ↔ 专用: a change of plate kind takes a number of the other series', async () => {
    const v = await register();
    const res = await call(officer, 'POST', `/api/ebike/vehicles/${v.id}/change`, { version: v.version, plateKind: 'K' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().vehicle).toMatchObject({ plateKind: 'K', plate: expect.stringMatching(/^沪K/) });
  });

  it('an owner-chosen free number is taken; a taken or malformed one is refused per field, nothing written', async () => {
    const free = (
      await queryRows<{ plate: string }>(
        ctx.platform.db,
        sql`select plate from ebike_plates where status = 'free' and plate_kind = 'P' order by plate desc limit 1`,
      )
    )[0]!.plate;
    const chosen = await call(officer, 'POST', '/api/ebike/vehicles', { ...registration(), plateNumber: free });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json().vehicle.plate).toBe(free);
    const before = await written();
    for (const plateNumber of [free, 'ABC']) {
      const res = await call(officer, 'POST', '/api/ebike/vehicles', { ...registration(), plateNumber });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().details[0].field).toBe('plateNumber');
    }
    expect(await written()).toEqual(before);
  });

  it('a number returned by 注销 or 换领 cools down before it is allocated again', async () => {
    const v = await register();
    const replaced = await act(officer, v.id, 'replace-plate', { version: v.version, mode: 'damaged' });
    const cancelled = await register();
    await act(officer, cancelled.id, 'cancel', { version: cancelled.version, reason: 'unused' });
    const plates = [(v as unknown as { plate: string }).plate, (cancelled as unknown as { plate: string }).plate];
    const rows = await queryRows<{ plate: string; status: string; cooling: boolean }>(
      ctx.platform.db,
      sql`select plate, status, available_from > now() + interval '170 days' as cooling from ebike_plates where plate in (${plates[0]}, ${plates[1]}) order by plate`,
    );
    expect(rows.map((r) => [r.status, r.cooling])).toEqual([
      ['free', true],
      ['free', true],
    ]);
    // A cooling number is refused even when chosen.
    const res = await call(officer, 'POST', '/api/ebike/vehicles', { ...registration(), plateNumber: plates[0] });
    expect(res.statusCode).toBe(400);
    expect(replaced.version).toBeGreaterThan(v.version);
  });

  it('an 更正 that would move the 整车编码 onto a live vehicle is refused per field; one of an unregistered item too', async () => {
    const a = await register();
    const b = (await call(officer, 'POST', '/api/ebike/vehicles', registration())).json().vehicle;
    const before = await written();
    const res = await call(officer, 'POST', `/api/ebike/vehicles/${a.id}/correct`, {
      version: a.version,
      businessId: a.businesses[0]!.id,
      items: { zcbm: b.zcbm },
      reason: '整车编码录入错误',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([{ field: 'items.zcbm', message: `整车编码 ${b.zcbm} 已登记在其他车辆上` }]);
    const changed = await act(officer, a.id, 'change', { version: a.version, colours: ['H'] });
    const item = await call(officer, 'POST', `/api/ebike/vehicles/${a.id}/correct`, {
      version: changed.version,
      businessId: changed.businesses[0]!.id,
      items: { brand: '某品牌' },
      reason: '品牌录入错误',
    });
    expect(item.statusCode).toBe(400);
    expect(item.json().details[0]).toMatchObject({ field: 'items.brand', message: expect.stringContaining('未登记该项') });
    expect((await written()).b).toBe(before.b + 1);
  });

  it("the owner's ID number is correctable: checked per owner type, and found by its new number only (blind index re-keyed)", async () => {
    const body = registration();
    const v = (await call(officer, 'POST', '/api/ebike/vehicles', body)).json().vehicle;
    const wrong = await call(officer, 'POST', `/api/ebike/vehicles/${v.id}/correct`, {
      version: v.version,
      businessId: v.businesses[0].id,
      items: { idNumber: '310101199013011234' },
      reason: '身份证号码录入错误',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details[0]).toMatchObject({ field: 'items.idNumber', message: expect.stringContaining('所有人身份证号码') });
    const right = person().idNumber;
    const res = await call(officer, 'POST', `/api/ebike/vehicles/${v.id}/correct`, {
      version: v.version,
      businessId: v.businesses[0].id,
      items: { idNumber: right.toLowerCase() },
      reason: '身份证号码录入错误',
    });
    expect(res.statusCode, res.body).toBe(200);
    const found = async (idNumber: string) => (await call(officer, 'GET', `/api/ebike/vehicles?idNumber=${idNumber}`)).json().map((i: { id: number }) => i.id);
    expect(await found(right)).toEqual([v.id]);
    expect(await found(body.owner.idNumber)).not.toContain(v.id);
  });

  it('an organisation owner (USCC) with an agent registers, and 六合一 receives the agent as 委托代理', async () => {
    const body = registration();
    const agent = person();
    const company = organisations(new Rng(20261214), { count: 1 }).next().value!;
    const org = await call(officer, 'POST', '/api/ebike/vehicles', {
      ...body,
      owner: {
        ownerType: '2',
        idNumber: company.uscc,
        name: company.name,
        phone: body.owner.phone,
        districtCode: body.owner.districtCode,
        address: body.owner.address,
      },
      agent: { idNumber: agent.idNumber, name: agent.name },
    });
    expect(org.statusCode, org.body).toBe(200);
    await deliver();
    const held = portsOf<EbikePorts>(ctx, 'ebike')
      .liuheyi.simulator!.received()
      .find((r) => r.lsh === org.json().business.lsh)!;
    expect(held.fields).toMatchObject({ syrlx: '2', sfzmmc: 'B', wtfs: '2', dlrxm: agent.name, dlrsfzmhm: agent.idNumber });
  });
});
