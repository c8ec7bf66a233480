import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import { z } from 'zod';
import { QUERY_PATH, WRITE_PATH } from './liuheyi.client.ts';
import { validateWrite } from './liuheyi.validation.ts';
import { answerXml, parseWrite } from './liuheyi.xml.ts';

export type FaultKind = 'timeout' | '5xx' | 'reject' | 'malformed' | 'lost-ack';

/** What the simulated 六合一 holds of a write. */
export interface LiuheyiRecord {
  lsh: string;
  remoteId: string;
  acceptedAt: string;
  digest: string;
  kind: string;
  ywlx: string;
  zcbm: string;
}

interface VehicleFlags {
  stolen: boolean;
  locked: boolean;
  cancelled: boolean;
}

export interface LiuheyiSimulator {
  url: string;
  licence: string;
  faults: {
    failNext(count: number, kind: FaultKind): void;
    setRates(r: { timeout?: number; error5xx?: number }): void;
    /** How long a 'timeout' fault holds the answer. */
    setHoldMs(ms: number): void;
    clear(): void;
  };
  received(): LiuheyiRecord[];
  /** Calls answered, by outcome, since start. */
  stats(): Record<string, number>;
  close(): Promise<void>;
}

const FaultBody = z.strictObject({
  failNext: z.strictObject({ count: z.number().int().min(1).max(100), kind: z.enum(['timeout', '5xx', 'reject', 'malformed', 'lost-ack']) }).optional(),
  rates: z.strictObject({ timeout: z.number().min(0).max(1).optional(), error5xx: z.number().min(0).max(1).optional() }).optional(),
  holdMs: z.number().int().min(0).max(120_000).optional(),
  clear: z.boolean().optional(),
});

/**
 * A stand-in for 六合一 that speaks the same protocol and behaves like it: validates items on its own,
 * answers with its own IDs, deduplicates by 流水号, keeps each vehicle's state to refuse business on a stolen,
 * locked or cancelled one, and fails on demand (timeouts, 5xx, rejections, unreadable answers, lost answers)
 * through `faults` or `POST /sim/faults`.
 */
