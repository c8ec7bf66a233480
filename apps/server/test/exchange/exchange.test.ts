import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { APPOINTMENTS_P, EBIKE_P } from '@shtp/core/ebike';
import { ENFORCEMENT_P as FP } from '@shtp/core/enforcement';
import { EXCHANGE_P } from '@shtp/core/exchange';
import { PAYMENTS_P } from '@shtp/core/payments';
import { ENVELOPE_CONTENT_TYPE } from '@shtp/core/platform';
import { HUB_SERVICE_CATALOGUE, HUB_SERVICE_CODES, PUBLISHING_P } from '@shtp/core/publishing';
import { MemoryReplayCache, sm2GenerateKeyPair, sm3Hex } from '@shtp/gm';
import { ebikeRegistrations, motorVehicleIds, Rng, syntheticIdNumber, syntheticName } from '@shtp/testkit';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingReminderJob } from '../../src/modules/appointments/appointments.jobs.ts';
import type { AppointmentsPorts } from '../../src/modules/appointments/appointments.module.ts';
import { appointmentsParams } from '../../src/modules/appointments/appointments.params.ts';
import type { ExchangePorts } from '../../src/modules/exchange/exchange.module.ts';
import { exchangeParams } from '../../src/modules/exchange/exchange.params.ts';
import { noticePollJob } from '../../src/modules/payments/payments.jobs.ts';
import type { PaymentsPorts } from '../../src/modules/payments/payments.module.ts';
import { paymentsParams } from '../../src/modules/payments/payments.params.ts';
import type { PublishingPorts } from '../../src/modules/publishing/publishing.module.ts';
import { systemActor } from '../../src/platform/audit/actor.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { signedHeaders } from '../../src/platform/service-accounts/signing-client.ts';
import { openReply, sealRequest } from '../../src/platform/transport/device-client.ts';
import { multipartForm } from '../multipart-body.ts';
import { createTestApp, fieldsOf, loginFresh, portsOf, type Session, type TestContext } from '../test-app.ts';

/*
 * Both zones in one test, each with its own database and data folder, joined only by two folders standing in for
 * the gap (police → internet and back) and each holding the other's public key.
 */
let gap: string;
let police: TestContext;
let internet: TestContext;
let policeOps: Session;
let internetOps: Session;
let officer: Session;
let supervisor: Session;
let policeReader: Session;
/** The order paid in the G6/G10 story, refunded in the next one. */
let paidOrder: { merchantOrderNo: string; decisionNo: string };
const { registration } = ebikeRegistrations(20261202);
const P2I = () => path.join(gap, 'police-to-internet');
const I2P = () => path.join(gap, 'internet-to-police');

const inject = (ctx: TestContext, s: Session, method: 'GET' | 'POST', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
const run = async (ctx: TestContext, s: Session) => {
  const res = await inject(ctx, s, 'POST', '/api/exchange/run');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { sealed: number; received: number };
};
const packages = async (ctx: TestContext, s: Session, direction: 'in' | 'out') =>
  (await inject(ctx, s, 'GET', `/api/exchange/packages?direction=${direction}&pageSize=100`)).json().items as {
    sequence: number;
    state: string;
    reason: string | null;
    channel: string;
    recordCount: number;
    confirmedAt: string | null;
  }[];
const records = (ctx: TestContext) =>
  queryRows<{ business_key: string; version: number; record: Record<string, unknown> }>(
    ctx.platform.db,
    sql`select * from exchange_records where channel = 'vehicles' order by business_key`,
  );

/** Seals in the police zone until a package leaves (a change is read once it is a few seconds old). */
async function policeSeals(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await run(police, policeOps)).sealed > 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no package sealed');
}

/**
 * The G13 stories' start: records cross as soon as they are written, and the officer's department offers one
 * registration point (测试非机动车登记点) on the internet side. Returns the department's code.
 */
async function officerStationOpen(): Promise<string> {
  const admin = new Set(['system:param:update']);
  const by = systemActor('exchange test');
  for (const ctx of [internet, police]) await ctx.platform.params.update(exchangeParams.minAgeSeconds.key, 0, by, admin);
  const { id } = (await inject(police, officer, 'GET', '/api/auth/me')).json().department as { id: number };
  const [department] = await queryRows<{ code: string }>(police.platform.db, sql`select code from departments where id = ${id}`);
  if (!department) throw new Error('no department');
  await internet.platform.params.update(appointmentsParams.stations.key, [`${department.code}|测试非机动车登记点`], by, admin);
  return department.code;
}

async function register(): Promise<{ id: number; plate: string; zcbm: string; owner: { name: string; idNumber: string; phone: string } }> {
  const body = registration();
  const res = await inject(police, officer, 'POST', '/api/ebike/vehicles', body);
  expect(res.statusCode, res.body).toBe(200);
  return { id: res.json().vehicle.id, plate: res.json().vehicle.plate, zcbm: body.vehicle.zcbm, owner: body.owner };
}

