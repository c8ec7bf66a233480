import { SmsMessageListSchema, SmsMessageQuerySchema, SmsMessageSchema } from '@shtp/core/payments';
import { BigIdParamsSchema } from '@shtp/core/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, perm } from '../../platform/http/access.ts';
import { PP } from './payments.permissions.ts';
import type { SmsMessages } from './sms-messages.service.ts';

/** G9 routes: the send states of the zone's SMS for the administrator who manages the templates (every read audited), and 重发. */
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
  app.post(
    '/api/payments/sms-messages/:id/resend',
    {
      config: { access: perm(PP.smsResend) },
      schema: {
        tags: ['短信模板（政务云短信平台）'],
        summary: '重发未送达的短信（或暂缓、待重发的重发短信）：以新批次按原模板变量与号码再发一次，每条至多重发一次；记审计',
        params: BigIdParamsSchema,
        response: { 200: SmsMessageSchema },
      },
    },
    async (request) => messages.resend(request.params.id, actorOf(request)),
  );
}
