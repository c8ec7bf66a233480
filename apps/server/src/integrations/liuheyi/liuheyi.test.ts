import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config/config.ts';
import { HttpLiuheyiClient } from './liuheyi.client.ts';
import { type LiuheyiConfig, liuheyiConfig } from './liuheyi.config.ts';
import { LiuheyiRejectedError, LiuheyiUnavailableError } from './liuheyi.port.ts';
import { FaultPlan, type FaultState } from './liuheyi.sim-faults.ts';
import { type LiuheyiSimulator, SIMULATOR_KEY, type SimulatorStats, startLiuheyiSimulator } from './liuheyi.simulator.ts';
import { followUp, registration } from './liuheyi.test-fixtures.ts';
import { createLiuheyiPort } from './liuheyi.ts';
import { toWireRecord } from './liuheyi.xml.ts';

/** The short deadline of the timeout test; other calls get a roomy one (the machine may be busy). */
const CLIENT_TIMEOUT = 400;
const HOLD = 10_000;
let sim: LiuheyiSimulator;
let client: HttpLiuheyiClient;

beforeAll(async () => {
  sim = await startLiuheyiSimulator({ host: '127.0.0.1', port: 0, timeoutHoldMs: HOLD });
  client = new HttpLiuheyiClient({ url: sim.url, key: SIMULATOR_KEY, timeoutMs: 8_000 });
});
afterAll(() => sim.close());
afterEach(() => sim.faults.clear());

const copies = (lsh: string) => sim.received().filter((r) => r.lsh === lsh).length;
const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail('应当失败'),
    (err: unknown) => err as Error,
  );

describe('六合一 client ↔ simulator over HTTP', () => {
  it('acknowledges a write with its own ID, keeps the items exactly as sent and answers queries', async () => {
    const w = registration();
    const ack = await client.write(w);
    expect(ack).toMatchObject({ lsh: w.lsh, duplicate: false });
    expect(ack.remoteId).toMatch(/^LHY\d{12}$/);
    expect(Date.parse(ack.acceptedAt)).not.toBeNaN();
    const [record] = sim.received().filter((r) => r.lsh === w.lsh);
    expect(record).toMatchObject({ remoteId: ack.remoteId, kind: 'business' });
    expect(record!.fields).toEqual(toWireRecord(w));
    expect(await client.query(w.lsh)).toEqual({ ...ack, duplicate: true });
    expect(await client.query('2611290999999')).toBeNull();
    const other = await client.write(registration());
    expect(other.remoteId).not.toBe(ack.remoteId);
  });

  it('answers an identical resend with the original ID and duplicate=true, keeping one record', async () => {
    const w = registration();
    const first = await client.write(w);
    const again = await client.write(structuredClone(w));
    expect(again).toEqual({ ...first, duplicate: true });
    expect(copies(w.lsh)).toBe(1);
  });

  it('rejects the same 流水号 with different content', async () => {
    const w = registration();
    await client.write(w);
    const err = await failure(client.write({ ...w, items: { ...w.items, csys: 'E' } }));
    expect(err).toBeInstanceOf(LiuheyiRejectedError);
    expect(err).toMatchObject({ code: '401', reason: expect.stringContaining('内容与本次不同') });
    expect(sim.received().find((r) => r.lsh === w.lsh)!.fields.csys).toBe('AJ');
  });

  it('carries XML special characters in items unchanged', async () => {
    const w = registration();
    w.items.zsxxdz = `上海市黄浦区<南京东路>&"1'号 ]]> &amp; 2室`;
    w.items.clxh = '<![CDATA[x]]>';
    w.items.syrmc = '张&三';
    await client.write(w);
    const fields = sim.received().find((r) => r.lsh === w.lsh)!.fields;
    expect(fields.zsxxdz).toBe(w.items.zsxxdz);
    expect(fields.clxh).toBe(w.items.clxh);
    expect(fields.syrmc).toBe('张&三');
    // The resend digests the same text, so escaping is stable.
    expect((await client.write(w)).duplicate).toBe(true);
  });

  it('treats a wrong licence key or an unreachable service as unavailable, not as a rejection', async () => {
    const wrongKey = new HttpLiuheyiClient({ url: sim.url, key: 'WRONG' });
    const err = await failure(wrongKey.write(registration()));
    expect(err).toBeInstanceOf(LiuheyiUnavailableError);
    expect(err.message).toContain('代码 901');
    const dead = new HttpLiuheyiClient({ url: 'http://127.0.0.1:9', key: SIMULATOR_KEY });
    expect(await failure(dead.write(registration()))).toBeInstanceOf(LiuheyiUnavailableError);
  });
});

