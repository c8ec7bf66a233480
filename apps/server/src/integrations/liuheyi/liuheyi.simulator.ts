import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { maskAddress, maskCode, maskIdNumber, maskName, maskPhone } from '@shtp/core/masking';
import Fastify, { type FastifyReply } from 'fastify';
import { z } from 'zod';
import { JKID, KIND_OF_JKID, NOT_FOUND_CODE, PROTOCOL_ERRORS, SUCCESS_CODE } from './liuheyi.codes.ts';
import { platePatterns } from './liuheyi.sim-checks.ts';
import { FAULT_KINDS, type FaultKind, FaultPlan, type FaultState } from './liuheyi.sim-faults.ts';
import { type LedgerState, type LiuheyiRecord, SimulatorLedger } from './liuheyi.sim-ledger.ts';
import { answerDocument, parseQueryDocument, parseWriteDocument, readEnvelope, reconciliationBody, SERVICE_PATH } from './liuheyi.xml.ts';

export type { FaultKind } from './liuheyi.sim-faults.ts';
export type { LiuheyiRecord } from './liuheyi.sim-ledger.ts';

/** The licence key (jkxlh) the simulator accepts unless told otherwise. */
export const SIMULATOR_KEY = 'SIMULATOR-JKXLH';

export interface LiuheyiSimulatorOptions {
  host?: string;
  /** 0 (default) = any free port. */
  port?: number;
  /** Keeps the records in this JSON file across restarts, so deduplication survives them. */
  stateFile?: string;
  /** The jkxlh it accepts (default SIMULATOR_KEY). */
  key?: string;
  /** How long a timeout fault holds the answer (default 15 s; make it longer than the client's timeout). */
  timeoutHoldMs?: number;
  /** Seed of the random fault rates (default 1). */
  seed?: number;
  /**
   * The plate formats it accepts (whole-string regular expressions), read on each write: in the application, the
   * e-bike plate-pattern parameter. Default: the assumed Shanghai shape `沪` + letter + 6 letters/digits [A].
   */
  platePatterns?: () => readonly string[] | Promise<readonly string[]>;
}

export const DEFAULT_SIM_PLATE_PATTERNS = ['沪[A-Z][A-Z0-9]{6}'];

export interface SimulatorStats {
  records: number;
  vehicles: number;
  /** Write calls by outcome since start: accepted, duplicate, rejected, protocol-error and one per fault kind. */
  calls: Record<string, number>;
  faults: FaultState;
}

export interface LiuheyiSimulator {
  url: string;
  key: string;
  faults: {
    failNext(count: number, kind: FaultKind): void;
    setRates(r: { timeout?: number; error5xx?: number }): void;
    setHoldMs(ms: number): void;
    clear(): void;
  };
  /** Every write it holds, with the items exactly as received. */
  received(): LiuheyiRecord[];
  stats(): SimulatorStats;
  close(): Promise<void>;
}

const FaultsBody = z.strictObject({
  failNext: z
    .strictObject({ count: z.number().int().min(1).max(1000), kind: z.enum(FAULT_KINDS, { error: `故障类型须为 ${FAULT_KINDS.join('/')}` }) })
    .optional(),
  rates: z
    .strictObject({ timeout: z.number().min(0).max(1).optional(), error5xx: z.number().min(0).max(1).optional() })
    .refine((r) => (r.timeout ?? 0) + (r.error5xx ?? 0) <= 1, '超时与 5xx 的比例之和不能超过 1')
    .optional(),
  holdMs: z.number().int().min(0).max(600_000).optional(),
  seed: z.number().int().optional(),
  clear: z.boolean().optional(),
});

function loadState(file: string | undefined): LedgerState | undefined {
  if (!file || !existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LedgerState;
  } catch (err) {
    throw new Error(`六合一模拟器状态文件无法读取：${file}（${(err as Error).message}）`);
  }
}

/** Written to a temporary file and renamed, so a crash never leaves half a state file. */
function saveState(file: string, state: LedgerState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}

/** A record as the admin route shows it: personal items masked (the simulator may be watched from a browser). */
function masked(r: LiuheyiRecord): LiuheyiRecord {
  const f = r.fields;
  const sfzmhm = f.syrlx === '1' ? maskIdNumber(f.sfzmhm) : maskCode(f.sfzmhm);
  return { ...r, fields: { ...f, sfzmhm: sfzmhm ?? '', syrmc: maskName(f.syrmc) ?? '', lxdh: maskPhone(f.lxdh) ?? '', zsxxdz: maskAddress(f.zsxxdz) ?? '' } };
}

/**
 * A stand-in for 六合一 as its own Fastify instance, speaking the client's protocol (liuheyi.xml.ts): validates
 * the items on its own (liuheyi.validation.ts), answers with its own IDs, deduplicates by 流水号, keeps each
 * vehicle's state, and fails on demand. Faults apply to write calls; a faulted call records nothing, except
 * 'lost-ack' (recorded, then the connection is dropped before the answer). Admin routes: POST /sim/faults,
 * GET /sim/records, GET /sim/stats.
 */
