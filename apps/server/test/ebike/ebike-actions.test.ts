import { CORRECTABLE_KEYS, VEHICLE_BUSINESSES, type VehicleActions } from '@shtp/core/ebike';
import { NO_PERMISSION } from '@shtp/core/platform';
import { ebikeRegistrations } from '@shtp/testkit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginFresh, type Session, type TestContext } from '../test-app.ts';
import { BUSINESS_PATH, businessBodies } from './business-bodies.ts';

/**
 * The allowed actions a vehicle carries are the server's own decisions: every action the record allows the caller
 * succeeds, every action it refuses is refused with the same reason — so the console, which shows buttons only from
 * them, offers exactly what the server accepts.
 */
let ctx: TestContext;
let officer: Session;
let supervisor: Session;
const { person, registration } = ebikeRegistrations(20261203);

const call = (s: Session, method: 'GET' | 'POST', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload }) });
interface Vehicle {
  id: number;
  version: number;
  actions: VehicleActions;
  businesses: { id: number; type: string }[];
}
const detail = async (s: Session, id: number) => (await call(s, 'GET', `/api/ebike/vehicles/${id}`)).json() as Vehicle;
const act = async (s: Session, id: number, path: string, body: object) => {
  const res = await call(s, 'POST', `/api/ebike/vehicles/${id}/${path}`, body);
  if (res.statusCode !== 200) throw new Error(`${path} failed: ${res.statusCode} ${res.body}`);
  return res.json().vehicle as Vehicle;
};

const BODIES = businessBodies(person);
const PATH = BUSINESS_PATH;

/** A new vehicle in one of the states of the state machine. */
const STATES: Record<string, () => Promise<Vehicle>> = {
  normal: async () => (await call(officer, 'POST', '/api/ebike/vehicles', registration())).json().vehicle,
  stolen: async () => {
    const v = await STATES.normal!();
    return act(officer, v.id, 'theft', { version: v.version, ...BODIES.theft(v) });
  },
  locked: async () => {
    const v = await STATES.normal!();
    return act(officer, v.id, 'lock', { version: v.version, ...BODIES.lock(v) });
  },
  cancelled: async () => {
    const v = await STATES.normal!();
    return act(officer, v.id, 'cancel', { version: v.version, ...BODIES.cancel(v) });
  },
};

beforeAll(async () => {
  ctx = await createTestApp();
  officer = await loginFresh(ctx, 'officer01');
  supervisor = await loginFresh(ctx, 'supervisor01');
  const departmentId = (await call(officer, 'GET', '/api/auth/me')).json().department.id;
  const res = await call(supervisor, 'POST', '/api/ebike/plates/batches', { plateKind: 'P', departmentId, prefix: '沪A', from: 1, count: 200 });
  expect(res.statusCode, res.body).toBe(200);
}, 60_000);
afterAll(() => ctx?.close());

