import { SmsMessageListSchema, SmsMessageQuerySchema } from '@shtp/core/payments';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, perm } from '../../platform/http/access.ts';
import { PP } from './payments.permissions.ts';
import type { SmsMessages } from './sms-messages.service.ts';

/** G9 route: the send states of the zone's SMS, for the administrator who manages the templates; every read audited. */
export async function smsMessageRoutes(fastify: FastifyInstance, messages: SmsMessages) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/payments/sms-messages',
    {
      config: { access: perm(PP.smsTemplate) },
      schema: {
        tags: ['短信模板（政务云短信平台）'],
        summary: '短信发送状态（新的在前，手机号脱敏）；可按状态、模板、日期与完整手机号查找（按盲索引，号码不入审计）；每次查询记审计',
        querystring: SmsMessageQuerySchema,
        response: { 200: SmsMessageListSchema },
      },
    },
    async (request) => {
      const q = request.query;
      const { items, total } = await messages.list(q, actorOf(request));
      return { items, total, page: q.page, pageSize: q.pageSize };
    },
  );
}
