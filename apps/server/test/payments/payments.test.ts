import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAYMENTS_P } from '@shtp/core/payments';
import { P } from '@shtp/core/platform';
import { Rng, syntheticIdNumber, syntheticName } from '@shtp/testkit';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { possessionDigest } from '../../src/modules/exchange/datasets/possession.ts';
import { CitizenAccounts } from '../../src/modules/payments/citizen-accounts.service.ts';
import { PAYMENT_NOTICE_TEMPLATE } from '../../src/modules/payments/payment-notice.ts';
import { noticePollJob, reconcileJob } from '../../src/modules/payments/payments.jobs.ts';
import type { PaymentsPorts } from '../../src/modules/payments/payments.module.ts';
import { paymentsParams } from '../../src/modules/payments/payments.params.ts';
import { paymentsRepository } from '../../src/modules/payments/payments.repository.ts';
import { noticeQueryLock } from '../../src/modules/payments/query-lock-notice.ts';
import { SmsTemplates } from '../../src/modules/payments/sms-templates.service.ts';
import { systemActor } from '../../src/platform/audit/actor.ts';
import { auditChainRepository } from '../../src/platform/audit/audit-chain.repository.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { signedHeaders } from '../../src/platform/service-accounts/signing-client.ts';
import { TokenBuckets } from '../../src/platform/service-accounts/token-bucket.ts';
import { createTestApp, fieldsOf, loginFresh, portsOf, type Session, type TestContext } from '../test-app.ts';

/*
 * G10 in the internet zone: a decision received from the police zone (an exchange record, as the crossing leaves it),
 * an e-CNY order with the late fee, the channel's signed notification as the only proof of payment, and the payment
 * queued for the police zone in the same transaction.
 */
const MIGRATIONS = join(import.meta.dirname, '../../drizzle');
let ctx: TestContext;
let clerk: Session;
let refunder: Session;
let both: Session;
const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

async function receivedDecision(decisionNo: string, fineFen: number, dueDate: string) {
  await ctx.platform.db.execute(sql`insert into exchange_records (channel, business_key, version, record, package_ref)
    values ('violations', ${decisionNo}, 1, ${JSON.stringify({ decisionNo, plate: '沪A1***5', fineFen, dueDate, paid: false })}::jsonb, 1)`);
}
/** The clerk orders the fine of `decisionNo`; with `mobile`, the payment's notice SMS goes to that number. */
const order = (decisionNo: string, mobile?: string) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/payments/orders',
    headers: { ...clerk.headers, 'idempotency-key': randomUUID() },
    payload: { decisionNo, mobile },
  });
const notify = (payload: object) => ctx.app.inject({ method: 'POST', url: '/api/payments/ecny/notify', payload });
/** A received fine ordered with a notice to `mobile` and paid; returns the business key of its notice SMS. */
async function paidWithNotice(decisionNo: string, mobile: string): Promise<string> {
  await receivedDecision(decisionNo, 1_000, day(10));
  const res = await order(decisionNo, mobile);
  expect(res.statusCode, res.body).toBe(200);
  const merchantOrderNo = res.json().order.merchantOrderNo as string;
  await notify(portsOf<PaymentsPorts>(ctx, 'payments').ecny.simulator!.pay(merchantOrderNo));
  return `PAID-${merchantOrderNo}`;
}
const setParam = (key: string, value: number) => ctx.platform.params.update(key, value, systemActor('payments test'), new Set(['system:param:update']));
const outbox = () =>
  queryRows<{ business_key: string; record: Record<string, unknown> }>(
    ctx.platform.db,
    sql`select business_key, record from exchange_outbox where channel = 'payments'`,
  );

beforeAll(async () => {
  ctx = await createTestApp({ vars: { ZONE: 'internet' } });
  clerk = await loginFresh(ctx, { permissions: [PAYMENTS_P.menu, PAYMENTS_P.order, PAYMENTS_P.view] });
  refunder = await loginFresh(ctx, { permissions: [PAYMENTS_P.menu, PAYMENTS_P.refund] });
  both = await loginFresh(ctx, { permissions: [PAYMENTS_P.menu, PAYMENTS_P.view, PAYMENTS_P.refund] });
});
afterAll(() => ctx?.close());

