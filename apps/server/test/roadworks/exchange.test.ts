import { sm3Hex } from '@shtp/gm';
import { ebikeRegistrations } from '@shtp/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeJob } from '../../src/modules/roadworks/roadworks.jobs.ts';
import type { RoadworksPorts } from '../../src/modules/roadworks/roadworks.ports.ts';
import { createTestApp, loginFresh, portsOf, type Session, type TestContext } from '../test-app.ts';

let ctx: TestContext;
let officer: Session;
let supervisor: Session;
const { registration } = ebikeRegistrations(20261202);
const exchange = () => portsOf<RoadworksPorts>(ctx, 'roadworks').insurance!.simulator!;
const call = (s: Session, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  ctx.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
let runs = 0;
const runExchange = async () => {
  runs += 1;
  await ctx.platform.jobs.enqueue(ctx.platform.db, exchangeJob, {}, { idempotencyKey: `test-run-${runs}` });
  await ctx.platform.jobs.drain();
};
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const linesOf = (data: Buffer) =>
  data
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { zcbm: string; plate: string });

let window: { from: string; to: string };
const zcbms: string[] = [];

beforeAll(async () => {
  ctx = await createTestApp();
  officer = await loginFresh(ctx, 'officer01');
  supervisor = await loginFresh(ctx, 'supervisor01');
  const me = (await call(officer, 'GET', '/api/auth/me')).json();
  for (const plateKind of ['P', 'K']) {
    const batch = { plateKind, departmentId: me.user?.departmentId ?? me.department?.id, prefix: plateKind === 'P' ? '沪A' : '沪K', from: 1, count: 10 };
    expect((await call(supervisor, 'POST', '/api/ebike/plates/batches', batch)).statusCode).toBe(200);
  }
  const from = new Date(Date.now() - 60_000).toISOString();
  for (let i = 0; i < 3; i++) {
    const res = await call(officer, 'POST', '/api/ebike/vehicles', registration());
    expect(res.statusCode, res.body).toBe(200);
    zcbms.push(res.json().vehicle.zcbm);
  }
  window = { from, to: new Date(Date.now() + 60_000).toISOString() };
});
afterAll(() => ctx?.close());

describe('insurance-association exchange (R3)', () => {
  it('answers a request with the window’s registrations, a manifest with count and SM3, and the ok marker', async () => {
    exchange().drop({ name: 'REQ-0001', requestId: 'R1', ...window });
    await runExchange();
    expect(exchange().markers.get('REQ-0001')).toEqual({ marker: 'ok' });
    const file = exchange().files.get('REQ-0001')!;
    const records = linesOf(file.data);
    expect(records.map((r) => r.zcbm).sort()).toEqual([...zcbms].sort());
    expect(file.manifest).toMatchObject({ requestId: 'R1', count: 3, sm3: sm3Hex(file.data) });
    expect(JSON.stringify(records)).not.toMatch(/owner|idNumber|phone/i);
  });

  it('resends a file that failed mid-way: the same records once, and the day’s reconciliation shows it', async () => {
    exchange().drop({ name: 'REQ-0002', requestId: 'R2', ...window });
    exchange().failNext(1, 'mid-file');
    await runExchange();
    expect(exchange().markers.has('REQ-0002')).toBe(false);
    let day = (await call(supervisor, 'GET', `/api/roadworks/exchange?date=${today()}`)).json();
    const failed = day.items.find((i: { name: string }) => i.name === 'REQ-0002');
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, actions: { resend: { allowed: true } } });
    expect(failed.error).toContain('连接中断');

    const resend = await call(supervisor, 'POST', `/api/roadworks/exchange/${failed.id}/resend`);
    expect(resend.statusCode).toBe(204);
    await ctx.platform.jobs.drain();
    expect(exchange().markers.get('REQ-0002')).toEqual({ marker: 'ok' });
    expect(exchange().writes.get('REQ-0002')).toBe(2);
    const zcbmsSent = linesOf(exchange().files.get('REQ-0002')!.data).map((r) => r.zcbm);
    expect(new Set(zcbmsSent).size).toBe(zcbmsSent.length);
    expect(zcbmsSent.sort()).toEqual([...zcbms].sort());

    day = (await call(supervisor, 'GET', `/api/roadworks/exchange?date=${today()}`)).json();
    expect(day.counts).toMatchObject({ sent: 2, failed: 0 });
    expect(day.records).toBe(6);
    const sent = day.items.find((i: { name: string }) => i.name === 'REQ-0002');
    expect(sent.actions.resend).toEqual({ allowed: false, reason: '只有回传失败的请求可以重新交换' });
    expect((await call(supervisor, 'POST', `/api/roadworks/exchange/${sent.id}/resend`)).statusCode).toBe(409);
    // A later run does not answer an answered request again.
    await runExchange();
    expect(exchange().writes.get('REQ-0002')).toBe(2);
  });

  it('marks an unusable request err, and the officer without the grant sees no exchange', async () => {
    exchange().drop({ name: 'REQ-BAD', requestId: 'R3', from: window.to, to: window.from });
    await runExchange();
    expect(exchange().markers.get('REQ-BAD')?.marker).toBe('err');
    expect((await call(officer, 'GET', '/api/roadworks/exchange')).statusCode).toBe(403);
  });
});
