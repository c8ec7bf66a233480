import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoadworksPorts } from '../../src/modules/roadworks/roadworks.ports.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { createTestApp, loginFresh, portsOf, type Session, type TestContext } from '../test-app.ts';

let ctx: TestContext;
let officer: Session;
let supervisor: Session;

const call = (s: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  ctx.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const hub = () => portsOf<RoadworksPorts>(ctx, 'roadworks').hub.simulator!;
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const roadId = async (q: string) => (await call(officer, 'GET', `/api/roadworks/roads/suggest?q=${encodeURIComponent(q)}`)).json()[0].id as number;
const auditCount = async (action: string, targetId: number) =>
  (
    await queryRows<{ n: number }>(ctx.platform.db, sql`select count(*)::int as n from audit_log where action = ${action} and target_id = ${String(targetId)}`)
  )[0]!.n;

interface Seg {
  id: number;
  label: string;
  version: number;
  from: { id: number };
  to: { id: number };
}
interface Road {
  id: number;
  segments: Seg[];
  retiredSegments: Seg[];
  intersections: { id: number; name: string; roadIds: number[]; version: number }[];
}

function hubCase(caseNo: string, from: string, to: string, extra: Record<string, unknown> = {}) {
  return {
    caseNo,
    applicant: '上海市自来水管线公司',
    worksType: 'dig',
    requestedFrom: from,
    requestedTo: to,
    lanes: '南侧一条机动车道',
    trafficPlan: '白天施工，设置锥桶',
    attachments: [],
    locationText: '测试地点',
    ...extra,
  };
}

async function pulledCase(caseNo: string) {
  expect((await call(officer, 'POST', '/api/roadworks/cases/pull')).statusCode).toBe(200);
  return (await call(supervisor, 'GET', `/api/roadworks/cases?caseNo=${caseNo}`)).json().items[0] as {
    id: number;
    version: number;
    departmentId: number | null;
    departmentName: string | null;
  };
}

beforeAll(async () => {
  ctx = await createTestApp();
  officer = await loginFresh(ctx, 'officer01');
  supervisor = await loginFresh(ctx, 'supervisor01');
});
afterAll(() => ctx?.close());

describe('editing and retiring segments and intersections (R5)', () => {
  let road: Road;
  const ids = { huashan: 0, zhenning: 0, jiangsu: 0 };

  beforeAll(async () => {
    ids.huashan = await roadId('华山路');
    ids.zhenning = await roadId('镇宁路');
    ids.jiangsu = await roadId('江苏路');
    const created = await call(supervisor, 'POST', '/api/roadworks/roads', {
      name: '维护测试路',
      districts: ['310105'],
      grade: 'branch',
    });
    expect(created.statusCode, created.body).toBe(200);
    const url = `/api/roadworks/roads/${created.json().id}/segments`;
    expect((await call(supervisor, 'POST', url, { fromRoadId: ids.huashan, toRoadId: ids.zhenning, seq: 1 })).statusCode).toBe(200);
    const res = await call(supervisor, 'POST', url, { fromRoadId: ids.zhenning, toRoadId: ids.jiangsu, seq: 2 });
    expect(res.statusCode, res.body).toBe(200);
    road = res.json();
  });

  const node = (name: string) => road.intersections.find((i) => i.name.includes(name))!;

  it('moves a segment’s ends and order with its history and audit, refusing a clash or an end off the road', async () => {
    const [first, second] = road.segments;
    const url = `/api/roadworks/segments/${first!.id}`;
    const body = { fromIntersectionId: node('江苏路').id, toIntersectionId: node('华山路').id, seq: 2, version: first!.version };
    const clash = await call(supervisor, 'PUT', url, body);
    expect(clash.statusCode).toBe(409);
    expect(clash.json().message).toContain('顺序号 2');
    const sameEnds = await call(supervisor, 'PUT', url, { ...body, fromIntersectionId: second!.from.id, toIntersectionId: second!.to.id, seq: 3 });
    expect(sameEnds.statusCode).toBe(409);
    const [elsewhere] = await queryRows<{ id: number }>(
      ctx.platform.db,
      sql`select id from rw_intersections where not (road_ids @> array[${road.id}]::int[]) limit 1`,
    );
    const offRoad = await call(supervisor, 'PUT', url, { ...body, fromIntersectionId: elsewhere!.id, seq: 3 });
    expect(offRoad.statusCode).toBe(400);
    expect(offRoad.json().details[0]).toMatchObject({ field: 'fromIntersectionId' });
    expect(offRoad.json().details[0].message).toContain('不在本道路上');
    expect((await call(officer, 'PUT', url, { ...body, seq: 3 })).statusCode).toBe(403);

    const moved = await call(supervisor, 'PUT', url, { ...body, seq: 3 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().segments.map((s: Seg) => s.label)).toEqual(['维护测试路 镇宁路—江苏路', '维护测试路 江苏路—华山路']);
    const history = (await call(supervisor, 'GET', `/api/roadworks/segments/${first!.id}/history`)).json();
    expect(history).toHaveLength(1);
    expect(history[0].data).toMatchObject({ seq: 1, fromIntersectionId: first!.from.id });
    expect(await auditCount('roadworks.segment.update', first!.id)).toBe(1);
    expect((await call(supervisor, 'PUT', url, { ...body, seq: 3 })).statusCode).toBe(409);
    road = moved.json();
  });

  it('refuses to retire a segment while an open case is placed on it, retires it once the case is closed', async () => {
    const seg = road.segments.find((s) => s.label === '维护测试路 镇宁路—江苏路')!;
    hub().submit(hubCase('YW-2026-100001', plusDays(today, 5), plusDays(today, 9)));
    const c = await pulledCase('YW-2026-100001');
    const placed = await call(supervisor, 'POST', `/api/roadworks/cases/${c.id}/placements`, { placements: [{ segmentId: seg.id }], version: c.version });
    expect(placed.statusCode, placed.body).toBe(200);

    const url = `/api/roadworks/segments/${seg.id}/retire`;
    const refused = await call(supervisor, 'POST', url, { reason: '道路改线', version: seg.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'GAZETTEER_IN_USE' });
    expect(refused.json().message).toContain('YW-2026-100001');
    expect(refused.json().message).toContain('不能停用');
    expect((await call(supervisor, 'POST', url, { reason: '', version: seg.version })).statusCode).toBe(400);

    const closed = await call(supervisor, 'POST', `/api/roadworks/cases/${c.id}/refuse`, { reason: '道路改线，不予许可', version: placed.json().version });
    expect(closed.statusCode).toBe(200);
    const retired = await call(supervisor, 'POST', url, { reason: '道路改线', version: seg.version });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json().segments.map((s: Seg) => s.id)).not.toContain(seg.id);
    expect(retired.json().retiredSegments.map((s: Seg) => s.label)).toEqual(['维护测试路 镇宁路—江苏路']);
    expect(await auditCount('roadworks.segment.retire', seg.id)).toBe(1);
    // Kept, not deleted: the refused case still names it.
    expect((await call(supervisor, 'GET', `/api/roadworks/cases/${c.id}`)).json().placements[0].label).toBe('维护测试路 镇宁路—江苏路');
    expect((await call(supervisor, 'POST', url, { reason: '再次', version: seg.version + 1 })).statusCode).toBe(409);

    hub().submit(hubCase('YW-2026-100002', plusDays(today, 5), plusDays(today, 9)));
    const next = await pulledCase('YW-2026-100002');
    const onRetired = await call(supervisor, 'POST', `/api/roadworks/cases/${next.id}/placements`, {
      placements: [{ segmentId: seg.id }],
      version: next.version,
    });
    expect(onRetired.statusCode).toBe(400);
    expect(onRetired.json().details[0].message).toContain('已停用');
    road = retired.json();
  });

  it('edits an intersection’s roads (name follows) and retires one no segment in service ends at', async () => {
    const zhenning = node('镇宁路');
    const jiangsu = node('江苏路');
    const busy = await call(supervisor, 'POST', `/api/roadworks/intersections/${jiangsu.id}/retire`, { reason: '测试', version: jiangsu.version });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().message).toContain('维护测试路 江苏路—华山路');

    const dropOwn = await call(supervisor, 'PUT', `/api/roadworks/intersections/${jiangsu.id}`, {
      roadIds: [ids.jiangsu, ids.zhenning],
      districtCode: '310105',
      version: jiangsu.version,
    });
    expect(dropOwn.statusCode).toBe(400);
    expect(dropOwn.json().details[0].message).toContain('须保留道路“维护测试路”');
    const widened = await call(supervisor, 'PUT', `/api/roadworks/intersections/${jiangsu.id}`, {
      roadIds: [road.id, ids.jiangsu, ids.zhenning],
      districtCode: '310105',
      version: jiangsu.version,
    });
    expect(widened.statusCode, widened.body).toBe(200);
    expect(widened.json()).toMatchObject({ name: ['江苏路', '维护测试路', '镇宁路'].sort().join('/'), version: jiangsu.version + 1 });
    expect((await call(supervisor, 'GET', `/api/roadworks/intersections/${jiangsu.id}/history`)).json()).toHaveLength(1);

    // The 镇宁路 end served only the retired segment.
    const retired = await call(supervisor, 'POST', `/api/roadworks/intersections/${zhenning.id}/retire`, { reason: '路口取消', version: zhenning.version });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json().retiredAt).not.toBeNull();
    expect(await auditCount('roadworks.intersection.retire', zhenning.id)).toBe(1);
    const after: Road = (await call(supervisor, 'GET', `/api/roadworks/roads/${road.id}`)).json();
    expect(after.intersections.map((i) => i.id)).not.toContain(zhenning.id);
    // Its name is free again: a new segment to 镇宁路 makes a new intersection.
    const again = await call(supervisor, 'POST', `/api/roadworks/roads/${road.id}/segments`, { fromRoadId: ids.huashan, toRoadId: ids.zhenning, seq: 4 });
    expect(again.statusCode, again.body).toBe(200);
    const fresh = (again.json() as Road).intersections.find((i) => i.name === zhenning.name)!;
    expect(fresh.id).not.toBe(zhenning.id);
  });
});