export async function startLiuheyiSimulator(opts: LiuheyiSimulatorOptions = {}): Promise<LiuheyiSimulator> {
  const key = opts.key ?? SIMULATOR_KEY;
  const ledger = new SimulatorLedger(loadState(opts.stateFile));
  const faults = new FaultPlan(opts.seed ?? 1, opts.timeoutHoldMs ?? 15_000);
  const calls: Record<string, number> = {};
  const count = (k: string) => {
    calls[k] = (calls[k] ?? 0) + 1;
  };
  /** Answers held by timeout faults; released on close so that close does not wait for them. */
  const held = new Set<() => void>();
  const hold = (ms: number) =>
    new Promise<void>((resolve) => {
      const release = () => {
        clearTimeout(timer);
        held.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      held.add(release);
    });

  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  const answer = (reply: FastifyReply, code: string, message: string, body: Record<string, string> = {}) =>
    reply.type('text/xml; charset=utf-8').send(answerDocument({ code, message, body }));

  app.post(`${SERVICE_PATH}/writeObjectOut`, async (request, reply) => {
    const fault = faults.next();
    if (fault) count(fault);
    if (fault === 'timeout') {
      await hold(faults.holdMs);
      return reply.code(504).type('text/plain').send('Gateway Timeout');
    }
    if (fault === '5xx') return reply.code(503).type('text/html').send('<html><body><h1>503 Service Unavailable</h1></body></html>');
    if (fault === 'malformed') return reply.type('text/xml').send('<root><head><code>1</code><mess');
    if (fault === 'reject') return answer(reply, '299', '业务退回（模拟器故障注入）');

    const call = readEnvelope((request.body ?? {}) as Record<string, string>);
    const kind = KIND_OF_JKID[call.jkid];
    const fields = parseWriteDocument(call.xml);
    const protocolError = call.jkxlh !== key ? '901' : !kind ? '902' : !fields ? '903' : null;
    if (protocolError) {
      count('protocol-error');
      return answer(reply, protocolError, PROTOCOL_ERRORS[protocolError]);
    }
    const patterns = platePatterns((await opts.platePatterns?.()) ?? DEFAULT_SIM_PLATE_PATTERNS);
    const outcome = ledger.accept(kind!, fields!, { platePatterns: patterns });
    if (!outcome.ok) {
      count('rejected');
      return answer(reply, outcome.rejection.code, outcome.rejection.message);
    }
    if (outcome.duplicate) count('duplicate');
    else {
      count('accepted');
      if (opts.stateFile) saveState(opts.stateFile, ledger.state());
    }
    if (fault === 'lost-ack') {
      // Recorded, but the answer never arrives: the client sees a dropped connection.
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    const r = outcome.record;
    return answer(reply, SUCCESS_CODE, outcome.duplicate ? '重复提交，已按原流水号受理' : '写入成功', {
      lsh: r.lsh,
      remoteId: r.remoteId,
      acceptedAt: r.acceptedAt,
      duplicate: outcome.duplicate ? '1' : '0',
    });
  });

  app.post(`${SERVICE_PATH}/queryObjectOut`, async (request, reply) => {
    const call = readEnvelope((request.body ?? {}) as Record<string, string>);
    if (call.jkxlh !== key) return answer(reply, '901', PROTOCOL_ERRORS['901']);
    if (call.jkid !== JKID.query && call.jkid !== JKID.reconcile) return answer(reply, '902', PROTOCOL_ERRORS['902']);
    const q = parseQueryDocument(call.xml);
    if (call.jkid === JKID.reconcile) {
      if (!q?.rq || !/^\d{4}-\d{2}-\d{2}$/.test(q.rq)) return answer(reply, '903', PROTOCOL_ERRORS['903']);
      return answer(reply, SUCCESS_CODE, '对账查询成功', reconciliationBody(ledger.reconcile(q.rq)));
    }
    if (!q?.lsh) return answer(reply, '903', PROTOCOL_ERRORS['903']);
    if (!/^\d{13}$/.test(q.lsh)) return answer(reply, '208', '流水号格式错误：流水号应为 13 位数字');
    const r = ledger.find(q.lsh);
    if (!r) return answer(reply, NOT_FOUND_CODE, `无此流水号：${q.lsh}`);
    return answer(reply, SUCCESS_CODE, '查询成功', { lsh: r.lsh, remoteId: r.remoteId, acceptedAt: r.acceptedAt, duplicate: '1' });
  });

  const stats = (): SimulatorStats => ({ records: ledger.all().length, vehicles: ledger.vehicleCount, calls: { ...calls }, faults: faults.state() });

  app.post('/sim/faults', async (request, reply) => {
    const parsed = FaultsBody.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ message: parsed.error.issues.map((i) => i.message).join('；') });
    const f = parsed.data;
    if (f.clear) faults.clear();
    if (f.seed !== undefined) faults.reseed(f.seed);
    if (f.failNext) faults.failNext(f.failNext.count, f.failNext.kind);
    if (f.rates) faults.setRates(f.rates);
    if (f.holdMs !== undefined) faults.holdMs = f.holdMs;
    return faults.state();
  });
  app.get('/sim/records', async () => ledger.all().map(masked));
  app.get('/sim/stats', async () => stats());

  const url = await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
  return {
    url,
    key,
    faults: {
      failNext: (n, kind) => faults.failNext(n, kind),
      setRates: (r) => faults.setRates(r),
      setHoldMs: (ms) => {
        faults.holdMs = ms;
      },
      clear: () => faults.clear(),
    },
    received: () => ledger.all(),
    stats,
    async close() {
      for (const release of [...held]) release();
      await app.close();
    },
  };
}
