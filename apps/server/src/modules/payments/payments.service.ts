import { randomBytes } from 'node:crypto';
import { HUB_SERVICE_CODES, type HubCaseStatus } from '@shtp/core/publishing';
import type { EcnyPaymentPort } from '../../integrations/ecny-payment/ecny.port.ts';
import type { Actor } from '../../platform/audit/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, conflict } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { ExchangeApi } from '../exchange/exchange.api.ts';
import type { PublishingApi } from '../publishing/publishing.api.ts';
import { lateFeeFen } from './late-fee.policy.ts';
import { notificationEffect, orderRefusal, refundRefusal } from './payment.policy.ts';
import { NOTICE_PHONE_CONTEXT, type PaymentNotices } from './payment-notice.ts';
import { paymentsParams } from './payments.params.ts';
import { type PaymentRow, type ReconciliationRow, paymentsRepository as repo } from './payments.repository.ts';
import { type MidnightNeighbours, reconcile } from './reconcile.policy.ts';

export const shanghaiDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** G10: fine payment through the e-CNY channel; paid only on the channel's signed notification, which then crosses to the police zone. */
export class PaymentsService {
  constructor(
    private readonly platform: Platform,
    private readonly channel: EcnyPaymentPort,
    private readonly exchange: () => ExchangeApi,
    private readonly notices: PaymentNotices,
    private readonly hub: () => PublishingApi,
  ) {}

  async order(decisionNo: string, actor: Actor, noticeMobile?: string): Promise<{ order: PaymentRow; payUrl: string }> {
    const violation = (await this.exchange().received('violations', decisionNo)) as { fineFen?: number; dueDate?: string; paid?: boolean } | null;
    const refused = orderRefusal(violation, Boolean(await repo.paidFor(this.platform.db, decisionNo)));
    if (refused === 'DECISION_NOT_FOUND') throw new AppError(404, refused, '未找到该处罚决定书（或尚未从公安网同步）');
    if (refused) throw conflict(refused, '该处罚决定书已缴款');
    const fineFen = Number(violation?.fineFen ?? 0);
    const rate = await this.platform.params.get(paymentsParams.lateFeeRate);
    const lateFee = lateFeeFen(fineFen, String(violation?.dueDate ?? ''), shanghaiDay(new Date()), rate);
    const merchantOrderNo = `FK${shanghaiDay(new Date()).replaceAll('-', '')}${randomBytes(8).toString('hex').toUpperCase()}`;
    const noticePhoneEnc = noticeMobile ? await this.platform.fields.encrypt(noticeMobile, NOTICE_PHONE_CONTEXT) : null;
    const order = await this.platform.db.transaction(async (tx) => {
      const row = await repo.insert(tx, {
        merchantOrderNo,
        decisionNo,
        fineFen,
        lateFeeFen: lateFee,
        amountFen: fineFen + lateFee,
        state: 'created',
        noticePhoneEnc,
      });
      await audit(tx, actor, { action: 'payments.order', targetType: 'fine-payment', targetId: merchantOrderNo, details: { amountFen: row.amountFen } });
      await this.caseStatus(tx, row, 'submitted', row.createdAt);
      return row;
    });
    try {
      const placed = await this.channel.createOrder({ merchantOrderNo, decisionNo, amountFen: order.amountFen });
      await repo.setChannelOrder(this.platform.db, order.id, placed.channelOrderNo);
      return { order: { ...order, channelOrderNo: placed.channelOrderNo }, payUrl: placed.payUrl };
    } catch (err) {
      await this.platform.db.transaction(async (tx) => {
        await repo.close(tx, order.id);
        await this.caseStatus(tx, order, 'closed', new Date());
      });
      throw new AppError(502, 'PAYMENT_CHANNEL_FAILED', `支付渠道下单失败：${err instanceof Error ? err.message : '未知错误'}`);
    }
  }

