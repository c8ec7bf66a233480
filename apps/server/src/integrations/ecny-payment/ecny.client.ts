import { sm2Verify } from '@shtp/gm';
import { z } from 'zod';
import { postJson } from '../json-post.ts';
import { EcnyError, type EcnyOrder, type EcnyOrderRequest, type EcnyPaymentPort, type EcnyPaymentResult, type EcnyStatementLine } from './ecny.port.ts';

/** Paths of the channel's interface — assumptions [A] until the specification is provided (DOMAIN.md open point 7). */
export const ECNY_PATHS = { order: 'orders', query: 'orders/query', refund: 'refunds', statement: 'statements' } as const;

const Result = z.object({
  merchantOrderNo: z.string(),
  channelOrderNo: z.string(),
  status: z.enum(['WAITING', 'SUCCESS', 'CLOSED', 'REFUNDED']),
  amountFen: z.number().int(),
  paidAt: z.string().nullable(),
});
const Order = z.object({ channelOrderNo: z.string().min(1), payUrl: z.string().min(1) });
const Refund = z.object({ status: z.literal('REFUNDED') });
const Statement = z.object({
  lines: z.array(
    z.object({
      merchantOrderNo: z.string(),
      channelOrderNo: z.string(),
      amountFen: z.number().int(),
      kind: z.enum(['PAY', 'REFUND']),
      refundNo: z.string().optional(),
    }),
  ),
});
const TIMEOUT_MS = 10_000;

/** The verified notification body, or null: the channel's SM2 signature (hex) over the exact body is the credential. */
export function verifiedNotification(body: string, signatureHex: string, channelPublicKey: string): EcnyPaymentResult | null {
  if (!/^[0-9a-f]+$/.test(signatureHex) || !sm2Verify(body, Buffer.from(signatureHex, 'hex'), channelPublicKey)) return null;
  try {
    const parsed = Result.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The real client of the public payment platform's e-CNY channel: HTTP JSON, answers checked by schema; a failure of
 * transport or an answer that is not a well-formed 200 is `UNAVAILABLE` (retryable), never a made-up result.
 */
export class HttpEcnyClient implements EcnyPaymentPort {
  constructor(
    readonly target: string,
    private readonly channelPublicKey: string,
  ) {}

  private async call<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.infer<S>> {
    const answer = await postJson('数字人民币支付渠道', new URL(path, this.target), body, schema, TIMEOUT_MS);
    if (!answer.ok) throw new EcnyError('UNAVAILABLE', answer.reason, true);
    return answer.data;
  }

  createOrder(request: EcnyOrderRequest): Promise<EcnyOrder> {
    return this.call(ECNY_PATHS.order, request, Order);
  }

  query(merchantOrderNo: string): Promise<EcnyPaymentResult> {
    return this.call(ECNY_PATHS.query, { merchantOrderNo }, Result);
  }

  refund(merchantOrderNo: string, refundNo: string, amountFen: number): Promise<{ status: 'REFUNDED' }> {
    return this.call(ECNY_PATHS.refund, { merchantOrderNo, refundNo, amountFen }, Refund);
  }

  async statement(day: string): Promise<EcnyStatementLine[]> {
    return (await this.call(ECNY_PATHS.statement, { day }, Statement)).lines;
  }

  verifyNotification(body: string, signatureHex: string): EcnyPaymentResult | null {
    return verifiedNotification(body, signatureHex, this.channelPublicKey);
  }
}
