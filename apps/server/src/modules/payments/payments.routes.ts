import {
  PaymentOrderListQuerySchema,
  PaymentOrderListSchema,
  PaymentOrderSchema,
  PaymentReconciliationListSchema,
  PaymentReconciliationSchema,
} from '@shtp/core/payments';
import { type ApiErrorCode, PageQuerySchema } from '@shtp/core/platform';
import { mobileField } from '@shtp/core/validators';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EcnySimulator } from '../../integrations/ecny-payment/ecny.simulator.ts';
import { systemActor } from '../../platform/audit/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { sendXlsx } from '../../platform/export/xlsx-stream.ts';
import { actorOf, authOf, perm } from '../../platform/http/access.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { fastResponse } from '../../platform/http/fast-response.ts';
import type { Platform } from '../../platform/platform.ts';
import type { CitizenQueryService } from './citizen-query.service.ts';
import { orderActions } from './payment.policy.ts';
import { PP } from './payments.permissions.ts';
import { type PaymentRow, type ReconciliationRow, paymentsRepository as repo } from './payments.repository.ts';
import type { PaymentsService } from './payments.service.ts';
import { ordersWorkbookStream } from './payments-export.ts';

const tags = ['罚款缴纳（数字人民币）'];
const orderView = (o: PaymentRow) => ({
  merchantOrderNo: o.merchantOrderNo,
  decisionNo: o.decisionNo,
  fineFen: o.fineFen,
  lateFeeFen: o.lateFeeFen,
  amountFen: o.amountFen,
  state: o.state,
  refundedFen: o.refundedFen,
  paidAt: o.paidAt?.toISOString() ?? null,
});
const reconciliationView = (r: ReconciliationRow) => ({ day: r.day, matched: r.matched, mismatches: r.mismatches, checkedAt: r.checkedAt.toISOString() });