  /** The channel's asynchronous notification: verified, applied once, and the payment queued for the police zone in the same transaction. */
  async notify(body: string, signature: string, actor: Actor): Promise<'paid' | 'ignored'> {
    const result = this.channel.verifyNotification(body, signature);
    if (!result) throw new AppError(400, 'NOTIFICATION_SIGNATURE_INVALID', '支付通知签名无效');
    const effect = await this.confirm(result, actor);
    // After the commit: the notice never holds up or undoes the payment.
    const order = effect === 'paid' ? await repo.byOrderNo(this.platform.db, result.merchantOrderNo) : undefined;
    if (order) await this.notices.send(order);
    return effect;
  }

  private confirm(result: NonNullable<ReturnType<EcnyPaymentPort['verifyNotification']>>, actor: Actor): Promise<'paid' | 'ignored'> {
    return this.platform.db.transaction(async (tx) => {
      const order = await repo.byOrderNo(tx, result.merchantOrderNo, true);
      const effect = notificationEffect(order, result);
      if (effect === 'mismatch' || !order) throw conflict('NOTIFICATION_MISMATCH', '支付通知与订单不符');
      if (effect === 'ignore') return 'ignored';
      const paidAt = result.paidAt ? new Date(result.paidAt) : new Date();
      await repo.markPaid(tx, order.id, paidAt);
      await this.crossToPolice(tx, { ...order, paidAt, channelOrderNo: result.channelOrderNo });
      await this.caseStatus(tx, order, 'completed', paidAt);
      await audit(tx, actor, { action: 'payments.paid', targetType: 'fine-payment', targetId: order.merchantOrderNo, details: { amountFen: order.amountFen } });
      return 'paid';
    });
  }

  /**
   * Queues the payment's state for the police zone in the caller's transaction. The record is keyed by the decision;
   * its version is 1 + the refunded total, which only grows, so a refund crosses as a newer version that replaces
   * the older one there, and a repeat of the same state applies nothing.
   */
  private async crossToPolice(tx: Tx, order: PaymentRow, refundedAt?: Date): Promise<void> {
    if (!order.paidAt || !order.channelOrderNo) throw new Error(`order ${order.merchantOrderNo} crosses unpaid`);
    await this.exchange().enqueue(tx, 'payments', [
      {
        key: order.decisionNo,
        version: 1 + order.refundedFen,
        data: {
          decisionNo: order.decisionNo,
          amountFen: order.fineFen,
          lateFeeFen: order.lateFeeFen,
          paidAt: order.paidAt.toISOString(),
          channelOrderNo: order.channelOrderNo,
          channel: 'ecny',
          refundedFen: order.refundedFen,
          ...(refundedAt ? { refundedAt: refundedAt.toISOString() } : {}),
        },
      },
    ]);
  }

  /** G4: the order's 办件 status for the 一网通办 hub (the payer is not known here: no user, nothing personal). */
  private caseStatus(tx: Tx, order: PaymentRow, status: HubCaseStatus, at: Date): Promise<void> {
    return this.hub().caseStatus(tx, {
      serviceCode: HUB_SERVICE_CODES.finePayment,
      businessNo: order.merchantOrderNo,
      status,
      at,
      summary: `罚款缴纳 ${(order.amountFen / 100).toFixed(2)} 元`,
    });
  }