/** Runs the police zone's crossing until a package of the channel has left. */
async function policeSends(channel: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await run(police, policeOps);
    if ((await packages(police, policeOps, 'out')).some((p) => p.channel === channel)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${channel} package sealed`);
}

/** A partner's service account in the internet zone (the 随申办 back end), signing its calls with HMAC-SM3. */
async function partnerAccount(scopes: string[]) {
  const secadmin = await loginFresh(internet, 'secadmin');
  const departmentId = (await inject(internet, internetOps, 'GET', '/api/auth/me')).json().department.id;
  const res = await inject(internet, secadmin, 'POST', '/api/security/service-accounts', {
    name: `随申办${scopes.join()}`,
    departmentId,
    scopes,
    signAlg: 'HMAC-SM3',
  });
  expect(res.statusCode, res.body).toBe(200);
  return { appId: res.json().account.appId as string, alg: 'HMAC-SM3' as const, secret: res.json().secret as string };
}

const signedPost = (credentials: Awaited<ReturnType<typeof partnerAccount>>, url: string, payload: object, headers: Record<string, string> = {}) => {
  const body = JSON.stringify(payload);
  return internet.app.inject({
    method: 'POST',
    url,
    payload: body,
    headers: { ...signedHeaders(credentials, { method: 'POST', target: url, body }), 'content-type': 'application/json', ...headers },
    remoteAddress: '127.0.0.1',
  });
};

/** A 罚款 decision written on a registered handheld (the sealed PDA route), as the police zone's source of the violations set. */
async function handheldDecision(plate: string): Promise<{ decisionNo: string; party: { idNumber: string; name: string } }> {
  const sec = await loginFresh(police, 'secadmin');
  const pdaOfficer = await loginFresh(police, { permissions: [FP.menu, FP.pda] });
  const pair = sm2GenerateKeyPair();
  const departmentId = (await inject(police, pdaOfficer, 'GET', '/api/auth/me')).json().department.id;
  const device = await inject(police, sec, 'POST', '/api/security/devices', { code: 'PDA-XCH-01', name: '执法终端', departmentId, publicKey: pair.publicKey });
  expect(device.statusCode, device.body).toBe(200);
  const credentials = { code: 'PDA-XCH-01', privateKey: pair.privateKey };
  const server = (await police.app.inject({ method: 'GET', url: '/api/transport/server-key' })).json();
  const rng = new Rng(20261203);
  const party = { idNumber: syntheticIdNumber(rng, '310101', '1990-05-01', 'M'), name: syntheticName(rng) };
  const body = {
    id: randomUUID(),
    kind: 'decision',
    fine: 50,
    code: '2004',
    trafficMode: 'F3',
    party,
    plate,
    place: '人民路与西藏中路路口',
    occurredAt: new Date().toISOString(),
    corrected: true,
    harm: false,
  };
  const res = await police.app.inject({
    method: 'POST',
    url: '/api/pda/enforcement/violations',
    headers: { ...pdaOfficer.headers, 'content-type': ENVELOPE_CONTENT_TYPE, 'idempotency-key': randomUUID() },
    payload: sealRequest(body, credentials, server),
  });
  const reply = await openReply<{ violation: { decisionNo: string } }>(
    { status: res.statusCode, contentType: res.headers['content-type'] as string, text: res.body },
    credentials,
    server,
    new MemoryReplayCache(),
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return { decisionNo: reply.body.violation.decisionNo, party };
}

/** The decision as the police console's 执法记录 lists it. */
async function policeViolation(decisionNo: string): Promise<{ decisionNo: string; payment: Record<string, unknown> | null }> {
  const list = await inject(police, policeReader, 'GET', '/api/enforcement/violations?pageSize=100');
  expect(list.statusCode, list.body).toBe(200);
  const found = (list.json().items as { decisionNo: string; payment: Record<string, unknown> | null }[]).find((v) => v.decisionNo === decisionNo);
  if (!found) throw new Error(`decision ${decisionNo} not listed`);
  return found;
}

beforeAll(async () => {
  gap = mkdtempSync(path.join(tmpdir(), 'shtp-gap-'));
  mkdirSync(path.join(gap, 'keys'));
  const zone = (name: 'police' | 'internet', out: string, inbound: string, peer: string) => ({
    ZONE: name,
    EXCHANGE_OUT_DIR: out,
    EXCHANGE_IN_DIR: inbound,
    EXCHANGE_PEER_KEY_FILE: path.join(gap, 'keys', `${peer}.json`),
  });
  police = await createTestApp({ vars: zone('police', P2I(), I2P(), 'internet') });
  internet = await createTestApp({ vars: zone('internet', I2P(), P2I(), 'police') });
  // The operators hand each zone's public key to the other.
  copyFileSync(path.join(police.platform.config.dataDir, 'exchange', 'public-key.json'), path.join(gap, 'keys', 'police.json'));
  copyFileSync(path.join(internet.platform.config.dataDir, 'exchange', 'public-key.json'), path.join(gap, 'keys', 'internet.json'));
  const ops = { permissions: [EXCHANGE_P.menu, EXCHANGE_P.view, EXCHANGE_P.operate], dataScope: 'all' as const };
  policeOps = await loginFresh(police, ops);
  internetOps = await loginFresh(internet, ops);
  officer = await loginFresh(police, 'officer01');
  supervisor = await loginFresh(police, 'supervisor01');
  policeReader = await loginFresh(police, { permissions: [FP.menu, FP.list], dataScope: 'all' });
  const me = (await inject(police, officer, 'GET', '/api/auth/me')).json();
  const res = await inject(police, supervisor, 'POST', '/api/ebike/plates/batches', {
    plateKind: 'P',
    departmentId: me.user?.departmentId ?? me.department?.id,
    prefix: '沪A',
    from: 1,
    count: 20,
  });
  expect(res.statusCode, res.body).toBe(200);
}, 120_000);
afterAll(async () => {
  await police?.close();
  await internet?.close();
  rmSync(gap, { recursive: true, force: true });
});

describe('G1/G3/G11–G13 police → internet', () => {
  it('mounts each zone its own modules', async () => {
    expect(police.modules.mounted.map((m) => m.definition.name)).toContain('ebike');
    expect(police.modules.mounted.map((m) => m.definition.name)).not.toContain('publishing');
    expect(internet.modules.mounted.map((m) => m.definition.name)).toEqual(['system', 'exchange', 'payments', 'publishing', 'appointments']);
    expect((await inject(internet, internetOps, 'GET', '/api/ebike/vehicles?plate=x')).statusCode).toBe(404);
  });

  it('a registered vehicle crosses sealed and arrives masked; a young package waits', async () => {
    const v = await register();
    await policeSeals();
    const files = readdirSync(P2I());
    expect(files.filter((f) => f.endsWith('.done'))).toHaveLength(1);
    const raw = files.map((f) => readFileSync(path.join(P2I(), f)).toString('latin1')).join('');
    expect(raw).not.toContain(v.owner.idNumber);
    expect(raw).not.toContain(Buffer.from(v.plate).toString('latin1'));
    // Sealed: the outbox row stays as it was put there, its waiting mark is gone, the package row names it.
    const [outboxRow] = await queryRows<{ id: number }>(police.platform.db, sql`select id::int from exchange_outbox where business_key = ${`ebike-${v.id}`}`);
    const [sealedRow] = await queryRows<{ outbox_ids: number[]; waiting: number }>(
      police.platform.db,
      sql`select outbox_ids::int[] as outbox_ids, (select count(*)::int from exchange_outbox_waiting where channel = 'vehicles') as waiting
        from exchange_packages where direction = 'out' and channel = 'vehicles'`,
    );
    expect(sealedRow).toEqual({ outbox_ids: [outboxRow?.id], waiting: 0 });

    // Younger than the minimum age (default 5 s): not taken yet.
    expect((await run(internet, internetOps)).received).toBe(0);
    await internet.platform.params.update(exchangeParams.minAgeSeconds.key, 0, systemActor('exchange test'), new Set(['system:param:update']));
    expect((await run(internet, internetOps)).received).toBe(1);

    const [row] = await records(internet);
    expect(row?.business_key).toBe(`ebike-${v.id}`);
    expect(row?.record.plate).toBe(`${v.plate.slice(0, 3)}****${v.plate.slice(-1)}`);
    expect(row?.record.ownerName).toBe(`${v.owner.name[0]}${'*'.repeat(v.owner.name.length - 1)}`);
    expect(row?.record.ownerIdNumber).toBe(`${v.owner.idNumber[0]}${'*'.repeat(16)}${v.owner.idNumber[17]}`);
    // Fail closed: the phone and the 整车编码 have no rule and do not leave.
    expect(row?.record).not.toHaveProperty('ownerPhone');
    expect(row?.record).not.toHaveProperty('zcbm');
    // G6: the possession digest of plate and 整车编码 tail crosses instead (a clean vehicle's holder gets an empty answer).
    expect(row?.record.possession).toMatch(/^[0-9a-f]{64}$/);
    expect(await packages(internet, internetOps, 'in')).toMatchObject([{ channel: 'vehicles', sequence: 1, state: 'applied', recordCount: 1 }]);
    expect(await packages(police, policeOps, 'out')).toMatchObject([{ channel: 'vehicles', sequence: 1, state: 'sealed', recordCount: 1 }]);
  });

  it('a package that arrives twice applies nothing the second time', async () => {
    const done = path.join(internet.platform.config.dataDir, 'exchange', 'done');
    for (const f of readdirSync(done)) copyFileSync(path.join(done, f), path.join(P2I(), f));
    const before = await records(internet);
    expect((await run(internet, internetOps)).received).toBe(1);
    expect(await records(internet)).toEqual(before);
    expect((await packages(internet, internetOps, 'in'))[0]).toMatchObject({ sequence: 1, state: 'duplicate' });
  });

  it('a package changed in the gap is quarantined with its reason; the next one waits, the gap is reported and resent', async () => {
    await register();
    await policeSeals();
    const payload = readdirSync(P2I()).find((f) => f.endsWith('.payload'))!;
    const bytes = readFileSync(path.join(P2I(), payload));
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] as number) ^ 0xff;
    writeFileSync(path.join(P2I(), payload), bytes);
    await run(internet, internetOps);
    expect((await packages(internet, internetOps, 'in'))[0]).toMatchObject({ sequence: 2, state: 'quarantined', reason: expect.stringMatching(/SM3/) });

    await register();
    await policeSeals();
    await run(internet, internetOps); // sequence 3 is held, 2 is missing: a resend request leaves for the police zone
    expect((await packages(internet, internetOps, 'in'))[0]).toMatchObject({ sequence: 3, state: 'held' });
    const recon = (await inject(internet, internetOps, 'GET', '/api/exchange/reconciliation')).json();
    expect(recon.gaps).toEqual([{ channel: 'vehicles', missing: [2] }]);
    // 工作台: the quarantined package, the held one and the missing sequence wait for the operator.
    expect((await inject(internet, internetOps, 'GET', '/api/exchange/attention')).json()).toEqual({ quarantined: 1, held: 1, missing: 1 });
    expect((await packages(internet, internetOps, 'out')).filter((p) => p.channel === 'resend-requests')).toHaveLength(1);

    await police.platform.params.update(exchangeParams.minAgeSeconds.key, 0, systemActor('exchange test'), new Set(['system:param:update']));
    await run(police, policeOps); // applies the request, writes sequence 2 out again from its kept copy
    await run(internet, internetOps);
    const states = (await packages(internet, internetOps, 'in')).filter((p) => p.channel === 'vehicles').map((p) => `${p.sequence}:${p.state}`);
    expect(states).toEqual(expect.arrayContaining(['1:applied', '2:applied', '3:applied']));
    expect(await records(internet)).toHaveLength(3);
    expect((await inject(internet, internetOps, 'GET', '/api/exchange/reconciliation')).json().gaps).toEqual([]);
    // The resent copy settles the quarantined sequence: nothing waits any more.
    expect((await inject(internet, internetOps, 'GET', '/api/exchange/attention')).json()).toEqual({ quarantined: 0, held: 0, missing: 0 });
  });

  it('G6/G10/G13: a decision on a registered e-bike crosses masked; a citizen finds it through the signed API and pays it with e-CNY; the police zone shows it paid', async () => {
    const vehicle = await register();
    const decision = await handheldDecision(vehicle.plate);
    await policeSends('violations');
    await run(internet, internetOps);
    const [crossed] = await queryRows<{ record: Record<string, unknown> }>(
      internet.platform.db,
      sql`select record from exchange_records where channel = 'violations' and business_key = ${decision.decisionNo}`,
    );
    const masked = `${vehicle.plate.slice(0, 3)}****${vehicle.plate.slice(-1)}`;
    expect(crossed?.record).toMatchObject({ decisionNo: decision.decisionNo, plate: masked, fineFen: 5_000, points: 0, paid: false });
    // The party's identity has no rule in the data set and does not leave; nor do the plate and 整车编码 in clear.
    const text = JSON.stringify(crossed?.record);
    for (const secret of [decision.party.idNumber, decision.party.name, vehicle.plate, vehicle.zcbm]) expect(text).not.toContain(secret);

    // G6: the partner (随申办) asks for its citizen with the plate and the last 6 of the 整车编码, signed.
    await internet.platform.params.update(paymentsParams.queryPerPlatePerMinute.key, 3, systemActor('exchange test'), new Set(['system:param:update']));
    // The notice below goes out at once whatever the hour: no quiet hours here (they are tested with the payments).
    for (const p of [paymentsParams.smsQuietStartHour, paymentsParams.smsQuietEndHour])
      await internet.platform.params.update(p.key, 0, systemActor('exchange test'), new Set(['system:param:update']));
    // G9: the notice's built-in template is registered approved at start (its text is reviewed with the release).
    const partner = await partnerAccount(['violation:query']);
    const ask = (tail: string) => signedPost(partner, '/api/payments/violation-query', { hphm: vehicle.plate, clsbdh: tail, openid: 'ssb-openid-00000001' });
    const wrongTail = await ask('000000');
    expect(wrongTail.statusCode, wrongTail.body).toBe(404);
    expect(wrongTail.json().code).toBe('NOT_FOUND_OR_MISMATCH');
    const found = await ask(vehicle.zcbm.slice(-6));
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toMatchObject({ hphm: masked, items: [{ jdsbh: decision.decisionNo, fkjeFen: 5_000, znjFen: 0, jkbj: '0', wfjfs: 0 }] });
    // Another partner without the scope is refused; nobody gets in unsigned and without a session.
    const other = await partnerAccount(['recognition:call']);
    expect(
      (await signedPost(other, '/api/payments/violation-query', { hphm: vehicle.plate, clsbdh: '000000', openid: 'ssb-openid-00000001' })).statusCode,
    ).toBe(403);
    expect((await internet.app.inject({ method: 'POST', url: '/api/payments/violation-query', payload: {} })).statusCode).toBe(401);
    // G5: a partner that forwards the 随申办 hub's assertion gets its citizen filed (here on another plate, a miss).
    const hub = portsOf<PaymentsPorts>(internet, 'payments').identity.simulator!;
    const asserted = await signedPost(partner, '/api/payments/violation-query', {
      hphm: '沪A99999',
      clsbdh: '000000',
      assertion: hub.issue('ssb-openid-00000002'),
    });
    expect(asserted.json().code).toBe('NOT_FOUND_OR_MISMATCH');

    // The partner places the order for its citizen; the channel's signed notification is the only proof of payment.
    // The partner places the order for its citizen, with the mobile for the notice; the channel's signed
    // notification is the only proof of payment.
    const placed = await signedPost(
      partner,
      '/api/payments/orders',
      { decisionNo: decision.decisionNo, mobile: '13812345678' },
      { 'idempotency-key': randomUUID() },
    );
    expect(placed.statusCode, placed.body).toBe(200);
    paidOrder = { merchantOrderNo: placed.json().order.merchantOrderNo, decisionNo: decision.decisionNo };
    const paymentsPorts = portsOf<PaymentsPorts>(internet, 'payments');
    const notification = paymentsPorts.ecny.simulator!.pay(placed.json().order.merchantOrderNo);
    expect((await internet.app.inject({ method: 'POST', url: '/api/payments/ecny/notify', payload: notification })).json().effect).toBe('paid');
    // G9: the SMS gateway received the notice, and its delivery report is recorded by the poll job.
    expect(paymentsPorts.sms.simulator!.sent.map((m) => `${m.phone} ${m.text}`)).toEqual([
      `13812345678 【上海交警】您的处罚决定书${decision.decisionNo}已缴款50.00元，请勿重复缴纳。`,
    ]);
    const notice = () =>
      queryRows<{ notice_state: string; notice_phone_enc: string }>(
        internet.platform.db,
        sql`select notice_state, notice_phone_enc from fine_payments where decision_no = ${decision.decisionNo}`,
      );
    expect((await notice())[0]).toMatchObject({ notice_state: 'sent' });
    expect((await notice())[0]?.notice_phone_enc).not.toContain('13812345678');
    await internet.platform.jobs.enqueue(internet.platform.db, noticePollJob, {});
    await internet.platform.jobs.drain();
    expect((await notice())[0]?.notice_state).toBe('delivered');
    expect((await ask(vehicle.zcbm.slice(-6))).json().items[0].jkbj).toBe('1');
    // The per-plate limit (3 a minute here) holds whoever asks.
    const limited = await ask(vehicle.zcbm.slice(-6));
    expect(limited.statusCode).toBe(429);

    // Before the payment crosses, the police zone still shows the fine unpaid.
    expect((await policeViolation(decision.decisionNo)).payment).toBeNull();
    await run(internet, internetOps);
    const paymentPackages = async () => (await packages(internet, internetOps, 'out')).filter((p) => p.channel === 'payments');
    expect(await paymentPackages()).toMatchObject([{ sequence: 1, recordCount: 1, confirmedAt: null }]);
    await run(police, policeOps);
    expect((await policeViolation(decision.decisionNo)).payment).toMatchObject({ fineFen: 5_000, lateFeeFen: 0, channel: 'ecny' });
    // The filed identity crossed with it (用户信息备案 reaches the police zone).
    const filed = await queryRows<{ record: Record<string, unknown> }>(police.platform.db, sql`select record from exchange_records where channel = 'users'`);
    expect(filed.map((r) => r.record.openid)).toEqual(['ssb-openid-00000002']);

    // The channel repeats its notification: nothing new is paid, nothing crosses again.
    expect((await internet.app.inject({ method: 'POST', url: '/api/payments/ecny/notify', payload: notification })).json().effect).toBe('ignored');
    await run(internet, internetOps);
    expect(await paymentPackages()).toHaveLength(1);

    // The police zone's receipt crosses back: the internet zone knows its payment was applied there.
    await run(police, policeOps);
    await run(internet, internetOps);
    expect((await paymentPackages())[0]?.confirmedAt).not.toBeNull();
    const recon = (await inject(internet, internetOps, 'GET', '/api/exchange/reconciliation')).json();
    expect(recon.rows).toEqual(expect.arrayContaining([expect.objectContaining({ direction: 'out', channel: 'payments', records: 1, confirmed: 1 })]));
    // Each answered query is audited once, with keyed digests instead of the plate and the openid (the limited one
    // was refused before the lookup; the platform records it as a refused service call).
    const audits = await queryRows<{ row: string }>(
      internet.platform.db,
      sql`select row_to_json(a)::text as row from audit_log a where action = 'payments.violation-query'`,
    );
    expect(audits).toHaveLength(4);
    for (const a of audits) for (const secret of [vehicle.plate, 'ssb-openid-00000001', 'ssb-openid-00000002']) expect(a.row).not.toContain(secret);
  });

  it('G10: a refund in the internet zone crosses as a newer version of the payment; the police zone applies it once, audited', async () => {
    const refunder = await loginFresh(internet, { permissions: [PAYMENTS_P.menu, PAYMENTS_P.refund] });
    const refund = (amountFen: number) =>
      internet.app.inject({
        method: 'POST',
        url: `/api/payments/orders/${paidOrder.merchantOrderNo}/refund`,
        headers: { ...refunder.headers, 'idempotency-key': randomUUID() },
        payload: { amountFen, reason: '重复缴款' },
      });
    expect((await refund(2_000)).statusCode).toBe(200);
    await run(internet, internetOps);
    await run(police, policeOps);
    expect((await policeViolation(paidOrder.decisionNo)).payment).toMatchObject({ fineFen: 5_000, refundedFen: 2_000, refundedAt: expect.any(String) });
    expect((await refund(3_000)).statusCode).toBe(200);
    await run(internet, internetOps);
    await run(police, policeOps);
    expect((await policeViolation(paidOrder.decisionNo)).payment).toMatchObject({ refundedFen: 5_000 });
    const crossed = (await packages(internet, internetOps, 'out')).filter((p) => p.channel === 'payments');
    expect(crossed.map((p) => p.sequence).sort()).toEqual([1, 2, 3]);

    // Every package the police zone applied comes through the gap again (the refunds' among them): nothing applies.
    const done = path.join(police.platform.config.dataDir, 'exchange', 'done');
    for (const f of readdirSync(done)) copyFileSync(path.join(done, f), path.join(I2P(), f));
    await run(police, policeOps);
    const states = (await packages(police, policeOps, 'in')).filter((p) => p.channel === 'payments').map((p) => `${p.sequence}:${p.state}`);
    expect(states.sort()).toEqual(['1:applied', '1:duplicate', '2:applied', '2:duplicate', '3:applied', '3:duplicate']);
    expect((await policeViolation(paidOrder.decisionNo)).payment).toMatchObject({ refundedFen: 5_000 });
    const audits = await queryRows<{ target_id: string; details: { refundedFen: number } }>(
      police.platform.db,
      sql`select target_id, details from audit_log where action = 'enforcement.fine-refunded' order by id`,
    );
    expect(audits.map((a) => [a.target_id, a.details.refundedFen])).toEqual([
      [paidOrder.decisionNo, 2_000],
      [paidOrder.decisionNo, 5_000],
    ]);
  });

  it('G2/G3/G6/G13: a motor vehicle and a driver of the 车驾管 register cross masked; its holder (plate + VIN tail) gets an empty answer, a wrong tail a miss; the driver, asserted real-name, gets its own licence', async () => {
    const register = portsOf<ExchangePorts>(police, 'exchange').motorRegister.simulator!;
    const rng = new Rng(20261204);
    const [ids] = motorVehicleIds(rng, { count: 1 });
    const owner = { name: syntheticName(rng), idNumber: syntheticIdNumber(rng, '310115', '1979-11-02', 'M') };
    register.register({
      serial: '880001',
      plate: ids!.plate,
      plateKind: '02',
      vin: ids!.vin,
      vehicleType: 'K33',
      brand: '合成牌',
      ownerName: owner.name,
      ownerIdNumber: owner.idNumber,
      state: 'A',
    });
    await internet.platform.params.update(exchangeParams.minAgeSeconds.key, 0, systemActor('exchange test'), new Set(['system:param:update']));
    // G2: a driver of the register crosses with the same cycle.
    const driver = { name: syntheticName(rng), idNumber: syntheticIdNumber(rng, '310110', '1985-06-07', 'F') };
    register.registerDriver({ serial: '770001', ...driver, fileNo: '310012345678', licenceClass: 'C1', state: 'A', validUntil: '2032-06-07', points: 3 });
    await policeSends('motor-vehicles');
    await policeSends('drivers');
    const raw = readdirSync(P2I())
      .map((f) => readFileSync(path.join(P2I(), f)).toString('latin1'))
      .join('');
    expect(raw).not.toContain(ids!.vin);
    await run(internet, internetOps);
    const [row] = await queryRows<{ business_key: string; record: Record<string, unknown> }>(
      internet.platform.db,
      sql`select business_key, record from exchange_records where channel = 'motor-vehicles'`,
    );
    const masked = `${ids!.plate.slice(0, 3)}${'*'.repeat(ids!.plate.length - 4)}${ids!.plate.slice(-1)}`;
    expect(row).toMatchObject({ business_key: 'motor-880001', record: { plate: masked, ownerName: `${owner.name[0]}${'*'.repeat(owner.name.length - 1)}` } });
    expect(row?.record).not.toHaveProperty('vin');
    for (const secret of [ids!.vin, owner.idNumber, ids!.plate]) expect(JSON.stringify(row?.record)).not.toContain(secret);

    const [crossedDriver] = await queryRows<{ record: Record<string, unknown> }>(
      internet.platform.db,
      sql`select record from exchange_records where channel = 'drivers' and business_key = 'driver-770001'`,
    );
    expect(crossedDriver?.record).toEqual({
      name: `${driver.name[0]}${'*'.repeat(driver.name.length - 1)}`,
      idNumber: `${driver.idNumber[0]}${'*'.repeat(16)}${driver.idNumber[17]}`,
      fileNo: '31********78',
      licenceClass: 'C1',
      state: 'A',
      validUntil: '2032-06-07',
      points: 3,
      // G2: the keyed holder digest of the ID number crosses instead of the number.
      possession: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(crossedDriver?.record)).not.toContain(driver.idNumber);

    const partner = await partnerAccount(['violation:query']);
    const ask = (tail: string) => signedPost(partner, '/api/payments/violation-query', { hphm: ids!.plate, clsbdh: tail, openid: 'ssb-openid-00000009' });
    const held = await ask(ids!.vin.slice(-6));
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json()).toMatchObject({ hphm: masked, total: 0, items: [] });
    expect((await ask('000000')).json().code).toBe('NOT_FOUND_OR_MISMATCH');

    // G2: the citizen's own licence through the signed API, bound only by the real-name assertion's ID number.
    const hub = portsOf<PaymentsPorts>(internet, 'payments').identity.simulator!;
    const licensee = await partnerAccount(['driver:query']);
    const licence = (openid: string, person?: { idNumber: string; name?: string }) =>
      signedPost(licensee, '/api/payments/driver-query', { assertion: hub.issue(openid, 300, new Date(), person) });
    const own = await licence('ssb-openid-00000077', driver);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toEqual({
      xm: `${driver.name[0]}${'*'.repeat(driver.name.length - 1)}`,
      jszh: `${driver.idNumber[0]}${'*'.repeat(16)}${driver.idNumber[17]}`,
      dabh: '31********78',
      zjcx: 'C1',
      zt: 'A',
      ztmc: '正常',
      yxqz: '2032-06-07',
      ljjf: 3,
      requestId: expect.any(String),
    });
    // Another real-name citizen gets the answer of a miss (no oracle); without a real-name identity, a clear refusal.
    const stranger = await licence('ssb-openid-00000078', { idNumber: syntheticIdNumber(rng, '310110', '1985-06-08', 'F') });
    expect([stranger.statusCode, stranger.json().code]).toEqual([404, 'NOT_FOUND_OR_MISMATCH']);
    const anonymous = await licence('ssb-openid-00000079');
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([403, 'REAL_NAME_REQUIRED']);
    expect(anonymous.json().message).toContain('实名认证');
    const unasserted = await signedPost(licensee, '/api/payments/driver-query', { openid: 'ssb-openid-00000077' });
    expect(unasserted.statusCode).toBe(400);
    // The violation-query scope does not open it.
    expect((await signedPost(partner, '/api/payments/driver-query', { assertion: hub.issue('ssb-openid-00000077', 300, new Date(), driver) })).statusCode).toBe(
      403,
    );
    // Every call audited by the openid's digest, with its outcome; neither the ID number nor the openid is written.
    const driverAudits = await queryRows<{ result: string; reason: string | null; row: string }>(
      internet.platform.db,
      sql`select result, reason, row_to_json(a)::text as row from audit_log a where action = 'payments.driver-query' order by id`,
    );
    expect(driverAudits.map((a) => [a.result, a.reason])).toEqual([
      ['success', null],
      ['failure', 'NOT_FOUND_OR_MISMATCH'],
      ['failure', 'REAL_NAME_REQUIRED'],
    ]);
    for (const a of driverAudits) for (const secret of [driver.idNumber, 'ssb-openid-0000007']) expect(a.row).not.toContain(secret);
    // One bucket per citizen for both queries: at 2 a minute, a violation query and a licence query spend it.
    const by = systemActor('exchange test');
    await internet.platform.params.update(paymentsParams.queryPerCitizenPerMinute.key, 2, by, new Set(['system:param:update']));
    const violations = await signedPost(partner, '/api/payments/violation-query', {
      hphm: ids!.plate,
      clsbdh: ids!.vin.slice(-6),
      openid: 'ssb-openid-00000080',
    });
    expect(violations.statusCode, violations.body).toBe(200);
    expect((await licence('ssb-openid-00000080', driver)).statusCode).toBe(200);
    const limited = await licence('ssb-openid-00000080', driver);
    expect([limited.statusCode, limited.json().code]).toEqual([429, 'RATE_LIMITED']);
    const [lastAudit] = await queryRows<{ reason: string }>(
      internet.platform.db,
      sql`select reason from audit_log where action = 'payments.driver-query' order by id desc limit 1`,
    );
    expect(lastAudit?.reason).toBe('RATE_LIMITED');
    await internet.platform.params.update(paymentsParams.queryPerCitizenPerMinute.key, 20, by, new Set(['system:param:update']));
  });

  it('the console routes need the exchange permissions', async () => {
    expect((await inject(police, officer, 'GET', '/api/exchange/packages?direction=out')).statusCode).toBe(403);
    expect((await inject(police, officer, 'POST', '/api/exchange/run')).statusCode).toBe(403);
    expect((await inject(police, officer, 'GET', '/api/exchange/attention')).statusCode).toBe(403);
    const bad = await inject(police, policeOps, 'GET', '/api/exchange/packages?direction=sideways');
    expect(bad.statusCode).toBe(400);
  });
});

describe('G13 internet → police: e-bike registration appointments', () => {
  it('a partner books a slot for its citizen (idempotent, capacity per slot), cancels it; both cross sealed and the window lists them masked and audited', async () => {
    const admin = new Set(['system:param:update']);
    const by = systemActor('exchange test');
    const departmentCode = await officerStationOpen();
    await internet.platform.params.update(appointmentsParams.capacityPerSlot.key, 1, by, admin);
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    const rng = new Rng(20261218);
    const citizen = { idNumber: syntheticIdNumber(rng, '310104', '1988-03-02', 'F'), mobile: '13812345678', openid: 'ssb-openid-00000018' };
    const slot = { departmentCode, station: '测试非机动车登记点', day: tomorrow, slot: '09:00-10:00' };
    const partner = await partnerAccount(['appointment:book']);
    const book = (body: object, headers: Record<string, string> = {}) => signedPost(partner, '/api/appointments', body, headers);

    const first = await book({ ...slot, zcbm: '123456789012345', ...citizen }, { 'idempotency-key': randomUUID() });
    expect(first.statusCode, first.body).toBe(200);
    const { bookingNo } = first.json().booking as { bookingNo: string };
    expect(first.json()).toMatchObject({ repeated: false, booking: { state: 'booked', day: tomorrow } });
    // The same citizen and slot again (a retry without a key) gets the same booking; another citizen finds it full.
    expect((await book({ ...slot, plate: '沪A123456', ...citizen })).json()).toMatchObject({ repeated: true, booking: { bookingNo } });
    const other = { ...citizen, idNumber: syntheticIdNumber(rng, '310104', '1990-07-07', 'M'), openid: 'ssb-openid-00000019' };
    const full = await book({ ...slot, plate: '沪A123457', ...other });
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('APPOINTMENT_SLOT_FULL');
    // Bad input: 400 per field, nothing booked; no signature, no entry; a partner without the scope is refused.
    const bad = await book({ ...slot, day: '2020-01-01', slot: '07:00-08:00', plate: '沪A123458', ...other });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toEqual(['day', 'slot']);
    expect((await book({ ...slot, ...other })).json().details[0]).toMatchObject({ field: 'plate', message: '请填写号牌号码或整车编码' });
    expect((await internet.app.inject({ method: 'POST', url: '/api/appointments', payload: {} })).statusCode).toBe(401);
    expect((await signedPost(await partnerAccount(['violation:query']), '/api/appointments', { ...slot, plate: '沪A123458', ...other })).statusCode).toBe(403);
    // G5: the hub's assertion of a real-name citizen must name the same person as the ID number booked with.
    const hub = portsOf<AppointmentsPorts>(internet, 'appointments').identity.simulator!;
    const asserted = {
      idNumber: other.idNumber,
      mobile: other.mobile,
      assertion: hub.issue('ssb-openid-00000020', 300, new Date(), { idNumber: citizen.idNumber }),
    };
    const mismatch = await book({ ...slot, slot: '10:00-11:00', plate: '沪A123458', ...asserted });
    expect(mismatch.statusCode).toBe(403);
    expect(mismatch.json().code).toBe('APPOINTMENT_IDENTITY_MISMATCH');
    const [stored] = await queryRows<{ n: number; row: string }>(
      internet.platform.db,
      sql`select count(*)::int as n, max(row_to_json(b)::text) as row from appointment_bookings b`,
    );
    expect(stored?.n).toBe(1);
    for (const secret of [citizen.idNumber, citizen.mobile]) expect(stored?.row).not.toContain(secret);

    // The booking crosses: nothing personal in clear in the gap; the window of the department lists it masked.
    await run(internet, internetOps);
    const raw = readdirSync(I2P())
      .map((f) => readFileSync(path.join(I2P(), f)).toString('latin1'))
      .join('');
    expect(raw).not.toContain(citizen.idNumber);
    await run(police, policeOps);
    const list = async () => {
      const res = await inject(police, officer, 'GET', `/api/ebike/appointments?day=${tomorrow}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as { bookingNo: string; idNumber: string; phone: string; state: string; vin: string | null }[];
    };
    const [listed] = await list();
    expect(listed).toMatchObject({
      bookingNo,
      state: 'booked',
      vin: '123456789012345',
      idNumber: `${citizen.idNumber[0]}${'*'.repeat(16)}${citizen.idNumber[17]}`,
    });
    expect(listed?.phone).not.toContain(citizen.mobile);
    const reads = await queryRows<{ target_id: string }>(police.platform.db, sql`select target_id from audit_log where action = 'ebike.appointments'`);
    expect(reads.map((r) => r.target_id)).toContain(tomorrow);
    // A window officer of another department sees nothing of it; a reader without the window's permission is refused.
    const elsewhere = await loginFresh(police, { permissions: [EBIKE_P.menu, EBIKE_P.register], dataScope: 'dept', department: '310000000000' });
    const theirs = await inject(police, elsewhere, 'GET', `/api/ebike/appointments?day=${tomorrow}`);
    expect(theirs.statusCode, theirs.body).toBe(200);
    expect(theirs.json().items).toEqual([]);
    expect((await inject(police, policeReader, 'GET', '/api/ebike/appointments')).statusCode).toBe(403);

    // Only the citizen cancels (another ID number learns nothing); a repeated cancel changes nothing; version 2 crosses.
    const cancel = (who: typeof citizen) => signedPost(partner, `/api/appointments/${bookingNo}/cancel`, { idNumber: who.idNumber, openid: who.openid });
    expect((await cancel(other)).statusCode).toBe(404);
    const cancelled = await cancel(citizen);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().booking.state).toBe('cancelled');
    expect((await cancel(citizen)).json().booking.cancelledAt).toBe(cancelled.json().booking.cancelledAt);
    // The slot is free again: of two citizens asking at once, exactly one gets it.
    const third = { ...citizen, idNumber: syntheticIdNumber(rng, '310104', '1979-11-11', 'M'), openid: 'ssb-openid-00000021' };
    const race = await Promise.all([book({ ...slot, plate: '沪A123457', ...other }), book({ ...slot, plate: '沪A123459', ...third })]);
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    await run(internet, internetOps);
    await run(police, policeOps);
    const after = await list();
    expect(after.find((a) => a.bookingNo === bookingNo)?.state).toBe('cancelled');
    expect(after.filter((a) => a.state === 'booked')).toHaveLength(1);
  });

  it('G13: the window marks a booking 已到场 then 已办理 (scoped, audited, idempotent); the status crosses back and the citizen sees it', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const [live] = await queryRows<{ booking_no: string; day: string }>(
      police.platform.db,
      sql`select booking_no, day::text from ebike_appointments where state = 'booked'`,
    );
    if (!live) throw new Error('no live booking from the story above');
    const bookingNo = live.booking_no;
    const mark = (s: Session, status: string) => inject(police, s, 'POST', `/api/ebike/appointments/${bookingNo}/arrival`, { status });
    const listed = async () => {
      const res = await inject(police, officer, 'GET', `/api/ebike/appointments?day=${today}`);
      return (res.json().items as { bookingNo: string; arrival: string | null; actions: { arrival: { allowed: boolean; reason?: string } } }[]).find(
        (i) => i.bookingNo === bookingNo,
      );
    };
    // Before its day the mark is refused, with the reason the record's action carries.
    const early = await mark(officer, 'arrived');
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().message).toBe('未到办理日期，不能登记到场状态');
    // The booked day comes (the test moves the received booking to today).
    await police.platform.db.execute(sql`update ebike_appointments set day = ${today} where booking_no = ${bookingNo}`);
    expect((await listed())?.actions.arrival).toEqual({ allowed: true });

    const arrived = await mark(officer, 'arrived');
    expect(arrived.statusCode, arrived.body).toBe(200);
    expect(arrived.json()).toMatchObject({ bookingNo, arrival: 'arrived', actions: { arrival: { allowed: true } } });
    // The same mark again (a second click) changes nothing; then the business is done.
    expect((await mark(officer, 'arrived')).json().arrivalAt).toBe(arrived.json().arrivalAt);
    expect((await mark(officer, 'done')).json().arrival).toBe('done');
    const bad = await mark(officer, 'gone');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('status');
    // Another department's window learns nothing of it; a reader without the window's permission is refused.
    const elsewhere = await loginFresh(police, { permissions: [EBIKE_P.menu, EBIKE_P.register], dataScope: 'dept', department: '310000000000' });
    expect((await mark(elsewhere, 'no_show')).statusCode).toBe(404);
    expect((await mark(policeReader, 'no_show')).statusCode).toBe(403);
    const [row] = await queryRows<{ arrival: string; arrival_version: number }>(
      police.platform.db,
      sql`select arrival, arrival_version from ebike_appointments where booking_no = ${bookingNo}`,
    );
    expect(row).toEqual({ arrival: 'done', arrival_version: 2 });
    const audits = await queryRows<{ details: { status: string } }>(
      police.platform.db,
      sql`select details from audit_log where action = 'ebike.appointment-arrival' and target_id = ${bookingNo} order by id`,
    );
    expect(audits.map((a) => a.details.status)).toEqual(['arrived', 'done']);

    // The status crosses police → internet; the citizen who booked sees it with the booking, nobody else learns of it.
    await policeSends('appointment-status');
    await run(internet, internetOps);
    const [booking] = await queryRows<{ openid: string }>(internet.platform.db, sql`select openid from appointment_bookings where booking_no = ${bookingNo}`);
    const partner = await partnerAccount(['appointment:book']);
    const show = (openid: string) => {
      const url = `/api/appointments/${bookingNo}?openid=${openid}`;
      return internet.app.inject({ method: 'GET', url, headers: signedHeaders(partner, { method: 'GET', target: url }), remoteAddress: '127.0.0.1' });
    };
    const seen = await show(booking!.openid);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ booking: { bookingNo, state: 'booked' }, arrival: { status: 'done' } });
    expect((await show('ssb-openid-99999999')).statusCode).toBe(404);
    // G4: the booking's 办件 status follows it at the 一网通办 hub's outbox — 已受理 when booked, 已办结 once the window's mark crossed.
    const hubStatuses = await queryRows<{ status: string }>(
      internet.platform.db,
      sql`select payload->>'status' as status from hub_pushes where kind = 'case' and business_key = ${bookingNo} order by version`,
    );
    expect(hubStatuses[0]?.status).toBe('accepted');
    expect(hubStatuses.at(-1)?.status).toBe('completed');
    // G13: the citizen lists their own bookings (another openid sees none); the internet back office pages all bookings.
    const mineOf = (openid: string) => {
      const url = `/api/appointments/mine?openid=${openid}`;
      return internet.app.inject({ method: 'GET', url, headers: signedHeaders(partner, { method: 'GET', target: url }), remoteAddress: '127.0.0.1' });
    };
    const own = await mineOf(booking!.openid);
    expect(own.statusCode, own.body).toBe(200);
    expect((own.json().items as { bookingNo: string }[]).map((b) => b.bookingNo)).toContain(bookingNo);
    expect((await mineOf('ssb-openid-99999999')).json().items).toEqual([]);
    const desk = await loginFresh(internet, { permissions: ['appointments', 'appointments:list'] });
    const firstPage = await inject(internet, desk, 'GET', '/api/appointments?pageSize=1&page=1');
    expect(firstPage.statusCode, firstPage.body).toBe(200);
    expect(firstPage.json()).toMatchObject({ page: 1, pageSize: 1 });
    expect(firstPage.json().items).toHaveLength(1);
    expect(firstPage.json().total).toBeGreaterThan(1);
    const secondPage = await inject(internet, desk, 'GET', '/api/appointments?pageSize=1&page=2');
    expect(secondPage.json().items[0].bookingNo).not.toBe(firstPage.json().items[0].bookingNo);
    expect((await inject(internet, desk, 'GET', '/api/appointments?pageSize=500')).statusCode).toBe(400);
    expect((await inject(internet, internetOps, 'GET', '/api/appointments')).statusCode).toBe(403);
  });

  it('G9/G13: the day-before reminder SMS — one per live booking of tomorrow, none for a cancelled or later one, a failure retried by the job', async () => {
    const by = systemActor('exchange test');
    const admin = new Set(['system:param:update']);
    // Whatever the hour and whatever the numbers received before: no quiet hours, room in the per-number limits.
    for (const p of [paymentsParams.smsQuietStartHour, paymentsParams.smsQuietEndHour]) await internet.platform.params.update(p.key, 0, by, admin);
    await internet.platform.params.update(paymentsParams.smsPerNumberPerMinute.key, 100, by, admin);
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    const later = new Date(Date.now() + 8 * 3_600_000 + 2 * 86_400_000).toISOString().slice(0, 10);
    const [station] = await queryRows<{ department_code: string; station: string }>(
      internet.platform.db,
      sql`select department_code, station from appointment_bookings limit 1`,
    );
    const partner = await partnerAccount(['appointment:book']);
    const rng = new Rng(20261219);
    const bookFor = async (day: string, mobile: string, plate: string) => {
      const res = await signedPost(partner, '/api/appointments', {
        departmentCode: station!.department_code,
        station: station!.station,
        day,
        slot: '15:30-16:30',
        plate,
        idNumber: syntheticIdNumber(rng, '310104', '1985-05-05', 'M'),
        mobile,
        openid: `ssb-openid-${plate.slice(-6)}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().booking.bookingNo as string;
    };
    const fresh = await bookFor(tomorrow, '13912345670', '沪A123460');
    const dayAfter = await bookFor(later, '13912345671', '沪A123461');
    const due = await queryRows<{ booking_no: string }>(
      internet.platform.db,
      sql`select booking_no from appointment_bookings where day = ${tomorrow} and state = 'booked' order by id`,
    );
    const [cancelled] = await queryRows<{ booking_no: string }>(
      internet.platform.db,
      sql`select booking_no from appointment_bookings where day = ${tomorrow} and state = 'cancelled'`,
    );
    expect(due.map((d) => d.booking_no)).toContain(fresh);
    expect(due.length).toBeGreaterThan(1);
    if (!cancelled) throw new Error('no cancelled booking from the story above');

    const sms = portsOf<PaymentsPorts>(internet, 'payments').sms.simulator!;
    const reminders = () => sms.sent.filter((m) => m.batchId.startsWith('APPT-'));
    const jobState = async (id: number) =>
      (await queryRows<{ state: string; last_error: string | null }>(internet.platform.db, sql`select state, last_error from jobs where id = ${id}`))[0];
    // The gateway is unavailable for the first message: the others go, the run fails and waits for its retry.
    sms.failNext(1);
    const first = await internet.platform.jobs.enqueue(internet.platform.db, bookingReminderJob, {});
    await internet.platform.jobs.drain();
    expect(reminders()).toHaveLength(due.length - 1);
    expect(await jobState(first.id)).toMatchObject({ state: 'failed' });
    expect((await jobState(first.id))?.last_error).toContain('1 条预约提醒短信待发送');
    // The back office's list shows each booking's reminder: the one held back with its reason, the others sent.
    const backOffice = await loginFresh(internet, { permissions: [APPOINTMENTS_P.menu, APPOINTMENTS_P.list] });
    const listed = async (query: string) => {
      const res = await inject(internet, backOffice, 'GET', `/api/appointments?pageSize=100&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as { bookingNo: string; reminder: { state: string; reason: string | null; at: string | null } }[];
    };
    const held = await listed(`day=${tomorrow}&reminder=held`);
    expect(held).toHaveLength(1);
    expect(held[0]!.reminder).toMatchObject({ state: 'held', reason: expect.stringMatching(/^短信平台暂不可用，稍后重试（\w+）$/), at: null });
    expect((await listed(`day=${tomorrow}&reminder=sent`)).map((b) => b.bookingNo).sort()).toEqual(
      due
        .map((d) => d.booking_no)
        .filter((n) => n !== held[0]!.bookingNo)
        .sort(),
    );
    expect((await listed(`day=${later}&reminder=pending`)).map((b) => b.bookingNo)).toEqual([dayAfter]);
    expect((await listed(`day=${tomorrow}&state=cancelled`)).every((b) => b.reminder.state === 'none')).toBe(true);
    const wrong = await inject(internet, backOffice, 'GET', '/api/appointments?reminder=later');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details[0]).toMatchObject({ field: 'querystring.reminder', message: '提醒状态应为 未到提醒时间、已发送、发送失败、已暂缓 或 未提醒' });
    // The queue's retry sends the one left; every live booking of tomorrow got exactly one reminder, nothing else did.
    await internet.platform.jobs.retry(first.id, by);
    await internet.platform.jobs.drain();
    expect(await jobState(first.id)).toMatchObject({ state: 'succeeded', last_error: null });
    expect(
      reminders()
        .map((m) => m.batchId)
        .sort(),
    ).toEqual(due.map((d) => `APPT-${d.booking_no}`).sort());
    expect(reminders().find((m) => m.batchId === `APPT-${fresh}`)).toMatchObject({
      phone: '13912345670',
      text: expect.stringMatching(new RegExp(`^【上海交警】您已预约${tomorrow} 15:30-16:30在${station!.station}办理非机动车登记，预约号${fresh}。`)),
    });
    for (const none of [cancelled.booking_no, dayAfter]) expect(reminders().some((m) => m.batchId === `APPT-${none}`)).toBe(false);
    // A second run (立即发送 in the back office after the morning's run) sends nothing more; it needs its permission.
    expect((await inject(internet, backOffice, 'POST', '/api/appointments/reminders/run')).statusCode).toBe(403);
    const sender = await loginFresh(internet, { permissions: [APPOINTMENTS_P.menu, APPOINTMENTS_P.remind] });
    const now = await internet.app.inject({
      method: 'POST',
      url: '/api/appointments/reminders/run',
      headers: { ...sender.headers, 'idempotency-key': randomUUID() },
    });
    expect(now.statusCode, now.body).toBe(200);
    expect(now.json()).toMatchObject({ day: tomorrow, jobId: expect.any(Number) });
    await internet.platform.jobs.drain();
    expect(await jobState(now.json().jobId)).toMatchObject({ state: 'succeeded' });
    expect(reminders()).toHaveLength(due.length);
    expect(
      (await queryRows(internet.platform.db, sql`select 1 from audit_log where action = 'appointments.reminders-run' and target_id = ${tomorrow}`)).length,
    ).toBe(1);
    const recorded = await queryRows<{ booking_no: string; reminder_state: string | null }>(
      internet.platform.db,
      sql`select booking_no, reminder_state from appointment_bookings where booking_no in (${fresh}, ${dayAfter}, ${cancelled.booking_no}) order by booking_no`,
    );
    expect(Object.fromEntries(recorded.map((r) => [r.booking_no, r.reminder_state]))).toEqual({
      [fresh]: 'sent',
      [dayAfter]: null,
      [cancelled.booking_no]: null,
    });
    // The held one went on the retry: nothing is held any more, and it shows 已发送 with its time.
    expect(await listed(`day=${tomorrow}&reminder=held`)).toEqual([]);
    expect((await listed(`day=${tomorrow}&reminder=sent`)).find((b) => b.bookingNo === held[0]!.bookingNo)?.reminder).toMatchObject({
      state: 'sent',
      reason: null,
      at: expect.any(String),
    });
    // Audited once per booking, without the phone number.
    const audits = await queryRows<{ target_id: string; details: string }>(
      internet.platform.db,
      sql`select target_id, details::text from audit_log where action = 'appointments.reminder' order by id`,
    );
    expect(audits.map((a) => a.target_id).sort()).toEqual(due.map((d) => d.booking_no).sort());
    for (const a of audits) expect(a.details).not.toMatch(/1[3-9]\d{9}/);
  });
});