/** G10 routes: an order for a decision, the channel's signed notification (public, verified), an order's state. */
export async function paymentsRoutes(
  fastify: FastifyInstance,
  platform: Platform,
  service: PaymentsService,
  citizens: CitizenQueryService,
  simulator?: EcnySimulator,
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  if (simulator) simulatedWalletRoute(fastify, simulator);

  app.post(
    '/api/payments/orders',
    {
      // A partner (随申办) places the order for its citizen with a signed call; the back office with a session.
      config: { access: perm(PP.order), service: 'violation:query', idempotent: true },
      schema: {
        tags,
        summary: '按处罚决定书编号创建数字人民币缴款订单（金额 = 罚款 + 加处罚款）',
        body: z.strictObject({
          decisionNo: z.string({ error: '请填写处罚决定书编号' }).regex(/^[0-9A-Za-z-]{6,40}$/, '处罚决定书编号格式不正确'),
          /** G9: where the 缴款 notice goes (optional, kept encrypted). */
          mobile: mobileField('接收缴款通知的手机号码').optional(),
        }),
        response: { 200: z.object({ order: PaymentOrderSchema, payUrl: z.string() }) },
      },
    },
    async (request) => {
      const { order, payUrl } = await service.order(request.body.decisionNo, actorOf(request), request.body.mobile);
      return { order: orderView(order), payUrl };
    },
  );

  app.post(
    '/api/payments/violation-query',
    {
      config: { access: perm(PP.view), service: 'violation:query' },
      // A hot read (G6, asked by partners many times a second): the answer written by fast-json-stringify.
      ...fastResponse,
      schema: {
        tags,
        summary:
          'G6 第三方违法查询：随申办身份断言或 openid，号牌 + 整车编码后 6 位（持车证明），结果脱敏、分页；按号牌、用户限流，1 小时内 5 次核验不符锁定 24 小时，每次调用留痕',
        body: z
          .strictObject({
            hphm: z.string({ error: '请填写号牌号码' }).trim().min(5, '号牌号码格式不正确').max(12, '号牌号码格式不正确'),
            clsbdh: z
              .string({ error: '请填写整车编码后 6 位' })
              .trim()
              .regex(/^[0-9A-Za-z]{6}$/, '整车编码后 6 位须为 6 位字母或数字'),
            openid: z.string({ error: '请填写随申办用户标识' }).trim().min(8, '随申办用户标识格式不正确').max(64, '随申办用户标识格式不正确').optional(),
            assertion: z.string({ error: '随申办身份断言格式不正确' }).max(4096, '随申办身份断言过长').optional(),
            pageNo: z.number({ error: '页码须为正整数' }).int('页码须为正整数').min(1, '页码须为正整数').max(10_000, '页码过大').default(1),
            pageSize: z.number({ error: '每页条数须为 1–50' }).int('每页条数须为 1–50').min(1, '每页条数须为 1–50').max(50, '每页最多 50 条').default(20),
          })
          .refine((b) => b.openid || b.assertion, { path: ['openid'], message: '请填写随申办用户标识或提供随申办身份断言' }),
        response: {
          200: z.object({
            hphm: z.string(),
            total: z.number().int(),
            pageNo: z.number().int(),
            pageSize: z.number().int(),
            requestId: z.string().nullable(),
            items: z.array(
              z.object({
                jdsbh: z.string(),
                wfsj: z.string(),
                wfdz: z.string(),
                wfxw: z.string(),
                wfjfs: z.number().int(),
                fkjeFen: z.number().int(),
                znjFen: z.number().int(),
                jkbj: z.enum(['0', '1']),
                jkqx: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => citizens.query(request.body, actorOf(request)),
  );

  app.post(
    '/api/payments/ecny/notify',
    {
      // The channel calls without a session: its SM2 signature over the body is the credential.
      config: { access: 'public' },
      schema: {
        tags,
        summary: '数字人民币渠道的异步支付通知（渠道 SM2 签名，重复通知幂等）',
        body: z.strictObject({ body: z.string().min(2).max(10_000), signature: z.string().regex(/^[0-9a-f]+$/, '签名须为十六进制') }),
        response: { 200: z.object({ code: z.literal('SUCCESS'), effect: z.enum(['paid', 'ignored']) }) },
      },
    },
    async (request) => ({ code: 'SUCCESS' as const, effect: await service.notify(request.body.body, request.body.signature, systemActor('ecny-notify')) }),
  );

  app.post(
    '/api/payments/orders/:merchantOrderNo/refund',
    {
      config: { access: perm(PP.refund), idempotent: true },
      schema: {
        tags,
        summary: '退款（经支付渠道，部分或全额）',
        params: z.strictObject({ merchantOrderNo: z.string().max(64) }),
        body: z.strictObject({
          amountFen: z.number({ error: '退款金额须为正整数（分）' }).int('退款金额须为正整数（分）').min(1, '退款金额须为正整数（分）'),
          reason: z.string({ error: '请填写退款原因' }).trim().min(2, '请填写退款原因').max(200, '退款原因不超过 200 字'),
        }),
        response: { 200: PaymentOrderSchema },
      },
    },
    async (request) => {
      const order = await service.refund(request.params.merchantOrderNo, request.body.amountFen, request.body.reason, actorOf(request));
      if (!order) throw notFound('缴款订单');
      return orderView(order);
    },
  );

  app.get(
    '/api/payments/orders',
    {
      config: { access: perm(PP.view) },
      schema: {
        tags,
        summary: '缴款订单列表（新的在前；按状态、决定书编号筛选）',
        querystring: PaymentOrderListQuerySchema,
        response: { 200: PaymentOrderListSchema },
      },
    },
    async (request) => {
      const q = request.query;
      const { items, total } = await repo.list(platform.db, { state: q.state, decisionNo: q.decisionNo, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      const permissions = authOf(request).principal.permissions;
      return {
        items: items.map((o) => ({ ...orderView(o), createdAt: o.createdAt.toISOString(), actions: orderActions(permissions, o) })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.get(
    '/api/payments/orders/export',
    {
      config: { access: perm(PP.view) },
      schema: { tags, summary: '导出缴款订单（Excel，流式，条件同列表）', querystring: PaymentOrderListQuerySchema.omit({ page: true, pageSize: true }) },
    },
    async (request, reply) => {
      await audit(platform.db, actorOf(request), { action: 'payments.orders.export', targetType: 'payment', details: { filters: request.query } });
      return sendXlsx(reply, '缴款订单', 'payment-orders', ordersWorkbookStream(repo.stream(platform.db, request.query)));
    },
  );

  app.get(
    '/api/payments/reconciliations',
    {
      config: { access: perm(PP.view) },
      schema: { tags, summary: '每日对账结果（新的日期在前）', querystring: PageQuerySchema, response: { 200: PaymentReconciliationListSchema } },
    },
    async (request) => {
      const q = request.query;
      const { items, total } = await repo.reconciliations(platform.db, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { items: items.map(reconciliationView), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.post(
    '/api/payments/reconciliations',
    {
      config: { access: perm(PP.view) },
      schema: {
        tags,
        summary: '对账：某日本方已缴订单与渠道对账单逐笔核对，列出不符项并保存（每日凌晨自动对前一日）',
        body: z.strictObject({ day: z.string({ error: '请选择对账日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为 YYYY-MM-DD') }),
        response: { 200: PaymentReconciliationSchema },
      },
    },
    async (request) => reconciliationView(await service.reconcileDay(request.body.day)),
  );

  app.get(
    '/api/payments/orders/:merchantOrderNo',
    {
      config: { access: perm(PP.view) },
      schema: { tags, summary: '缴款订单状态', params: z.strictObject({ merchantOrderNo: z.string().max(64) }), response: { 200: PaymentOrderSchema } },
    },
    async (request) => {
      const order = await service.get(request.params.merchantOrderNo);
      if (!order) throw notFound('缴款订单');
      return orderView(order);
    },
  );
}

/**
 * Only with the in-process channel simulator (outside production, no ECNY_URL): the payer confirming in the e-CNY wallet.
 * The simulator then posts its signed notification to the public notify route, as the channel would, so that a local
 * two-zone run (and its browser test) can pay without the channel.
 */
function simulatedWalletRoute(fastify: FastifyInstance, simulator: EcnySimulator) {
  fastify.withTypeProvider<ZodTypeProvider>().post(
    '/api/payments/ecny-simulator/pay',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '（仅模拟器）付款人在数字人民币钱包中确认支付，模拟渠道随即发出签名的支付通知',
        body: z.strictObject({ merchantOrderNo: z.string({ error: '请填写商户订单号' }).regex(/^[A-Za-z0-9-]{8,64}$/, '商户订单号格式不正确') }),
        response: { 200: z.object({ code: z.literal('SUCCESS'), effect: z.enum(['paid', 'ignored']) }) },
      },
    },
    async (request) => {
      let notification: { body: string; signature: string };
      try {
        notification = simulator.pay(request.body.merchantOrderNo);
      } catch {
        throw notFound('缴款订单');
      }
      const res = await fastify.inject({ method: 'POST', url: '/api/payments/ecny/notify', payload: notification });
      const answer = res.json() as { code: ApiErrorCode; message?: string; effect: 'paid' | 'ignored' };
      if (res.statusCode !== 200) throw new AppError(res.statusCode, answer.code, answer.message ?? '支付通知未被接受');
      return { code: 'SUCCESS' as const, effect: answer.effect };
    },
  );
}