describe('六合一 simulator faults', () => {
  it('two 5xx answers are unavailable, then the write goes through exactly once', async () => {
    const w = registration();
    sim.faults.failNext(2, '5xx');
    for (let i = 0; i < 2; i++) {
      const err = await failure(client.write(w));
      expect(err).toBeInstanceOf(LiuheyiUnavailableError);
      expect(err.message).toContain('HTTP 503');
      expect(copies(w.lsh)).toBe(0);
    }
    expect((await client.write(w)).duplicate).toBe(false);
    expect(copies(w.lsh)).toBe(1);
  });

  it('a held answer is unavailable within the client timeout and records nothing', async () => {
    const w = registration();
    const impatient = new HttpLiuheyiClient({ url: sim.url, key: SIMULATOR_KEY, timeoutMs: CLIENT_TIMEOUT });
    await impatient.query(w.lsh); // warm the connection, so the deadline below measures the held answer only
    sim.faults.failNext(1, 'timeout');
    const t0 = Date.now();
    const err = await failure(impatient.write(w));
    const elapsed = Date.now() - t0;
    expect(err).toBeInstanceOf(LiuheyiUnavailableError);
    // The client's own deadline, not the held answer (that would be an HTTP 504 after HOLD): no upper bound on the
    // elapsed time, which a loaded machine can stretch.
    expect(err.message).toContain(`${CLIENT_TIMEOUT} 毫秒内未应答`);
    expect(elapsed).toBeGreaterThanOrEqual(CLIENT_TIMEOUT - 50);
    expect(copies(w.lsh)).toBe(0);
    expect((await client.write(w)).duplicate).toBe(false);
  });

  it('a malformed answer is unavailable and records nothing', async () => {
    const w = registration();
    sim.faults.failNext(1, 'malformed');
    const err = await failure(client.write(w));
    expect(err).toBeInstanceOf(LiuheyiUnavailableError);
    expect(err.message).toContain('无法解析');
    expect(copies(w.lsh)).toBe(0);
  });

  it('a lost acknowledgement: recorded once, the retry is answered duplicate=true', async () => {
    const w = registration();
    sim.faults.failNext(1, 'lost-ack');
    expect(await failure(client.write(w))).toBeInstanceOf(LiuheyiUnavailableError);
    expect(copies(w.lsh)).toBe(1);
    const retry = await client.write(w);
    expect(retry).toMatchObject({ duplicate: true, remoteId: sim.received().find((r) => r.lsh === w.lsh)!.remoteId });
    expect(copies(w.lsh)).toBe(1);
  });

  it('an injected rejection is final for that call and records nothing', async () => {
    const w = registration();
    sim.faults.failNext(1, 'reject');
    expect(await failure(client.write(w))).toMatchObject({ code: '299' });
    expect(copies(w.lsh)).toBe(0);
    expect((await client.write(w)).duplicate).toBe(false);
  });

  it('random rates are reproducible from the seed', () => {
    const run = (seed: number) => {
      const plan = new FaultPlan(seed);
      plan.setRates({ timeout: 0.2, error5xx: 0.3 });
      return Array.from({ length: 200 }, () => plan.next());
    };
    const a = run(7);
    expect(run(7)).toEqual(a);
    expect(run(8)).not.toEqual(a);
    const share = (k: string) => a.filter((f) => f === k).length / a.length;
    expect(share('timeout')).toBeGreaterThan(0.1);
    expect(share('timeout')).toBeLessThan(0.3);
    expect(share('5xx')).toBeGreaterThan(0.2);
    expect(share('5xx')).toBeLessThan(0.4);
    expect(new FaultPlan(7).next()).toBeNull();
  });

  it('admin routes inject faults, show masked records and count calls', async () => {
    const bad = await fetch(`${sim.url}/sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ failNext: { count: 1, kind: 'boom' } }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('故障类型');
    const set = await fetch(`${sim.url}/sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ failNext: { count: 1, kind: '5xx' } }),
    });
    expect(((await set.json()) as FaultState).pending).toEqual(['5xx']);
    const w = registration();
    expect(await failure(client.write(w))).toBeInstanceOf(LiuheyiUnavailableError);
    await client.write(w);
    const records = (await (await fetch(`${sim.url}/sim/records`)).json()) as { lsh: string; fields: Record<string, string> }[];
    const shown = records.find((r) => r.lsh === w.lsh)!;
    expect(shown.fields.zcbm).toBe(w.items.zcbm);
    expect(shown.fields.sfzmhm).toMatch(/^\d\*{16}[\dX]$/);
    expect(shown.fields.lxdh).toBe(`${w.items.lxdh.slice(0, 3)}****${w.items.lxdh.slice(7)}`);
    expect(JSON.stringify(records)).not.toContain(w.items.zsxxdz);
    const stats = (await (await fetch(`${sim.url}/sim/stats`)).json()) as SimulatorStats;
    expect(stats.calls['5xx']).toBeGreaterThanOrEqual(1);
    expect(stats.records).toBe(sim.received().length);
  });
});

