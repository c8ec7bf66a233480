import { CitizenAccountListSchema, CitizenAccountQuerySchema } from '@shtp/core/payments';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, perm } from '../../platform/http/access.ts';
import type { CitizenAccounts } from './citizen-accounts.service.ts';
import { PP } from './payments.permissions.ts';

/** G5 route: the internet zone's administrator lists the local citizen accounts, masked; every read audited. */
export async function citizenAccountRoutes(fastify: FastifyInstance, accounts: CitizenAccounts) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/payments/citizen-accounts',
    {
      config: { access: perm(PP.citizenAccounts) },
      schema: {
        tags: ['互认本地用户（随申办）'],
        summary: '互认本地用户列表（新的在前，身份证号与姓名脱敏）；可按身份证号查找（按盲索引，号码不入审计）；每次查询记审计',
        querystring: CitizenAccountQuerySchema,
        response: { 200: CitizenAccountListSchema },
      },
    },
    async (request) => {
      const q = request.query;
      const { items, total } = await accounts.list(q, actorOf(request));
      return { items, total, page: q.page, pageSize: q.pageSize };
    },
  );
}
