import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sm3Hex } from '@shtp/gm';
import { ebikeRegistrations } from '@shtp/testkit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderInsuranceExchange } from '../../src/integrations/insurance-exchange/insurance-exchange.folder.ts';
import { InsuranceExchangeSimulator } from '../../src/integrations/insurance-exchange/insurance-exchange.simulator.ts';
import { createInsuranceExchangePort } from '../../src/integrations/insurance-exchange/insurance-exchange.ts';
import type { EbikeApi } from '../../src/modules/ebike/ebike.api.ts';
import { ExchangeService } from '../../src/modules/roadworks/exchange/exchange.service.ts';
import { exchangeJob } from '../../src/modules/roadworks/roadworks.jobs.ts';
import type { RoadworksPorts } from '../../src/modules/roadworks/roadworks.ports.ts';
import { systemActor } from '../../src/platform/audit/actor.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { rbacRepository } from '../../src/platform/rbac/rbac.repository.ts';
import { createTestApp, loginFresh, portsOf, type Session, type TestContext, type TestUser } from '../test-app.ts';

let ctx: TestContext;
let officer: Session;
let supervisor: TestUser;
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
const supervisorPrincipal = async () => (await rbacRepository.principal(ctx.platform.db, supervisor.id))!;
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

/** A register of `total` synthetic vehicles served in keyset pages, counting what was read. */
function syntheticRegister(total: number) {
  const reads = { pages: 0 };
  const api = {
    registrations: async (_window: unknown, afterId: number, limit: number) => {
      reads.pages += 1;
      const out = [];
      for (let id = afterId + 1; id <= Math.min(total, afterId + limit); id++) {
        out.push({
          id,
          plate: null,
          plateKind: 'P',
          zcbm: `Z${String(id).padStart(9, '0')}`,
          brand: '雅迪',
          model: 'TDR',
          colours: '白',
          districtCode: '310104',
          registeredAt: '2026-12-01T08:00:00',
        });
      }
      return out;
    },
  } as unknown as EbikeApi;
  return { api: () => api, reads };
}
const windowOfYesterday = () => ({ from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date().toISOString() });

