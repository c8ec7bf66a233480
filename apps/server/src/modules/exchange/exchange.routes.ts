import { ExchangeAttentionSchema, ExchangePackageListSchema, ExchangeReconciliationSchema, ExchangeRunResultSchema, PACKAGE_STATES } from '@shtp/core/exchange';
import { PageQuerySchema, PG_INTEGER_MAX } from '@shtp/core/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditedCall } from '../../platform/audit/audited-call.ts';
import { actorOf, authOf, perm } from '../../platform/http/access.ts';
import { badRequest } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { XP } from './exchange.permissions.ts';
import { exchangeRepository as repo } from './exchange.repository.ts';
import type { ExchangeService } from './exchange.service.ts';
import { packageView } from './exchange.view.ts';
import { packageActions } from './package-actions.policy.ts';

const tags = ['数据交换'];
const channelName = z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, '通道名无效');

/** The console's view of the crossing: packages per direction, the daily reconciliation, and the operator's actions. */
export async function exchangeRoutes(fastify: FastifyInstance, platform: Platform, service: ExchangeService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/exchange/packages',
    {
      config: { access: perm(XP.view) },
      schema: {
        tags,
        summary: '数据包列表（发出或接收）',
        querystring: z.strictObject({
          direction: z.enum(['out', 'in'], { error: '方向须为 out（发出）或 in（接收）' }),
          state: z.enum(Object.keys(PACKAGE_STATES) as [keyof typeof PACKAGE_STATES], { error: '状态无效' }).optional(),
          page: PageQuerySchema.shape.page,
          pageSize: z.coerce.number({ error: '每页条数须为 1–100' }).int().min(1).max(100).default(20),
        }),
        response: { 200: ExchangePackageListSchema },
      },
    },
    async (request) => {
      const q = request.query;
      const { items, total } = await repo.listPackages(platform.db, {
        direction: q.direction,
        state: q.state,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      const permissions = authOf(request).principal.permissions;
      return { items: items.map((row) => packageView(row, packageActions(permissions, row.direction))), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/api/exchange/reconciliation',
    {
      config: { access: perm(XP.view) },
      schema: {
        tags,
        summary: '每日对账：按日、方向、数据类型统计的数据包与记录数，以及缺失的序号',
        querystring: z.strictObject({ days: z.coerce.number({ error: '天数须为 1–90' }).int().min(1).max(90).default(7) }),
        response: { 200: ExchangeReconciliationSchema },
      },
    },
    async (request) => service.reconciliation(request.query.days),
  );

  app.get(
    '/api/exchange/attention',
    {
      config: { access: perm(XP.view) },
      schema: { tags, summary: '工作台：已隔离、等待缺失序号的接收数据包数，以及当前缺失的序号数', response: { 200: ExchangeAttentionSchema } },
    },
    () => service.attention(),
  );

  app.post(
    '/api/exchange/run',
    {
      config: { access: perm(XP.operate) },
      schema: { tags, summary: '立即执行一次交换（导出增量、封装发出、扫描接收）', response: { 200: ExchangeRunResultSchema } },
    },
    async (request) =>
      auditedCall(platform.db, actorOf(request), { action: 'exchange.run', targetType: 'exchange', targetId: platform.config.zone }, async () => {
        const r = await service.cycle();
        return {
          result: { sealed: r.sealed, received: r.scan.applied + r.scan.duplicate + r.scan.quarantined + r.scan.held },
          details: { ...r.scan, sealed: r.sealed },
        };
      }),
  );

  app.post(
    '/api/exchange/resend',
    {
      config: { access: perm(XP.operate) },
      schema: {
        tags,
        summary: '重发已发出的数据包（按序号，从留存副本）',
        body: z.strictObject({
          channel: channelName,
          sequences: z
            .array(z.number({ error: '序号须为正整数' }).int('序号须为正整数').min(1, '序号须为正整数').max(PG_INTEGER_MAX, '序号过大'), {
              error: '请给出序号',
            })
            .min(1)
            .max(1000),
        }),
        response: { 200: z.object({ resent: z.number().int() }) },
      },
    },
    async (request) =>
      auditedCall(
        platform.db,
        actorOf(request),
        { action: 'exchange.resend', targetType: 'exchange-channel', targetId: request.body.channel, details: { sequences: request.body.sequences } },
        async () => {
          const resent = await service.outbound.resend(request.body.channel, request.body.sequences);
          return { result: { resent }, details: { resent } };
        },
      ),
  );

  app.post(
    '/api/exchange/resync',
    {
      config: { access: perm(XP.operate) },
      schema: {
        tags,
        summary: '全量重同步：数据源的增量水位回到起点，下次交换重新发出全部数据',
        body: z.strictObject({ channel: channelName }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      if (!service.channels().sends.includes(request.body.channel)) throw badRequestChannel();
      await auditedCall(
        platform.db,
        actorOf(request),
        { action: 'exchange.resync', targetType: 'exchange-channel', targetId: request.body.channel },
        async () => {
          await service.resetWatermark(request.body.channel);
          return { result: null };
        },
      );
      return reply.code(204).send(null);
    },
  );
}

const badRequestChannel = () => badRequest('VALIDATION_FAILED', '本区域不发出该数据类型', [{ field: 'channel', message: '本区域不发出该数据类型' }]);