describe('district routing of incoming 一网通办 cases', () => {
  it('sends a case naming a mapped district to that department; the others wait in the city inbox', async () => {
    const view = await call(officer, 'GET', '/api/roadworks/routing');
    expect(view.statusCode).toBe(200);
    expect(view.json().districts).toHaveLength(16);
    const [pudong] = await queryRows<{ id: number; name: string }>(ctx.platform.db, sql`select id, name from departments where code = '310115000000'`);
    expect(view.json().departments).toContainEqual(pudong);
    const url = '/api/roadworks/routing';
    expect((await call(officer, 'PUT', url, { districtCode: '310115', departmentId: pudong!.id })).statusCode).toBe(403);
    const [hq] = await queryRows<{ id: number }>(ctx.platform.db, sql`select id from departments where level = '总队' limit 1`);
    const notDetachment = await call(supervisor, 'PUT', url, { districtCode: '310115', departmentId: hq!.id });
    expect(notDetachment.statusCode).toBe(400);
    expect(notDetachment.json().details[0]).toMatchObject({ field: 'departmentId', message: '承办部门须为启用的支队或大队' });
    expect((await call(supervisor, 'PUT', url, { districtCode: '320115', departmentId: pudong!.id })).statusCode).toBe(400);
    const set = await call(supervisor, 'PUT', url, { districtCode: '310115', departmentId: pudong!.id });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().districts.find((d: { districtCode: string }) => d.districtCode === '310115')).toMatchObject({ departmentName: pudong!.name });

    hub().submit(hubCase('YW-2026-200001', plusDays(today, 3), plusDays(today, 6), { districtCode: '310115' }));
    hub().submit(hubCase('YW-2026-200002', plusDays(today, 3), plusDays(today, 6), { districtCode: '310105' }));
    expect((await call(officer, 'POST', '/api/roadworks/cases/pull')).statusCode).toBe(200);
    const pudongOfficer = await loginFresh(ctx, { roles: ['window_officer'], department: '310115000000' });
    const changningOfficer = await loginFresh(ctx, { roles: ['window_officer'], department: '310105000000' });
    const seen = async (s: Session, caseNo: string) => (await call(s, 'GET', `/api/roadworks/cases?caseNo=${caseNo}`)).json().items;
    const [routed] = await seen(pudongOfficer, 'YW-2026-200001');
    expect(routed).toMatchObject({ departmentId: pudong!.id, departmentName: pudong!.name, districtCode: '310115' });
    expect(await seen(changningOfficer, 'YW-2026-200001')).toHaveLength(0);
    // 长宁 has no department yet: its case is in the inbox, seen by both.
    const [inbox] = await seen(changningOfficer, 'YW-2026-200002');
    expect(inbox).toMatchObject({ departmentId: null, departmentName: null });
    expect(await seen(pudongOfficer, 'YW-2026-200002')).toHaveLength(1);

    // Setting 长宁's department later takes its waiting case out of the inbox.
    const [changningDept] = await queryRows<{ id: number }>(ctx.platform.db, sql`select id from departments where code = '310105000000'`);
    expect((await call(supervisor, 'PUT', url, { districtCode: '310105', departmentId: changningDept!.id })).statusCode).toBe(200);
    expect(await seen(pudongOfficer, 'YW-2026-200002')).toHaveLength(0);
    expect((await seen(changningOfficer, 'YW-2026-200002'))[0]).toMatchObject({ departmentId: changningDept!.id, version: inbox.version + 1 });
    const [routedAudit] = await queryRows<{ details: { routed: number } }>(
      ctx.platform.db,
      sql`select details from audit_log where action = 'roadworks.routing.update' and target_id = '310105'`,
    );
    expect(routedAudit!.details.routed).toBe(1);

    const cleared = await call(supervisor, 'PUT', url, { districtCode: '310115', departmentId: null });
    expect(cleared.json().districts.find((d: { districtCode: string }) => d.districtCode === '310115').departmentId).toBeNull();
    const audits = await queryRows<{ n: number }>(ctx.platform.db, sql`select count(*)::int as n from audit_log where action = 'roadworks.routing.update'`);
    expect(audits[0]!.n).toBe(3);
  });

  it('routes a placed case to the department of its segment’s district, else of the district the hub named', async () => {
    const url = '/api/roadworks/routing';
    const [pudong] = await queryRows<{ id: number }>(ctx.platform.db, sql`select id from departments where code = '310115000000'`);
    const [changning] = await queryRows<{ id: number }>(ctx.platform.db, sql`select id from departments where code = '310105000000'`);
    expect((await call(supervisor, 'PUT', url, { districtCode: '310115', departmentId: pudong!.id })).statusCode).toBe(200);
    const pudongOfficer = await loginFresh(ctx, { roles: ['window_officer'], department: '310115000000' });
    const changningOfficer = await loginFresh(ctx, { roles: ['window_officer'], department: '310105000000' });
    const firstSegment = async (name: string) => ((await call(officer, 'GET', `/api/roadworks/roads/${await roadId(name)}`)).json() as Road).segments[0]!;
    const yananWest = await firstSegment('延安西路'); // 长宁, mapped to its department by the test above
    const yananMiddle = await firstSegment('延安中路'); // 黄浦, no department
    hub().submit(hubCase('YW-2026-210001', plusDays(today, 80), plusDays(today, 85), { districtCode: '310115' }));
    expect((await call(officer, 'POST', '/api/roadworks/cases/pull')).statusCode).toBe(200);
    const [received] = (await call(pudongOfficer, 'GET', '/api/roadworks/cases?caseNo=YW-2026-210001')).json().items;
    expect(received.departmentId).toBe(pudong!.id);

    const place = (s: Session, c: { id: number; version: number }, segmentId: number) =>
      call(s, 'POST', `/api/roadworks/cases/${c.id}/placements`, { placements: [{ segmentId }], version: c.version });
    const moved = await place(pudongOfficer, received, yananWest.id);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ departmentId: changning!.id, districtCode: '310105' });
    expect(moved.json().actions.approve).toMatchObject({ allowed: false, reason: expect.stringContaining('办件已按路段所在区转至') });
    expect((await call(pudongOfficer, 'GET', `/api/roadworks/cases/${received.id}`)).statusCode).toBe(404);
    const [placeAudit] = await queryRows<{ details: { routedTo: number } }>(
      ctx.platform.db,
      sql`select details from audit_log where action = 'roadworks.case.place' and target_id = 'YW-2026-210001'`,
    );
    expect(placeAudit!.details.routedTo).toBe(changning!.id);

    // Moved to a district without a department, the case follows the district the hub named, not the last holder.
    const back = await place(changningOfficer, moved.json(), yananMiddle.id);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ departmentId: pudong!.id, districtCode: '310101' });
    expect((await call(pudongOfficer, 'GET', `/api/roadworks/cases/${received.id}`)).json().actions.approve).toEqual({ allowed: true });

    for (const districtCode of ['310105', '310115']) expect((await call(supervisor, 'PUT', url, { districtCode, departmentId: null })).statusCode).toBe(200);
  });
});

