import { z } from 'zod';
import type { TaxVerifyAnswer, TaxVerifyPort, TaxVerifyQuery } from './tax-verify.port.ts';

/** The HTTP contract (the simulator speaks it; in production a gateway to the tax bureau's service does). */
export const VERIFY_PATH = '/api/invoices/verify';

const OnFile = z.object({
  invoiceCode: z.string().nullable(),
  invoiceNumber: z.string(),
  issueDate: z.string(),
  netAmount: z.string(),
  taxAmount: z.string(),
  totalAmount: z.string(),
  buyerName: z.string(),
  sellerName: z.string(),
  sellerTaxId: z.string(),
});

export const VerifyResponse = z.discriminatedUnion('result', [
  z.object({ result: z.literal('found'), status: z.enum(['正常', '作废', '红冲']), invoice: OnFile }),
  z.object({ result: z.literal('not-found') }),
  z.object({ result: z.literal('mismatch'), message: z.string() }),
]);

/** The real client: POST JSON with a deadline; anything but a well-formed 200 is `unavailable`, never a verdict. */
export class HttpTaxVerifyClient implements TaxVerifyPort {
  constructor(readonly target: string) {}

  async verify(query: TaxVerifyQuery, opts: { timeoutMs: number }): Promise<TaxVerifyAnswer> {
    let res: Response;
    try {
      res = await fetch(new URL(VERIFY_PATH, this.target), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(query),
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
    } catch (err) {
      const timeout = err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError');
      return { outcome: 'unavailable', reason: timeout ? `税务查验服务超时（${Math.round(opts.timeoutMs / 1000)} 秒）` : '税务查验服务无法连接' };
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      return { outcome: 'unavailable', reason: `税务查验服务返回错误（HTTP ${res.status}）` };
    }
    const parsed = VerifyResponse.safeParse(await res.json().catch(() => null));
    if (!parsed.success) return { outcome: 'unavailable', reason: '税务查验服务的应答格式无法识别' };
    const a = parsed.data;
    if (a.result === 'found') return { outcome: 'found', status: a.status, invoice: a.invoice };
    if (a.result === 'mismatch') return { outcome: 'mismatch', message: a.message };
    return { outcome: 'not-found' };
  }
}

/** Production without a configured service: an explicit `unavailable`, so invoice existence is never passed silently. */
export class UnconfiguredTaxVerify implements TaxVerifyPort {
  readonly target = '未配置（TAX_VERIFY_URL）';
  async verify(): Promise<TaxVerifyAnswer> {
    return { outcome: 'unavailable', reason: '未配置税务查验服务（环境变量 TAX_VERIFY_URL）' };
  }
}
