import { CitizenAccountListSchema, CitizenAccountQuerySchema, CitizenIdentityListSchema } from '@shtp/core/payments';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
  app.get(
    '/api/payments/citizen-accounts/:id/identities',
    {
      config: { access: perm(PP.citizenAccounts) },
      schema: {
        tags: ['互认本地用户（随申办）'],
        summary: '一个互认本地用户对应的随申办用户标识（脱敏）、备案与最近一次断言时间；记审计',
        params: z.strictObject({ id: z.coerce.number({ error: '本地用户编号无效' }).int().positive() }),
        response: { 200: CitizenIdentityListSchema },
      },
    },
    async (request) => ({ items: await accounts.identities(request.params.id, actorOf(request)) }),
  );
}
