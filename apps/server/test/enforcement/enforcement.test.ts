import { randomUUID } from 'node:crypto';
import { PDFiumLibrary } from '@hyzyla/pdfium';
import { ENFORCEMENT_P as FP } from '@shtp/core/enforcement';
import { ENVELOPE_CONTENT_TYPE, type ServerKey } from '@shtp/core/platform';
import { MemoryReplayCache, sm2GenerateKeyPair } from '@shtp/gm';
import { Rng, syntheticIdNumber, syntheticName } from '@shtp/testkit';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alcoholRepository } from '../../src/modules/enforcement/alcohol/alcohol.repository.ts';
import type { EnforcementPorts } from '../../src/modules/enforcement/enforcement.ports.ts';
import { HANDHELD_QUERY_ACTIONS, queryLogRepository } from '../../src/modules/enforcement/query-log/query-log.repository.ts';
import { violationsRepository } from '../../src/modules/enforcement/violations/violations.repository.ts';
import { systemActor } from '../../src/platform/audit/actor.ts';
import { audit } from '../../src/platform/audit/audit.ts';
import { actorOfPrincipal } from '../../src/platform/auth/auth.service.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { type DeviceCredentials, openReply, sealRequest } from '../../src/platform/transport/device-client.ts';
import { createTestApp, loginFresh, portsOf, principalOf, type Session, type TestContext, type TestUser } from '../test-app.ts';

let ctx: TestContext;
let officer: TestUser;
let supervisor: Session;
let sysadmin: Session;
let server: ServerKey;
const replay = new MemoryReplayCache();
const rng = new Rng(20261202);
const person = () => ({ idNumber: syntheticIdNumber(rng, '310101', '1990-05-01', 'M'), name: syntheticName(rng) });

/** A device registered to the department of `owner` (the officer by default), a handheld unless told. */
const registerDevice = async (code: string, owner: Session = officer, capabilities = ['pda']): Promise<DeviceCredentials> => {
  const sec = await loginFresh(ctx, 'secadmin');
  const pair = sm2GenerateKeyPair();
  const departmentId = (await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: owner.headers })).json().department.id;
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/security/devices',
    headers: sec.headers,
    payload: { code, name: '执法终端', departmentId, publicKey: pair.publicKey, capabilities },
  });
  expect(res.statusCode, res.body).toBe(200);
  return { code, privateKey: pair.privateKey };
};
let pdaDevice: DeviceCredentials;

/** A sealed call from a device, on a session (or none, for a breathalyser), opened back. */
const sealed = async <T = Record<string, unknown>>(
  device: DeviceCredentials,
  s: Session | null,
  url: string,
  payload: object,
  headers: Record<string, string> = {},
) => {
  const res = await ctx.app.inject({
    method: 'POST',
    url,
    headers: { ...(s?.headers ?? {}), ...headers, 'content-type': ENVELOPE_CONTENT_TYPE },
    payload: sealRequest(payload, device, server),
  });
  return openReply<T>({ status: res.statusCode, contentType: res.headers['content-type'] as string, text: res.body }, device, server, replay);
};
const pda = <T = Record<string, unknown>>(url: string, payload: object, headers: Record<string, string> = {}) =>
  sealed<T>(pdaDevice, officer, `/api/pda/enforcement/${url}`, payload, headers);
const get = (s: Session, url: string) => ctx.app.inject({ method: 'GET', url, headers: s.headers });
const counts = async (s: Session) => (await get(s, '/api/enforcement/counts')).json();
/** The rows of an exported worksheet, each as { header: cell }. */
const sheetRows = async (exported: { rawPayload: Buffer }, name: string) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
  const sheet = book.getWorksheet(name)!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  return (sheet.getSheetValues().slice(2) as unknown[][]).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i + 1]])));
};
const auditCount = async (action: string) =>
  (await queryRows<{ n: number }>(ctx.platform.db, sql`select count(*)::int as n from audit_log where action = ${action}`))[0]!.n;
const setParam = async (key: string, value: unknown) => {
  const res = await ctx.app.inject({ method: 'PUT', url: `/api/system/params/${key}`, headers: sysadmin.headers, payload: { value } });
  expect(res.statusCode, res.body).toBe(200);
};

const violation = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  kind: 'warning',
  code: '2004',
  trafficMode: 'F3',
  party: person(),
  place: '人民路与西藏中路路口',
  occurredAt: new Date().toISOString(),
  corrected: true,
  harm: false,
  ...over,
});

beforeAll(async () => {
  ctx = await createTestApp();
  officer = await loginFresh(ctx, { permissions: [FP.menu, FP.pda, FP.riderContact] });
  supervisor = await loginFresh(ctx, { permissions: [FP.menu, FP.list, FP.queryLog], dataScope: 'all' });
  sysadmin = await loginFresh(ctx, 'sysadmin');
  server = (await ctx.app.inject({ method: 'GET', url: '/api/transport/server-key' })).json();
  pdaDevice = await registerDevice('PDA-ENF-01');
});
afterAll(() => ctx?.close());

