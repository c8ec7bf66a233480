import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type SimulatorFault, SimulatorFaults } from '../simulator-faults.ts';
import { VERIFY_PATH } from './tax-verify.client.ts';
import type { InvoiceOnFile, InvoiceStatus } from './tax-verify.port.ts';

export interface RegisteredInvoice extends InvoiceOnFile {
  status: InvoiceStatus;
}

/** The registry shipped with the simulator: the invoices of the synthetic fixtures (tools/recognition-fixtures). */
export function defaultRegistry(): RegisteredInvoice[] {
  const file = new URL('./simulator-registry.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { invoices: RegisteredInvoice[] }).invoices;
}

const Query = z.object({
  invoiceCode: z
    .string()
    .regex(/^\d{10}$|^\d{12}$/, '发票代码须为 10 或 12 位数字')
    .nullable(),
  invoiceNumber: z.string().regex(/^\d{8}$|^\d{20}$/, '发票号码须为 8 位或 20 位数字'),
  issueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '开票日期须为 YYYY-MM-DD'),
  amount: z.string().regex(/^\d+\.\d{2}$/, '金额须为两位小数'),
});

export type Fault = SimulatorFault;

export interface TaxVerifySimulator {
  url: string;
  app: FastifyInstance;
  /** Makes the next `count` verification requests fail: hang (until the client gives up) or answer 503. */
  injectFault(fault: Fault, count?: number): void;
  register(invoice: RegisteredInvoice): void;
  close(): Promise<void>;
}

/**
 * A stand-in for the tax bureau's verification service, as its own Fastify instance on a loopback port: validates
 * the query (400 with a Chinese message), looks the invoice up by code + number, answers 查无此票 / 查验要素不一致 /
 * the invoice with its status, and can be told to time out or fail. Started by `createTaxVerifyPort` outside
 * production when no TAX_VERIFY_URL is configured.
 */
export async function startTaxVerifySimulator(opts: { registry?: RegisteredInvoice[]; delayMs?: number; port?: number } = {}): Promise<TaxVerifySimulator> {
  const key = (code: string | null, number: string) => `${code ?? ''}|${number}`;
  const invoices = new Map((opts.registry ?? defaultRegistry()).map((i) => [key(i.invoiceCode, i.invoiceNumber), i]));
  const faults = new SimulatorFaults();
  const app = Fastify({ logger: false, forceCloseConnections: true });

  app.post(VERIFY_PATH, async (request, reply) => {
    const fault = await faults.next();
    if (fault === 'error') return reply.code(503).send({ message: '查验服务暂不可用' });
    if (fault === 'timeout') return reply.code(503).send({ message: '查验服务超时' });
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    const parsed = Query.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ message: parsed.error.issues.map((i) => i.message).join('；') });
    const q = parsed.data;
    const inv = invoices.get(key(q.invoiceCode, q.invoiceNumber));
    if (!inv) return { result: 'not-found' };
    if (inv.issueDate !== q.issueDate || Math.abs(Number(inv.netAmount) - Number(q.amount)) > 0.005) {
      return { result: 'mismatch', message: '查验要素不一致（开票日期或金额与税务机关记录不符）' };
    }
    const { status, ...invoice } = inv;
    return { result: 'found', status, invoice };
  });

  const address = await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  return {
    url: address,
    app,
    injectFault: (fault, count) => faults.inject(fault, count),
    register(invoice) {
      invoices.set(key(invoice.invoiceCode, invoice.invoiceNumber), invoice);
    },
    async close() {
      faults.releaseAll();
      await app.close();
    },
  };
}
