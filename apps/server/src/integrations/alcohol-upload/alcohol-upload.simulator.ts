import Fastify from 'fastify';
import { SimulatorFaults } from '../simulator-faults.ts';
import { ALCOHOL_UPLOAD_PATH } from './alcohol-upload.client.ts';
import { recordProblems, type UploadFormat } from './alcohol-upload.format.ts';

export interface AlcoholUploadSimulator {
  url: string;
  /** The records accepted, as received (standard field names). */
  readonly received: { type: string; record: Record<string, string> }[];
  failNext(count?: number): void;
  close(): Promise<void>;
}

/**
 * The drink-driving platform on a loopback port: checks each record against the format (400 with every problem, like
 * the real interface's field check), refuses a blood sample number another record already holds there (a business
 * check beyond the format: only a corrected record passes), deduplicates by record number (a resend gets the same
 * receipt) and numbers receipts.
 */
export async function startAlcoholUploadSimulator(format: UploadFormat): Promise<AlcoholUploadSimulator> {
  const received: AlcoholUploadSimulator['received'] = [];
  const receipts = new Map<string, string>();
  /** Blood sample number → the record number that holds it on the platform. */
  const samples = new Map<string, string>();
  const sampleField = format.fields.find((f) => f.from === 'sampleNo')?.name;
  const recordField = format.fields.find((f) => f.from === 'recordId')?.name ?? '';
  const faults = new SimulatorFaults();
  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.post(ALCOHOL_UPLOAD_PATH, async (request, reply) => {
    if (await faults.next()) return reply.code(503).send({ message: '上传接口暂不可用' });
    const body = (request.body ?? {}) as { format?: unknown; type?: unknown; record?: Record<string, string> };
    const problems = recordProblems(format, body);
    if (problems.length) return reply.code(400).send({ message: problems.join('；') });
    const record = body.record!;
    const sampleNo = sampleField && record[sampleField];
    const holder = sampleNo ? samples.get(sampleNo) : undefined;
    if (holder && holder !== record[recordField]) return reply.code(400).send({ message: `样本编号 ${sampleField} 已由另一条记录上传` });
    const key = `${body.type}:${record[recordField] ?? JSON.stringify(record)}`;
    let receiptNo = receipts.get(key);
    if (!receiptNo) {
      receiptNo = `SC${String(receipts.size + 1).padStart(10, '0')}`;
      receipts.set(key, receiptNo);
      if (sampleNo) samples.set(sampleNo, record[recordField]!);
      received.push({ type: String(body.type), record });
    }
    return { receiptNo };
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    received,
    failNext: (count = 1) => faults.inject('error', count),
    close: () => app.close(),
  };
}