describe('a vehicle’s actions are what the server accepts', () => {
  for (const [user, state] of ['officer01', 'supervisor01'].flatMap((u) => Object.keys(STATES).map((s) => [u, s] as const))) {
    it(`${user}, ${state} vehicle: each allowed business succeeds, each refused one is refused with the reason given`, async () => {
      const s = user === 'officer01' ? officer : supervisor;
      let v = await STATES[state]!();
      const { actions } = await detail(s, v.id);
      for (const business of VEHICLE_BUSINESSES) {
        const res = await call(s, 'POST', `/api/ebike/vehicles/${v.id}/${PATH[business]}`, { version: v.version, ...BODIES[business](v) });
        const decision = actions[business];
        if (decision.allowed) {
          expect(res.statusCode, `${business}: ${res.body}`).toBe(200);
          v = await STATES[state]!(); // the business changed the vehicle: the next one starts again from the state
        } else {
          expect([403, 409], `${business}: ${res.body}`).toContain(res.statusCode);
          expect(res.json().message, business).toBe(decision.reason);
        }
      }
    });
  }

  it('offers unlock only to the locking department or one above it, and refuses it elsewhere with the same words', async () => {
    const v = await STATES.locked!();
    expect((await detail(supervisor, v.id)).actions.unlock).toEqual({ allowed: true });
    // The lock was set by a department outside the supervisor's line (another detachment).
    await ctx.platform.db.execute(
      sql`update nm_vehicles set lock_department_id = (select id from departments where level = '支队' and path not like (
            select d.path || '%' from users u join departments d on d.id = u.department_id where u.username = 'supervisor01') order by id limit 1)
          where id = ${v.id}`,
    );
    const { actions } = await detail(supervisor, v.id);
    expect(actions.unlock.allowed).toBe(false);
    expect(actions.unlock.reason).toMatch(/^只有锁定部门（.+）或其上级部门可以解锁$/);
    const res = await call(supervisor, 'POST', `/api/ebike/vehicles/${v.id}/unlock`, { version: v.version, reason: '核查无误' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'BUSINESS_REFUSED', message: actions.unlock.reason });
  });

  it('names the businesses an 更正 may target with their items, as the server checks them', async () => {
    let v = await STATES.normal!();
    v = await act(officer, v.id, 'change', { version: v.version, colours: ['H'] });
    v = await act(officer, v.id, 'lock', { version: v.version, reason: '涉案待查' });
    v = await act(supervisor, v.id, 'unlock', { version: v.version, reason: '核查无误' });
    const [, , change, register] = v.businesses;
    expect(v.actions.correct).toEqual({
      allowed: true,
      targets: [
        { businessId: change!.id, items: ['colours'] },
        { businessId: register!.id, items: CORRECTABLE_KEYS },
      ],
    });
    // An item the change did not register is refused; the lock is no target at all.
    const other = await call(officer, 'POST', `/api/ebike/vehicles/${v.id}/correct`, {
      version: v.version,
      businessId: change!.id,
      items: { model: 'E90' },
      reason: '型号录入错误',
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().details).toEqual([{ field: 'items.model', message: expect.stringContaining('未登记该项') }]);
  });

  it('the clear view and the labels follow the caller’s permissions and clearance', async () => {
    const v = await STATES.normal!();
    expect((await detail(officer, v.id)).actions).toMatchObject({
      piiView: { allowed: false, reason: NO_PERMISSION, fullIdPurposes: [] },
      label: { allowed: false, reason: NO_PERMISSION, labels: [] },
    });
    // supervisor01 is cleared for 机密 and holds no full-ID permission (no built-in role does).
    expect((await detail(supervisor, v.id)).actions).toMatchObject({
      piiView: { allowed: true, fullIdPurposes: [] },
      label: { allowed: true, labels: ['public', 'internal', 'sensitive', 'confidential'] },
    });
    // A business's answer and a clear view carry the caller's actions too.
    const clear = await call(supervisor, 'POST', `/api/ebike/vehicles/${v.id}/pii-view`, { purpose: 'business', reason: '核对登记信息' });
    expect(clear.json().actions.label.allowed).toBe(true);
    const locked = await act(officer, v.id, 'lock', { version: v.version, reason: '涉案待查' });
    expect(VEHICLE_BUSINESSES.filter((b) => locked.actions[b].allowed)).toEqual([]); // officer01 may not unlock
  });

  it('the upload monitor offers a resend only for a failed or rejected upload, to a holder of the permission', async () => {
    await STATES.normal!();
    await ctx.platform.db.execute(
      sql`update ebike_businesses set upload_status = 'failed', upload_error = '六合一拒收' where id = (select max(id) from ebike_businesses)`,
    );
    const items = (await call(officer, 'GET', '/api/ebike/uploads?pageSize=200')).json().items as {
      upload: { status: string };
      actions: { resend: { allowed: boolean; reason?: string } };
    }[];
    expect(items.some((i) => i.upload.status === 'failed')).toBe(true);
    for (const i of items) {
      const resendable = i.upload.status === 'failed' || i.upload.status === 'rejected';
      expect(i.actions.resend).toEqual(resendable ? { allowed: true } : { allowed: false, reason: '只有上传失败或被退回的业务可以重新上传' });
    }
  });
});