describe('六合一 simulator state file', () => {
  it('keeps deduplication and the vehicle state across a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'liuheyi-'));
    const stateFile = path.join(dir, 'sim', 'state.json');
    try {
      let s = await startLiuheyiSimulator({ stateFile });
      const w = registration();
      const theft = followUp(w, { kind: 'status', zt: { flag: 'C', set: true } });
      const first = await new HttpLiuheyiClient({ url: s.url, key: SIMULATOR_KEY }).write(w);
      await new HttpLiuheyiClient({ url: s.url, key: SIMULATOR_KEY }).write(theft);
      await s.close();
      s = await startLiuheyiSimulator({ stateFile });
      const c = new HttpLiuheyiClient({ url: s.url, key: SIMULATOR_KEY });
      try {
        expect(await c.write(w)).toEqual({ ...first, duplicate: true });
        expect(await failure(c.write(followUp(w, { kind: 'business', ywlx: 'B', ywyy: 'BA' })))).toMatchObject({ code: '303' });
        const next = await c.write(registration());
        expect(Number(next.remoteId.slice(3))).toBe(Number(first.remoteId.slice(3)) + 2);
      } finally {
        await s.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('六合一 configuration and createLiuheyiPort', () => {
  const MASTER_KEY = '0123456789abcdef0123456789abcdef';

  const read = (env: Record<string, string>) => liuheyiConfig(env, loadConfig({ MASTER_KEY, ...env }));
  const settings = (c: LiuheyiConfig) => ({ url: c.url, key: c.key, timeoutMs: c.timeoutMs, simulator: c.simulator });

  it('starts the simulator outside production without LIUHEYI_URL, on PORT+10 by default', () => {
    expect(settings(read({ NODE_ENV: 'development' }))).toEqual({ url: undefined, key: undefined, timeoutMs: 10_000, simulator: { port: 8090 } });
    expect(read({ NODE_ENV: 'development', PORT: '9000', LIUHEYI_TIMEOUT_MS: '2500' })).toMatchObject({
      timeoutMs: 2500,
      simulator: { port: 9010 },
    });
    expect(read({ NODE_ENV: 'development', LIUHEYI_SIM_PORT: '7001' }).simulator).toEqual({ port: 7001 });
    expect(read({ NODE_ENV: 'test' }).simulator).toEqual({ port: 0 });
    expect(read({ NODE_ENV: 'development', LIUHEYI_SIMULATOR: 'false' }).simulator).toBeNull();
    const real = read({ NODE_ENV: 'production', LIUHEYI_URL: 'https://lhy.example:8443', LIUHEYI_KEY: 'K1' });
    expect(settings(real)).toEqual({ url: 'https://lhy.example:8443', key: 'K1', timeoutMs: 10_000, simulator: null });
  });

  it('refuses the simulator in production and a URL without its licence key, with Chinese messages', () => {
    expect(() => read({ NODE_ENV: 'production', LIUHEYI_SIMULATOR: 'true' })).toThrow(/生产环境不能启动六合一模拟器/);
    expect(() => read({ NODE_ENV: 'development', LIUHEYI_URL: 'http://lhy.example' })).toThrow(/LIUHEYI_KEY/);
    expect(() => read({ NODE_ENV: 'development', LIUHEYI_URL: 'ftp://lhy.example', LIUHEYI_KEY: 'K' })).toThrow(ConfigError);
    expect(() => read({ NODE_ENV: 'development', LIUHEYI_TIMEOUT_MS: '5' })).toThrow(/LIUHEYI_TIMEOUT_MS/);
  });

  it('wires the client to a started simulator, to the configured URL, or to an explicit unavailable port', async () => {
    const dev = await createLiuheyiPort({
      env: 'test',
      dataDir: tmpdir(),
      url: undefined,
      key: undefined,
      timeoutMs: 2_000,
      simulator: { port: 0 },
    });
    try {
      expect(dev.simulatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const w = registration();
      expect((await dev.port.write(w)).remoteId).toMatch(/^LHY/);
      expect(dev.simulator!.received().map((r) => r.lsh)).toEqual([w.lsh]);
    } finally {
      await dev.close();
    }
    const configured = await createLiuheyiPort({
      env: 'production',
      dataDir: tmpdir(),
      url: sim.url,
      key: SIMULATOR_KEY,
      timeoutMs: 2_000,
      simulator: null,
    });
    expect(configured.simulatorUrl).toBeUndefined();
    const w = registration();
    await configured.port.write(w);
    expect(copies(w.lsh)).toBe(1);
    const none = await createLiuheyiPort({
      env: 'production',
      dataDir: tmpdir(),
      url: undefined,
      key: undefined,
      timeoutMs: 2_000,
      simulator: null,
    });
    const err = await failure(none.port.write(registration()));
    expect(err).toBeInstanceOf(LiuheyiUnavailableError);
    expect(err.message).toContain('LIUHEYI_URL');
  });
});