describe('G13 internet → police: 网上预登记 (registrations) and the window decision back', () => {
  it('a partner files a citizen pre-registration (validated, idempotent, sealed owner fields); the window lists it masked, reveals it audited, returns it with a reason; the citizen sees it', async () => {
    const departmentCode = await officerStationOpen();
    const rng = new Rng(20261219);
    const owner = { idNumber: syntheticIdNumber(rng, '310105', '1985-06-15', 'M'), name: syntheticName(rng), mobile: '13912345678' };
    const body = {
      departmentCode,
      station: '测试非机动车登记点',
      ...owner,
      zcbm: '223456789012345',
      plateWanted: '沪B123456',
      brand: '雅迪',
      model: 'TDT1234Z',
      invoiceNo: '25310000000012345678',
      openid: 'ssb-openid-00000031',
    };
    const partner = await partnerAccount(['preregistration:submit']);
    const submit = (b: object, headers: Record<string, string> = {}) => signedPost(partner, '/api/preregistrations', b, headers);

    const first = await submit(body, { 'idempotency-key': randomUUID() });
    expect(first.statusCode, first.body).toBe(200);
    const { preregNo } = first.json().preregistration as { preregNo: string };
    expect(first.json()).toMatchObject({ repeated: false, preregistration: { status: 'submitted', zcbm: body.zcbm, brand: '雅迪', plateWanted: '沪B1****6' } });
    // The same citizen and vehicle again (a retry without a key) answers with the one held.
    expect((await submit(body)).json()).toMatchObject({ repeated: true, preregistration: { preregNo } });
    // Bad input: 400 per field with the shared validators, nothing stored; wrong station; no scope; identity mismatch.
    const bad = await submit({ ...body, zcbm: '12345', invoiceNo: '1234', idNumber: '310105198506150000', mobile: '1391234' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toEqual(['idNumber', 'invoiceNo', 'mobile', 'zcbm']);
    const station = await submit({ ...body, zcbm: '323456789012345', station: '别处登记点' });
    expect(station.json().details[0]).toMatchObject({ field: 'station', message: '该站点不受理网上预登记' });
    expect((await signedPost(await partnerAccount(['appointment:book']), '/api/preregistrations', body)).statusCode).toBe(403);
    const hub = portsOf<AppointmentsPorts>(internet, 'appointments').identity.simulator!;
    const otherId = syntheticIdNumber(rng, '310105', '1991-01-01', 'F');
    const { openid: _openid, ...withoutOpenid } = body;
    const mismatch = await submit({
      ...withoutOpenid,
      zcbm: '323456789012345',
      assertion: hub.issue('ssb-openid-00000032', 300, new Date(), { idNumber: otherId }),
    });
    expect(mismatch.statusCode).toBe(403);
    expect(mismatch.json().code).toBe('PREREGISTRATION_IDENTITY_MISMATCH');
    const [stored] = await queryRows<{ n: number; row: string }>(
      internet.platform.db,
      sql`select count(*)::int as n, max(row_to_json(p)::text) as row from appointment_preregistrations p`,
    );
    expect(stored?.n).toBe(1);
    // At rest in the internet zone nothing of the owner is in clear: not in its table, not in the exchange's outbox.
    const [outbox] = await queryRows<{ record: string }>(internet.platform.db, sql`select record::text from exchange_outbox where channel = 'registrations'`);
    for (const secret of [owner.idNumber, owner.name, owner.mobile]) {
      expect(stored?.row).not.toContain(secret);
      expect(outbox?.record).not.toContain(secret);
    }
    expect(outbox?.record).not.toContain(body.openid);

    // Photos: one per kind, JPEG or PNG by content, the filer only, the same one again changes nothing; each new one is
    // a new version of the pre-registration, which crosses with its photos as attachments (package format 2).
    const image = (format: 'jpeg' | 'png', background: string) =>
      sharp({ create: { width: 64, height: 48, channels: 3, background } })
        [format]()
        .toBuffer();
    const [vehiclePhoto, invoicePhoto] = [await image('jpeg', '#3366aa'), await image('png', '#f0f0f0')];
    const upload = (kind: string, data: Buffer, openid = body.openid) => {
      const url = `/api/preregistrations/${preregNo}/photos?openid=${openid}`;
      const { payload, contentType } = multipartForm([
        { name: 'kind', value: kind },
        { name: 'photo', file: data, filename: 'photo.jpg' },
      ]);
      return internet.app.inject({
        method: 'POST',
        url,
        payload,
        headers: { ...signedHeaders(partner, { method: 'POST', target: url, body: payload }), 'content-type': contentType },
        remoteAddress: '127.0.0.1',
      });
    };
    const photosOf = (res: { json(): { preregistration: { photos: unknown[] } } }) => res.json().preregistration.photos;
    const added = await upload('vehicle', vehiclePhoto);
    expect(added.statusCode, added.body).toBe(200);
    expect(photosOf(added)).toEqual([{ kind: 'vehicle', mime: 'image/jpeg', size: vehiclePhoto.length, uploadedAt: expect.any(String) }]);
    expect(photosOf(await upload('vehicle', vehiclePhoto))).toHaveLength(1);
    const gif = await upload('invoice', Buffer.concat([Buffer.from('GIF89a'), invoicePhoto]));
    expect(gif.statusCode).toBe(415);
    expect(gif.json().code).toBe('IMAGE_TYPE_UNSUPPORTED');
    expect(fieldsOf((await upload('selfie', invoicePhoto)).json())).toEqual(['kind']);
    expect((await upload('invoice', invoicePhoto, 'ssb-openid-99999999')).statusCode).toBe(404);
    expect(photosOf(await upload('invoice', invoicePhoto))).toHaveLength(2);
    expect(await queryRows(internet.platform.db, sql`select version from appointment_preregistrations where prereg_no = ${preregNo}`)).toEqual([
      { version: 3 },
    ]);

    await run(internet, internetOps);
    // An attachment changed in the gap: the package is quarantined with the reason, nothing of it applied; the
    // operator's resend of the kept copy then applies it.
    const attachment = readdirSync(I2P()).find((f) => /\.att1$/.test(f))!;
    const changed = readFileSync(path.join(I2P(), attachment));
    changed[10] = (changed[10] as number) ^ 0xff;
    writeFileSync(path.join(I2P(), attachment), changed);
    await run(police, policeOps);
    const quarantined = (await packages(police, policeOps, 'in')).find((p) => p.channel === 'registrations');
    expect(quarantined).toMatchObject({ state: 'quarantined', reason: expect.stringMatching(/^附件 .*\.att1 SM3 摘要不符/) });
    expect(await queryRows(police.platform.db, sql`select 1 from ebike_preregistrations`)).toEqual([]);
    const sequence = (await packages(internet, internetOps, 'out')).find((p) => p.channel === 'registrations')!.sequence;
    expect((await inject(internet, internetOps, 'POST', '/api/exchange/resend', { channel: 'registrations', sequences: [sequence] })).statusCode).toBe(200);
    await run(police, policeOps);
    const [kept] = await queryRows<{ record: string }>(police.platform.db, sql`select record::text from exchange_records where channel = 'registrations'`);
    expect(kept?.record).not.toContain(owner.idNumber);
    // The window of the chosen station's department lists it masked (audited); another department sees nothing.
    const list = async (s: Session) => {
      const res = await inject(police, s, 'GET', '/api/ebike/preregistrations?status=submitted');
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as Record<string, unknown>[];
    };
    const [listed] = await list(officer);
    expect(listed).toMatchObject({
      preregNo,
      status: 'submitted',
      zcbm: body.zcbm,
      idNumber: `${owner.idNumber[0]}${'*'.repeat(16)}${owner.idNumber[17]}`,
      name: `${owner.name[0]}${'*'.repeat(owner.name.length - 1)}`,
      phone: '139****5678',
      invoiceNo: '2531************5678',
      actions: { decide: { allowed: true } },
    });
    expect((await queryRows(police.platform.db, sql`select 1 from audit_log where action = 'ebike.preregistrations'`)).length).toBeGreaterThan(0);
    const elsewhere = await loginFresh(police, { permissions: [EBIKE_P.menu, EBIKE_P.register], dataScope: 'dept', department: '310000000000' });
    expect(await list(elsewhere)).toEqual([]);
    // The photos crossed and are stored in the police zone; the window views each one (audited), another department not.
    expect(listed?.photos).toEqual([
      expect.objectContaining({ kind: 'vehicle', digest: sm3Hex(vehiclePhoto), mime: 'image/jpeg' }),
      expect.objectContaining({ kind: 'invoice', digest: sm3Hex(invoicePhoto), mime: 'image/png' }),
    ]);
    const photoUrl = (digest: string) => `/api/ebike/preregistrations/${preregNo}/photos/${digest}`;
    const viewed = await inject(police, officer, 'GET', photoUrl(sm3Hex(invoicePhoto)));
    expect(viewed.statusCode, viewed.body).toBe(200);
    expect(viewed.headers['content-type']).toBe('image/png');
    expect(viewed.rawPayload).toEqual(invoicePhoto);
    expect((await inject(police, elsewhere, 'GET', photoUrl(sm3Hex(invoicePhoto)))).statusCode).toBe(404);
    expect((await inject(police, officer, 'GET', photoUrl(sm3Hex(Buffer.from('x'))))).statusCode).toBe(404);
    const noRegister = await loginFresh(police, { permissions: [EBIKE_P.menu] });
    expect((await inject(police, noRegister, 'GET', photoUrl(sm3Hex(invoicePhoto)))).statusCode).toBe(403);
    expect(
      await queryRows(
        police.platform.db,
        sql`select result, details->>'kind' as kind from audit_log where action = 'ebike.preregistration-photo' and target_id = ${preregNo} order by id`,
      ),
    ).toEqual([
      { result: 'success', kind: 'invoice' },
      { result: 'failure', kind: null },
      { result: 'failure', kind: null },
    ]);
    // The clear view: a purpose and reason, the birth date hidden, one audit record with the reason.
    const reveal = (s: Session, payload: object) => inject(police, s, 'POST', `/api/ebike/preregistrations/${preregNo}/pii-view`, payload);
    expect((await reveal(supervisor, { purpose: 'business' })).statusCode).toBe(400);
    const clear = await reveal(supervisor, { purpose: 'business', reason: '核对网上预登记' });
    expect(clear.statusCode, clear.body).toBe(200);
    expect(clear.json()).toMatchObject({
      name: owner.name,
      phone: owner.mobile,
      idNumber: `${owner.idNumber.slice(0, 6)}${'*'.repeat(8)}${owner.idNumber.slice(14)}`,
    });
    const [revealed] = await queryRows<{ details: { reason: string } }>(
      police.platform.db,
      sql`select details from audit_log where action = 'ebike.preregistration-pii-view' and target_id = ${preregNo}`,
    );
    expect(revealed?.details.reason).toBe('核对网上预登记');
    expect((await reveal(officer, { purpose: 'business', reason: '核对网上预登记' })).statusCode).toBe(403);

    // 退回 needs a reason; the same decision again changes nothing; another decision afterwards is refused.
    const decide = (s: Session, payload: object) => inject(police, s, 'POST', `/api/ebike/preregistrations/${preregNo}/decision`, payload);
    const noReason = await decide(officer, { decision: 'return' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details[0].field).toBe('reason');
    expect((await decide(elsewhere, { decision: 'accept' })).statusCode).toBe(404);
    const returned = await decide(officer, { decision: 'return', reason: '发票号码与发票不符，请核对后重新提交' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', actions: { decide: { allowed: false, reason: '该预登记已处理' } } });
    expect((await decide(officer, { decision: 'return', reason: '发票号码与发票不符，请核对后重新提交' })).json().decidedAt).toBe(returned.json().decidedAt);
    const late = await decide(officer, { decision: 'accept' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('PREREGISTRATION_DECIDED');

    // The decision crosses back; the citizen who filed it sees it with the reason, another openid learns nothing.
    await policeSends('registration-status');
    await run(internet, internetOps);
    const show = (openid: string) => {
      const url = `/api/preregistrations/${preregNo}?openid=${openid}`;
      return internet.app.inject({ method: 'GET', url, headers: signedHeaders(partner, { method: 'GET', target: url }), remoteAddress: '127.0.0.1' });
    };
    const seen = await show(body.openid);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().preregistration).toMatchObject({ preregNo, status: 'returned', reason: '发票号码与发票不符，请核对后重新提交' });
    expect((await show('ssb-openid-99999999')).statusCode).toBe(404);
    // Decided: no more photos.
    const tooLate = await upload('certificate', vehiclePhoto);
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json().code).toBe('PREREGISTRATION_DECIDED');

    // G4: the citizen's 我的办件 at the 一网通办 hub — once a reviewer registered the service, the outbox sends 已提交 (with
    // the citizen's openid, nothing else of theirs) and the window's 已退回 that crossed back.
    const reviewer = await loginFresh(internet, { permissions: [PUBLISHING_P.menu, PUBLISHING_P.hub] });
    const catalogued = HUB_SERVICE_CATALOGUE.find((c) => c.serviceCode === HUB_SERVICE_CODES.preregistration)!;
    expect((await inject(internet, reviewer, 'POST', '/api/publishing/hub-services', catalogued)).statusCode).toBe(200);
    await internet.platform.jobs.drain();
    const hubArea = portsOf<PublishingPorts>(internet, 'publishing').hub.simulator!;
    expect(hubArea.cases.get(preregNo)).toEqual({
      businessNo: preregNo,
      serviceCode: HUB_SERVICE_CODES.preregistration,
      status: 'returned',
      statusAt: expect.any(String),
      version: 4,
      userId: body.openid,
      summary: '测试非机动车登记点',
    });
    const casePushes = await queryRows<{ status: string; state: string; payload: string }>(
      internet.platform.db,
      sql`select payload->>'status' as status, state, payload::text from hub_pushes where kind = 'case' and business_key = ${preregNo} order by version`,
    );
    expect(casePushes.map((p) => [p.status, p.state])).toEqual([
      ['submitted', 'sent'],
      ['returned', 'sent'],
    ]);
    for (const p of casePushes) for (const secret of [owner.idNumber, owner.name, owner.mobile, body.zcbm]) expect(p.payload).not.toContain(secret);
  });

  it('G13: an accepted pre-registration prefills 注册登记 (clear, audited); registering completes it once in the business transaction, and 已登记 with the 流水号 crosses back', async () => {
    const [station] = await queryRows<{ department_code: string; station: string }>(
      police.platform.db,
      sql`select department_code, station from ebike_preregistrations limit 1`,
    );
    if (!station) throw new Error('no pre-registration from the story above');
    const rng = new Rng(20261220);
    const owner = { idNumber: syntheticIdNumber(rng, '310106', '1992-02-20', 'F'), name: syntheticName(rng), mobile: '13912345679' };
    const partner = await partnerAccount(['preregistration:submit']);
    const filed = await signedPost(partner, '/api/preregistrations', {
      departmentCode: station.department_code,
      station: station.station,
      ...owner,
      zcbm: '423456789012345',
      brand: '爱玛',
      model: 'TDR2345Z',
      invoiceNo: '25310000000087654321',
      openid: 'ssb-openid-00000041',
    });
    expect(filed.statusCode, filed.body).toBe(200);
    const { preregNo } = filed.json().preregistration as { preregNo: string };
    await run(internet, internetOps);
    await run(police, policeOps);

    const item = async () => {
      const res = await inject(police, officer, 'GET', '/api/ebike/preregistrations');
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { preregNo: string }[]).find((i) => i.preregNo === preregNo) as Record<string, unknown> | undefined;
    };
    const draft = () => inject(police, officer, 'GET', `/api/ebike/preregistrations/${preregNo}/draft`);
    // Not yet accepted: no prefill, the record says why.
    expect(await item()).toMatchObject({
      status: 'submitted',
      lsh: null,
      actions: { register: { allowed: false, reason: '请先受理该预登记，再办理注册登记' } },
    });
    expect((await draft()).json()).toMatchObject({ code: 'PREREGISTRATION_NOT_REGISTRABLE', message: '请先受理该预登记，再办理注册登记' });
    const accepted = await inject(police, officer, 'POST', `/api/ebike/preregistrations/${preregNo}/decision`, { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().actions.register).toEqual({ allowed: true });

    // The prefill: the owner in clear for the window, one audit record per read.
    const prefilled = await draft();
    expect(prefilled.statusCode, prefilled.body).toBe(200);
    expect(prefilled.json()).toEqual({
      preregNo,
      owner: { ownerType: '1', idNumber: owner.idNumber, name: owner.name, phone: owner.mobile },
      vehicle: { zcbm: '423456789012345', brand: '爱玛', model: 'TDR2345Z', acquireWay: 'purchase', originProof: '25310000000087654321' },
      plateNumber: null,
    });
    const drafts = await queryRows<{ details: { purpose: string } }>(
      police.platform.db,
      sql`select details from audit_log where action = 'ebike.preregistration-draft' and target_id = ${preregNo} and result = 'success'`,
    );
    expect(drafts.map((d) => d.details.purpose)).toEqual(['business']);
    expect(
      (await inject(police, await loginFresh(police, { permissions: [EBIKE_P.menu] }), 'GET', `/api/ebike/preregistrations/${preregNo}/draft`)).statusCode,
    ).toBe(403);

    // 注册登记 from the prefill, completed by the window (the rest of the 六合一 items).
    const base = registration();
    const d = prefilled.json() as { owner: object; vehicle: object };
    const body = { ...base, owner: { ...base.owner, ...d.owner }, vehicle: { ...base.vehicle, ...d.vehicle }, preregNo };
    const vehicles = async () =>
      (await queryRows<{ n: number }>(police.platform.db, sql`select count(*)::int as n from nm_vehicles where zcbm = '423456789012345'`))[0]?.n;
    // Another owner than the citizen who filed it: refused, nothing written.
    const stranger = await inject(police, officer, 'POST', '/api/ebike/vehicles', { ...body, owner: base.owner });
    expect(stranger.statusCode).toBe(409);
    expect(stranger.json()).toMatchObject({ code: 'PREREGISTRATION_NOT_REGISTRABLE', message: '所有人身份证号码与预登记不一致，不能按该预登记办理' });
    expect(await vehicles()).toBe(0);
    const key = randomUUID();
    const registered = await police.app.inject({
      method: 'POST',
      url: '/api/ebike/vehicles',
      headers: { ...officer.headers, 'idempotency-key': key },
      payload: body,
    });
    expect(registered.statusCode, registered.body).toBe(200);
    const { lsh } = registered.json().business as { lsh: string };
    expect(await item()).toMatchObject({ status: 'registered', lsh, actions: { register: { allowed: false }, decide: { allowed: false } } });
    // The same request retried answers the first result; a second registration of it is refused with the 流水号.
    const retried = await police.app.inject({
      method: 'POST',
      url: '/api/ebike/vehicles',
      headers: { ...officer.headers, 'idempotency-key': key },
      payload: body,
    });
    expect(retried.json().business.lsh).toBe(lsh);
    const again = await inject(police, officer, 'POST', '/api/ebike/vehicles', { ...body, vehicle: { ...body.vehicle, zcbm: '523456789012345' } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'PREREGISTRATION_NOT_REGISTRABLE', message: `该预登记已登记（流水号 ${lsh}），不能重复登记` });
    expect((await draft()).statusCode).toBe(409);
    expect(await vehicles()).toBe(1);

    // 已登记 and the 流水号 cross back; the citizen sees them.
    const url = `/api/preregistrations/${preregNo}?openid=ssb-openid-00000041`;
    const seen = async () =>
      (await internet.app.inject({ method: 'GET', url, headers: signedHeaders(partner, { method: 'GET', target: url }), remoteAddress: '127.0.0.1' })).json()
        .preregistration as { status: string; lsh: string | null };
    for (let i = 0; i < 200 && (await seen()).status !== 'registered'; i++) {
      await run(police, policeOps);
      await run(internet, internetOps);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await seen()).toMatchObject({ status: 'registered', lsh });
    // G4: 已登记 ends the citizen's 办件 at the hub (the story above had the service registered).
    await internet.platform.jobs.drain();
    expect(portsOf<PublishingPorts>(internet, 'publishing').hub.simulator!.cases.get(preregNo)).toMatchObject({ status: 'completed' });
  });
});

describe('G5/G13 police → internet: user mutual recognition (police-users)', () => {
  const admin = new Set(['system:param:update']);
  const by = systemActor('exchange test');
  const recognised = () =>
    queryRows<{ police_key: string; username: string; display_name: string; status: string; password_hash: string; roles: string[] }>(
      internet.platform.db,
      sql`select s.police_key, u.username, u.display_name, u.status, u.password_hash,
                 array(select r.code from user_roles ur join roles r on r.id = ur.role_id where ur.user_id = u.id order by r.code) as roles
          from recognised_staff s join users u on u.id = s.user_id order by s.police_key`,
    );
  /** Runs both zones until the internet zone's recognised accounts satisfy `done` (a change is read once settled). */
  const crossUntil = async (done: (rows: Awaited<ReturnType<typeof recognised>>) => boolean) => {
    for (let i = 0; i < 100; i++) {
      await run(police, policeOps);
      await run(internet, internetOps);
      const rows = await recognised();
      if (done(rows)) return rows;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('police-users did not cross');
  };

  it('police accounts holding a mapped role cross masked, without password, as internet back-office accounts; a disabled one disables there', async () => {
    for (const ctx of [internet, police]) await ctx.platform.params.update(exchangeParams.minAgeSeconds.key, 0, by, admin);
    await police.platform.params.update(exchangeParams.recognisedRoles.key, ['supervisor|web_reviewer'], by, admin);
    const mapped = await queryRows<{ id: number; username: string; display_name: string }>(
      police.platform.db,
      sql`select u.id, u.username, u.display_name from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
          where r.code = 'supervisor' and u.status = 'active' and u.deleted_at is null order by u.id`,
    );
    expect(mapped.length).toBeGreaterThan(1);
    const rows = await crossUntil((r) => r.length === mapped.length);
    const first = mapped[0]!;
    const mine = rows.find((r) => r.police_key === `police-user-${first.id}`);
    expect(mine).toMatchObject({ status: 'active', password_hash: '!', roles: ['web_reviewer'] });
    expect(mine?.username).toMatch(new RegExp(`^${first.username}(\\.gaw)?$`));
    expect(mine?.display_name).toBe(`${Array.from(first.display_name)[0]}${'*'.repeat(Array.from(first.display_name).length - 1)}`);
    // Nothing of the accounts without a mapped role left the police zone; no password hash crossed.
    const crossed = await queryRows<{ record: string }>(internet.platform.db, sql`select record::text from exchange_records where channel = 'police-users'`);
    expect(crossed).toHaveLength(mapped.length);
    for (const c of crossed) expect(c.record).not.toMatch(/pbkdf2|passwordHash|policeNo/i);
    // The recognised account cannot sign in with any password until the internet zone's administrator resets it.
    const login = await internet.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: mine?.username, password: '!' } });
    expect(login.statusCode).not.toBe(200);

    // Disabled in the police zone (the account service's change, as a test shortcut): disabled in the internet zone too.
    await police.platform.db.execute(sql`update users set status = 'disabled', version = version + 1, updated_at = now() where id = ${first.id}`);
    const after = await crossUntil((r) => r.find((x) => x.police_key === `police-user-${first.id}`)?.status === 'disabled');
    expect(after.filter((r) => r.status === 'active')).toHaveLength(mapped.length - 1);
    await police.platform.db.execute(sql`update users set status = 'active', version = version + 1, updated_at = now() where id = ${first.id}`);
    await police.platform.params.update(exchangeParams.recognisedRoles.key, [], by, admin);
  });

  it('an officer asks the police zone for an internet initial password: shown once, crosses sealed, applied once, changed at first sign-in', async () => {
    for (const ctx of [internet, police]) await ctx.platform.params.update(exchangeParams.minAgeSeconds.key, 0, by, admin);
    await police.platform.params.update(exchangeParams.recognisedRoles.key, ['supervisor|web_reviewer'], by, admin);
    const officer = await loginFresh(police, 'supervisor01');
    const key = `police-user-${officer.id}`;
    await crossUntil((rows) => rows.some((r) => r.police_key === key));

    // Not recognised: a window officer is told why, and nothing is issued.
    const window = await loginFresh(police, 'officer01');
    const notMine = await police.app.inject({ method: 'GET', url: '/api/exchange/staff-password', headers: window.headers });
    expect(notMine.json()).toMatchObject({ eligible: false, issuedAt: null });
    expect(notMine.json().reason).toContain('未设置互认');
    const refused = await police.app.inject({ method: 'POST', url: '/api/exchange/staff-password', headers: window.headers });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('未设置互认');

    expect((await police.app.inject({ method: 'GET', url: '/api/exchange/staff-password', headers: officer.headers })).json()).toMatchObject({
      eligible: true,
      issuedAt: null,
    });
    const issued = await police.app.inject({ method: 'POST', url: '/api/exchange/staff-password', headers: officer.headers });
    expect(issued.statusCode).toBe(200);
    const { password, username } = issued.json() as { password: string; username: string };
    expect(username).toBe(officer.username);
    expect((await police.app.inject({ method: 'GET', url: '/api/exchange/staff-password', headers: officer.headers })).json().issuedAt).toBe(
      issued.json().issuedAt,
    );
    // Kept only encrypted in the police zone; sealed in the outbox; the audit names the account, never the password.
    const stored = await queryRows<{ password_enc: string }>(
      police.platform.db,
      sql`select password_enc from exchange_staff_passwords where user_id = ${officer.id}`,
    );
    expect(stored[0]?.password_enc).not.toContain(password);
    const audited = await queryRows<{ details: string }>(police.platform.db, sql`select details::text from audit_log where action = 'exchange.staff-password'`);
    expect(audited.at(-1)?.details).toContain(officer.username);
    expect(audited.at(-1)?.details).not.toContain(password);

    const rows = await crossUntil((r) => r.find((x) => x.police_key === key)?.password_hash.startsWith('pbkdf2-sm3$') === true);
    const local = rows.find((x) => x.police_key === key)!;
    const outbox = await queryRows<{ record: string }>(police.platform.db, sql`select record::text from exchange_outbox where business_key = ${key}`);
    const crossed = await queryRows<{ record: string }>(internet.platform.db, sql`select record::text from exchange_records where business_key = ${key}`);
    for (const r of [...outbox, ...crossed]) expect(r.record).not.toContain(password);
    expect(crossed[0]?.record).toContain('"initialPassword": "sm2:');

    // The first sign-in in the internet zone must change the password; the new one is the account's from then on.
    const first = await internet.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: local.username, password } });
    expect(first.statusCode).toBe(200);
    expect(first.json().passwordChangeReason).toBe('reset');
    const sid = first.cookies.find((c) => c.name === 'sid')!.value;
    const headers = { cookie: `sid=${sid}`, 'x-csrf-token': first.json().csrfToken };
    expect((await internet.app.inject({ method: 'GET', url: '/api/publishing/contents', headers })).statusCode).toBe(403);
    const newPassword = 'Qz7#internet-zone';
    const changed = await internet.app.inject({ method: 'POST', url: '/api/auth/password', headers, payload: { oldPassword: password, newPassword } });
    expect(changed.statusCode).toBe(200);
    const recognisedAudit = await queryRows<{ details: string }>(
      internet.platform.db,
      sql`select details::text from audit_log where action = 'user.password.recognised'`,
    );
    expect(recognisedAudit).toHaveLength(1);
    expect(recognisedAudit[0]!.details).not.toContain(password);

    // A later change of the officer's account crosses again with the same issuance: it is not applied a second time.
    await police.platform.db.execute(sql`update users set display_name = display_name, updated_at = now() where id = ${officer.id}`);
    const before = (await recognised()).find((x) => x.police_key === key)!.password_hash;
    const versions = async () =>
      (await queryRows<{ v: string }>(internet.platform.db, sql`select version::text as v from exchange_records where business_key = ${key}`))[0]?.v;
    const v1 = await versions();
    for (let i = 0; i < 50 && (await versions()) === v1; i++) {
      await run(police, policeOps);
      await run(internet, internetOps);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await versions()).not.toBe(v1);
    expect((await recognised()).find((x) => x.police_key === key)!.password_hash).toBe(before);
    const again = await internet.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: local.username, password: newPassword } });
    expect(again.statusCode).toBe(200);
    expect(again.json().passwordChangeReason).toBeNull();
    await police.platform.params.update(exchangeParams.recognisedRoles.key, [], by, admin);
  });
});