  /** A refund through the channel, crossing to the police zone in the same transaction; the order is refunded in full when nothing is left. */
  async refund(merchantOrderNo: string, amountFen: number, reason: string, actor: Actor): Promise<PaymentRow | undefined> {
    const order = await repo.byOrderNo(this.platform.db, merchantOrderNo);
    if (!order) return undefined;
    const refused = refundRefusal(order, amountFen);
    if (refused) throw conflict('BUSINESS_REFUSED', refused);
    const refundNo = `TK${randomBytes(8).toString('hex').toUpperCase()}`;
    await this.channel.refund(merchantOrderNo, refundNo, amountFen).catch((err: unknown) => {
      throw new AppError(502, 'PAYMENT_CHANNEL_FAILED', `支付渠道退款失败：${err instanceof Error ? err.message : '未知错误'}`);
    });
    return this.platform.db.transaction(async (tx) => {
      const locked = await repo.byOrderNo(tx, merchantOrderNo, true);
      if (!locked) throw new Error('order vanished');
      const refundedFen = locked.refundedFen + amountFen;
      await repo.addRefund(tx, { paymentId: locked.id, refundNo, amountFen, reason }, refundedFen, refundedFen === locked.amountFen);
      await this.crossToPolice(tx, { ...locked, refundedFen }, new Date());
      if (refundedFen === locked.amountFen) await this.caseStatus(tx, locked, 'refunded', new Date());
      await audit(tx, actor, { action: 'payments.refund', targetType: 'fine-payment', targetId: merchantOrderNo, details: { amountFen, refundNo, reason } });
      return repo.byOrderNo(tx, merchantOrderNo);
    });
  }

  /**
   * The daily reconciliation against the channel's statement (a Shanghai day): our orders paid that day line by line
   * against the statement's payments, and our refunds of that day per order against its refund lines; the result is
   * kept (a later run of the day replaces it).
   */
  async reconcileDay(day: string): Promise<ReconciliationRow> {
    const from = new Date(`${day}T00:00:00+08:00`);
    const to = new Date(from.getTime() + 86_400_000);
    const paid = await repo.paidBetween(this.platform.db, from, to);
    const refunded = await repo.refundedBetween(this.platform.db, from, to);
    const statement = await this.channel.statement(day).catch((err: unknown) => {
      throw new AppError(502, 'PAYMENT_CHANNEL_FAILED', `支付渠道对账单获取失败：${err instanceof Error ? err.message : '未知错误'}`);
    });
    const { matched, mismatches } = reconcile(paid, refunded, statement, await this.midnightNeighbours(from, to));
    return repo.saveReconciliation(this.platform.db, day, matched, mismatches);
  }

  /**
   * What explains a mismatch at midnight: ours booked within the tolerance on each side of the day's edges, and the
   * channel's neighbouring days (a neighbour's statement that cannot be had explains nothing: the mismatch stays listed).
   */
  private async midnightNeighbours(from: Date, to: Date): Promise<MidnightNeighbours | undefined> {
    const tolerance = (await this.platform.params.get(paymentsParams.reconcileMidnightMinutes)) * 60_000;
    if (tolerance === 0) return undefined;
    const db = this.platform.db;
    const at = (ms: number) => new Date(ms);
    const [beforeFrom, afterFrom, beforeTo, afterTo] = [
      at(from.getTime() - tolerance),
      at(from.getTime() + tolerance),
      at(to.getTime() - tolerance),
      at(to.getTime() + tolerance),
    ];
    const neighbour = (offset: number) => this.channel.statement(shanghaiDay(at(from.getTime() + offset * 86_400_000))).catch(() => []);
    return {
      edges: {
        paid: [...(await repo.paidBetween(db, from, afterFrom)), ...(await repo.paidBetween(db, beforeTo, to))],
        refunded: [...(await repo.refundedBetween(db, from, afterFrom)), ...(await repo.refundedBetween(db, beforeTo, to))],
      },
      paid: [...(await repo.paidBetween(db, beforeFrom, from)), ...(await repo.paidBetween(db, to, afterTo))],
      refunded: [...(await repo.refundedBetween(db, beforeFrom, from)), ...(await repo.refundedBetween(db, to, afterTo))],
      statement: [...(await neighbour(-1)), ...(await neighbour(1))],
    };
  }

  async get(merchantOrderNo: string): Promise<PaymentRow | undefined> {
    return repo.byOrderNo(this.platform.db, merchantOrderNo);
  }
}
