import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENVELOPE_CONTENT_TYPE } from '@shtp/core/platform';
import { MemoryReplayCache, sm2GenerateKeyPair } from '@shtp/gm';
import { ebikeRegistrations, NEW_PASSWORD, Rng, syntheticIdNumber, syntheticName } from '@shtp/testkit';
import { type RunningServer, readyAccount, startServer } from '@shtp/testkit/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedHeaders } from '../../apps/server/src/platform/service-accounts/signing-client.ts';
import { openReply, sealRequest } from '../../apps/server/src/platform/transport/device-client.ts';
import { login, logout, manualScreenshot, openBrowser } from './console.ts';

/**
 * The two zones side by side, as `npm start -- --zones=both` runs them: each server on its own port and embedded
 * database, joined only by two folders standing in for the gap and each holding the other's public key. A fine written
 * on a handheld in the police zone crosses sealed; a partner (随申办) finds it for its citizen through the signed query
 * and orders it; the citizen pays in the (simulated) e-CNY wallet; the payment crosses back and the police console
 * shows 已缴款. Each zone's console (in its own browser context: the cookies of two ports on one host would mix) runs
 * the crossing and shows the packages.
 */
const PLATE = '沪F600417';
const rng = new Rng(20261204);
const party = { idNumber: syntheticIdNumber(rng, '310104', '1988-03-09', 'F'), name: syntheticName(rng) };

let gap: string;
let police: RunningServer | undefined;
let internet: RunningServer | undefined;
let browser: Browser;
let policePage: Page;
let internetPage: Page;
/** The partner and tomorrow's booking of the first story, used again by the next ones. */
let signed: Awaited<ReturnType<typeof partner>>;
let bookingNo: string;

type Session = { headers: Record<string, string>; me: { department: { id: number } } };
async function apiSession(server: RunningServer, username: string): Promise<Session> {
  const res = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: NEW_PASSWORD }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const me = (await res.json()) as Session['me'] & { csrfToken: string };
  return { headers: { cookie, 'x-csrf-token': me.csrfToken }, me };
}

