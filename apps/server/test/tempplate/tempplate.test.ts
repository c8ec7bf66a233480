import { readFileSync } from 'node:fs';
import { NO_PERMISSION, P } from '@shtp/core/platform';
import { type BusinessIntake, TEMPPLATE_P as TP, type WarningDetail, type WarningItem } from '@shtp/core/tempplate';
import { tempPlateYear } from '@shtp/testkit';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enforcementApi } from '../../src/modules/enforcement/enforcement.api.ts';
import { factsOf, openInvoiceReading, openOwner } from '../../src/modules/tempplate/intake/business-record.ts';
import { businessesRepository } from '../../src/modules/tempplate/intake/businesses.repository.ts';
import { backfillOriginPage, enqueueOriginBackfill, registerOriginBackfill } from '../../src/modules/tempplate/intake/origin-backfill.job.ts';
import { evaluateBusiness, paramSetVersion } from '../../src/modules/tempplate/rules/evaluation.ts';
import { queriedHistories } from '../../src/modules/tempplate/rules/plate-histories.ts';
import { reevaluateWindow, type WindowWalk } from '../../src/modules/tempplate/rules/reevaluation.service.ts';
import { readSettings } from '../../src/modules/tempplate/rules/rules.ts';
import { backfillOriginJob, remindOverdueJob } from '../../src/modules/tempplate/tempplate.jobs.ts';
import { type DbOrTx, queryRows } from '../../src/platform/db/client.ts';
import { JobQueue } from '../../src/platform/jobs/job-queue.ts';
import { signedHeaders } from '../../src/platform/service-accounts/signing-client.ts';
import { multipartBody } from '../multipart-body.ts';
import { createTestApp, fieldsOf, loginFresh, type Session, type TestContext } from '../test-app.ts';

/**
 * The temporary-plate story end to end: intake evaluates at once, a warning carries its evidence, the work order goes
 * 分配 → 初核 → 复核 with every step signed, statistics follow from the rollups, a parameter change changes what the
 * next evaluation flags.
 */
let ctx: TestContext;
let system: Session;
let supervisor: Session;
let checker: Session & { departmentId: number };
let reviewer: Session & { departmentId: number };

const DISTRICT = '310101000000';
const honest = [...tempPlateYear(7, { count: 80, year: 2025, departmentCodes: [DISTRICT], injection: { T1: 0, T2: 0, T3: 0, T7: 0 } })]
  .map((x) => x.business)
  .filter((b, i, all) => b.caseType === 'purchased' && all.findIndex((o) => o.vin === b.vin) === i);
let used = 0;
const next = () => structuredClone(honest[used++]!);
/** The next honest business of an owner with a Shanghai ID (a non-Shanghai owner's third plate is also T10). */
const nextLocal = () => {
  while (!honest[used]!.ownerRegion.startsWith('31')) used++;
  return next();
};

const call = (s: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload }) });
const receive = async (b: BusinessIntake) => {
  const res = await call(system, 'POST', '/api/tempplate/businesses', b);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { businessId: number; duplicate: boolean; warnings: string[] };
};
/** Three plates of one VIN on working days 20 days apart (no chain): the third is over the Shanghai limit of two. */
const threePlates = (days: [string, string, string]) => {
  const first = nextLocal();
  const plus14 = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
  return days.map((day, i) => ({
    ...(i === 0 ? first : next()),
    vin: first.vin,
    owner: first.owner,
    ownerRegion: first.ownerRegion,
    invoice: first.invoice,
    acceptedAt: `${day}T10:00:00+08:00`,
    issuedAt: `${day}T10:15:00+08:00`,
    validFrom: day,
    validTo: plus14(day),
  }));
};

beforeAll(async () => {
  ctx = await createTestApp();
  system = await loginFresh(ctx, { permissions: [TP.intake, P.paramUpdate] });
  supervisor = await loginFresh(ctx, { permissions: [TP.warningList, TP.assign, TP.evaluate, TP.stats], dataScope: 'all' });
  const dept = (await ctx.database.db.execute(`select id from departments where code = '${DISTRICT}'`)) as unknown as { rows: { id: number }[] };
  const id = dept.rows[0]!.id;
  checker = { ...(await loginFresh(ctx, { permissions: [TP.warningList, TP.firstCheck], department: DISTRICT })), departmentId: id };
  reviewer = { ...(await loginFresh(ctx, { permissions: [TP.warningList, TP.review, TP.stats], department: DISTRICT })), departmentId: id };
}, 120_000);
afterAll(() => ctx?.close());