describe('violations from the handheld (P7, P8, P2)', () => {
  it('writes a 首违免罚 warning with its reasons, once per client ID, and refuses the ID reused for other content', async () => {
    const address = '上海市黄浦区人民路100弄2号301室';
    const body = violation({
      party: { ...person(), address },
      ocr: [
        { field: 'idNumber', recognized: 'x', confidence: 0.62, final: 'y' },
        { field: 'address', recognized: address, confidence: 0.91, final: address },
      ],
    });
    const check = await pda('first-violation-check', { code: body.code, party: body.party, corrected: true, harm: false });
    expect(check.sealed).toBe(true);
    expect(check.body).toMatchObject({ eligible: true, reasons: expect.arrayContaining(['该违法符合首违警告情形，适用警告处罚']) });

    const first = await pda<{ violation: Record<string, unknown>; dailyCount: number }>('violations', body, { 'idempotency-key': randomUUID() });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.violation).toMatchObject({ kind: 'warning', fine: 0, codeVersion: '2024.1', firstViolation: { eligible: true }, ocrCorrections: 1 });
    expect(first.body.violation.partyIdNumber).not.toContain(body.party.idNumber.slice(6, 14));
    // The address read from the card is kept encrypted and shown masked; one of the two recognised fields was corrected.
    expect(first.body.violation.partyAddress).toBe('上海市黄浦区****');
    const stored = await queryRows<{ enc: string }>(ctx.platform.db, sql`select party_address_enc as enc from enf_violations where id = ${body.id}`);
    expect(stored[0]!.enc).not.toContain('人民路');
    expect(first.body.dailyCount).toBe(1);

    // The handheld lost the answer and retries with a new key: the same record comes back, nothing is written twice.
    const again = await pda<{ violation: { decisionNo: string } }>('violations', body, { 'idempotency-key': randomUUID() });
    expect(again.body.violation.decisionNo).toBe(first.body.violation.decisionNo);
    const rows = await queryRows<{ n: number }>(ctx.platform.db, sql`select count(*)::int as n from enf_violations where id = ${body.id}`);
    expect(rows[0]!.n).toBe(1);

    const changed = await pda<{ code: string }>('violations', { ...body, place: '另一地点' });
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('CLIENT_ID_CONFLICT');

    // The same person, the same code, again: no longer a first violation, and a warning still allowed (the code is warnable).
    const second = await pda('first-violation-check', { code: body.code, party: body.party, corrected: true, harm: false });
    expect(second.body).toEqual({ eligible: false, reasons: ['12 个月内已有同一违法行为记录 1 次，不属首次'] });
  });

  it('refuses what the law or the code table does not allow, per field, nothing written', async () => {
    const red = await pda<{ code: string }>('violations', violation({ code: '1625', trafficMode: 'K3' }));
    expect(red.status).toBe(409);
    expect(red.body.code).toBe('WARNING_NOT_ALLOWED');
    const unknown = await pda<{ code: string; details: { field: string }[] }>('violations', violation({ code: '9999' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.details[0]!.field).toBe('code');
    const fine = await pda<{ details: { field: string; message: string }[] }>('violations', violation({ kind: 'decision', fine: 10 }));
    expect(fine.body.details[0]).toEqual({ field: 'fine', message: '罚款金额须在 20–50 元之间' });
    // P8: the mode must fit the code's class of party (a pedestrian's mode for a non-motor code is refused).
    const mode = await pda<{ details: { field: string; message: string }[] }>('violations', violation({ trafficMode: 'A1' }));
    expect(mode.status).toBe(400);
    expect(mode.body.details[0]).toEqual({ field: 'trafficMode', message: '交通方式“步行”与违法代码 2004（非机动车违法）不符' });
  });

  it('records on-site education (P2) with the violation', async () => {
    const sim = portsOf<EnforcementPorts>(ctx, 'enforcement').education.simulator!;
    const r = await pda<{ violation: { educationRecordNo: string } }>('violations', violation({ kind: 'decision', fine: 20, education: true }));
    expect(r.status).toBe(200);
    expect(r.body.violation.educationRecordNo).toMatch(/^JY\d{10}$/);
    sim.failNext();
    const down = await pda<{ code: string }>('violations', violation({ education: true }));
    expect(down.status).toBe(503);
    expect(down.body.code).toBe('EDUCATION_UNAVAILABLE');
  });

  it('stops at the daily cap of simple-procedure tickets', async () => {
    const capped = await loginFresh(ctx, { permissions: [FP.menu, FP.pda] });
    await setParam('enforcement.simpleProcedure.dailyCap', 1);
    try {
      const one = await sealed(pdaDevice, capped, '/api/pda/enforcement/violations', violation());
      expect(one.status).toBe(200);
      const two = await sealed<{ code: string; message: string }>(pdaDevice, capped, '/api/pda/enforcement/violations', violation());
      expect(two.status).toBe(409);
      expect(two.body).toMatchObject({ code: 'DAILY_CAP_REACHED', message: '民警当日开具的简易程序已达 1 份上限' });
    } finally {
      await setParam('enforcement.simpleProcedure.dailyCap', 50);
    }
  });

  it('accepts handheld calls only sealed and with the permission', async () => {
    const plain = await ctx.app.inject({ method: 'POST', url: '/api/pda/enforcement/violations', headers: officer.headers, payload: violation() });
    expect(plain.statusCode).toBe(415);
    const other = await sealed(pdaDevice, supervisor, '/api/pda/enforcement/violations', violation());
    expect(other.status).toBe(403);
  });

  it('binds a device to its department: an officer of another department is refused, one of its own accepted', async () => {
    const districtOfficer = await loginFresh(ctx, 'road01');
    const districtDevice = await registerDevice('PDA-ENF-DISTRICT', districtOfficer);
    const heartbeat = { appVersion: '1.0.0', time: new Date().toISOString() };
    expect((await sealed(districtDevice, districtOfficer, '/api/transport/heartbeat', heartbeat)).status).toBe(200);
    // The officer of this file belongs to the headquarters, above the district: not a user of the district's device.
    const refused = await sealed<{ code: string; message: string }>(districtDevice, officer, '/api/pda/enforcement/violations', violation());
    expect(refused).toMatchObject({ status: 403, sealed: false, body: { code: 'DEVICE_OTHER_DEPARTMENT' } });
    expect((await sealed(districtDevice, officer, '/api/transport/heartbeat', heartbeat)).status).toBe(403);
    const audits = await queryRows<{ n: number }>(
      ctx.platform.db,
      sql`select count(*)::int as n from audit_log where action = 'transport.reject' and details->>'code' = 'DEVICE_OTHER_DEPARTMENT'`,
    );
    expect(audits[0]!.n).toBe(2);
  });
});

describe('plate photo from the handheld (P1) and photo parameters (P11)', () => {
  it('gives the handheld the photo size parameters', async () => {
    expect((await pda('settings', {})).body).toEqual({ photoMaxSide: 1600, photoQuality: 0.8 });
    await setParam('enforcement.photo.maxSide', 1280);
    await setParam('enforcement.photo.quality', 70);
    expect((await pda('settings', {})).body).toEqual({ photoMaxSide: 1280, photoQuality: 0.7 });
  });

  it('takes the plate photo only sealed, with the permission and within the size parameter', async () => {
    const url = '/api/pda/recognition/plate';
    const photo = { image: Buffer.alloc(1_200_000, 1).toString('base64') };
    expect((await ctx.app.inject({ method: 'POST', url, headers: officer.headers, payload: photo })).statusCode).toBe(403); // no recognition:plate
    const reader = await loginFresh(ctx, { permissions: [FP.pda, 'recognition:plate'] });
    expect((await ctx.app.inject({ method: 'POST', url, headers: reader.headers, payload: photo })).statusCode).toBe(415);
    const bad = await sealed<{ details: { field: string }[] }>(pdaDevice, reader, url, { image: '不是图片' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]!.field).toBe('image');
    await setParam('recognition.image.maxFileMb', 1);
    expect((await sealed(pdaDevice, reader, '/api/pda/recognition/id-number', photo)).status).toBe(403); // no recognition:id-number
    const large = await sealed<{ code: string }>(pdaDevice, reader, url, photo);
    expect(large).toMatchObject({ status: 413, sealed: true, body: { code: 'IMAGE_TOO_LARGE' } });
  });

  it('reads the front of an ID card through the recognition module, only sealed and with its permission', async () => {
    const url = '/api/pda/enforcement/id-card';
    expect((await sealed(pdaDevice, officer, url, { image: 'AAAA' })).status).toBe(403); // no recognition:id-card
    const reader = await loginFresh(ctx, { permissions: [FP.pda, 'recognition:id-card'] });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
    expect((await ctx.app.inject({ method: 'POST', url, headers: reader.headers, payload: { image: jpeg.toString('base64') } })).statusCode).toBe(415);
    const bad = await sealed<{ details: { field: string; message: string }[] }>(pdaDevice, reader, url, { image: '不是图片' });
    expect(bad.body.details[0]).toEqual({ field: 'image', message: '照片须为 base64 编码的图片' });
    // A GIF is refused by the recognition module before its engine runs, and the refusal is audited as a card reading.
    const gif = await sealed<{ code: string }>(pdaDevice, reader, url, { image: Buffer.from('GIF89a....').toString('base64') });
    expect(gif).toMatchObject({ status: 415, sealed: true, body: { code: 'IMAGE_TYPE_UNSUPPORTED' } });
    const audited = await queryRows<{ n: number }>(ctx.platform.db, sql`select count(*)::int as n from audit_log where action = 'recognition.id-card'`);
    expect(audited[0]!.n).toBe(1);
  });
});

describe('alcohol (P3–P6)', () => {
  it('gives the verdict from the thresholds and links the breathalyser pushes whatever their order, once each', async () => {
    const tester = await registerDevice('ALC-0001', officer, ['breathalyser']);
    const testedAt = new Date();
    // The device pushes before the officer's record arrives (the handheld was offline) …
    const early = await sealed<{ id: number; breathTestId: string | null; duplicate: boolean }>(tester, null, '/api/devices/breathalyser/readings', {
      messageId: 'm-1',
      measuredAt: new Date(testedAt.getTime() - 60_000).toISOString(),
      bracMgPerL: 0.4,
    });
    expect(early.status, JSON.stringify(early.body)).toBe(200);
    expect(early.body.breathTestId).toBeNull();
    const body = {
      id: randomUUID(),
      deviceCode: tester.code,
      calibrationDate: '2026-06-01',
      bracMgPerL: 0.4,
      subject: person(),
      place: '延安高架下匝道',
      testedAt: testedAt.toISOString(),
      accepted: true,
    };
    const test = await pda<Record<string, unknown>>('breath-tests', body);
    expect(test.status, JSON.stringify(test.body)).toBe(200);
    expect(test.body).toMatchObject({ bacMgPer100mL: 88, verdict: 'drunk', verdictLabel: '醉酒驾驶', bloodTestRequired: true, deviceReadings: 1 });
    // … and after it; a repeated message is acknowledged, not stored again.
    const late = await sealed<{ breathTestId: string | null }>(tester, null, '/api/devices/breathalyser/readings', {
      messageId: 'm-2',
      measuredAt: testedAt.toISOString(),
      bracMgPerL: 0.41,
    });
    expect(late.body.breathTestId).toBe(body.id);
    const dup = await sealed<{ duplicate: boolean; breathTestId: string }>(tester, null, '/api/devices/breathalyser/readings', {
      messageId: 'm-2',
      measuredAt: testedAt.toISOString(),
      bracMgPerL: 0.41,
    });
    expect(dup.body).toMatchObject({ duplicate: true, breathTestId: body.id });

    const stats = (await get(supervisor, `/api/enforcement/device-readings/stats?deviceCode=${tester.code}`)).json();
    expect(stats).toEqual([expect.objectContaining({ deviceCode: tester.code, readings: 2, linked: 2 })]);
    // P5 by detachment: the department that holds the tester sees its data, another detachment does not.
    const holder = await loginFresh(ctx, { permissions: [FP.menu, FP.list], dataScope: 'dept' });
    const elsewhere = await loginFresh(ctx, { permissions: [FP.menu, FP.list], dataScope: 'dept_and_children', department: '310115000000' });
    const readingsOf = async (s: Session) => (await get(s, `/api/enforcement/device-readings?deviceCode=${tester.code}`)).json().total;
    expect(await readingsOf(holder)).toBe(2);
    expect(await readingsOf(elsewhere)).toBe(0);
    expect((await get(elsewhere, '/api/enforcement/device-readings/stats')).json()).toEqual([]);
    // 导出 of the list under its device filter, newest first, in the same scope; read on batch by batch (one a batch).
    const readingsSheet = async (s: Session) => sheetRows(await get(s, `/api/enforcement/device-readings/export?deviceCode=${tester.code}`), '酒精测试仪数据');
    const exportedReadings = await readingsSheet(holder);
    expect(exportedReadings.map((r) => [r.消息编号, r.关联检测])).toEqual([
      ['m-2', '已关联'],
      ['m-1', '已关联'],
    ]);
    expect(await readingsSheet(elsewhere)).toEqual([]);
    const principal = await principalOf(ctx, holder);
    const batches: string[][] = [];
    for await (const batch of alcoholRepository.readingBatches(ctx.platform.db, principal, { deviceCode: tester.code }, 1))
      batches.push(batch.map((r) => r.messageId));
    expect(batches).toEqual([['m-2'], ['m-1']]);
    expect(await auditCount('enforcement.device-readings.export')).toBe(2);

    const expired = await pda<{ code: string }>('breath-tests', { ...body, id: randomUUID(), calibrationDate: '2020-01-01' });
    expect(expired.body.code).toBe('CALIBRATION_EXPIRED');

    // P3 按标准上传: the job sends the test once, in the configured format, and keeps the receipt.
    await ctx.platform.jobs.drain();
    const upload = portsOf<EnforcementPorts>(ctx, 'enforcement').alcoholUpload.simulator!;
    const sent = upload.received.filter((r) => r.record.JLBH === body.id);
    expect(sent).toEqual([
      { type: 'HQJC', record: expect.objectContaining({ SFZMHM: body.subject.idNumber, YQBH: tester.code, XYND: '88.0', JCJG: 'drunk' }) },
    ]);
    const [state] = await queryRows<{ status: string; receipt_no: string }>(
      ctx.platform.db,
      sql`select status, receipt_no from enf_standard_uploads where record_id = ${body.id}`,
    );
    expect(state).toEqual({ status: 'done', receipt_no: expect.stringMatching(/^SC\d{10}$/) });
    const listed = (await get(supervisor, '/api/enforcement/breath-tests?pageSize=50')).json().items.find((t: { id: string }) => t.id === body.id);
    expect(listed.standardUpload).toEqual({
      status: 'done',
      statusLabel: '已上传',
      receiptNo: state!.receipt_no,
      error: null,
      actions: { resend: { allowed: false, reason: '没有执行此操作的权限' } },
    });
    // 导出: the test with its verdict and receipt, the subject masked; only within the data scope; audited.
    const exported = await get(holder, '/api/enforcement/breath-tests/export');
    expect(exported.statusCode, exported.body).toBe(200);
    const row = (await sheetRows(exported, '呼气酒精检测')).find((r) => r.测试仪 === tester.code)!;
    expect(row).toMatchObject({ 结论: '醉酒驾驶', 须抽血: '是', 测试仪数据: 2, 检测地点: body.place, 按标准上传: `已上传 ${state!.receipt_no}` });
    expect(row.当事人).not.toBe(body.subject.name);
    expect(String(row.身份证明号码)).toContain('*');
    expect(String(row.身份证明号码)).not.toBe(body.subject.idNumber);
    const outside = await get(elsewhere, '/api/enforcement/breath-tests/export');
    expect((await sheetRows(outside, '呼气酒精检测')).some((r) => r.测试仪 === tester.code)).toBe(false);
    expect(await auditCount('enforcement.breath-tests.export')).toBe(2);
  });

  it('takes readings only from a device registered as a breathalyser, and handheld calls only from a handheld', async () => {
    const reading = { messageId: 'm-pda', measuredAt: new Date().toISOString(), bracMgPerL: 0.9 };
    const refused = await sealed<{ code: string; message: string }>(pdaDevice, null, '/api/devices/breathalyser/readings', reading);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('DEVICE_CAPABILITY_MISSING');
    expect(refused.body.message).toContain('未登记为酒精测试仪');
    const [stored] = await queryRows<{ n: number }>(
      ctx.platform.db,
      sql`select count(*)::int as n from enf_device_readings where device_code = ${pdaDevice.code}`,
    );
    expect(stored!.n).toBe(0);
    const [audited] = await queryRows<{ n: number }>(
      ctx.platform.db,
      sql`select count(*)::int as n from audit_log where action = 'transport.reject' and target_id = ${pdaDevice.code} and details->>'code' = 'DEVICE_CAPABILITY_MISSING'`,
    );
    expect(audited!.n).toBe(1);
    // A handheld with a bound breathalyser is registered with both.
    const combined = await registerDevice('PDA-ENF-ALC', officer, ['pda', 'breathalyser']);
    expect((await sealed(combined, null, '/api/devices/breathalyser/readings', reading)).status).toBe(200);
    expect((await sealed(combined, officer, '/api/pda/enforcement/settings', {})).status).toBe(200);
    const tester = await registerDevice('ALC-0002', officer, ['breathalyser']);
    const asHandheld = await sealed<{ code: string }>(tester, officer, '/api/pda/enforcement/settings', {});
    expect([asHandheld.status, asHandheld.body.code]).toEqual([403, 'DEVICE_CAPABILITY_MISSING']);
  });

  it('keeps the blood sample chain of custody in order', async () => {
    const id = randomUUID();
    const created = await pda<{ overdue: string[] }>('blood-samples', {
      id,
      sampleNo: `XY-${id.slice(0, 8)}`,
      institution: '市第六人民医院',
      drawer: '王医生',
      drawnAt: new Date().toISOString(),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.overdue).toEqual([]);
    const skipped = await pda<{ code: string; message: string }>(`blood-samples/${id}/custody`, {
      step: 'lab-received',
      at: new Date().toISOString(),
      by: '张警官',
    });
    expect(skipped.body).toMatchObject({ code: 'CUSTODY_OUT_OF_ORDER', message: '下一环节应为“封装”' });
    const sealedStep = await pda<{ events: unknown[] }>(`blood-samples/${id}/custody`, { step: 'sealed', at: new Date().toISOString(), by: '张警官' });
    expect(sealedStep.body.events).toHaveLength(1);
    // P6 按标准上传 goes with the laboratory's result.
    for (const step of ['handed-over', 'lab-received'])
      expect((await pda(`blood-samples/${id}/custody`, { step, at: new Date().toISOString(), by: '张警官' })).status).toBe(200);
    await ctx.platform.jobs.drain();
    const upload = portsOf<EnforcementPorts>(ctx, 'enforcement').alcoholUpload.simulator!;
    expect(upload.received.some((r) => r.record.JLBH === id)).toBe(false);
    const result = await pda(`blood-samples/${id}/custody`, { step: 'result', at: new Date().toISOString(), by: '市司法鉴定中心', resultMgPer100mL: 85.4 });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    await ctx.platform.jobs.drain();
    expect(upload.received.filter((r) => r.record.JLBH === id)).toEqual([
      { type: 'XYJC', record: expect.objectContaining({ YBBH: `XY-${id.slice(0, 8)}`, JDJG: '85.4' }) },
    ]);
    // 导出 of the day: the sample with its custody steps, result and receipt; audited with the filters.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const exported = await get(supervisor, `/api/enforcement/blood-samples/export?from=${today}&to=${today}`);
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.headers['content-disposition']).toContain(encodeURIComponent('血液样本'));
    const row = (await sheetRows(exported, '血液样本')).find((r) => r.样本编号 === `XY-${id.slice(0, 8)}`)!;
    expect(row).toMatchObject({ 抽血机构: '市第六人民医院', 已完成环节: '封装、送检移交、检验机构接收、出具结果', '结果（mg/100mL）': 85.4 });
    expect(String(row.按标准上传)).toMatch(/^已上传 SC\d{10}$/);
    const yesterday = (await get(supervisor, '/api/enforcement/blood-samples/export?to=2020-01-01')).rawPayload;
    expect(await sheetRows({ rawPayload: yesterday }, '血液样本')).toEqual([]);
    const [audited] = await queryRows<{ details: { filters: object } }>(
      ctx.platform.db,
      sql`select details from audit_log where action = 'enforcement.blood-samples.export' order by id limit 1`,
    );
    expect(audited!.details.filters).toEqual({ from: today, to: today });
  });
});

describe('更正后重新上传 (P3/P6)', () => {
  it('lets a supervisor correct a rejected blood sample and resend it once, refusing it unchanged, out of scope or without the permission', async () => {
    const id = randomUUID();
    const taken = `XY-${id.slice(0, 8)}`;
    const { port } = portsOf<EnforcementPorts>(ctx, 'enforcement').alcoholUpload;
    // Another system already sent a sample with this number: the platform refuses ours (a check beyond the format).
    const other = {
      recordId: randomUUID(),
      sampleNo: taken,
      institution: '市第一人民医院',
      drawnAt: new Date().toISOString(),
      officerName: '甲',
      departmentCode: '310101000000',
    };
    expect((await port.upload({ kind: 'blood', fields: other }, { timeoutMs: 10_000 })).outcome).toBe('accepted');
    const drawn = { id, sampleNo: taken, institution: '市第六人民医院', drawer: '王医生', drawnAt: new Date().toISOString() };
    expect((await pda('blood-samples', drawn)).status).toBe(200);
    for (const step of ['sealed', 'handed-over', 'lab-received'])
      expect((await pda(`blood-samples/${id}/custody`, { step, at: new Date().toISOString(), by: '张警官' })).status).toBe(200);
    expect((await pda(`blood-samples/${id}/custody`, { step: 'result', at: new Date().toISOString(), by: '鉴定中心', resultMgPer100mL: 92 })).status).toBe(200);
    const breathId = randomUUID();
    const breathTest = { deviceCode: 'ALC-0009', calibrationDate: '2026-06-01', bracMgPerL: 0.1, subject: person(), place: '人民路', accepted: true };
    expect((await pda('breath-tests', { ...breathTest, id: breathId, testedAt: new Date().toISOString() })).status).toBe(200);
    await ctx.platform.jobs.drain();

    const resender = await loginFresh(ctx, { permissions: [FP.menu, FP.list, FP.standardUploadResend], dataScope: 'all' });
    const listed = async (s: Session) =>
      (await get(s, '/api/enforcement/blood-samples?pageSize=50')).json().items.find((x: { id: string }) => x.id === id).standardUpload;
    expect(await listed(resender)).toMatchObject({
      status: 'rejected',
      error: expect.stringContaining('已由另一条记录上传'),
      actions: { resend: { allowed: true } },
    });
    expect((await listed(supervisor)).actions.resend).toEqual({ allowed: false, reason: '没有执行此操作的权限' });

    const url = `/api/enforcement/blood-samples/${id}/standard-upload/resend`;
    const resend = (s: Session, payload: object, key = randomUUID()) =>
      ctx.app.inject({ method: 'POST', url, headers: { ...s.headers, 'idempotency-key': key }, payload });
    expect((await resend(supervisor, { sampleNo: `${taken}-A`, institution: drawn.institution })).statusCode).toBe(403);
    const elsewhere = await loginFresh(ctx, { permissions: [FP.menu, FP.list, FP.standardUploadResend], department: '310115000000' });
    // 工作台: the refused upload waits for a correction in the resender's scope, not in another department's.
    const waiting = await counts(resender);
    expect(waiting.uploadsRejected).toBeGreaterThanOrEqual(1);
    expect((await counts(elsewhere)).uploadsRejected).toBe(0);
    expect((await resend(elsewhere, { sampleNo: `${taken}-A`, institution: drawn.institution })).statusCode).toBe(404);
    // Nothing corrected: it would be refused again.
    const unchanged = await resend(resender, { sampleNo: taken, institution: drawn.institution });
    expect([unchanged.statusCode, unchanged.json().code]).toEqual([409, 'STANDARD_UPLOAD_UNCHANGED']);
    expect(unchanged.json().message).toContain('未作任何更正');
    // A correction the format refuses, per field; nothing changes.
    const tooLong = await resend(resender, { sampleNo: `XY-${'9'.repeat(34)}`, institution: '' });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().details).toEqual(expect.arrayContaining([{ field: 'institution', message: expect.stringContaining('抽血医疗机构') }]));
    const formatRefused = await resend(resender, { sampleNo: `XY-${'9'.repeat(34)}`, institution: drawn.institution });
    expect(formatRefused.json().details).toEqual([{ field: 'sampleNo', message: '样本编号不能超过 32 个字符（上传格式 assumed-2026）' }]);

    const key = randomUUID();
    const fixed = { sampleNo: `${taken}-A`, institution: drawn.institution };
    const first = await resend(resender, fixed, key);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'pending', error: null, actions: { resend: { allowed: false } } });
    expect(await counts(resender)).toMatchObject({ uploadsRejected: waiting.uploadsRejected - 1, uploadsPending: waiting.uploadsPending + 1 });
    // The same request retried is answered again, not done twice; another request finds it no longer rejected.
    expect((await resend(resender, fixed, key)).json()).toEqual(first.json());
    const again = await resend(resender, fixed);
    expect([again.statusCode, again.json().code]).toEqual([409, 'STANDARD_UPLOAD_NOT_REJECTED']);
    await ctx.platform.jobs.drain();

    const sim = portsOf<EnforcementPorts>(ctx, 'enforcement').alcoholUpload.simulator!;
    expect(sim.received.filter((r) => r.record.JLBH === id)).toEqual([{ type: 'XYJC', record: expect.objectContaining({ YBBH: `${taken}-A` }) }]);
    const attempts = (await get(resender, `/api/enforcement/blood-samples/${id}/standard-upload/attempts`)).json();
    expect(attempts).toEqual([
      expect.objectContaining({
        attemptNo: 1,
        outcome: 'rejected',
        outcomeLabel: '被退回',
        receiptNo: null,
        error: expect.stringContaining('已由另一条记录上传'),
      }),
      expect.objectContaining({ attemptNo: 2, outcome: 'accepted', receiptNo: expect.stringMatching(/^SC\d{10}$/), error: null }),
    ]);
    expect((await listed(resender)).status).toBe('done');
    expect((await get(elsewhere, `/api/enforcement/blood-samples/${id}/standard-upload/attempts`)).statusCode).toBe(404);
    const audited = await queryRows<{ result: string; details: { corrected?: string[] } }>(
      ctx.platform.db,
      sql`select result, details from audit_log where action = 'enforcement.standard-upload-resend' and target_id = ${id} order by id`,
    );
    // A breath test the platform accepted has nothing to resend; a correction is checked per field first.
    const breathUrl = `/api/enforcement/breath-tests/${breathId}/standard-upload/resend`;
    const breath = (payload: object) =>
      ctx.app.inject({ method: 'POST', url: breathUrl, headers: { ...resender.headers, 'idempotency-key': randomUUID() }, payload });
    const breathDone = await breath({ deviceCode: 'ALC-0009', place: '人民路' });
    expect([breathDone.statusCode, breathDone.json().code, breathDone.json().message]).toEqual([
      409,
      'STANDARD_UPLOAD_NOT_REJECTED',
      '该记录已上传并取得回执，无需重新上传',
    ]);
    expect((await breath({ deviceCode: 'A', place: '人民路' })).json().details).toEqual([{ field: 'deviceCode', message: '测试仪编号无效' }]);
    // The refusal out of scope, then the one resend naming the corrected field (never its value).
    expect(audited.map((a) => a.result)).toEqual(['failure', 'success']);
    expect(audited[1]!.details.corrected).toEqual(['sampleNo']);
  });
});