async function post<T>(server: RunningServer, s: Session, url: string, body: unknown): Promise<T> {
  const res = await fetch(`${server.baseUrl}${url}`, {
    method: 'POST',
    headers: { ...s.headers, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

/** The e-bike and, on a registered handheld, a 罚款 decision for it (the sealed PDA route road01 uses). */
async function fineOnHandheld(p: RunningServer): Promise<string> {
  const officer = await apiSession(p, 'officer01');
  const supervisor = await apiSession(p, 'supervisor01');
  const sec = await apiSession(p, 'secadmin');
  const road = await apiSession(p, 'road01');
  const departmentId = officer.me.department.id;
  await post(p, supervisor, '/api/ebike/plates/batches', { plateKind: 'P', departmentId, prefix: PLATE.slice(0, 2), from: Number(PLATE.slice(2)), count: 1 });
  await post(p, officer, '/api/ebike/vehicles', ebikeRegistrations(20261204).registration({ plateNumber: PLATE }));
  const pair = sm2GenerateKeyPair();
  await post(p, sec, '/api/security/devices', {
    code: 'PDA-ZONES-01',
    name: '执法终端（两区）',
    departmentId: road.me.department.id,
    publicKey: pair.publicKey,
  });
  const device = { code: 'PDA-ZONES-01', privateKey: pair.privateKey };
  const serverKey = (await (await fetch(`${p.baseUrl}/api/transport/server-key`)).json()) as { keyId: string; publicKey: string };
  const body = { id: randomUUID(), kind: 'decision', fine: 50, code: '2004', trafficMode: 'F3', party, plate: PLATE, place: '人民路与西藏中路路口' };
  const res = await fetch(`${p.baseUrl}/api/pda/enforcement/violations`, {
    method: 'POST',
    headers: { ...road.headers, 'content-type': ENVELOPE_CONTENT_TYPE, 'idempotency-key': randomUUID() },
    body: sealRequest({ ...body, occurredAt: new Date().toISOString(), corrected: true, harm: false }, device, serverKey),
  });
  const reply = await openReply<{ violation: { decisionNo: string } }>(
    { status: res.status, contentType: res.headers.get('content-type') ?? undefined, text: await res.text() },
    device,
    serverKey,
    new MemoryReplayCache(),
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.violation.decisionNo;
}

/** The 随申办 back end's service account in the internet zone, signing with HMAC-SM3. */
async function partner(i: RunningServer) {
  const sec = await apiSession(i, 'secadmin');
  const created = await post<{ account: { appId: string }; secret: string }>(i, sec, '/api/security/service-accounts', {
    name: '随申办',
    departmentId: sec.me.department.id,
    scopes: ['violation:query', 'appointment:book', 'preregistration:submit'],
    signAlg: 'HMAC-SM3',
  });
  const credentials = { appId: created.account.appId, alg: 'HMAC-SM3' as const, secret: created.secret };
  const signed = (url: string, payload: object) => {
    const body = JSON.stringify(payload);
    return fetch(`${i.baseUrl}${url}`, {
      method: 'POST',
      headers: { ...signedHeaders(credentials, { method: 'POST', target: url, body }), 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body,
    });
  };
  signed.get = (url: string) => fetch(`${i.baseUrl}${url}`, { headers: signedHeaders(credentials, { method: 'GET', target: url }) });
  return signed;
}

/** Opens the zone's 数据包与对账 page and presses 立即交换 until a package of the channel is listed in the direction shown. */
/**
 * How long a package may take to be applied on the other side: the gap watcher takes it once it is old enough, and a
 * package the watcher misses (a busy machine) is taken by the next minute's cycle job — so more than a minute.
 */
const CROSSING_MS = 150_000;

async function crossNow(page: Page, channel: string): Promise<void> {
  const table = page.getByTestId('exchange-packages');
  await expect
    .poll(async () => {
      await page.getByTestId('exchange-run').click();
      await page.getByText('交换完成').first().waitFor();
      return (await table.textContent()) ?? '';
    })
    .toContain(`（${channel}）`);
}

describe('两区：罚款经网闸到互联网区，查询、数字人民币缴款，缴款回到公安网', () => {
  beforeAll(async () => {
    gap = mkdtempSync(path.join(os.tmpdir(), 'shtp-e2e-gap-'));
    mkdirSync(path.join(gap, 'keys'));
    const zone = (name: string, out: string, inbound: string, peer: string) => ({
      ZONE: name,
      EXCHANGE_OUT_DIR: path.join(gap, out),
      EXCHANGE_IN_DIR: path.join(gap, inbound),
      EXCHANGE_PEER_KEY_FILE: path.join(gap, 'keys', `${peer}.json`),
    });
    const [p, i] = await Promise.allSettled([
      startServer({ env: zone('police', 'police-to-internet', 'internet-to-police', 'internet') }),
      startServer({ env: zone('internet', 'internet-to-police', 'police-to-internet', 'police') }),
    ]);
    police = p.status === 'fulfilled' ? p.value : undefined;
    internet = i.status === 'fulfilled' ? i.value : undefined;
    if (p.status === 'rejected') throw p.reason;
    if (i.status === 'rejected') throw i.reason;
    // The operators hand each zone's public key to the other (the zones read it when they need it).
    for (const [server, name] of [[police, 'police'] as const, [internet, 'internet'] as const]) {
      copyFileSync(path.join(server!.dataDir, 'exchange', 'public-key.json'), path.join(gap, 'keys', `${name}.json`));
    }
    for (const u of ['officer01', 'supervisor01', 'secadmin', 'road01']) await readyAccount(police!, u);
    for (const u of ['supervisor01', 'secadmin', 'webreview01', 'citizen01', 'sysadmin']) await readyAccount(internet!, u);
    ({ browser, page: policePage } = await openBrowser());
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
    context.setDefaultTimeout(60_000);
    internetPage = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([police?.stop(), internet?.stop()]);
    rmSync(gap, { recursive: true, force: true });
  });

  it('a fine crosses, is found through the signed query, paid with e-CNY, and shows 已缴款 in the police console', async () => {
    const p = police!;
    const i = internet!;
    const decisionNo = await fineOnHandheld(p);

    // Police console: the crossing is run now; the decision leaves on the violations channel.
    await login(policePage, p.baseUrl, 'supervisor01');
    await policePage.goto(`${p.baseUrl}/exchange/packages`);
    await crossNow(policePage, 'violations');

    // Internet console: the gap watcher applies the package once it is old enough (the page refreshes itself).
    await login(internetPage, i.baseUrl, 'supervisor01');
    await internetPage.goto(`${i.baseUrl}/exchange/packages`);
    await internetPage.getByTestId('exchange-direction').getByText('接收').click();
    await expect
      .poll(async () => (await internetPage.getByTestId('exchange-packages').textContent()) ?? '', { timeout: CROSSING_MS })
      .toContain('（violations）');

    // The partner finds it for its citizen with the plate and the last 6 of the 整车编码, masked, and orders it.
    const zcbm = ebikeRegistrations(20261204).registration({ plateNumber: PLATE }).vehicle.zcbm;
    signed = await partner(i);
    const found = await signed('/api/payments/violation-query', { hphm: PLATE, clsbdh: zcbm.slice(-6), openid: 'ssb-openid-e2e-0001' });
    expect(found.status, await found.clone().text()).toBe(200);
    expect(await found.json()).toMatchObject({ hphm: `${PLATE.slice(0, 3)}****${PLATE.slice(-1)}`, items: [{ jdsbh: decisionNo, fkjeFen: 5_000, jkbj: '0' }] });
    const ordered = await signed('/api/payments/orders', { decisionNo });
    expect(ordered.status, await ordered.clone().text()).toBe(200);
    const { order } = (await ordered.json()) as { order: { merchantOrderNo: string; amountFen: number } };
    expect(order.amountFen).toBe(5_000);

    // G13: the partner books tomorrow's e-bike registration for its citizen at 黄浦 (officer01's department); it leaves
    // with the payment below and the window lists it masked.
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    const booked = await signed('/api/appointments', {
      departmentCode: '310101000000',
      station: '黄浦交警支队非机动车登记点',
      day: tomorrow,
      slot: '09:00-10:00',
      zcbm,
      idNumber: party.idNumber,
      mobile: '13912345678',
      openid: 'ssb-openid-e2e-0001',
    });
    expect(booked.status, await booked.clone().text()).toBe(200);
    ({ bookingNo } = ((await booked.json()) as { booking: { bookingNo: string } }).booking);

    // The citizen confirms in the simulated wallet; the channel's signed notification marks the order paid.
    const paid = await fetch(`${i.baseUrl}/api/payments/ecny-simulator/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ merchantOrderNo: order.merchantOrderNo }),
    });
    expect(await paid.json()).toEqual({ code: 'SUCCESS', effect: 'paid' });

    // Internet console: the order is listed paid (缴款订单与对账), and the payment leaves now.
    await internetPage.goto(`${i.baseUrl}/payments/orders`);
    await expect.poll(async () => (await internetPage.locator('tr', { hasText: decisionNo }).textContent()) ?? '').toContain('已缴款');
    await manualScreenshot(internetPage, 'payments-orders.png');
    await internetPage.goto(`${i.baseUrl}/exchange/packages`);
    await internetPage.getByTestId('exchange-direction').getByText('发出').click();
    await crossNow(internetPage, 'payments');
    await manualScreenshot(internetPage, 'zones-internet-packages.png');

    // Police console: once the watcher has applied the package, 执法记录 shows the fine paid.
    await policePage.goto(`${p.baseUrl}/enforcement/records`);
    const row = policePage.locator('tr', { hasText: decisionNo });
    await expect
      .poll(async () => {
        await policePage.reload();
        await row.waitFor();
        return (await row.textContent()) ?? '';
      })
      .toContain('已缴款');
    await manualScreenshot(policePage, 'zones-police-paid.png');

    // The e-bike window (officer01) sees tomorrow's booking under 今日预约, the ID number masked.
    await logout(policePage);
    await login(policePage, p.baseUrl, 'officer01');
    await policePage.goto(`${p.baseUrl}/ebike/appointments?day=${tomorrow}`);
    const booking = policePage.getByTestId('appointments').locator('tr', { hasText: bookingNo });
    await expect
      .poll(async () => {
        await policePage.reload();
        await booking.waitFor();
        return (await booking.textContent()) ?? '';
      })
      .toContain('已预约');
    const text = (await booking.textContent()) ?? '';
    expect(text).toContain(`${party.idNumber[0]}${'*'.repeat(16)}${party.idNumber[17]}`);
    expect(text).not.toContain(party.idNumber);
    await manualScreenshot(policePage, 'ebike-appointments.png');
  });

  it('G13: a citizen pre-registration crosses, is accepted and registered prefilled in the police console, 已登记 crosses back; G9: the reminder state in the internet console', async () => {
    const p = police!;
    const i = internet!;
    // The window's pool gets a number (the first story used its one).
    const officer = await apiSession(p, 'officer01');
    const departmentId = officer.me.department.id;
    const next = Number(PLATE.slice(2)) + 1;
    await post(p, await apiSession(p, 'supervisor01'), '/api/ebike/plates/batches', {
      plateKind: 'P',
      departmentId,
      prefix: PLATE.slice(0, 2),
      from: next,
      count: 1,
    });

    // The partner files its citizen's pre-registration; the internet console sends it now.
    const owner = { idNumber: syntheticIdNumber(rng, '310101', '1991-07-07', 'M'), name: syntheticName(rng), mobile: '13912340002' };
    const filed = await signed('/api/preregistrations', {
      departmentCode: '310101000000',
      station: '黄浦交警支队非机动车登记点',
      ...owner,
      zcbm: '623456789012345',
      brand: '雅迪',
      model: 'TDT1234Z',
      invoiceNo: '25310000000055556666',
      openid: 'ssb-openid-e2e-0002',
    });
    expect(filed.status, await filed.clone().text()).toBe(200);
    const { preregNo } = ((await filed.json()) as { preregistration: { preregNo: string } }).preregistration;
    await internetPage.goto(`${i.baseUrl}/exchange/packages`);
    await internetPage.getByTestId('exchange-direction').getByText('发出').click();
    await crossNow(internetPage, 'registrations');

    // Police console (officer01): 网上预登记 lists it once applied; 受理 offers 注册登记, prefilled from it.
    await policePage.goto(`${p.baseUrl}/ebike/preregistrations`);
    const row = policePage.getByTestId('preregistrations').locator('tr', { hasText: preregNo });
    await expect
      .poll(
        async () => {
          await policePage.reload();
          await policePage.getByTestId('preregistrations').waitFor();
          return row.count();
        },
        { timeout: CROSSING_MS },
      )
      .toBe(1);
    expect(await row.textContent()).not.toContain(owner.idNumber);
    await row.getByRole('button', { name: '受理' }).click();
    await policePage.getByTestId('prereg-register-now').click();
    await policePage.waitForURL(`**/ebike/register?prereg=${preregNo}`);
    await expect.poll(() => policePage.getByTestId('owner-id-number').inputValue()).toBe(owner.idNumber);
    expect(await policePage.getByTestId('owner-name').inputValue()).toBe(owner.name);
    expect(await policePage.getByTestId('vehicle-zcbm').inputValue()).toBe('623456789012345');
    expect(await policePage.getByTestId('vehicle-origin-proof').inputValue()).toBe('25310000000055556666');
    // The window completes the items it checks on the vehicle and the papers.
    const pick = async (testId: string, label: string) => {
      await policePage.getByTestId(testId).click();
      await policePage
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: new RegExp(`^${label}$`) })
        .click();
    };
    await policePage.getByTestId('vehicle-motor-no').fill('NB24050000623');
    await pick('vehicle-colours', '白');
    await policePage.keyboard.press('Escape');
    await policePage.getByTestId('vehicle-ccc').fill('2024011100000001');
    await policePage.getByTestId('vehicle-purchase-date').click();
    await policePage.keyboard.type('2026-11-01');
    await policePage.keyboard.press('Enter');
    await pick('vehicle-battery-type', '锂离子电池');
    await policePage.getByTestId('vehicle-battery-voltage').fill('48');
    await pick('owner-district', '黄浦区');
    await policePage.getByTestId('owner-address').fill('上海市黄浦区测试路 8 号');
    await policePage.getByTestId('register-submit').click();
    const done = policePage.getByText(`网上预登记 ${preregNo} 已登记`);
    await done.waitFor();
    const lsh = /流水号 (\S+)；/.exec((await done.textContent()) ?? '')?.[1];
    expect(lsh).toBeTruthy();
    await policePage.waitForURL('**/ebike/vehicles/*');

    // The supervisor sends the status now; the citizen's partner reads 已登记 with the 流水号 once it is applied.
    await logout(policePage);
    await login(policePage, p.baseUrl, 'supervisor01');
    await policePage.goto(`${p.baseUrl}/exchange/packages`);
    await crossNow(policePage, 'registration-status');
    await expect
      .poll(
        async () => {
          const res = await signed.get(`/api/preregistrations/${preregNo}?openid=ssb-openid-e2e-0002`);
          return ((await res.json()) as { preregistration?: object }).preregistration;
        },
        { timeout: CROSSING_MS },
      )
      .toMatchObject({ status: 'registered', lsh });

    // G9: no quiet hours for the story (sysadmin); the back office (citizen01) sends tomorrow's reminders now and
    // 预约列表 shows the first story's booking 已发送.
    const sys = await apiSession(i, 'sysadmin');
    for (const key of ['payments.sms.quietStartHour', 'payments.sms.quietEndHour']) {
      const res = await fetch(`${i.baseUrl}/api/system/params/${key}`, {
        method: 'PUT',
        headers: { ...sys.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ value: 0 }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
    }
    await logout(internetPage);
    await login(internetPage, i.baseUrl, 'citizen01');
    await internetPage.goto(`${i.baseUrl}/appointments/bookings`);
    const booking = internetPage.getByTestId('bookings').locator('tr', { hasText: bookingNo });
    await booking.waitFor();
    expect(await booking.textContent()).toContain('未到提醒时间');
    await internetPage.getByTestId('bookings-remind-now').click();
    await expect
      .poll(
        async () => {
          await internetPage.reload();
          await booking.waitFor();
          return (await booking.textContent()) ?? '';
        },
        { timeout: CROSSING_MS },
      )
      .toContain('已发送');
    await manualScreenshot(internetPage, 'appointments-bookings.png');
  });

  it('G4: a seeded service reviewed and registered in the internet console by the built-in reviewer role reaches the 一网通办 hub', async () => {
    const i = internet!;
    await logout(internetPage);
    await login(internetPage, i.baseUrl, 'webreview01');
    await internetPage.goto(`${i.baseUrl}/publishing/hub`);
    // The zone's first start filed its services as drafts; the reviewer corrects the address and registers one.
    await internetPage.getByTestId('hub-service-edit-SHJJ-WF-JK').click();
    await internetPage.getByTestId('hub-service-url').fill('https://jj.example.gov.cn/pay');
    await internetPage.getByTestId('hub-service-save').click();
    await internetPage.getByText('已保存第 1 版，正在推送一网通办').waitFor();
    // The push job sends it to the (simulated) hub; the catalogue then shows the version the hub accepted.
    await expect
      .poll(async () => {
        await internetPage.reload();
        // The registration's row (a payment's 办件 status names the service code too).
        const row = internetPage.getByTestId('hub-pushes').locator('tbody tr', { hasText: 'SHJJ-WF-JK' }).filter({ hasText: '登记事项' });
        await row.waitFor();
        return (await row.textContent()) ?? '';
      })
      .toContain('已推送');
    const service = (await internetPage.getByTestId('hub-services').locator('tbody tr', { hasText: 'SHJJ-WF-JK' }).textContent()) ?? '';
    expect(service).toContain('第 1 版');
    expect(service).not.toContain('已接受：');
    await manualScreenshot(internetPage, 'publishing-hub.png');
  });
});