describe('supervisors’ warnings by department (R4)', () => {
  it('counts per handling department within the data scope, and filters by one', async () => {
    const [first] = (await call(officer, 'GET', `/api/roadworks/roads/suggest?q=${encodeURIComponent('延安西')}`)).json();
    const segment = (await call(officer, 'GET', `/api/roadworks/roads/${first.id}`)).json().segments[1] as Seg;
    const pudong = await loginFresh(ctx, { roles: ['window_officer'], department: '310115000000' });
    const changning = await loginFresh(ctx, { roles: ['window_officer'], department: '310105000000' });
    const placeAs = async (s: Session, caseNo: string) => {
      hub().submit(hubCase(caseNo, plusDays(today, 60), plusDays(today, 70)));
      expect((await call(s, 'POST', '/api/roadworks/cases/pull')).statusCode).toBe(200);
      const c = (await call(s, 'GET', `/api/roadworks/cases?caseNo=${caseNo}`)).json().items[0];
      const placed = await call(s, 'POST', `/api/roadworks/cases/${c.id}/placements`, { placements: [{ segmentId: segment.id }], version: c.version });
      expect(placed.statusCode, placed.body).toBe(200);
      return placed.json().warnings.length as number;
    };
    expect(await placeAs(pudong, 'YW-2026-300001')).toBe(0);
    const changningWarnings = await placeAs(changning, 'YW-2026-300002');
    const pudongWarnings = await placeAs(pudong, 'YW-2026-300003');
    expect(changningWarnings).toBeGreaterThan(0);
    expect(pudongWarnings).toBeGreaterThan(0);

    const list = async (s: Session, query = '') => (await call(s, 'GET', `/api/roadworks/warnings${query}`)).json();
    const ownOnly = await list(pudong);
    expect(ownOnly.items.map((w: { caseNo: string }) => w.caseNo)).toEqual(Array(pudongWarnings).fill('YW-2026-300003'));
    expect(ownOnly.byDepartment).toHaveLength(1);
    expect(ownOnly.byDepartment[0]).toMatchObject({ count: pudongWarnings });
    const pudongId = ownOnly.byDepartment[0].departmentId as number;
    expect((await list(changning)).items.map((w: { caseNo: string }) => w.caseNo)).toEqual(Array(changningWarnings).fill('YW-2026-300002'));
    // Another department's id is no way around the scope.
    expect((await list(changning, `?department=${pudongId}`)).items).toHaveLength(0);

    const city = await loginFresh(ctx, { permissions: ['roadworks', 'roadworks:warning'], dataScope: 'all' });
    const all = await list(city);
    const counts = Object.fromEntries(all.byDepartment.map((d: { departmentId: number; count: number }) => [d.departmentId, d.count]));
    expect(counts[pudongId]).toBe(pudongWarnings);
    expect(Object.values(counts)).toContain(changningWarnings);
    const filtered = await list(city, `?department=${pudongId}`);
    expect(new Set(filtered.items.map((w: { caseNo: string }) => w.caseNo))).toEqual(new Set(['YW-2026-300003']));
    expect(filtered.items[0].departmentName).toBe(ownOnly.byDepartment[0].departmentName);
    expect((await call(city, 'GET', '/api/roadworks/warnings?department=abc')).statusCode).toBe(400);
  });
});