describe('the streamed response file (R3)', () => {
  it('breaks mid-file after the first page; after a restart the whole file is sent once, no record twice, count and SM3 checked', async () => {
    const simulator = new InsuranceExchangeSimulator();
    const register = syntheticRegister(12_345);
    simulator.drop({ name: 'REQ-BIG', requestId: 'RB', ...windowOfYesterday() });
    simulator.failNext(1, 'mid-file');
    expect(await new ExchangeService(ctx.platform, simulator, register.api, 1000).run(systemActor('test'))).toEqual({ sent: 0, failed: 1 });
    // The association holds one page of a broken file, no manifest and no marker.
    expect(linesOf(simulator.files.get('REQ-BIG')!.data)).toHaveLength(1000);
    expect(simulator.files.get('REQ-BIG')!.manifest).toBeUndefined();
    expect(simulator.markers.has('REQ-BIG')).toBe(false);
    // Nothing more was read than what was written: the file is produced page by page, not gathered first.
    expect(register.reads.pages).toBe(1);

    // A new service instance stands for a restarted process: the request's state is in the database.
    expect(await new ExchangeService(ctx.platform, simulator, register.api, 1000).run(systemActor('test'))).toEqual({ sent: 1, failed: 0 });
    const file = simulator.files.get('REQ-BIG')!;
    const ids = linesOf(file.data).map((r) => r.zcbm);
    expect(ids).toHaveLength(12_345);
    expect(new Set(ids).size).toBe(12_345);
    expect(file.manifest).toMatchObject({ requestId: 'RB', count: 12_345, sm3: sm3Hex(file.data) });
    expect(simulator.markers.get('REQ-BIG')).toEqual({ marker: 'ok' });
    expect(simulator.writes.get('REQ-BIG')).toBe(2);
  });

  it('is answered by one process at a time: of two running at once, one sends, the other leaves it; an expired lease is taken', async () => {
    const simulator = new InsuranceExchangeSimulator();
    const register = syntheticRegister(30);
    // The register's first page waits until both processes have looked at the request.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const gated = {
      registrations: async (...args: Parameters<EbikeApi['registrations']>) => {
        await gate;
        return register.api().registrations(...args);
      },
    } as unknown as EbikeApi;
    simulator.drop({ name: 'REQ-LEASE', requestId: 'RL', ...windowOfYesterday() });
    const [first, second] = [new ExchangeService(ctx.platform, simulator, () => gated, 10), new ExchangeService(ctx.platform, simulator, () => gated, 10)];
    const running = Promise.all([first.run(systemActor('process 1')), second.run(systemActor('process 2'))]);
    await expect.poll(() => simulator.writes.get('REQ-LEASE') ?? 0).toBe(1);
    open();
    const results = await running;
    expect(results.map((r) => r.sent).sort()).toEqual([0, 1]);
    expect(results.every((r) => r.failed === 0)).toBe(true);
    expect(simulator.writes.get('REQ-LEASE')).toBe(1);
    expect(linesOf(simulator.files.get('REQ-LEASE')!.data)).toHaveLength(30);
    const [row] = await queryRows<{ status: string; leaseOwner: string | null; attempts: number }>(
      ctx.platform.db,
      sql`select status, lease_owner as "leaseOwner", attempts from rw_exchange_requests where name = 'REQ-LEASE'`,
    );
    expect(row).toEqual({ status: 'sent', leaseOwner: null, attempts: 1 });

    // A process that died mid-file holds its lease until it runs out; then the request is answered again.
    simulator.drop({ name: 'REQ-DEAD', requestId: 'RD', ...windowOfYesterday() });
    await ctx.platform.db.execute(
      sql`insert into rw_exchange_requests (name, request_id, window_from, window_to, lease_owner, lease_until)
          values ('REQ-DEAD', 'RD', now() - interval '1 day', now(), 'dead-process', now() + interval '5 minutes')`,
    );
    const third = new ExchangeService(ctx.platform, simulator, register.api, 10);
    expect(await third.run(systemActor('process 3'))).toEqual({ sent: 0, failed: 0 });
    await ctx.platform.db.execute(sql`update rw_exchange_requests set lease_until = now() - interval '1 second' where name = 'REQ-DEAD'`);
    expect(await third.run(systemActor('process 3'))).toEqual({ sent: 1, failed: 0 });
    expect(simulator.markers.get('REQ-DEAD')).toEqual({ marker: 'ok' });
  });

  it('does not send again a response whose ok marker is there when our record of it was lost (crash after the marker)', async () => {
    const simulator = new InsuranceExchangeSimulator();
    const register = syntheticRegister(7);
    simulator.drop({ name: 'REQ-CRASH', requestId: 'RC', ...windowOfYesterday() });
    const service = new ExchangeService(ctx.platform, simulator, register.api, 5);
    simulator.failNext(1, 'mid-file');
    expect(await service.run(systemActor('test'))).toEqual({ sent: 0, failed: 1 });
    // Stand-in for an attempt that wrote the file, manifest and marker, then died before recording it.
    const body = Buffer.from('{"id":1}\n{"id":2}\n');
    const manifest = { requestId: 'RC', count: 2, sm3: sm3Hex(body), producedAt: new Date().toISOString() };
    await simulator.sendResponse(
      'REQ-CRASH',
      (async function* () {
        yield body;
      })(),
      () => manifest,
    );
    expect(simulator.writes.get('REQ-CRASH')).toBe(2);

    expect(await service.run(systemActor('test'))).toEqual({ sent: 1, failed: 0 });
    expect(simulator.writes.get('REQ-CRASH')).toBe(2);
    const day = await service.day(await supervisorPrincipal(), today());
    expect(day.items.find((i) => i.name === 'REQ-CRASH')).toMatchObject({ status: 'sent', recordCount: 2, sm3: manifest.sm3 });
  });

  it('streams the data file to the exchange folder under a temporary name, then manifest, then the ok marker', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rw-exchange-'));
    try {
      const folder = new FolderInsuranceExchange(dir);
      await writeFile(path.join(dir, 'REQ-F.req.json'), JSON.stringify({ requestId: 'RF', ...windowOfYesterday() }));
      expect((await folder.pendingRequests()).map((r) => r.name)).toEqual(['REQ-F']);
      expect(await folder.answered('REQ-F')).toBeNull();
      const register = syntheticRegister(2_500);
      expect(await new ExchangeService(ctx.platform, folder, register.api, 1000).run(systemActor('test'))).toEqual({ sent: 1, failed: 0 });
      const data = await readFile(path.join(dir, 'REQ-F.dat'));
      expect(linesOf(data)).toHaveLength(2_500);
      expect(await folder.answered('REQ-F')).toMatchObject({ requestId: 'RF', count: 2_500, sm3: sm3Hex(data) });
      expect((await readdir(dir)).sort()).toEqual(['REQ-F.dat', 'REQ-F.manifest.json', 'REQ-F.ok', 'REQ-F.req.json']);
      expect(await folder.pendingRequests()).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('in production without INSURANCE_EXCHANGE_DIR: the view opens and says so, a resend is refused in Chinese', async () => {
    const connection = createInsuranceExchangePort({}, { env: 'production' });
    expect(connection.simulator).toBeUndefined();
    expect(connection.port.configured).toBe(false);
    await expect(connection.port.pendingRequests()).rejects.toThrow('未配置保险行业协会交换目录（INSURANCE_EXCHANGE_DIR）');
    const service = new ExchangeService(ctx.platform, connection.port, syntheticRegister(0).api);
    const day = await service.day(await supervisorPrincipal(), today());
    expect(day.configured).toBe(false);
    const failed = day.items.find((i) => i.status === 'failed');
    if (failed) expect(failed.actions.resend).toMatchObject({ allowed: false, reason: expect.stringContaining('INSURANCE_EXCHANGE_DIR') });
    await expect(service.resend(await supervisorPrincipal(), systemActor('test'), day.items[0]!.id)).rejects.toMatchObject({
      status: 503,
      code: 'EXCHANGE_UNCONFIGURED',
    });
  });
});