export async function startLiuheyiSimulator(opts: { host?: string; port?: number; licence?: string; stateFile?: string } = {}): Promise<LiuheyiSimulator> {
  const licence = opts.licence ?? 'SIM-LICENCE';
  const records = new Map<string, LiuheyiRecord>();
  const vehicles = new Map<string, VehicleFlags>();
  const pending: FaultKind[] = [];
  const rates = { timeout: 0, error5xx: 0 };
  const counters: Record<string, number> = {};
  let holdMs = 15_000;
  let seq = 0;
  let seed = 12345;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const count = (k: string) => {
    counters[k] = (counters[k] ?? 0) + 1;
  };

  if (opts.stateFile && existsSync(opts.stateFile)) {
    const saved = JSON.parse(readFileSync(opts.stateFile, 'utf8')) as { records: LiuheyiRecord[]; vehicles: [string, VehicleFlags][]; seq: number };
    for (const r of saved.records) records.set(r.lsh, r);
    for (const [k, v] of saved.vehicles) vehicles.set(k, v);
    seq = saved.seq;
  }
  const save = () => {
    if (!opts.stateFile) return;
    mkdirSync(path.dirname(opts.stateFile), { recursive: true });
    writeFileSync(opts.stateFile, JSON.stringify({ records: [...records.values()], vehicles: [...vehicles.entries()], seq }));
  };

  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  const xml = (code: string, message: string, body: Record<string, string> = {}) => answerXml({ code, message, body });

  app.post(WRITE_PATH, async (request, reply) => {
    const fault = pending.shift() ?? (random() < rates.timeout ? 'timeout' : random() < rates.error5xx ? '5xx' : null);
    if (fault === 'timeout') {
      count('timeout');
      await new Promise((r) => setTimeout(r, holdMs));
      return reply.status(504).type('text/plain').send('gateway timeout');
    }
    if (fault === '5xx') {
      count('5xx');
      return reply.status(503).type('text/html').send('<html><body>Service Unavailable</body></html>');
    }
    if (fault === 'malformed') {
      count('malformed');
      return reply.type('text/xml').send('<root><head><co');
    }
    if (fault === 'reject') {
      count('rejected');
      return reply.type('text/xml').send(xml('E99', '六合一系统维护中，暂停受理（模拟退回）'));
    }
    const form = request.body as Record<string, string>;
    if (form.jkxlh !== licence) {
      count('rejected');
      return reply.type('text/xml').send(xml('E00', '接口序列号无效'));
    }
    const w = parseWrite(form.UTF8XmlDoc ?? '');
    if (!w) {
      count('rejected');
      return reply.type('text/xml').send(xml('E02', '写入文档格式错误'));
    }
    const digest = createHash('sha256').update(form.UTF8XmlDoc!).digest('hex');
    const seen = records.get(w.lsh!);
    if (seen) {
      count('duplicate');
      if (seen.digest !== digest) return reply.type('text/xml').send(xml('E15', `流水号${w.lsh}已受理，内容与本次不同`));
      return reply.type('text/xml').send(xml('1', '', { lsh: seen.lsh, remoteId: seen.remoteId, acceptedAt: seen.acceptedAt, duplicate: '1' }));
    }
    const invalid = validateWrite(w) ?? stateRefusal(w);
    if (invalid) {
      count('rejected');
      return reply.type('text/xml').send(xml(invalid.code, invalid.message));
    }
    applyState(w);
    seq += 1;
    const record = {
      lsh: w.lsh!,
      remoteId: `LHY${String(seq).padStart(12, '0')}`,
      acceptedAt: new Date().toISOString(),
      digest,
      kind: w.kind!,
      ywlx: w.ywlx ?? '',
      zcbm: w.zcbm!,
    };
    records.set(record.lsh, record);
    save();
    if (fault === 'lost-ack') {
      count('lost-ack');
      request.raw.socket.destroy();
      return reply;
    }
    count('accepted');
    return reply.type('text/xml').send(xml('1', '', { lsh: record.lsh, remoteId: record.remoteId, acceptedAt: record.acceptedAt, duplicate: '0' }));
  });

  app.post(QUERY_PATH, async (request, reply) => {
    const form = request.body as Record<string, string>;
    const lsh = /<lsh>(\d{13})<\/lsh>/.exec(form.UTF8XmlDoc ?? '')?.[1];
    const r = lsh ? records.get(lsh) : undefined;
    return reply.type('text/xml').send(r ? xml('1', '', { lsh: r.lsh, remoteId: r.remoteId, acceptedAt: r.acceptedAt }) : xml('E16', '无此流水号'));
  });

  app.post('/sim/faults', async (request, reply) => {
    const parsed = FaultBody.safeParse(request.body);
    if (!parsed.success) return reply.status(400).send({ message: parsed.error.issues.map((i) => i.message).join('；') });
    applyFaults(parsed.data);
    return { pending, rates, holdMs };
  });
  app.get('/sim/records', async () => [...records.values()]);
  app.get('/sim/stats', async () => ({ records: records.size, counters, pending, rates }));

  /** Business on a vehicle the far side knows to be stolen, locked or cancelled is refused (unknown = legacy data, accepted). */
  function stateRefusal(w: Record<string, string>) {
    const key = w.kind === 'correction' ? (records.get(w.correctsLsh!)?.zcbm ?? w.zcbm!) : w.zcbm!;
    if (w.kind === 'correction' && !records.has(w.correctsLsh!)) return { code: 'E17', message: `被更正的流水号${w.correctsLsh}不存在` };
    const v = vehicles.get(key);
    if (w.kind === 'business' && w.ywlx === 'A') return v && !v.cancelled ? { code: 'E10', message: `整车编码${w.zcbm}已登记` } : null;
    if (!v) return null;
    if (v.cancelled) return { code: 'E20', message: '车辆已注销' };
    if (w.kind === 'status') {
      const flag = w.ztbj === 'C' ? 'stolen' : 'locked';
      if ((w.ztcz === '1') === v[flag]) return { code: 'E21', message: w.ztcz === '1' ? '车辆已是该状态' : '车辆不是该状态，不能解除' };
      if (flag === 'stolen' && v.locked) return { code: 'E22', message: '车辆已锁定' };
      return null;
    }
    if (v.locked) return { code: 'E22', message: '车辆已锁定' };
    if (v.stolen && w.kind === 'business' && ['B', 'D', 'K'].includes(w.ywlx!)) return { code: 'E23', message: '车辆被盗抢，停止办理业务' };
    return null;
  }

  function applyState(w: Record<string, string>) {
    if (w.kind === 'correction') {
      const old = records.get(w.correctsLsh!)?.zcbm;
      if (old && old !== w.zcbm && vehicles.has(old)) {
        vehicles.set(w.zcbm!, vehicles.get(old)!);
        vehicles.delete(old);
      }
      return;
    }
    const v = vehicles.get(w.zcbm!) ?? { stolen: false, locked: false, cancelled: false };
    if (w.kind === 'business' && w.ywlx === 'A') Object.assign(v, { stolen: false, locked: false, cancelled: false });
    if (w.kind === 'business' && w.ywlx === 'G') v.cancelled = true;
    if (w.kind === 'status') v[w.ztbj === 'C' ? 'stolen' : 'locked'] = w.ztcz === '1';
    vehicles.set(w.zcbm!, v);
  }

  function applyFaults(f: z.infer<typeof FaultBody>) {
    if (f.clear) {
      pending.length = 0;
      rates.timeout = 0;
      rates.error5xx = 0;
    }
    if (f.failNext) for (let i = 0; i < f.failNext.count; i++) pending.push(f.failNext.kind);
    if (f.rates) Object.assign(rates, f.rates);
    if (f.holdMs !== undefined) holdMs = f.holdMs;
  }

  const address = await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
  return {
    url: address,
    licence,
    faults: {
      failNext: (n, kind) => applyFaults({ failNext: { count: n, kind } }),
      setRates: (r) => applyFaults({ rates: r }),
      setHoldMs: (ms) => applyFaults({ holdMs: ms }),
      clear: () => applyFaults({ clear: true }),
    },
    received: () => [...records.values()],
    stats: () => ({ ...counters }),
    close: () => app.close(),
  };
}
