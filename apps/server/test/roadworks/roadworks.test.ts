import { Rng, syntheticGazetteer } from '@shtp/testkit';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticBatch } from '../../src/modules/roadworks/demo/synthetic-gazetteer.ts';
import { insertGazetteer, seedRoadNames } from '../../src/modules/roadworks/gazetteer/gazetteer-seed.ts';
import { hubPullJob, overrunSweepJob } from '../../src/modules/roadworks/roadworks.jobs.ts';
import type { RoadworksPorts } from '../../src/modules/roadworks/roadworks.ports.ts';
import { addMonths } from '../../src/modules/roadworks/warnings/warning.rules.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { createTestApp, loginFresh, portsOf, type Session, type TestContext } from '../test-app.ts';

let ctx: TestContext;
let officer: Session;
let supervisor: Session;
let road: Session;

const call = (s: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  ctx.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const hub = () => portsOf<RoadworksPorts>(ctx, 'roadworks').hub.simulator!;
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const hubCase = (caseNo: string, from: string, to: string, worksType = 'dig') => ({
  caseNo,
  applicant: '上海燃气管网有限公司',
  worksType,
  requestedFrom: from,
  requestedTo: to,
  lanes: '北侧非机动车道及一条机动车道',
  trafficPlan: '夜间施工，设置导向标志',
  attachments: [{ name: '施工图.pdf', url: 'ywtb://att/1' }],
  locationText: '延安西路近华山路',
});

async function segmentOf(label: string) {
  const [first] = (await call(officer, 'GET', `/api/roadworks/roads/suggest?q=${encodeURIComponent('延安西')}`)).json();
  const roadDetail = (await call(officer, 'GET', `/api/roadworks/roads/${first.id}`)).json();
  return roadDetail.segments.find((s: { label: string }) => s.label === label) as { id: number; label: string; version: number };
}

async function pulledCase(caseNo: string) {
  expect((await call(officer, 'POST', '/api/roadworks/cases/pull')).statusCode).toBe(200);
  const page = (await call(officer, 'GET', `/api/roadworks/cases?caseNo=${caseNo}`)).json();
  return page.items[0] as { id: number; version: number; status: string };
}

beforeAll(async () => {
  ctx = await createTestApp();
  officer = await loginFresh(ctx, 'officer01');
  supervisor = await loginFresh(ctx, 'supervisor01');
  road = await loginFresh(ctx, 'road01');
});
afterAll(() => ctx?.close());

describe('the road picker (R5)', () => {
  it('finds 延安西路 by initials, pinyin, the Chinese prefix, full-width letters and a former name', async () => {
    for (const q of ['yaxl', 'yananxi', '延安西', '延安西路', 'ＹＡＸＬ', '延安西街']) {
      const res = await call(officer, 'GET', `/api/roadworks/roads/suggest?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
      expect(res.json()[0]?.name, q).toBe('延安西路');
    }
    const former = (await call(officer, 'GET', `/api/roadworks/roads/suggest?q=${encodeURIComponent('大西路')}`)).json();
    expect(former[0]).toMatchObject({ name: '延安西路', matched: '大西路', matchedKind: 'former' });
    // Two characters from inside the name: the substring path (bigram index), after the names they begin.
    const inside = (await call(officer, 'GET', `/api/roadworks/roads/suggest?q=${encodeURIComponent('安西')}&limit=50`)).json();
    expect(inside.map((r: { name: string }) => r.name)).toContain('延安西路');
    expect(inside.every((r: { matched: string }) => r.matched.includes('安西'))).toBe(true);
  });

  it('lists a road’s segments in order with standard labels, the seed marked partial', async () => {
    const [first] = (await call(officer, 'GET', '/api/roadworks/roads/suggest?q=yaxl')).json();
    const detail = (await call(officer, 'GET', `/api/roadworks/roads/${first.id}`)).json();
    expect(detail.partial).toBe(true);
    expect(detail.segments.slice(0, 2).map((s: { label: string }) => s.label)).toEqual(['延安西路 华山路—镇宁路', '延安西路 镇宁路—江苏路']);
  });

  it('loads a generated gazetteer next to the seed: found by its alias, segments in order with their geometry', async () => {
    const g = syntheticGazetteer(new Rng(11), { neighbourhoods: 2, grid: 3, taken: seedRoadNames() });
    const loaded = await ctx.platform.db.transaction((tx) => insertGazetteer(tx, syntheticBatch(g)));
    expect(loaded).toEqual({ roads: 12, segments: 24 });
    const withAlias = g.roads.find((r) => r.aliases.length > 0)!;
    const found = (await call(officer, 'GET', `/api/roadworks/roads/suggest?q=${encodeURIComponent(withAlias.aliases[0]!)}`)).json();
    expect(found.map((f: { name: string }) => f.name)).toContain(withAlias.name);
    const id = found.find((f: { name: string }) => f.name === withAlias.name)?.id as number;
    const detail = (await call(officer, 'GET', `/api/roadworks/roads/${id}`)).json();
    expect(detail.segments.map((s: { label: string }) => s.label.split(' ')[1])).toEqual(
      g.chains[withAlias.name]!.slice(1).map((to, i) => `${g.chains[withAlias.name]![i]}—${to}`),
    );
    const at = (a: string, b: string) => g.crossings.find((c) => c.roads.includes(a) && c.roads.includes(b))!.at;
    const first = detail.segments[0];
    expect(first.geometry).toEqual({
      type: 'LineString',
      coordinates: [at(withAlias.name, g.chains[withAlias.name]![0]!), at(withAlias.name, g.chains[withAlias.name]![1]!)],
    });
  });

  it('rejects an empty query with a Chinese message, and the picker is closed to users without the menu', async () => {
    const bad = await call(officer, 'GET', '/api/roadworks/roads/suggest?q=');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('查询内容');
    const stranger = await loginFresh(ctx, { permissions: [] });
    expect((await call(stranger, 'GET', '/api/roadworks/roads/suggest?q=yaxl')).statusCode).toBe(403);
  });

  it('keeps the previous version of an edited road and finds it by a new alias; the road officer cannot edit', async () => {
    const [first] = (await call(officer, 'GET', `/api/roadworks/roads/suggest?q=${encodeURIComponent('常熟')}`)).json();
    const detail = (await call(supervisor, 'GET', `/api/roadworks/roads/${first.id}`)).json();
    expect(detail.actions.edit).toEqual({ allowed: true });
    expect((await call(road, 'GET', `/api/roadworks/roads/${first.id}`)).json().actions.edit).toEqual({ allowed: false, reason: '没有执行此操作的权限' });
    const body = {
      name: detail.name,
      aliases: ['善钟路口'],
      formerNames: detail.formerNames,
      districts: detail.districts,
      grade: detail.grade,
      version: detail.version,
    };
    expect((await call(road, 'PUT', `/api/roadworks/roads/${first.id}`, body)).statusCode).toBe(403);
    const res = await call(supervisor, 'PUT', `/api/roadworks/roads/${first.id}`, body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: detail.version + 1, partial: false, aliases: ['善钟路口'] });
    expect((await call(supervisor, 'PUT', `/api/roadworks/roads/${first.id}`, body)).statusCode).toBe(409);
    const history = (await call(supervisor, 'GET', `/api/roadworks/roads/${first.id}/history`)).json();
    expect(history).toHaveLength(1);
    expect(history[0].data.aliases).toEqual([]);
    const found = (await call(officer, 'GET', `/api/roadworks/roads/suggest?q=${encodeURIComponent('善钟路口')}`)).json();
    expect(found[0]).toMatchObject({ name: '常熟路', matchedKind: 'alias' });
  });

  it('adds one segment to a road between two crossing roads, reusing an existing intersection; checks each field', async () => {
    const idOf = async (q: string) => (await call(officer, 'GET', `/api/roadworks/roads/suggest?q=${encodeURIComponent(q)}`)).json()[0].id as number;
    const [changshu, yananMiddle, huashan] = [await idOf('常熟路'), await idOf('延安中路'), await idOf('华山路')];
    const url = `/api/roadworks/roads/${changshu}/segments`;
    const body = { fromRoadId: yananMiddle, toRoadId: huashan, seq: 1 };
    expect((await call(road, 'POST', url, body)).statusCode).toBe(403);
    const res = await call(supervisor, 'POST', url, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().segments.map((x: { label: string }) => x.label)).toContain('常熟路 延安中路—华山路');
    // The seed's 延安中路 chain already has the 常熟路/延安中路 intersection: the new segment starts there.
    const yanan = (await call(officer, 'GET', `/api/roadworks/roads/${yananMiddle}`)).json();
    const seedNode = yanan.segments
      .flatMap((x: { from: { id: number; name: string }; to: { id: number; name: string } }) => [x.from, x.to])
      .find((n: { name: string }) => n.name === '常熟路');
    expect(res.json().segments.find((x: { label: string }) => x.label === '常熟路 延安中路—华山路').from.id).toBe(seedNode.id);

    const again = await call(supervisor, 'POST', url, body);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('SEGMENT_TAKEN');
    const same = await call(supervisor, 'POST', url, { ...body, toRoadId: yananMiddle });
    expect(same.statusCode).toBe(400);
    expect(same.json().details).toEqual([{ field: 'toRoadId', message: '起点和终点相交道路不能相同' }]);
    const self = await call(supervisor, 'POST', url, { ...body, fromRoadId: changshu, seq: 2 });
    expect(self.json().details).toEqual([{ field: 'fromRoadId', message: '相交道路不能是本道路' }]);
  });
});

describe('一网通办 cases placed on segments, warned and decided (R1, R4)', () => {
  it('warns of the same segment dug four months ago, approves, and calls the hub back', async () => {
    const segment = await segmentOf('延安西路 华山路—镇宁路');
    const earlierTo = addMonths(today, -4);
    hub().submit(hubCase('YW-2026-000101', plusDays(earlierTo, -6), earlierTo));
    const earlier = await pulledCase('YW-2026-000101');
    const placedEarlier = await call(officer, 'POST', `/api/roadworks/cases/${earlier.id}/placements`, {
      placements: [{ segmentId: segment.id }],
      version: earlier.version,
    });
    expect(placedEarlier.statusCode).toBe(200);
    expect(placedEarlier.json().warnings).toEqual([]);
    expect(
      (await call(officer, 'POST', `/api/roadworks/cases/${earlier.id}/approve`, { reason: '同意', version: placedEarlier.json().version })).statusCode,
    ).toBe(200);

    hub().submit(hubCase('YW-2026-000202', plusDays(today, 3), plusDays(today, 20), 'pipe_lay'));
    const fresh = await pulledCase('YW-2026-000202');
    expect(fresh.status).toBe('received');
    const unplaced = (await call(officer, 'GET', `/api/roadworks/cases/${fresh.id}`)).json();
    expect(unplaced.actions.approve).toEqual({ allowed: false, reason: '请先在标准路名中选定施工路段，再予以许可' });
    const refusedEarly = await call(officer, 'POST', `/api/roadworks/cases/${fresh.id}/approve`, { reason: '同意', version: fresh.version });
    expect(refusedEarly.statusCode).toBe(409);
    expect(refusedEarly.json().message).toBe(unplaced.actions.approve.reason);

    const placed = await call(officer, 'POST', `/api/roadworks/cases/${fresh.id}/placements`, {
      placements: [{ segmentId: segment.id }],
      version: fresh.version,
    });
    expect(placed.statusCode).toBe(200);
    const c = placed.json();
    expect(c.placements).toEqual([{ segmentId: segment.id, roadId: expect.any(Number), label: '延安西路 华山路—镇宁路', offsetM: null }]);
    expect(c.warnings).toHaveLength(1);
    expect(c.warnings[0]).toMatchObject({
      rule: 'repeat',
      segmentLabel: '延安西路 华山路—镇宁路',
      evidence: [{ caseNo: 'YW-2026-000101', to: earlierTo, worksType: '掘路' }],
    });
    expect(c.warnings[0].message).toContain('YW-2026-000101');
    expect(c.actions.approve).toEqual({ allowed: true });

    const approved = await call(officer, 'POST', `/api/roadworks/cases/${fresh.id}/approve`, { reason: '同意，注意与前次施工衔接', version: c.version });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decisionSync: 'pending', actions: { approve: { allowed: false } } });
    await ctx.platform.jobs.drain();
    expect(hub().decisions.get('YW-2026-000202')).toMatchObject({
      decision: 'approve',
      reason: '同意，注意与前次施工衔接',
      segments: ['延安西路 华山路—镇宁路'],
    });
    expect((await call(officer, 'GET', `/api/roadworks/cases/${fresh.id}`)).json().decisionSync).toBe('sent');

    const query = (await call(road, 'GET', `/api/roadworks/cases?segmentId=${segment.id}&status=approved`)).json();
    expect(query.items.map((i: { caseNo: string }) => i.caseNo).sort()).toEqual(['YW-2026-000101', 'YW-2026-000202']);
  });

  it('warns of concurrent closures and of digging inside a protection period', async () => {
    const segment = await segmentOf('延安西路 镇宁路—江苏路');
    const protectedSince = addMonths(today, -12);
    expect(
      (
        await call(supervisor, 'PUT', `/api/roadworks/segments/${segment.id}/protection`, {
          protectedSince,
          protectionKind: 'overhaul',
          version: segment.version,
        })
      ).statusCode,
    ).toBe(200);
    hub().submit(hubCase('YW-2026-000303', plusDays(today, 1), plusDays(today, 10), 'occupy'));
    hub().submit(hubCase('YW-2026-000304', plusDays(today, 5), plusDays(today, 8)));
    const first = await pulledCase('YW-2026-000303');
    await call(officer, 'POST', `/api/roadworks/cases/${first.id}/placements`, { placements: [{ segmentId: segment.id }], version: first.version });
    const second = await pulledCase('YW-2026-000304');
    const placed = (
      await call(officer, 'POST', `/api/roadworks/cases/${second.id}/placements`, { placements: [{ segmentId: segment.id }], version: second.version })
    ).json();
    expect(placed.warnings.map((w: { rule: string }) => w.rule).sort()).toEqual(['concurrent', 'protection']);
    expect(placed.warnings.find((w: { rule: string }) => w.rule === 'protection').message).toContain(addMonths(protectedSince, 36));

    const list = (await call(supervisor, 'GET', '/api/roadworks/warnings')).json();
    expect(list.byDistrict).toEqual(
      expect.arrayContaining([
        { districtCode: '310105', rule: 'concurrent', count: 1 },
        { districtCode: '310105', rule: 'repeat', count: 1 },
      ]),
    );
    expect(list.items.some((w: { caseNo: string; rule: string }) => w.caseNo === 'YW-2026-000304' && w.rule === 'protection')).toBe(true);
  });

  it('refuses with a reason, and a second decision is refused', async () => {
    hub().submit(hubCase('YW-2026-000405', plusDays(today, 30), plusDays(today, 40)));
    const c = await pulledCase('YW-2026-000405');
    const refused = await call(officer, 'POST', `/api/roadworks/cases/${c.id}/refuse`, { reason: '与综合掘路计划冲突', version: c.version });
    expect(refused.statusCode).toBe(200);
    const again = await call(officer, 'POST', `/api/roadworks/cases/${c.id}/approve`, { reason: '同意', version: refused.json().version });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已不予许可');
    await ctx.platform.jobs.drain();
    expect(hub().decisions.get('YW-2026-000405')).toMatchObject({ decision: 'refuse', reason: '与综合掘路计划冲突' });
  });

  it('keeps a case taken by one department from the officers of another (data scope); the inbox is shared', async () => {
    const segment = await segmentOf('延安西路 镇宁路—江苏路');
    hub().submit(hubCase('YW-2026-000707', plusDays(today, 50), plusDays(today, 55), 'occupy'));
    const c = await pulledCase('YW-2026-000707');
    const other = await loginFresh(ctx, { roles: ['window_officer'], department: '310115000000' });
    const seenBy = async (s: Session) => (await call(s, 'GET', `/api/roadworks/cases?caseNo=YW-2026-000707`)).json().total;
    // In the inbox, not yet taken: every department may take it.
    expect(await seenBy(other)).toBe(1);
    expect((await call(other, 'GET', `/api/roadworks/cases/${c.id}`)).statusCode).toBe(200);

    const placed = await call(officer, 'POST', `/api/roadworks/cases/${c.id}/placements`, { placements: [{ segmentId: segment.id }], version: c.version });
    expect(placed.statusCode).toBe(200);
    expect(await seenBy(other)).toBe(0);
    expect((await call(other, 'GET', `/api/roadworks/cases/${c.id}`)).statusCode).toBe(404);
    const approve = await call(other, 'POST', `/api/roadworks/cases/${c.id}/approve`, { reason: '同意', version: placed.json().version });
    expect(approve.statusCode).toBe(404);
    const replace = await call(other, 'POST', `/api/roadworks/cases/${c.id}/placements`, {
      placements: [{ segmentId: segment.id }],
      version: placed.json().version,
    });
    expect(replace.statusCode).toBe(404);
    const exported = await call(other, 'GET', `/api/roadworks/cases/export?caseNo=YW-2026-000707`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(exported.statusCode).toBe(200);
    expect(JSON.stringify(book.getWorksheet('施工许可')!.getSheetValues())).not.toContain('YW-2026-000707');
    const mine = await call(officer, 'GET', `/api/roadworks/cases/export?caseNo=YW-2026-000707`);
    const ownBook = new ExcelJS.Workbook();
    await ownBook.xlsx.load(mine.rawPayload as unknown as ArrayBuffer);
    expect(JSON.stringify(ownBook.getWorksheet('施工许可')!.getSheetValues())).toContain('YW-2026-000707');
    // 工作台 counts follow the same scope: the taking department counts it as waiting, the other one does not.
    const counts = async (s: Session) => (await call(s, 'GET', '/api/roadworks/cases/counts')).json();
    const [mineBefore, otherBefore] = [await counts(officer), await counts(other)];
    expect(mineBefore.received).toBeGreaterThanOrEqual(1);
    const decided = await call(officer, 'POST', `/api/roadworks/cases/${c.id}/approve`, { reason: '同意', version: placed.json().version });
    expect(decided.statusCode).toBe(200);
    expect((await counts(officer)).received).toBe(mineBefore.received - 1);
    expect((await counts(other)).received).toBe(otherBefore.received);
    // The taking department's supervisor (department and below) sees it and may decide.
    expect(await seenBy(supervisor)).toBe(1);
    expect((await call(officer, 'GET', `/api/roadworks/cases/${c.id}`)).json().status).toBe('approved');
  });

  it('keeps an unacknowledged case when the hub fails, and takes it once on the next pull', async () => {
    hub().submit(hubCase('YW-2026-000506', plusDays(today, 2), plusDays(today, 4)));
    hub().failNext(1);
    const failed = await call(officer, 'POST', '/api/roadworks/cases/pull');
    expect(failed.statusCode).toBe(503);
    expect(failed.json().code).toBe('HUB_UNAVAILABLE');
    const ok = (await call(officer, 'POST', '/api/roadworks/cases/pull')).json();
    expect(ok).toEqual({ received: 1, new: 1 });
    expect((await call(officer, 'POST', '/api/roadworks/cases/pull')).json()).toEqual({ received: 0, new: 0 });
  });

  it('files an emergency repair with its 24-hour deadline from the start of digging', async () => {
    const startedAt = new Date(Date.now() - 30 * 3600_000).toISOString();
    const overdueBefore = (await call(officer, 'GET', '/api/roadworks/cases/counts')).json().filingOverdue;
    const res = await call(officer, 'POST', '/api/roadworks/cases/emergency', {
      caseNo: 'QX-2026-0001',
      applicant: '上海市自来水公司',
      startedAt,
      requestedTo: plusDays(today, 2),
      lanes: '一条机动车道',
      locationText: '延安西路镇宁路口爆管',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ emergency: true, worksType: 'pipe_repair', filingOverdue: true });
    expect(Date.parse(res.json().filingDueAt) - Date.parse(startedAt)).toBe(24 * 3600_000);
    expect((await call(officer, 'GET', '/api/roadworks/cases/counts')).json().filingOverdue).toBe(overdueBefore + 1);
    const dup = await call(officer, 'POST', '/api/roadworks/cases/emergency', {
      caseNo: 'QX-2026-0001',
      applicant: 'x',
      startedAt,
      requestedTo: today,
      lanes: 'x',
      locationText: 'x',
    });
    expect(dup.statusCode).toBe(409);
  });
});

describe('overrun of an approved period (R4)', () => {
  it('is warned once by the daily sweep, however often it runs', async () => {
    const segment = await segmentOf('延安西路 江苏路—定西路');
    hub().submit(hubCase('YW-2026-000607', plusDays(today, -20), plusDays(today, -2), 'occupy'));
    const c = await pulledCase('YW-2026-000607');
    const placed = (
      await call(officer, 'POST', `/api/roadworks/cases/${c.id}/placements`, { placements: [{ segmentId: segment.id }], version: c.version })
    ).json();
    await call(officer, 'POST', `/api/roadworks/cases/${c.id}/approve`, { reason: '同意', version: placed.version });
    for (let run = 0; run < 2; run++) {
      await ctx.platform.jobs.enqueue(ctx.platform.db, overrunSweepJob, {}, { idempotencyKey: `sweep-${run}` });
      await ctx.platform.jobs.drain();
    }
    const warnings = (await call(officer, 'GET', `/api/roadworks/cases/${c.id}`)).json().warnings;
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ rule: 'overrun', segmentLabel: '延安西路 江苏路—定西路' });
    expect(warnings[0].message).toContain(plusDays(today, -2));
  });

  it('judges an overrun against the completion report: on time no warning, late warned with the day it ended', async () => {
    const segment = await segmentOf('延安西路 定西路—番禺路');
    const approved = async (caseNo: string) => {
      hub().submit(hubCase(caseNo, plusDays(today, -20), plusDays(today, -8), 'occupy'));
      const c = await pulledCase(caseNo);
      const placed = (
        await call(officer, 'POST', `/api/roadworks/cases/${c.id}/placements`, { placements: [{ segmentId: segment.id }], version: c.version })
      ).json();
      expect(placed.actions.complete).toEqual({ allowed: false, reason: '只有已许可的施工可以登记竣工' });
      return (await call(officer, 'POST', `/api/roadworks/cases/${c.id}/approve`, { reason: '同意', version: placed.version })).json();
    };
    const onTime = await approved('YW-2026-000801');
    const late = await approved('YW-2026-000802');
    expect(onTime.actions.complete).toEqual({ allowed: true });

    const future = await call(officer, 'POST', `/api/roadworks/cases/${onTime.id}/complete`, { completedAt: plusDays(today, 1), version: onTime.version });
    expect(future.statusCode).toBe(400);
    expect(future.json().details).toEqual([{ field: 'completedAt', message: '竣工日期不能晚于今天' }]);
    const done = await call(officer, 'POST', `/api/roadworks/cases/${onTime.id}/complete`, { completedAt: plusDays(today, -9), version: onTime.version });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ completedAt: plusDays(today, -9), actions: { complete: { allowed: false } } });
    const twice = await call(officer, 'POST', `/api/roadworks/cases/${onTime.id}/complete`, { completedAt: plusDays(today, -9), version: done.json().version });
    expect(twice.statusCode).toBe(409);
    expect(
      (await call(officer, 'POST', `/api/roadworks/cases/${late.id}/complete`, { completedAt: plusDays(today, -3), version: late.version })).statusCode,
    ).toBe(200);

    await ctx.platform.jobs.enqueue(ctx.platform.db, overrunSweepJob, {}, { idempotencyKey: 'sweep-completion' });
    await ctx.platform.jobs.drain();
    // (The two share segment and period, so each also carries a concurrent-closure warning.)
    const overruns = async (id: number) =>
      (await call(officer, 'GET', `/api/roadworks/cases/${id}`)).json().warnings.filter((w: { rule: string }) => w.rule === 'overrun');
    expect(await overruns(onTime.id)).toEqual([]);
    const lateWarnings = await overruns(late.id);
    expect(lateWarnings).toHaveLength(1);
    expect(lateWarnings[0].message).toContain(`${plusDays(today, -3)} 才报竣工`);
  });
});

describe('permit export (R2)', () => {
  it('streams the permits of a road as Excel with their segments', async () => {
    const [first] = (await call(officer, 'GET', '/api/roadworks/roads/suggest?q=yaxl')).json();
    const res = await call(road, 'GET', `/api/roadworks/cases/export?roadId=${first.id}&status=approved`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = book.getWorksheet('施工许可')!.getSheetValues().slice(2) as unknown[][];
    const byCase = new Map(rows.map((r) => [r[1], r[4]]));
    expect(byCase.get('YW-2026-000202')).toBe('延安西路 华山路—镇宁路');
    expect(byCase.has('YW-2026-000405')).toBe(false);
  });
});

describe('GeoJSON import and export (R5)', () => {
  const line = (coordinates: [number, number][]) => ({ type: 'LineString', coordinates });
  it('sets the geometry of a named segment, creates a new one, skips unknown roads, and exports them', async () => {
    const body = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: line([
            [121.4302, 31.2135],
            [121.4338, 31.2172],
          ]),
          properties: { road: '延安西路', from: '华山路', to: '镇宁路' },
        },
        {
          type: 'Feature',
          geometry: line([
            [121.47, 31.23],
            [121.48, 31.23],
          ]),
          properties: { road: '人民路', from: '河南南路', to: '中华路', seq: 1 },
        },
        {
          type: 'Feature',
          geometry: line([
            [121.4, 31.2],
            [121.41, 31.2],
          ]),
          properties: { road: '不存在路', from: '华山路', to: '镇宁路' },
        },
      ],
    };
    expect((await call(road, 'POST', '/api/roadworks/segments/geojson', body)).statusCode).toBe(403);
    const res = await call(supervisor, 'POST', '/api/roadworks/segments/geojson', body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ updated: 1, created: 1, skipped: [{ index: 2, reason: '路名库中没有：不存在路' }] });
    const bad = await call(supervisor, 'POST', '/api/roadworks/segments/geojson', {
      type: 'FeatureCollection',
      features: [{ ...body.features[0], geometry: { type: 'Point', coordinates: [1, 2] } }],
    });
    expect(bad.statusCode).toBe(400);

    const exported = await call(officer, 'GET', '/api/roadworks/segments/geojson');
    expect(exported.statusCode).toBe(200);
    const features = exported.json().features as { geometry: unknown; properties: { road: string; from: string; to: string } }[];
    const one = features.find((f) => f.properties.road === '延安西路' && f.properties.from === '华山路' && f.properties.to === '镇宁路');
    expect(one?.geometry).toEqual(body.features[0]!.geometry);
    expect(features.some((f) => f.properties.road === '人民路' && f.properties.to === '中华路')).toBe(true);
  });
});

describe('the scheduled 一网通办 pull', () => {
  const pulls = async () =>
    (await queryRows<{ n: number }>(ctx.platform.db, sql`select count(*)::int as n from audit_log where action = 'roadworks.hub.pull'`))[0]!.n;
  let runs = 0;
  const scheduledPull = async () => {
    runs += 1;
    await ctx.platform.jobs.enqueue(ctx.platform.db, hubPullJob, {}, { idempotencyKey: `test-pull-${runs}` });
    await ctx.platform.jobs.drain();
  };

  it('is audited only when it takes cases, and stores them', async () => {
    const before = await pulls();
    await scheduledPull();
    expect(await pulls()).toBe(before);
    hub().submit(hubCase('YW-2026-000708', plusDays(today, 5), plusDays(today, 6)));
    await scheduledPull();
    expect(await pulls()).toBe(before + 1);
    expect((await call(officer, 'GET', '/api/roadworks/cases?caseNo=YW-2026-000708')).json().total).toBe(1);
  });
});