describe('temporary-plate supervision', () => {
  let warningId: number;
  let t1Officer: string;

  it('evaluates each business at once and raises T1 with its evidence on the third plate of a VIN', async () => {
    const [a, b, c] = threePlates(['2025-03-11', '2025-03-31', '2025-04-21']);
    expect((await receive(a!)).warnings).toEqual([]);
    expect((await receive(b!)).warnings).toEqual([]);
    const third = await receive(c!);
    expect(third.warnings).toEqual(['T1']);
    t1Officer = c!.officer;
    // re-delivery: the first answer, no second warning; the same 流水号 with other content is refused
    expect(await receive(c!)).toEqual({ ...third, duplicate: true });
    const changed = await call(system, 'POST', '/api/tempplate/businesses', { ...c!, officer: '另一民警' });
    expect(changed.statusCode).toBe(409);

    const listRes = await call(supervisor, 'GET', `/api/tempplate/warnings?rule=T1&vin=${c!.vin}`);
    expect(listRes.statusCode, listRes.body).toBe(200);
    const list = listRes.json() as { items: WarningItem[]; total: number };
    expect(list.total).toBe(1);
    const item = list.items[0]!;
    warningId = item.id;
    expect(item).toMatchObject({ state: 'unassigned', ruleVersion: 1, actions: { assign: { allowed: true }, firstCheck: { allowed: false } } });
    const detail = (await call(supervisor, 'GET', `/api/tempplate/warnings/${warningId}`)).json() as WarningDetail;
    expect(detail.evidence.related).toHaveLength(2);
    expect(detail.evidence.threshold).toContain('> 2');
    expect(detail.business.ownerIdNumber).not.toBe(c!.owner.idNumber);
  });

  it('refuses bad input per field and nothing changes', async () => {
    const bad = { ...next(), vin: 'NOTAVIN', materials: ['passport'] };
    const res = await call(system, 'POST', '/api/tempplate/businesses', bad);
    expect(res.statusCode).toBe(400);
    const fields = fieldsOf(res.json());
    expect(fields).toEqual(expect.arrayContaining(['vin', 'materials.0']));
  });

  it('walks the work order 分配 → 初核 → 复核, refusing what its actions refuse, each step signed', async () => {
    const early = await call(checker, 'POST', `/api/tempplate/warnings/${warningId}/first-check`, { version: 0, result: 'confirmed', text: '核实属实' });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('只有待初核的工单可以初核');

    const assign = await call(supervisor, 'POST', '/api/tempplate/orders/assign', {
      ids: [warningId],
      departmentId: checker.departmentId,
      reviewDepartmentId: reviewer.departmentId,
    });
    expect(assign.statusCode, assign.body).toBe(200);
    const counts = (await call(checker, 'GET', '/api/tempplate/inbox/counts')).json();
    expect(counts.first_check).toBe(1);
    const inbox = (await call(checker, 'GET', '/api/tempplate/warnings?inbox=first_check')).json() as { items: WarningItem[] };
    const mine = inbox.items.find((i) => i.id === warningId)!;
    expect(mine.actions.firstCheck).toEqual({ allowed: true });
    expect(mine.actions.assign).toEqual({ allowed: false, reason: NO_PERMISSION });

    const checked = await call(checker, 'POST', `/api/tempplate/warnings/${warningId}/first-check`, {
      version: mine.version,
      result: 'confirmed',
      text: '车架号三次办理，属实',
    });
    expect(checked.statusCode, checked.body).toBe(200);
    const afterCheck = checked.json() as WarningDetail;
    expect(afterCheck.state).toBe('review');
    const stale = await call(reviewer, 'POST', `/api/tempplate/warnings/${warningId}/review`, { version: mine.version, decision: 'agree', text: '同意' });
    expect(stale.statusCode).toBe(409);
    const overrule = await call(reviewer, 'POST', `/api/tempplate/warnings/${warningId}/review`, {
      version: afterCheck.version,
      decision: 'overrule',
      text: '改判',
    });
    expect(overrule.statusCode).toBe(400); // 改判 needs its result
    const reviewed = await call(reviewer, 'POST', `/api/tempplate/warnings/${warningId}/review`, {
      version: afterCheck.version,
      decision: 'agree',
      text: '同意初核意见',
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const closed = reviewed.json() as WarningDetail;
    expect(closed).toMatchObject({ state: 'closed', result: 'confirmed' });
    expect(closed.steps.map((s) => s.action)).toEqual(['assign', 'first_check', 'review_agree']);

    const sig = await call(supervisor, 'GET', `/api/signatures/tempplate-order-step/${encodeURIComponent(`${closed.id}:3`)}`);
    expect(sig.statusCode, sig.body).toBe(200);
    expect(sig.json().valid).toBe(true);
  });

  it('keeps the statistics from the rollups: raised, closed and the rule’s confirmed rate', async () => {
    const rules = (await call(reviewer, 'GET', '/api/tempplate/stats/rules?from=2025-01&to=2025-12')).json() as {
      rule: string;
      raised: number;
      closed: number;
      confirmedRate: number | null;
    }[];
    expect(rules.find((r) => r.rule === 'T1')).toMatchObject({ raised: 1, closed: 1, confirmedRate: 1 });
    const depts = (await call(reviewer, 'GET', '/api/tempplate/stats/departments?from=2025-01&to=2025-12')).json() as { rule: string; count: number }[];
    expect(depts.filter((r) => r.rule === '').reduce((n, r) => n + r.count, 0)).toBe(3);

    // T11 as a streamed workbook: one row per department × month, a column per rule; scoped and audited
    const sheetOf = async (s: Session) => {
      const res = await call(s, 'GET', '/api/tempplate/stats/departments/export?from=2025-01&to=2025-12');
      expect(res.statusCode, res.body).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return book.getWorksheet('临牌异常统计')!;
    };
    const sheet = await sheetOf(reviewer);
    expect(sheet.getRow(1).getCell(6).value).toBe('T1 同一车架号办理临牌次数过多');
    const lines = sheet.getRows(2, sheet.rowCount - 1) ?? [];
    expect(lines.reduce((n, r) => n + Number(r.getCell(3).value), 0)).toBe(3);
    expect(lines.reduce((n, r) => n + Number(r.getCell(6).value), 0)).toBe(1);
    const elsewhere = await loginFresh(ctx, { permissions: [TP.stats], department: '310104000000' });
    expect((await sheetOf(elsewhere)).rowCount).toBe(1); // the header only: no business of Xuhui yet
    const audited = (await ctx.database.db.execute(
      `select details from audit_log where action = 'tempplate.stats.export' order by id desc limit 1`,
    )) as unknown as { rows: { details: { report: string; rows: number } }[] };
    expect(audited.rows[0]!.details).toMatchObject({ report: 'T11', rows: 0 });
  });

  it('scores the risk profile from the warnings and the confirmed outcome, explains it per rule, and drills down to the warnings', async () => {
    const q = 'from=2025-01-01&to=2025-12-31';
    const ranking = (await call(reviewer, 'GET', `/api/tempplate/risk?kind=officer&${q}`)).json() as { key: string; score: number; confirmed: number }[];
    const row = ranking.find((r) => r.key === t1Officer)!;
    expect(row.confirmed).toBe(1);
    const profileRes = await call(reviewer, 'GET', `/api/tempplate/risk/profile?kind=officer&key=${encodeURIComponent(t1Officer)}&${q}`);
    expect(profileRes.statusCode, profileRes.body).toBe(200);
    const profile = profileRes.json() as { score: number; byRule: { rule: string; confirmed: number; points: number }[] };
    // high severity (3) × confirmed (×3) = 9 for the closed T1; the ranking's score is the profile's sum
    expect(profile.byRule.find((r) => r.rule === 'T1')).toMatchObject({ confirmed: 1, points: 9 });
    expect(profile.score).toBe(row.score);
    const timeline = (await call(reviewer, 'GET', `/api/tempplate/warnings?subjectKind=officer&subjectKey=${encodeURIComponent(t1Officer)}`)).json() as {
      items: WarningItem[];
    };
    expect(timeline.items.map((i) => i.id)).toContain(warningId);
    const holders = (await call(reviewer, 'GET', `/api/tempplate/risk?kind=holder&${q}`)).json() as { label: string }[];
    expect(holders.length).toBeGreaterThan(0);
    expect(holders.every((h) => h.label.includes('*'))).toBe(true);
    expect((await call(reviewer, 'GET', '/api/tempplate/risk?kind=nobody&from=2025-01-01&to=2025-12-31')).statusCode).toBe(400);
  });

  it('exports the drill-down of a statistic (department × rule) as a streamed workbook', async () => {
    const res = await call(supervisor, 'GET', `/api/tempplate/warnings/export?rule=T1&departmentId=${checker.departmentId}`);
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('临牌预警')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('规则');
    expect(sheet.rowCount - 1).toBe(1);
    expect(String(sheet.getRow(2).getCell(2).value)).toMatch(/^T1 /);
  });

  it('a parameter change (issue limit per VIN 2 → 3) changes what the next evaluation flags', async () => {
    const put = await call(system, 'PUT', '/api/system/params/tempplate.t1.maxIssues', { value: 3 });
    expect(put.statusCode, put.body).toBe(200);
    const plates = threePlates(['2025-05-13', '2025-06-03', '2025-06-24']);
    for (const p of plates) expect((await receive(p)).warnings).toEqual([]);
    await call(system, 'PUT', '/api/system/params/tempplate.t1.maxIssues', { value: 2 });
    const rerun = await call(supervisor, 'POST', '/api/tempplate/evaluate', { from: '2025-01-01', to: '2025-12-31' });
    expect(rerun.statusCode, rerun.body).toBe(200);
    expect(rerun.json().raised).toBe(1); // the third plate, now over the limit; the first T1 is not raised twice
    const list = (await call(supervisor, 'GET', `/api/tempplate/warnings?rule=T1&vin=${plates[2]!.vin}`)).json() as { items: WarningItem[] };
    expect(list.items).toHaveLength(1);
    // the values in force are again those of the first evaluation: the same parameter version, not a new one
    expect(list.items[0]!.paramSetVersion).toBe(1);
  });

  it('takes businesses from a partner system signed as a service account with the scope tempplate:intake, and from no other', async () => {
    const secadmin = await loginFresh(ctx, 'secadmin');
    const account = async (scopes: string[]) => {
      const res = await call(secadmin, 'POST', '/api/security/service-accounts', {
        name: `车驾管推送${scopes.join()}`,
        departmentId: checker.departmentId,
        scopes,
        signAlg: 'HMAC-SM3',
      });
      expect(res.statusCode, res.body).toBe(200);
      const c = res.json();
      return { appId: c.account.appId as string, alg: 'HMAC-SM3' as const, secret: c.secret as string };
    };
    const post = (credentials: Awaited<ReturnType<typeof account>>, body: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/tempplate/businesses',
        payload: body,
        headers: { ...signedHeaders(credentials, { method: 'POST', target: '/api/tempplate/businesses', body }), 'content-type': 'application/json' },
        remoteAddress: '127.0.0.1',
      });
    const body = JSON.stringify(next());
    const intake = await account(['tempplate:intake']);
    const ok = await post(intake, body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().duplicate).toBe(false);
    const other = await account(['recognition:call']);
    expect((await post(other, body)).statusCode).toBe(403);
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/tempplate/businesses', payload: body, headers: { 'content-type': 'application/json' } })).statusCode,
    ).toBe(401);
  });

  it('reads the invoice image through recognition (T4–T6), keeps the images in the blob store and shows them with the evidence', async () => {
    // invoice-01.jpg (synthetic, clean): buyer 沈艳 310112199306024932, VIN LSVJNJJZ8HK535051 (truth.json)
    const invoiceImage = readFileSync(new URL('../fixtures/recognition/documents/invoice-01.jpg', import.meta.url)).toString('base64');
    const buyer = { name: '沈艳', idType: 'A' as const, idNumber: '310112199306024932' };
    const withImage = (vin: string) => {
      const b = next();
      return {
        ...b,
        vin,
        owner: buyer,
        ownerRegion: '310112',
        invoice: { ...b.invoice!, buyerName: buyer.name, buyerIdNumber: buyer.idNumber, vin },
        images: [{ material: 'invoice' as const, data: invoiceImage }],
      };
    };
    expect((await receive(withImage('LSVJNJJZ8HK535051'))).warnings).toEqual([]);
    const other = withImage(next().vin);
    expect((await receive(other)).warnings).toEqual(['T4']);

    const [item] = ((await call(supervisor, 'GET', `/api/tempplate/warnings?rule=T4&vin=${other.vin}`)).json() as { items: WarningItem[] }).items;
    const detail = (await call(supervisor, 'GET', `/api/tempplate/warnings/${item!.id}`)).json() as WarningDetail;
    expect(detail.evidence.compared[0]).toMatchObject({ value: other.vin, against: expect.stringContaining('LSVJNJJZ8HK535051') });
    const box = detail.evidence.images[0]!.box!;
    const image = detail.business.images[0]!;
    expect(image).toMatchObject({ index: 0, material: 'invoice' });
    expect(box[2]).toBeGreaterThan(box[0]!);
    expect(box[2]).toBeLessThanOrEqual(image.width!);
    const served = await call(supervisor, 'GET', `/api/tempplate/warnings/${item!.id}/images/0`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.rawPayload.equals(Buffer.from(invoiceImage, 'base64'))).toBe(true);
    expect((await call(supervisor, 'GET', `/api/tempplate/warnings/${item!.id}/images/1`)).statusCode).toBe(404);

    // a business licence sent as the invoice: T8 (not an invoice), and T4–T6 cannot read their values (unreadable, not a pass)
    const licence = readFileSync(new URL('../fixtures/recognition/documents/licence-01.jpg', import.meta.url)).toString('base64');
    const wrongDocument = { ...withImage(next().vin), images: [{ material: 'invoice' as const, data: licence }] };
    expect((await receive(wrongDocument)).warnings.sort()).toEqual(['T4', 'T5', 'T6', 'T8']);

    // a blurred scan of the same invoice: T8 from its pixel statistics, whatever the reading finds
    const blurred = (await sharp(Buffer.from(invoiceImage, 'base64')).blur(4).jpeg().toBuffer()).toString('base64');
    const blurredBusiness = { ...withImage(next().vin), images: [{ material: 'invoice' as const, data: blurred }] };
    expect((await receive(blurredBusiness)).warnings).toContain('T8');
    const [t8] = ((await call(supervisor, 'GET', `/api/tempplate/warnings?rule=T8&vin=${blurredBusiness.vin}`)).json() as { items: WarningItem[] }).items;
    expect(t8!.summary).toContain('影像模糊');

    // a photo of an invoice on a laptop screen (recapture fixture): T8 with the recognition's 翻拍 score and cues
    const photo = (name: string) => readFileSync(new URL(`../fixtures/recapture/${name}`, import.meta.url)).toString('base64');
    // with the owner's ID card photographed off a screen too: the other materials are judged for 翻拍 at their own type's threshold
    const onScreen = {
      ...withImage(next().vin),
      images: [
        { material: 'invoice' as const, data: photo('vehicle-invoice-10-screen-laptop.jpg') },
        { material: 'owner_id' as const, data: photo('id-card-10-screen-laptop.jpg') },
      ],
    };
    expect((await receive(onScreen)).warnings).toContain('T8');
    const [recaptured] = ((await call(supervisor, 'GET', `/api/tempplate/warnings?rule=T8&vin=${onScreen.vin}`)).json() as { items: WarningItem[] }).items;
    const recapturedDetail = (await call(supervisor, 'GET', `/api/tempplate/warnings/${recaptured!.id}`)).json() as WarningDetail;
    expect(recapturedDetail.summary).toMatch(/疑似屏幕翻拍（翻拍分数 0\.\d+，阈值 0\.\d+）/);
    expect(recapturedDetail.evidence.compared.find((c) => c.item === '翻拍线索')?.value).toMatch(/[\u4e00-\u9fff]/);
    expect(recapturedDetail.summary).toMatch(/所有人身份证明疑似屏幕翻拍（翻拍分数 0\.\d+，阈值 0\.\d+）/);
    expect(recapturedDetail.evidence.images.map((i) => i.material)).toEqual(['invoice', 'owner_id']);
    // the original photos of an invoice and an ID card are not taken as recaptured; a scan cut off on the left is T8 (cropping)
    const cutScan = await sharp(readFileSync(new URL('../fixtures/recognition/documents/residence-01.jpg', import.meta.url)))
      .extract({ left: 86, top: 0, width: 770, height: 540 })
      .jpeg()
      .toBuffer();
    const original = {
      ...withImage(next().vin),
      images: [
        { material: 'invoice' as const, data: photo('vehicle-invoice-10-bona-indoor.jpg') },
        { material: 'owner_id' as const, data: photo('id-card-09-bona-indoor.jpg') },
        { material: 'insurance' as const, data: cutScan.toString('base64') },
      ],
    };
    expect((await receive(original)).warnings).toContain('T8'); // it is smaller than 600 px, and not the business's invoice
    const [originalT8] = ((await call(supervisor, 'GET', `/api/tempplate/warnings?rule=T8&vin=${original.vin}`)).json() as { items: WarningItem[] }).items;
    expect(originalT8!.summary).not.toContain('翻拍');
    expect(originalT8!.summary).toContain('交强险凭证影像边缘被裁切（左侧）');
    const originalDetail = (await call(supervisor, 'GET', `/api/tempplate/warnings/${originalT8!.id}`)).json() as WarningDetail;
    expect(originalDetail.evidence.images).toContainEqual({ material: 'insurance', box: [0, 0, 23, 540] });

    const notImage = { ...withImage(next().vin), images: [{ material: 'invoice', data: Buffer.from('%PDF-1.4 not an image').toString('base64') }] };
    const refused = await call(system, 'POST', '/api/tempplate/businesses', notImage);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details[0].field).toBe('images.0.data');
  }, 120_000);

  it('T9: a department’s share of non-Shanghai IDs far above its own history flags the non-Shanghai owner; T12 counts any range of days', async () => {
    const XUHUI = '310104000000';
    const setParam = async (key: string, value: number) => expect((await call(system, 'PUT', `/api/system/params/${key}`, { value })).statusCode).toBe(200);
    for (const [key, value] of [
      ['tempplate.t9.minSample', 5],
      ['tempplate.t9.recentDays', 7],
      ['tempplate.t9.baselineDays', 60],
      ['tempplate.t9.minZ', 2],
    ] as const)
      await setParam(key, value);
    const people = [...tempPlateYear(11, { count: 200, year: 2025, departmentCodes: [XUHUI], injection: { T1: 0, T2: 0, T3: 0, T7: 0 } })]
      .map((x) => x.business)
      .filter((b, i, all) => b.caseType === 'purchased' && all.findIndex((o) => o.owner.idNumber === b.owner.idNumber) === i);
    const locals = people.filter((b) => b.ownerRegion.startsWith('31'));
    const outsiders = people.filter((b) => !b.ownerRegion.startsWith('31'));
    const on = (b: BusinessIntake, day: string): BusinessIntake => ({
      ...b,
      sourceId: `T9-${b.sourceId}`,
      departmentCode: XUHUI,
      acceptedAt: `${day}T10:00:00+08:00`,
      issuedAt: `${day}T10:15:00+08:00`,
      validFrom: day,
      validTo: day,
    });
    // history: ten Shanghai owners in July; then five non-Shanghai owners within a week of August
    for (const [i, b] of locals.slice(0, 10).entries())
      expect((await receive(on(b, `2025-07-${String(i + 7).padStart(2, '0')}`))).warnings).not.toContain('T9');
    const results = [];
    for (const [i, b] of outsiders.slice(0, 5).entries()) results.push((await receive(on(b, `2025-08-${String(i + 11).padStart(2, '0')}`))).warnings);
    // below the minimum sample for the first four; the fifth: 5/5 against 0/10, z ≈ 3.9
    expect(results.map((w) => w.includes('T9'))).toEqual([false, false, false, false, true]);
    const [item] = ((await call(supervisor, 'GET', `/api/tempplate/warnings?rule=T9&from=2025-08-01&to=2025-08-31`)).json() as { items: WarningItem[] }).items;
    const detail = (await call(supervisor, 'GET', `/api/tempplate/warnings/${item!.id}`)).json() as WarningDetail;
    expect(detail.evidence.compared[0]).toMatchObject({ value: '100.0%（5/5）', against: '此前 60 天 0.0%（0/10）' });
    expect(detail.evidence.window).toBe('近 7 天（含发放日）对比此前 60 天');

    // T12 over any days: July and August, then a range inside August
    const all = (await call(supervisor, 'GET', '/api/tempplate/stats/intake?from=2025-07-01&to=2025-08-31')).json() as {
      departmentId: number;
      businesses: number;
      nonLocal: number;
    }[];
    const dept = await ctx.database.db.execute(`select id from departments where code = '${XUHUI}'`);
    const xuhuiId = (dept as unknown as { rows: { id: number }[] }).rows[0]!.id;
    expect(all.find((r) => r.departmentId === xuhuiId)).toMatchObject({ businesses: 15, nonLocal: 5 });
    const week = (await call(supervisor, 'GET', '/api/tempplate/stats/intake?from=2025-08-12&to=2025-08-14')).json() as {
      departmentId: number;
      businesses: number;
    }[];
    expect(week.find((r) => r.departmentId === xuhuiId)?.businesses).toBe(3);
    expect((await call(supervisor, 'GET', '/api/tempplate/stats/intake?from=2025-08-14&to=2025-08-12')).statusCode).toBe(400);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      (await call(supervisor, 'GET', '/api/tempplate/stats/intake/export?from=2025-07-01&to=2025-08-31')).rawPayload as unknown as ArrayBuffer,
    );
    const sheet = book.getWorksheet('临牌办理部门统计')!;
    expect(sheet.getRow(1).getCell(5).value).toBe('外地身份证占比');
    expect(sheet.rowCount).toBeGreaterThan(1);
  });

  it('assigns new warnings by rule in turns, reminds the department of overdue orders, and keeps the first check’s files', async () => {
    const XUHUI = '310104000000';
    const rule = `T2:${DISTRICT}+${XUHUI}:${DISTRICT}`;
    const bad = await call(system, 'PUT', '/api/system/params/tempplate.order.autoAssign', { value: ['T2:黄浦:310101000000'] });
    expect(bad.statusCode).toBe(400);
    expect((await call(system, 'PUT', '/api/system/params/tempplate.order.autoAssign', { value: [rule] })).statusCode).toBe(200);
    const evening = (day: string) => ({ ...nextLocal(), acceptedAt: `${day}T20:30:00+08:00`, issuedAt: `${day}T20:45:00+08:00`, validFrom: day, validTo: day });
    const days = ['2025-09-09', '2025-09-10', '2025-09-11'];
    const orders: WarningDetail[] = [];
    for (const day of days) {
      const b = evening(day);
      expect((await receive(b)).warnings).toContain('T2');
      const [item] = ((await call(supervisor, 'GET', `/api/tempplate/warnings?rule=T2&vin=${b.vin}`)).json() as { items: WarningItem[] }).items;
      orders.push((await call(supervisor, 'GET', `/api/tempplate/warnings/${item!.id}`)).json() as WarningDetail);
    }
    // round robin between the two first-check departments, review by the rule's department; a signed system step
    expect(orders.map((o) => o.assigneeDepartmentName)).toEqual([
      orders[0]!.assigneeDepartmentName,
      orders[1]!.assigneeDepartmentName,
      orders[0]!.assigneeDepartmentName,
    ]);
    expect(orders[0]!.assigneeDepartmentName).not.toBe(orders[1]!.assigneeDepartmentName);
    expect(orders[0]).toMatchObject({ state: 'first_check', steps: [{ action: 'auto_assign', actionName: '按规则自动分配工单', by: 'system', signed: true }] });
    await call(system, 'PUT', '/api/system/params/tempplate.order.autoAssign', { value: [] });

    // the one of the checker's department (the first and third went there) is made overdue; the hourly job reminds once
    const mine = orders[0]!;
    await ctx.database.db.execute(`update tempplate_work_orders set due_at = now() - interval '1 day' where warning_id = ${mine.id}`);
    await ctx.platform.jobs.enqueue(ctx.platform.db, remindOverdueJob, {});
    await ctx.platform.jobs.runOnce();
    const counts = (await call(checker, 'GET', '/api/tempplate/inbox/counts')).json();
    expect(counts.reminded).toBe(1);
    const reminded = (await call(checker, 'GET', '/api/tempplate/warnings?inbox=reminded')).json() as { items: WarningItem[] };
    expect(reminded.items.map((i) => i.id)).toEqual([mine.id]);
    expect(reminded.items[0]!.remindedAt).not.toBeNull();

    // the first check's files: images and PDF by content, kept in the blob store, each download audited
    const png = readFileSync(new URL('../fixtures/recognition/documents/licence-01.jpg', import.meta.url));
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    const upload = (s: Session, files: { name: string; data: Buffer }[]) => {
      const body = multipartBody('files', files);
      return ctx.app.inject({
        method: 'POST',
        url: `/api/tempplate/warnings/${mine.id}/attachments`,
        headers: { ...s.headers, 'content-type': body.contentType },
        payload: body.payload,
      });
    };
    const added = await upload(checker, [
      { name: '现场照片.jpg', data: png },
      { name: '询问笔录.pdf', data: pdf },
    ]);
    expect(added.statusCode, added.body).toBe(200);
    expect((added.json() as { filename: string; mime: string }[]).map((a) => [a.filename, a.mime])).toEqual([
      ['现场照片.jpg', 'image/jpeg'],
      ['询问笔录.pdf', 'application/pdf'],
    ]);
    expect((await upload(checker, [{ name: 'note.txt', data: Buffer.from('plain text') }])).statusCode).toBe(415);
    expect((await upload(reviewer, [{ name: 'x.pdf', data: pdf }])).statusCode).toBe(403);
    const detail = (await call(checker, 'GET', `/api/tempplate/warnings/${mine.id}`)).json() as WarningDetail;
    const [, file] = detail.attachments;
    const got = await call(reviewer, 'GET', `/api/tempplate/warnings/${mine.id}/attachments/${file!.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    const audited = await ctx.database.db.execute(
      `select count(*)::int as n from audit_log where action = 'tempplate.attachment.read' and target_id = '${mine.id}'`,
    );
    expect((audited as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1);

    // the first check sets a new deadline: the reminder is cleared, and no more files may be added
    const checked = await call(checker, 'POST', `/api/tempplate/warnings/${mine.id}/first-check`, {
      version: detail.version,
      result: 'unfounded',
      text: '夜间为预约办理，不属实',
    });
    expect(checked.statusCode, checked.body).toBe(200);
    expect((checked.json() as WarningDetail).remindedAt).toBeNull();
    expect((await upload(checker, [{ name: 'late.pdf', data: pdf }])).statusCode).toBe(409);
  });

  it('reaches a warning through its issuing department or through its order sent to the caller’s department, and no other', async () => {
    const XUHUI = '310104000000';
    const outsider = await loginFresh(ctx, { permissions: [TP.warningList, TP.firstCheck, TP.review], department: XUHUI });
    const counts = async () => (await call(outsider, 'GET', '/api/tempplate/inbox/counts')).json() as Record<string, number>;
    const listed = async (s: Session, query: string) => {
      const res = await call(s, 'GET', `/api/tempplate/warnings?rule=T2&from=2025-10-14&to=2025-10-14${query}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { items: WarningItem[]; total: number };
      return { ids: page.items.map((i) => i.id), total: page.total };
    };
    const before = await counts();
    // three evening businesses of the checker's department (T2), issued in this order
    const ids: number[] = [];
    for (const time of ['20:30', '20:40', '20:50']) {
      const b = {
        ...nextLocal(),
        acceptedAt: `2025-10-14T${time}:00+08:00`,
        issuedAt: `2025-10-14T${time}:30+08:00`,
        validFrom: '2025-10-14',
        validTo: '2025-10-14',
      };
      expect((await receive(b)).warnings).toContain('T2');
      ids.push(((await call(supervisor, 'GET', `/api/tempplate/warnings?rule=T2&vin=${b.vin}`)).json() as { items: WarningItem[] }).items[0]!.id);
    }
    const [hidden, viaCheck, viaReview] = ids as [number, number, number];
    expect(await counts()).toEqual(before);
    expect(await listed(outsider, '')).toEqual({ ids: [], total: 0 });

    const assign = (id: number, departmentId: number, reviewDepartmentId: number) =>
      call(supervisor, 'POST', '/api/tempplate/orders/assign', { ids: [id], departmentId, reviewDepartmentId });
    const xuhui = (await ctx.database.db.execute(`select id from departments where code = '${XUHUI}'`)) as unknown as { rows: { id: number }[] };
    const xuhuiId = xuhui.rows[0]!.id;
    expect((await assign(viaCheck, xuhuiId, checker.departmentId)).statusCode).toBe(200);
    expect((await assign(viaReview, checker.departmentId, xuhuiId)).statusCode).toBe(200);

    // the outsider: the order sent to it for the first check, and the one it will review — never the third
    expect(await listed(outsider, '')).toEqual({ ids: [viaReview, viaCheck], total: 2 });
    expect(await listed(outsider, `&departmentId=${checker.departmentId}`)).toEqual({ ids: [viaReview, viaCheck], total: 2 });
    expect(await listed(outsider, '&inbox=first_check')).toEqual({ ids: [viaCheck], total: 1 });
    expect(await listed(outsider, '&inbox=unassigned')).toEqual({ ids: [], total: 0 });
    expect(await counts()).toEqual({ ...before, first_check: before.first_check! + 1 });
    expect((await call(outsider, 'GET', `/api/tempplate/warnings/${viaReview}`)).statusCode).toBe(200);
    expect((await call(outsider, 'GET', `/api/tempplate/warnings/${hidden}`)).statusCode).toBe(404);
    // the issuing department sees all three, newest first
    expect(await listed(checker, '')).toEqual({ ids: [viaReview, viaCheck, hidden], total: 3 });
    expect(await listed(checker, '&page=2&pageSize=2')).toEqual({ ids: [hidden], total: 3 });
  });

  it('the extra risk signals are off until enabled: X1 validity past the 交强险 end, X2 one phone behind many owners, X3 a registered vehicle, X6 one invoice on two VINs', async () => {
    const late = (b: BusinessIntake): BusinessIntake => ({ ...b, insurance: { ...b.insurance, endDate: b.validFrom } });
    expect((await receive(late(nextLocal()))).warnings).not.toContain('X1');
    const enabled = await call(system, 'PUT', '/api/system/params/tempplate.rules.enabled', {
      value: ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'X1', 'X2', 'X3', 'X4', 'X5', 'X6'],
    });
    expect(enabled.statusCode, enabled.body).toBe(200);
    expect((await receive(late(nextLocal()))).warnings).toContain('X1');
    const phone = '13912345678';
    const results = [];
    // in order of issue (working days, office hours), whatever the generator's dates
    const onDay = (day: number) => ({ acceptedAt: `2025-11-0${day}T10:00:00+08:00`, issuedAt: `2025-11-0${day}T10:15:00+08:00` });
    for (let i = 0; i < 4; i++) results.push((await receive({ ...nextLocal(), phone, ...onDay(3 + i) })).warnings.includes('X2'));
    expect(results).toEqual([false, false, false, true]); // the fourth owner: three others behind the phone
    const registered = nextLocal();
    expect((await receive({ ...registered, registeredOwnerIdNumber: registered.owner.idNumber })).warnings).toEqual(['X3']);
    // one invoice number (spaced differently) on the plates of two VINs: the second business is X6, with the first as related
    const withInvoice = (b: BusinessIntake, number: string, at: string): BusinessIntake => ({
      ...b,
      acceptedAt: `${at}T10:00:00+08:00`,
      issuedAt: `${at}T10:15:00+08:00`,
      invoice: { number, buyerName: b.owner.name, buyerIdNumber: b.owner.idNumber, vin: b.vin, issuedOn: '2025-11-01' },
    });
    const firstSale = withInvoice(nextLocal(), '3100 1234 5678', '2025-11-07');
    expect((await receive(firstSale)).warnings).not.toContain('X6');
    const copied = withInvoice(nextLocal(), '310012345678', '2025-11-10');
    expect((await receive(copied)).warnings).toContain('X6');
    const [x6] = ((await call(supervisor, 'GET', `/api/tempplate/warnings?rule=X6&vin=${copied.vin}`)).json() as { items: WarningItem[] }).items;
    const x6Detail = (await call(supervisor, 'GET', `/api/tempplate/warnings/${x6!.id}`)).json() as WarningDetail;
    expect(x6Detail.evidence.compared[1]).toEqual({ item: '本业务车辆识别代号', value: copied.vin, against: `其他业务：${firstSale.vin}` });
    expect(x6Detail.evidence.related.map((r) => r.plate)).toEqual([firstSale.plate]);
    const badCase = await call(system, 'PUT', '/api/system/params/tempplate.x3.unregisteredCases', { value: ['sold'] });
    expect(badCase.statusCode).toBe(400);
    await call(system, 'PUT', '/api/system/params/tempplate.rules.enabled', { value: ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10'] });
  });

  it('T10: a non-Shanghai owner with a mobile in a Shanghai number segment (parameter, default list) is listed with the segment as evidence', async () => {
    const nonLocal = [...tempPlateYear(43, { count: 40, year: 2025, departmentCodes: [DISTRICT] })]
      .map((x) => x.business)
      .find((b) => b.owner.idType === 'A' && !b.ownerRegion.startsWith('31'))!;
    const result = await receive({ ...nonLocal, sourceId: 'T10-SEGMENT', phone: '13816001234' });
    expect(result.warnings).toContain('T10');
    const [t10] = ((await call(supervisor, 'GET', `/api/tempplate/warnings?rule=T10&vin=${nonLocal.vin}`)).json() as { items: WarningItem[] }).items;
    const detail = (await call(supervisor, 'GET', `/api/tempplate/warnings/${t10!.id}`)).json() as WarningDetail;
    expect(detail.evidence.compared).toContainEqual({ item: '联系电话号段', value: '13816', against: '本市手机号段（8 个）' });
    expect(JSON.stringify(detail)).not.toContain('13816001234');
    const bad = await call(system, 'PUT', '/api/system/params/tempplate.t10.localMobileSegments', { value: ['13816', '2381'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('号段须为 3–7 位数字，以 13–19 开头');
  });

  it('the X6 backfill fills origin_no of businesses received before it was stored, by pages after a watermark, idempotent', async () => {
    const db = ctx.platform.db;
    // businesses of their own (the honest pool is spent by the tests above)
    const own = [...tempPlateYear(41, { count: 5, year: 2025, departmentCodes: [DISTRICT] })].map((x, i) => ({ ...x.business, sourceId: `BACKFILL-${i}` }));
    const invoiced = (b: BusinessIntake, number: string): BusinessIntake => ({
      ...b,
      invoice: { number, buyerName: b.owner.name, buyerIdNumber: b.owner.idNumber, vin: b.vin, issuedOn: '2025-11-01' },
    });
    const ids: number[] = [];
    for (const [i, n] of ['3100 7000 0001', '3100-7000-0002', '３１００７０００0003', '310070000004'].entries())
      ids.push((await receive(invoiced(own[i]!, n))).businessId);
    const { invoice: _none, ...withoutInvoice } = own[4]!;
    ids.push((await receive(withoutInvoice)).businessId);
    const origin = async () =>
      (
        await queryRows<{ o: string | null }>(db, sql`select origin_no as o from tempplate_businesses where id = any(${sql.param(ids)}::bigint[]) order by id`)
      ).map((r) => r.o);
    // as before migration 0052: no number; the fourth was given one meanwhile (by the intake), which a backfill keeps
    await db.execute(sql`update tempplate_businesses set origin_no = null where id = any(${sql.param(ids)}::bigint[])`);
    await db.execute(sql`update tempplate_businesses set origin_no = 'KEPT' where id = ${ids[3]!}`);
    expect(await origin()).toEqual([null, null, null, 'KEPT', null]);

    // one page of two after the watermark: the watermark moves to the page's last id, nothing beyond it is touched
    const first = await backfillOriginPage(ctx.platform, ids[0]! - 1, 2);
    expect(first).toEqual({ afterId: ids[1], read: 2, filled: 2, done: false });
    expect(await origin()).toEqual(['310070000001', '310070000002', null, 'KEPT', null]);

    // the job on a queue of its own (pages of two, two pages a run): the first run stops at a watermark and enqueues the next
    const jobs = new JobQueue(db, ctx.platform.params);
    registerOriginBackfill({ ...ctx.platform, jobs }, { page: 2, pagesPerRun: 2 });
    await jobs.enqueue(db, backfillOriginJob, { afterId: ids[0]! - 1 }, { idempotencyKey: 'test-backfill' });
    expect(await jobs.runOnce()).toBe(1);
    const chained = await queryRows<{ payload: { afterId: number }; state: string }>(
      db,
      sql`select payload, state from jobs where queue = 'tempplate.backfill-origin' and idempotency_key = ${`tempplate-backfill-origin:${ids[3]}`}`,
    );
    expect(chained).toEqual([{ payload: { afterId: ids[3] }, state: 'pending' }]);
    const audited = await queryRows<{ details: unknown }>(db, sql`select details from audit_log where action = 'tempplate.origin.backfill' order by id`);
    expect(audited.map((a) => a.details)).toContainEqual({ afterId: ids[0]! - 1, watermark: ids[3], filled: 1, finished: false });
    expect(await origin()).toEqual(['310070000001', '310070000002', '310070000003', 'KEPT', null]);
    await jobs.drain(); // the rest of the table, to its end
    expect(await origin()).toEqual(['310070000001', '310070000002', '310070000003', 'KEPT', null]);
    // again from the start: nothing left to fill, nothing changed
    expect((await backfillOriginPage(ctx.platform, ids[0]! - 1, 500)).filled).toBe(0);
    expect(await origin()).toEqual(['310070000001', '310070000002', '310070000003', 'KEPT', null]);
    // at start, once for a database with businesses (this app started on an empty table: none then); left pending here
    const started = await enqueueOriginBackfill(ctx.platform);
    expect(started).toMatchObject({ queue: 'tempplate.backfill-origin', payload: { afterId: 0 }, state: 'pending' });
    expect((await enqueueOriginBackfill(ctx.platform))?.id).toBe(started!.id);
  });

  it('the batch re-evaluation (a page’s histories read at once) raises exactly what evaluating one business at a time raises', async () => {
    // a seeded window of its own year: stories of one to three plates of a VIN, many over a limit of one plate
    const seeded = [...tempPlateYear(23, { count: 30, year: 2024, departmentCodes: [DISTRICT], injection: { T1: 0.5, T2: 0, T3: 0, T7: 0 } })];
    for (const x of seeded) await receive(x.business);
    const limit = await call(system, 'PUT', '/api/system/params/tempplate.t1.maxIssues', { value: 1 });
    expect(limit.statusCode, limit.body).toBe(200);
    // a short window, so that a business's own window cuts plates out of the page's wider one
    const days = await call(system, 'PUT', '/api/system/params/tempplate.t1.windowDays', { value: 20 });
    expect(days.statusCode, days.body).toBe(200);
    const plusDay = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    // X9: tickets of the 交通执法 module on three of the plates — two after the validity (one plate twice), one on its last day
    const enforcement = enforcementApi(ctx.platform);
    const [officerId] = (await queryRows<{ id: number }>(ctx.platform.db, sql`select id from users order by id limit 1`)).map((r) => r.id);
    const ticketed = seeded.slice(0, 3).map((x) => x.business);
    const tickets: [string, string][] = [
      [ticketed[0]!.plate, `${plusDay(ticketed[0]!.validTo, 3)}T09:30:00+08:00`],
      [ticketed[0]!.plate, `${plusDay(ticketed[0]!.validTo, 40)}T18:00:00+08:00`],
      [ticketed[1]!.plate, `${plusDay(ticketed[1]!.validTo, 10)}T08:00:00+08:00`],
      [ticketed[2]!.plate, `${ticketed[2]!.validTo}T23:00:00+08:00`],
    ];
    // T10: a ticket within the validity of a non-Shanghai owner's plate that has no T10 warning yet (tickets count from 1)
    const flaggedT10 = await queryRows<{ plate: string }>(
      ctx.platform.db,
      sql`select b.plate from tempplate_warnings w join tempplate_businesses b on b.id = w.business_id where w.rule = 'T10'`,
    );
    const localUse = seeded
      .slice(3)
      .map((x) => x.business)
      .find((b) => !b.owner.idNumber.startsWith('31') && !flaggedT10.some((f) => f.plate === b.plate) && !ticketed.some((t) => t.plate === b.plate));
    tickets.push([localUse!.plate, `${localUse!.validFrom}T12:00:00+08:00`]);
    for (const [i, [plate, at]] of tickets.entries())
      await ctx.platform.db.execute(sql`insert into enf_violations (id, decision_no, kind, code, code_version, traffic_mode, party_id_enc, party_id_idx,
        party_name_enc, plate, place, occurred_at, corrected, harm, fine, first_violation, request_digest, officer_id, officer_name, department_id)
        values (gen_random_uuid(), ${`TICKET${i}`}, 'decision', '1039', '2024.1', 'motor', 'enc', ${`idx-ticket-${i}`}, 'enc', ${plate}, '延安东路外滩',
        ${at}::timestamptz, false, false, 200, '{}'::jsonb, ${`digest-ticket-${i}`}, ${officerId!}, '民警', (select id from departments limit 1))`);
    const rules = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'X5', 'X7', 'X9'];
    await call(system, 'PUT', '/api/system/params/tempplate.rules.enabled', { value: rules });
    // X7 over the year with a small sample: an officer with a second plate is far above peers with one each
    const x7 = { windowDays: 365, minSample: 2, minPeers: 2, minZ: 0.5, minRatio: 1.5 };
    for (const [name, value] of Object.entries(x7)) {
      const put = await call(system, 'PUT', `/api/system/params/tempplate.x7.${name}`, { value });
      expect(put.statusCode, put.body).toBe(200);
    }
    const { platform } = ctx;
    const settings = await readSettings(platform);
    const [from, to] = [new Date('2024-01-01T00:00:00+08:00'), new Date('2025-01-01T00:00:00+08:00')];
    const walk: WindowWalk = {
      only: (r) => r.history,
      enforcement,
      open: (page) =>
        Promise.all(page.map(async (row) => ({ owner: await openOwner(platform.fields, row), reading: await openInvoiceReading(platform.fields, row) }))),
    };
    const warnings = async (db: DbOrTx) =>
      (
        (await db.execute(
          `select w.business_id, w.rule, w.rule_version, w.param_set_version, w.severity, w.summary, w.evidence from tempplate_warnings w
           join tempplate_businesses b on b.id = w.business_id where b.issued_at >= '2024-01-01' and b.issued_at < '2025-01-01' order by 1, 2`,
        )) as unknown as { rows: unknown[] }
      ).rows;
    const before = await warnings(platform.db);
    const version = await paramSetVersion(platform.db, settings); // recorded outside the rolled-back run: both runs use it
    // one by one, each business's histories queried (as in real time), in a transaction rolled back
    let oneByOne: unknown[] = [];
    const rollback = new Error('rollback');
    await platform.db
      .transaction(async (tx) => {
        const rows = await businessesRepository.pageInWindow(tx, from, to, 0, 1000);
        const opened = await walk.open(rows);
        for (const [i, row] of rows.entries()) {
          await evaluateBusiness(
            tx,
            { ...factsOf(row, opened[i]!.owner), departmentId: row.departmentId },
            settings,
            version,
            opened[i]!.reading,
            walk.only,
            queriedHistories(tx, enforcement),
          );
        }
        oneByOne = await warnings(tx);
        throw rollback;
      })
      .catch((err: unknown) => {
        if (err !== rollback) throw err;
      });
    expect(oneByOne.length).toBeGreaterThan(before.length);
    expect(oneByOne.filter((w) => (w as { rule: string }).rule === 'X7').length).toBeGreaterThan(0);
    // X9 on the two plates with tickets after their validity, not on the one ticketed on its last valid day
    const x9 = oneByOne.filter((w) => (w as { rule: string }).rule === 'X9') as { summary: string }[];
    expect(x9.map((w) => /^临牌 (\S+) /.exec(w.summary)?.[1]).sort()).toEqual([ticketed[0]!.plate, ticketed[1]!.plate].sort());
    expect(x9.some((w) => w.summary.includes('届满后有 2 条'))).toBe(true);
    // T10 on the non-Shanghai owner's plate ticketed while valid, the decision in its evidence
    const t10 = oneByOne.filter((w) => (w as { rule: string }).rule === 'T10') as { summary: string; evidence: { compared: { item: string }[] } }[];
    const byTicket = t10.filter((w) => w.summary.includes('临牌有效期内在本市有 1 条交通违法记录'));
    expect(byTicket).toHaveLength(1);
    expect(byTicket[0]!.evidence.compared.map((c) => c.item)).toContain('决定书 TICKET4（罚款）');
    // the batch in small pages, so that histories reach across page boundaries
    const batch = await reevaluateWindow(platform.db, settings, from, to, { ...walk, pageSize: 7 });
    expect(batch.seen).toBeGreaterThan(14);
    expect(batch.raised).toBe(oneByOne.length - before.length);
    expect(await warnings(platform.db)).toEqual(oneByOne);
    // run again: nothing new, no duplicate
    expect((await reevaluateWindow(platform.db, settings, from, to, { ...walk, pageSize: 7 })).raised).toBe(0);
    expect(await warnings(platform.db)).toHaveLength(oneByOne.length);
    await call(system, 'PUT', '/api/system/params/tempplate.t1.maxIssues', { value: 2 });
    await call(system, 'PUT', '/api/system/params/tempplate.t1.windowDays', { value: 365 });
    for (const [name, value] of Object.entries({ windowDays: 30, minSample: 30, minPeers: 3, minZ: 3.09, minRatio: 2 }))
      await call(system, 'PUT', `/api/system/params/tempplate.x7.${name}`, { value });
    await call(system, 'PUT', '/api/system/params/tempplate.rules.enabled', { value: rules.slice(0, 10) });
  });
});