describe('detention (P9), rider contacts (P12), query log (P10), console', () => {
  it('detains a conveyance with a voucher and releases it once', async () => {
    const id = randomUUID();
    const heldBefore = (await counts(supervisor)).detentionsHeld;
    // P8/P9: a motor vehicle is not an other conveyance to detain on the spot; nothing is written.
    const car = await pda<{ details: { field: string }[] }>('detentions', {
      id,
      ground: 'other',
      trafficMode: 'K3',
      description: '小型汽车',
      party: person(),
      storagePlace: '黄浦支队停车场 A-12',
      detainedAt: new Date().toISOString(),
    });
    expect(car.status).toBe(400);
    expect(car.body.details[0]!.field).toBe('trafficMode');
    const d = await pda<{ voucherNo: string; groundLabel: string }>('detentions', {
      id,
      ground: 'non-disabled-wheelchair',
      trafficMode: 'F4',
      description: '残疾人机动轮椅车，灰色',
      party: person(),
      storagePlace: '黄浦支队停车场 A-12',
      detainedAt: new Date().toISOString(),
    });
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect(d.body.voucherNo).toMatch(/^KL\d{14}$/);
    expect(d.body).toMatchObject({ trafficMode: 'F4', trafficModeName: '残疾人机动轮椅车' });
    expect(d.body.groundLabel).toBe('非残疾人驾驶残疾人机动轮椅车');
    expect((await counts(supervisor)).detentionsHeld).toBe(heldBefore + 1);
    const release = { releasedAt: new Date().toISOString(), note: '已处理完毕' };
    expect((await pda(`detentions/${id}/release`, release)).status).toBe(200);
    expect((await pda<{ code: string }>(`detentions/${id}/release`, release)).body.code).toBe('DETENTION_ALREADY_RELEASED');
    expect((await counts(supervisor)).detentionsHeld).toBe(heldBefore);
    // 导出: the voucher with its release, the party masked; audited.
    const exported = await get(supervisor, '/api/enforcement/detentions/export');
    expect(exported.statusCode, exported.body).toBe(200);
    const mine = (await sheetRows(exported, '先予扣留凭证')).find((r) => r.凭证编号 === d.body.voucherNo)!;
    expect(mine).toMatchObject({ 交通方式: '残疾人机动轮椅车', 扣留事由: '非残疾人驾驶残疾人机动轮椅车', 当事人: expect.stringContaining('*') });
    expect(String(mine.放行时间)).toMatch(/^\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2}$/);
    expect(await auditCount('enforcement.detentions.export')).toBe(1);
  });

  it('gives a rider contact for a purpose, masked, audited without the ID number', async () => {
    const sim = portsOf<EnforcementPorts>(ctx, 'enforcement').riders.simulator!;
    const rider = person();
    sim.register(rider.idNumber, { platform: '美团', riderName: rider.name, phone: '13912345678' });
    const r = await pda<{ masked: boolean; contacts: { phone: string }[] }>('rider-contacts', {
      idNumber: rider.idNumber,
      purpose: 'off-site-violation',
      reason: '非现场违法告知',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ masked: true, contacts: [{ platform: '美团', riderName: expect.stringContaining('*'), phone: '139****5678' }] });
    const noPurpose = await pda<{ details: { field: string }[] }>('rider-contacts', { idNumber: rider.idNumber, reason: '非现场违法告知' });
    expect(noPurpose.body.details[0]!.field).toBe('purpose');
    const logged = await queryRows<{ details: string }>(ctx.platform.db, sql`select details::text from audit_log where action = 'enforcement.rider-contact'`);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.details).not.toContain(rider.idNumber);
  });

  it('shows the supervisor the records and the handheld query log with statistics by officer and day', async () => {
    const list = (await get(supervisor, '/api/enforcement/violations')).json();
    expect(list.total).toBeGreaterThanOrEqual(3);
    expect(list.items[0].partyIdNumber).toMatch(/\*/);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const todays = (await get(supervisor, `/api/enforcement/violations?from=${today}&to=${today}`)).json().total;
    expect((await counts(supervisor)).violationsToday).toBe(todays);
    expect(todays).toBeGreaterThanOrEqual(3);
    expect((await get(officer, '/api/enforcement/counts')).statusCode).toBe(403);
    // The list as Excel: same scope and days, newest first, the party masked; audited; not for the officer.
    const exported = await get(supervisor, `/api/enforcement/violations/export?from=${today}&to=${today}`);
    expect(exported.statusCode, exported.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('处罚决定书与警告')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const column = (name: string) => sheet.getColumn(header.indexOf(name) + 1).values.slice(2);
    const listedToday = (await get(supervisor, `/api/enforcement/violations?from=${today}&to=${today}&pageSize=100`)).json().items;
    expect(column('编号')).toEqual(listedToday.map((v: { decisionNo: string }) => v.decisionNo));
    expect(column('身份证明号码').every((n) => String(n).includes('*'))).toBe(true);
    expect(column('类别')).toEqual(expect.arrayContaining(['警告']));
    // Read on from the last row of each batch (one row a batch here): every record once, newest first.
    const principal = await principalOf(ctx, supervisor);
    const streamed: string[] = [];
    for await (const batch of violationsRepository.stream(ctx.platform.db, principal, { from: today, to: today }, 1))
      streamed.push(...batch.map((v) => v.decisionNo));
    expect(streamed).toEqual(column('编号'));
    expect((await get(officer, '/api/enforcement/violations/export')).statusCode).toBe(403);
    const exports = await queryRows<{ n: number }>(
      ctx.platform.db,
      sql`select count(*)::int as n from audit_log where action = 'enforcement.violations.export'`,
    );
    expect(exports[0]!.n).toBe(1);
    const log = (await get(supervisor, '/api/enforcement/query-log?pageSize=50')).json();
    const mine = log.items.filter((i: { device: string | null }) => i.device === pdaDevice.code);
    expect(mine.map((i: { action: string }) => i.action)).toEqual(expect.arrayContaining(['enforcement.first-violation-check', 'enforcement.rider-contact']));
    const stats = (await get(supervisor, '/api/enforcement/query-log/stats')).json() as { username: string; queries: number }[];
    expect(stats.find((s) => s.username === officer.username)?.queries).toBe(mine.length);
    expect((await get(officer, '/api/enforcement/query-log')).statusCode).toBe(403);
  });

  it('renders the ticket the handheld printed as a PDF, within the data scope, audited', async () => {
    const items = (await get(supervisor, '/api/enforcement/violations?pageSize=50')).json().items as {
      id: string;
      decisionNo: string;
      partyAddress: string | null;
    }[];
    const ticket = items.find((v) => v.partyAddress === '上海市黄浦区****')!; // the first ticket of this file: a 首违 warning
    const res = await get(supervisor, `/api/enforcement/violations/${ticket.id}/ticket.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const lib = await PDFiumLibrary.init();
    try {
      const doc = await lib.loadDocument(new Uint8Array(res.rawPayload));
      const text = [...doc.pages()].map((p) => p.getText()).join('');
      doc.destroy();
      for (const expected of ['公安交通管理警告', ticket.decisionNo, '首违免罚', '上海市黄浦区****', '执勤民警']) expect(text).toContain(expected);
      expect(text).not.toContain('人民路100弄'); // masked like the handheld's print
    } finally {
      lib.destroy();
    }
    const elsewhere = await loginFresh(ctx, { permissions: [FP.menu, FP.list], dataScope: 'dept', department: '310115000000' });
    expect((await get(elsewhere, `/api/enforcement/violations/${ticket.id}/ticket.pdf`)).statusCode).toBe(404);
    const audited = await queryRows<{ n: number }>(
      ctx.platform.db,
      sql`select count(*)::int as n from audit_log where action = 'enforcement.ticket-pdf' and target_id = ${ticket.id}`,
    );
    expect(audited[0]!.n).toBe(1);
  });

  it('gives the recognition accuracy per field (P1) from the corrections kept with the tickets, within the data scope', async () => {
    // The first ticket of this file kept two recognised fields: an ID number the officer corrected, an address kept.
    const accuracy = (await get(supervisor, '/api/enforcement/recognition/stats')).json();
    expect(accuracy).toEqual([
      { field: 'address', label: '住址', recognised: 1, corrected: 0, accuracy: 1, meanConfidence: 0.91 },
      { field: 'idNumber', label: '身份证号码', recognised: 1, corrected: 1, accuracy: 0, meanConfidence: 0.62 },
    ]);
    const elsewhere = await loginFresh(ctx, { permissions: [FP.menu, FP.list], dataScope: 'dept', department: '310115000000' });
    expect((await get(elsewhere, '/api/enforcement/recognition/stats')).json()).toEqual([]);
    expect((await get(supervisor, '/api/enforcement/recognition/stats?from=2000-01-01&to=2000-01-31')).json()).toEqual([]);
  });
});

describe('report rollups (N2/N3)', () => {
  const db = () => ctx.platform.db;
  /** Each rollup as a GROUP BY over its raw table (the migration's backfill), and the rollup itself, in one order. */
  const readingDays = {
    raw: sql`select ("measured_at" at time zone 'Asia/Shanghai')::date::text as day, device_code, count(*)::int as readings, count(breath_test_id)::int as linked
               from enf_device_readings group by 1, 2 order by 1, 2`,
    rollup: sql`select day::text as day, device_code, readings, linked from enf_device_reading_days where readings > 0 or linked > 0 order by 1, 2`,
  };
  const ocrDays = {
    raw: sql`select (v.created_at at time zone 'Asia/Shanghai')::date::text as day, v.department_id, f->>'field' as field, count(*)::int as recognised,
                    (count(*) filter (where (f->>'corrected')::boolean))::int as corrected, round(sum((f->>'confidence')::float8)::numeric, 6)::text as confidence
               from enf_violations v cross join lateral jsonb_array_elements(v.ocr) f group by 1, 2, 3 order by 1, 2, 3`,
    rollup: sql`select day::text as day, department_id, field, recognised, corrected, round(confidence_sum::numeric, 6)::text as confidence
                  from enf_ocr_days order by 1, 2, 3`,
  };
  const both = async (r: { raw: typeof readingDays.raw; rollup: typeof readingDays.raw }) => ({
    raw: await queryRows(db(), r.raw),
    rollup: await queryRows(db(), r.rollup),
  });
  const day = (d: string, hhmm: string) => new Date(`${d}T${hhmm}:00+08:00`);

  it('keeps each rollup equal to a GROUP BY over its raw table through a mix of writes, and a rolled-back change leaves it unchanged', async () => {
    const districtOfficer = await loginFresh(ctx, { permissions: [FP.menu, FP.pda], department: '310115000000' });
    const tester = await registerDevice('ALC-ROLL-1', districtOfficer, ['breathalyser']);
    const pushed = (messageId: string, at: Date) =>
      sealed(tester, null, '/api/devices/breathalyser/readings', { messageId, measuredAt: at.toISOString(), bracMgPerL: 0.1 });
    // Readings on both sides of a Beijing midnight (UTC 16:00), one linked when its test arrives, one by the test's claim.
    for (const [id, at] of [
      ['r-1', day('2026-11-30', '23:59')],
      ['r-2', day('2026-12-01', '00:01')],
      ['r-3', day('2026-12-01', '00:02')],
    ] as const)
      expect((await pushed(id, at)).status).toBe(200);
    expect((await pushed('r-1', day('2026-11-30', '23:59'))).status).toBe(200); // a repeat: counted once
    const breath = await pda('breath-tests', {
      id: randomUUID(),
      deviceCode: tester.code,
      calibrationDate: '2026-06-01',
      bracMgPerL: 0.1,
      subject: person(),
      place: '延安高架下匝道',
      testedAt: day('2026-12-01', '00:03').toISOString(),
      accepted: true,
    });
    expect(breath.status, JSON.stringify(breath.body)).toBe(200);
    // Tickets with recognised fields, two of them on other days and in another department (written as the repository does).
    const ocr = [
      { field: 'plate', recognized: 'a', confidence: 0.7, final: 'b' },
      { field: 'name', recognized: 'c', confidence: 0.9, final: 'c' },
    ];
    const first = await pda<{ violation: { id: string } }>('violations', violation({ ocr }), { 'idempotency-key': randomUUID() });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const template = (await violationsRepository.byId(db(), first.body.violation.id))!;
    const districtId = (await principalOf(ctx, districtOfficer)).department.id;
    const copy = (over: Partial<typeof template>) => {
      const { decisionNo: _, ...rest } = { ...template, ...over };
      return rest;
    };
    for (const [at, departmentId] of [
      [day('2026-11-30', '23:59'), districtId],
      [day('2026-12-01', '08:00'), template.departmentId],
    ] as const)
      await violationsRepository.insert(
        db(),
        copy({ id: randomUUID(), createdAt: at, departmentId, ocr: [{ field: 'plate', confidence: 0.5, corrected: true }] }),
      );
    expect(await violationsRepository.insert(db(), copy({}))).toBeUndefined(); // a retry: nothing counted
    const readings = await both(readingDays);
    expect(readings.rollup).toEqual(readings.raw);
    expect(readings.raw).toEqual(
      expect.arrayContaining([
        { day: '2026-11-30', device_code: tester.code, readings: 1, linked: 1 },
        { day: '2026-12-01', device_code: tester.code, readings: 2, linked: 2 },
      ]),
    );
    const tickets = await both(ocrDays);
    expect(tickets.rollup).toEqual(tickets.raw);
    expect(tickets.raw.length).toBeGreaterThanOrEqual(3);

    // A multi-row change that fails leaves both rollups as they were.
    await expect(
      db().transaction(async (tx) => {
        await alcoholRepository.insertReading(tx, {
          deviceCode: tester.code,
          messageId: 'r-rolled-back',
          measuredAt: day('2026-12-02', '10:00'),
          bracMgPerL: 0.2,
        });
        await alcoholRepository.claimReadings(tx, { id: breath.body.id as string, testerCode: tester.code, testedAt: day('2026-12-02', '10:01') }, 10);
        await violationsRepository.insert(tx, copy({ id: randomUUID(), createdAt: day('2026-12-02', '10:00'), ocr }));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await both(readingDays)).toEqual(readings);
    expect(await both(ocrDays)).toEqual(tickets);

    // The reports answer from the rollups what the GROUP BY over the raw rows answers, for the city and a district.
    const city = await principalOf(ctx, supervisor);
    const district = await principalOf(
      ctx,
      await loginFresh(ctx, { permissions: [FP.menu, FP.list], dataScope: 'dept_and_children', department: '310115000000' }),
    );
    for (const p of [city, district])
      for (const q of [{}, { from: '2026-12-01', to: '2026-12-01' }, { deviceCode: tester.code, from: '2026-11-30' }]) {
        const fromRollup = await alcoholRepository.readingStats(db(), p, q);
        expect(fromRollup).toEqual(await alcoholRepository.readingStatsRaw(db(), p, q));
        const rounded = (rows: { meanConfidence: number }[]) => rows.map((r) => ({ ...r, meanConfidence: Math.round(r.meanConfidence * 1e9) }));
        expect(rounded(await violationsRepository.ocrAccuracy(db(), p, q))).toEqual(rounded(await violationsRepository.ocrAccuracyRaw(db(), p, q)));
      }
    expect((await alcoholRepository.readingStats(db(), district, { deviceCode: tester.code })).length).toBe(2);
    expect(await violationsRepository.ocrAccuracy(db(), district, {})).toEqual([{ field: 'plate', recognised: 1, corrected: 1, meanConfidence: 0.5 }]);
  });

  it('keeps the P10 query-log rollup equal to the GROUP BY over audit_log through audit writes, a rollback and an archive delete', async () => {
    const actions = sql.join(
      HANDHELD_QUERY_ACTIONS.map((a) => sql`${a}`),
      sql`, `,
    );
    const queryDays = {
      raw: sql`select (ts at time zone 'Asia/Shanghai')::date::text as day, coalesce(department_id, 0) as department_id, coalesce(user_id, 0) as user_id,
                      coalesce(username, '') as username, count(*)::int as queries, coalesce(sum((details->>'found')::int), 0)::int as found
                 from audit_log where action in (${actions}) group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
      rollup: sql`select day::text as day, department_id, user_id, username, queries, found from enf_query_log_days
                   where queries <> 0 or found <> 0 order by 1, 2, 3, 4`,
    };
    type Day = { day: string; department_id: number; user_id: number; username: string; queries: number; found: number };
    const rows = async (tx: Parameters<typeof queryRows>[0] = db()) => ({
      raw: await queryRows<Day>(tx, queryDays.raw),
      rollup: await queryRows<Day>(tx, queryDays.rollup),
    });
    const district = await loginFresh(ctx, { permissions: [FP.menu, FP.pda], department: '310115000000' });
    const actorOf = async (s: Session) => actorOfPrincipal(await principalOf(ctx, s), { ...systemActor(), ip: '10.9.0.1' });
    const [here, there] = [await actorOf(officer), await actorOf(district)];
    // Reads audited together (one group commit: a multi-row insert), queries among other actions, one with no details.
    await Promise.all([
      audit(db(), here, { action: 'ebike.pda-query', details: { keys: ['plate'], found: 2 } }),
      audit(db(), there, { action: 'ebike.pda-query', details: { keys: ['zcbm'], found: 0 } }),
      audit(db(), there, { action: 'enforcement.rider-contact', details: { found: 1 } }),
      audit(db(), here, { action: 'ebike.vehicle.view', details: { found: 5 } }),
      audit(db(), systemActor('rollup test'), { action: 'enforcement.first-violation-check' }),
    ]);
    // Several records in one transaction of a change, and a change that fails: its records are not counted.
    await db().transaction(async (tx) => {
      await audit(tx, there, { action: 'enforcement.first-violation-check', details: { found: 3 } });
      await audit(tx, there, { action: 'ebike.pda-query', details: { found: 4 } });
    });
    await expect(
      db().transaction(async (tx) => {
        await audit(tx, here, { action: 'ebike.pda-query', details: { found: 7 } });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const after = await rows();
    expect(after.rollup).toEqual(after.raw);
    expect(after.raw).toEqual(expect.arrayContaining([expect.objectContaining({ user_id: 0, department_id: 0, username: 'system', found: 0 })]));
    const thereToday = after.raw.filter((r) => r.user_id === there.userId);
    expect(thereToday.map((r) => [r.queries, r.found])).toEqual([[4, 8]]);

    // The retention job's delete (archive_audit_rows, here with the row guard off in a transaction that is rolled back)
    // lowers the rollup by the deleted queries.
    await expect(
      db().transaction(async (tx) => {
        await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
        await tx.execute(sql`delete from audit_log where user_id = ${there.userId} and action = 'ebike.pda-query'`);
        const deleted = await rows(tx);
        expect(deleted.rollup).toEqual(deleted.raw);
        expect(deleted.raw.filter((r) => r.user_id === there.userId).map((r) => [r.queries, r.found])).toEqual([[2, 4]]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await rows()).toEqual(after);

    // The report answers from the rollup what the GROUP BY over audit_log answers, in each scope and filter.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const city = await principalOf(ctx, supervisor);
    const own = await principalOf(ctx, await loginFresh(ctx, { permissions: [FP.menu, FP.queryLog], dataScope: 'self', department: '310115000000' }));
    const dept = await principalOf(
      ctx,
      await loginFresh(ctx, { permissions: [FP.menu, FP.queryLog], dataScope: 'dept_and_children', department: '310115000000' }),
    );
    for (const p of [city, dept, own, await principalOf(ctx, district)])
      for (const q of [{}, { from: today, to: today }, { username: there.username!.toUpperCase() }, { from: '2000-01-01', to: '2000-01-31' }])
        expect(await queryLogRepository.stats(db(), p, q)).toEqual(await queryLogRepository.statsRaw(db(), p, q));
    expect(await queryLogRepository.stats(db(), dept, {})).toEqual([{ username: there.username, day: today, queries: 4, found: 8 }]);
  });
});