describe('G10 e-CNY fine payment', () => {
  it('orders fine + late fee (3 % a day, capped), pays only on a valid signed notification, once, and queues the payment for the police zone', async () => {
    await receivedDecision('3101010000001', 20_000, day(-2));
    const res = await order('3101010000001');
    expect(res.statusCode, res.body).toBe(200);
    const placed = res.json();
    expect(placed.order).toMatchObject({ fineFen: 20_000, lateFeeFen: 1200, amountFen: 21_200, state: 'created' });
    expect(placed.payUrl).toMatch(/^https:/);

    const sim = portsOf<PaymentsPorts>(ctx, 'payments').ecny.simulator!;
    const paid = sim.pay(placed.order.merchantOrderNo);
    // A forged or altered notification changes nothing.
    const forged = await notify({ body: paid.body.replace('21200', '1'), signature: paid.signature });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().code).toBe('NOTIFICATION_SIGNATURE_INVALID');
    expect(await outbox()).toEqual([]);

    expect((await notify(paid)).json()).toEqual({ code: 'SUCCESS', effect: 'paid' });
    expect((await notify(paid)).json()).toEqual({ code: 'SUCCESS', effect: 'ignored' });
    const view = await ctx.app.inject({ method: 'GET', url: `/api/payments/orders/${placed.order.merchantOrderNo}`, headers: clerk.headers });
    expect(view.json()).toMatchObject({ state: 'paid', amountFen: 21_200 });
    const queued = await outbox();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      business_key: '3101010000001',
      record: { decisionNo: '3101010000001', amountFen: 20_000, lateFeeFen: 1200, channel: 'ecny' },
    });

    // G4: the order's 办件 status for the 一网通办 hub, queued with the order and with the payment (no payer data: none is known).
    const hubQueued = await queryRows<{ status: string; payload: Record<string, unknown> }>(
      ctx.platform.db,
      sql`select payload->>'status' as status, payload from hub_pushes where kind = 'case' and business_key = ${placed.order.merchantOrderNo} order by version`,
    );
    expect(hubQueued.map((h) => h.status)).toEqual(['submitted', 'completed']);
    expect(hubQueued[1]?.payload).toEqual({
      businessNo: placed.order.merchantOrderNo,
      serviceCode: 'SHJJ-WF-JK',
      status: 'completed',
      statusAt: expect.any(String),
      version: 4,
      summary: '罚款缴纳 212.00 元',
    });

    const again = await order('3101010000001');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('DECISION_ALREADY_PAID');
  });

  it('caps the late fee at the fine and refuses an unknown decision', async () => {
    await receivedDecision('3101010000002', 10_000, day(-200));
    expect((await order('3101010000002')).json().order).toMatchObject({ lateFeeFen: 10_000, amountFen: 20_000 });
    const unknown = await order('3101019999999');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('DECISION_NOT_FOUND');
  });

  it('refunds within the paid amount and reconciles the day against the channel statement', async () => {
    await receivedDecision('3101010000003', 5_000, day(10));
    const placed = (await order('3101010000003')).json().order;
    const sim = portsOf<PaymentsPorts>(ctx, 'payments').ecny.simulator!;
    await notify(sim.pay(placed.merchantOrderNo));
    const refund = (amountFen: number) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/payments/orders/${placed.merchantOrderNo}/refund`,
        headers: { ...refunder.headers, 'idempotency-key': randomUUID() },
        payload: { amountFen, reason: '重复缴款' },
      });
    const tooMuch = await refund(5_001);
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().message).toContain('超过可退金额');
    expect((await refund(2_000)).json()).toMatchObject({ state: 'paid', refundedFen: 2_000 });
    expect((await refund(3_000)).json()).toMatchObject({ state: 'refunded', refundedFen: 5_000 });
    // Each refund the channel accepted is kept with its refund number, as audited.
    const refundRows = await queryRows<{ refund_no: string; amount_fen: number; reason: string }>(
      ctx.platform.db,
      sql`select r.refund_no, r.amount_fen, r.reason from fine_payment_refunds r join fine_payments p on p.id = r.payment_id
          where p.merchant_order_no = ${placed.merchantOrderNo} order by r.id`,
    );
    const audited = await queryRows<{ refund_no: string }>(
      ctx.platform.db,
      sql`select details->>'refundNo' as refund_no from audit_log where action = 'payments.refund' and target_id = ${placed.merchantOrderNo} order by id`,
    );
    expect(refundRows).toEqual([
      { refund_no: audited[0]?.refund_no, amount_fen: 2_000, reason: '重复缴款' },
      { refund_no: audited[1]?.refund_no, amount_fen: 3_000, reason: '重复缴款' },
    ]);
    // Refunds made before they were kept per row are recovered from their audit records by the custom migration.
    const backfill = readdirSync(MIGRATIONS).find((f) => f.endsWith('_payments_refunds_sql.sql'))!;
    await ctx.platform.db.execute(sql`delete from fine_payment_refunds`);
    await ctx.platform.db.execute(sql.raw(readFileSync(join(MIGRATIONS, backfill), 'utf8')));
    const recovered = await queryRows<{ refund_no: string; amount_fen: number; reason: string }>(
      ctx.platform.db,
      sql`select refund_no, amount_fen, reason from fine_payment_refunds order by id`,
    );
    expect(recovered).toEqual(refundRows);

    const reconcile = (d: string) => ctx.app.inject({ method: 'POST', url: '/api/payments/reconciliations', headers: clerk.headers, payload: { day: d } });
    const recon = await reconcile(day(0));
    expect(recon.statusCode, recon.body).toBe(200);
    // Both paid orders of the day are on the statement with their amounts, and the order's two refunds, each by its
    // refund number, with the statement's refund lines; nothing is missing on either side.
    expect(recon.json()).toMatchObject({ day: day(0), matched: 4, mismatches: [] });
    expect((await reconcile('today')).statusCode).toBe(400);

    // An order we hold as paid that the channel's statement does not carry (a notification the channel never booked).
    await ctx.platform.db.execute(sql`insert into fine_payments (merchant_order_no, decision_no, fine_fen, late_fee_fen, amount_fen, state, paid_at)
      values ('FKMISSING0001', '3101010000099', 7000, 0, 7000, 'paid', now())`);
    // A refund we hold that the channel's statement does not carry, and a refund on the statement we never recorded.
    await ctx.platform.db.execute(sql`insert into fine_payment_refunds (payment_id, refund_no, amount_fen, reason)
      select id, 'TKMISSING0001', 1000, '测试' from fine_payments where merchant_order_no = 'FKMISSING0001'`);
    await ctx.platform.db.execute(sql`delete from fine_payment_refunds where refund_no = ${audited[1]!.refund_no}`);
    // The nightly job reconciles the day it is given (yesterday by default) and keeps the result, replacing a rerun's.
    await ctx.platform.jobs.enqueue(ctx.platform.db, reconcileJob, { day: day(0) });
    await ctx.platform.jobs.drain();
    const kept = await ctx.app.inject({ method: 'GET', url: '/api/payments/reconciliations', headers: clerk.headers });
    expect(kept.json()).toMatchObject({
      total: 1,
      items: [
        {
          day: day(0),
          // Both paid orders, and the refund of the order both sides still hold (compared by its refund number).
          matched: 3,
          // Payments first, then refunds by order and refund number.
          mismatches: [
            { merchantOrderNo: 'FKMISSING0001', kind: 'missing-in-statement', oursFen: 7_000, theirsFen: null },
            ...[
              { merchantOrderNo: placed.merchantOrderNo, refundNo: audited[1]!.refund_no, kind: 'refund-missing-here', oursFen: null, theirsFen: 3_000 },
              { merchantOrderNo: 'FKMISSING0001', refundNo: 'TKMISSING0001', kind: 'refund-missing-in-statement', oursFen: 1_000, theirsFen: null },
            ].sort((a, b) => (a.merchantOrderNo < b.merchantOrderNo ? -1 : 1)),
          ],
        },
      ],
    });

    // The console's list: newest first, filtered; refund offered only while something paid is left and with the permission.
    const list = async (s: Session, query: string) =>
      (await ctx.app.inject({ method: 'GET', url: `/api/payments/orders?${query}`, headers: s.headers })).json();
    const refunded = await list(clerk, 'decisionNo=3101010000003');
    expect(refunded).toMatchObject({ total: 1, items: [{ merchantOrderNo: placed.merchantOrderNo, state: 'refunded', refundedFen: 5_000 }] });
    expect(refunded.items[0].actions.refund).toEqual({ allowed: false, reason: '没有执行此操作的权限' });
    const paidOnes = await list(both, 'state=paid');
    expect(paidOnes.items.map((o: { decisionNo: string }) => o.decisionNo)).toEqual(['3101010000099', '3101010000001']);
    expect(paidOnes.items[0].actions.refund).toEqual({ allowed: true });
    expect((await list(both, 'state=refunded')).items[0].actions.refund).toMatchObject({ allowed: false, reason: '只有已缴款的订单可以退款' });
    expect((await ctx.app.inject({ method: 'GET', url: '/api/payments/orders?state=unknown', headers: clerk.headers })).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/payments/orders', headers: refunder.headers })).statusCode).toBe(403);

    // The same list as Excel: same filter and order, amounts in yuan, states named; audited; not without the permission.
    const exported = await ctx.app.inject({ method: 'GET', url: '/api/payments/orders/export?state=paid', headers: both.headers });
    expect(exported.statusCode, exported.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('缴款订单')!;
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['处罚决定书编号', '应缴（元）', '状态']));
    expect(sheet.getColumn(1).values.slice(2)).toEqual(['3101010000099', '3101010000001']);
    expect(sheet.getColumn(7).values.slice(2)).toEqual(['已缴款', '已缴款']);
    expect(sheet.getColumn(5).values[3]).toBe(paidOnes.items[1].amountFen / 100);
    // Read on from the last row of each batch (one row a batch here): every order once, in the list's order.
    const streamed: string[] = [];
    for await (const o of paymentsRepository.stream(ctx.platform.db, {}, 1)) streamed.push(o.merchantOrderNo);
    const all = (await list(both, 'pageSize=100')).items.map((o: { merchantOrderNo: string }) => o.merchantOrderNo);
    expect(streamed).toEqual(all);
    const exports = await queryRows<{ n: number }>(ctx.platform.db, sql`select count(*)::int as n from audit_log where action = 'payments.orders.export'`);
    expect(exports[0]!.n).toBe(1);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/payments/orders/export', headers: refunder.headers })).statusCode).toBe(403);
  });

  it('G6: pages the decisions of a vehicle, answers a held vehicle without decisions, and locks a plate for a partner after 5 mismatches', async () => {
    const [plate, code, cleanPlate] = ['沪F700001', 'ZCBM00000000A1B2C3', '沪F700002'];
    const possession = possessionDigest(plate, code);
    for (const n of [1, 2, 3]) {
      const decisionNo = `310101000010${n}`;
      await ctx.platform.db.execute(sql`insert into exchange_records (channel, business_key, version, record, package_ref)
        values ('violations', ${decisionNo}, 1, ${JSON.stringify({ decisionNo, plate: '沪F7****1', fineFen: 5_000, dueDate: day(10), possession })}::jsonb, 1)`);
    }
    await ctx.platform.db.execute(sql`insert into exchange_records (channel, business_key, version, record, package_ref)
      values ('vehicles', 'ebike-900002', 1, ${JSON.stringify({ plate: '沪F7****2', possession: possessionDigest(cleanPlate, code) })}::jsonb, 1)`);
    // One of the three is paid (the page's decisions are looked up together): 缴款标记 1, no late fee.
    await ctx.platform.db.execute(sql`insert into fine_payments (merchant_order_no, decision_no, fine_fen, late_fee_fen, amount_fen, state, paid_at)
      values ('FKG6PAID00001', '3101010000102', 5000, 0, 5000, 'paid', now())`);
    const ask = (s: Session, hphm: string, clsbdh: string, page: object = {}) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/payments/violation-query',
        headers: s.headers,
        payload: { hphm, clsbdh, openid: 'ssb-openid-g6-0001', ...page },
      });

    const first = (await ask(clerk, plate, code.slice(-6), { pageNo: 1, pageSize: 2 })).json();
    expect(first).toMatchObject({ hphm: '沪F7****1', total: 3, pageNo: 1, pageSize: 2 });
    const second = (await ask(clerk, plate, code.slice(-6), { pageNo: 2, pageSize: 2 })).json();
    expect(second.items).toHaveLength(1);
    const seen = [...first.items, ...second.items].map((i: { jdsbh: string }) => i.jdsbh).sort();
    expect(seen).toEqual(['3101010000101', '3101010000102', '3101010000103']);
    const paidMarks = Object.fromEntries([...first.items, ...second.items].map((i: { jdsbh: string; jkbj: string }) => [i.jdsbh, i.jkbj]));
    expect(paidMarks).toEqual({ '3101010000101': '0', '3101010000102': '1', '3101010000103': '0' });
    expect((await ask(clerk, plate, code.slice(-6), { pageSize: 51 })).statusCode).toBe(400);
    // Held and clean: an empty answer, not a mismatch.
    expect((await ask(clerk, cleanPlate, code.slice(-6))).json()).toMatchObject({ hphm: '沪F7****2', total: 0, items: [] });
    // Held as a motor vehicle only; held in both sets, the e-bike set's record answers (asked first, though older).
    for (const [channel, key, held, masked] of [
      ['motor-vehicles', 'mv-900003', '沪F700003', '沪F7****3'],
      ['vehicles', 'ebike-900004', '沪F700004', '沪F7****4'],
      ['motor-vehicles', 'mv-900004', '沪F700004', '沪F7**4*4'],
    ] as const)
      await ctx.platform.db.execute(sql`insert into exchange_records (channel, business_key, version, record, package_ref)
        values (${channel}, ${key}, 1, ${JSON.stringify({ plate: masked, possession: possessionDigest(held, code) })}::jsonb, 1)`);
    expect((await ask(clerk, '沪F700003', code.slice(-6))).json()).toMatchObject({ hphm: '沪F7****3', total: 0, items: [] });
    expect((await ask(clerk, '沪F700004', code.slice(-6), { pageNo: 2 })).json()).toMatchObject({ hphm: '沪F7****4', total: 0, items: [] });

    // G5: the partner may forward the 随申办 hub's signed assertion instead of its word for the openid.
    const query = (payload: object) => ctx.app.inject({ method: 'POST', url: '/api/payments/violation-query', headers: clerk.headers, payload });
    const hub = portsOf<PaymentsPorts>(ctx, 'payments').identity.simulator!;
    const assertion = hub.issue('ssb-openid-g6-0002');
    expect((await query({ hphm: cleanPlate, clsbdh: code.slice(-6), assertion })).json()).toMatchObject({ total: 0 });
    // The asserted identity is filed once and queued for the police zone (用户信息备案); seen again, nothing new crosses.
    expect((await query({ hphm: cleanPlate, clsbdh: code.slice(-6), assertion: hub.issue('ssb-openid-g6-0002') })).statusCode).toBe(200);
    const users = await queryRows<{ business_key: string; record: Record<string, unknown> }>(
      ctx.platform.db,
      sql`select business_key, record from exchange_outbox where channel = 'users'`,
    );
    expect(users).toEqual([
      { business_key: 'ssb-openid-g6-0002', record: { openid: 'ssb-openid-g6-0002', filedAt: expect.any(String), changedAt: expect.any(String) } },
    ]);
    const [body, signature] = assertion.split('.');
    const forged = `${Buffer.from(JSON.stringify({ iss: 'ssb', openid: 'ssb-openid-g6-0003', iat: 0, exp: 9e9 })).toString('base64url')}.${signature}`;
    for (const bad of [{ assertion: forged }, { assertion: `${body}.${signature}`, openid: 'ssb-openid-g6-0003' }]) {
      const refused = await query({ hphm: cleanPlate, clsbdh: code.slice(-6), ...bad });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().code).toBe('ASSERTION_INVALID');
    }
    expect((await query({ hphm: cleanPlate, clsbdh: code.slice(-6) })).statusCode).toBe(400);

    // Holders of 接入应用管理: one whose scope reaches the caller's department (headquarters), one whose does not.
    const guard = await loginFresh(ctx, { permissions: [P.serviceAccountMenu, P.serviceAccountManage] });
    const elsewhere = await loginFresh(ctx, { permissions: [P.serviceAccountMenu, P.serviceAccountManage], department: '310115000000' });
    // Five wrong tails within the hour: the fifth still answers as a miss, then the plate is locked for this caller.
    for (let i = 0; i < 5; i++) expect((await ask(clerk, plate, `00000${i}`)).json().code).toBe('NOT_FOUND_OR_MISMATCH');
    const lockedOut = await ask(clerk, plate, code.slice(-6));
    expect(lockedOut.statusCode).toBe(423);
    expect(lockedOut.json()).toMatchObject({ code: 'LOCKED', message: expect.stringContaining('已被锁定') });
    // Another caller is not locked out; the lock is audited once, with the plate's digest, not the plate.
    expect((await ask(both, plate, code.slice(-6))).json().total).toBe(3);
    // Mismatches of one caller at the same time are each counted (a count changed under a call is counted again under
    // the row's lock), and none of them locks below the limit.
    const misses = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        ctx.app.inject({
          method: 'POST',
          url: '/api/payments/violation-query',
          headers: both.headers,
          payload: { hphm: '沪F700009', clsbdh: `11111${i}`, openid: `ssb-openid-g6-010${i}` },
        }),
      ),
    );
    expect(misses.map((r) => r.json().code)).toEqual(Array(4).fill('NOT_FOUND_OR_MISMATCH'));
    const bothName = (await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: both.headers })).json().username;
    expect(
      await queryRows<{ failures: number; locked: boolean }>(
        ctx.platform.db,
        sql`select failures, locked_until is not null as locked from payment_query_locks where key like ${`${bothName}:%`}`,
      ),
    ).toEqual([{ failures: 4, locked: false }]);
    const locks = await queryRows<{ row: string }>(
      ctx.platform.db,
      sql`select row_to_json(a)::text as row from audit_log a where action = 'payments.violation-query-lock'`,
    );
    expect(locks).toHaveLength(1);
    expect(locks[0]?.row).not.toContain(plate);
    // The lock rings the bell of the holders of 接入应用管理 whose scope reaches the caller, once per lock, without the plate.
    const bell = async (s: Session) =>
      (await ctx.app.inject({ method: 'GET', url: '/api/notifications', headers: s.headers })).json().items as { kind: string; body: string }[];
    const lockNotices = (await bell(guard)).filter((n) => n.kind === 'payments.violation-query-lock');
    expect(lockNotices).toEqual([expect.objectContaining({ title: expect.stringContaining('已锁定'), link: '/security/service-accounts' })]);
    expect(lockNotices[0]?.body).not.toContain(plate);
    for (const other of [clerk, elsewhere]) expect((await bell(other)).filter((n) => n.kind === 'payments.violation-query-lock')).toEqual([]);
    // Once per lock: the same lock told again (a retried transaction) changes no row.
    const me = (await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: clerk.headers })).json();
    const [lock] = await queryRows<{ key: string; ms: string }>(
      ctx.platform.db,
      sql`select key, (extract(epoch from locked_until) * 1000)::bigint::text as ms from payment_query_locks where key like ${`${me.username}:%`} and locked_until is not null`,
    );
    const again = { lockKey: lock!.key, plateDigest: lock!.key.split(':')[1]!, until: new Date(Number(lock!.ms)), maxMismatches: 5 };
    const clerkActor = { ...systemActor(), username: me.username, departmentId: me.department.id };
    expect(await noticeQueryLock(ctx.platform, ctx.platform.db, clerkActor, again)).toBe(0);
    expect((await bell(guard)).filter((n) => n.kind === 'payments.violation-query-lock')).toHaveLength(1);

    // The plate's bucket (10 a minute by default) is spent by its tenth query of the minute (a slow box may refill one);
    // the citizen's bucket (20) is its own, taken in the same statement: another plate still answers for the same openid.
    expect((await ask(both, plate, code.slice(-6))).statusCode).toBe(200);
    let limited = await ask(both, plate, code.slice(-6));
    for (let i = 0; i < 2 && limited.statusCode !== 429; i++) limited = await ask(both, plate, code.slice(-6));
    expect([limited.statusCode, limited.json().code]).toEqual([429, 'RATE_LIMITED']);
    expect((await ask(both, cleanPlate, code.slice(-6))).statusCode).toBe(200);
  });

  it('G6: a mismatch count is written only over the lock as it was read with the buckets (else the caller counts again under the row lock)', async () => {
    const key = `race-${randomUUID()}`;
    const read = async () =>
      paymentsRepository.lockSeen(
        (await new TokenBuckets(ctx.platform.db).takeEachReading([{ key, rps: 1, burst: 100 }], paymentsRepository.lockRead(key))).alongside,
      );
    const t = new Date(Date.UTC(2026, 11, 3, 1, 2, 3, 456));
    const count = (failures: number) => ({ failures, windowStartedAt: t, lockedUntil: null });
    const none = await read();
    expect(none.lock).toBeUndefined();
    expect(await paymentsRepository.saveQueryLockIf(ctx.platform.db, key, count(1), none)).toBe(true);
    // A second call that read no row too: the row it did not see is there now.
    expect(await paymentsRepository.saveQueryLockIf(ctx.platform.db, key, count(1), none)).toBe(false);
    const one = await read();
    expect(one.lock).toEqual(count(1));
    expect(await paymentsRepository.saveQueryLockIf(ctx.platform.db, key, count(2), one)).toBe(true);
    expect(await paymentsRepository.saveQueryLockIf(ctx.platform.db, key, count(2), one)).toBe(false);
    expect((await read()).lock).toEqual(count(2));
  });

  it("G6: a partner's signed query and its refused replay; the query's record and the service call's are written in one group before the answer", async () => {
    const [plate, code] = ['沪F700009', 'ZCBM00000000D4E5F6'];
    await ctx.platform.db.execute(sql`insert into exchange_records (channel, business_key, version, record, package_ref)
      values ('violations', '3101010000109', 1, ${JSON.stringify({ decisionNo: '3101010000109', plate: '沪F7****9', fineFen: 2_000, dueDate: day(10), possession: possessionDigest(plate, code) })}::jsonb, 1)`);
    const secadmin = await loginFresh(ctx, 'secadmin');
    const departmentId = (await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: secadmin.headers })).json().department.id;
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/security/service-accounts',
      headers: secadmin.headers,
      payload: { name: '随申办G6', departmentId, scopes: ['violation:query'], signAlg: 'HMAC-SM3' },
    });
    expect(created.statusCode, created.body).toBe(200);
    const partner = { appId: created.json().account.appId as string, alg: 'HMAC-SM3' as const, secret: created.json().secret as string };
    const url = '/api/payments/violation-query';
    const signed = (tail: string, nonce?: string) => {
      const body = JSON.stringify({ hphm: plate, clsbdh: tail, openid: 'ssb-openid-g6-0009' });
      const headers = signedHeaders(partner, { method: 'POST', target: url, body }, nonce ? { nonce } : {});
      return ctx.app.inject({ method: 'POST', url, payload: body, headers: { ...headers, 'content-type': 'application/json' }, remoteAddress: '127.0.0.1' });
    };
    // A page past the end still tells how many there are (counted apart: no row carries the count).
    const pastEnd = await ctx.app.inject({
      method: 'POST',
      url,
      headers: clerk.headers,
      payload: { hphm: plate, clsbdh: code.slice(-6), openid: 'ssb-openid-g6-0009', pageNo: 2 },
    });
    expect(pastEnd.json()).toMatchObject({ total: 1, items: [], pageNo: 2 });
    const appended = vi.spyOn(auditChainRepository, 'appendMany');
    try {
      const nonce = randomUUID().replaceAll('-', '');
      const found = await signed(code.slice(-6), nonce);
      expect(found.json()).toMatchObject({ hphm: '沪F7****9', total: 1, items: [{ jdsbh: '3101010000109', jkbj: '0' }] });
      const miss = await signed('000000');
      expect(miss.json().code).toBe('NOT_FOUND_OR_MISMATCH');
      // The nonce was recorded before the first answer: the same request again is a replay, and spends no lookup.
      expect((await signed(code.slice(-6), nonce)).json().code).toBe('REPLAY');
      // Each answered query's two records went in one write (one group commit), the query's first; the replay, refused
      // by the platform before the query, has only its own record.
      const writes = appended.mock.calls.map(([, rows]) => rows).filter((rows) => rows.some((r) => r.action === 'payments.violation-query'));
      expect(writes.map((rows) => rows.map((r) => `${r.action} ${r.result}`))).toEqual([
        ['payments.violation-query success', 'service.call success'],
        ['payments.violation-query failure', 'service.call failure'],
      ]);
      for (const rows of writes) expect(new Set(rows.map((r) => r.requestId)).size).toBe(1);
    } finally {
      appended.mockRestore();
    }
  });

  it("G5: a certified 随申办 identity maps to one local citizen account, found by the ID number's blind index, never stored in clear", async () => {
    const hub = portsOf<PaymentsPorts>(ctx, 'payments').identity.simulator!;
    const rng = new Rng(20261203);
    const person = { idNumber: syntheticIdNumber(rng, '310104', '1988-03-09', 'F'), name: syntheticName(rng) };
    const query = (assertion: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/payments/violation-query',
        headers: clerk.headers,
        payload: { hphm: '沪F799999', clsbdh: '000000', assertion },
      });
    // Two openids of the same person (e.g. two devices or apps of the hub), and one not certified.
    for (const openid of ['ssb-openid-g5-0001', 'ssb-openid-g5-0002'])
      expect((await query(hub.issue(openid, 300, new Date(), person))).json().code).toBe('NOT_FOUND_OR_MISMATCH');
    expect((await query(hub.issue('ssb-openid-g5-0003'))).json().code).toBe('NOT_FOUND_OR_MISMATCH');
    // Seen again: the same account, nothing new.
    await query(hub.issue('ssb-openid-g5-0001', 300, new Date(), person));
    const identities = await queryRows<{ openid: string; account_id: number | null }>(
      ctx.platform.db,
      sql`select openid, account_id::int as account_id from citizen_identities where openid like 'ssb-openid-g5-%' order by openid`,
    );
    const accountId = identities[0]?.account_id;
    expect(accountId).toEqual(expect.any(Number));
    expect(identities).toEqual([
      { openid: 'ssb-openid-g5-0001', account_id: accountId },
      { openid: 'ssb-openid-g5-0002', account_id: accountId },
      { openid: 'ssb-openid-g5-0003', account_id: null },
    ]);
    const accounts = await queryRows<{ row: string; id_number_enc: string }>(
      ctx.platform.db,
      sql`select row_to_json(a)::text as row, id_number_enc from citizen_accounts a`,
    );
    expect(accounts).toHaveLength(1);
    for (const secret of [person.idNumber, person.name]) expect(accounts[0]?.row).not.toContain(secret);
    expect(await ctx.platform.fields.decrypt(accounts[0]!.id_number_enc, 'citizen_accounts.id_number_enc')).toBe(person.idNumber);
    // The account's creation is audited once; the mapped identities cross with the account number.
    const created = await queryRows<{ target_id: string }>(ctx.platform.db, sql`select target_id from audit_log where action = 'payments.citizen-account'`);
    expect(created).toEqual([{ target_id: String(accountId) }]);
    const crossing = await queryRows<{ business_key: string; version: number; record: Record<string, unknown> }>(
      ctx.platform.db,
      sql`select business_key, version, record from exchange_outbox where channel = 'users' and business_key like 'ssb-openid-g5-%' order by business_key`,
    );
    expect(crossing.map((c) => [c.business_key, Number(c.version), c.record.accountId ?? null])).toEqual([
      ['ssb-openid-g5-0001', 2, accountId],
      ['ssb-openid-g5-0002', 2, accountId],
      ['ssb-openid-g5-0003', 1, null],
    ]);
    // The uncertified openid is certified later: mapped then, and it crosses again as version 2.
    await query(hub.issue('ssb-openid-g5-0003', 300, new Date(), person));
    const [later] = await queryRows<{ account_id: number }>(
      ctx.platform.db,
      sql`select account_id::int as account_id from citizen_identities where openid = 'ssb-openid-g5-0003'`,
    );
    expect(later?.account_id).toBe(accountId);
    // Filed data kept in step: a fresh assertion with a new mobile number is the next version of the filing (the replaced
    // one kept as history), crosses with the number masked, and is audited without it; the same number again changes nothing.
    for (const mobile of ['13912340001', '13912340001', '13712340002']) await query(hub.issue('ssb-openid-g5-0001', 300, new Date(), { ...person, mobile }));
    const [filing] = await queryRows<{ version: number; mobile_enc: string; row: string }>(
      ctx.platform.db,
      sql`select version, mobile_enc, row_to_json(i)::text as row from citizen_identities i where openid = 'ssb-openid-g5-0001'`,
    );
    expect(filing?.version).toBe(4);
    expect(filing?.row).not.toContain('13712340002');
    expect(await ctx.platform.fields.decrypt(filing!.mobile_enc, 'citizen_identities.mobile_enc')).toBe('13712340002');
    const history = await queryRows<{ openid: string; version: number; changes: string[]; mobile_enc: string | null }>(
      ctx.platform.db,
      sql`select openid, version, changes, mobile_enc from citizen_identity_history where openid like 'ssb-openid-g5-%' order by openid, version`,
    );
    expect(history.map((h) => [h.openid, h.version, h.changes])).toEqual([
      ['ssb-openid-g5-0001', 2, ['mobile']],
      ['ssb-openid-g5-0001', 3, ['mobile']],
      ['ssb-openid-g5-0003', 1, ['mapped']],
    ]);
    expect(await ctx.platform.fields.decrypt(history[1]!.mobile_enc!, 'citizen_identities.mobile_enc')).toBe('13912340001');
    const [newest] = await queryRows<{ version: number; record: Record<string, unknown> }>(
      ctx.platform.db,
      sql`select version::int as version, record from exchange_outbox where channel = 'users' and business_key = 'ssb-openid-g5-0001' order by version desc limit 1`,
    );
    expect(newest).toMatchObject({ version: 4, record: { openid: 'ssb-openid-g5-0001', accountId, mobile: '137****0002' } });
    const changed = await queryRows<{ details: string }>(
      ctx.platform.db,
      sql`select details::text from audit_log where action = 'payments.citizen-identity-changed' order by id`,
    );
    // The later mapping of 0003 and the two new numbers of 0001.
    expect(changed.map((c) => JSON.parse(c.details).changes)).toEqual([['mapped'], ['mobile'], ['mobile']]);
    for (const c of changed) expect(c.details).not.toMatch(/1[3-9]\d{9}/);
    expect((await query(hub.issue('ssb-openid-g5-0001', 300, new Date(), { ...person, mobile: '1391234' }))).statusCode).toBe(401);
    // An assertion naming an invalid ID number is refused as a whole.
    const bad = await query(
      hub.issue('ssb-openid-g5-0004', 300, new Date(), { idNumber: `${person.idNumber.slice(0, 17)}${person.idNumber[17] === '0' ? '1' : '0'}` }),
    );
    expect(bad.statusCode).toBe(401);
  });

  it('G5: the administrator lists the local citizen accounts masked, finds one by ID number (blind index), every read audited', async () => {
    const admin = await loginFresh(ctx, { permissions: [PAYMENTS_P.menu, PAYMENTS_P.citizenAccounts] });
    const rng = new Rng(20261204);
    const person = { idNumber: syntheticIdNumber(rng, '310115', '1979-11-20', 'M'), name: syntheticName(rng) };
    const hub = portsOf<PaymentsPorts>(ctx, 'payments').identity.simulator!;
    await ctx.app.inject({
      method: 'POST',
      url: '/api/payments/violation-query',
      headers: clerk.headers,
      payload: { hphm: '沪F799998', clsbdh: '000000', assertion: hub.issue('ssb-openid-g5-0101', 300, new Date(), person) },
    });
    const list = (query: string, s: Session = admin) => ctx.app.inject({ method: 'GET', url: `/api/payments/citizen-accounts?${query}`, headers: s.headers });
    const all = await list('pageSize=1');
    expect(all.statusCode, all.body).toBe(200);
    // Newest first, one a page: the person just asserted, masked as SECURITY.md §2 says, with the one openid mapped.
    expect(all.json()).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(all.json().items).toEqual([
      {
        id: expect.any(Number),
        idNumber: `${person.idNumber[0]}${'*'.repeat(16)}${person.idNumber[17]}`,
        citizenName: `${person.name[0]}${'*'.repeat([...person.name].length - 1)}`,
        createdAt: expect.any(String),
        identities: 1,
        lastAssertedAt: expect.any(String),
      },
    ]);
    const found = await list(`idNumber=${person.idNumber}`);
    expect(found.json()).toMatchObject({ total: 1, items: [{ id: all.json().items[0].id }] });
    const other = syntheticIdNumber(rng, '310101', '1990-01-01', 'F');
    expect((await list(`idNumber=${other}`)).json()).toMatchObject({ total: 0, items: [] });
    // A malformed number is refused per field and not audited; nobody without the permission gets in.
    const bad = await list(`idNumber=${person.idNumber.slice(0, 17)}${person.idNumber[17] === '0' ? '1' : '0'}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual([{ field: 'querystring.idNumber', message: expect.stringContaining('身份证号码') }]);
    expect((await list('', clerk)).statusCode).toBe(403);
    const reads = await queryRows<{ target_id: string | null; details: Record<string, unknown> }>(
      ctx.platform.db,
      sql`select target_id, details from audit_log where action = 'payments.citizen-accounts' order by id`,
    );
    expect(reads).toEqual([
      { target_id: null, details: { byIdNumber: false, page: 1, found: 1, total: 2 } },
      { target_id: String(all.json().items[0].id), details: { byIdNumber: true, page: 1, found: 1, total: 1 } },
      { target_id: null, details: { byIdNumber: true, page: 1, found: 0, total: 0 } },
    ]);
    for (const r of reads) expect(JSON.stringify(r)).not.toContain(person.idNumber);

    // The account's 随申办 identities: openids masked (first 2, last 2), the read audited with the account as target.
    const accountId = all.json().items[0].id as number;
    const identities = (id: number, s: Session = admin) =>
      ctx.app.inject({ method: 'GET', url: `/api/payments/citizen-accounts/${id}/identities`, headers: s.headers });
    const mapped = await identities(accountId);
    expect(mapped.statusCode, mapped.body).toBe(200);
    expect(mapped.json().items).toEqual([{ openid: `ss${'*'.repeat(14)}01`, filedAt: expect.any(String), lastAssertedAt: expect.any(String) }]);
    expect((await identities(accountId + 1000)).statusCode).toBe(404);
    expect((await identities(accountId, clerk)).statusCode).toBe(403);
    const detailReads = await queryRows<{ target_id: string; details: Record<string, unknown> }>(
      ctx.platform.db,
      sql`select target_id, details from audit_log where action = 'payments.citizen-identities' order by id`,
    );
    expect(detailReads).toEqual([{ target_id: String(accountId), details: { found: 1 } }]);

    // By the whole name (its blind index; spaces and widths as typed do not matter), never in clear in the log.
    const byName = async (name: string) => (await list(`name=${encodeURIComponent(name)}`)).json();
    expect(await byName(` ${[...person.name].join(' ')} `)).toMatchObject({ total: 1, items: [{ id: accountId }] });
    expect((await list('name=王')).statusCode).toBe(400);
    // The hub certifies a changed name: the account follows it (audited, no name in the log), found by the new name only.
    const renamed = `${person.name}明`;
    await ctx.app.inject({
      method: 'POST',
      url: '/api/payments/violation-query',
      headers: clerk.headers,
      payload: { hphm: '沪F799998', clsbdh: '000000', assertion: hub.issue('ssb-openid-g5-0101', 300, new Date(), { ...person, name: renamed }) },
    });
    expect(await byName(renamed)).toMatchObject({ total: 1, items: [{ id: accountId, citizenName: `${renamed[0]}${'*'.repeat([...renamed].length - 1)}` }] });
    expect((await byName(person.name)).total).toBe(0);
    // An account filed before names were indexed is indexed at the next start.
    await ctx.platform.db.execute(sql`update citizen_accounts set name_idx = null where id = ${accountId}`);
    expect((await byName(renamed)).total).toBe(0);
    expect(await new CitizenAccounts(ctx.platform).indexNames()).toBe(1);
    expect((await byName(renamed)).total).toBe(1);
    const nameAudits = await queryRows<{ action: string; target_id: string | null; details: string }>(
      ctx.platform.db,
      sql`select action, target_id, details::text as details from audit_log where action in ('payments.citizen-account-renamed', 'payments.citizen-names-indexed') or (action = 'payments.citizen-accounts' and details ? 'byName') order by id`,
    );
    // A name search names no target (a name may be several people's); the rename targets the account.
    expect(nameAudits.map((a) => [a.action, a.target_id])).toEqual([
      ['payments.citizen-accounts', null],
      ['payments.citizen-account-renamed', String(accountId)],
      ['payments.citizen-accounts', null],
      ['payments.citizen-accounts', null],
      ['payments.citizen-accounts', null],
      ['payments.citizen-names-indexed', null],
      ['payments.citizen-accounts', null],
    ]);
    for (const a of nameAudits) for (const secret of [person.name, renamed]) expect(a.details).not.toContain(secret);
  });

  it('G9: the built-in template is approved with the release; one registered here is used only once another administrator approved it', async () => {
    const [maker, checker] = [
      await loginFresh(ctx, { permissions: [PAYMENTS_P.menu, PAYMENTS_P.smsTemplate] }),
      await loginFresh(ctx, { permissions: [PAYMENTS_P.menu, PAYMENTS_P.smsTemplate] }),
    ];
    const call = (s: Session, url: string, payload: object) => ctx.app.inject({ method: 'POST', url, headers: s.headers, payload });
    const list = async () =>
      (await ctx.app.inject({ method: 'GET', url: '/api/payments/sms-templates?pageSize=50', headers: checker.headers })).json().items as {
        id: number;
        code: string;
        state: string;
        actions: { approve: { allowed: boolean } };
      }[];
    const sms = portsOf<PaymentsPorts>(ctx, 'payments').sms.simulator!;

    // The built-in 缴款通知 ships its text in the code: reviewed with the release, registered approved by the system.
    const builtIn = (await list()).find((t) => t.code === 'SHJJ_FINE_PAID')! as Awaited<ReturnType<typeof list>>[number] & { reviewedBy: string };
    expect(builtIn).toMatchObject({ state: 'approved', reviewedBy: '系统（随版本审核）', actions: { approve: { allowed: false } } });
    const registered = await queryRows<{ user_id: string | null; details: Record<string, unknown> }>(
      ctx.platform.db,
      sql`select user_id, details from audit_log where action = 'payments.sms-template' and target_id = ${String(builtIn.id)}`,
    );
    expect(registered).toEqual([{ user_id: null, details: { code: 'SHJJ_FINE_PAID', builtIn: true, state: 'approved' } }]);
    // One left pending by an earlier release: a paid order's notice waits; the next start approves it (audited), the poll sends.
    await ctx.platform.db.execute(
      sql`update sms_templates set state = 'pending', reviewed_by_name = null, reviewed_at = null, review_note = null where id = ${builtIn.id}`,
    );
    for (const p of [paymentsParams.smsQuietStartHour, paymentsParams.smsQuietEndHour]) await setParam(p.key, 0);
    await paidWithNotice('3101010000301', '13900000301');
    expect(sms.sent.filter((m) => m.phone === '13900000301')).toHaveLength(0);
    const unapproved = await call(checker, `/api/payments/sms-templates/${builtIn.id}/trial`, { mobile: '13900000302' });
    expect(unapproved.statusCode).toBe(409);
    expect(unapproved.json()).toMatchObject({ code: 'SMS_TEMPLATE_NOT_APPROVED', message: '短信模板「缴款通知」（SHJJ_FINE_PAID）尚未审核通过，不能使用' });
    const restart = new SmsTemplates(ctx.platform, portsOf<PaymentsPorts>(ctx, 'payments').sms.port);
    await restart.registerBuiltIn([PAYMENT_NOTICE_TEMPLATE]);
    await restart.registerBuiltIn([PAYMENT_NOTICE_TEMPLATE]);
    expect((await list()).find((t) => t.id === builtIn.id)?.state).toBe('approved');
    await ctx.platform.jobs.enqueue(ctx.platform.db, noticePollJob, {});
    await ctx.platform.jobs.drain();
    expect(sms.sent.filter((m) => m.phone === '13900000301')).toHaveLength(1);

    // A template registered by one administrator: not by the same one, by another; once only.
    const created = await call(maker, '/api/payments/sms-templates', {
      code: 'SHJJ_DUE_SOON',
      name: '缴款期限提醒',
      text: '您的处罚决定书{decisionNo}将于{dueDate}到期。',
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id as number;
    expect(created.json()).toMatchObject({ state: 'pending', actions: { approve: { allowed: false } } });
    const own = await call(maker, `/api/payments/sms-templates/${id}/review`, { decision: 'approved' });
    expect(own.statusCode).toBe(409);
    expect(own.json().message).toBe('模板须由登记人以外的管理员审核，不能审核自己登记的模板');
    expect((await list()).find((t) => t.id === id)?.actions.approve.allowed).toBe(true);
    expect((await call(checker, `/api/payments/sms-templates/${id}/review`, { decision: 'rejected', note: '用语须规范' })).json()).toMatchObject({
      state: 'rejected',
      reviewNote: '用语须规范',
    });
    expect((await call(checker, `/api/payments/sms-templates/${id}/review`, { decision: 'approved' })).json().message).toBe('该模板已审核，不能重复审核');
    // Bad input is refused per field; a taken code is a conflict; nobody without the permission gets in.
    const bad = await call(maker, '/api/payments/sms-templates', { code: 'x', name: '名', text: '您的{1bad}' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toEqual(['code', 'name', 'text']);
    expect((await call(maker, '/api/payments/sms-templates', { code: 'SHJJ_DUE_SOON', name: '重复编号', text: '重复编号的模板内容' })).statusCode).toBe(409);
    expect((await call(clerk, '/api/payments/sms-templates', { code: 'SHJJ_OTHER', name: '其他', text: '其他模板内容' })).statusCode).toBe(403);
    const reviews = await queryRows<{ target_id: string }>(
      ctx.platform.db,
      sql`select target_id from audit_log where action = 'payments.sms-template-review' order by id`,
    );
    // The system's approval of the pending built-in (once, though started twice), then the administrator's review.
    expect(reviews.map((r) => r.target_id)).toEqual([String(builtIn.id), String(id)]);
  });

  it('G9: a notice waits out the quiet hours and a number over its limit, and the minute poll sends it later', async () => {
    const ports = portsOf<PaymentsPorts>(ctx, 'payments');
    const sentTo = (phone: string) => ports.sms.simulator!.sent.filter((m) => m.phone === phone).length;
    const noticeState = async (decisionNo: string) =>
      (await queryRows<{ notice_state: string | null }>(ctx.platform.db, sql`select notice_state from fine_payments where decision_no = ${decisionNo}`))[0]
        ?.notice_state;
    // Quiet hours around the current Shanghai hour: the notice is held back.
    const hour = (new Date().getUTCHours() + 8) % 24;
    await setParam(paymentsParams.smsQuietStartHour.key, hour);
    await setParam(paymentsParams.smsQuietEndHour.key, (hour + 2) % 24);
    await paidWithNotice('3101010000201', '13900000001');
    expect(sentTo('13900000001')).toBe(0);
    expect(await noticeState('3101010000201')).toBeNull();
    // Outside them, one message a minute per number (the default): the first goes, a second to the same number waits.
    await setParam(paymentsParams.smsQuietEndHour.key, hour);
    await paidWithNotice('3101010000202', '13900000002');
    await paidWithNotice('3101010000203', '13900000002');
    expect(sentTo('13900000002')).toBe(1);
    expect([await noticeState('3101010000202'), await noticeState('3101010000203')].sort()).toEqual(['sent', null].sort());
    // The poll sends what waited once its number has room again.
    await setParam(paymentsParams.smsPerNumberPerMinute.key, 100);
    await ctx.platform.jobs.enqueue(ctx.platform.db, noticePollJob, {});
    await ctx.platform.jobs.drain();
    expect(sentTo('13900000001')).toBe(1);
    expect(await noticeState('3101010000201')).toBe('sent');
  });

  it("G9: a message the gateway did not take, or one held by a number's limit, spends none of the number's quota", async () => {
    const sms = portsOf<PaymentsPorts>(ctx, 'payments').sms.simulator!;
    const sentTo = (phone: string) => sms.sent.filter((m) => m.phone === phone).length;
    await setParam(paymentsParams.smsQuietStartHour.key, 0);
    await setParam(paymentsParams.smsQuietEndHour.key, 0);
    await setParam(paymentsParams.smsPerNumberPerMinute.key, 1);
    await setParam(paymentsParams.smsPerNumberPerHour.key, 3);
    // The gateway is unavailable for the first notice: it waits, and the number's minute is not spent on it.
    sms.failNext(1);
    await paidWithNotice('3101010000211', '13900000011');
    expect(sentTo('13900000011')).toBe(0);
    const sent = await paidWithNotice('3101010000212', '13900000011');
    expect(sentTo('13900000011')).toBe(1);
    // The minute is spent now: the next waits, and gives back the day's and the hour's token it had taken.
    await paidWithNotice('3101010000213', '13900000011');
    expect(sentTo('13900000011')).toBe(1);
    // Of the number's hour (3) and day (10), only the message that went out is spent.
    const [left] = await queryRows<{ hour: number; day: number }>(
      ctx.platform.db,
      sql`select floor(max(b.tokens) filter (where b.app_id like 'sms:hour:%')) as hour, floor(max(b.tokens) filter (where b.app_id like 'sms:day:%')) as day
          from service_account_rate_buckets b
          where b.app_id in (select p || left(m.phone_idx, 32) from sms_messages m, unnest(array['sms:hour:', 'sms:day:']) p
                             where m.batch_id = ${sent})`,
    );
    expect({ hour: Number(left!.hour), day: Number(left!.day) }).toEqual({ hour: 2, day: 9 });
    await setParam(paymentsParams.smsPerNumberPerHour.key, paymentsParams.smsPerNumberPerHour.defaultValue);
  });

  it('G9: the administrator sees every SMS with its send state, masked, by state, template, day and number (blind index); every read audited', async () => {
    const ports = portsOf<PaymentsPorts>(ctx, 'payments');
    const admin = await loginFresh(ctx, { permissions: [PAYMENTS_P.menu, PAYMENTS_P.smsTemplate, PAYMENTS_P.smsResend] });
    const list = (query: string, s: Session = admin) => ctx.app.inject({ method: 'GET', url: `/api/payments/sms-messages?${query}`, headers: s.headers });
    const items = async (query: string) => {
      const res = await list(query);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { total: number; items: Record<string, unknown>[] };
    };
    const poll = async () => {
      await ctx.platform.jobs.enqueue(ctx.platform.db, noticePollJob, {});
      await ctx.platform.jobs.drain();
    };
    await setParam(paymentsParams.smsPerNumberPerMinute.key, 100);
    // Held in the quiet hours (the number not yet asked for), a retryable gateway failure, one that will not be delivered.
    const hour = (new Date().getUTCHours() + 8) % 24;
    await setParam(paymentsParams.smsQuietStartHour.key, hour);
    await setParam(paymentsParams.smsQuietEndHour.key, (hour + 1) % 24);
    const quiet = await paidWithNotice('3101010000401', '13900000401');
    await setParam(paymentsParams.smsQuietEndHour.key, hour);
    ports.sms.simulator!.failNext(1);
    const retried = await paidWithNotice('3101010000402', '13900000402');
    ports.sms.simulator!.undeliverable.add('13900000403');
    const undelivered = await paidWithNotice('3101010000403', '13900000403');

    expect((await items('state=quiet-hours&pageSize=200')).items.find((m) => m.batchId === quiet)).toMatchObject({ mobile: null, attempts: 0 });
    const waiting = await items('mobile=13900000402');
    expect(waiting.items).toHaveLength(1);
    expect(waiting.items[0]).toMatchObject({ batchId: retried, state: 'retry', errorCode: 'UNAVAILABLE', attempts: 1, mobile: '139****0402', sentAt: null });

    // The poll resends what waited; the next one records the delivery reports.
    await poll();
    await poll();
    const delivered = await items('mobile=13900000402&state=delivered');
    expect(delivered.items).toHaveLength(1);
    expect(delivered.items[0]).toMatchObject({
      batchId: retried,
      templateCode: 'SHJJ_FINE_PAID',
      templateName: '缴款通知',
      state: 'delivered',
      errorCode: null,
      attempts: 2,
    });
    expect(delivered.items[0]!.sentAt).not.toBeNull();
    expect(delivered.items[0]!.reportedAt).not.toBeNull();
    expect((await items('mobile=13900000401')).items[0]).toMatchObject({ batchId: quiet, state: 'delivered', mobile: '139****0401', attempts: 1 });
    expect((await items('mobile=13900000403&state=undelivered')).items.map((m) => m.batchId)).toEqual([undelivered]);
    expect((await items('mobile=13900000403&state=failed')).total).toBe(0);
    const today = await items(`templateCode=SHJJ_FINE_PAID&from=${day(0)}&to=${day(0)}&pageSize=200`);
    expect(today.items.map((m) => m.batchId)).toEqual(expect.arrayContaining([quiet, retried, undelivered]));
    expect((await items(`from=${day(1)}`)).total).toBe(0);
    expect((await items('templateCode=SHJJ_OTHER_CODE')).total).toBe(0);

    // The number is stored only SM4-encrypted with its keyed digest, never answered, stored or audited in clear.
    const stored = await queryRows<{ phone_enc: string; phone_idx: string }>(
      ctx.platform.db,
      sql`select phone_enc, phone_idx from sms_messages where batch_id = ${retried}`,
    );
    expect(JSON.stringify(stored)).not.toContain('13900000402');
    expect(stored[0]!.phone_idx).toBe(await ctx.platform.fields.blindIndex('13900000402', 'sms-phone'));
    expect((await list('mobile=13900000402')).body).not.toContain('13900000402');
    const audited = await queryRows<{ details: Record<string, unknown> }>(
      ctx.platform.db,
      sql`select details from audit_log where action = 'payments.sms-messages' order by id desc limit 1`,
    );
    expect(audited[0]!.details).toEqual({ byMobile: true, page: 1, found: 1, total: 1 });
    const all = await queryRows<{ details: string }>(ctx.platform.db, sql`select details::text from audit_log where action = 'payments.sms-messages'`);
    expect(all.length).toBeGreaterThanOrEqual(9);
    expect(all.map((a) => a.details).join()).not.toMatch(/1390000040/);

    // Bad filters: 400 with the Chinese reason, not audited; no permission: 403.
    const bad = await list('mobile=1390000');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('手机号码');
    expect((await list(`from=${day(1)}&to=${day(0)}`)).body).toContain('起始日期不能晚于截止日期');
    expect((await list('state=lost')).statusCode).toBe(400);
    expect((await list('', clerk)).statusCode).toBe(403);
    const after = await queryRows<{ n: number }>(ctx.platform.db, sql`select count(*)::int as n from audit_log where action = 'payments.sms-messages'`);
    expect(after[0]!.n).toBe(all.length);

    // 重发: only the undelivered one may be sent again, once, as a new batch with the same variables and number.
    const undeliveredItem = (await items('mobile=13900000403')).items[0]!;
    expect(undeliveredItem).toMatchObject({ batchId: undelivered, state: 'undelivered', actions: { resend: true }, resentAs: null });
    expect(delivered.items[0]!.actions).toEqual({ resend: false });
    const resend = (id: unknown, s: Session = admin) => ctx.app.inject({ method: 'POST', url: `/api/payments/sms-messages/${id}/resend`, headers: s.headers });
    const refusedDelivered = await resend(delivered.items[0]!.id);
    expect(refusedDelivered.statusCode).toBe(409);
    expect(refusedDelivered.json().message).toContain('只有未送达的短信');
    expect((await resend(undeliveredItem.id, clerk)).statusCode).toBe(403);
    expect((await resend(999_999_999)).statusCode).toBe(404);
    ports.sms.simulator!.undeliverable.delete('13900000403');
    const sentCount = ports.sms.simulator!.sent.length;
    const resent = await resend(undeliveredItem.id);
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json()).toMatchObject({ batchId: `${undelivered}-R1`, state: 'sent', resendOf: undeliveredItem.id, mobile: '139****0403', attempts: 1 });
    const [again] = ports.sms.simulator!.sent.slice(sentCount);
    const [first] = ports.sms.simulator!.sent.filter((m) => m.phone === '13900000403');
    expect(again).toMatchObject({ phone: '13900000403', batchId: `${undelivered}-R1`, text: first!.text });
    const twice = await resend(undeliveredItem.id);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toContain(`已重发（批次 ${undelivered}-R1）`);
    await poll();
    const afterResend = (await items('mobile=13900000403')).items;
    expect(afterResend.map((m) => [m.batchId, m.state, m.resentAs])).toEqual([
      [`${undelivered}-R1`, 'delivered', null],
      [undelivered, 'undelivered', `${undelivered}-R1`],
    ]);
    const resendAudit = await queryRows<{ details: Record<string, unknown>; target_id: string }>(
      ctx.platform.db,
      sql`select details, target_id from audit_log where action = 'payments.sms-resend' order by id desc limit 1`,
    );
    expect(resendAudit[0]).toMatchObject({
      target_id: String(undeliveredItem.id),
      details: { batchId: undelivered, resendBatchId: `${undelivered}-R1`, templateCode: 'SHJJ_FINE_PAID', outcome: 'sent' },
    });
    expect(JSON.stringify(resendAudit)).not.toContain('13900000403');
  });

  it('needs the permission to order and validates the decision number', async () => {
    const other = await loginFresh(ctx, { permissions: [PAYMENTS_P.view] });
    const denied = await ctx.app.inject({
      method: 'POST',
      url: '/api/payments/orders',
      headers: { ...other.headers, 'idempotency-key': randomUUID() },
      payload: { decisionNo: '3101010000002' },
    });
    expect(denied.statusCode).toBe(403);
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/payments/orders',
      headers: { ...clerk.headers, 'idempotency-key': randomUUID() },
      payload: { decisionNo: '决定书' },
    });
    expect(bad.statusCode).toBe(400);
  });
});
