import { randomUUID } from 'node:crypto';
import { sm2GenerateKeyPair, sm2Sign } from '@shtp/gm';
import { z } from 'zod';
import { verifiedNotification } from './ecny.client.ts';
import { EcnyError, type EcnyOrder, type EcnyOrderRequest, type EcnyPaymentPort, type EcnyPaymentResult, type EcnyStatementLine } from './ecny.port.ts';

const OrderNo = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);
const Request = z.strictObject({ merchantOrderNo: OrderNo, decisionNo: z.string().min(1).max(64), amountFen: z.number().int().min(1).max(100_000_000) });

interface SimOrder extends EcnyPaymentResult {
  decisionNo: string;
  refundedFen: number;
}

/**
 * The e-CNY channel in process (no spec of the real interface is available: DOMAIN.md open point 7). It validates
 * like the channel (order number shape, amount range, one order per number, refunds within the paid amount), signs its
 * notifications with its own SM2 key, and keeps a statement per day. `pay()` is the payer confirming in the wallet.
 */
export class EcnySimulator implements EcnyPaymentPort {
  private readonly keys = sm2GenerateKeyPair();
  private readonly orders = new Map<string, SimOrder>();
  private readonly lines: (EcnyStatementLine & { day: string })[] = [];

  async createOrder(request: EcnyOrderRequest): Promise<EcnyOrder> {
    const r = Request.safeParse(request);
    if (!r.success) throw new EcnyError('INVALID_REQUEST', `下单参数无效：${r.error.issues[0]?.path.join('.')}`);
    if (this.orders.has(request.merchantOrderNo)) throw new EcnyError('ORDER_EXISTS', '商户订单号已存在');
    const channelOrderNo = `ECNY${randomUUID().replaceAll('-', '').slice(0, 20).toUpperCase()}`;
    this.orders.set(request.merchantOrderNo, { ...request, channelOrderNo, status: 'WAITING', paidAt: null, refundedFen: 0 });
    return { channelOrderNo, payUrl: `https://ecny.example.invalid/pay/${channelOrderNo}` };
  }

  async query(merchantOrderNo: string): Promise<EcnyPaymentResult> {
    const o = this.orders.get(merchantOrderNo);
    if (!o) throw new EcnyError('ORDER_NOT_FOUND', '订单不存在');
    return this.resultOf(o);
  }

  async refund(merchantOrderNo: string, refundNo: string, amountFen: number): Promise<{ status: 'REFUNDED' }> {
    const o = this.orders.get(merchantOrderNo);
    if (!o) throw new EcnyError('ORDER_NOT_FOUND', '订单不存在');
    if (o.status !== 'SUCCESS' || amountFen + o.refundedFen > o.amountFen) throw new EcnyError('REFUND_EXCEEDS', '退款金额超过可退金额');
    o.refundedFen += amountFen;
    if (o.refundedFen === o.amountFen) o.status = 'REFUNDED';
    this.lines.push({ day: today(), merchantOrderNo, channelOrderNo: o.channelOrderNo, amountFen, kind: 'REFUND', refundNo });
    return { status: 'REFUNDED' };
  }

  async statement(day: string): Promise<EcnyStatementLine[]> {
    return this.lines.filter((l) => l.day === day).map(({ day: _d, ...line }) => line);
  }

  /** Verified like the real client does it, with the simulator's key as the channel's. */
  verifyNotification(body: string, signatureHex: string): EcnyPaymentResult | null {
    return verifiedNotification(body, signatureHex, this.keys.publicKey);
  }

  /** The payer pays in the wallet: the channel's signed asynchronous notification (to be posted to our notify route). */
  pay(merchantOrderNo: string): { body: string; signature: string } {
    const o = this.orders.get(merchantOrderNo);
    if (!o) throw new EcnyError('ORDER_NOT_FOUND', '订单不存在');
    if (o.status === 'WAITING') {
      o.status = 'SUCCESS';
      o.paidAt = new Date().toISOString();
      this.lines.push({ day: today(), merchantOrderNo, channelOrderNo: o.channelOrderNo, amountFen: o.amountFen, kind: 'PAY' });
    }
    const body = JSON.stringify(this.resultOf(o));
    return { body, signature: sm2Sign(body, this.keys.privateKey).toString('hex') };
  }

  private resultOf(o: SimOrder): EcnyPaymentResult {
    return { merchantOrderNo: o.merchantOrderNo, channelOrderNo: o.channelOrderNo, status: o.status, amountFen: o.amountFen, paidAt: o.paidAt };
  }
}

/** The statement day, in Shanghai time. */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
