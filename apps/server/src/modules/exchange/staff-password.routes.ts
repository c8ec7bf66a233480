import { StaffPasswordIssuedSchema, StaffPasswordStatusSchema } from '@shtp/core/exchange';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, authOf } from '../../platform/http/access.ts';
import type { StaffPasswordService } from './staff-password.service.ts';

const tags = ['数据交换'];

/** G5/G13 self-service of a recognised officer (police zone): the internet-zone initial password, shown once. */
export async function staffPasswordRoutes(fastify: FastifyInstance, service: StaffPasswordService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/exchange/staff-password',
    {
      config: { access: 'session' },
      schema: { tags, summary: '本人能否申请互联网区账户初始密码、上次申请时间', response: { 200: StaffPasswordStatusSchema } },
    },
    async (request) => service.status(authOf(request).principal),
  );
  app.post(
    '/api/exchange/staff-password',
    {
      config: { access: 'session', rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '申请本人的互联网区账户初始密码（仅显示一次；下一次数据交换后生效，首次登录须修改；留审计）',
        response: { 200: StaffPasswordIssuedSchema },
      },
    },
    async (request) => service.issue(authOf(request).principal, actorOf(request)),
  );
}
